"""Cross-article entity resolution: the one global step after per-article extraction.

Maps every mention of every extraction to one Entity (one graph node):

- people: full names cluster by (first name, surname) spelling skeletons, transliteration variants
  merge when near-identical (rapidfuzz) and never named in one sentence; a surname-only or
  first-name-only mention joins the one full name it fits in its article, else in the corpus, and
  stays apart when it fits several;
- countries and cities through kg.gazetteer (a city is never its country); nationality words
  arrive as mentions of their country;
- organisations: case variants share a key ("NATO"/"Nato"); an acronym joins the one long form
  whose initials it is and that appears in an article beside it ("EU"/"European Union");
- types are voted across mentions, the gazetteer and person evidence taking precedence;
- a user's aliases file (kg.aliases) forces merges and forbids them, over all automatic rules.

The result does not depend on the order of the extractions.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from kg.model import Entity


@dataclass(frozen=True)
class Resolution:
    entities: dict[str, Entity] = field(default_factory=dict)  # by id
    assignment: dict[tuple[str, int], str] = field(default_factory=dict)  # (article, mention index) -> entity id

    def entity_of(self, article: str, mention: int) -> str | None:
        return self.assignment.get((article, mention))


from kg.resolve.engine import resolve_entities  # noqa: E402  (engine imports Resolution from here)

__all__ = ["Resolution", "resolve_entities"]
