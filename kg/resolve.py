"""Cross-article entity resolution: the one global step after per-article extraction.

Maps every mention of every extraction to one Entity (one graph node).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.model import Entity, Extraction
from kg.slug import node_id, unique_ids


@dataclass(frozen=True)
class Resolution:
    entities: dict[str, Entity] = field(default_factory=dict)  # by id
    assignment: dict[tuple[str, int], str] = field(default_factory=dict)  # (article, mention index) -> entity id

    def entity_of(self, article: str, mention: int) -> str | None:
        return self.assignment.get((article, mention))


def resolve_entities(extractions: Sequence[Extraction]) -> Resolution:
    """Exact-name merging: mentions with the same canonical name are one entity; type by majority vote."""
    groups: dict[str, list[tuple[str, int]]] = defaultdict(list)
    by_key = {}
    for ex in extractions:
        for i, m in enumerate(ex.mentions):
            groups[m.name.lower()].append((ex.article, i))
            by_key[(ex.article, i)] = (ex, m)
    keys = sorted(groups)
    drafts = []
    for key in keys:
        members = groups[key]
        types = Counter(by_key[k][1].label for k in members)
        etype = sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        names = Counter(by_key[k][1].name for k in members)
        label = sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        drafts.append((node_id(etype, label), label, etype, members))
    drafts.sort(key=lambda d: (d[0], d[1]))
    ids = unique_ids([d[0] for d in drafts])
    entities: dict[str, Entity] = {}
    assignment: dict[tuple[str, int], str] = {}
    for eid, (_, label, etype, members) in zip(ids, drafts):
        mentions = [by_key[k] for k in members]
        entities[eid] = Entity(
            id=eid,
            label=label,
            type=etype,
            aliases=tuple(sorted({m.text for _, m in mentions})),
            titles=tuple(sorted({t for _, m in mentions for t in m.titles})),
            mentions=len(members),
            articles=tuple(sorted({a for a, _ in members})),
            evidence=_first_evidence(mentions),
        )
        for k in members:
            assignment[k] = eid
    return Resolution(entities=entities, assignment=assignment)


def _first_evidence(mentions: list) -> str:
    for ex, m in sorted(mentions, key=lambda em: (em[0].article, em[1].start)):
        s = ex.sentence(m.sent)
        if s:
            return s
    return ""
