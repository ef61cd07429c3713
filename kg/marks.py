"""How kg recognises the files it writes (graphs, its cache), so that it never reads them back as articles.

An output folder inside an input folder is common (``kg build news/ -o news/out/graph.html``): the next run
must not parse last week's graph as an article. The exporters write the marks; the reader looks for them.
"""
from __future__ import annotations

import re

GENERATOR = "kg"
# In the <head> of every HTML page kg writes.
HTML_GENERATOR_META = f'<meta name="generator" content="{GENERATOR}">'
_HTML_MARKS = (HTML_GENERATOR_META.encode(), b'<script type="application/json" id="kg-data">')  # the second: older pages
_SQLITE = b"SQLite format 3\x00"
_XML_GRAPH = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]{0,200}\?>\s*)?(?:<!--.{0,2000}?-->\s*)*<(graphml|gexf)\b", re.S)
# networkx node-link data, as kg writes it (sorted keys) or in networkx's own key order.
_NODE_LINK = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*\{\s*"(?:directed|multigraph)"\s*:\s*(?:true|false)\s*,')


def own_file_kind(data: bytes) -> str:
    """What ``data`` (a whole file, or its start) is when it is a graph kg writes: "a GraphML graph", ...; else ""."""
    if any(mark in data for mark in _HTML_MARKS):
        return "a graph page written by kg"
    xml = _XML_GRAPH.match(data[:4096])
    if xml:
        return f"a {'GraphML' if xml.group(1) == b'graphml' else 'GEXF'} graph"
    if _NODE_LINK.match(data[:256]):
        return "a node-link JSON graph"
    return ""


def is_node_link_graph(value: object) -> bool:
    """A parsed JSON value that is networkx node-link data (a graph), not article records."""
    return (
        isinstance(value, dict) and isinstance(value.get("nodes"), list)
        and isinstance(value.get("edges", value.get("links")), list) and "text" not in value
    )


def looks_like_cache(head: bytes) -> bool:
    """An SQLite database: what kg's extraction cache is (damaged or not)."""
    return head.startswith(_SQLITE)
