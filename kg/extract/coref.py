"""Mentions that are not names: third-person pronouns and bare titles, resolved to a person.

The rule is deliberately narrow, to keep precision high (no coreference model):

* Pronouns (he/him/his, she/her): the antecedent is a PERSON named earlier in the
  same sentence, else in the nearest of the two previous sentences that names a
  person. If several different people are candidates there, only one that is the
  subject of the sentence's main verb is taken; otherwise the pronoun is left
  out. Candidates whose gender is known to disagree ("Mr", "Mrs", "Ms", "Sir",
  "Dame", a gendered title such as "spokeswoman") are dropped first.
* Bare titles ("the prime minister", "the Ukraine president"): the one person
  given that same title earlier in the Doc (by a role pattern such as "Prime
  Minister Keir Starmer"); with a country or organisation before the title, that
  person's role must name the same one or none. If several people had the title
  ("the president" after Presidents Trump and Putin), it is left out.

Names the model called PERSON that the gazetteer knows as places ("Washington")
are never antecedents.

Limits: "it"/"they"/"we" are never resolved, nor pronouns referring to people
only named in a later sentence, nor titles nobody in the article was given.
Resolution is within one Doc (one article chunk). A resolved reference becomes
an extra Mention (kind "pronoun" or "title", label PERSON, name = the
antecedent's canonical name) appended after the named mentions, so relations can
point at it and resolution merges it with the named person.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from kg.extract.phrases import PERSON_PRONOUNS, TokenMentions
from kg.gazetteer import is_place
from kg.extract.roles import RoleFinding, title_spans
from kg.extract.sentences import SentenceIndex
from kg.model import Mention
from kg.vocab import GENDER_WORDS, ROLE_CHANGING_MODIFIERS

_LOOKBACK = 2
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def extract_references(doc: Doc, mentions: Sequence[Mention], *, sentences: SentenceIndex,
                       findings: Sequence[RoleFinding] = (), index: TokenMentions | None = None) -> Iterator[Mention]:
    """Resolved pronoun and title mentions, in document order."""
    index = index or TokenMentions(doc, mentions)
    people = [i for i, m in enumerate(mentions)
              if m.kind == "name" and index.roots[i] >= 0 and index.is_person(i) and not is_place(m.name)]
    by_sent: dict[int, list[int]] = defaultdict(list)
    for i in people:
        by_sent[mentions[i].sent].append(i)
    titled: dict[int, list[str]] = defaultdict(list)
    for f in findings:
        titled[f.person].extend(f.title.split())
    gender = {i: _gender(doc, index, i, titled.get(i, [])) for i in people}
    for token in doc:
        if token.lower_ in PERSON_PRONOUNS and token.pos_ == "PRON" and index.of(token) < 0:
            antecedent = _antecedent(token, sentences, by_sent, index, gender)
            if antecedent is not None:
                yield _reference(doc, mentions[antecedent], token.i, token.i + 1, sentences, "pronoun")
    yield from _title_references(doc, mentions, sentences, findings, index)


def _gender(doc: Doc, index: TokenMentions, mi: int, title_words: list[str]) -> str:
    span = doc.char_span(index.mentions[mi].start, index.mentions[mi].end, alignment_mode="expand")
    words = [doc[span.start - 1].lower_] if span is not None and span.start > 0 else []
    words += title_words
    found = {GENDER_WORDS[w.rstrip('.')] for w in words if w.rstrip('.') in GENDER_WORDS}
    return found.pop() if len(found) == 1 else ""


def _antecedent(token: Token, sentences: SentenceIndex, by_sent: dict[int, list[int]],
                index: TokenMentions, gender: dict[int, str]) -> int | None:
    want = PERSON_PRONOUNS[token.lower_]
    if token.dep_ == "poss":  # "Ford did not deserve credit for his plea": his is bound by its clause's subject
        subject = _clause_subject(token)
        if subject is not None and subject.pos_ != "PRON":
            mi = index.of(subject)
            return mi if mi >= 0 and index.is_person(mi) and gender.get(mi, "") in ("", want) else None
    sent = sentences.of(token.i)
    for s in range(sent, max(-1, sent - _LOOKBACK - 1), -1):
        candidates = [i for i in by_sent.get(s, ()) if index.roots[i] < token.i and gender[i] in ("", want)]
        if not candidates:
            continue
        names = {index.mentions[i].name for i in candidates}
        if len(names) == 1:
            return candidates[-1]
        main = [i for i in candidates if _is_main_subject(index.doc[index.roots[i]])]
        return main[-1] if len({index.mentions[i].name for i in main}) == 1 else None
    return None


def _clause_subject(token: Token) -> Token | None:
    """The subject of the nearest verb above ``token``."""
    for head in token.ancestors:
        if head.pos_ in ("VERB", "AUX"):
            return next((c for c in head.children if c.dep_ in _SUBJECT_DEPS), None)
    return None


def _is_main_subject(token: Token) -> bool:
    """The subject of the sentence's main verb ("Hegseth stated that Kyiv is ...": Hegseth, not Kyiv)."""
    while token.dep_ == "conj" and token.head is not token:  # "Trump and Putin met": both are subjects
        token = token.head
    return token.dep_ in _SUBJECT_DEPS and token.head.dep_ == "ROOT"


def _title_references(doc: Doc, mentions: Sequence[Mention], sentences: SentenceIndex,
                      findings: Sequence[RoleFinding], index: TokenMentions) -> Iterator[Mention]:
    if not findings:
        return
    claimed = {f.token for f in findings}
    ordered = sorted(findings, key=lambda f: f.token)
    for span in title_spans(doc):
        if span.start in claimed or span.root.tag_ in ("NNS", "NNPS") or any(index.of(t) >= 0 for t in span):
            continue
        first = span.start - 1
        org = -1
        if first >= 0 and index.of(doc[first]) >= 0:  # "the Ukraine president"
            org = index.of(doc[first])
            first = doc.char_span(mentions[org].start, mentions[org].end, alignment_mode="expand").start - 1
        if first < 0 or doc[first].lower_ != "the":
            continue
        core = span.text.lower()
        holders: dict[str, int] = {}
        for f in ordered:
            if f.token >= span.start:
                break
            if _same_title(f.title, core):
                if org < 0 or f.organisation is None or mentions[f.organisation].name == mentions[org].name:
                    holders[mentions[f.person].name] = f.person
        if len(holders) == 1:  # "the president" in an article naming three presidents stays unresolved
            yield _reference(doc, mentions[next(iter(holders.values()))], span.start, span.end, sentences, "title")


def _same_title(given: str, bare: str) -> bool:
    """"prime minister" was given as "prime minister" or "british prime minister", not "deputy prime minister"."""
    words, core = given.split(), bare.split()
    if words[-len(core):] != core:
        return False
    return not (set(words[:-len(core)]) & ROLE_CHANGING_MODIFIERS)


def _reference(doc: Doc, antecedent: Mention, start: int, end: int, sentences: SentenceIndex, kind: str) -> Mention:
    span = doc[start:end]
    return Mention(text=span.text, name=antecedent.name, label="PERSON", start=span.start_char, end=span.end_char,
                   sent=sentences.of(start), kind=kind)
