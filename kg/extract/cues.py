"""Context that says what a name is, whatever the model said: "BT's chief executive" (an organisation), "the Xbox
console" (a product), "Albrecht, 54," and "Ansel Adams, Chuck Close, Walker Evans" (people), "a Fargo native" and
"born in Jamestown" (places)."""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from kg import gazetteer
from kg.extract.names import is_given_name
from kg.lemma import is_dictionary_word, lemma_of
from kg.vocab import (AFFILIATION_NOUNS, EVENT_NAME_HEADS, MATCH_VERBS, ORG_CONTEXT, ORG_HEADS, ORG_NOUNS, ORIGIN_NOUNS,
                      PERSON_KINDS, PLACE_KINDS, PRODUCT_HEADS, SHARED_ROLE_NOUNS, TITLES, US_STATE_ABBREVIATIONS,
                      US_STATES, WORK_KINDS)

_MAX_AGE = 120
_MATCH_SCORE = re.compile(r"^\d{1,2}[-\u2013]\d{1,2}$")  # "3 – 0", "2-1"; not a time ("1:19.03") or a year
_SCORE_TOKENS = 3
_MIN_LISTED_PEOPLE = 2
_PLACE_WORDS = 3  # "Fort Hamilton, Brooklyn, N.Y.": the words of a place between two commas
_ITS_WINDOW = 6  # "saw its", "has cut its", "said it would sell its": the words up to "its"
_EXAMPLE_PREPOSITIONS = frozenset({"including", "like"})  # "towns including Camberley", "firms like Napster"


def context_cue(span: Span) -> str:
    """"ORG" when the span owns or modifies a company noun ("BT's chief executive", "Nokia shares", "shares in
    Yukos"), "PRODUCT" when it names a kind of product ("the Xbox console"); else ""."""
    if _age_follows(span) or _listed_with_people(span) or _described_as_person(span) or _named_after_person_noun(span):
        return "PERSON"
    root = span.root
    head = root.head
    if named_after_org_noun(span) or _person_after_the(span) or _owning_its(span):
        return "ORG"
    if _names_origin(span) or _state_follows(span):
        return "GPE"
    # "in Las Vegas Microsoft boss Bill Gates": the company noun is the nearer name's, not this one's
    if root.dep_ in {"poss", "compound", "nmod"} and head.i >= span.end \
            and not any(t.pos_ == "PROPN" for t in span.doc[span.end:head.i]):
        if head.lower_ in ORG_CONTEXT or compound_phrase(head) in ORG_CONTEXT:  # "shares", "chief executive"
            return "ORG"
        if root.dep_ == "compound" and (head.lower_ in PRODUCT_HEADS or compound_phrase(head) in PRODUCT_HEADS):
            return "PRODUCT"
    if _owned_by_a_firm(span):
        return "PRODUCT"
    if root.dep_ == "pobj" and head.lower_ in {"in", "of"} and head.head.lower_ in ORG_CONTEXT and head.head.i < span.start \
            and not _owned_noun(head.head) and not any(t.pos_ == "PROPN" for t in span.doc[head.i + 1:span.start]):
        return "ORG"  # not "chairman of the Federal Reserve Alan Greenspan": the nearer name holds the chair
    return ""


def _owned_noun(noun: Token) -> bool:
    """The company noun has its company already ("Allied Domecq shares in London rose": London is the market)."""
    return any(c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" for c in noun.children)


def cue_of(span: Span) -> tuple[str, bool]:
    """(cue, whether a noun for the name's kind gave it): the kind first (kind_of), else the context (context_cue)."""
    kind = kind_of(span)
    return (kind, True) if kind else (context_cue(span), False)


def kind_of(span: Span) -> str:
    """The type that a common noun for the name's kind gives it, whatever the model said: "companies such as
    Blinkx", "towns including Camberley", "Blinkx and other firms", "Activcard, one of the many companies",
    "Kingfisher, an Indian airline", "Nomad Digital is a British company", "games such as Jedi Knight"; "" when
    no such noun, or one for no kind kg types, is there."""
    noun, set_off = _kind_noun(span)
    kind = type_of_kind(noun) if noun is not None else ""
    # A person's noun set off after a name is read by _described_as_person, which knows the nouns an organisation
    # shares; a looser one here would make a place a person ("of Trapper Creek, Alaska, the last man to see them").
    return "" if set_off and kind == "PERSON" else kind


def _kind_noun(span: Span) -> tuple[Token | None, bool]:
    root = first = span.root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head  # "such as Blinkx and Google": the list's first item hangs from the noun
    prep = first.head
    if first.dep_ == "pobj" and prep.head.pos_ == "NOUN" and prep.head.i < prep.i < first.i:
        such = span.doc[prep.i - 1].lower_ == "such" or any(c.lower_ == "such" for c in prep.head.lefts)
        if prep.lower_ == "as" and such \
                or prep.lower_ in _EXAMPLE_PREPOSITIONS and prep.head.tag_ == "NNS":
            return prep.head, False
    for item in first.conjuncts:
        if item.i > root.i and item.tag_ == "NNS" and any(c.dep_ == "amod" and c.lower_ == "other" for c in item.children):
            return item, False  # "Blinkx and other firms"
    if span.end < len(span.doc) and span.doc[span.end].text == ",":
        appos = next((c for c in root.children if c.dep_ == "appos" and c.i > span.end), None)
        if appos is not None and (appos.lower_ == "one" or any(c.dep_ in ("det", "poss") for c in appos.lefts)):
            return _one_of(appos), True  # not "The Jacksonville, Florida-based firm": the firm is the name's own noun
    noun = root.head
    if root.dep_ == "appos" and noun.pos_ == "NOUN" and noun.i < span.start and span.doc[span.start - 1].text == "," \
            and any(c.dep_ in ("det", "poss") for c in noun.lefts):
        return noun, True  # "Spain's most powerful bank, Santander Central Hispano", "the airline, Kingfisher"
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.i > root.i and lemma_of(root.head) == "be":
        attr = next((c for c in root.head.children if c.dep_ == "attr"), None)
        if attr is not None:
            return _one_of(attr), False  # "Nomad Digital is a British company"
    return None, False


def _one_of(noun: Token) -> Token | None:
    """The noun for a kind, through "one of": "Activcard, one of the many companies" is a company."""
    if noun.lower_ == "one":
        return next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
    return noun if noun.pos_ == "NOUN" else None


def type_of_kind(noun: Token) -> str:
    """The type a common noun for a kind gives the names it describes ("company" ORG, "towns" GPE), or ""."""
    lemma = lemma_of(noun).lower()
    if lemma in SHARED_ROLE_NOUNS:
        return ""  # "Yukos is a major player", "Ubisoft, the developer": a firm's role as well as a person's
    if lemma in ORG_NOUNS:
        return "ORG"
    if lemma in PRODUCT_HEADS or lemma in WORK_KINDS:
        return "PRODUCT"
    if lemma in PLACE_KINDS:
        return "GPE"
    return "PERSON" if lemma in PERSON_KINDS or lemma in TITLES or lemma in AFFILIATION_NOUNS else ""


def _names_origin(span: Span) -> bool:
    """"a Fargo native", "Wilmington residents", "a native of Kulm", "born in Jamestown": where a person comes from is
    a place, even where the model calls it a person or an organisation."""
    root, head = span.root, span.root.head
    if root.dep_ == "compound" and head.i == span.end and head.pos_ == "NOUN" and head.lower_ in ORIGIN_NOUNS:
        return True
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in ORIGIN_NOUNS and head.head.tag_ == "NN":
        return True  # "a native of Kulm", "a resident of Leninakan"
    return root.dep_ == "pobj" and head.lower_ == "in" and head.head.lower_ == "born" and head.head.i == head.i - 1


def _person_after_the(span: Span) -> bool:
    """"by the Tate", "the Tate's digital programme": a one-word name the model calls a person, right after "the",
    is an institution's (a person's name takes no article; not "the Smiths", a plural)."""
    doc, word = span.doc, span.root.text
    if len(span) != 1 or span.start == 0 or span.root.ent_type_ != "PERSON" or span.root.tag_ != "NNP":
        return False
    if span.end < len(doc) and doc[span.end].lower_ == "of":
        return False  # "the Eminem of Argentina": a person likened to another
    return doc[span.start - 1].lower_ == "the" and doc[span.start - 1].head.i == span.start \
        and not is_given_name(word) and gazetteer.country_of_demonym(word) is None  # "the Briton" is a person


def _owned_by_a_firm(span: Span) -> bool:
    """"Microsoft's Xbox", "Sony's PlayStation Portable", "its iPod family": a name a firm (or "its") owns, that
    names no kind of organisation or event ("its Orange unit", "Vivendi's Universal Studios", "its Future Face
    exhibition" are none) and holds a coined word ("Xbox", "iPod": no English word, or capitals inside; not
    "Labour's National Executive"), is a product or brand. Places never are ("Japan's Honshu")."""
    root = span.root
    head = root.head if root.dep_ == "compound" and root.head.i >= span.end else None
    owner = next((c for t in (root, head) if t is not None for c in t.children if c.dep_ == "poss" and c.i < span.start),
                 None)
    if owner is None or not (owner.lower_ == "its" or owner.ent_type_ == "ORG") or span.doc[span.start - 1].text == "(":
        return False  # "USA Track & Field's (USATF)": an acronym in brackets names the owner itself
    words = {t.lower_ for t in span} | ({head.lower_} if head is not None else set())
    coined = any(t.text[1:] != t.text[1:].lower() or not is_dictionary_word(t.text, t.vocab)
                 for t in span if t.is_alpha and not t.is_stop)
    return coined and not words & (ORG_HEADS | ORG_NOUNS | EVENT_NAME_HEADS) and not gazetteer.knows_place(span.text) \
        and root.ent_type_ not in ("PERSON", "GPE", "LOC", "FAC")


def _owning_its(span: Span) -> bool:
    """"GlaxoSmithKline saw its profits fall": a subject the model calls a person that the next words refer to
    as "its" is a firm or a thing (a person is "his" or "her"); so is one it calls a place that no gazetteer knows
    ("Electrolux saw its shares rise"; not "France saw its exports fall"), or a repeat of a name it left untagged.
    Only with nothing between that "its" could refer to instead."""
    root = span.root
    if root.dep_ not in ("nsubj", "nsubjpass") or root.tag_ not in ("NNP", "NNPS"):
        return False
    if root.ent_type_ != "PERSON" and not (root.ent_type_ in ("GPE", "LOC", "NORP", "") and not gazetteer.knows_place(span.text)
                                           and gazetteer.country_of_demonym(span.text) is None):
        return False
    verb = root.head
    for tok in span.doc[span.end : min(verb.right_edge.i + 1, span.end + _ITS_WINDOW)]:
        if tok.lower_ == "its" and tok.dep_ == "poss":
            return True
        if tok.pos_ in ("NOUN", "PROPN", "PRON") or tok.text in (",", ";", ":", "(", '"'):
            return False
    return False


def _state_follows(span: Span) -> bool:
    """"Camp Butner, N.C.", "Fort Hamilton, Brooklyn, N.Y.": a name followed, after a comma (and at most one more
    place between commas), by a US state's abbreviation is a place, however the model typed it (a person's party
    and state is written "R-Ga.", not ", Ga.")."""
    doc, i = span.doc, span.end
    for _ in range(2):
        if i + 1 >= len(doc) or doc[i].text != ",":
            return False
        if doc[i + 1].text in US_STATE_ABBREVIATIONS or _state_name_ends_phrase(doc, i + 1):
            return True
        j = i + 1
        while j < len(doc) and j - i <= _PLACE_WORDS and doc[j].is_title and doc[j].text not in US_STATE_ABBREVIATIONS:
            j += 1
        if j == i + 1:
            return False
        i = j
    return False


def _state_name_ends_phrase(doc, i: int) -> bool:
    """"Mineral Wells, Texas.": a state's name (one or two words) that ends the phrase, not "Bush, Texas governor"."""
    for n in (1, 2):
        if i + n <= len(doc) and doc[i : i + n].text in US_STATES:
            return i + n == len(doc) or doc[i + n].is_punct
    return False


def named_after_org_noun(span: Span) -> bool:
    """"UK magazine Mac Format", "the airline Virgin Blue": a noun for a kind of organisation compounded into the name."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.pos_ == "NOUN" and before.lower_ in ORG_NOUNS \
        and span.start <= before.head.i < span.end


def _named_after_person_noun(span: Span) -> bool:
    """"fashion designer Halston", "striker Lukaku": a noun for a person's job or kind right before a one-word name
    it describes (not one an organisation can hold: "developer Ubisoft", "player Sony")."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is None or len(span) != 1 or before.pos_ != "NOUN" or not before.is_lower \
            or not span.start <= before.head.i < span.end:
        return False
    word = before.lower_
    return word not in SHARED_ROLE_NOUNS and (word in PERSON_KINDS or word in AFFILIATION_NOUNS or word in TITLES)


def _age_follows(span: Span) -> bool:
    """"Albrecht, 54, is ...", "Smith (54)": an age in commas or brackets right after a name says it is a person."""
    doc, end = span.doc, span.end
    if end + 2 >= len(doc) or (doc[end].text, doc[end + 2].text) not in {(",", ","), ("(", ")")}:
        return False
    age = doc[end + 1].text
    return age.isdigit() and 0 < int(age) < _MAX_AGE and end + 3 < len(doc) and not doc[end + 3].like_num


def _described_as_person(span: Span) -> bool:
    """"Harrington, a professor of political science", "Kruhlow, a 72-year-old deputy from Sevastopol": a singular
    noun for a person's role in apposition after the name (a title or an affiliation noun that no organisation can
    be: not "Euronext, owner of Liffe")."""
    doc, root = span.doc, span.root
    if span.end >= len(doc) or doc[span.end].text != ",":
        return False
    return any(c.dep_ == "appos" and c.i > span.end and c.tag_ == "NN" and c.lower_ not in SHARED_ROLE_NOUNS
               and (c.lower_ in TITLES or c.lower_ in AFFILIATION_NOUNS) for c in root.children)


def _listed_with_people(span: Span) -> bool:
    """"Ansel Adams, Chuck Close, Walker Evans and Helmut Newton": a name of two or three words listed among
    people, and only people, is a person too (the model types each item on its own)."""
    root = span.root
    words = [t for t in span if not t.is_punct]
    if not 2 <= len(words) <= 3 or not all(t.is_title for t in words) or words[-1].lower_ in ORG_HEADS:
        return False
    types = [t.ent_type_ for t in root.conjuncts if t.ent_type_]
    return len(types) >= _MIN_LISTED_PEOPLE and all(t == "PERSON" for t in types)


def compound_phrase(head: Token) -> str:
    """"chief executive" for the head "executive" with its compound or adjective "chief"."""
    mods = [c.lower_ for c in head.lefts if c.dep_ in {"amod", "compound"} and c.pos_ != "PROPN"]
    return " ".join(mods[-1:] + [head.lower_])


def plays_a_match(span: Span) -> bool:
    """"Sweden 1 – 0 Korea Republic", "Belgium defeated Panama 3 – 0", "Tunisia lost 1 – 2 to England": a name
    beside a score, or the subject or object of a match verb in a sentence with a score, is a team."""
    doc = span.doc
    if _score_from(doc, span.end) or any(_score_from(doc, i) == span.start - i for i in range(max(0, span.start - 3), span.start)):
        return True
    root = span.root
    verb = root.head.head if root.dep_ == "pobj" else root.head
    if root.dep_ not in ("nsubj", "dobj", "pobj") or lemma_of(verb).lower() not in MATCH_VERBS:
        return False
    return any(_score_from(doc, t.i) for t in verb.sent)


def _score_from(doc, i: int) -> int:
    """How many tokens from ``i`` spell a match score ("3", "–", "0"), 0 if none."""
    for n in range(_SCORE_TOKENS, 0, -1):
        if i + n <= len(doc) and _MATCH_SCORE.match("".join(t.text for t in doc[i:i + n])):
            return n
    return 0
