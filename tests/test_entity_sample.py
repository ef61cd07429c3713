"""bench/entity_sample.py: the sampler draws the same entity nodes for a seed, whatever the graph's node order."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import networkx as nx

SCRIPT = Path(__file__).resolve().parents[1] / "bench" / "entity_sample.py"
spec = importlib.util.spec_from_file_location("entity_sample", SCRIPT)
entity_sample = importlib.util.module_from_spec(spec)
spec.loader.exec_module(entity_sample)


def _graph(order: list[int]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    types = ["PERSON", "ORG", "GPE", "PRODUCT", "EVENT", "DATE"]  # DATE is no entity type: never sampled
    for i in order:
        graph.add_node(f"n{i:02d}", label=f"Name {i}", type=types[i % len(types)])
    return graph


def test_same_seed_same_sample_whatever_the_node_order() -> None:
    forward, backward = _graph(list(range(30))), _graph(list(range(29, -1, -1)))
    sample = entity_sample.sample_nodes(forward, 8, seed=7)
    assert sample == entity_sample.sample_nodes(backward, 8, seed=7)
    assert len(set(sample)) == 8
    assert all(forward.nodes[n]["type"] in entity_sample.ENTITY_TYPES for n in sample)
    assert sample != entity_sample.sample_nodes(forward, 8, seed=8)


def test_a_small_graph_gives_every_entity_node() -> None:
    graph = _graph(list(range(6)))
    assert sorted(entity_sample.sample_nodes(graph, 160, seed=1)) == ["n00", "n01", "n02", "n03", "n04"]


def test_sentence_at_finds_the_sentence_holding_an_offset() -> None:
    sentences = [(0, 10, "First one."), (11, 30, "Second\n  sentence here.")]
    assert entity_sample.sentence_at(sentences, 3) == "First one."
    assert entity_sample.sentence_at(sentences, 15) == "Second sentence here."
