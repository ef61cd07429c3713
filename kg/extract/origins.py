"""Where people live and were born, read from the nouns and participles around their names (kg.extract.links
gathers these with its other place relations, so the places a place lies in follow):

- homes: a person's home, hometown or birthplace named with a place: "her Dayton home", "his hometown of
  Abbeville", "the home state of his wife, Ann", "his native Ohio" (`lives in` or `born in`, by relations.json's
  residence_nouns);
- descriptions: "Tom Reyes, an electrician from Dayton", "Ann Lacy, a nurse in Lyon", "X, one of the leading
  surgeons in Norway", "X, a Democrat from Ohio", "X, the ambassador to Peru", "Tom Reyes, the manager of the
  plant, based in Tulsa" (`lives in`): the noun describing a person says where they are;
- births: "X was born in Y", "X, who was born in Y", "X, 74, born in Y", "Born in Y, X moved ...", "Ohio, where
  she was born" (`born in`); "Ohio, where she lives" (`lives in`).

The name a "who" clause describes is a person whatever the model labelled it ("Warner, who lives in Ocala").
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Token

from kg import gazetteer
from kg.extract.phrases import TokenMentions, conjuncts, grammatical_subjects, is_negated, particle
from kg.extract.places import AREAS, KIND, area_named_in, label_of
from kg.extract.sentences import SentenceIndex
from kg.lemma import lemma_of
from kg.model import Relation
from kg.vocab import (AREA_NOUNS, HEADQUARTERS_PARTICIPLES, LIVING_VERBS, ORG_NOUNS, ORIGIN_NOUNS, PAST_MODIFIERS,
                      RESIDENCE_NOUNS, TITLES, US_STATES)

_PHRASES = {"lives_in": "lives in", "born_in": "born in", "based_in": "based in"}
_DESCRIPTION_PREPS = frozenset({"from", "in"})
_BIRTH_PREPS = frozenset({"in", "at", "near"})


def extract_origins(doc: Doc, index: TokenMentions, sentences: SentenceIndex) -> Iterator[Relation]:
    """`lives in` and `born in` relations of people from home nouns, descriptions and birth participles."""
    for token in doc:
        yield from _homes(index, token, sentences)
        if token.tag_ == "VBN" and lemma_of(token).lower() == "bear":
            yield from _births(index, token, sentences)
        if token.dep_ == "relcl" and token.pos_ in ("VERB", "AUX"):
            yield from _where_clause(index, token, sentences)
    for mi, root in enumerate(index.roots):
        if root >= 0 and index.mentions[mi].kind == "name" and label_of(index, mi) == "PERSON":
            for place in _described_places(index, index.doc[root]):
                yield Relation(mi, place, "lives in", KIND, sentences.of(root), rtype="lives_in")


def people_of(subjects: list[Token], index: TokenMentions) -> list[int]:
    """The people among a verb's subjects, or named in apposition to them ("his sister Mary, who ...",
    "Derwinski, a Republican who ...", "the seventh president, Andrew Jackson, was born")."""
    tokens = [n for s in subjects for n in (s, *(c for c in s.children if c.dep_ == "appos"),
                                             *((s.head,) if s.dep_ == "appos" else ()))]
    found = [index.of(t) for t in tokens if index.of(t) >= 0 and label_of(index, index.of(t)) == "PERSON"]
    return list(dict.fromkeys(found))


def who_named(verb: Token, index: TokenMentions) -> int:
    """The name a "who" clause describes, a person whatever label the model gave it ("Copland, who was born in
    Brooklyn", "Warner, who now lives in Ocala"); -1 if the verb has no such clause."""
    named = index.of(verb.head) if verb.dep_ == "relcl" else -1
    if named >= 0 and index.mentions[named].kind == "name" and \
            any(c.lower_ == "who" for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
        return named
    return -1


def _residence_type(noun: Token) -> str | None:
    """The relation a home noun gives: "hometown", or the phrase of a noun compounded with "home" ("home state")."""
    if noun.pos_ not in ("NOUN", "ADJ", "ADV") or noun.dep_ == "compound":  # the model tags "her Ohio home" ADV
        return None  # "home" in "home state" is read with "state"; "a home run" is no home
    word = noun.lower_
    if word not in RESIDENCE_NOUNS and f"home {word}" not in RESIDENCE_NOUNS:
        return None  # nearly every noun: its children need not be read
    home = any(c.dep_ == "compound" and c.lower_ == "home" for c in noun.lefts)
    return RESIDENCE_NOUNS.get(f"home {word}" if home else word)


def _homes(index: TokenMentions, noun: Token, sentences: SentenceIndex) -> Iterator[Relation]:
    rtype = _residence_type(noun)
    if rtype is None:
        return
    if noun.dep_ == "amod" and index.of(noun.head) >= 0:  # "his native Ohio": the noun modified is the place
        owners, places = _owners(index, noun.head), [index.of(noun.head)]
    else:
        owners, places = _owners(index, noun), list(_home_places(index, noun))
    for owner in owners:
        # an organisation's home is its base ("the club's Dayton home"), a person's where they live
        kind = "based_in" if label_of(index, owner) == "ORG" and rtype == "lives_in" else rtype
        for place in places:
            if place != owner and (kind != "born_in" or label_of(index, owner) == "PERSON"):
                yield Relation(owner, place, _PHRASES[kind], KIND, sentences.of(noun.i), rtype=kind)


def _owners(index: TokenMentions, noun: Token) -> list[int]:
    """Whose home it is: a possessor ("her", "Nelson's", "the club's") or a person after "of" ("the home state of his
    wife, Ann")."""
    found = [index.of(c) for c in noun.children if c.dep_ == "poss"]
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (p for p in prep.children if p.dep_ == "pobj"):
            found += [index.of(pobj), *(index.of(c) for c in pobj.children if c.dep_ == "appos")]
    return [mi for mi in dict.fromkeys(found) if mi >= 0 and label_of(index, mi) in ("PERSON", "ORG")]


def _home_places(index: TokenMentions, noun: Token) -> Iterator[int]:
    """The place of a home noun: before it ("her Dayton home"), after "of" or "in" ("hometown of Abbeville", "home
    in the Dayton suburb of Kettering"), or in apposition ("Ohio, the home state of ...")."""
    for c in noun.lefts:
        if c.dep_ in ("compound", "nmod", "amod") and index.of(c) >= 0 and _placelike(index, index.of(c)):
            yield index.of(c)
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "in")):
        for pobj in (p for p in prep.children if p.dep_ == "pobj"):
            yield from _places_named_by(index, pobj)
    if noun.dep_ == "appos" and index.of(noun.head) >= 0 and label_of(index, index.of(noun.head)) in AREAS:
        yield index.of(noun.head)
    yield from (index.of(c) for c in noun.children
                if c.dep_ == "appos" and index.of(c) >= 0 and label_of(index, index.of(c)) in AREAS)


def _places_named_by(index: TokenMentions, pobj: Token) -> Iterator[int]:
    """The place an object names, and the place an area noun is "of" ("the Dayton suburb of Kettering")."""
    area = area_named_in(index, pobj)
    if area >= 0:
        yield area
    elif index.of(pobj) >= 0 and _placelike(index, index.of(pobj)):
        yield index.of(pobj)
    if pobj.lower_ in AREA_NOUNS:
        for prep in (c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "of"):
            yield from (index.of(p) for p in prep.children if p.dep_ == "pobj" and index.of(p) >= 0
                        and _placelike(index, index.of(p)))


def _placelike(index: TokenMentions, mi: int) -> bool:
    """A place by its label, or a name the gazetteer knows as a place where the words say it is one ("her
    Germantown home", whatever the model called Germantown)."""
    m = index.mentions[mi]
    if label_of(index, mi) in AREAS:
        return m.kind != "demonym"  # "his Russian home" tells citizenship, not a place
    return m.kind == "name" and (gazetteer.city_of(m.name, alternates=False) is not None
                                 or gazetteer.country_of(m.name) is not None or m.name in US_STATES)


def _described_places(index: TokenMentions, root: Token) -> Iterator[int]:
    """Places in a noun describing a person ("X, an electrician from Dayton", "X, a nurse in Lyon", "X, the
    ambassador to Peru": an envoy lives where he is sent), or in a participle set off by a comma ("X, the manager
    of the plant, based in Tulsa", on the name or on the noun)."""
    preps = _located_preps(_based(root), ("in", "at"))
    for noun in descriptions(root):
        if noun.lower_ in ORG_NOUNS:
            continue  # "X, a firm in Ohio" misreads a company
        posted = noun.lower_ in TITLES and not any(c.lower_ in PAST_MODIFIERS for c in noun.lefts)  # not "former envoy to"
        preps += _located_preps([noun], (*_DESCRIPTION_PREPS, *(("to",) if posted else ())))
        preps += _located_preps(_based(noun), ("in", "at"))
    for prep in preps:
        for pobj in (c for p in prep.children if p.dep_ == "pobj" for c in conjuncts(p)):
            area = area_named_in(index, pobj)
            if area >= 0:
                yield area


def _located_preps(holders: Iterable[Token], words: tuple[str, ...]) -> list[Token]:
    return [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in words]


def _based(holder: Token) -> Iterator[Token]:
    """"based" on a person or their description after a comma; without the comma it is the organisation's before it
    ("a spokeswoman for K mart based in Troy"), however the parse hangs it."""
    for c in holder.children:
        if c.dep_ == "acl" and c.lower_ in HEADQUARTERS_PARTICIPLES and c.i > 0 and c.doc[c.i - 1].text == ",":
            yield c


def descriptions(root: Token) -> Iterator[Token]:
    """Nouns that describe a person: in apposition ("X, a spokesman for Y", "a guest from Moscow, X", "X, a Fargo
    native", "X, a Democrat from Ohio"), as predicate ("X is an analyst at Y"), or the noun of "one of" ("X, one of
    Ethiopia's lawyers")."""
    found = [n for c in root.children if c.dep_ == "appos" for n in conjuncts(c)]  # "X, a lawyer and a Dayton native"
    found += [root.head] if root.dep_ == "appos" else []
    if root.dep_ == "nsubj" and lemma_of(root.head) == "be":
        found += [c for c in root.head.children if c.dep_ == "attr"]
    for noun in found:
        if noun.lower_ == "one":
            noun = next((p for prep in noun.children if prep.dep_ == "prep" and prep.lower_ == "of"
                         for p in prep.children if p.dep_ == "pobj"), noun)
        if noun.pos_ == "NOUN" or noun.lower_ in ORIGIN_NOUNS or (noun.pos_ == "PROPN" and (noun.ent_type_ == "NORP"
                                                                                         or noun.lower_ in TITLES)):
            yield noun  # a party's member is a person too ("a Republican from Chicago"); "U.S. Ambassador to Ukraine X"


def _births(index: TokenMentions, verb: Token, sentences: SentenceIndex) -> Iterator[Relation]:
    """"born in/at/near" a place: the people are the participle's subjects, or the name it hangs on ("X, born in
    Y", "X, 74, born in Y")."""
    holder = verb.head if verb.dep_ == "acl" else None
    named = who_named(verb, index)
    if named >= 0:
        people = [named]
    elif holder is not None:
        people = people_of([holder.head if holder.dep_ == "appos" and index.of(holder) < 0 else holder], index)
    else:
        people = people_of(grammatical_subjects(verb)[0], index)
    places = [index.of(p) for prep in verb.children if prep.dep_ == "prep" and prep.lower_ in _BIRTH_PREPS
              for pobj in prep.children if pobj.dep_ == "pobj" for p in conjuncts(pobj)
              if index.of(p) >= 0 and label_of(index, index.of(p)) != "PERSON"]  # "born in Jamestown" names a place
    for person in people:
        for place in places:
            yield Relation(person, place, "born in", KIND, sentences.of(verb.i), negated=is_negated(verb), rtype="born_in")


def _where_clause(index: TokenMentions, verb: Token, sentences: SentenceIndex) -> Iterator[Relation]:
    """"Ohio, where she was born and grew up": a clause on a place opened by "where", with a birth or living verb."""
    place = index.of(verb.head)
    if place < 0 or label_of(index, place) not in AREAS or not any(c.lower_ == "where" for c in verb.children):
        return
    for each in conjuncts(verb):
        phrasal = " ".join(p for p in (lemma_of(each).lower(), particle(each)) if p)
        rtype = "born_in" if lemma_of(each).lower() == "bear" else "lives_in" if phrasal in LIVING_VERBS or \
            lemma_of(each).lower() in LIVING_VERBS else None
        if rtype is None:
            continue
        subjects = [c for c in each.children if c.dep_ in ("nsubj", "nsubjpass")] or \
            [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        for person in people_of(subjects, index):
            yield Relation(person, place, _PHRASES[rtype], KIND, sentences.of(verb.i), negated=is_negated(each),
                           rtype=rtype)
