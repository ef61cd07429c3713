"""Titles a verb gives a person: "Ann Lacy became chairman of BP", "Tom Reyes was named chief executive of
Vodafone", "Ann Lacy served as finance director of Tesco", "Tom Reyes stepped down as chief executive".

kg.extract.roles finds titles written beside a name ("BP chairman Ann Lacy", "Ann Lacy, chairman of BP"); here
the title is the complement of a verb of kg/data/titles.json's title_verbs: the predicate of "be", "become" or
"remain", the object complement of a naming verb ("was named chief executive", "named Tom Reyes chief executive"),
or the object of "as" after any listed verb. The verb says whether its subject or its object (a passive subject)
holds the title or held it ("resigned as", "was ousted as": a former title). A negated or supposed verb gives
nothing ("is not the chairman", "if he becomes chairman"); a hedge ("is expected to become") is kept as the
role's modality.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.extract.phrases import TokenMentions, grammatical_subjects, hedge_of, is_conditional, is_negated, particle
from kg.lemma import lemma_of
from kg.vocab import load_data

_PREDICATE_VERBS = frozenset({"be", "become", "remain"})
_HOLDS, _HELD, _KEEPS = "holds", "held", "keeps"
_FUTURE = frozenset({"will", "shall", "'ll"})


@dataclass(frozen=True)
class TitleHolder:
    person: int  # mention index
    former: bool  # the verb says the title is over ("resigned as chairman")
    modality: str  # the hedge on the verb ("expected"), "" when asserted


def title_holder(span: Span, index: TokenMentions) -> TitleHolder | None:
    """The person a verb gives the title ``span`` to, if the title is such a verb's complement."""
    root = span.root
    if root.dep_ == "attr" and lemma_of(root.head).lower() in _PREDICATE_VERBS:
        verb, as_object = root.head, False
    elif root.dep_ == "oprd":
        verb, as_object = root.head, True  # "was named chief executive", "named Tom Reyes chief executive"
    elif root.dep_ == "pobj" and root.head.lower_ == "as" and root.head.head.pos_ in ("VERB", "AUX"):
        verb, as_object = root.head.head, True  # "served as", "was appointed as", "resigned as"
    else:
        return None
    statuses = _statuses(verb)
    if statuses is None:
        return None
    subjects, found_on = grammatical_subjects(verb)
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    objects = [c for c in verb.children if c.dep_ == "dobj"] + \
        [c for c in root.lefts if c.dep_ in ("nmod", "compound") and c.i < span.start]  # "named Tom Reyes chief ..."
    if passive:
        holders, status = passive, statuses[1]
    elif as_object and objects and statuses[1]:
        holders, status = objects, statuses[1]
    else:
        holders, status = [s for s in subjects if s.dep_ != "nsubjpass"] or subjects, statuses[0]
    if not status or is_negated(verb, found_on) or is_conditional(verb, found_on):
        return None
    people = [index.of(h) for h in holders if index.of(h) >= 0 and index.is_person(index.of(h))]
    if len(people) != 1 or index.mentions[people[0]].kind != "name":
        return None  # "Smith and Jones became directors": a title of each, not read here
    modality = hedge_of(verb, found_on)
    if any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in verb.children):
        # "will succeed X as president": X holds it until then; "will become chairman": not yet
        modality = modality or ("will" if status == _HOLDS else "")
        status = _HOLDS if status == _HELD else status
    return TitleHolder(people[0], status == _HELD, modality)


def _statuses(verb: Token) -> tuple[str, str] | None:
    """What a title verb's subject and object are to the title ("holds", "held" or ""), by lemma and particle."""
    verbs = load_data("titles.json")["title_verbs"]
    lemma = lemma_of(verb).lower()
    phrasal = " ".join(p for p in (lemma, particle(verb) or _adverb_particle(verb)) if p)
    found = verbs.get(phrasal) or verbs.get(lemma)
    return (found[0], found[1]) if found else None


def _adverb_particle(verb: Token) -> str:
    """"stepped down", "stood down": the model often parses the particle as an adverb."""
    return next((c.lower_ for c in verb.children if c.dep_ == "advmod" and c.lower_ in ("down", "aside", "out", "over")
                 and c.i == verb.i + 1), "")
