"""GEXF 1.3 for Gephi: a dynamic graph whose Timeline plays the story, with Gephi's viz colours and sizes.

Our own writer, because networkx's cannot do what Gephi's Timeline needs: it writes GEXF 1.2draft in
static mode, puts ``name=""`` on ``<graph>`` (its own schema refuses that) and today's date in
``<meta lastmodifieddate>`` (the same graph gives other bytes tomorrow). Here:

- ``version="1.3"``; ``mode="dynamic"``, ``timeformat="date"``, ``timerepresentation="timestamp"`` as soon
  as one article is dated: every node and edge carries one ``<spell timestamp="YYYY-MM-DD"/>`` per date of
  the articles that mention it (an article is a point in time, not an interval). Undated elements carry no
  spell. With no dated article at all the graph is written ``mode="static"``.
- ``viz:color`` and ``viz:size`` from the node's ``r``/``g``/``b`` and ``size``; ``viz:position`` when the
  node has numeric ``x`` and ``y``. Those attributes are not repeated as data columns.
- one edge per ordered pair (see kg.export.collapse: Gephi merges parallel edges), the edge ``label`` and
  ``weight`` as GEXF attributes; everything else as declared ``<attvalue>``s, the attribute's name as its id.
- no date in ``<meta>``, nodes sorted by id and edges by endpoints: the same graph gives the same bytes.
"""
from __future__ import annotations

import math
import os
import re
from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from kg.export._atomic import write_atomic
from kg.export.collapse import collapse_parallel_edges
from kg.display import LIST_SEP

NAMESPACE = "http://gexf.net/1.3"
VIZ = "http://gexf.net/1.3/viz"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_SCHEMA_LOCATION = f"{NAMESPACE} {NAMESPACE}/gexf.xsd"
DESCRIPTION = "Knowledge graph of news articles: people, organisations, places and events, with the sentences that link them"
TIME_ATTRIBUTE = "seen_dates"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Carried by GEXF itself (node label, viz) rather than as data columns.
_NODE_OWN = frozenset({"label", "size", "r", "g", "b", "color", "x", "y", "z"})
_EDGE_OWN = frozenset({"id", "label", "weight"})
_ILLEGAL = {c: None for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF]}
_ATTR_ESCAPES = {**_ILLEGAL, ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;",
                 ord("\n"): "&#10;", ord("\r"): "&#13;", ord("\t"): "&#9;"}


def gexf_bytes(graph: nx.MultiDiGraph) -> bytes:
    flat = collapse_parallel_edges(graph)  # a new graph: nothing here touches the caller's
    nodes = sorted(flat.nodes(data=True), key=lambda nd: str(nd[0]))
    edges = sorted(flat.edges(data=True), key=lambda e: (str(e[0]), str(e[1])))
    node_types = _types((d for _, d in nodes), _NODE_OWN)
    edge_types = _types((d for _, _, d in edges), _EDGE_OWN)
    dynamic = any(_dates(d) for _, d in nodes) or any(_dates(d) for _, _, d in edges)
    time = ' mode="dynamic" timeformat="date" timerepresentation="timestamp"' if dynamic else ' mode="static"'
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<gexf xmlns="{NAMESPACE}" xmlns:viz="{VIZ}" xmlns:xsi="{_XSI}" xsi:schemaLocation="{_SCHEMA_LOCATION}" version="1.3">',
        "  <meta>",
        "    <creator>kg</creator>",
        f"    <description>{DESCRIPTION}</description>",
        "  </meta>",
        f'  <graph defaultedgetype="directed"{time}>',
    ]
    for domain, types in (("node", node_types), ("edge", edge_types)):
        if types:
            out.append(f'    <attributes class="{domain}" mode="static">')
            out.extend(f"      <attribute id={_q(n)} title={_q(n)} type=\"{t}\"/>" for n, t in types.items())
            out.append("    </attributes>")
    out.append(f'    <nodes count="{len(nodes)}">')
    for node, data in nodes:
        out.append(f"      <node id={_q(str(node))} label={_q(str(data.get('label', node)))}>")
        _attvalues(out, data, node_types)
        _spells(out, data)
        _viz(out, data)
        out.append("      </node>")
    out.append("    </nodes>")
    out.append(f'    <edges count="{len(edges)}">')
    for u, v, data in edges:
        weight = _number(data.get("weight"))
        head = f"      <edge id={_q(str(data.get('id', f'{u}->{v}')))} source={_q(str(u))} target={_q(str(v))}"
        if data.get("label"):
            head += f" label={_q(str(data['label']))}"
        if weight is not None and weight >= 0:
            head += f' weight="{weight!r}"'
        out.append(head + ">")
        _attvalues(out, data, edge_types)
        _spells(out, data)
        out.append("      </edge>")
    out.append("    </edges>")
    out.append("  </graph>")
    out.append("</gexf>\n")
    return "\n".join(out).encode("utf-8")


def write_gexf(graph: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    data = gexf_bytes(graph)
    write_atomic(path, lambda fh: fh.write(data))


def _types(items: Iterable[dict], own: frozenset[str]) -> dict[str, str]:
    """Attribute name -> GEXF type, one per name: ints are integer, other numbers double, the rest string."""
    seen: dict[str, set[type]] = defaultdict(set)
    for data in items:
        for name, value in data.items():
            if name not in own and value is not None and value != "":
                seen[name].add(type(value))
    types = {}
    for name, kinds in seen.items():
        if kinds == {int}:
            types[name] = "integer"
        elif kinds <= {int, float}:
            types[name] = "double"
        else:
            types[name] = "string"  # bool too: readers spell it differently; kg writes flags as ints
    return dict(sorted(types.items()))


def _attvalues(out: list[str], data: dict, types: dict[str, str]) -> None:
    values = []
    for name, gtype in types.items():
        value = data.get(name)
        if value is None or value == "":
            continue
        if gtype == "double":
            number = _number(value)
            if number is None:
                continue  # NaN and infinities: Gephi refuses them
            text = repr(number)
        else:
            text = str(value)
        values.append(f"          <attvalue for={_q(name)} value={_q(text)}/>")
    if values:
        out.append("        <attvalues>")
        out.extend(values)
        out.append("        </attvalues>")


def _dates(data: dict) -> list[str]:
    # Only ISO dates: anything else would make the file invalid (xs:date) and Gephi refuse it.
    return sorted({d for d in str(data.get(TIME_ATTRIBUTE, "")).split(LIST_SEP) if _ISO_DATE.fullmatch(d)})


def _spells(out: list[str], data: dict) -> None:
    dates = _dates(data)
    if dates:
        out.append("        <spells>")
        out.extend(f'          <spell timestamp="{d}"/>' for d in dates)
        out.append("        </spells>")


def _viz(out: list[str], data: dict) -> None:
    rgb = [_channel(data.get(c)) for c in ("r", "g", "b")]
    if all(c is not None for c in rgb):
        out.append(f'        <viz:color r="{rgb[0]}" g="{rgb[1]}" b="{rgb[2]}" a="1.0"/>')
    size = _number(data.get("size"))
    if size is not None and size >= 0:
        out.append(f'        <viz:size value="{size!r}"/>')
    x, y = _number(data.get("x")), _number(data.get("y"))
    if x is not None and y is not None:
        out.append(f'        <viz:position x="{x!r}" y="{y!r}" z="0.0"/>')


def _channel(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value) if 0 <= value <= 255 else None


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _q(value: str) -> str:
    return '"' + value.translate(_ATTR_ESCAPES) + '"'
