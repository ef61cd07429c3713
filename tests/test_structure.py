"""kg.structure: PageRank without SciPy gives networkx's floats to the last bit."""
from __future__ import annotations

import random

import networkx as nx
import pytest

from kg.structure import SCIPY_ABOVE, pageranks, power_iteration


def _weighted_graph(seed: int, nodes: int = 300, links: int = 900) -> nx.Graph:
    rng = random.Random(seed)
    graph = nx.Graph()
    graph.add_nodes_from(f"n{i:03d}" for i in range(nodes))  # some stay without links: dangling nodes
    while graph.number_of_edges() < links:
        a, b = rng.sample(range(nodes), 2)
        graph.add_edge(f"n{a:03d}", f"n{b:03d}", weight=rng.choice([1.0, 2.0, 3.5, 0.25]) * rng.randint(1, 9))
    return graph


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_power_iteration_is_networkx_pagerank_bit_for_bit(seed: int) -> None:
    graph = _weighted_graph(seed)
    assert power_iteration(graph) == nx.pagerank(graph, alpha=0.85, weight="weight")


def test_pageranks_are_the_same_either_side_of_the_scipy_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    graph = _weighted_graph(4)
    python = pageranks(graph)
    monkeypatch.setattr("kg.structure.SCIPY_ABOVE", 0)
    assert pageranks(graph) == python
    assert graph.number_of_edges() < SCIPY_ABOVE
