"""Where people live and were born, read from the nouns and participles around their names (kg.extract.links
gathers these with its other place relations, so the places a place lies in follow):

- homes: a person's home, hometown or birthplace named with a place: "her Dayton home", "his hometown of
  Abbeville", "the home state of his wife, Ann", "his native Ohio" (`lives in` or `born in`, by relations.json's
  residence_nouns);
- descriptions: "Tom Reyes, an electrician from Dayton", "Ann Lacy, a nurse in Lyon", "X, one of the leading
  surgeons in Norway", "X, a Democrat from Ohio", "X, the ambassador to Peru", "Tom Reyes, the manager of the
  plant, based in Tulsa" (`lives in`): the noun describing a person says where they are;
- births: "X was born in Y", "X, who was born in Y", "X, 74, born in Y", "Born in Y, X moved ...", "Ohio, where
  she was born", "London-born banker X", "Australian-born X" (`born in`); "Ohio, where she lives" (`lives in`);
- workplaces: "X of the Red Cross in Khartoum", "X, owner of the Smokehouse cafe in Fontana", "X, who works at the
  American Embassy in Beirut", "X, who heads the institute in Milan", "X, managing director of T-Mobile in the UK"
  (`works in`, Wikidata's work location): the place written on the phrase of the organisation a person works at
  is where the person works. Only a locative "in"/"at" on that phrase counts, not the organisation's headquarters
  ("a spokeswoman for K mart based in Troy" may work anywhere).

The name a "who" clause describes is a person whatever the model labelled it ("Warner, who lives in Ocala").
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Token

from kg import gazetteer
from kg.extract.phrases import TokenMentions, appositives, conjuncts, grammatical_subjects, is_negated, particle
from kg.extract.places import AREAS, KIND, area_named_in, label_of
from kg.extract.sentences import SentenceIndex
from kg.lemma import lemma_of
from kg.model import Relation
from kg.vocab import (AFFILIATION_NOUNS, AREA_NOUNS, HEADQUARTERS_PARTICIPLES, LIVING_VERBS, ORG_NOUNS, ORIGIN_NOUNS,
                      PAST_MODIFIERS, RESIDENCE_NOUNS, SITE_NOUNS, TITLES, US_STATES, WORKPLACE_NOUNS, load_data)

_PHRASES = {"lives_in": "lives in", "born_in": "born in", "based_in": "based in", "works_in": "works in"}
_DESCRIPTION_PREPS = frozenset({"from", "in"})
_BIRTH_PREPS = frozenset({"in", "at", "near"})
_EMPLOYER_PREPS = ("of", "at", "with", "for")  # "head of", "analyst at", "official with", "spokesman for"
_NAME_PREPS = ("of", "at")  # "Brian Taylor of Wells Fargo in Minneapolis"; not "Yukos, with an office in Houston"
_WORKPLACE_PREPS = ("in", "at")  # "the Red Cross in Khartoum", "the bank's branch at Leeds"
_DESCRIPTION_LEAD = 4  # words before the noun of a description: "a former senior U.S. official"


def extract_origins(doc: Doc, index: TokenMentions, sentences: SentenceIndex) -> Iterator[Relation]:
    """`lives in` and `born in` relations of people from home nouns, descriptions and birth participles."""
    for token in doc:
        yield from _homes(index, token, sentences)
        yield from _offices(index, token, sentences)
        if token.tag_ == "VBN" and lemma_of(token).lower() == "bear":
            yield from _births(index, token, sentences)
        if token.lower_ == "born":
            yield from _born_after_place(index, token, sentences)
        if token.dep_ == "relcl" and token.pos_ in ("VERB", "AUX"):
            yield from _where_clause(index, token, sentences)
        if token.pos_ == "VERB" and _employment_preps(token) is not None:
            yield from _working_verb(index, token, sentences)
    for mi, root in enumerate(index.roots):
        if root >= 0 and index.mentions[mi].kind == "name" and label_of(index, mi) == "PERSON":
            for place, rtype in _described_places(index, index.doc[root]):
                yield Relation(mi, place, _PHRASES[rtype], KIND, sentences.of(root), rtype=rtype)
            for place in _workplaces(index, index.doc[root]):
                yield Relation(mi, place, "works in", KIND, sentences.of(root), rtype="works_in")


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


def _offices(index: TokenMentions, noun: Token, sentences: SentenceIndex) -> Iterator[Relation]:
    """"his Cincinnati office", "from her office in Geneva": where a person's own office is, they work (`works in`, as
    for workplaces); an organisation's office is a branch, not its base."""
    if noun.pos_ != "NOUN" or noun.dep_ == "compound" or noun.lower_ not in WORKPLACE_NOUNS:
        return
    for owner in (o for o in _owners(index, noun) if label_of(index, o) == "PERSON"):
        for place in dict.fromkeys(_home_places(index, noun)):
            if place != owner:
                yield Relation(owner, place, "works in", KIND, sentences.of(noun.i), rtype="works_in")


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
    in the Dayton suburb of Kettering"), or in apposition ("Ohio, the home state of ...", read from the words when
    the parse hangs the noun on the verb)."""
    for c in noun.lefts:
        if c.dep_ in ("compound", "nmod", "amod") and index.of(c) >= 0 and _placelike(index, index.of(c)):
            yield index.of(c)
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "in")):
        for pobj in (p for p in prep.children if p.dep_ == "pobj"):
            yield from _places_named_by(index, pobj)
    if noun.dep_ == "appos" and index.of(noun.head) >= 0 and label_of(index, index.of(noun.head)) in AREAS:
        yield index.of(noun.head)
    elif noun.left_edge.i >= 2 and noun.doc[noun.left_edge.i - 1].text == ",":  # the same, where the parse lost it
        before = index.of(noun.doc[noun.left_edge.i - 2])  # "a win in North Carolina, the home state of his wife"
        if before >= 0 and label_of(index, before) in AREAS:
            yield before
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


def _described_places(index: TokenMentions, root: Token) -> Iterator[tuple[int, str]]:
    """(place, relation type) in a noun describing a person ("X, an electrician from Dayton", "X, a nurse in Lyon",
    "X, the ambassador to Peru": an envoy lives where he is sent), or in a participle set off by a comma ("X, the
    manager of the plant, based in Tulsa", on the name or on the noun). A job at an organisation "in" a place says
    where the person works ("X, managing director of T-Mobile in the UK")."""
    preps = [(p, "lives_in") for p in _located_preps(_based(root), ("in", "at"))]
    for noun in descriptions(root):
        if noun.lower_ in ORG_NOUNS:
            continue  # "X, a firm in Ohio" misreads a company
        posted = noun.lower_ in TITLES and not any(c.lower_ in PAST_MODIFIERS for c in noun.lefts)  # not "former envoy to"
        rtype = "works_in" if noun.lower_ in TITLES and _job_at_an_organisation(index, noun) else "lives_in"
        preps += [(p, rtype if p.lower_ in ("in", "at") else "lives_in")
                  for p in _located_preps([noun], (*_DESCRIPTION_PREPS, *(("to",) if posted else ())))]
        preps += [(p, "lives_in") for p in _located_preps(_based(noun), ("in", "at"))]
    for prep, rtype in preps:
        for pobj in (c for p in prep.children if p.dep_ == "pobj" for c in conjuncts(p)):
            area = area_named_in(index, pobj)
            if area >= 0:
                yield area, rtype


def _job_at_an_organisation(index: TokenMentions, noun: Token) -> bool:
    """The title noun names the organisation it is held at ("managing director of T-Mobile", "head of sales at BT",
    "studio general manager for Electronic Arts")."""
    return any(index.of(o) >= 0 and label_of(index, index.of(o)) in ("ORG", "FAC")
               for p in noun.children if p.dep_ == "prep" and p.lower_ in _EMPLOYER_PREPS
               for o in p.children if o.dep_ == "pobj")


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
    Ethiopia's lawyers"), or set off after the name where the parse hangs it elsewhere ("followed by Cardenas,
    candidate of the PRD")."""
    found = [n for c in appositives(root) for n in conjuncts(c)]  # "X, a lawyer and a Dayton native"
    found += [root.head] if root.dep_ == "appos" else []
    found += _set_off_after(root)
    if root.dep_ == "nsubj" and lemma_of(root.head) == "be":
        found += [c for c in root.head.children if c.dep_ == "attr"]
    for noun in found:
        if noun.lower_ == "one":
            noun = next((p for prep in noun.children if prep.dep_ == "prep" and prep.lower_ == "of"
                         for p in prep.children if p.dep_ == "pobj"), noun)
        if noun.pos_ == "NOUN" or noun.lower_ in ORIGIN_NOUNS or (noun.pos_ == "PROPN" and (noun.ent_type_ == "NORP"
                                                                                         or noun.lower_ in TITLES)):
            yield noun  # a party's member is a person too ("a Republican from Chicago"); "U.S. Ambassador to Ukraine X"


def _set_off_after(root: Token) -> list[Token]:
    """The noun for a person's job or origin right after the comma that closes their name, which the parse hangs as a
    modifier of the verb or of a nearer noun ("is ahead of Ernesto Zedillo, candidate of the PRI", "7 percent for
    Cardenas, candidate of the PRD"); never a main clause's subject ("After he met Smith, the chairman of Ford said")."""
    doc, i = root.doc, root.i + 1
    if i + 2 >= len(doc) or doc[i].text != ",":
        return []
    j = i + 1
    while j < min(len(doc) - 1, i + _DESCRIPTION_LEAD) and doc[j].dep_ in ("det", "amod", "compound", "nmod", "nummod"):
        j += 1
    noun = doc[j]
    set_off = noun.pos_ == "NOUN" and noun.dep_ in ("appos", "npadvmod", "dep") and noun.head.i != root.i
    wanted = noun.lower_ in AFFILIATION_NOUNS or noun.lower_ in TITLES or noun.lower_ in ORIGIN_NOUNS
    return [noun] if set_off and wanted else []


def _births(index: TokenMentions, verb: Token, sentences: SentenceIndex) -> Iterator[Relation]:
    """"born in/at/near" a place: the people are the participle's subjects, or the name it hangs on ("X, born in
    Y", "X, 74, born in Y")."""
    if verb.dep_ == "amod":
        yield from _born_modifier(index, verb, sentences)
        return
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


def _born_modifier(index: TokenMentions, verb: Token, sentences: SentenceIndex) -> Iterator[Relation]:
    """"London-born chief executive Tom Reyes", "Tom Reyes, a London-born banker", "Australian-born Rupert Murdoch":
    the place (or nationality) written before "born" modifying the person's name or a noun describing them (up the
    compounds: "the Indian-born steel magnate X")."""
    places = [index.of(c) for c in verb.lefts if c.dep_ in ("npadvmod", "compound", "nmod") and index.of(c) >= 0
              and (index.mentions[index.of(c)].kind == "demonym" or _placelike(index, index.of(c)))]
    if not places:
        return
    noun = verb.head
    while noun.dep_ == "compound" and index.of(noun) < 0 and noun.head.i > noun.i:
        noun = noun.head
    for person in people_of([noun], index):
        for place in places:
            yield Relation(person, place, "born in", KIND, sentences.of(verb.i), rtype="born_in")


def _born_after_place(index: TokenMentions, born: Token, sentences: SentenceIndex) -> Iterator[Relation]:
    """"Illinois born Charlton Heston", "Tom Reyes, Georgia born, has ...": "London-born" written without its hyphen,
    which the parse reads as a clause ("Illinois" its subject, "born" a past tense or a relative clause), so read from
    the words: the place right before "born", the person right after it or right before the place and its comma."""
    doc, i = born.doc, born.i
    place = index.of(doc[i - 1]) if i > 0 else -1
    if place < 0 or index.spans[place][1] != i or not (index.mentions[place].kind == "demonym" or _placelike(index, place)):
        return
    start = index.spans[place][0]
    after = index.of(doc[i + 1]) if i + 1 < len(doc) else -1
    before = index.of(doc[start - 2]) if start >= 2 and doc[start - 1].text == "," else -1
    people = [p for p in (after, before) if p >= 0 and p != place and label_of(index, p) == "PERSON"]
    if after in people and index.spans[after][0] != i + 1:
        people.remove(after)  # only a name that starts right after "born"
    for person in people:
        yield Relation(person, place, "born in", KIND, sentences.of(i), rtype="born_in")


def _where_clause(index: TokenMentions, verb: Token, sentences: SentenceIndex) -> Iterator[Relation]:
    """"Ohio, where she was born and grew up": a clause on a place opened by "where", with a birth or living verb
    (the parse may hang "where" on the clause's second verb: "where she was born and grew up")."""
    place = index.of(verb.head)
    opened = any(c.lower_ == "where" and c.i < verb.i for each in conjuncts(verb) for c in each.children)
    if place < 0 or label_of(index, place) not in AREAS or not opened:
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


def _workplaces(index: TokenMentions, root: Token) -> Iterator[int]:
    """Places of the organisation a person is "of" ("X of the Red Cross in Khartoum") or that a noun for a job
    describing them names ("X, owner of the Smokehouse cafe in Fontana", "X, an official with China's consulate in
    San Francisco"). Other nouns say nothing of where the person is ("X, a critic of the bank in London" is)."""
    holders = [(n, _EMPLOYER_PREPS) for n in descriptions(root) if n.lower_ in AFFILIATION_NOUNS or n.lower_ in TITLES]
    for holder, preps in [(root, _NAME_PREPS), *holders]:
        for prep in (c for c in holder.children if c.dep_ == "prep" and c.lower_ in preps):
            for pobj in (c for p in prep.children if p.dep_ == "pobj" for c in conjuncts(p)):
                yield from _organisation_places(index, pobj)


def _employment_preps(verb: Token) -> tuple[str, ...] | None:
    """The prepositions that name the employer of a verb of working ("works at", "teaches at"), () for a verb whose
    object is the employer ("heads", "runs": relations.json's phrases of type works_for), None for other verbs."""
    lemma = lemma_of(verb).lower()
    preps = tuple(p for p, t in load_data("relations.json")["affiliation_verbs"].get(lemma, {}).items() if t == "works_for")
    if preps:
        return preps
    return () if load_data("relations.json")["phrases"].get(lemma) == "works_for" else None


def _working_verb(index: TokenMentions, verb: Token, sentences: SentenceIndex) -> Iterator[Relation]:
    """"X, who works at the American Embassy in Beirut", "X heads the Brera institute in Milan": the place of the
    employer after the verb; "in" may hang on the verb itself when its object is the employer ("X, who headed the
    Centers for Disease Control in Atlanta")."""
    preps = _employment_preps(verb)
    employers = [p for prep in verb.children if prep.dep_ == "prep" and prep.lower_ in (preps or ())
                 for p in prep.children if p.dep_ == "pobj"] if preps else \
        [c for c in verb.children if c.dep_ == "dobj"]
    places = [a for e in employers for c in conjuncts(e) for a in _organisation_places(index, c)]
    if not preps and employers and any(_employer(index, e) for e in employers):
        places += [a for prep in verb.children if prep.dep_ == "prep" and prep.lower_ in _WORKPLACE_PREPS
                   for p in prep.children if p.dep_ == "pobj" for a in [area_named_in(index, p)] if a >= 0]
    if not places:
        return
    named = who_named(verb, index)
    people = [named] if named >= 0 else people_of(grammatical_subjects(verb)[0], index)
    for person in people:
        for place in dict.fromkeys(places):
            if place != person:
                yield Relation(person, place, "works in", KIND, sentences.of(verb.i), negated=is_negated(verb),
                               rtype="works_in")


def _employer(index: TokenMentions, noun: Token) -> bool:
    """An organisation or a facility by its label ("the American Embassy"), a noun for one ("the company", "the
    plant"), or a noun an organisation's name modifies ("the Smokehouse cafe")."""
    mi = index.of(noun)
    if mi >= 0:
        return label_of(index, mi) in ("ORG", "FAC")
    return noun.pos_ == "NOUN" and (noun.lower_ in ORG_NOUNS or noun.lower_ in SITE_NOUNS or any(
        c.dep_ == "compound" and index.of(c) >= 0 and label_of(index, index.of(c)) == "ORG" for c in noun.lefts))


def _organisation_places(index: TokenMentions, noun: Token) -> Iterator[int]:
    """The places written on an employer's phrase: after "in"/"at" on its head noun or, where the parse hangs it there,
    on the last word of its name ("the International Committee of the Red Cross in Khartoum"), or in the noun
    describing it ("the Chinese Times, a daily newspaper in San Francisco"); else a place owning it ("New York's
    Mount Sinai School of Medicine"; not "China's consulate in San Francisco", whose place is written)."""
    if not _employer(index, noun):
        return
    mi = index.of(noun)
    start, end = index.spans[mi] if mi >= 0 else (noun.i, noun.i + 1)
    words = index.doc[start:end]
    holders = [*words, *(c for w in words for c in w.children if c.dep_ == "appos" and c.i >= end and _employer(index, c))]
    found = [area for word in holders
             for prep in word.children if prep.dep_ == "prep" and prep.lower_ in _WORKPLACE_PREPS and prep.i >= end
             for pobj in prep.children if pobj.dep_ == "pobj" for area in [area_named_in(index, pobj)] if area >= 0]
    head = index.doc[index.roots[mi]] if mi >= 0 else noun
    found = found or [index.of(c) for c in head.children if c.dep_ == "poss" and index.of(c) >= 0
                      and label_of(index, index.of(c)) in AREAS and index.mentions[index.of(c)].kind == "name"]
    yield from (area for area in dict.fromkeys(found) if area != mi)
