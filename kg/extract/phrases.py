"""Shared pieces of relation extraction: token→mention index, subjects, negation, phrases.

Everything here reads the dependency parse only (no re-parsing) and is linear in
tokens: the index is built once per Doc and each helper walks a bounded number of
arcs from one token.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache

from spacy.tokens import Doc, Token

from kg.extract.names import is_post_nominal
from kg.model import Mention
from kg.vocab import SURNAME_LIKE_TITLES, TITLES, US_STATE_ABBREVIATIONS, US_STATES, load_data
from kg.lemma import lemma_of

# Arcs through which a verb without its own subject takes the subject of the verb it hangs from.
_INHERIT = frozenset({"xcomp", "conj", "advcl", "pcomp"})
_MAX_CLIMB = 4
_PARTY_LETTERS = frozenset({"D", "R", "I"})  # Democrat, Republican, Independent
PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}




class TokenMentions:
    """Which mention (index into ``mentions``) each token of a Doc belongs to; -1 for none."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention]) -> None:
        self.doc = doc
        self.mentions = mentions
        self._of = [-1] * len(doc)
        self.roots: list[int] = []
        self.spans: list[tuple[int, int]] = []  # token range of each mention, (-1, -1) when it aligns with none
        for i, m in enumerate(mentions):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            self.spans.append((span.start, span.end) if span is not None else (-1, -1))
            if span is None or not len(span) or not _usable(m):
                self.roots.append(-1)
                continue
            self.roots.append(span.root.i)
            for t in range(span.start, span.end):
                if self._of[t] < 0 or mentions[self._of[t]].kind in ("pronoun", "title"):
                    self._of[t] = i
        # Names that the model called PERSON somewhere in this Doc: their ORG-labelled repeats are people too.
        self.person_names = {m.name for m in mentions if m.label == "PERSON"}

    def of(self, token: Token) -> int:
        return self._of[token.i]

    def is_person(self, index: int) -> bool:
        m = self.mentions[index]
        return m.label == "PERSON" or m.name in self.person_names

    def is_place_or_org(self, index: int) -> bool:
        m = self.mentions[index]
        return m.label in ("GPE", "ORG", "LOC", "FAC") and m.name not in self.person_names


def _usable(mention: Mention) -> bool:
    """Not a bare title the model called an entity ("MEP"), nor a span run into the next words ("Commons after Mr Brown")."""
    words = mention.name.split()
    trailing_title = len(words) > 1 and words[-1].lower() in _title_words() and words[-1].lower() not in SURNAME_LIKE_TITLES
    if mention.name.lower() in _title_words() or "-" in words or trailing_title:
        return False  # "MEP", "Labour MP": a title, not a name
    allowed = load_data("verbs.json")["name_words"]
    return all(not (w.isalpha() and w.islower()) or w in allowed for w in words)


def _title_words() -> frozenset[str]:
    return TITLES


def is_party_tag(token: Token) -> bool:
    """"D-Mich.", "R-S.C.": a party's letter, a hyphen and a state, set off after a US politician's name (the parse
    hangs the description after it on the tag: "Sen. Donald Riegle, D-Mich., chairman of the committee")."""
    doc, i = token.doc, token.i
    return (token.text in US_STATE_ABBREVIATIONS or token.text in US_STATES) and i >= 2 and doc[i - 1].text == "-" \
        and doc[i - 2].text in _PARTY_LETTERS


def appositives(token: Token) -> Iterator[Token]:
    """The nouns in apposition to a token, through a party tag ("Riegle, D-Mich., chairman of ...") or the letters
    after a name that the parse makes the head ("Jane Doe OBE, the chair")."""
    heads = (token, token.head) if token.dep_ == "compound" and is_post_nominal(token.head.text) else (token,)
    for c in (c for h in heads for c in h.children):
        if c.dep_ == "appos" and is_party_tag(c):
            yield from (g for g in c.children if g.dep_ == "appos")
        elif c.dep_ == "appos":
            yield c


def conjuncts(token: Token) -> Iterator[Token]:
    """The token and the tokens coordinated with it ("Starmer and Macron")."""
    yield token
    for c in token.conjuncts:
        yield c


def repeats_a_preposition(prep: Token, name_end: int) -> bool:
    """The word ``prep`` hangs from has an earlier phrase of the same preposition after its name (which ends at
    token ``name_end``): one name has one "of" employer and one "in" place, so the later phrase belongs to a later
    item the parse hung on the first ("Bruce Robinson of Basic American Foods and Michael Rogers, formerly of Tyson
    Foods"; "Buick and Chevrolet in the US and Opel and Vauxhall in Europe")."""
    return any(c.dep_ == "prep" and c.lower_ == prep.lower_ and name_end <= c.i < prep.i for c in prep.head.children)


def own_subjects(verb: Token) -> tuple[list[Token], list[Token], list[Token]]:
    """(active subjects, passive subjects, agents) attached directly to ``verb``."""
    active: list[Token] = []
    passive: list[Token] = []
    agents: list[Token] = []
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            active.extend(conjuncts(child))
        elif child.dep_ == "nsubjpass":
            passive.extend(conjuncts(child))
        elif child.dep_ == "agent":
            agents.extend(t for p in child.children if p.dep_ == "pobj" for t in conjuncts(p))
    return active, passive, agents


def grammatical_subjects(verb: Token) -> tuple[list[Token], Token | None]:
    """Subjects of ``verb`` (own or inherited) and the verb they were found on.

    A verb with no subject of its own takes it from the verb it depends on through
    xcomp/conj/advcl/pcomp ("ready to send", "... and met", "telling the AP"); under
    object control ("urged Europe to step up") the controller is the object. A
    relative pronoun ("Starmer, who ...") stands for the noun the clause describes.
    """
    relative = load_data("verbs.json")["subject_relative"]
    control = set(load_data("verbs.json")["object_control"])
    current = verb
    for _ in range(_MAX_CLIMB):
        active, passive, _agents = own_subjects(current)
        subjects = active or passive
        if subjects:
            if current.dep_ == "relcl" and subjects[0].lower_ in relative:
                return list(conjuncts(current.head)), current
            return subjects, current
        dep = current.dep_
        if dep not in _INHERIT or current.head is current:
            break
        if dep == "advcl" and current.tag_ not in ("VBG", "VBN"):
            break  # a finite adverbial clause has its own subject; a missing one is a parse error
        head = current.head
        if dep == "pcomp" and head.dep_ == "prep":
            holder = head.head
            if holder.dep_ == "dobj" and lemma_of(holder.head).lower() in control:
                return list(conjuncts(holder)), holder.head  # "convicted the sniper of killing": "of" on the object
            head = holder  # "by accusing Europe": preposition -> its verb
        if dep in ("xcomp", "pcomp") and lemma_of(head).lower() in control:  # "urged Europe to", "accused X of failing"
            objects = [c for c in head.children if c.dep_ == "dobj"]
            if objects:
                return list(conjuncts(objects[0])), head
        if head.pos_ == "ADJ" and head.dep_ == "acomp":
            head = head.head  # "he is ready to send"
        current = head
    return [], None


def is_negated(verb: Token, upto: Token | None = None) -> bool:
    """True if ``verb`` (or a verb between it and ``upto`` it inherits from) is negated."""
    current = verb
    for _ in range(_MAX_CLIMB + 1):
        if any(c.dep_ == "neg" for c in current.children):
            return True
        # A conjunct carries its own negation: "would not respond ... and promised to hail" is not negated.
        if upto is None or current is upto or current.head is current or current.dep_ == "conj":
            return False
        current = current.head
    return False


def is_conditional(verb: Token, upto: Token | None = None) -> bool:
    """True if ``verb`` (or a verb up to ``upto``) is only supposed, not claimed: an if/unless/whether
    clause, or the content of a noun ("the idea [that] X posed a threat", "claims X had used")."""
    marks = load_data("verbs.json")["conditional_marks"]
    current = verb
    for _ in range(_MAX_CLIMB + 1):
        if any(c.dep_ == "mark" and c.lower_ in marks for c in current.children):
            return True
        if current.dep_ in ("acl", "ccomp", "relcl") and current.head.pos_ == "NOUN" and current.head.lower_ not in ("who", "which"):
            return True
        if upto is None or current is upto or current.head is current:
            return False
        current = current.head
    return False


def particle(verb: Token) -> str:
    return " ".join(c.lower_ for c in verb.children if c.dep_ == "prt")


def verb_phrase(verb: Token, noun: Token | None = None, prep: Token | str | None = None) -> str:
    """Normalised relation phrase: verb lemma, particle, key object noun, preposition ("send troops to")."""
    parts = [lemma_of(verb).lower()]
    prt = particle(verb)
    if prt:
        parts.append(prt)
    if noun is not None:  # plurals as written: "send troops to", "hold talks with"
        parts.append(noun.lower_ if noun.tag_ in ("NNS", "NNPS") else lemma_of(noun).lower())
    if prep is not None:
        parts.append(prep if isinstance(prep, str) else prep.lower_)
    return " ".join(p for p in parts if p)


def quote_of(sentence_text: str) -> str:
    """The quoted words in a sentence (text between double quotes), or ""."""
    parts = sentence_text.split('"')
    quoted = [p.strip() for p in parts[1::2] if p.strip()]
    return " ... ".join(quoted)[:500]


@cache
def _hedge_words() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """relations.json's hedges: modals, adverbs, verbs of intent, and the verbs that hedge only what they govern."""
    hedges = load_data("relations.json")["hedges"]
    return tuple(frozenset(hedges[k]) for k in ("modals", "adverbs", "verbs", "governing_only"))  # type: ignore[return-value]


@cache
def reporting_verbs() -> frozenset[str]:
    """relations.json's reporting verbs ("say", "report", "believe")."""
    return frozenset(load_data("relations.json")["hedges"]["reporting"])


@cache
def _claim_nouns() -> frozenset[str]:
    return frozenset(load_data("relations.json")["hedges"]["claim_nouns"])


def _hedge_lemma(token: Token, verbs: frozenset[str]) -> str:
    """The token's lemma, or the hedge verb its inflection spells where the model's lemmatizer errs ("hopes" ->
    "hop", "hoped" -> "hop")."""
    lemma = lemma_of(token).lower()
    if lemma in verbs or token.pos_ not in ("VERB", "AUX"):
        return lemma
    word = token.lower_
    for suffix, base in (("es", "e"), ("s", ""), ("ed", "e"), ("ing", "e")):
        if word.endswith(suffix) and word[: -len(suffix)] + base in verbs:
            return word[: -len(suffix)] + base
    return lemma


def hedge_of(verb: Token, upto: Token | None = None) -> str:
    """The word that makes a claim about ``verb`` uncertain, or "" when the text asserts it: a modal
    ("could", "should"), a hedging adverb ("reportedly"), or a verb of intent it depends on ("plans to",
    "considering"); kg/data/relations.json lists them."""
    modals, adverbs, verbs, governing_only = _hedge_words()
    current = verb
    for _ in range(_MAX_CLIMB + 1):
        for child in current.children:
            if child.dep_ == "aux" and child.tag_ == "MD" and child.lower_ in modals:
                return child.lower_
            if child.dep_ == "advmod" and child.lower_ in adverbs:
                return child.lower_
        lemma = _hedge_lemma(current, verbs)
        if lemma in verbs and not (current is verb and lemma in governing_only):
            return lemma if current is verb else f"{lemma} to"
        claim = _claim_noun(current)
        if claim:
            return claim
        if current is upto or current.head is current:
            break
        if current.dep_ == "pcomp":  # "may now turn its attention to deepening its ties": the verb the noun is of
            holder = current.head.head
            current = holder.head if holder.pos_ in ("NOUN", "PROPN") and holder.dep_ in ("dobj", "pobj") else holder
            if current.pos_ not in ("VERB", "AUX"):
                break
            continue
        if current.dep_ not in ("xcomp", "conj", "ccomp"):
            break
        current = current.head
    return _reported_passively(verb)


def _claim_noun(clause: Token) -> str:
    """"suggestion" for "rejects a suggestion that he had once told Roberts", "rumour" for "rumours that Google will
    buy Opera": the noun a "that" clause complements claims the clause, it does not assert it."""
    noun = clause.head
    if clause.dep_ not in ("acl", "ccomp") or noun.pos_ != "NOUN" or noun.i > clause.i \
            or not any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        return ""
    lemma = lemma_of(noun).lower()
    return lemma if lemma in _claim_nouns() else ""


def _reported_passively(verb: Token) -> str:
    """"believed" for "It is believed that X had started to bankroll Y", "said" for "X is said to own Y": a
    reporting verb in the passive over the clause names no one who claims it."""
    reporting = reporting_verbs()
    current = verb
    for _ in range(_MAX_CLIMB + 2):
        head = current.head
        if head is current:
            return ""
        # an infinitive the parse hangs as an adverbial clause too: "X was reported in June to have attended"
        infinitive = current.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)
        if (current.dep_ in ("ccomp", "xcomp") or infinitive) and lemma_of(head).lower() in reporting \
                and any(c.dep_ == "auxpass" for c in head.children):
            return head.lower_
        current = head
    return ""
