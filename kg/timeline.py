"""``kg timeline``: the story in order. Dated events (kg.events), then who enters the story when.

An entity enters the story on its ``first_seen`` date: the publication date of the first dated article that
mentions it. Entities only undated articles mention never enter (no date is invented).
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from kg.events import timeline as event_timeline

PERIODS = ("day", "week", "month")


@dataclass(frozen=True)
class Entrance:
    """The entities first seen in one period, most mentioned first."""

    period: str  # "2005-01-17" (day, or the Monday of its week) or "2005-01" (month)
    entities: tuple[tuple[str, str, int], ...]  # (label, type, mentions), at most ``top``
    more: int  # how many more entered then


def first_appearances(graph: nx.MultiDiGraph, *, by: str = "day", top: int = 5, min_mentions: int = 1) -> list[Entrance]:
    """Entrances in chronological order; ``by`` groups the dates by day, week (from Monday) or month."""
    if by not in PERIODS:
        raise ValueError(f"by must be one of {', '.join(PERIODS)}, not {by!r}")
    groups: dict[str, list[tuple[int, str, str, str]]] = defaultdict(list)
    for node, data in graph.nodes(data=True):
        first = _iso(data.get("first_seen"))
        mentions = _int(data.get("mentions"))
        if not first or mentions < min_mentions:
            continue
        label = str(data.get("label") or node)
        groups[_period(first, by)].append((-mentions, label, str(node), str(data.get("type") or "?")))
    out = []
    for period in sorted(groups):
        ranked = sorted(groups[period])
        shown = tuple((label, etype, -neg) for neg, label, _, etype in ranked[:top])
        out.append(Entrance(period, shown, max(0, len(ranked) - top)))
    return out


def timeline_lines(graph: nx.MultiDiGraph, *, events: bool = True, undated: bool = True, entrances: bool = True,
                   by: str = "day", top: int = 5, min_mentions: int = 1) -> tuple[list[str], list[str]]:
    """(lines for stdout, notes for stderr) of ``kg timeline``."""
    lines: list[str] = []
    notes: list[str] = []
    if events:
        dated, rest = event_timeline(graph)
        shown = dated + (rest if undated else [])
        if shown:
            lines.append("Events")
            for entry in shown:
                where = f" @ {entry.place}" if entry.place else ""
                who = "; ".join(entry.participants) or "-"
                lines.append(f"  {entry.date or 'undated':<10}  {entry.label}{where}  [{who}]")
        if rest and not undated:
            notes.append(f"{len(rest)} undated events not shown (use --undated)")
        if not dated and not rest:
            notes.append("no events")
    if entrances:
        found = first_appearances(graph, by=by, top=top, min_mentions=min_mentions)
        if found:
            lines.append("First appearances (who enters the story when)")
            for entrance in found:
                names = ", ".join(f"{label} ({etype}, {mentions})" for label, etype, mentions in entrance.entities)
                more = f" and {entrance.more} more" if entrance.more else ""
                lines.append(f"  {entrance.period:<10}  {names}{more}")
        elif not any("first_seen" in d for _, d in graph.nodes(data=True)):
            notes.append("no first appearances: the articles carry no dates")
    return lines, notes


def _period(iso: str, by: str) -> str:
    if by == "month":
        return iso[:7]
    if by == "week":
        day = dt.date.fromisoformat(iso)
        return (day - dt.timedelta(days=day.weekday())).isoformat()
    return iso


def _iso(value: object) -> str:
    try:
        return dt.date.fromisoformat(str(value)).isoformat() if len(str(value)) == 10 else ""
    except ValueError:
        return ""


def _int(value: object) -> int:
    try:
        return int(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0
