"""What the HTML page needs beyond nodes and edges: importance, the community legend, the time axis,
the relation types.

Kept apart from kg/export/html.py so that the page's data stays small functions over plain records.
"""
from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from typing import Any

import networkx as nx

from kg.display import LIST_SEP
from kg.structure import communities, pageranks, undirected_weights
from kg.vocab import load_data

# Paul Tol's "muted" qualitative palette: nine colours told apart with the common colour blindnesses.
COMMUNITY_COLORS = ("#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99", "#999933", "#AA4499")
OTHER_COMMUNITY_COLOR = "#C8C8C8"
NAME_MEMBERS = 3  # a community is named by its most important members


def structure_of(graph: nx.MultiDiGraph, kept: list[str]) -> tuple[dict[str, int], dict[str, float]]:
    """Community and PageRank of the drawn nodes: the graph's own, else computed on the drawn part."""
    have = all(_is_number(graph.nodes[n].get("community")) and _is_number(graph.nodes[n].get("pagerank")) for n in kept)
    if have:
        return ({n: int(graph.nodes[n]["community"]) for n in kept},
                {n: float(graph.nodes[n]["pagerank"]) for n in kept})
    links = undirected_weights(graph.subgraph(kept))  # graphs from other tools, or read back from old files
    return communities(links), pageranks(links)


def rank_nodes(nodes: list[dict[str, Any]]) -> None:
    """``rank`` 0 for the most important node (PageRank, then mentions, then id): the page labels in that order."""
    order = sorted(nodes, key=lambda n: (-n["pagerank"], -n["mentions"], n["id"]))
    for rank, record in enumerate(order):
        record["rank"] = rank


def community_legend(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The drawn communities, biggest first, each named by its top members; the ninth and later share grey.

    Sets ``color`` on every node record for the page's "colour by community" mode.
    """
    members: dict[int, list[dict[str, Any]]] = {}
    for record in nodes:
        members.setdefault(record["community"], []).append(record)
    ordered = sorted(members, key=lambda c: (-len(members[c]), c))
    legend = []
    for i, community in enumerate(ordered):
        group = sorted(members[community], key=lambda r: r["rank"])
        color = COMMUNITY_COLORS[i] if i < len(COMMUNITY_COLORS) and len(group) > 1 else OTHER_COMMUNITY_COLOR
        for record in group:
            record["ccolor"] = color
        if color == OTHER_COMMUNITY_COLOR:
            continue
        legend.append({"community": community, "color": color, "count": len(group),
                       "name": ", ".join(r["label"] for r in group[:NAME_MEMBERS]),
                       "top": [r["id"] for r in group[:NAME_MEMBERS]]})
    rest = [r for r in nodes if r["ccolor"] == OTHER_COMMUNITY_COLOR]
    if rest:
        groups = len({r["community"] for r in rest})
        legend.append({"community": None, "color": OTHER_COMMUNITY_COLOR, "count": len(rest),
                       "name": f"{groups} smaller {'community' if groups == 1 else 'communities'}", "top": []})
    return legend


def edge_relation_types(attrs: dict[str, Any]) -> list[str]:
    """The relation types of an edge: all of a collapsed edge's ``types``, else its ``type``, else its kind's.

    The kind's type (kg/data/relations.json "kinds") covers graphs written before edges had a type.
    """
    types = [t.strip() for t in str(attrs.get("types") or "").split(LIST_SEP) if t.strip()]
    if not types:
        own = str(attrs.get("type") or "").strip()
        fallback = load_data("relations.json")["kinds"].get(str(attrs.get("kind") or ""), "")
        types = [own or fallback] if own or fallback else []
    return list(dict.fromkeys(types))


def relation_type_legend(edges: list[dict[str, Any]], *, cooccurrence_on: bool) -> list[dict[str, Any]]:
    """One entry per relation type on the drawn edges, in the vocabulary's order (unknown types after, by name).

    Each has the vocabulary's readable ``label`` and Wikidata property, the number of drawn edges of that type
    (an edge of several types counts for each) and whether it is shown when the page opens: all are, except
    co-occurrence, which follows the co-occurrence kind.
    """
    vocabulary: dict[str, dict[str, Any]] = load_data("relations.json")["types"]
    cooccurs = load_data("relations.json")["kinds"].get("co-occurrence", "")
    counts = Counter(t for e in edges for t in e.get("types", ()))
    order = [t for t in vocabulary if t in counts] + sorted(t for t in counts if t not in vocabulary)
    return [
        {"type": t, "label": str(vocabulary.get(t, {}).get("label") or t),
         "wikidata": str(vocabulary.get(t, {}).get("wikidata") or ""), "count": counts[t],
         "on": bool(cooccurrence_on) if t == cooccurs else True}
        for t in order
    ]


def time_data(graph: nx.MultiDiGraph, nodes: list[dict[str, Any]], edges: list[dict[str, Any]],
              attrs_of: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """The time axis of the drawn graph, in days from its first date; sets ``t`` (day numbers) on records.

    ``attrs_of`` maps edge record ids to the graph's edge attributes. None when nothing drawn is dated.
    """
    node_dates = {r["id"]: _dates(graph.nodes[r["id"]].get("seen_dates")) for r in nodes}
    edge_dates = {r["id"]: _dates(attrs_of[r["id"]].get("seen_dates")) for r in edges}
    articles = graph.graph.get("article_dates") or {}
    per_day = Counter(d for d in (_date(v) for v in articles.values()) if d)
    every = {d for ds in node_dates.values() for d in ds} | set(per_day)
    if not every:
        return None
    start, end = min(every), max(every)
    for record, dates in [(r, node_dates[r["id"]]) for r in nodes] + [(r, edge_dates[r["id"]]) for r in edges]:
        if dates:
            record["t"] = sorted((d - start).days for d in dates)
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "days": (end - start).days,
        # [day, number of articles published that day]; empty when the graph does not list its articles.
        "articles": sorted([(d - start).days, count] for d, count in per_day.items()),
        "undatedNodes": sum(1 for r in nodes if "t" not in r),
    }


def _dates(value: Any) -> set[dt.date]:
    return {d for d in (_date(part) for part in str(value or "").split(LIST_SEP)) if d}


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip()) if len(text.strip()) == 10 else None
    except ValueError:
        return None


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False
