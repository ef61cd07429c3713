"""Role, action and statement edges on the seed articles with the real model."""
from __future__ import annotations

from conftest import node_by_label


def _edges(graph, source: str, target: str) -> list[dict]:
    s, t = node_by_label(graph, source), node_by_label(graph, target)
    assert s is not None, f"no node {source!r}"
    assert t is not None, f"no node {target!r}"
    return [d for _, v, d in graph.out_edges(s, data=True) if v == t]


def _relations(graph, source: str, target: str, kind: str) -> set[str]:
    return {d["relation"] for d in _edges(graph, source, target) if d["kind"] == kind}


def test_roles_of_leaders(seeds_graph):
    assert "president of" in _relations(seeds_graph, "Emmanuel Macron", "France", "role")
    assert "chancellor of" in _relations(seeds_graph, "Olaf Scholz", "Germany", "role")
    assert "foreign minister of" in _relations(seeds_graph, "Sergey Lavrov", "Russia", "role")
    assert "secretary general of" in _relations(seeds_graph, "Mark Rutte", "NATO", "role")


def test_role_edge_has_evidence(seeds_graph):
    edge = next(d for d in _edges(seeds_graph, "Emmanuel Macron", "France") if d["relation"] == "president of")
    assert "President Emmanuel Macron" in edge["evidence"]
    assert edge["evidence_count"] >= 2 and edge["weight"] >= 2


def test_titles_on_person_nodes(seeds_graph):
    titles = seeds_graph.nodes[node_by_label(seeds_graph, "Pete Hegseth")].get("titles", "").split(" | ")
    assert "defense secretary" in titles


def test_starmer_sends_troops_to_ukraine(seeds_graph):
    relations = _relations(seeds_graph, "Keir Starmer", "Ukraine", "action")
    assert any(word in r for r in relations for word in ("send", "offer", "deploy")), relations


def test_starmer_wrote_in_the_daily_telegraph(seeds_graph):
    label = "Daily Telegraph" if node_by_label(seeds_graph, "Daily Telegraph") else "The Daily Telegraph"
    assert "wrote in" in _relations(seeds_graph, "Keir Starmer", label, "statement")


def test_trump_and_putin_joined_by_a_call_or_talks(seeds_graph):
    relations = _relations(seeds_graph, "Donald Trump", "Vladimir Putin", "action")
    assert any("call" in r or "talk" in r for r in relations), relations


def test_pronoun_statement_attributed_to_hegseth_with_negation(seeds_graph):
    hegseth = node_by_label(seeds_graph, "Pete Hegseth")
    hits = [d for _, _, d in seeds_graph.out_edges(hegseth, data=True)
            if "He also reaffirmed that American troops would not be sent" in d.get("evidence_all", "")]
    assert hits and all(d["negated"] == 1 and d["relation"].startswith("not ") for d in hits)


def test_kremlin_did_not_reject_is_negated(seeds_graph):
    edges = _edges(seeds_graph, "Kremlin", "Keir Starmer")
    assert any(d["negated"] == 1 and d["relation"] == "not reject proposal of" for d in edges)
    assert not any(d["relation"] == "reject proposal of" for d in edges)
