"""``kg show``: find an entity of a built graph by name and describe it (why it was merged, how it relates)."""
from __future__ import annotations

import networkx as nx

from kg.errors import KgError
from kg.display import LIST_SEP, printable, quote
from kg.model import KIND_RANK

MAX_EDGES = 40
TOP_MEMBERS = 3


def _names(data: dict) -> list[str]:
    return [str(data.get("label", ""))] + [a for a in str(data.get("aliases", "")).split(LIST_SEP) if a]


def find_entities(graph: nx.MultiDiGraph, name: str) -> list[str]:
    """Node ids whose label or an alias is ``name`` (case-insensitive); else whose label or an alias contains it."""
    wanted = name.casefold().strip()
    exact = [n for n, d in graph.nodes(data=True) if any(x.casefold() == wanted for x in _names(d))]
    if exact:
        return sorted(exact, key=lambda n: (-int(graph.nodes[n].get("mentions", 0)), n))
    partial = [n for n, d in graph.nodes(data=True) if any(wanted in x.casefold() for x in _names(d))]
    return sorted(partial, key=lambda n: (-int(graph.nodes[n].get("mentions", 0)), n))


def list_entities(graph: nx.MultiDiGraph) -> list[str]:
    """One line per node, most mentioned first: label, type, mentions."""
    nodes = sorted(graph.nodes(data=True), key=lambda nd: (-int(nd[1].get("mentions", 0)), nd[0]))
    return [f"{d.get('label', n)}  [{d.get('type', '?')}]  {d.get('mentions', 0)} mentions  ({n})" for n, d in nodes]


def describe_entity(graph: nx.MultiDiGraph, node: str, *, max_edges: int = MAX_EDGES) -> list[str]:
    """Label, type, aliases, counts, titles, then its edges (strongest first) with their evidence."""
    d = graph.nodes[node]
    lines = [
        f"{d.get('label', node)}  [{d.get('type', '?')}]  id {node}",
        f"  aliases:  {d.get('aliases', '') or '-'}",
        f"  mentions: {d.get('mentions', 0)} in {d.get('articles', 0)} articles",
    ]
    if d.get("titles"):
        lines.append(f"  titles:   {d['titles']}")
    for i, merge in enumerate(m for m in str(d.get("merges", "")).split(LIST_SEP) if m):
        lines.append(f"  {'merged:' if i == 0 else '':9} {merge}")
    lines.extend(time_and_structure(graph, node))
    edges = [(u, v, e, "->") for u, v, e in graph.out_edges(node, data=True)]
    edges += [(u, v, e, "<-") for u, v, e in graph.in_edges(node, data=True)]
    # What the text says happened first (roles, events, actions, statements), co-occurrence last.
    edges.sort(key=lambda x: (KIND_RANK.get(str(x[2].get("kind", "")), 99), -float(x[2].get("weight", 0)),
                              x[2].get("relation", ""), x[0], x[1]))
    lines.append(f"  edges:    {len(edges)}")
    for u, v, e, arrow in edges[:max_edges]:
        other = v if arrow == "->" else u
        other_label = graph.nodes[other].get("label", other)
        typed = f" [{e['type']}]" if e.get("type") and e.get("type") not in ("action", "co_occurs") else ""
        hedge = f"  HEDGED ({e['modality']})" if e.get("modality") else ""
        seen = f", seen {_span(e)}" if e.get("first_seen") else ""
        lines.append(f"    {arrow} {e.get('relation', '?')}{typed} {arrow} {other_label}"
                     f"  (weight {float(e.get('weight', 0)):g}{seen}){hedge}")
        if e.get("evidence"):
            source = f" [{e['evidence_source']}]" if e.get("evidence_source") else ""
            lines.append(f"       \"{e['evidence']}\"{source}")
    if len(edges) > max_edges:
        lines.append(f"    ... {len(edges) - max_edges} more edges")
    return lines


def time_and_structure(graph: nx.MultiDiGraph, node: str) -> list[str]:
    """When the entity was seen, its community (named by its most central members) and its PageRank."""
    d = graph.nodes[node]
    lines = []
    if d.get("first_seen"):
        dates = [x for x in str(d.get("seen_dates", "")).split(LIST_SEP) if x]
        lines.append(f"  seen:     {_span(d)}" + (f" (on {len(dates)} dates)" if len(dates) > 1 else ""))
    elif any(x.get("first_seen") for _, x in graph.nodes(data=True)):
        lines.append("  seen:     only in undated articles")
    else:
        lines.append("  seen:     - (the articles carry no dates)")
    ranks = {n: _float(x.get("pagerank")) for n, x in graph.nodes(data=True)}
    if "community" in d:
        members = sorted((n for n, x in graph.nodes(data=True) if x.get("community") == d["community"]),
                         key=lambda n: (-ranks[n], n))
        top = ", ".join(str(graph.nodes[n].get("label", n)) for n in members[:TOP_MEMBERS])
        lines.append(f"  community: {d['community']} ({len(members)} entities; most central: {top})")
    if "pagerank" in d:
        place = 1 + sum(1 for n, r in ranks.items() if r > ranks[node] or (r == ranks[node] and n < node))
        lines.append(f"  pagerank: {_float(d['pagerank']):.4g} (#{place} of {len(ranks)})")
    return lines


def _span(d: dict) -> str:
    first, last = str(d.get("first_seen")), str(d.get("last_seen") or d.get("first_seen"))
    return f"on {first}" if first == last else f"{first} to {last}"


def _float(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0


def show(graph: nx.MultiDiGraph, name: str, graph_name: str = "the graph") -> list[str]:
    """Lines to print for ``kg show GRAPH NAME``; KgError if no entity matches."""
    found = find_entities(graph, name)
    if not found:
        raise KgError(f"no entity named {name!r} in {quote(graph_name)}; try 'kg show {printable(graph_name)} --list' to see all names")
    if len(found) > 1:
        exact = [n for n in found if any(x.casefold() == name.casefold().strip() for x in _names(graph.nodes[n]))]
        if len(exact) != 1 and len(found) > 1:
            return [f"{len(found)} entities match {name!r}; name one of them:"] + [
                f"  {graph.nodes[n].get('label', n)}  [{graph.nodes[n].get('type', '?')}]  "
                f"{graph.nodes[n].get('mentions', 0)} mentions  ({n})" for n in found
            ]
        found = exact
    return describe_entity(graph, found[0])
