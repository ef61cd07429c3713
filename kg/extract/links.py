"""Relations named by the shape of a noun phrase, not by a verb: affiliations, places, nominal events.

Read from the dependency parse between two mentions of one sentence (patterns and words in
kg/data/relations.json):

- places: "Fresno, Calif." and "Liberec in Czechoslovakia" (`located in`); "the Hakawati Theatre
  in Jerusalem", "Moscow's Bolshoi Ballet", "a London-based bank" (`based in` for organisations);
- affiliations: "Jeremy de Souza, a spokesman for Crossrail", "Patrick Juchemich, auto analyst at
  Sal Oppenheim Bank", "Wright, a University of Texas law professor", "Boston University's Michael
  Papagiannis", "Spencer Christian of ABC" (`works for`); a person "of" a place (`lives in`), a
  nationality before a person ("Bosnian nationalist Gavrilo Princip": `citizen of`);
- people's homes, birthplaces and the places their descriptions name (kg.extract.origins);
- nominal events with an agent and a patient: "the assassination of King by Ray", "Google's
  acquisition of YouTube", "Chapman, Lennon's killer", "Ray, charged in the slaying of King".

A pattern joins the head nouns of the phrases, so "deputy editor of UK magazine Mac Format" is
about Mac Format, not the UK.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from kg import gazetteer
from kg.lemma import lemma_of
from kg.extract.divisions import extract_divisions
from kg.extract.names import title_at
from kg.extract.ownership import extract_ownership
from kg.extract.origins import descriptions, extract_origins, people_of, who_named
from kg.extract.phrases import (TokenMentions, conjuncts, grammatical_subjects, is_negated, particle,
                               repeats_a_preposition)
from kg.extract.places import (AREAS, KIND, area_named_in, extract_named_places, extract_places, mention_tokens,
                               places_within, token_span)
from kg.extract.places import label_of as _label
from kg.extract.sentences import SentenceIndex
from kg.model import Mention, Relation
from kg.vocab import AFFILIATION_NOUNS, LIVING_VERBS, ORG_NOUNS, PAST_MODIFIERS, TITLE_RELATIONS, TITLES, US_STATES, load_data

_AFFILIATION_PREPS = frozenset({"of", "for", "at", "with"})
# Types whose edge runs from the patient of an agent noun to the agent, as their Wikidata property does
_FROM_PATIENT = frozenset({"owned_by"})
# Relations that hold of a place's containers too ("born in Brooklyn, in New York": born in New York).
_CARRIED = frozenset({"lives_in", "works_in", "born_in", "based_in", "located_in"})
# Verbs that make their subject the agent of the nominal event they govern ("charged in the slaying of").
_AGENT_VERBS = frozenset({"charge", "convict", "accuse", "arrest", "sentence", "blame", "suspect", "plead", "confess",
                          "admit", "commit", "carry", "indict", "try", "jail", "execute", "complete", "announce",
                          "agree", "finalise", "finalize", "launch", "make", "face", "serve"})
_AGENT_HOPS = 6  # "charged with [crime] [in] [aid] [of racketeering] [in] the slayings": three phrases deep


def extract_links(doc: Doc, mentions: Sequence[Mention], *, sentences: SentenceIndex,
                  index: TokenMentions | None = None) -> Iterator[Relation]:
    """Affiliation, place and nominal-event relations between mentions of one sentence."""
    index = index or TokenMentions(doc, mentions)
    seen: set[tuple[int, int, str]] = set()
    found = [*extract_places(doc, index, sentences), *extract_named_places(index, sentences),
             *extract_divisions(doc, index, sentences),
             *_affiliations(doc, index, sentences), *_residences(doc, index, sentences),
             *_verb_affiliations(doc, index, sentences), *_nominal(doc, index, sentences),
             *extract_origins(doc, index, sentences), *extract_ownership(index, sentences)]
    for rel in (*found, *_carried_up(found)):
        key = (rel.subject, rel.object, rel.rtype)
        if rel.subject != rel.object and key not in seen and index.mentions[rel.subject].name != index.mentions[rel.object].name:
            seen.add(key)
            yield rel


def _carried_up(found: Sequence[Relation]) -> Iterator[Relation]:
    """Where something is, it is also in every place that place is said (in the same sentence) to lie in:
    "Mrs. Tsuruyama is from Yatsushiro in Kumamoto Prefecture in southern Japan" -> from Japan too, however
    the parse hangs the chain."""
    within: dict[tuple[int, int], list[int]] = {}
    for rel in found:
        if rel.rtype == "located_in" and not rel.negated:
            within.setdefault((rel.sent, rel.subject), []).append(rel.object)
    for rel in found:
        if rel.rtype not in _CARRIED or rel.negated or (rel.sent, rel.object) not in within:
            continue
        reached, todo = {rel.subject, rel.object}, list(within[(rel.sent, rel.object)])
        while todo:
            above = todo.pop(0)
            if above not in reached:
                reached.add(above)
                todo += within.get((rel.sent, above), [])
                yield dataclasses.replace(rel, object=above)


def _affiliations(doc: Doc, index: TokenMentions, sentences: SentenceIndex) -> Iterator[Relation]:
    for mi, root in mention_tokens(index):
        if _label(index, mi) != "PERSON":
            continue
        sent = sentences.of(root.i)
        for rel in (*_described_as(index, mi, root, sent), *_modified_by(index, mi, root, sent),
                    *_titled_by(doc, index, mi, sent)):
            yield rel  # "Norman Vaughan of Trapper Creek, Alaska": in Alaska too, by _carried_up


def _residences(doc: Doc, index: TokenMentions, sentences: SentenceIndex) -> Iterator[Relation]:
    """"X lives in Y", "X, who grew up in Y", "X is from Y", "X hails from Y" (and the places Y lies in)."""
    origin = frozenset(load_data("relations.json")["origin_verbs"])
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        lemma = lemma_of(verb).lower()
        phrasal = " ".join(p for p in (lemma, particle(verb)) if p)
        preps = ("in", "at") if lemma in LIVING_VERBS or phrasal in LIVING_VERBS else ("from",) if lemma in origin else ()
        if not preps:
            continue
        places = [index.of(p) for c in verb.children if c.dep_ == "prep" and c.lower_ in preps
                  for p in c.children if p.dep_ == "pobj" and index.of(p) >= 0 and _label(index, index.of(p)) in AREAS]
        named = who_named(verb, index)
        people = [named] if named >= 0 else people_of(grammatical_subjects(verb)[0], index)
        for person in people:
            for place in places:  # the places it lies in follow by _carried_up
                yield Relation(person, place, "lives in", KIND, sentences.of(verb.i), negated=is_negated(verb),
                               rtype="lives_in")


def _verb_affiliations(doc: Doc, index: TokenMentions, sentences: SentenceIndex) -> Iterator[Relation]:
    """"Harrington taught at Harvard University", "Derwinski served 24 years in Congress", "Nelson covers the White
    House for The Associated Press": the verbs of relations.json's affiliation_verbs with an organisation after their
    preposition (on the verb or its object)."""
    verbs = load_data("relations.json")["affiliation_verbs"]
    for verb in doc:
        preps = verbs.get(lemma_of(verb).lower()) if verb.pos_ == "VERB" else None
        if not preps:
            continue
        people = people_of(grammatical_subjects(verb)[0], index)
        # the parse often hangs the preposition on the object: "covers the White House for The Associated Press"
        holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
        for prep in (c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in preps):
            for pobj in (c for p in prep.children if p.dep_ == "pobj" for c in conjuncts(p)):
                target = _named_in(pobj, index)
                if target < 0 or _label(index, target) != "ORG":
                    continue
                for person in people:
                    yield Relation(person, target, f"{lemma_of(verb).lower()} {prep.lower_}", KIND, sentences.of(verb.i),
                                   negated=is_negated(verb), rtype=preps[prep.lower_])


def _described_as(index: TokenMentions, mi: int, root: Token, sent: int) -> Iterator[Relation]:
    """"X, a spokesman for Y", "X is an analyst at Y", "X, a Netherlands businessman", "X, a native of Y"."""
    for noun in descriptions(root):
        for target, prep in _organisations_of(noun, index):
            if noun.lower_ in TITLES and prep == "of":
                continue  # "X, former head of MI6": a role (kg.extract.roles)
            if noun.lower_ == "native" and _label(index, target) in AREAS:
                yield Relation(mi, target, "born in", KIND, sent, rtype="born_in")
                continue
            # "senior vice president of digital development at EMI": the whole title the person holds there
            held = _title_ending_with(index.mentions[mi].titles, noun.lower_)
            yield _affiliation(index, mi, target, f"{_past(noun)}{held} {prep}" if prep else noun.lower_, sent)
        for target in _modifying_mentions(noun, index):
            yield from _modifier_relation(index, mi, target, noun, sent)


def _modifier_relation(index: TokenMentions, mi: int, target: int, noun: Token, sent: int) -> Iterator[Relation]:
    """A name that modifies a noun describing a person: "the GE attorney", "a Memphis native", "Bosnian nationalist"."""
    label, word = _label(index, target), noun.lower_
    if word in ORG_NOUNS:
        return  # "UK magazine Mac Format": the noun describes an organisation, not the person
    if label == "ORG" and (word in AFFILIATION_NOUNS or word in TITLES or noun.dep_ == "compound"):
        held = _title_ending_with(index.mentions[mi].titles, word)
        yield Relation(mi, target, f"{_past(noun)}{held} at", KIND, sent, rtype="works_for")
    elif label == "GPE" and index.mentions[target].kind == "demonym" and word not in TITLES:
        if _is_country(index, target):  # not "European co-ordinator": a continent holds no citizens
            yield Relation(mi, target, "citizen of", KIND, sent, rtype="citizen_of")
    elif word == "native" and label != "PERSON":  # "a Fargo native" names a place, whatever the model says
        yield Relation(mi, target, "born in", KIND, sent, rtype="born_in")
    elif label in AREAS and word not in TITLES and _is_country(index, target):
        yield Relation(mi, target, "citizen of", KIND, sent, rtype="citizen_of")  # "US blogger X": a nationality
    elif label in AREAS and word not in TITLES:  # "an Atlanta businessman"
        yield Relation(mi, target, "lives in", KIND, sent, rtype="lives_in")


def _is_country(index: TokenMentions, target: int) -> bool:
    name = index.mentions[target].name
    return bool(gazetteer.country_of(name) or gazetteer.is_nation(name))


def _title_ending_with(titles: Sequence[str], word: str) -> str:
    """The person's longest title whose last word is ``word`` ("vice president" for "president"), else the word;
    only its words that make a title ("boss" of "mercurial boss"; "former" is added by the caller)."""
    best = word
    for title in titles:
        words = [w for w in title.split() if w.rstrip("-") not in PAST_MODIFIERS]  # "former chief executive"
        if words[-1:] != [word]:
            continue
        held = next((words[i:] for i in range(len(words)) if title_at(words, i) == len(words) - i), [word])
        best = max(best, " ".join(held), key=len)
    return best


def _past(noun: Token) -> str:
    """"former " when the noun says the affiliation is over ("the former Vodafone boss"), else ""."""
    return "former " if any(c.lower_.rstrip("-") in PAST_MODIFIERS for c in noun.lefts if c.dep_ in ("amod", "advmod")) else ""


def _modified_by(index: TokenMentions, mi: int, root: Token, sent: int) -> Iterator[Relation]:
    """Names attached to the person's own name: possessors, modifiers, "of/from/at" phrases."""
    for child in root.children:
        other = index.of(child)
        if child.dep_ == "poss" and other >= 0 and _label(index, other) == "ORG":  # "Boston University's Papagiannis"
            yield Relation(mi, other, "works for", KIND, sent, rtype="works_for")
        if child.dep_ == "poss" and other >= 0 and _label(index, other) in AREAS \
                and index.mentions[other].kind == "name":  # "Venezuela's Carlos Andres Perez"
            yield Relation(mi, other, "lives in", KIND, sent, rtype="lives_in")
        # "KAL attorney George Tompkins", "Atlanta businessman X", "Michigan State horticulture Professor Will Carlson"
        if child.dep_ == "compound" and (child.pos_ == "NOUN" or child.lower_.rstrip(".") in AFFILIATION_NOUNS):
            for target in _modifying_mentions(child, index):
                if _label(index, target) == "ORG" or _label(index, target) in AREAS:
                    yield from _modifier_relation(index, mi, target, child, sent)
        if child.dep_ in ("amod", "compound") and other >= 0 and index.mentions[other].kind == "demonym" \
                and _is_country(index, other):
            yield Relation(mi, other, "citizen of", KIND, sent, rtype="citizen_of")
        if child.dep_ == "prep" and child.lower_ in ("of", "from", "at") \
                and not repeats_a_preposition(child, token_span(index, mi)[1]):  # "Spencer Christian of ABC"
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                target = _named_in(pobj, index)
                if target >= 0:
                    yield _affiliation(index, mi, target, child.lower_, sent)
        if child.dep_ == "prep" and child.lower_ == "in":
            yield from _stationed_in(index, mi, child, sent)


def _stationed_in(index: TokenMentions, mi: int, prep: Token, sent: int) -> Iterator[Relation]:
    """"FBI spokesman Doug Beldon in Albuquerque, N.M., said": "in" a place on the name of a person introduced before
    their verb says where they are posted. After the verb it is where the act took place, however the parse hangs
    it ("said Ms. Say in Nashville", "shot by Oswald in Dallas"). Only a place the gazetteer or the words know."""
    name = prep.head
    if not ((name.dep_ in ("nsubj", "nsubjpass") and name.i < name.head.i) or name.dep_ == "appos"):
        return
    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
        target = area_named_in(index, pobj)
        if target >= 0 and target != mi and _known_place(index, target):
            yield Relation(mi, target, "lives in", KIND, sent, rtype="lives_in")


def _named_in(noun: Token, index: TokenMentions) -> int:
    """The mention a noun phrase names: the noun itself, or the name before its head ("the smaller Rollei company")."""
    if index.of(noun) >= 0:
        return index.of(noun)
    if noun.pos_ == "NOUN":
        for c in noun.lefts:
            if c.dep_ == "compound" and index.of(c) >= 0 and _label(index, index.of(c)) == "ORG":
                return index.of(c)
    return -1


def _titled_by(doc: Doc, index: TokenMentions, mi: int, sent: int) -> Iterator[Relation]:
    """"Coast Guard Lt. Steve Hardy", "Fire Department Capt. Hugh Madlock": an organisation, then titles, then the
    person, read from the words where the parse splits them apart."""
    start, _ = token_span(index, mi)
    i, titles = start - 1, []
    while i >= 0 and (doc[i].text == "." or doc[i].lower_.rstrip(".") in TITLES):
        if doc[i].text != ".":
            titles.append(doc[i].lower_.rstrip("."))
        i -= 1
    if titles and i >= 0 and index.of(doc[i]) >= 0 and _label(index, index.of(doc[i])) == "ORG" \
            and token_span(index, index.of(doc[i]))[1] == i + 1:
        title = " ".join(reversed(titles))
        phrase = TITLE_RELATIONS.get(title, title + " of").removesuffix(" of") + " at"
        yield Relation(mi, index.of(doc[i]), phrase, KIND, sent, rtype="works_for")


def _affiliation(index: TokenMentions, person: int, target: int, phrase: str, sent: int) -> Relation:
    """Where a person is from or lives, or whom they work for: a place only when the words or the gazetteer say it
    is one ("Smith of Chicago", "Vaughan of Trapper Creek, Alaska"); "at" after a job is a workplace ("head of
    market development at Nokia", whatever the model calls Nokia)."""
    workplace = phrase.endswith(" at") or phrase == "at"
    if _label(index, target) in AREAS and not workplace and _known_place(index, target):
        return Relation(person, target, "lives in", KIND, sent, rtype="lives_in")
    return Relation(person, target, phrase if phrase not in ("of", "from", "at") else "works for", KIND, sent, rtype="works_for")


def _known_place(index: TokenMentions, mi: int) -> bool:
    m = index.mentions[mi]
    return m.kind == "demonym" or m.cue == "GPE" or any(True for _ in places_within(index, mi)) \
        or gazetteer.country_of(m.name) is not None or gazetteer.city_of(m.name) is not None \
        or gazetteer.is_region(m.name) or m.name in US_STATES


def _organisations_of(noun: Token, index: TokenMentions) -> Iterator[tuple[int, str]]:
    """Mentions after "of/for/at/with" of a describing noun, at the head of the phrase, or the organisation
    naming it ("an economist with the Mediterranean Foundation research group")."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in _AFFILIATION_PREPS:
            for pobj in (c for p in child.children if p.dep_ == "pobj" for c in conjuncts(p)):
                target = _named_in(pobj, index)
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
                for each in _with_conjuncts(patient, index):  # "the slayings of John Walker and Alberto Radelat"
                    yield Relation(agent, each, _phrase(events[lemma]), "action", sentences.of(noun.i),
                                   negated=_verb_negated(noun), rtype=events[lemma])
        elif lemma in agents:
            victim = _first_found(_pobj_mention(noun, ("of",), index), _possessor(noun, index), _compound_mention(noun, index))
            doer = _described(noun, index)
            if victim is not None and doer is not None:
                rtype = agents[lemma]
                if rtype in _FROM_PATIENT:  # "Yukos' owner Menatep Group": Yukos `owned by` Menatep Group
                    doer, victim = victim, doer
                yield Relation(doer, victim, _phrase(rtype), "action", sentences.of(noun.i), rtype=rtype)


def _with_conjuncts(mi: int, index: TokenMentions) -> list[int]:
    root = index.doc[index.roots[mi]]
    return [mi] + [index.of(c) for c in conjuncts(root) if index.of(c) >= 0 and index.of(c) != mi]


def _compound_mention(noun: Token, index: TokenMentions) -> int | None:
    """"King assassin James Earl Ray": the name compounded with an agent noun is its patient."""
    return next((index.of(c) for c in noun.lefts if c.dep_ == "compound" and index.of(c) >= 0), None)


def _first_found(*indices: int | None) -> int | None:
    return next((i for i in indices if i is not None), None)


def _phrase(rtype: str) -> str:
    return {"killed": "killed", "acquired": "acquired", "merged_with": "merged with", "attacked": "attacked",
            "owned_by": "owned by", "works_for": "works for"}.get(rtype, rtype.replace("_", " "))


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
    """"Ray was charged in the slaying of King", "Vasquez is charged with violent crime in aid of racketeering in
    the slayings of Walker": the subject of a verb that makes its subject the doer, up the chain of phrases."""
    head = noun.head
    for _ in range(_AGENT_HOPS):
        if head.pos_ in ("VERB", "AUX") or head.dep_ not in ("prep", "pobj", "dobj") or head.head == head:
            break
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
    """The person a noun describes: "Chapman, Lennon's killer" / "Lennon's killer, Chapman" / "Chapman was the killer"
    / "Yukos' owner Menatep Group" (the noun compounded before the name)."""
    if noun.dep_ in ("appos", "compound") and index.of(noun.head) >= 0 and (noun.dep_ == "appos" or noun.head.i > noun.i):
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
