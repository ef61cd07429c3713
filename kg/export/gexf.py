"""GEXF for Gephi, with Gephi's own visual attributes (viz:color, viz:size)."""
from __future__ import annotations

import io
import os

import networkx as nx

from kg.export._atomic import write_atomic
from kg.export.collapse import collapse_parallel_edges


def gexf_bytes(graph: nx.MultiDiGraph) -> bytes:
    flat = collapse_parallel_edges(graph)
    flat.graph.clear()
    for _, data in flat.nodes(data=True):
        data["viz"] = {
            "color": {"r": int(data["r"]), "g": int(data["g"]), "b": int(data["b"]), "a": 1.0},
            "size": float(data["size"]),
        }
    buffer = io.BytesIO()
    nx.write_gexf(flat, buffer, encoding="utf-8", prettyprint=True, version="1.2draft")
    return buffer.getvalue()


def write_gexf(graph: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    data = gexf_bytes(graph)
    write_atomic(path, lambda fh: fh.write(data))
