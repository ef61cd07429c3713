"""Exporters: one thin function per format over a writer; all write atomically."""
from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import InputError, OutputError

FORMATS = {".html": "html", ".htm": "html", ".graphml": "graphml", ".gexf": "gexf", ".json": "json"}


def format_of(path: str | os.PathLike[str]) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(sorted(set(FORMATS) - {".htm"}))
        raise OutputError(f"cannot tell the format of output {path}: use one of the extensions {known}")
    return FORMATS[suffix]


def check_outputs(paths: Sequence[str | os.PathLike[str]]) -> None:
    """Fail before any work starts if an output cannot be written."""
    for path in paths:
        p = Path(path)
        if p.is_dir() or str(path).endswith(("/", os.sep)):
            raise OutputError(f"output path {path} is a folder; give a file name such as {p / 'graph.html'}")
        format_of(p)
        parent = p.parent
        while not parent.exists() and parent != parent.parent:
            parent = parent.parent
        if parent.exists() and not parent.is_dir():
            raise OutputError(f"cannot create the folder for {path}: {parent} is a file")
        if parent.exists() and not os.access(parent, os.W_OK):
            raise OutputError(f"cannot write {path}: folder {parent} is not writable")


def write_graph(graph: nx.MultiDiGraph, path: str | os.PathLike[str], **options: Any) -> None:
    """Write ``graph`` to ``path``; the format follows the extension. HTML options: title, max_nodes."""
    fmt = format_of(path)
    # Options shape the HTML view only; the data formats always carry the whole graph.
    if fmt == "graphml":
        from kg.export.graphml import write_graphml

        write_graphml(graph, path)
    elif fmt == "gexf":
        from kg.export.gexf import write_gexf

        write_gexf(graph, path)
    elif fmt == "json":
        from kg.export.jsonfmt import write_json

        write_json(graph, path)
    else:
        from kg.export.html import write_html

        write_html(graph, path, **options)


def read_graph(path: str | os.PathLike[str]) -> nx.MultiDiGraph:
    """Read a graph kg wrote (.graphml or .json) back, for ``kg show`` and ``kg timeline``."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"graph file {path} not found; build one first with: kg build INPUT -o {path}")
    suffix = p.suffix.lower()
    try:
        if suffix == ".graphml":
            return nx.MultiDiGraph(nx.read_graphml(p, force_multigraph=True))
        if suffix == ".json":
            from kg.export.jsonfmt import read_json

            return read_json(p)
    except Exception as exc:  # any parser error means the file is not a graph kg can read
        raise InputError(f"cannot read graph {path}: {type(exc).__name__}: {exc}; rebuild it with kg build") from None
    raise InputError(f"cannot read graph {path}: give a .graphml or .json file written by kg build")
