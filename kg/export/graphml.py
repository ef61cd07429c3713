"""GraphML for Gephi, igraph, networkx and other readers (see README "Graph contract")."""
from __future__ import annotations

import io
import os

import networkx as nx
from lxml import etree

from kg.export._atomic import write_atomic
from kg.export.collapse import collapse_parallel_edges

_NS = "{http://graphml.graphdrawing.org/xmlns}"


def graphml_bytes(graph: nx.MultiDiGraph) -> bytes:
    flat = collapse_parallel_edges(graph)  # a new graph: the writer's side effects never reach the caller's
    flat.graph.clear()
    buffer = io.BytesIO()
    nx.write_graphml_lxml(flat, buffer, encoding="utf-8", prettyprint=True, edge_id_from_attribute="id")
    return _drop_edge_id_data(buffer.getvalue())


def _drop_edge_id_data(data: bytes) -> bytes:
    """The edge id is already the XML ``id``; a second ``id`` data column makes igraph warn and Gephi show it twice."""
    root = etree.fromstring(data)
    for key in root.findall(f"{_NS}key"):
        if key.get("for") == "edge" and key.get("attr.name") == "id":
            key_id = key.get("id")
            root.remove(key)
            for el in root.iterfind(f".//{_NS}edge/{_NS}data[@key='{key_id}']"):
                el.getparent().remove(el)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def write_graphml(graph: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    data = graphml_bytes(graph)
    write_atomic(path, lambda fh: fh.write(data))
