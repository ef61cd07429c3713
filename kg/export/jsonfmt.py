"""networkx node-link JSON: every relation kept as its own edge (no collapsing)."""
from __future__ import annotations

import json
import os

import networkx as nx

from kg.export._atomic import write_text_atomic


def json_text(graph: nx.MultiDiGraph) -> str:
    data = nx.node_link_data(graph, edges="edges")
    data["graph"] = {}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def write_json(graph: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    write_text_atomic(path, json_text(graph))


def read_json(path: str | os.PathLike[str]) -> nx.MultiDiGraph:
    with open(path, encoding="utf-8") as fh:
        return nx.node_link_graph(json.load(fh), edges="edges", directed=True, multigraph=True)
