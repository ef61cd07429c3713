"""Places named as a division of another: "Japan's capital, Tokyo", "the Iraqi capital, Baghdad", "Serbia's southern
province of Kosovo", "Tokyo, Japan's capital" (`located in`).

A noun for a part of a place (names.json's area_nouns, places.json's capital_nouns) owned by a place (a possessive, or
a nationality before it) names its part in apposition or after "of". Only a country, a region or a US state owns the
noun: "London, the world's biggest city" says nothing of where London is, and "Frankfurt's state of Hessen" is the
state Frankfurt lies in.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from kg import gazetteer
from kg.extract.phrases import TokenMentions, conjuncts
from kg.extract.places import AREAS, KIND, label_of
from kg.extract.sentences import SentenceIndex
from kg.model import Relation
from kg.vocab import AREA_NOUNS, CAPITAL_NOUNS, US_STATES


def extract_divisions(doc: Doc, index: TokenMentions, sentences: SentenceIndex) -> Iterator[Relation]:
    """`located in` relations of a place named as a division of a place owning the noun."""
    for noun in doc:
        if noun.pos_ != "NOUN" or (noun.lower_ not in AREA_NOUNS and noun.lower_ not in CAPITAL_NOUNS):
            continue
        owners = _owners(noun, index)
        if not owners:
            continue
        for part in _parts(noun, index):
            for owner in owners:
                if owner != part and index.mentions[owner].name != index.mentions[part].name:
                    yield Relation(part, owner, "located in", KIND, sentences.of(noun.i), rtype="located_in")


def _place(token: Token, index: TokenMentions) -> int:
    mi = index.of(token)
    return mi if mi >= 0 and label_of(index, mi) in AREAS else -1


def _owners(noun: Token, index: TokenMentions) -> list[int]:
    """The places owning the noun: "Japan's capital", "the Iraqi capital" (a nationality names its country)."""
    found = [_place(c, index) for c in noun.children if c.dep_ == "poss"]
    found += [_place(c, index) for c in noun.children if c.dep_ == "amod" and index.of(c) >= 0
              and index.mentions[index.of(c)].kind == "demonym"]
    return [mi for mi in dict.fromkeys(found) if mi >= 0 and _territory(index, mi)]


def _territory(index: TokenMentions, mi: int) -> bool:
    """A country, a region or a US state: what owns divisions. A town's "state" is the one it lies in ("Frankfurt's
    state of Hessen")."""
    m = index.mentions[mi]
    return m.kind == "demonym" or gazetteer.country_of(m.name) is not None or gazetteer.is_region(m.name) \
        or m.name in US_STATES or gazetteer.city_of(m.name) is None  # "Bosnia": no town at least


def _parts(noun: Token, index: TokenMentions) -> Iterator[int]:
    """The places the noun names: in apposition either way ("Japan's capital, Tokyo"; "Tokyo, Japan's capital") or
    after "of" ("Serbia's province of Kosovo")."""
    for c in noun.children:
        if c.dep_ == "appos":
            yield from (p for t in conjuncts(c) for p in [_place(t, index)] if p >= 0)
        if c.dep_ == "prep" and c.lower_ == "of":
            yield from (p for o in c.children if o.dep_ == "pobj" for t in conjuncts(o) for p in [_place(t, index)]
                        if p >= 0)
    if noun.dep_ == "appos" and _place(noun.head, index) >= 0:
        yield _place(noun.head, index)
