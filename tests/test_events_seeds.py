"""Events on the seed articles with the real model (the session-wide ``seeds_graph``)."""
from __future__ import annotations

import networkx as nx


def _events(graph: nx.MultiDiGraph) -> dict[str, dict]:
    return {n: d for n, d in graph.nodes(data=True) if d.get("type") == "EVENT"}


def _participants(graph: nx.MultiDiGraph, event: str) -> set[str]:
    return {u for u, _, d in graph.in_edges(event, data=True) if d.get("kind") == "event"}


def _places(graph: nx.MultiDiGraph, event: str) -> set[str]:
    return {v for _, v, d in graph.out_edges(event, data=True) if d.get("relation") == "held in"}


def _events_held_in(graph: nx.MultiDiGraph, *place_labels: str) -> list[str]:
    wanted = set(place_labels)
    return [e for e in _events(graph) if {graph.nodes[p]["label"] for p in _places(graph, e)} & wanted]


def _labels(graph: nx.MultiDiGraph, nodes: set[str]) -> set[str]:
    return {graph.nodes[n]["label"] for n in nodes}


def test_one_paris_meeting_with_the_leaders(seeds_graph) -> None:
    paris = _events_held_in(seeds_graph, "Paris")
    assert len(paris) == 1
    event = paris[0]
    data = seeds_graph.nodes[event]
    assert data["event_type"] in ("meeting", "talks", "summit")
    assert data["date"] == "2025-02-17"  # "on Monday" in the article dated 2025-02-17
    assert data["articles"] >= 2
    who = _labels(seeds_graph, _participants(seeds_graph, event))
    named = {"Keir Starmer", "Olaf Scholz", "Donald Tusk", "Mark Rutte", "Giorgia Meloni", "Emmanuel Macron",
             "France", "Germany", "Italy", "Poland", "Spain", "Netherlands", "Denmark"}
    assert len(who & named) >= 5


def test_macron_convened_the_paris_meeting(seeds_graph) -> None:
    event = _events_held_in(seeds_graph, "Paris")[0]
    relations = {(seeds_graph.nodes[u]["label"], d["relation"]) for u, _, d in seeds_graph.in_edges(event, data=True)}
    assert ("Emmanuel Macron", "convenes") in relations


def test_one_us_russia_talks_in_saudi_arabia(seeds_graph) -> None:
    saudi = [e for e in _events_held_in(seeds_graph, "Saudi Arabia", "Riyadh")
             if seeds_graph.nodes[e]["event_type"] in ("talks", "meeting", "negotiations")
             and "Russia" in _labels(seeds_graph, _participants(seeds_graph, e))]
    assert len(saudi) == 1
    event = saudi[0]
    who = _labels(seeds_graph, _participants(seeds_graph, event))
    assert {"United States", "Russia"} <= who
    assert len(who & {"Marco Rubio", "Sergey Lavrov", "Yuri Ushakov", "Mike Waltz", "Steve Witkoff"}) >= 2
    assert _labels(seeds_graph, _places(seeds_graph, event)) == {"Riyadh", "Saudi Arabia"}
    assert seeds_graph.nodes[event]["date"].startswith("2025-02")
    assert seeds_graph.nodes[event]["articles"] >= 3


def test_paris_and_riyadh_stay_apart(seeds_graph) -> None:
    paris = set(_events_held_in(seeds_graph, "Paris"))
    riyadh = set(_events_held_in(seeds_graph, "Riyadh"))
    assert paris and riyadh and not paris & riyadh


def test_munich_security_conference_is_an_event_node(seeds_graph) -> None:
    labels = {d["label"] for d in _events(seeds_graph).values()}
    assert "Munich Security Conference" in labels


def test_kyiv_meeting_of_starmer_and_zelensky(seeds_graph) -> None:
    kyiv = _events_held_in(seeds_graph, "Kyiv")
    assert len(kyiv) == 1
    assert {"Keir Starmer", "Volodymyr Zelensky"} <= _labels(seeds_graph, _participants(seeds_graph, kyiv[0]))


def test_event_nodes_carry_contract_attributes(seeds_graph) -> None:
    for node, data in _events(seeds_graph).items():
        assert node.startswith("event:")
        if data.get("event_type"):
            assert data["evidence"] and data["sources"]
        for _, _, edge in seeds_graph.in_edges(node, data=True):
            if edge["kind"] == "event":
                assert edge["relation"] in ("participates in", "hosts", "convenes", "attends")
