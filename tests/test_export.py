from __future__ import annotations

import json

import igraph
import networkx as nx
import pytest
from lxml import etree

from kg.errors import InputError, OutputError
from kg.export import check_outputs, format_of, read_graph, write_graph
from kg.export.collapse import collapse_parallel_edges
from kg.graph import build_graph_from
from kg.model import Claim, Entity

HOSTILE = 'Café <b>&"x"</b> \u202e INFOSYS </script><img src=x onerror=alert(1)>'


@pytest.fixture()
def small_graph() -> nx.MultiDiGraph:
    entities = [
        Entity(id="person:emmanuel-macron", label="Emmanuel Macron", type="PERSON", aliases=("Macron", "Emmanuel Macron"), titles=("president",), mentions=4, articles=("a1",), evidence=HOSTILE),
        Entity(id="gpe:france", label="France", type="GPE", aliases=("France", "French"), mentions=6, articles=("a1", "a2")),
        Entity(id="event:meeting-paris", label="Meeting in Paris", type="EVENT", mentions=1, articles=("a2",), event_type="meeting", date="2025-02-17", date_text="on Monday"),
    ]
    claims = [
        Claim("person:emmanuel-macron", "gpe:france", "president of", "role", "a1", "French President Emmanuel Macron spoke."),
        Claim("person:emmanuel-macron", "gpe:france", "co-occurs with", "co-occurrence", "a1", "French President Emmanuel Macron spoke."),
        Claim("person:emmanuel-macron", "event:meeting-paris", "convener of", "event", "a2", HOSTILE),
    ]
    return build_graph_from(entities, claims)


def test_graphml_validates_and_loads_in_igraph(small_graph, tmp_path, graphml_schema):
    out = tmp_path / "g.graphml"
    write_graph(small_graph, out)
    graphml_schema.assertValid(etree.parse(str(out)))
    g = igraph.Graph.Read_GraphML(str(out))
    assert g.vcount() == 3
    # the two relations between Macron and France survive as one edge naming both
    assert g.ecount() == 2
    labels = set(g.vs["label"])
    assert {"Emmanuel Macron", "France", "Meeting in Paris"} == labels
    for attr in ("label", "type", "aliases", "mentions", "articles", "sources", "size", "r", "g", "b"):
        assert attr in g.vs.attributes()
    for attr in ("relation", "relations", "kind", "kinds", "weight", "evidence", "sources"):
        assert attr in g.es.attributes()
    e = g.es.find(relation="president of")
    assert e["relations"] == "president of | co-occurs with"
    assert e["kinds"] == "role | co-occurrence"
    assert e["weight"] == 2.0


def test_graphml_one_type_per_attribute_name_and_unique_edge_ids(small_graph, tmp_path):
    out = tmp_path / "g.graphml"
    write_graph(small_graph, out)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    tree = etree.parse(str(out))
    keys = tree.findall("g:key", ns)
    names = [(k.get("for"), k.get("attr.name")) for k in keys]
    assert len(names) == len(set(names))
    assert {k.get("attr.type") for k in keys} <= {"boolean", "int", "long", "float", "double", "string"}
    ids = [e.get("id") for e in tree.iter("{http://graphml.graphdrawing.org/xmlns}edge")]
    assert all(ids) and len(ids) == len(set(ids))


def test_graphml_round_trips_text_exactly(small_graph, tmp_path):
    out = tmp_path / "g.graphml"
    write_graph(small_graph, out)
    back = read_graph(out)
    assert back.nodes["person:emmanuel-macron"]["evidence"] == HOSTILE


def test_writing_does_not_touch_the_callers_graph(small_graph, tmp_path):
    small_graph.graph["id"] = "keep-me"
    before = nx.node_link_data(small_graph, edges="edges")
    for ext in ("graphml", "gexf", "json"):
        write_graph(small_graph, tmp_path / f"g.{ext}")
    assert nx.node_link_data(small_graph, edges="edges") == before


def test_json_keeps_every_relation_and_round_trips(small_graph, tmp_path):
    out = tmp_path / "g.json"
    write_graph(small_graph, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["edges"]) == 3
    back = read_graph(out)
    assert back.number_of_edges() == 3
    assert back.nodes["event:meeting-paris"]["date"] == "2025-02-17"


def test_gexf_has_gephi_viz_attributes(small_graph, tmp_path, gexf_schema):
    out = tmp_path / "g.gexf"
    write_graph(small_graph, out)
    tree = etree.parse(str(out))
    gexf_schema.assertValid(tree)
    assert len(tree.findall(".//{http://gexf.net/1.3/viz}color")) == 3
    assert len(tree.findall(".//{http://gexf.net/1.3/viz}size")) == 3
    back = nx.read_gexf(out)
    assert back.number_of_nodes() == 3


def test_collapse_keeps_strongest_relation_first(small_graph):
    flat = collapse_parallel_edges(small_graph)
    data = flat.edges["person:emmanuel-macron", "gpe:france"]
    assert data["relation"] == "president of" and data["kind"] == "role"


def test_format_follows_extension_and_unknown_is_an_error(tmp_path):
    assert format_of("x.GRAPHML") == "graphml"
    assert format_of("x.htm") == "html"
    with pytest.raises(OutputError, match="extensions"):
        format_of("graph.png")
    with pytest.raises(OutputError, match="folder"):
        check_outputs([str(tmp_path)])
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="is a file"):
        check_outputs([str(blocker / "sub" / "g.graphml")])


def test_failed_write_leaves_earlier_output_intact(small_graph, tmp_path, monkeypatch):
    out = tmp_path / "g.graphml"
    out.write_text("EARLIER")
    import kg.export.graphml as mod

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(mod, "graphml_bytes", lambda g: b"<partial")
    monkeypatch.setattr(mod, "write_atomic", lambda path, fn: (fn(open(tmp_path / "ignored", "wb")), boom()))
    with pytest.raises(KeyboardInterrupt):
        write_graph(small_graph, out)
    assert out.read_text() == "EARLIER"


def test_atomic_write_interrupted_midway_leaves_no_temp_file(tmp_path):
    from kg.export._atomic import write_atomic

    out = tmp_path / "g.graphml"
    out.write_text("EARLIER")

    def half(fh):
        fh.write(b"<graphml")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(out, half)
    assert out.read_text() == "EARLIER"
    assert [p.name for p in tmp_path.iterdir()] == ["g.graphml"]


def test_read_graph_errors_are_clear(tmp_path):
    with pytest.raises(InputError, match="not found"):
        read_graph(tmp_path / "missing.graphml")
    bad = tmp_path / "bad.graphml"
    bad.write_text("<graphml")
    with pytest.raises(InputError, match="cannot read graph"):
        read_graph(bad)
