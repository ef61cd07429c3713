"""Ownership read from possessives: a firm's name owning another name, or owning the noun that describes it.

- "Microsoft's Windows", "MIT's Media Labs", "Sony's PlayStation": a firm's possessive on the name of a product,
  a unit or a building says the firm owns it, also on the product noun the name modifies ("Microsoft's Windows
  operating system");
- "AOL, TimeWarner's internet business" / "TimeWarner's internet business, AOL": a name set off with a firm's
  noun for a business, a unit or a product ("business", "arm", "subsidiary", "brand"; organisations.json's
  organisation nouns and product heads) is owned by the firm.

Only an organisation owns here, and only what is no person and no place: "Labour's Gordon Brown" is a member,
"Russia's Gazprom" is based there (kg.extract.places), "Boston University's Papagiannis" works there
(kg.extract.links); a place the model calls a firm owns nothing ("Edinburgh's Napier University"), and a
possessive inside a name owns nothing either ("Ford's Theater", "Standard & Poor's (S&P)"). The edge runs from what is owned to its owner (`owned by`, Wikidata P127).
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg import gazetteer
from kg.extract.cues import compound_phrase
from kg.extract.phrases import TokenMentions
from kg.extract.places import KIND, label_of, mention_tokens, token_span
from kg.extract.sentences import SentenceIndex
from kg.lemma import lemma_of
from kg.model import Relation
from kg.vocab import FACILITY_HEADS, ORG_HEADS, ORG_NOUNS, PRODUCT_HEADS

_OWNED_LABELS = frozenset({"ORG", "PRODUCT", "FAC", "WORK_OF_ART"})
PHRASE = "owned by"
_HEAD_WORDS = FACILITY_HEADS | ORG_HEADS  # a one-word name that is only such a word is part of a longer one


def extract_ownership(index: TokenMentions, sentences: SentenceIndex) -> Iterator[Relation]:
    """`owned by` edges from what a firm's possessive owns (see the module's shapes)."""
    for mi, root in mention_tokens(index):
        if not _ownable(index, mi):
            continue
        nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        if root.dep_ in ("appos", "compound") and root.head.pos_ == "NOUN":
            nouns.append(root.head)  # "TimeWarner's internet business, AOL", "Microsoft's Windows operating system"
        owner = next((o for t in (root, *(n for n in nouns if _names_a_holding(n))) for o in [_firm_of(t, index)]
                      if o is not None), None)
        if owner is not None and owner != mi and index.mentions[owner].name != index.mentions[mi].name:
            yield Relation(mi, owner, PHRASE, KIND, sentences.of(root.i), rtype="owned_by")


def _ownable(index: TokenMentions, mi: int) -> bool:
    m = index.mentions[mi]
    start, _ = token_span(index, mi)
    if start > 0 and index.doc[start - 1].text == "(":
        return False  # "Standard & Poor's (S&P)": the possessive ends the name the brackets abbreviate
    if " " not in m.name and m.name.lower() in _HEAD_WORDS:
        return False  # "Ford's Theater": the possessive is part of the name
    return m.kind == "name" and label_of(index, mi) in _OWNED_LABELS and not index.is_person(mi)


def _firm_of(token: Token, index: TokenMentions) -> int | None:
    """The organisation whose possessive the token carries ("Microsoft's" of "Microsoft's Windows")."""
    for child in token.children:
        owner = index.of(child) if child.dep_ == "poss" else -1
        if owner >= 0 and label_of(index, owner) == "ORG" and index.mentions[owner].kind == "name" \
                and not index.is_person(owner) and not gazetteer.is_place(index.mentions[owner].name):
            return owner
    return None


def _names_a_holding(noun: Token) -> bool:
    """A noun for what a firm may own: a business, a unit, a brand, a product ("its internet business")."""
    lemma = lemma_of(noun).lower()
    return lemma in ORG_NOUNS or lemma in PRODUCT_HEADS or compound_phrase(noun) in PRODUCT_HEADS
