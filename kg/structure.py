"""The story's groups and its main actors: communities (Louvain) and PageRank, computed with networkx.

Both work on the undirected weighted view of the graph: one link per node pair, weighted by all the
sentences that support any relation between the two. Direction is left out on purpose: a co-occurrence
edge points from the smaller id to the larger, which says nothing, and "A criticised B" makes B as much
a part of A's story as the reverse. Everything is deterministic: nodes and links are added in sorted
order and Louvain's random choices come from a fixed seed.
"""
from __future__ import annotations

import networkx as nx

COMMUNITY_SEED = 42
RESOLUTION = 1.0  # Louvain's default: bigger gives more, smaller communities
PAGERANK_ALPHA = 0.85
PAGERANK_DIGITS = 6  # significant digits kept, so files do not change with the last bits of a float sum


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
    ranks = nx.pagerank(links, alpha=PAGERANK_ALPHA, weight="weight")
    return {str(node): float(f"{value:.{PAGERANK_DIGITS}g}") for node, value in ranks.items()}


def _weight(value: object) -> float:
    try:
        weight = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 1.0
    return weight if weight > 0 and weight != float("inf") else 1.0
