"""Statements: who said, wrote, warned or told whom, where, and what they said would (not) happen.

For every speech verb (kg/data/verbs.json "speech") with a speaker mention as
subject (own or inherited: "..., telling the AP"):

* addressee: "X told/warned/urged Y" → X `told` Y (Y a mention as direct object);
  "X said/wrote/spoke to Y" → `said to` / `wrote to` / `spoke to`;
* venue: "X wrote in the Daily Telegraph", "in an op-ed for The Telegraph",
  "in an interview with Fox News" → `wrote in` / `interviewed by` / `said in`;
  the venue must be an organisation mention (never a place: "said in Paris");
* stated outcome: "X said that troops would not be sent to Ukraine" (an
  agentless passive in the complement) → X → Ukraine `send troops to`, negated,
  kind statement: X said so; it is not an action X was seen doing. A news report ("the New York Times
  reports") states no outcome of its own.

The quoted words (or the reported clause) are kept as Relation.quote.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from kg.extract.actions import verb_targets
from kg.extract.phrases import (TokenMentions, conjuncts, grammatical_subjects, hedge_of, is_negated, load_data,
                                own_subjects, quote_of, reporting_verbs, verb_phrase)
from kg.extract.sentences import SentenceIndex
from kg.model import Mention, Relation
from kg.lemma import lemma_of

_VENUE_LABELS = frozenset({"ORG"})
_MEDIUM_ARCS = frozenset({"prep", "acl", "pobj", "compound"})
_CLAIM_KINDS = frozenset({"name"})  # not a pronoun (a wrong guess must not spread), not "American troops"
_CLAIM_LABELS = frozenset({"PERSON", "ORG", "GPE", "PRODUCT", "LOC", "FAC", "EVENT"})
_SETTING_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "during", "on", "from", "around", "across",
                                   "throughout", "over", "within", "inside"})
_MAX_CLAIM_NAMES = 3
_OPEN_MARKS = frozenset(load_data("verbs.json")["conditional_marks"])  # a question or a condition: if, unless, whether



def extract_statements(doc: Doc, mentions: Sequence[Mention], *, sentences: SentenceIndex,
                       index: TokenMentions | None = None) -> Iterator[Relation]:
    """Statement edges speaker → addressee / venue / subject of a stated outcome."""
    index = index or TokenMentions(doc, mentions)
    speech: dict[str, str] = load_data("verbs.json")["speech"]
    for verb in doc:
        if verb.pos_ == "VERB" and (lemma := lemma_of(verb).lower()) in speech:  # lemmas cost: verbs only
            yield from _statements_of(verb, speech[lemma], index, sentences)


def _statements_of(verb: Token, past: str, index: TokenMentions, sentences: SentenceIndex) -> Iterator[Relation]:
    data = load_data("verbs.json")
    active, passive, agents = own_subjects(verb)
    sent = sentences.of(verb.i)
    quote = quote_of(sentences.sents[sent].text) or _reported(verb)
    if passive:  # "Y was told by X": only the addressee verbs say who spoke to whom
        if agents and lemma_of(verb).lower() in data["addressee"]:
            for s in _ids(agents, index):
                for o in _ids(passive, index):
                    yield Relation(s, o, past, "statement", sent, is_negated(verb), quote, modality=hedge_of(verb))
        return
    subjects, found_on = grammatical_subjects(verb)
    speakers = _ids(subjects, index)
    if not speakers:
        return
    negated = is_negated(verb, found_on)
    modality = hedge_of(verb, found_on)  # "rejects a suggestion that he had told X", "may tell X"
    targets: list[tuple[int, str, bool, str]] = []  # (mention, relation, negated, the clause's own hedge)
    for child in verb.children:
        if child.dep_ in ("dobj", "dative") and lemma_of(verb).lower() in data["addressee"]:
            targets.extend((mi, past, negated, "") for mi in _ids(list(conjuncts(child)), index))
        elif child.dep_ == "prep" and child.lower_ == "to":
            targets.extend((mi, f"{past} to", negated, "") for mi in _pobj_ids(child, index))
        elif child.dep_ == "prep" and child.lower_ in data["venue_prepositions"]:
            targets.extend((mi, relation, neg, "") for mi, relation, neg in _venues(child, past, index, data, negated))
        elif child.dep_ == "ccomp" and lemma_of(verb).lower() not in data["news_verbs"]:
            # "countries could be dragged to the WTO, the EU warned": what was said would only perhaps happen
            hedge = hedge_of(child, child) if child.pos_ == "VERB" else ""
            outcomes = [(mi, relation, neg, hedge) for mi, relation, neg in _stated_outcomes(child, index)]
            targets.extend(outcomes)
            about = "wrote about" if past == "wrote" else "said about"
            targets.extend((mi, about, negated, "") for mi in _named_in_claim(child, index, {o[0] for o in outcomes}))
    seen: set[tuple[int, int, str, bool]] = set()
    for s in speakers:
        for o, relation, neg, hedge in targets:
            key = (s, o, relation, neg)
            if key not in seen and index.mentions[s].name != index.mentions[o].name:
                seen.add(key)
                yield Relation(s, o, relation, "statement", sent, neg, quote, modality=modality or hedge)


def _venues(prep: Token, past: str, index: TokenMentions, data: dict, negated: bool) -> Iterator[tuple[int, str, bool]]:
    """"in the Daily Telegraph", "in an op-ed for The Telegraph", "in an interview with Fox News"."""
    media = set(data["media"])
    for pobj in (p for p in prep.children if p.dep_ == "pobj"):
        mi = index.of(pobj)
        if mi >= 0:
            if _is_venue(index, mi):
                yield mi, f"{past} {prep.lower_}", negated
            continue
        if lemma_of(pobj).lower() not in media:
            continue
        medium = lemma_of(pobj).lower()
        if medium in data["interview"]:
            relation = "interviewed by"
        elif medium in data["written"] or past == "wrote":
            relation = "wrote in"
        else:
            relation = f"{past} in"
        for mi in _venue_mentions(pobj, index):
            yield mi, relation, negated


def _venue_mentions(medium: Token, index: TokenMentions) -> list[int]:
    """Organisation mentions within two arcs below a medium noun ("newspaper", "interview")."""
    found: list[int] = []
    frontier = [medium]
    for _ in range(3):
        nxt = []
        for tok in frontier:
            for child in tok.children:
                if child.dep_ not in _MEDIUM_ARCS:
                    continue
                mi = index.of(child)
                if mi >= 0 and _is_venue(index, mi):
                    found.append(mi)
                elif mi < 0:
                    nxt.append(child)
        frontier = nxt
    return list(dict.fromkeys(found))


def _is_venue(index: TokenMentions, mi: int) -> bool:
    return index.mentions[mi].label in _VENUE_LABELS and not index.is_person(mi)


def _stated_outcomes(clause: Token, index: TokenMentions) -> Iterator[tuple[int, str, bool]]:
    """"that American troops would not be sent to Ukraine": an agentless passive whose doer goes unnamed. Not an
    open question ("would not confirm whether the system will be built into Longhorn"), which states nothing."""
    if clause.pos_ != "VERB" or _open(clause):
        return
    _active, passive, agents = own_subjects(clause)
    if not passive or agents:
        return
    negated = is_negated(clause)
    patients = _ids(passive, index)
    objects = [c for c in clause.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
    subject_noun = passive[0] if passive[0].pos_ == "NOUN" else None
    noun = (objects[0] if objects else None) if patients else subject_noun
    for mi in patients if objects else ():  # "Ukraine will not be offered membership"; not "X was committed"
        yield mi, verb_phrase(clause, noun), negated
    for mi, _n, prep in verb_targets(clause, index):
        if mi not in patients:
            yield mi, verb_phrase(clause, noun, prep), negated


def _named_in_claim(clause: Token, index: TokenMentions, taken: set[int]) -> list[int]:
    """"Greenspan said the US trade deficit is set to stabilise": who and what the reported clause is about, the
    names it makes its subjects and objects (not a place it happens in: "said he met Jones in Paris" is about Jones),
    nearest the clause's verb first, a few at most."""
    found: list[int] = []
    if _open(clause):
        return found
    for token in sorted(clause.subtree, key=lambda t: abs(t.i - clause.i)):
        mi = index.of(token)
        if mi < 0 or mi in taken or mi in found or index.mentions[mi].kind not in _CLAIM_KINDS \
                or index.mentions[mi].label not in _CLAIM_LABELS or index.roots[mi] != token.i:
            continue
        if _in_setting(token, clause) or _speaks_itself(token) or _base_word(token):
            continue
        found.append(mi)
        if len(found) == _MAX_CLAIM_NAMES:
            break
    return found


def _in_setting(token: Token, clause: Token) -> bool:
    """Inside a phrase for where or when the claim holds, however deep: "in China", "on the outskirts of Oxford"."""
    node = token
    while node.i != clause.i and node.head.i != node.i:  # spaCy makes a new Token object at every access
        if node.dep_ == "pobj" and node.head.lower_ in _SETTING_PREPOSITIONS:
            return True
        node = node.head
    return False


def _speaks_itself(token: Token) -> bool:
    """"Halifax said prices rose and Nationwide reported a rise": a speaker of its own, not what the claim is about."""
    return token.dep_ == "nsubj" and (lemma_of(token.head).lower() in load_data("verbs.json")["speech"]
                                      or lemma_of(token.head).lower() in reporting_verbs())


def _base_word(token: Token) -> bool:
    """"the Virginia-based firm": the place describes a firm the claim is about."""
    doc = token.doc
    return token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and doc[token.i + 2].lower_ == "based"


def _open(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in _OPEN_MARKS for c in clause.children)


def _reported(verb: Token) -> str:
    for child in verb.children:
        if child.dep_ == "ccomp":
            return " ".join(t.text for t in child.subtree)[:500]
    return ""


def _pobj_ids(prep: Token, index: TokenMentions) -> list[int]:
    return _ids([t for p in prep.children if p.dep_ == "pobj" for t in conjuncts(p)], index)


def _ids(tokens: Sequence[Token], index: TokenMentions) -> list[int]:
    return list(dict.fromkeys(index.of(t) for t in tokens if index.of(t) >= 0))
