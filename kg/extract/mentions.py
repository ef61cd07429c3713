"""Named-entity mentions from a parsed Doc."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

from kg.extract.sentences import SentenceIndex
from kg.model import Mention

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP"})


def canonical_name(span: Span) -> str:
    tokens = [t for t in span if not (t.tag_ == "POS" or t.text in {"'s", "'"})]
    if tokens and tokens[0].lower_ == "the":
        tokens = tokens[1:]
    return " ".join(t.text for t in tokens).strip(" .,;:-")


def extract_mentions(doc: Doc, *, sentences: SentenceIndex | None = None) -> Iterator[Mention]:
    """One Mention per entity span the model found, with a canonical name."""
    sentences = sentences or SentenceIndex(doc)
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        name = canonical_name(ent)
        if not name or "\n" in ent.text:
            continue
        yield Mention(
            text=ent.text,
            name=name,
            label=ent.label_,
            start=ent.start_char,
            end=ent.end_char,
            sent=sentences.of(ent.start),
        )
