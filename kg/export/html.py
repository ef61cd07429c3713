"""The interactive HTML view: one self-contained file (vis-network inlined), nothing fetched.

pyvis is used thinly: only for the vis-network JS/CSS it ships. The page is our own
Jinja template (autoescape on) plus our own script, which reads the graph from a JSON
block and shows every piece of article text with textContent, never as HTML.
"""
from __future__ import annotations

import importlib.util
import json
import math
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from kg.display import clean_label
from kg.errors import ConfigError, OutputError
from kg.export._atomic import write_text_atomic
from kg.export.html_data import (community_legend, edge_relation_types, rank_nodes, relation_type_legend,
                                 structure_of, time_data)
from kg.export.html_layout import compute_layout
from kg.model import EDGE_KINDS, NODE_TYPES
from kg.style import DEFAULT_COLOR, TYPE_COLORS, TYPE_NAMES

DEFAULT_MAX_NODES = 400
SIZE_MIN, SIZE_MAX = 7.0, 32.0  # node radius in px at zoom 1, fewest to most mentions
# Labels are drawn at screen size whatever the zoom: the LABEL_TIERS[0] most important nodes in the
# first size (and bold), those up to LABEL_TIERS[1] in the second, the rest in the third.
LABEL_PX = (15.0, 13.0, 12.0)
LABEL_TIERS = (10, 40)
LAYOUT_LABELS = 30  # the layout keeps this many of the most important labels apart at the opening zoom
VIS_VERSION = "9.1.2"
COOCCURRENCE = "co-occurrence"

# Edge colours stay neutral or muted so the node colours (the legend) carry the meaning.
KIND_STYLES: dict[str, dict[str, Any]] = {
    "role": {"name": "Role", "color": "#4d4d4d"},
    "event": {"name": "Event", "color": "#a0522d"},
    "action": {"name": "Action", "color": "#6a51a3"},
    "statement": {"name": "Statement", "color": "#2b7bba"},
    COOCCURRENCE: {"name": "Co-occurrence", "color": "#b0b0b0"},
}
OTHER_KIND = {"color": "#777777"}
# How much an edge of each kind pulls its nodes together in the layout.
LAYOUT_PULL = {COOCCURRENCE: 0.15}

_NODE_TEXT = ("label", "type", "aliases", "titles", "sources", "evidence", "event_type", "date", "date_text",
              "first_seen", "last_seen")
_NODE_INT = ("mentions", "articles")
_EDGE_TEXT = ("relation", "kind", "wikidata", "evidence", "evidence_source", "evidence_all", "sources", "first_seen", "last_seen")


def write_html(
    graph: nx.MultiDiGraph,
    path: str | os.PathLike[str],
    *,
    title: str = "kg",
    max_nodes: int = DEFAULT_MAX_NODES,
    show_cooccurrence: bool | None = None,
) -> None:
    """Write the interactive view of ``graph`` to ``path`` (atomically)."""
    html = render_html(graph, title=title, max_nodes=max_nodes, show_cooccurrence=show_cooccurrence)
    write_text_atomic(path, html)


def render_html(
    graph: nx.MultiDiGraph,
    *,
    title: str = "kg",
    max_nodes: int = DEFAULT_MAX_NODES,
    show_cooccurrence: bool | None = None,
) -> str:
    """The page as a string; the same graph always gives the same bytes."""
    if isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 1:
        raise ConfigError(f"HTML max_nodes must be a whole number of at least 1, not {max_nodes!r}")
    kept = select_nodes(graph, max_nodes)
    data = graph_data(graph, kept, show_cooccurrence=show_cooccurrence)
    total, shown = graph.number_of_nodes(), len(kept)
    if total == 0:
        notice = "The graph is empty: no people, places, organisations or events were found in the input."
    elif shown < total:
        notice = (f"{total - shown} nodes not shown (of {total}): only the {shown} most mentioned and "
                  f"connected are drawn (kg build --html-max-nodes N draws more; GraphML keeps them all).")
    else:
        notice = ""
    vis_js, vis_css = _vis_assets()
    return _template().render(
        title=clean_label(title) or "kg",
        notice=notice,
        node_count=shown,
        edge_count=len(data["edges"]),
        data_json=Markup(dumps_for_script(data)),
        vis_js=Markup(_safe_in_tag(vis_js, "script")),
        vis_css=Markup(_safe_in_tag(vis_css, "style")),
        app_js=Markup(_safe_in_tag(_own_asset("graph.js"), "script")),
        app_css=Markup(_safe_in_tag(_own_asset("graph.css"), "style")),
    )


def select_nodes(graph: nx.MultiDiGraph, max_nodes: int) -> list[str]:
    """The ``max_nodes`` most important nodes (mentions + degree; ties by id), sorted by id."""
    if graph.number_of_nodes() <= max_nodes:
        return sorted(graph.nodes, key=str)

    def score(node: Any) -> float:
        return _number(graph.nodes[node].get("mentions"), 1) + graph.degree(node)

    ranked = sorted(graph.nodes, key=lambda node: (-score(node), str(node)))
    return sorted(ranked[:max_nodes], key=str)


def html_counts(graph: nx.MultiDiGraph, max_nodes: int = DEFAULT_MAX_NODES) -> tuple[int, int]:
    """(nodes, edges) the page holds: the ``max_nodes`` most important nodes and the edges among them."""
    keep = set(select_nodes(graph, max_nodes))
    return len(keep), sum(1 for u, v in graph.edges() if u in keep and v in keep)


def graph_data(graph: nx.MultiDiGraph, kept: list[str], *, show_cooccurrence: bool | None) -> dict[str, Any]:
    """Everything the page script needs, as plain JSON-able data."""
    keep = set(kept)
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        if u in keep and v in keep:
            pairs.append((_edge_record(u, v, key, attrs), attrs))
    pairs.sort(key=lambda p: (p[0]["id"], p[0]["from"], p[0]["to"]))
    edges = [e for e, _ in pairs]
    edge_attrs = [a for _, a in pairs]
    _make_ids_unique(edges)

    links = [(e["from"], e["to"], e["weight"] * LAYOUT_PULL.get(e["kind"], 1.0)) for e in edges]
    nodes = [_node_record(node, graph.nodes[node]) for node in kept]
    community, pagerank = structure_of(graph, kept)
    for record in nodes:
        record["community"], record["pagerank"] = community[record["id"]], pagerank[record["id"]]
    rank_nodes(nodes)
    scale = size_scale([n["mentions"] for n in nodes])
    radii = [SIZE_MIN + f * (SIZE_MAX - SIZE_MIN) for f in scale]
    # An average glyph is about 0.55 em wide (bold: 0.6); labels are drawn at their tier's size on screen.
    half_widths = [(0.3 if n["rank"] < LABEL_TIERS[0] else 0.275) * _label_px(n["rank"]) * len(n["label"]) + 3
                   for n in nodes]
    layout = compute_layout([n["id"] for n in nodes], links, radii=radii, half_widths=half_widths,
                            groups=[n["community"] for n in nodes], labelled=[n["rank"] < LAYOUT_LABELS for n in nodes])
    for record, radius in zip(nodes, radii):
        record["x"], record["y"] = layout.positions[record["id"]]
        record["r"] = round(radius, 2)
        if record["id"] in layout.outliers:
            record["outlier"] = 1
    communities = community_legend(nodes)
    time = time_data(graph, nodes, edges, {e["id"]: a for e, a in zip(edges, edge_attrs)})

    type_counts: dict[str, int] = {}
    for n in nodes:
        type_counts[n["type"]] = type_counts.get(n["type"], 0) + 1
    kind_counts: dict[str, int] = {}
    for e in edges:
        kind_counts[e["kind"]] = kind_counts.get(e["kind"], 0) + 1
    if show_cooccurrence is None:
        # Co-occurrence says little and crowds everything else out; keep it if it is all there is.
        show_cooccurrence = not any(k != COOCCURRENCE for k in kind_counts)
    return {
        "nodes": nodes,
        "edges": edges,
        "types": [
            {"type": t, "name": TYPE_NAMES.get(t, t.title() or "Other"), "color": TYPE_COLORS.get(t, DEFAULT_COLOR),
             "count": type_counts[t]}
            for t in _ordered(type_counts, NODE_TYPES)
        ],
        "kinds": [
            {"kind": k, "name": KIND_STYLES.get(k, {}).get("name", k.title() or "Other"),
             "color": KIND_STYLES.get(k, OTHER_KIND)["color"], "count": kind_counts[k],
             "on": bool(show_cooccurrence) if k == COOCCURRENCE else True}
            for k in _ordered(kind_counts, EDGE_KINDS)
        ],
        "relationTypes": relation_type_legend(edges, cooccurrence_on=bool(show_cooccurrence)),
        "communities": communities,
        "time": time,
        "outliers": len(layout.outliers),
        "maxWeight": max((e["weight"] for e in edges), default=1.0),
        "sizeMin": SIZE_MIN,
        "sizeMax": SIZE_MAX,
        "labelPx": list(LABEL_PX),
        "labelTiers": list(LABEL_TIERS),
    }


def _label_px(rank: int) -> float:
    return LABEL_PX[0] if rank < LABEL_TIERS[0] else LABEL_PX[1] if rank < LABEL_TIERS[1] else LABEL_PX[2]


def size_scale(mentions: list[int]) -> list[float]:
    """0..1 per node, as the page's vis-network scaling computes it (log of mentions)."""
    if not mentions:
        return []
    lo, hi = math.log1p(max(min(mentions), 0)), math.log1p(max(max(mentions), 0))
    if hi == lo:
        return [0.25] * len(mentions)
    return [(math.log1p(max(m, 0)) - lo) / (hi - lo) for m in mentions]


def dumps_for_script(data: Any) -> str:
    """JSON that is safe inside <script type="application/json">: no <, >, & or line separators."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def _node_record(node: Any, attrs: dict[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = {"id": str(node)}
    for name in _NODE_TEXT:
        value = _text(attrs.get(name))
        if value:
            record[name] = value
    record.setdefault("label", str(node))
    record.setdefault("type", "")
    for name in _NODE_INT:
        record[name] = int(_number(attrs.get(name), 1 if name == "mentions" else 0))
    return record


def _edge_record(u: Any, v: Any, key: Any, attrs: dict[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = {"id": _text(attrs.get("id")) or str(key), "from": str(u), "to": str(v)}
    for name in _EDGE_TEXT:
        value = _text(attrs.get(name))
        if value:
            record[name] = value
    record.setdefault("relation", _text(attrs.get("label")) or "related to")
    record.setdefault("kind", "")
    record["types"] = edge_relation_types(attrs)
    record["weight"] = max(_number(attrs.get("weight"), 1.0), 0.0)
    record["negated"] = int(bool(_number(attrs.get("negated"), 0)))
    record["evidence_count"] = int(_number(attrs.get("evidence_count"), 0))
    return record


def _make_ids_unique(edges: list[dict[str, Any]]) -> None:
    # vis-network refuses duplicate ids; graphs read back from other tools may repeat keys.
    seen: dict[str, int] = {}
    for e in edges:
        n = seen.get(e["id"], 0)
        seen[e["id"]] = n + 1
        if n:
            e["id"] = f"{e['id']}~{n}"


def _ordered(counts: dict[str, int], known: tuple[str, ...]) -> list[str]:
    return [k for k in known if k in counts] + sorted(k for k in counts if k not in known)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _number(value: Any, default: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    return number if math.isfinite(number) else default


def _safe_in_tag(text: str, tag: str) -> str:
    """Code we inline must not close its own element early."""
    closing = f"</{tag}"
    if closing in text.lower() or "<!--" in text:
        raise OutputError(f"cannot inline a {tag} asset that contains {closing!r} or '<!--'; reinstall pyvis==0.3.2")
    return text


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    # The files only: importing pyvis (resources.files does) loads its notebook machinery, a third of a second.
    spec = importlib.util.find_spec("pyvis")
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    folder = Path(locations[0] if locations else os.devnull) / "lib" / f"vis-{VIS_VERSION}"
    try:
        js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
        css = (folder / "vis-network.css").read_text(encoding="utf-8")
    except OSError:
        raise OutputError(f"vis-network {VIS_VERSION} not found in the pyvis package; "
                          "reinstall it with: pip install pyvis==0.3.2") from None
    return js, css


@lru_cache(maxsize=None)
def _own_asset(name: str) -> str:
    return (resources.files("kg.export") / "templates" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _template():
    env = Environment(
        loader=PackageLoader("kg.export", "templates"),
        autoescape=select_autoescape(["html", "j2"], default_for_string=True, default=True),
        keep_trailing_newline=True,
    )
    return env.get_template("graph.html.j2")
