"""Frozen dataclasses that cross module boundaries.

Flow: ``ingest`` yields :class:`Article`; ``extract`` turns one article into one
:class:`Extraction` (a pure function of that article: cacheable, parallelisable);
``resolve`` maps every mention of every extraction to an :class:`Entity`;
``graph`` turns entities and relations into a networkx graph.

Offsets (``start``/``end``) are character offsets into ``Article.text`` (the
cleaned, *un-normalised* text), so evidence is always quoted as written.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property

# Entity types kept as nodes (spaCy labels, plus NORP only for groups that are not nationalities).
NODE_TYPES: tuple[str, ...] = ("PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "NORP")

# Edge kinds, in the order of how much they say (strongest first).
EDGE_KINDS: tuple[str, ...] = ("role", "event", "action", "statement", "gazetteer", "co-occurrence")
# Entity labels that name a place (a facility too): what a place relation may point at.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
KIND_RANK: dict[str, int] = {kind: i for i, kind in enumerate(EDGE_KINDS)}


@dataclass(frozen=True)
class Article:
    """One news article after ingest (boilerplate removed, encoding decoded)."""

    name: str  # unique, stable name used in `sources` ("seeds/000.txt", "feed.jsonl#12")
    text: str  # the body that is parsed; headings and boilerplate removed
    title: str = ""
    date: str = ""  # ISO YYYY-MM-DD publication date, or ""
    url: str = ""
    source: str = ""  # publication name, if known

    def digest(self) -> str:
        """Content key: two articles with the same digest give the same extraction."""
        h = hashlib.sha256()
        for part in (self.text, self.title, self.date):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\x00")
        return h.hexdigest()


@dataclass(frozen=True)
class Mention:
    """A span of the article that names (or stands for) an entity."""

    text: str  # surface form as written in the article
    name: str  # canonical form used for resolution: "Keir Starmer" for "Sir Keir Starmer's"
    label: str  # type suggested by this mention: PERSON, ORG, GPE, LOC, FAC, PRODUCT, EVENT, NORP
    start: int  # char offsets into Article.text
    end: int
    sent: int  # sentence index within the article
    titles: tuple[str, ...] = ()  # titles attached to this mention ("prime minister", "former head")
    kind: str = "name"  # "name"; "demonym" ("British" for the UK); "pronoun"/"title" (resolved references)
    styled: str = ""  # the name with the title it was written with, when it had one: "President John F. Kennedy"
    cue: str = ""  # what the words around say it is: "ORG" ("BT's chief executive", "shares in Yukos"), "PRODUCT" ("the Xbox console")


@dataclass(frozen=True)
class Relation:
    """A typed, directed relation between two mentions of one article."""

    subject: int  # index into Extraction.mentions
    object: int
    relation: str  # readable phrase: "president of", "send troops to", "wrote in"
    kind: str  # "role" | "action" | "statement"
    sent: int  # sentence index of the evidence
    negated: bool = False
    quote: str = ""  # for statements: the quoted words, if any
    rtype: str = ""  # relation type of kg/data/relations.json ("works_for", "killed"); "" for the kind's default
    modality: str = ""  # "" when the text asserts it; else the hedge ("could", "plans to", "reportedly")


@dataclass(frozen=True)
class Event:
    """A described event (meeting, talks, call, ...) found in one sentence."""

    event_type: str  # "meeting", "talks", "call", ...
    trigger: str  # the word that signalled it, as written
    sent: int
    participants: tuple[tuple[int, str], ...] = ()  # (mention index, role: host/convener/attendee/participant)
    place: int | None = None  # mention index of the place
    date: str = ""  # ISO date if it could be normalised
    date_text: str = ""  # the words the date came from
    mention: int | None = None  # mention index when the event is also a named entity


@dataclass(frozen=True)
class Extraction:
    """Everything kg takes from one article; serialisable and independent of other articles."""

    article: str  # Article.name
    date: str = ""
    title: str = ""
    url: str = ""
    sentences: tuple[tuple[int, str], ...] = ()  # (sentence index, original text) for sentences used as evidence
    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
    events: tuple[Event, ...] = ()
    acronyms: tuple[tuple[str, str], ...] = ()  # (acronym, long form) the article defines: ("IMF", "International Monetary Fund")
    words: int = 0  # tokens parsed, for throughput figures

    def sentence(self, index: int) -> str:
        return self._sentence_by_index.get(index, "")

    @cached_property
    def _sentence_by_index(self) -> dict[int, str]:
        # Built once: a scan per call made a long article quadratic (one call per relation and pair).
        return dict(self.sentences)


@dataclass(frozen=True)
class Entity:
    """One real-world entity after cross-article resolution: one graph node."""

    id: str  # slug, valid XML NMTOKEN: "person:keir-starmer"
    label: str  # display name, the fullest proper form seen
    type: str  # PERSON, ORG, GPE, LOC, FAC, EVENT, NORP
    aliases: tuple[str, ...] = ()  # every surface form seen, sorted
    titles: tuple[str, ...] = ()
    mentions: int = 0
    articles: tuple[str, ...] = ()  # article names, sorted
    evidence: str = ""  # a sentence that mentions it
    merges: tuple[str, ...] = ()  # why forms were merged: "Starmer + Keir Starmer: <rule>"
    # Event nodes only:
    event_type: str = ""
    date: str = ""
    date_text: str = ""
    extra: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # other string attributes, sorted by key


@dataclass(frozen=True)
class Claim:
    """One sentence supporting one edge between two resolved entities (graph.py aggregates claims into edges)."""

    source: str  # entity id
    target: str  # entity id
    relation: str
    kind: str
    article: str
    sentence: str
    negated: bool = False
    rtype: str = ""
    modality: str = ""
