"""Named events the model may miss or mislabel: "Munich Security Conference", "G7 summit", "World Cup".

A capitalised name ending in an event word (``named_heads`` in kg/data/events.json) becomes an EVENT
mention; a model entity overlapping it ("the Munich Security Conference, Defense" as ORG) gives way.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

from kg.extract.sentences import SentenceIndex
from kg.model import Mention
from kg.vocab import EVENT_NAME_HEADS


def extract_named_events(doc: Doc, *, sentences: SentenceIndex | None = None) -> Iterator[Mention]:
    """Named events the model may miss: a capitalised name ending in an event word
    ("Munich Security Conference", "G7 summit", "World Cup"). Title-case lines (headlines) are skipped."""
    sentences = sentences or SentenceIndex(doc)
    for token in doc:
        if token.lower_ not in EVENT_NAME_HEADS or token.pos_ not in ("PROPN", "NOUN"):
            continue
        left = [c for c in token.lefts if c.dep_ in ("compound", "nmod", "amod") and c.text[:1].isupper()]
        if not left or _is_headline(token.sent):
            continue
        start = min(c.left_edge.i if c.dep_ == "compound" else c.i for c in left)
        span = doc[start : token.i + 1]
        if not all(t.text[:1].isupper() or t.is_digit or t.is_punct for t in span if t.dep_ != "det"):
            continue
        if not token.text[:1].isupper() and any(t.ent_type_ in ("GPE", "NORP", "PERSON") for t in span[:-1]):
            continue  # "Paris meeting", "Russian attack": a described event, not a name
        if span[0].lower_ == "the":
            span = span[1:]
        if len(span) < 2 or "\n" in span.text:
            continue
        yield Mention(text=span.text, name=span.text.strip(" .,;:-"), label="EVENT",
                      start=span.start_char, end=span.end_char, sent=sentences.of(span.start))


def _is_headline(sent: Span) -> bool:
    """Title Case: hardly any longer word after the first is written in lower case."""
    words = [t for t in sent[1:] if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[:1].islower() for t in words) < 0.2 * len(words)


def add_named_events(mentions: list[Mention], doc: Doc, *, sentences: SentenceIndex | None = None) -> list[Mention]:
    """``mentions`` with named events added; a mention overlapping one ("the Munich Security Conference,
    Defense" as ORG) gives way to it. Order by position is kept."""
    named = list(extract_named_events(doc, sentences=sentences))
    if not named:
        return mentions
    kept = [m for m in mentions if not any(m.start < n.end and n.start < m.end for n in named)
            or (m.label == "EVENT" and any(m.start == n.start and m.end == n.end for n in named))]
    spans = {(m.start, m.end) for m in kept}
    kept.extend(n for n in named if (n.start, n.end) not in spans)
    return sorted(kept, key=lambda m: (m.start, m.end))
