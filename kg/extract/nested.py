"""Places named inside an organisation's or a building's name: "the University of Sheffield", "the Toronto Star",
"the Volgograd Arena", and inside a place's own name: "Kowloon West", "Mexico City". The model tags the whole name
only, yet the place is a fact of the article (the paper is based in Toronto, the arena lies in Volgograd), and a
reader looking for Sheffield should find its university.

A place counts when the gazetteer knows it as a country, a nation ("England"), a US state or a city of at least
half a million people (a smaller town's name is too often a word or a surname: "Santa Fe Pacific Gold" is a
company, not a Santa Fe one), and the name goes on past it. The host is a building or an institution, a paper
or a firm by one of its words (kg/data/organisations.json; not by its label, as the model calls teams
buildings), never a team ("Indianapolis Colts"). The place opens the name ("Toronto Star") or closes it after
"of" ("Bank of England", "University of Southern Indiana", a compass word making it a region). A place's name
holds another where a compass word follows it ("Kowloon West") or where the gazetteer's city of that name lies in
the country its first words name ("Mexico City"). Where the article names that place on its own, that mention is
the place (and in its sentence it carries the relation, kg/extract/places.py): nothing is added. The place's
mention carries a GPE cue: the longer name it begins is no evidence that it is an organisation's short form
(kg/resolve/evidence.py).
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from kg import gazetteer
from kg.extract.places import BASED_BY_NAME, KIND, LOCATED_BY_NAME
from kg.model import Mention, Relation
from kg.vocab import COMPASS_WORDS, FACILITY_HEADS, ORG_HEADS, SITE_NOUNS, US_STATES

_HOSTS = {"ORG": (BASED_BY_NAME, "based_in"), "FAC": (LOCATED_BY_NAME, "located_in"),
          "GPE": (LOCATED_BY_NAME, "located_in"), "LOC": (LOCATED_BY_NAME, "located_in")}
_PLACE_HOSTS = frozenset({"GPE", "LOC"})
_MAX_PLACE_WORDS = 3
_MIN_CITY_POPULATION = 500_000


def extract_nested_places(mentions: Sequence[Mention], text: str) -> Iterator[tuple[Mention, Relation]]:
    """(place mention, relation from its host) for every place named inside another name; ``text`` is the Doc's
    text and the relation's object is the index the place mention gets when appended to ``mentions``."""
    named = {m.name for m in mentions if m.kind == "name"}
    # "Indianapolis beat Jacksonville": where the article uses the name for a team or firm, the longer name
    # ("Indianapolis Colts") is that organisation's full name, not a place's organisation.
    organisations = {m.name for m in mentions if m.kind == "name" and (m.cue == "ORG" or m.label == "ORG")}
    spans = [(m.start, m.end) for m in mentions if m.kind == "name"]
    alone: dict[str, bool] = {}  # by place: several hosts may open with one place
    added = 0
    for hi, host in enumerate(mentions):
        if host.kind != "name" or host.label not in _HOSTS:
            continue
        if host.label in _PLACE_HOSTS:
            found = _place_in_place(host.name)
        else:
            found = _place_in(host.name) if _institution(host) else None
        if found is None or found[0] in named or found[0] in organisations:
            continue
        if found[0] not in alone:
            alone[found[0]] = _written_alone(found[0], text, spans)
        if alone[found[0]]:
            continue
        place, opens = found
        surface = text[host.start:host.end]
        at = surface.find(place) if opens else surface.rfind(place)
        if at < 0:
            continue
        start = host.start + at
        mention = Mention(text=place, name=place, label="GPE", start=start, end=start + len(place), sent=host.sent,
                          cue="GPE")
        phrase, rtype = _HOSTS[host.label]
        yield mention, Relation(hi, len(mentions) + added, phrase, KIND, host.sent, rtype=rtype)
        added += 1


def _written_alone(place: str, text: str, spans: Sequence[tuple[int, int]]) -> bool:
    """The Doc writes the place outside every longer name (``spans``: the names' offsets), tagged or not
    ("Jacksonville beat Houston" beside "the Jacksonville Stadium"): that use says what the name stands for in the
    article, perhaps a team."""
    longer = [(s, e) for s, e in spans if e - s > len(place)]
    for hit in re.finditer(rf"(?<!\w){re.escape(place)}(?!\w)", text):
        if not any(s <= hit.start() and hit.end() <= e for s, e in longer):
            return True
    return False


def _institution(host: Mention) -> bool:
    """A building, or an organisation named as an institution, a paper or a firm ("University", "Star", "Bank"):
    a team's name ("Indianapolis Colts") is the place's name for its team, not a fact about the place."""
    # by its words, not its label: the model calls teams buildings ("Denver Broncos" FAC)
    words = {w.lower() for w in host.name.split()}
    return bool(words & ORG_HEADS or words & SITE_NOUNS or words & FACILITY_HEADS)


def _place_in(name: str) -> tuple[str, bool] | None:
    """(the place a name opens with or ends "of", whether it opens the name), the longest first; None if none.
    A compass word before the closing place is the region's ("University of Southern Indiana")."""
    words = name.split()
    for n in range(min(_MAX_PLACE_WORDS, len(words) - 1), 0, -1):
        if _known(" ".join(words[:n])):
            return " ".join(words[:n]), True
        tail = words[-n:]
        if not _known(" ".join(tail)):
            continue
        if len(words) > n + 1 and words[-n - 1].lower() == "of":
            return " ".join(tail), False
        if len(words) > n + 2 and words[-n - 1].lower() in COMPASS_WORDS and words[-n - 2].lower() == "of":
            return " ".join(words[-n - 1:]), False
    return None


def _place_in_place(name: str) -> tuple[str, bool] | None:
    """The place a place's name opens with, where the name says it lies there: a part named by a compass word
    after it ("Kowloon West", a constituency of Kowloon), a city named after its country ("Mexico City"), as the
    gazetteer places that city. Not "New York" in "New York State", nor "Georgia" in "South Georgia"."""
    words = name.split()
    if len(words) < 2:
        return None
    if words[-1].lower() in COMPASS_WORDS and _known(" ".join(words[:-1])):
        return " ".join(words[:-1]), True
    city = gazetteer.city_of(name)
    for n in range(min(_MAX_PLACE_WORDS, len(words) - 1), 0, -1):
        country = gazetteer.country_of(" ".join(words[:n]), codes=False)
        if city is not None and country is not None and city.country == country:
            return " ".join(words[:n]), True
    return None


def _known(place: str) -> bool:
    return gazetteer.country_of(place, codes=False) is not None or gazetteer.is_nation(place) or place in US_STATES \
        or gazetteer.city_of(place, min_population=_MIN_CITY_POPULATION) is not None
