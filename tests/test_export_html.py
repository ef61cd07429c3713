"""The HTML exporter without a browser: self-contained, escaped, deterministic, limited."""
from __future__ import annotations

import copy
import json
import re

import networkx as nx
import pytest

from kg.errors import ConfigError
from kg.export.html import DEFAULT_MAX_NODES, render_html, select_nodes, write_html
from kg.export.html_layout import compute_layout
from kg.style import TYPE_COLORS, TYPE_NAMES, color_of

HOSTILE_LABEL = "<img src=x onerror=alert(1)>"
HOSTILE_EVIDENCE = "He wrote </script><script>alert(1)</script> and <!-- then \u2028 left \"quoted\" 'too' & more"


def add_node(graph: nx.MultiDiGraph, node: str, label: str, type_: str, mentions: int = 1, **attrs) -> None:
    graph.add_node(node, label=label, type=type_, mentions=mentions, articles=1, sources="a.txt",
                   color=color_of(type_), **attrs)


def add_edge(graph: nx.MultiDiGraph, u: str, v: str, relation: str, kind: str, eid: str,
             weight: float = 1.0, evidence: str = "A sentence.") -> None:
    graph.add_edge(u, v, key=eid, id=eid, relation=relation, label=relation, kind=kind, weight=weight,
                   negated=0, evidence=evidence, evidence_source="a.txt", evidence_count=1,
                   evidence_all=f"a.txt\t{evidence}", sources="a.txt")


def small_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    add_node(g, "person:emmanuel-macron", "Emmanuel Macron", "PERSON", 5, aliases=f"Macron | {HOSTILE_LABEL}")
    add_node(g, "gpe:france", "France", "GPE", 7)
    add_node(g, "org:nato", "NATO", "ORG", 2)
    add_edge(g, "person:emmanuel-macron", "gpe:france", "president of", "role", "e-1", 2.0, HOSTILE_EVIDENCE)
    add_edge(g, "gpe:france", "org:nato", "co-occurs with", "co-occurrence", "e-2")
    return g


def data_of(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    assert match, "the data block is missing"
    return json.loads(match.group(1))


def test_page_is_self_contained():
    html = render_html(small_graph())
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert not re.search(r"<link\b", html, re.I)
    assert "bootstrap" not in html.lower()
    # vis-network itself is inlined, not referenced.
    assert "vis-network" in html and "@version 9.1.2" in html
    assert re.search(r"<script>\s*/\*\*\s*\n \* vis-network", html)
    assert '<script src' not in html


def test_hostile_text_cannot_leave_the_json_block():
    html = render_html(small_graph(), title="</title><script>alert(1)</script>")
    block = re.search(r'id="kg-data">(.*?)</script>', html, re.S).group(1)
    for raw in ("<", ">", "\u2028", "\u2029"):
        assert raw not in block
    assert "&" not in block  # & is written as \u0026 so no entity can form
    # ... yet the data round-trips exactly.
    data = data_of(html)
    edge = next(e for e in data["edges"] if e["id"] == "e-1")
    assert edge["evidence"] == HOSTILE_EVIDENCE
    node = next(n for n in data["nodes"] if n["id"] == "person:emmanuel-macron")
    assert HOSTILE_LABEL in node["aliases"]
    # The title is HTML-escaped, not raw.
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>" in html
    benign = render_html(nx.MultiDiGraph())
    assert html.count("<script") == benign.count("<script")  # nothing injected
    assert html.count("</script>") == benign.count("</script>") == 3


def test_render_is_deterministic_and_leaves_the_graph_alone():
    g = small_graph()
    before = copy.deepcopy(g)
    first = render_html(g)
    shuffled = nx.MultiDiGraph()
    for node, attrs in reversed(list(g.nodes(data=True))):
        shuffled.add_node(node, **attrs)
    for u, v, k, attrs in reversed(list(g.edges(keys=True, data=True))):
        shuffled.add_edge(u, v, key=k, **attrs)
    assert render_html(g) == first
    assert render_html(shuffled) == first
    assert nx.utils.graphs_equal(g, before)
    assert dict(g.nodes(data=True)) == dict(before.nodes(data=True))
    assert list(g.edges(keys=True, data=True)) == list(before.edges(keys=True, data=True))


def test_write_html_writes_the_rendered_page(tmp_path):
    out = tmp_path / "sub" / "graph.html"
    write_html(small_graph(), out, title="Seeds")
    assert out.read_text(encoding="utf-8") == render_html(small_graph(), title="Seeds")
    assert not [p for p in out.parent.iterdir() if p.name != "graph.html"]  # no temporary file left


def test_nodes_over_the_limit_are_dropped_with_a_notice():
    g = nx.MultiDiGraph()
    for i in range(30):
        add_node(g, f"person:p-{i:02d}", f"P{i}", "PERSON", mentions=i + 1)
    html = render_html(g, max_nodes=10)
    data = data_of(html)
    # The most mentioned are kept.
    assert sorted(n["id"] for n in data["nodes"]) == [f"person:p-{i:02d}" for i in range(20, 30)]
    assert re.search(r'id="kg-notice" role="status">20 nodes not shown \(of 30\)', html)
    assert "10 nodes" in html


def test_selection_ranks_by_mentions_plus_degree_then_id():
    g = nx.MultiDiGraph()
    add_node(g, "gpe:a", "A", "GPE", 1)
    add_node(g, "gpe:b", "B", "GPE", 1)
    add_node(g, "gpe:c", "C", "GPE", 2)
    add_node(g, "gpe:hub", "Hub", "GPE", 1)
    for i, other in enumerate(("gpe:a", "gpe:b")):
        add_edge(g, "gpe:hub", other, "borders", "action", f"e-{i}")
    # hub: 1 + 2 = 3; c: 2; a, b: 1 + 1 = 2 -> ties broken by id (a, b before c)
    assert select_nodes(g, 1) == ["gpe:hub"]
    assert select_nodes(g, 2) == ["gpe:a", "gpe:hub"]
    assert select_nodes(g, 3) == ["gpe:a", "gpe:b", "gpe:hub"]


def test_edges_to_dropped_nodes_are_dropped():
    g = small_graph()
    data = data_of(render_html(g, max_nodes=2))
    kept = {n["id"] for n in data["nodes"]}
    assert kept == {"gpe:france", "person:emmanuel-macron"}
    assert [e["id"] for e in data["edges"]] == ["e-1"]


def test_no_notice_when_everything_fits():
    html = render_html(small_graph())
    assert re.search(r'<div id="kg-notice" role="status" hidden></div>', html)


def test_empty_graph_says_so():
    html = render_html(nx.MultiDiGraph())
    assert "The graph is empty" in html
    data = data_of(html)
    assert data["nodes"] == [] and data["edges"] == []


def test_one_node_graph():
    g = nx.MultiDiGraph()
    add_node(g, "person:solo", "Solo", "PERSON")
    data = data_of(render_html(g))
    assert [(n["id"], n["x"], n["y"]) for n in data["nodes"]] == [("person:solo", 0, 0)]


def test_cooccurrence_is_off_by_default_when_other_kinds_exist():
    kinds = {k["kind"]: k["on"] for k in data_of(render_html(small_graph()))["kinds"]}
    assert kinds == {"role": True, "co-occurrence": False}
    forced = {k["kind"]: k["on"] for k in data_of(render_html(small_graph(), show_cooccurrence=True))["kinds"]}
    assert forced["co-occurrence"] is True


def test_cooccurrence_is_on_when_it_is_all_there_is():
    g = nx.MultiDiGraph()
    add_node(g, "gpe:a", "A", "GPE")
    add_node(g, "gpe:b", "B", "GPE")
    add_edge(g, "gpe:a", "gpe:b", "co-occurs with", "co-occurrence", "e-1")
    assert data_of(render_html(g))["kinds"][0]["on"] is True
    assert data_of(render_html(g, show_cooccurrence=False))["kinds"][0]["on"] is False


def test_legend_uses_the_shared_palette_in_a_stable_order():
    g = small_graph()
    types = data_of(render_html(g))["types"]
    assert [t["type"] for t in types] == ["PERSON", "ORG", "GPE"]  # order of kg.style / kg.model
    for t in types:
        assert t["color"] == TYPE_COLORS[t["type"]]
        assert t["name"] == TYPE_NAMES[t["type"]]
        assert t["count"] == 1


def test_missing_or_odd_attributes_do_not_break_rendering():
    g = nx.MultiDiGraph()
    g.add_node("x:bare")  # no attributes at all
    g.add_node("y:odd", label="Odd", type="WEIRD", mentions="many")
    g.add_edge("x:bare", "y:odd", key="k1")
    g.add_edge("x:bare", "y:odd", key="k1b", id="k1")  # duplicate edge id
    data = data_of(render_html(g))
    assert {n["id"]: n["mentions"] for n in data["nodes"]} == {"x:bare": 1, "y:odd": 1}
    assert len({e["id"] for e in data["edges"]}) == 2
    assert [t["type"] for t in data["types"]] == ["", "WEIRD"]


@pytest.mark.parametrize("bad", [0, -1, 2.5, "10", True])
def test_bad_max_nodes_is_a_clear_error(bad):
    with pytest.raises(ConfigError, match="max_nodes"):
        render_html(small_graph(), max_nodes=bad)


def test_default_limit_is_sensible():
    assert 100 <= DEFAULT_MAX_NODES <= 1000


def test_layout_is_reproducible_spread_out_and_integer():
    ids = [f"n{i}" for i in range(40)]
    links = [(ids[i], ids[(i + 1) % 40], 1.0) for i in range(40)]
    first = compute_layout(ids, links, radii=[10.0] * 40)
    assert first == compute_layout(ids, links, radii=[10.0] * 40)
    assert all(isinstance(c, int) for xy in first.values() for c in xy)
    points = list(first.values())
    # No two nodes on top of each other (the overlap pass leaves room for discs and labels).
    closest = min(abs(a[0] - b[0]) + abs(a[1] - b[1]) for i, a in enumerate(points) for b in points[i + 1:])
    assert closest >= 10
