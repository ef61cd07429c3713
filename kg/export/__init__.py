"""Exporters: one thin function per format over a writer; all write atomically.

``write_graphs`` writes several outputs of one run as a set: every file is written in full to a hidden
temporary file first, then all are renamed into place with Ctrl-C held back for those few renames, so
a run replaces all its outputs or none.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from kg.display import quote
from kg.errors import InputError, OutputError, WriteError
from kg.signals import interrupts_held

FORMATS = {".html": "html", ".htm": "html", ".graphml": "graphml", ".gexf": "gexf", ".json": "json"}


def format_of(path: str | os.PathLike[str]) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(sorted(set(FORMATS) - {".htm"}))
        raise OutputError(f"cannot tell the format of output {quote(path)}: use one of the extensions {known}")
    return FORMATS[suffix]


# A temporary name keeps this much of the output's own name: the whole of a long one would not fit.
TEMPORARY_NAME_KEPT = 40
NAME_MAX = 255  # bytes in one file name on the usual file systems (ext4, XFS, APFS, NTFS in UTF-16 units)


def temporary_suffix(target: str | os.PathLike[str]) -> str:
    """The end of a temporary name for ``target``: part of its name (to tell whose it is) and its extension
    (which the writers go by)."""
    stem, extension = os.path.splitext(os.path.basename(target))
    return f".{stem[:TEMPORARY_NAME_KEPT]}{extension}"


def check_outputs(paths: Sequence[str | os.PathLike[str]]) -> None:
    """Fail before any work starts if an output cannot be written."""
    for path in paths:
        p = Path(path)
        if len(os.fsencode(p.name)) > NAME_MAX:  # first: the system calls below fail on it too
            raise OutputError(f"output name {quote(p.name)} is too long (over {NAME_MAX} bytes); give a shorter one")
        if p.is_dir() or str(path).endswith(("/", os.sep)):
            raise OutputError(f"output path {quote(path)} is a folder; give a file name such as {quote(p / 'graph.html')}")
        if p.exists() and not p.is_file():  # a FIFO or a device: kg would replace it by a file
            raise OutputError(f"output path {quote(path)} is a pipe or device, not a file; give a file name")
        format_of(p)
        parent = p.parent
        while not parent.exists() and parent != parent.parent:
            if os.path.islink(parent):  # makedirs would only say "File exists"
                raise OutputError(f"cannot write {quote(path)}: {quote(parent)} is a broken symbolic link (or a link "
                                  f"loop); fix the link or choose another folder")
            parent = parent.parent
        if parent.exists() and not parent.is_dir():
            raise OutputError(f"cannot create the folder for {quote(path)}: {quote(parent)} is a file")
        if parent.exists() and not os.access(parent, os.W_OK):
            raise OutputError(f"cannot write {quote(path)}: folder {quote(parent)} is not writable")


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


@dataclass(frozen=True)
class Written:
    """One output file of a run and what it holds (GraphML and GEXF hold one edge per ordered pair)."""

    path: str
    nodes: int
    edges: int


class OutputsInterrupted(KeyboardInterrupt):
    """Ctrl-C while outputs were being put in place; ``replaced`` names those already replaced."""

    def __init__(self, replaced: Sequence[str]) -> None:
        super().__init__()
        self.replaced = list(replaced)


def counts_of(graph: nx.MultiDiGraph, path: str | os.PathLike[str], **options: Any) -> tuple[int, int]:
    """(nodes, edges) the file at ``path`` holds once written with ``options``."""
    fmt = format_of(path)
    if fmt in ("graphml", "gexf"):
        return graph.number_of_nodes(), len({(u, v) for u, v in graph.edges()})
    if fmt == "html":
        from kg.export.html import DEFAULT_MAX_NODES, html_counts

        return html_counts(graph, options.get("max_nodes", DEFAULT_MAX_NODES))
    return graph.number_of_nodes(), graph.number_of_edges()


def write_graphs(graph: nx.MultiDiGraph, paths: Sequence[str | os.PathLike[str]], **options: Any) -> list[Written]:
    """Write ``graph`` to every path (format by extension): all of them replaced, or none.

    Each file is written in full beside its target under a hidden temporary name; only when all are
    written are they renamed into place, with Ctrl-C held back meanwhile. Ctrl-C before that leaves
    every earlier output as it was (KeyboardInterrupt); Ctrl-C during the renames takes effect after
    them (OutputsInterrupted naming them all). Should a rename fail (a full or read-only disk),
    the OutputError names the outputs that were replaced and those that were not.
    """
    targets = list(dict.fromkeys(os.fspath(p) for p in paths))
    staged: list[tuple[str, str]] = []
    try:
        for target in targets:
            folder = os.path.dirname(target) or "."
            try:
                os.makedirs(folder, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=".kg-", suffix=temporary_suffix(target), dir=folder)
            except OSError as exc:
                raise OutputError(f"cannot write {quote(target)}: {exc.strerror or exc}; check the folder is writable") from None
            os.close(fd)
            staged.append((tmp, target))
            try:
                write_graph(graph, tmp, **options)
            except (WriteError, OSError) as exc:  # named as the user knows it, not by its temporary name
                reason = exc.reason if isinstance(exc, WriteError) else exc.strerror or str(exc)
                raise OutputError(f"cannot write {quote(target)}: {reason}; free space or fix the folder's "
                                  f"permissions and run again (no output was replaced)") from None
        # Counted now, not after the renames: once they are done nothing may be left that Ctrl-C could cut.
        written = [Written(t, *counts_of(graph, t, **options)) for t in targets]
        replaced: list[str] = []
        with interrupts_held() as caught:
            for tmp, target in staged:
                try:
                    os.replace(tmp, target)
                except OSError as exc:
                    raise OutputError(_partial(target, exc, replaced, targets)) from None
                replaced.append(target)
            staged = []
            if caught:
                raise OutputsInterrupted(replaced)  # raised with Ctrl-C still held: no second one can hide it
    finally:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
    return written


def _partial(failed: str, exc: OSError, replaced: list[str], targets: list[str]) -> str:
    kept = [t for t in targets if t not in replaced]
    done = f"replaced: {', '.join(map(quote, replaced))}; " if replaced else ""
    return (f"cannot put {quote(failed)} in place ({exc.strerror or exc}); {done}left as they were: "
            f"{', '.join(map(quote, kept))}; free space or fix permissions and run again")


def read_graph(path: str | os.PathLike[str]) -> nx.MultiDiGraph:
    """Read a graph kg wrote (.graphml or .json) back, for ``kg show`` and ``kg timeline``."""
    p = Path(path)
    try:
        found = p.is_file()
    except OSError as exc:  # a name too long, a link loop
        raise InputError(f"cannot read graph {quote(path)}: {exc.strerror or exc}; check the path") from None
    if not found:
        raise InputError(f"graph file {quote(path)} not found; build one first with: kg build INPUT -o {quote(path)}")
    suffix = p.suffix.lower()
    try:
        if suffix == ".graphml":
            return nx.MultiDiGraph(nx.read_graphml(p, force_multigraph=True))
        if suffix == ".json":
            from kg.export.jsonfmt import read_json

            return read_json(p)
    except Exception as exc:  # any parser error means the file is not a graph kg can read
        raise InputError(f"cannot read graph {quote(path)}: {type(exc).__name__}: {exc}; rebuild it with kg build") from None
    raise InputError(f"cannot read graph {quote(path)}: give a .graphml or .json file written by kg build")
