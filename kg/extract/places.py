"""Where a place, an organisation or a facility is, from the shape of the phrase that names it.

- "Fresno, Calif.", "Fort Hamilton, Brooklyn, N.Y." and "Liberec in Czechoslovakia" (`located in`, every
  step of the chain: Fort Hamilton lies in Brooklyn and in N.Y.);
- "the Hakawati Theatre in Jerusalem", "Becton Dickinson Co. of Franklin Lakes, N.J.", "Moscow's Bolshoi
  Ballet", "a London-based bank" (`based in` for organisations);
- datelines: "Moscow IZVESTIYA", "Prague CTK" (the paper or agency of that city, `based in`); an agency in
  brackets after the place ("AOSTA, Italy (AP)", "Hefei, February 11 (XINHUA)") says where it reported from
  (`reported from`), not where it is based.

``places_within`` is shared with the person relations: "Norman Vaughan of Trapper Creek, Alaska" lives
in both.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from kg import gazetteer
from kg.extract.phrases import TokenMentions, repeats_a_preposition
from kg.extract.sentences import SentenceIndex
from kg.extract.spans import after_document_number
from kg.model import PLACE_LABELS, Relation
from kg.vocab import (AFFILIATION_NOUNS, AREA_NOUNS, HEADQUARTERS_NOUNS, HEADQUARTERS_PARTICIPLES, ORG_NOUNS, SITE_NOUNS,
                      TITLES)

AREAS = frozenset({"GPE", "LOC"})
# A base or a site read from the organisation's or building's own name ("Bank of England", "the Toronto Star",
# "the Volgograd Arena"): the sentence names the place only inside the name, and the phrase says so.
BASED_BY_NAME = "based in (by its name)"
LOCATED_BY_NAME = "located in (by its name)"
# "a meeting of", "a dominance over", "a case against": a noun's complement, not a location of its own
_COMPLEMENT_PREPOSITIONS = frozenset({"of", "over", "against", "about", "between"})
_LOCATIVE = frozenset({"in", "at", "near", "outside"})
_PLACE_PREPS = frozenset({"in", "from"})  # where nothing but a place is likely to follow
_CHAIN_STEPS = 3  # "a street, in a town, in a county, in a state" is as deep as news goes
_LIST_CITY_POPULATION = 100_000  # two cities this big side by side are a list ("Paris, London"), not one in the other
_LABEL_TOKENS = 4  # "( Text )", "( Excerpts )": a bracketed label before a dateline
_DATELINE_DATE_TOKENS = 5  # "Sofia , February 15 ( BTA )": the date between the place and the agency
_DESCRIPTION_WORDS = 3  # "the UK mobile phone firm": how far before the noun its place may stand
_LIST_SCAN = 40  # items looked ahead for the "and" that ends a list
KIND = "role"  # places describe what something is, like titles


def label_of(index: TokenMentions, mi: int) -> str:
    m = index.mentions[mi]
    if m.kind == "demonym":
        return "GPE"
    if m.cue == "ORG" and m.label in PLACE_LABELS and gazetteer.country_of(m.name, codes=False) is None:
        return "ORG"  # "BT chief executive Ben Verwaayen": the context says company, not Bhutan (but "UK sales")
    if m.cue == "GPE" and m.label in ("ORG", "PERSON"):
        return "GPE"  # "a Fargo native": the context says place, whatever the model said
    return "PERSON" if index.is_person(mi) else m.label


def _names_a_site(noun: Token) -> bool:
    """"plant", "company", "headquarters": a noun for what an organisation is or runs, so its place is the
    organisation's (not "Brent crude in London", "a Microsoft spokesman in Washington")."""
    return noun.lower_ in SITE_NOUNS or noun.lower_ in ORG_NOUNS or noun.lower_ in HEADQUARTERS_NOUNS


def _names_people(noun: Token) -> bool:
    """"spokesman", "economist": a noun for people, whose "in Washington" says where they are, not the
    organisation."""
    return noun.lower_ in TITLES or noun.lower_ in AFFILIATION_NOUNS


def mention_tokens(index: TokenMentions) -> Iterator[tuple[int, Token]]:
    """(mention index, root token) of every name and nationality mention."""
    for mi, root in enumerate(index.roots):
        if root >= 0 and index.mentions[mi].kind in ("name", "demonym"):
            yield mi, index.doc[root]


def token_span(index: TokenMentions, mi: int) -> tuple[int, int]:
    return index.spans[mi]


def extract_places(doc: Doc, index: TokenMentions, sentences: SentenceIndex) -> Iterator[Relation]:
    """`located in` and `based in` relations of places, organisations and facilities."""
    for mi, root in mention_tokens(index):
        rel = _place_relation(index, mi)
        if rel is None:
            continue
        start, _ = token_span(index, mi)
        if start >= 2 and doc[start - 1].text == "(" and label_of(index, mi) == "ORG":  # "AOSTA , Italy ( AP )"
            for target in _dateline_places(doc, index, mi, start):
                yield Relation(mi, target, "reported from", KIND, sentences.of(root.i), rtype="reported_from")
        for target in _place_targets(doc, index, mi, root):
            yield Relation(mi, target, rel[0], KIND, sentences.of(root.i), rtype=rel[1])
            for above in places_within(index, target):
                if above != mi:
                    yield Relation(mi, above, rel[0], KIND, sentences.of(root.i), rtype=rel[1])


def extract_named_places(index: TokenMentions, sentences: SentenceIndex) -> Iterator[Relation]:
    """"the Texas Department of Agriculture ... Texas", "the National Space Development Agency of Japan",
    "the Russian Defence Ministry ... Russia": an organisation whose name starts with a place named in the
    same sentence (or its nationality), or ends with "of" that place, is based there."""
    areas: dict[int, list[int]] = {}
    for mi, _ in mention_tokens(index):
        if label_of(index, mi) in AREAS:
            areas.setdefault(index.mentions[mi].sent, []).append(mi)
    for mi, root in mention_tokens(index):
        m = index.mentions[mi]
        if m.kind != "name" or label_of(index, mi) != "ORG" or m.sent not in areas:
            continue
        words = m.name.split()
        for other in areas[m.sent]:
            if _name_places(words, index.mentions[other].name):
                yield Relation(mi, other, BASED_BY_NAME, KIND, sentences.of(root.i), rtype="based_in")


def _name_places(words: list[str], place: str) -> bool:
    """Whether an organisation's name (as words) starts with ``place`` or its nationality, or ends "of ``place``"."""
    pw = place.split()
    if len(words) <= len(pw):
        return False
    if words[:len(pw)] == pw or gazetteer.country_of_demonym(words[0]) == place:
        return True
    tail = words[-len(pw) - 1:]
    return tail[0].lower() == "of" and tail[1:] == pw


def places_within(index: TokenMentions, mi: int) -> Iterator[int]:
    """The places a place is said to lie in, in the same phrase, nearest first: "Trapper Creek, Alaska" ->
    Alaska; "Gosforth in northeast England" -> England; "Brooklyn, N.Y." -> N.Y."""
    seen = {mi}
    for _ in range(_CHAIN_STEPS):
        nxt = _next_place(index, mi)
        if nxt is None or nxt in seen:
            return
        yield nxt
        seen.add(nxt)
        mi = nxt


def _next_place(index: TokenMentions, mi: int) -> int | None:
    after = _place_after_comma(index.doc, index, mi)
    if after is not None:
        return after
    root = index.doc[index.roots[mi]]
    for c in root.children:
        if c.dep_ == "prep" and c.lower_ == "in":
            for p in c.children:
                if p.dep_ == "pobj" and index.of(p) >= 0 and label_of(index, index.of(p)) in AREAS:
                    return index.of(p)
    return None


def _place_after_comma(doc: Doc, index: TokenMentions, mi: int) -> int | None:
    """"Fresno, Calif.": a place right after a comma, not the next item of a list ("France, Germany and Italy")."""
    _, end = token_span(index, mi)
    if 0 <= end < len(doc) - 1 and doc[end].text == ",":
        other = index.of(doc[end + 1])
        if other >= 0 and other != mi and label_of(index, other) in AREAS and not _in_list(doc, index, mi, other):
            return other
    return None


def _place_relation(index: TokenMentions, mi: int) -> tuple[str, str] | None:
    label = label_of(index, mi)
    if label == "ORG":
        return "based in", "based_in"
    if label in PLACE_LABELS:
        return "located in", "located_in"
    return None


def _place_targets(doc: Doc, index: TokenMentions, mi: int, root: Token) -> Iterator[int]:
    after = _place_after_comma(doc, index, mi)
    if after is not None:
        yield after
    if label_of(index, mi) == "ORG":
        yield from _headquarters_places(index, mi, root)
        yield from _described_by_place(doc, index, mi)
    misattached = _object_of_another_noun(index, mi, root)
    if not misattached:
        yield from _place_written_after(doc, index, mi)
    start, _ = token_span(index, mi)
    if start >= 1 and label_of(index, mi) == "ORG" and doc[start - 1].text != "(":  # datelines: "Moscow IZVESTIYA"
        yield from _dateline_places(doc, index, mi, start)
    # "the Rocky Flats plant in Colorado", "Perugia in Umbria province": the noun a name modifies carries the place
    named_noun = root.head if root.dep_ == "compound" and root.head.pos_ == "NOUN" and root.head.i > root.i \
        and label_of(index, mi) in ("ORG", "FAC") and _names_a_site(root.head) else None
    # "the Institute of Zoology of Kunming": the parse hangs the place on the name's last word, not on its head
    _, end = token_span(index, mi)
    tail = doc[end - 1] if end - 1 > root.i and label_of(index, mi) in ("ORG", "FAC") else None
    for child in (*root.children, *(named_noun.children if named_noun is not None else ()),
                  *(c for c in (tail.rights if tail is not None else ()) if c.dep_ == "prep")):
        locative = child.lower_ in _LOCATIVE or (child.lower_ == "of" and label_of(index, mi) in ("ORG", "FAC"))
        if child.dep_ == "prep" and locative and not (misattached and child.head.i == root.i) \
                and not repeats_a_preposition(child, end):
            # "Liberec in Czechoslovakia", "the Institute of Zoology of Kunming"
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                other = area_named_in(index, pobj)
                if other >= 0 and other != mi:
                    yield other
        if child.dep_ == "poss":  # "Moscow's Bolshoi Ballet", "China's Anhui province"
            other = index.of(child)
            if other >= 0 and label_of(index, other) in AREAS:
                yield other
        if child.dep_ == "appos" and child.pos_ == "NOUN" and label_of(index, mi) == "ORG":
            yield from _modifying_areas(index, child)  # "Sun Hung Kai Properties, a Hong Kong construction firm"
        if child.dep_ == "appos" and child.pos_ == "NOUN" and not _names_people(child):
            yield from _described_in(index, child, mi)
        if child.lower_ in HEADQUARTERS_PARTICIPLES and child.dep_ in ("amod", "acl", "relcl"):  # "a London-based bank"
            for c in child.subtree:
                other = index.of(c)
                if other >= 0 and other != mi and label_of(index, other) in AREAS:
                    yield other
                    break
    if root.dep_ == "nsubjpass" and root.head.lower_ in HEADQUARTERS_PARTICIPLES and label_of(index, mi) == "ORG":
        for prep in (c for c in root.head.children if c.dep_ == "prep" and c.lower_ in ("in", "at")):
            yield from (o for p in prep.children if p.dep_ == "pobj" for o in [area_named_in(index, p)] if o >= 0)


def _object_of_another_noun(index: TokenMentions, mi: int, root: Token) -> bool:
    """"a meeting of the WSIS in Geneva", "a dominance over Airbus in Japan": an organisation after the preposition
    of a noun for no site or kind of organisation; the parse may hang the next "in" place on the organisation, but
    it is where the meeting was, not where the organisation is based ("a unit of Siemens in Munich" is)."""
    if label_of(index, mi) != "ORG" or root.dep_ != "pobj" or root.head.lower_ not in _COMPLEMENT_PREPOSITIONS:
        return False  # "a patient at Connecticut Valley Hospital in Middletown": a place's own "in"
    noun = root.head.head
    return noun.pos_ == "NOUN" and noun.i < root.i and not _names_a_site(noun) and noun.lower_ not in TITLES \
        and noun.lower_ not in AFFILIATION_NOUNS  # "a spokesman for the Red Cross in Geneva" works where it is


def area_named_in(index: TokenMentions, pobj: Token) -> int:
    """The place a prepositional object names: "Colorado", or "Umbria" in "Umbria province"; -1 if none."""
    if index.of(pobj) >= 0:
        mi = index.of(pobj)
        return mi if (label_of(index, mi) in AREAS and not _language(index, mi)) or _town_called_org(index, mi, pobj) \
            else -1
    if pobj.pos_ == "NOUN" and pobj.lower_ in AREA_NOUNS:  # not "landing at Frankfurt airport"
        for c in pobj.lefts:
            if c.dep_ == "compound" and c.i == pobj.i - 1 and index.of(c) >= 0 and label_of(index, index.of(c)) in AREAS:
                return index.of(c)
    return -1


def _town_called_org(index: TokenMentions, mi: int, pobj: Token) -> bool:
    """"Waste Disposal Co. of Randolph": a town the model took for an organisation, known to the gazetteer and with
    nothing in the words saying organisation. "a deputy from Sevastopol" (a nationality to the model), "a store in
    Niagara Falls" (a person): after "in" or "from", a name the model took for a person or a people is a place when
    it is a big city's own name and has no title (a small town's name is too often a surname; "an adviser to
    President Bush" is no Egyptian town's)."""
    m = index.mentions[mi]
    if m.kind != "name" or m.cue:
        return False
    if m.label in ("PERSON", "NORP"):
        return pobj.head.lower_ in _PLACE_PREPS and not m.titles and gazetteer.city_of(
            m.name, alternates=False, min_population=gazetteer.MIN_OVERRIDE_POPULATION) is not None
    return m.label == "ORG" and not index.is_person(mi) and gazetteer.city_of(m.name, alternates=False) is not None


def _described_in(index: TokenMentions, noun: Token, mi: int) -> Iterator[int]:
    """"Madagascar, an island nation in the Indian Ocean", "Acme, a small firm in Ohio": the place in the
    description; not a superlative's scope ("France, the largest economy in Europe" ranks, it does not locate)."""
    if any(c.tag_ in ("JJS", "RBS") or c.lower_ in ("only", "first", "last") for c in noun.subtree if c.i < noun.i):
        return
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "near", "outside"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                other = area_named_in(index, pobj)
                if other >= 0 and other != mi:
                    yield other


def _language(index: TokenMentions, mi: int) -> bool:
    """"in Ukrainian", "in English": a nationality word after "in" names a language, not a place."""
    return index.mentions[mi].kind == "demonym"


def _modifying_areas(index: TokenMentions, noun: Token) -> Iterator[int]:
    for c in noun.lefts:
        if c.dep_ in ("compound", "nmod", "amod") and index.of(c) >= 0 and label_of(index, index.of(c)) in AREAS:
            yield index.of(c)


def _place_written_after(doc: Doc, index: TokenMentions, mi: int) -> Iterator[int]:
    """"headed the Centers for Disease Control in Atlanta", "the Palace of Fine Arts, in San Francisco": an
    organisation or facility written right before "in" and a place, read from the words where the parse hangs "in"
    on the verb."""
    _, end = token_span(index, mi)
    if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "in":
        end += 1  # "the Palace of Fine Arts, in San Francisco,"
    elif end + 2 < len(doc) and doc[end].lower_ in HEADQUARTERS_PARTICIPLES and label_of(index, mi) == "ORG":
        end += 1  # "a spokeswoman for K mart based in Troy": the parse hangs "based" on the spokeswoman
    yield from _area_after(index, end, ("in",), mi)


def _area_after(index: TokenMentions, i: int, preps: tuple[str, ...], mi: int) -> Iterator[int]:
    """The place written right after the preposition at token ``i`` (one adjective may stand between: "in nearby
    Gainesville"), other than ``mi``."""
    doc = index.doc
    if 0 <= i < len(doc) - 1 and doc[i].lower_ in preps:
        place = doc[i + 1] if doc[i + 1].pos_ != "ADJ" or i + 2 >= len(doc) else doc[i + 2]
        other = index.of(place)
        if other >= 0 and other != mi and label_of(index, other) in AREAS and not _language(index, other):
            yield other


def _described_by_place(doc: Doc, index: TokenMentions, mi: int) -> Iterator[int]:
    """"UK firm Vodafone", "Italian carmaker Fiat", "US giant Seagram": a noun for a kind of organisation right
    before the name, itself modified by a place or a nationality."""
    start, end = token_span(index, mi)
    noun = doc[start - 1] if start > 0 else None
    if noun is None or noun.pos_ != "NOUN" or noun.lower_ not in ORG_NOUNS:
        return
    for c in doc[max(0, noun.i - _DESCRIPTION_WORDS) : noun.i]:
        other = index.of(c)
        if other >= 0 and other != mi and label_of(index, other) in AREAS and (c.head.i == noun.i or start <= c.head.i < end):
            yield other
            return


def _headquarters_places(index: TokenMentions, mi: int, root: Token) -> Iterator[int]:
    """"NRC headquarters in nearby Rockville", "the AP's bureau in Beirut"."""
    head = root.head
    if root.dep_ not in ("compound", "poss") or head.i <= root.i or head.lower_ not in HEADQUARTERS_NOUNS:
        return
    # the words, not the parse: "at a briefing at NRC headquarters in Rockville" hangs "in" on the briefing
    yield from _area_after(index, head.i + 1, ("in", "at"), mi)


def _dateline_places(doc: Doc, index: TokenMentions, mi: int, start: int) -> Iterator[int]:
    """The places of a dateline before a paper or an agency: "Prague CTK", "Moscow IZVESTIYA", "AOSTA , Italy ( AP )",
    "Hefei , February 11 ( XINHUA )"."""
    bracketed = doc[start - 1].text == "(" and start >= 2
    before = start - 2 if bracketed else start - 1
    skipped, dated = 0, False
    while before >= 0 and skipped < _DATELINE_DATE_TOKENS and (doc[before].ent_type_ == "DATE" or doc[before].text == ","):
        dated = dated or doc[before].ent_type_ == "DATE"
        before, skipped = before - 1, skipped + 1
    if skipped and not (dated or bracketed or before >= 0 and doc[before].text.isupper()):
        return  # "Ubisoft, Microsoft, and PlayStation VR had stands": a list, not "Hefei, Feb 11 (XINHUA)", "ROCK HILL, S.C."
    found: list[int] = []
    while before >= 0:
        other = index.of(doc[before])
        if other < 0 or other == mi or label_of(index, other) not in AREAS:
            if found and other != mi and _capitals_from_line_start(doc, before):  # "HIGH ISLAND, Texas (AP)"
                yield from found + ([other] if other >= 0 else [])
            return
        found.append(other)
        first, _ = token_span(index, other)
        if _is_dateline(doc, doc[first]):
            yield from found
            return
        if first < 2 or doc[first - 1].text != ",":
            return
        before = first - 2


def _is_dateline(doc: Doc, token: Token) -> bool:
    """A place at the start of a line or sentence, after a bracketed label that starts it ("(Text) Hefei, ...") or
    after the document number a monitoring service's source line opens with ("LD2804174994 Moscow INTERFAX in
    English"): where a dateline names the city before the agency."""
    if token.i > 0 and doc[token.i - 1].text == ")":
        opening = next((t for t in reversed(doc[max(0, token.i - _LABEL_TOKENS) : token.i - 1]) if t.text == "("), None)
        return opening is not None and _starts_line(doc, opening)
    if after_document_number(token):  # a headline may run into it on the same line
        return True
    return _starts_line(doc, token)


def _starts_line(doc: Doc, token: Token) -> bool:
    return token.is_sent_start or token.i == 0 or "\n" in doc[token.i - 1].whitespace_ or doc[token.i - 1].text == "\n"


def _capitals_from_line_start(doc: Doc, i: int) -> bool:
    """Whether the words up to token ``i`` are a capitalised dateline city opening the line ("STOCKTON-ON-TEES",
    "HIGH ISLAND"), which the model often takes for an organisation or nothing."""
    j = i
    while j >= 0 and (doc[j].text.isupper() or doc[j].text == "-"):
        if _starts_line(doc, doc[j]):
            return j < i or doc[i].text.isupper()
        j -= 1
    return False


def _in_list(doc: Doc, index: TokenMentions, a: int, b: int) -> bool:
    """Whether "A, B" are two items of a list ("France, Germany and Italy", "Paris, London") rather than a
    place in a place ("Fort Hamilton, Brooklyn, N.Y.", "Davenport, Iowa")."""
    name_a, name_b = index.mentions[a].name, index.mentions[b].name
    country_a, country_b = gazetteer.country_of(name_a), gazetteer.country_of(name_b)
    if (country_a and country_b) or gazetteer.is_region(name_a):
        return True  # "Italy, Spain"; "South America, Italy": a continent lies in no country
    _, b_end = token_span(index, b)
    if doc[b_end - 1].text.endswith(".") or (country_b and not country_a):
        return False  # "Fla.", "N.Y.": the AP's abbreviations of states; "Paris, France"
    if _conjoined_run(doc, index, a):
        return True  # "Brazoria, Fort Bend, Galveston and Harris": a list ends with "and" or "or"
    big = {"min_population": _LIST_CITY_POPULATION, "alternates": False}
    return bool(gazetteer.city_of(name_a, **big) and gazetteer.city_of(name_b, **big))


def _conjoined_run(doc: Doc, index: TokenMentions, mi: int) -> bool:
    """Whether the run of comma-separated names around ``mi`` goes on into "and"/"or" and another name."""
    end = token_span(index, mi)[1]
    for _ in range(_LIST_SCAN):
        if end + 1 >= len(doc):
            return False
        sep, nxt = doc[end], doc[end + 1]
        if sep.lower_ in ("and", "or") or (sep.text == "," and nxt.lower_ in ("and", "or")):
            return True
        if sep.text != "," or index.of(nxt) < 0:
            return False
        end = token_span(index, index.of(nxt))[1]
    return False
