"""Relations named by the shape of a noun phrase, not by a verb: affiliations, places, nominal events.

Read from the dependency parse between two mentions of one sentence (patterns and words in
kg/data/relations.json):

- places: "Fresno, Calif." and "Liberec in Czechoslovakia" (`located in`); "the Hakawati Theatre
  in Jerusalem", "Moscow's Bolshoi Ballet", "a London-based bank" (`based in` for organisations);
- affiliations: "Jeremy de Souza, a spokesman for Crossrail", "Patrick Juchemich, auto analyst at
  Sal Oppenheim Bank", "Wright, a University of Texas law professor", "Boston University's Michael
  Papagiannis", "Spencer Christian of ABC" (`works for`); a person "of" a place (`lives in`),
  "born in" (`born in`), a nationality before a person ("Bosnian nationalist Gavrilo Princip":
  `citizen of`);
- nominal events with an agent and a patient: "the assassination of King by Ray", "Google's
  acquisition of YouTube", "Chapman, Lennon's killer", "Ray, charged in the slaying of King".

A pattern joins the head nouns of the phrases, so "deputy editor of UK magazine Mac Format" is
about Mac Format, not the UK.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from kg import gazetteer
from kg.lemma import lemma_of
from kg.extract.phrases import TokenMentions, conjuncts, grammatical_subjects, is_negated
from kg.extract.sentences import SentenceIndex
from kg.model import Mention, Relation
from kg.vocab import TITLES, load_data

PLACES = frozenset({"GPE", "LOC", "FAC"})
_LOCATIVE = frozenset({"in", "at", "near", "outside"})
_AFFILIATION_PREPS = frozenset({"of", "for", "at", "with"})
# Verbs that make their subject the agent of the nominal event they govern ("charged in the slaying of").
_AGENT_VERBS = frozenset({"charge", "convict", "accuse", "arrest", "sentence", "blame", "suspect", "plead", "confess",
                          "admit", "commit", "carry", "indict", "try", "jail", "execute", "complete", "announce",
                          "agree", "finalise", "finalize", "launch", "make"})
KIND = "role"  # affiliations and places describe what someone or something is, like titles


def extract_links(doc: Doc, mentions: Sequence[Mention], *, sentences: SentenceIndex,
                  index: TokenMentions | None = None) -> Iterator[Relation]:
    """Affiliation, place and nominal-event relations between mentions of one sentence."""
    index = index or TokenMentions(doc, mentions)
    seen: set[tuple[int, int, str]] = set()
    for rel in (*_places(doc, index, sentences), *_affiliations(doc, index, sentences), *_nominal(doc, index, sentences)):
        key = (rel.subject, rel.object, rel.rtype)
        if rel.subject != rel.object and key not in seen and index.mentions[rel.subject].name != index.mentions[rel.object].name:
            seen.add(key)
            yield rel


def _label(index: TokenMentions, mi: int) -> str:
    m = index.mentions[mi]
    if m.kind == "demonym":
        return "GPE"
    return "PERSON" if index.is_person(mi) else m.label


def _mention_tokens(index: TokenMentions) -> Iterator[tuple[int, Token]]:
    for mi, root in enumerate(index.roots):
        if root >= 0 and index.mentions[mi].kind in ("name", "demonym"):
            yield mi, index.doc[root]


def _span(index: TokenMentions, mi: int) -> tuple[int, int]:
    m = index.mentions[mi]
    span = index.doc.char_span(m.start, m.end, alignment_mode="expand")
    return (span.start, span.end) if span is not None else (-1, -1)


def _place_relation(index: TokenMentions, mi: int) -> tuple[str, str] | None:
    label = _label(index, mi)
    if label == "ORG":
        return "based in", "based_in"
    if label in PLACES:
        return "located in", "located_in"
    return None


def _places(doc: Doc, index: TokenMentions, sentences: SentenceIndex) -> Iterator[Relation]:
    for mi, root in _mention_tokens(index):
        rel = _place_relation(index, mi)
        if rel is None:
            continue
        for target in _place_targets(doc, index, mi, root):
            yield Relation(mi, target, rel[0], KIND, sentences.of(root.i), rtype=rel[1])


def _place_targets(doc: Doc, index: TokenMentions, mi: int, root: Token) -> Iterator[int]:
    # "Fresno, Calif.": a place right after a comma, not a list ("France, Germany and Italy").
    _, end = _span(index, mi)
    if 0 <= end < len(doc) - 1 and doc[end].text == ",":
        other = index.of(doc[end + 1])
        if other >= 0 and _label(index, other) in ("GPE", "LOC") and _label(index, mi) in PLACES | {"ORG"} \
                and not _in_list(doc, index, mi, other):
            yield other
    start, _ = _span(index, mi)
    if start >= 1 and _label(index, mi) == "ORG":  # datelines: "Moscow IZVESTIYA", "AOSTA , Italy ( AP )"
        yield from _dateline_places(doc, index, mi, start)
    for child in root.children:
        locative = child.lower_ in _LOCATIVE or (child.lower_ == "of" and _label(index, mi) in ("ORG", "FAC"))
        if child.dep_ == "prep" and locative:  # "Liberec in Czechoslovakia", "the Institute of Zoology of Kunming"
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                other = index.of(pobj)
                if other >= 0 and _label(index, other) in ("GPE", "LOC"):
                    yield other
                    yield from _places_above(index, other, pobj)
        if child.dep_ == "poss":  # "Moscow's Bolshoi Ballet"
            other = index.of(child)
            if other >= 0 and _label(index, other) in ("GPE", "LOC") and _label(index, mi) in ("ORG", "FAC"):
                yield other
        if child.lower_ in ("based", "headquartered") and child.dep_ in ("amod", "acl"):  # "a London-based bank"
            for c in child.subtree:
                other = index.of(c)
                if other >= 0 and other != mi and _label(index, other) in ("GPE", "LOC"):
                    yield other
                    break


def _places_above(index: TokenMentions, mi: int, root: Token) -> Iterator[int]:
    """The places a place lies in, in the same phrase: "in Gosforth in northeast England" -> England too."""
    for _ in range(3):
        nxt = next((index.of(p) for c in root.children if c.dep_ == "prep" and c.lower_ == "in"
                    for p in c.children if p.dep_ == "pobj" and index.of(p) >= 0), -1)
        if nxt < 0 or _label(index, nxt) not in ("GPE", "LOC") or nxt == mi:
            return
        yield nxt
        mi, root = nxt, index.doc[index.roots[nxt]]


def _dateline_places(doc: Doc, index: TokenMentions, mi: int, start: int) -> Iterator[int]:
    """The places of a dateline before an agency: "Prague CTK", "BELGRADE ( AP )", "AOSTA , Italy ( AP )"."""
    before = start - 2 if doc[start - 1].text == "(" and start >= 2 else start - 1
    found: list[int] = []
    while before >= 0:
        other = index.of(doc[before])
        if other < 0 or other == mi or _label(index, other) not in ("GPE", "LOC"):
            return
        found.append(other)
        first, _ = _span(index, other)
        if _is_dateline(doc, doc[first]):
            yield from found
            return
        if first < 2 or doc[first - 1].text != ",":
            return
        before = first - 2


def _is_dateline(doc: Doc, token: Token) -> bool:
    """A place at the start of a line or sentence: where a dateline names the city before the agency."""
    return token.is_sent_start or token.i == 0 or "\n" in doc[token.i - 1].whitespace_ or doc[token.i - 1].text == "\n"


def _in_list(doc: Doc, index: TokenMentions, a: int, b: int) -> bool:
    """"France, Germany and Italy", "Paris, London": a list of names, not a place within a place."""
    _, b_end = _span(index, b)
    a_start, _ = _span(index, a)
    if b_end + 1 < len(doc) and doc[b_end].lower_ in (",", "and", "or") and index.of(doc[b_end + 1]) >= 0:
        return True
    if a_start >= 2 and doc[a_start - 1].lower_ in (",", "and") and index.of(doc[a_start - 2]) >= 0:
        return True
    return bool(gazetteer.country_of(index.mentions[a].name) and gazetteer.country_of(index.mentions[b].name))


def _affiliations(doc: Doc, index: TokenMentions, sentences: SentenceIndex) -> Iterator[Relation]:
    nouns = frozenset(load_data("relations.json")["affiliation_nouns"])
    for mi, root in _mention_tokens(index):
        if _label(index, mi) != "PERSON":
            continue
        sent = sentences.of(root.i)
        for noun in _descriptions(root):
            for target, prep in _organisations_of(noun, index):
                if noun.lower_ in TITLES and prep == "of":
                    continue  # "X, former head of MI6": a role (kg.extract.roles)
                yield _affiliation(index, mi, target, f"{noun.lower_} {prep}" if prep else noun.lower_, sent)
            for target in _modifying_mentions(noun, index):
                if _label(index, target) == "ORG" and (noun.lower_ in nouns or noun.lower_ in TITLES):
                    yield Relation(mi, target, f"{noun.lower_} at", KIND, sent, rtype="works_for")
                elif _label(index, target) == "GPE" and index.mentions[target].kind == "demonym" and noun.lower_ not in TITLES:
                    yield Relation(mi, target, "citizen of", KIND, sent, rtype="citizen_of")
                elif _label(index, target) in ("GPE", "LOC") and noun.lower_ not in TITLES:  # "a Netherlands businessman"
                    yield Relation(mi, target, "lives in", KIND, sent, rtype="lives_in")
        for child in root.children:
            other = index.of(child)
            if child.dep_ == "poss" and other >= 0 and _label(index, other) == "ORG":  # "Boston University's Papagiannis"
                yield Relation(mi, other, "works for", KIND, sent, rtype="works_for")
            if child.dep_ == "poss" and other >= 0 and _label(index, other) in ("GPE", "LOC") \
                    and index.mentions[other].kind == "name":  # "Venezuela's Carlos Andres Perez"
                yield Relation(mi, other, "lives in", KIND, sent, rtype="lives_in")
            if child.dep_ == "compound" and child.pos_ == "NOUN" and child.lower_ in nouns:  # "KAL attorney George Tompkins"
                for target in _modifying_mentions(child, index):
                    if _label(index, target) == "ORG":
                        yield Relation(mi, target, f"{child.lower_} at", KIND, sent, rtype="works_for")
            if child.dep_ in ("amod", "compound") and other >= 0 and index.mentions[other].kind == "demonym":
                yield Relation(mi, other, "citizen of", KIND, sent, rtype="citizen_of")
            if child.dep_ == "prep" and child.lower_ in ("of", "from", "at"):  # "Spencer Christian of ABC", "Smith of Chicago"
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    target = index.of(pobj)
                    if target >= 0:
                        yield _affiliation(index, mi, target, child.lower_, sent)
        yield from _born_in(root, mi, index, sent)


def _affiliation(index: TokenMentions, person: int, target: int, phrase: str, sent: int) -> Relation:
    if _label(index, target) in ("GPE", "LOC"):
        return Relation(person, target, "lives in", KIND, sent, rtype="lives_in")
    return Relation(person, target, phrase if phrase not in ("of", "from", "at") else "works for", KIND, sent, rtype="works_for")


def _descriptions(root: Token) -> Iterator[Token]:
    """Common nouns that describe a person: in apposition ("X, a spokesman for Y") or as predicate ("X is an analyst at Y")."""
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            yield child
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        yield root.head
    if root.dep_ == "nsubj" and lemma_of(root.head) == "be":
        for c in root.head.children:
            if c.dep_ == "attr" and c.pos_ == "NOUN":
                yield c


def _organisations_of(noun: Token, index: TokenMentions) -> Iterator[tuple[int, str]]:
    """Mentions after "of/for/at/with" of a describing noun, at the head of the phrase."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in _AFFILIATION_PREPS:
            for pobj in (c for p in child.children if p.dep_ == "pobj" for c in conjuncts(p)):
                target = index.of(pobj)
                # "a spokesman for Crossrail" names an employer even where the model calls it a person
                if target >= 0 and (_label(index, target) in ("ORG", "GPE", "FAC") or child.lower_ == "for"):
                    yield target, child.lower_


def _modifying_mentions(noun: Token, index: TokenMentions) -> Iterator[int]:
    """Mentions that modify a describing noun: "a University of Texas law professor", "the GE attorney"."""
    for child in noun.lefts:
        if child.dep_ in ("compound", "nmod", "amod", "poss"):
            target = index.of(child)
            if target >= 0:
                yield target
            elif child.pos_ == "NOUN":  # "law" in "Texas law professor"
                yield from (index.of(c) for c in child.lefts if index.of(c) >= 0)


def _born_in(root: Token, mi: int, index: TokenMentions, sent: int) -> Iterator[Relation]:
    verb = root.head
    if root.dep_ == "nsubjpass" and lemma_of(verb) == "bear":
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "at", "near")):
            for pobj in (c for p in prep.children if p.dep_ == "pobj" for c in conjuncts(p)):
                target = index.of(pobj)
                if target >= 0 and _label(index, target) != "PERSON":  # "born in Jamestown" names a place, whatever the model says
                    yield Relation(mi, target, "born in", KIND, sent, rtype="born_in")


def _nominal(doc: Doc, index: TokenMentions, sentences: SentenceIndex) -> Iterator[Relation]:
    data = load_data("relations.json")
    events, agents = data["nominal"], data["agent_nouns"]
    for noun in doc:
        if noun.pos_ != "NOUN":
            continue
        lemma = lemma_of(noun).lower()
        if lemma in events:
            patient = _pobj_mention(noun, ("of",), index)
            agent = _pobj_mention(noun, ("by",), index)
            if agent is None and patient is not None:
                agent = _first_found(_possessor(noun, index), _agent_of_verb(noun, index))
            if agent is not None and patient is not None and _label(index, agent) in ("PERSON", "ORG", "GPE"):
                yield Relation(agent, patient, _phrase(events[lemma]), "action", sentences.of(noun.i),
                               negated=_verb_negated(noun), rtype=events[lemma])
        elif lemma in agents:
            victim = _first_found(_pobj_mention(noun, ("of",), index), _possessor(noun, index))
            doer = _described(noun, index)
            if victim is not None and doer is not None:
                yield Relation(doer, victim, _phrase(agents[lemma]), "action", sentences.of(noun.i), rtype=agents[lemma])


def _first_found(*indices: int | None) -> int | None:
    return next((i for i in indices if i is not None), None)


def _phrase(rtype: str) -> str:
    return {"killed": "killed", "acquired": "acquired", "merged_with": "merged with", "attacked": "attacked",
            "owned_by": "owns", "works_for": "works for"}.get(rtype, rtype.replace("_", " "))


def _pobj_mention(noun: Token, preps: tuple[str, ...], index: TokenMentions) -> int | None:
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                mi = index.of(pobj)
                if mi >= 0:
                    return mi
                for c in pobj.children:  # "the assassination of civil rights leader Martin Luther King"
                    if c.dep_ in ("appos", "compound") and index.of(c) >= 0 and index.roots[index.of(c)] == c.i:
                        return index.of(c)
    return None


def _possessor(noun: Token, index: TokenMentions) -> int | None:
    for child in noun.children:
        if child.dep_ == "poss" and index.of(child) >= 0:
            return index.of(child)
    return None


def _agent_of_verb(noun: Token, index: TokenMentions) -> int | None:
    """"Ray was charged in the slaying of King": the subject of a verb that makes its subject the doer."""
    head = noun.head
    if head.dep_ == "prep":
        head = head.head
    if head.pos_ not in ("VERB", "AUX") or lemma_of(head).lower() not in _AGENT_VERBS:
        return None
    subjects, _ = grammatical_subjects(head)
    subjects = subjects or [c for c in head.children if c.dep_ == "nsubjpass"]
    for s in subjects:
        if index.of(s) >= 0:
            return index.of(s)
    return None


def _described(noun: Token, index: TokenMentions) -> int | None:
    """The person a noun describes: "Chapman, Lennon's killer" / "Lennon's killer, Chapman" / "Chapman was the killer"."""
    if noun.dep_ == "appos" and index.of(noun.head) >= 0:
        return index.of(noun.head)
    for child in noun.children:
        if child.dep_ == "appos" and index.of(child) >= 0:
            return index.of(child)
    if noun.dep_ == "attr":
        for c in noun.head.children:
            if c.dep_ == "nsubj" and index.of(c) >= 0:
                return index.of(c)
    return None


def _verb_negated(noun: Token) -> bool:
    head = noun.head if noun.head.pos_ in ("VERB", "AUX") else noun.head.head
    return head.pos_ in ("VERB", "AUX") and is_negated(head)
