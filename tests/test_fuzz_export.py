"""Exporters under fuzz: arbitrary Unicode in names, aliases and evidence never breaks a file."""
from __future__ import annotations

import json
import re

import igraph
import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from kg.export import write_graph
from kg.graph import build_graph_from, clean_text
from kg.model import Claim, Entity

NASTY = ["\x00", "\x0b", "\x1f", "\ud800", "\udfff", "\ufffe", "\uffff", "<", "&", '"', "'", "</script>", "<!--",
         "\u202e", "\u200f", "\u2028", " | ", "\t", "\n", "INF", "null", "<img src=x onerror=alert(1)>"]
fuzz_text = st.lists(st.one_of(st.text(max_size=8), st.sampled_from(NASTY)), max_size=12).map("".join)
long_text = st.one_of(fuzz_text, st.integers(min_value=1000, max_value=4000).map(lambda n: "\u00e9<&" * n))


@st.composite
def graphs(draw) -> nx.MultiDiGraph:
    n = draw(st.integers(min_value=1, max_value=5))
    entities = []
    for i in range(n):
        entities.append(
            Entity(
                id=f"person:p{i}",
                label=draw(fuzz_text) or "x",
                type=draw(st.sampled_from(["PERSON", "ORG", "GPE", "EVENT", "WEIRD"])),
                aliases=tuple(draw(st.lists(fuzz_text, max_size=3))),
                titles=tuple(draw(st.lists(fuzz_text, max_size=2))),
                mentions=draw(st.integers(min_value=0, max_value=10**6)),
                articles=tuple(draw(st.lists(fuzz_text, max_size=3))),
                evidence=draw(long_text),
                date_text=draw(fuzz_text),
            )
        )
    claims = []
    articles = sorted({a for e in entities for a in e.articles})
    for _ in range(draw(st.integers(min_value=0, max_value=6))):
        a, b = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
        claims.append(Claim(f"person:p{a}", f"person:p{b}", draw(fuzz_text) or "r",
                            draw(st.sampled_from(["role", "action", "co-occurrence"])),
                            draw(st.one_of(fuzz_text, st.sampled_from(articles or ["a"]))), draw(long_text),
                            draw(st.booleans())))
    # Some articles dated (any day from year 1 to 9999), some not.
    days = st.one_of(st.just(""), st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}"))
    dates = {a: draw(days) for a in articles + sorted({c.article for c in claims})}
    return build_graph_from(entities, claims, dates)


FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@FUZZ
@given(graph=graphs())
def test_graphml_always_validates_and_loads(graph, tmp_path_factory, graphml_schema):
    out = tmp_path_factory.mktemp("fuzz") / "g.graphml"
    write_graph(graph, out)
    graphml_schema.assertValid(etree.parse(str(out)))
    g = igraph.Graph.Read_GraphML(str(out))
    assert g.vcount() == graph.number_of_nodes()
    back = nx.read_graphml(out)
    for node, data in graph.nodes(data=True):
        assert back.nodes[node]["label"] == data["label"]


@FUZZ
@given(graph=graphs())
def test_json_always_parses_and_keeps_text(graph, tmp_path_factory):
    out = tmp_path_factory.mktemp("fuzz") / "g.json"
    write_graph(graph, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == graph.number_of_nodes()
    assert len(data["edges"]) == graph.number_of_edges()
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert labels == {n: d["label"] for n, d in graph.nodes(data=True)}


@FUZZ
@given(graph=graphs())
def test_gexf_always_validates_and_loads(graph, tmp_path_factory, gexf_schema):
    out = tmp_path_factory.mktemp("fuzz") / "g.gexf"
    write_graph(graph, out)
    gexf_schema.assertValid(etree.parse(str(out)))
    back = nx.read_gexf(out)
    assert back.number_of_nodes() == graph.number_of_nodes()
    for node, data in graph.nodes(data=True):
        assert back.nodes[node].get("first_seen") == data.get("first_seen")
        assert back.nodes[node]["community"] == data["community"]


@FUZZ
@given(graph=graphs())
def test_html_never_lets_text_out_of_its_script(graph, tmp_path_factory):
    out = tmp_path_factory.mktemp("fuzz") / "g.html"
    write_graph(graph, out)
    html = out.read_text(encoding="utf-8")
    # however hostile the text, the page has exactly the script and img elements kg put there
    baseline = tmp_path_factory.mktemp("fuzz") / "base.html"
    write_graph(build_graph_from([Entity(id="person:x", label="x", type="PERSON")], []), baseline)
    base = baseline.read_text(encoding="utf-8")
    for tag in ("<script", "<img", "<iframe", "<!--"):
        assert html.lower().count(tag) == base.lower().count(tag), tag
    assert not re.search(r"onerror\s*=\s*alert", html.replace("\\u003c", "<").split("<script", 1)[0])


def test_clean_text_result_is_always_xml_legal():
    text = "".join(chr(c) for c in range(0, 0x2100)) + "\ud800\udfff\ufffe\uffff"
    root = etree.Element("x")
    root.text = clean_text(text)  # lxml raises on characters XML cannot hold
    assert etree.tostring(root)
