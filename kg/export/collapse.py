"""One edge per ordered node pair, for tools that merge parallel edges (Gephi).

Gephi merges parallel edges of one direction at import (weights summed, later
attributes win), so several relations between A and B would collapse into one
arbitrary label. We collapse them ourselves, keeping every relation readable:
``relation``/``kind`` name the strongest one, ``relations``/``kinds`` list all,
``weight`` is the sum, evidence comes from the strongest relation.
"""
from __future__ import annotations

import hashlib

import networkx as nx

from kg.display import LIST_SEP
from kg.model import KIND_RANK


def _merged_time(edges: list[dict]) -> dict[str, str]:
    """The pair was seen whenever any of its relations was."""
    seen = sorted({d for e in edges for d in str(e.get("seen_dates", "")).split(LIST_SEP) if d})
    if not seen:
        return {}
    return {"first_seen": seen[0], "last_seen": seen[-1], "seen_dates": LIST_SEP.join(seen)}


def _strength(attrs: dict) -> tuple[int, float, str]:
    return (KIND_RANK.get(str(attrs.get("kind")), 99), -float(attrs.get("weight", 0.0)), str(attrs.get("relation", "")))


def collapse_parallel_edges(graph: nx.MultiDiGraph) -> nx.DiGraph:
    out = nx.DiGraph()
    out.add_nodes_from((n, dict(d)) for n, d in graph.nodes(data=True))
    pairs: dict[tuple[str, str], list[dict]] = {}
    for u, v, d in graph.edges(data=True):
        pairs.setdefault((u, v), []).append(d)
    for (u, v), edges in sorted(pairs.items()):
        edges = sorted(edges, key=_strength)
        best = dict(edges[0])
        if len(edges) > 1:
            best["relations"] = LIST_SEP.join(str(e.get("relation", "")) for e in edges)
            best["kinds"] = LIST_SEP.join(sorted({str(e.get("kind", "")) for e in edges}, key=lambda k: KIND_RANK.get(k, 99)))
            best["types"] = LIST_SEP.join(dict.fromkeys(str(e.get("type", "")) for e in edges if e.get("type")))
            best["label"] = best["relations"]
            best["weight"] = float(sum(float(e.get("weight", 0.0)) for e in edges))
            best["sources"] = LIST_SEP.join(sorted({s for e in edges for s in str(e.get("sources", "")).split(LIST_SEP) if s}))
            best["id"] = "e-" + hashlib.sha1("\x1f".join(str(e["id"]) for e in edges).encode()).hexdigest()[:16]
            best.update(_merged_time(edges))
        else:
            best["relations"] = best.get("relation", "")
            best["kinds"] = best.get("kind", "")
            best["types"] = best.get("type", "")
        out.add_edge(u, v, **best)
    return out
