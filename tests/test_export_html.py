"""The HTML exporter without a browser: self-contained, escaped, deterministic, limited."""
from __future__ import annotations

import copy
import json
import math
import random
import re

import networkx as nx
import numpy as np
import pytest

from kg.errors import ConfigError
from kg.export.html import DEFAULT_MAX_NODES, render_html, select_nodes, write_html
from kg.export.html_layout import compute_layout
from kg.vocab import load_data
from kg.style import TYPE_COLORS, TYPE_NAMES, color_of

HOSTILE_LABEL = "<img src=x onerror=alert(1)>"
HOSTILE_EVIDENCE = "He wrote </script><script>alert(1)</script> and <!-- then \u2028 left \"quoted\" 'too' & more"


def add_node(graph: nx.MultiDiGraph, node: str, label: str, type_: str, mentions: int = 1, **attrs) -> None:
    graph.add_node(node, label=label, type=type_, mentions=mentions, articles=1, sources="a.txt",
                   color=color_of(type_), **attrs)


def add_edge(graph: nx.MultiDiGraph, u: str, v: str, relation: str, kind: str, eid: str,
             weight: float = 1.0, evidence: str = "A sentence.", **attrs) -> None:
    graph.add_edge(u, v, key=eid, id=eid, relation=relation, label=relation, kind=kind, weight=weight,
                   negated=0, evidence=evidence, evidence_source="a.txt", evidence_count=1,
                   evidence_all=f"a.txt\t{evidence}", sources="a.txt", **attrs)


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
    assert all(isinstance(c, int) for xy in first.positions.values() for c in xy)
    points = list(first.positions.values())
    # No two discs (radius 10) touch.
    closest = min(math.dist(a, b) for i, a in enumerate(points) for b in points[i + 1:])
    assert closest >= 20
    assert first.outliers == frozenset()


def _two_communities(n: int = 30):
    """Two dense groups of n nodes with a handful of links between them."""
    rng = random.Random(1)
    a = [f"a{i:02d}" for i in range(n)]
    b = [f"b{i:02d}" for i in range(n)]
    links = [(rng.choice(g), rng.choice(g), 1.0) for g in (a, b) for _ in range(6 * n)]
    links = [(u, v, w) for u, v, w in links if u != v] + [(a[i], b[i], 1.0) for i in range(4)]
    return a, b, links


def test_layout_keeps_each_community_together():
    a, b, links = _two_communities()
    ids = sorted(a + b)
    layout = compute_layout(ids, links, radii=[8.0] * len(ids), groups=[0 if i.startswith("a") else 1 for i in ids])
    pos = layout.positions

    def mean_distance(xs, ys):
        return sum(math.dist(pos[x], pos[y]) for x in xs for y in ys if x != y) / (len(xs) * len(ys) - len(set(xs) & set(ys)))

    within = (mean_distance(a, a) + mean_distance(b, b)) / 2
    assert within < 0.6 * mean_distance(a, b)
    # The two centres are far apart compared with each group's spread.
    centre = {g: (sum(pos[x][0] for x in g) / len(g), sum(pos[x][1] for x in g) / len(g)) for g in (tuple(a), tuple(b))}
    assert math.dist(*centre.values()) > within


def test_isolated_nodes_and_tiny_components_are_laid_out_below_the_core():
    core = [f"c{i:02d}" for i in range(30)]
    links = [(core[i], core[(i + 1) % 30], 1.0) for i in range(30)] + [(core[0], core[15], 1.0)]
    alone = ["z1", "z2", "z3"]
    pair = ["p1", "p2"]
    links.append(("p1", "p2", 1.0))
    ids = sorted(core + alone + pair)
    layout = compute_layout(ids, links, radii=[10.0] * len(ids), half_widths=[30.0] * len(ids))
    assert layout.outliers == frozenset(alone + pair)
    lowest_core = max(layout.positions[c][1] for c in core)
    assert all(layout.positions[o][1] > lowest_core + 30 for o in layout.outliers)
    # The pair sits side by side in its row.
    assert layout.positions["p1"][1] == layout.positions["p2"][1]
    assert abs(layout.positions["p1"][0] - layout.positions["p2"][0]) <= 2 * 30 + 20


def test_a_graph_of_only_small_pieces_has_no_outliers():
    ids = [f"n{i}" for i in range(6)]
    layout = compute_layout(ids, [("n0", "n1", 1.0)], radii=[10.0] * 6)
    assert layout.outliers == frozenset()


def test_labelled_nodes_get_room_for_their_labels_at_the_opening_zoom():
    """The most important labels, drawn under their discs at the zoom that fits the core, do not meet."""
    from kg.export.html_layout import LABEL_PX, _fit_zoom

    a, b, links = _two_communities(40)
    ids = sorted(a + b)
    half = [70.0] * len(ids)  # wide labels, as for "United Kingdom" at 15 px
    labelled = [i.endswith(("00", "01", "02", "03", "04", "05")) for i in ids]
    layout = compute_layout(ids, links, radii=[12.0] * len(ids), half_widths=half, labelled=labelled,
                            groups=[0 if i.startswith("a") else 1 for i in ids])
    pos = np.array([layout.positions[i] for i in ids], dtype=float)
    zoom = _fit_zoom(pos, np.full(len(ids), 12.0))
    boxes = [(x * zoom - 70, y * zoom + 12 * zoom, x * zoom + 70, y * zoom + 12 * zoom + LABEL_PX - 4)
             for (x, y), keep in zip(pos.tolist(), labelled) if keep]
    assert len(boxes) == 12
    for i, p in enumerate(boxes):
        for q in boxes[i + 1:]:
            assert not (p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]), (p, q)


def dated_graph() -> nx.MultiDiGraph:
    """Built by kg.graph from entities and claims: dates, communities and PageRank as kg writes them."""
    from kg.graph import build_graph_from
    from kg.model import Claim, Entity

    dates = {"a.txt": "2005-01-03", "b.txt": "2005-01-20", "c.txt": "2005-03-01", "d.txt": ""}
    people = [("tony-blair", "Tony Blair", ("a.txt", "b.txt", "c.txt"), 40), ("gordon-brown", "Gordon Brown", ("b.txt",), 20),
              ("john-prescott", "John Prescott", ("c.txt",), 5), ("michael-howard", "Michael Howard", ("a.txt",), 30),
              ("liam-fox", "Liam Fox", ("a.txt",), 4), ("nobody", "Nobody Dated", ("d.txt",), 1)]
    entities = [Entity(id=f"person:{i}", label=label, type="PERSON", mentions=m, articles=arts) for i, label, arts, m in people]
    pairs = [("tony-blair", "gordon-brown", "b.txt"), ("tony-blair", "john-prescott", "c.txt"),
             ("gordon-brown", "john-prescott", "c.txt"), ("michael-howard", "liam-fox", "a.txt"),
             ("tony-blair", "michael-howard", "a.txt"), ("nobody", "tony-blair", "d.txt")]
    claims = [Claim(f"person:{u}", f"person:{v}", "criticise", "action", art, f"{u} criticised {v} ({k}).")
              for u, v, art in pairs for k in range(3 if art != "a.txt" or "fox" in v else 1)]
    return build_graph_from(entities, claims, dates)


def test_nodes_and_edges_carry_time_as_days_from_the_first_date():
    data = data_of(render_html(dated_graph()))
    time = data["time"]
    assert (time["start"], time["end"], time["days"]) == ("2005-01-03", "2005-03-01", 57)
    assert time["articles"] == [[0, 1], [17, 1], [57, 1]]  # the undated article is not on the axis
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["person:tony-blair"]["t"] == [0, 17, 57]
    assert (nodes["person:tony-blair"]["first_seen"], nodes["person:tony-blair"]["last_seen"]) == ("2005-01-03", "2005-03-01")
    assert nodes["person:gordon-brown"]["t"] == [17]
    assert "t" not in nodes["person:nobody"] and "first_seen" not in nodes["person:nobody"]
    assert time["undatedNodes"] == 1
    edges = {(e["from"], e["to"]): e for e in data["edges"]}
    assert edges["person:tony-blair", "person:gordon-brown"]["t"] == [17]
    assert "t" not in edges["person:nobody", "person:tony-blair"]


def test_no_dates_no_time_axis_and_the_page_says_how_to_add_them():
    html = render_html(small_graph())
    assert data_of(html)["time"] is None
    assert "The articles carry no dates" in html  # the script's message, shown in the Time section


def test_communities_are_named_by_their_most_important_members_and_coloured():
    from kg.export.html_data import COMMUNITY_COLORS

    g = dated_graph()
    data = data_of(render_html(g))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert {n["id"]: n["community"] for n in data["nodes"]} == {n: d["community"] for n, d in g.nodes(data=True)}
    blair = nodes["person:tony-blair"]
    entry = next(c for c in data["communities"] if c["community"] == blair["community"])
    members = sorted((n for n in data["nodes"] if n["community"] == blair["community"]), key=lambda n: n["rank"])
    assert entry["name"] == ", ".join(n["label"] for n in members[:3])
    assert entry["count"] == len(members) and entry["color"] in COMMUNITY_COLORS
    assert blair["ccolor"] == entry["color"]
    # Ranks follow PageRank: 0 is the most central node.
    by_rank = sorted(data["nodes"], key=lambda n: n["rank"])
    assert [n["pagerank"] for n in by_rank] == sorted((n["pagerank"] for n in data["nodes"]), reverse=True)
    assert by_rank[0]["id"] == "person:tony-blair"


def test_communities_beyond_the_palette_share_grey_under_one_legend_entry():
    from kg.export.html_data import COMMUNITY_COLORS, OTHER_COMMUNITY_COLOR

    g = nx.MultiDiGraph()
    for c in range(12):  # twelve separate pairs: twelve communities
        add_node(g, f"person:a{c:02d}", f"A{c}", "PERSON", 12 - c)
        add_node(g, f"person:b{c:02d}", f"B{c}", "PERSON", 1)
        add_edge(g, f"person:a{c:02d}", f"person:b{c:02d}", "meets", "action", f"e-{c}")
    data = data_of(render_html(g))
    legend = data["communities"]
    assert [c["color"] for c in legend[:-1]] == list(COMMUNITY_COLORS)
    assert legend[-1] == {"community": None, "color": OTHER_COMMUNITY_COLOR, "count": 6, "name": "3 smaller communities",
                          "top": []}


def test_structure_is_computed_for_graphs_without_it():
    g = small_graph()  # hand-built: no community or pagerank attributes
    data = data_of(render_html(g))
    assert all(isinstance(n["community"], int) and n["pagerank"] > 0 for n in data["nodes"])
    assert sorted(n["rank"] for n in data["nodes"]) == [0, 1, 2]


def test_outliers_are_flagged_and_counted():
    g = small_graph()
    for i in range(4):
        add_node(g, f"org:alone-{i}", f"Alone {i}", "ORG")
    for i in range(6):
        add_edge(g, "org:nato", "person:emmanuel-macron", "meets", "action", f"e-x{i}")
    data = data_of(render_html(g))
    flagged = sorted(n["id"] for n in data["nodes"] if n.get("outlier"))
    assert flagged == [f"org:alone-{i}" for i in range(4)] and data["outliers"] == 4


def typed_graph() -> nx.MultiDiGraph:
    """Edges with relation types as kg.build_graph writes them, a collapsed one and an untyped one."""
    g = nx.MultiDiGraph()
    add_node(g, "person:jeremy-de-souza", "Jeremy de Souza", "PERSON", 3)
    add_node(g, "org:crossrail", "Crossrail", "ORG", 4)
    add_node(g, "person:anil-ambani", "Anil Ambani", "PERSON", 2)
    add_node(g, "org:ipcl", "IPCL", "ORG", 2)
    add_node(g, "gpe:london", "London", "GPE", 5)
    add_node(g, "gpe:united-kingdom", "United Kingdom", "GPE", 6)
    add_edge(g, "person:jeremy-de-souza", "org:crossrail", "spokesman for", "role", "e-w1",
             type="works_for", wikidata="P108")
    add_edge(g, "person:anil-ambani", "org:ipcl", "vice-chairman of", "role", "e-w2",
             type="works_for", wikidata="P108")
    add_edge(g, "org:crossrail", "gpe:london", "based in", "role", "e-b1", type="based_in", wikidata="P159")
    # A city in a country: the edge's own property (P17) is not the type's (P131).
    add_edge(g, "gpe:london", "gpe:united-kingdom", "located in", "gazetteer", "e-l1",
             type="located_in", wikidata="P17")
    # Collapsed (as read back from GraphML): every type of the pair in `types`.
    add_edge(g, "person:anil-ambani", "gpe:united-kingdom", "chairman of | works in", "role", "e-m1",
             type="role", types="role | works_for", wikidata="P39")
    add_edge(g, "person:jeremy-de-souza", "person:anil-ambani", "co-occurs with", "co-occurrence", "e-c1",
             type="co_occurs")
    add_edge(g, "org:crossrail", "org:ipcl", "sues", "action", "e-u1")  # written before edges had types
    return g


def test_relation_types_are_listed_with_labels_wikidata_counts_in_vocabulary_order():
    data = data_of(render_html(typed_graph()))
    vocabulary = load_data("relations.json")["types"]
    legend = data["relationTypes"]
    assert [t["type"] for t in legend] == ["role", "works_for", "located_in", "based_in", "action", "co_occurs"]
    assert [t["type"] for t in legend] == [t for t in vocabulary if t in {x["type"] for x in legend}]
    by_type = {t["type"]: t for t in legend}
    assert by_type["works_for"] == {"type": "works_for", "label": "employer", "wikidata": "P108", "count": 3,
                                    "on": True}  # two edges of its own and the collapsed one
    assert by_type["located_in"]["wikidata"] == "P131" and by_type["based_in"]["label"] == "headquarters location"
    for t in legend:
        assert t["label"] == vocabulary[t["type"]]["label"]
        assert t["wikidata"] == vocabulary[t["type"]]["wikidata"]
    assert {t["type"]: t["count"] for t in legend} == {"role": 1, "works_for": 3, "located_in": 1, "based_in": 1,
                                                        "action": 1, "co_occurs": 1}
    # The page shows the section and its filter list.
    html = render_html(typed_graph())
    assert 'id="kg-rtype-section"' in html and 'id="kg-rtypes"' in html


def test_edges_carry_their_types_and_wikidata_property():
    edges = {e["id"]: e for e in data_of(render_html(typed_graph()))["edges"]}
    assert edges["e-w1"]["types"] == ["works_for"] and edges["e-w1"]["wikidata"] == "P108"
    assert edges["e-m1"]["types"] == ["role", "works_for"]
    assert edges["e-l1"]["types"] == ["located_in"] and edges["e-l1"]["wikidata"] == "P17"
    # No type: the kind's type from the vocabulary, as kg.build_graph gives it.
    assert edges["e-u1"]["types"] == ["action"] and "wikidata" not in edges["e-u1"]
    assert edges["e-c1"]["types"] == ["co_occurs"]


def test_cooccurs_type_follows_the_cooccurrence_kind_default():
    def on(graph, **kw):
        data = data_of(render_html(graph, **kw))
        return ({t["type"]: t["on"] for t in data["relationTypes"]}, {k["kind"]: k["on"] for k in data["kinds"]})

    types, kinds = on(typed_graph())
    assert types["co_occurs"] is False and kinds["co-occurrence"] is False
    assert all(v for t, v in types.items() if t != "co_occurs")
    types, kinds = on(typed_graph(), show_cooccurrence=True)
    assert types["co_occurs"] is True and kinds["co-occurrence"] is True
    only = nx.MultiDiGraph()
    add_node(only, "gpe:a", "A", "GPE")
    add_node(only, "gpe:b", "B", "GPE")
    add_edge(only, "gpe:a", "gpe:b", "co-occurs with", "co-occurrence", "e-1", type="co_occurs")
    types, kinds = on(only)
    assert types == {"co_occurs": True} and kinds == {"co-occurrence": True}


def test_unknown_and_hostile_relation_types_are_kept_as_their_own_names():
    g = small_graph()
    add_edge(g, "org:nato", "gpe:france", "odd", "action", "e-odd", type=HOSTILE_LABEL)
    add_edge(g, "gpe:france", "person:emmanuel-macron", "odder", "action", "e-odder", type="zz_custom")
    html = render_html(g)
    legend = data_of(html)["relationTypes"]
    assert legend[-2:] == [
        {"type": HOSTILE_LABEL, "label": HOSTILE_LABEL, "wikidata": "", "count": 1, "on": True},
        {"type": "zz_custom", "label": "zz_custom", "wikidata": "", "count": 1, "on": True},
    ]
    assert HOSTILE_LABEL not in html  # only ever inside the JSON block, escaped


def test_graph_without_edges_has_no_relation_types():
    g = nx.MultiDiGraph()
    add_node(g, "person:solo", "Solo", "PERSON")
    assert data_of(render_html(g))["relationTypes"] == []


def test_the_page_inlines_vis_network_without_importing_pyvis(tmp_path) -> None:
    """pyvis is only where vis-network's files live: importing it (a third of a second) is no part of writing."""
    import subprocess
    import sys

    code = (
        "import sys, networkx as nx, kg; g = nx.MultiDiGraph(); g.add_node('a', label='A', type='PERSON', mentions=1); "
        "kg.write_graph(g, sys.argv[1]); print('pyvis' in sys.modules)"
    )
    page = tmp_path / "g.html"
    out = subprocess.run([sys.executable, "-c", code, str(page)], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False"]
    assert "vis-network" in page.read_text(encoding="utf-8") and len(page.read_bytes()) > 400_000
