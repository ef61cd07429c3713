"""The story's groups and its main actors: communities (Louvain) and PageRank, computed with networkx.

Both work on the undirected weighted view of the graph: one link per node pair, weighted by all the
sentences that support any relation between the two. Direction is left out on purpose: a co-occurrence
edge points from the smaller id to the larger, which says nothing, and "A criticised B" makes B as much
a part of A's story as the reverse. Everything is deterministic: nodes and links are added in sorted
order and Louvain's random choices come from a fixed seed.
"""
from __future__ import annotations

from collections.abc import Iterable
from operator import mul, sub

import networkx as nx

COMMUNITY_SEED = 42
RESOLUTION = 1.0  # Louvain's default: bigger gives more, smaller communities
PAGERANK_ALPHA = 0.85
PAGERANK_DIGITS = 6  # significant digits kept, so files do not change with the last bits of a float sum
PAGERANK_MAX_ITER = 100  # networkx's defaults
PAGERANK_TOL = 1.0e-6
SCIPY_ABOVE = 20_000  # links: above this, networkx's SciPy PageRank (plain Python costs more than the import)


def undirected_weights(graph: nx.MultiDiGraph) -> nx.Graph:
    """One undirected link per connected node pair, its weight the sum of the pair's edge weights."""
    out = nx.Graph()
    out.add_nodes_from(sorted(graph.nodes, key=str))
    weights: dict[tuple[str, str], float] = {}
    for u, v, data in graph.edges(data=True):
        if u == v:
            continue
        pair = (u, v) if str(u) < str(v) else (v, u)
        weights[pair] = weights.get(pair, 0.0) + _weight(data.get("weight"))
    out.add_weighted_edges_from((u, v, w) for (u, v), w in sorted(weights.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1]))))
    return out


def communities(links: nx.Graph, *, seed: int = COMMUNITY_SEED) -> dict[str, int]:
    """Community number per node: 0 is the largest community; ties go to the one with the smallest node id.

    A node without links is a community of its own.
    """
    if links.number_of_nodes() == 0:
        return {}
    groups = nx.community.louvain_communities(links, weight="weight", resolution=RESOLUTION, seed=seed)
    ordered = sorted((sorted(map(str, group)) for group in groups), key=lambda members: (-len(members), members[0]))
    return {node: number for number, members in enumerate(ordered) for node in members}


def pageranks(links: nx.Graph) -> dict[str, float]:
    """PageRank per node on the weighted links (they sum to 1), rounded to PAGERANK_DIGITS significant digits."""
    if links.number_of_nodes() == 0:
        return {}
    if links.number_of_edges() > SCIPY_ABOVE:
        ranks = nx.pagerank(links, alpha=PAGERANK_ALPHA, weight="weight", max_iter=PAGERANK_MAX_ITER, tol=PAGERANK_TOL)
    else:
        ranks = power_iteration(links)
    return {str(node): float(f"{value:.{PAGERANK_DIGITS}g}") for node, value in ranks.items()}


def power_iteration(links: nx.Graph, alpha: float = PAGERANK_ALPHA) -> dict[object, float]:
    """networkx's PageRank (``_pagerank_scipy``) step for step, in plain Python.

    networkx computes it with SciPy, whose import (NumPy and scipy.sparse) took longer than the whole
    computation on a graph of a few thousand links, in every cached rebuild. The same iteration (uniform
    start and teleport, dangling nodes spread uniformly, the same L1 stopping test), with each sum in
    scipy's order, gives the same floats up to the last bits, so the same rounded figures.
    """
    nodes = list(links)
    n = len(nodes)
    index = {node: i for i, node in enumerate(nodes)}
    rows = [sorted((index[v], float(data.get("weight", 1))) for v, data in links[u].items()) for u in nodes]
    sums = [_sequential_sum(w for _, w in row) for row in rows]
    sources: list[list[int]] = [[] for _ in range(n)]  # column i of the row-normalised matrix: rows j ...
    shares: list[list[float]] = [[] for _ in range(n)]  # ... and A[j, i] / sum of row j
    for j, row in enumerate(rows):
        inverse = 1.0 / sums[j] if sums[j] != 0 else 0.0
        for i, w in row:
            sources[i].append(j)
            shares[i].append(inverse * w)
    dangling = [j for j in range(n) if sums[j] == 0]
    p = 1.0 / n
    x = [p] * n
    for _ in range(PAGERANK_MAX_ITER):
        previous, last = x, x.__getitem__
        spread = _sequential_sum(map(last, dangling)) * p
        x = [alpha * (_sequential_sum(map(mul, map(last, js), ws)) + spread) + (1 - alpha) * p
             for js, ws in zip(sources, shares)]
        if _sequential_sum(map(abs, map(sub, x, previous))) < n * PAGERANK_TOL:
            return dict(zip(nodes, x))
    raise nx.PowerIterationFailedConvergence(PAGERANK_MAX_ITER)


def _sequential_sum(values: Iterable[float]) -> float:
    """Left-to-right float sum, as scipy's sparse products add (Python 3.12's sum() compensates rounding)."""
    total = 0.0
    for v in values:
        total += v
    return total


def _weight(value: object) -> float:
    try:
        weight = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 1.0
    return weight if weight > 0 and weight != float("inf") else 1.0
