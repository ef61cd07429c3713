"""What the corpus says a name is: the model's votes, the words around it, the gazetteer.

Decided per name over the whole corpus, never per mention, so one name gets one reading: "BT"
tagged ORG in most sentences and GPE in a few is one company, not Bhutan. The gazetteer settles a
real ambiguity (the model tags "Kyiv" PERSON) but yields to clear evidence that a name is an
organisation: the model's votes, organisation context ("Nokia shares", "BT's chief executive"),
or a longer organisation name of the same article that begins with it ("Newmont" beside "Newmont
Mining Corp", "Santa Fe" beside "Santa Fe Pacific Gold").
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import cache

from kg import gazetteer
from kg.extract.names import looks_like_person_name
from kg.model import Extraction, Mention
from kg.vocab import AREA_NOUNS, CORPORATE_SUFFIXES, EVENT_NAME_HEADS, FACILITY_HEADS, ORG_HEADS
from kg.resolve.keys import City, Country
from kg.extract.names import is_given_name

PLACE = ("GPE", "LOC", "FAC")
ORGLIKE = ("ORG", "PRODUCT", "FAC", "NORP")
# A context cue ("Nokia shares") weighs like this many of the model's votes.
CONTEXT_WEIGHT = 3
_MIN_SURNAME_VOTES = 3
# "Cheuk-ting", "Lung-bin", "Jae-in": a given name of two syllables, the second in lowercase after a hyphen
_SYLLABLE_GIVEN_NAME = re.compile(r"^[A-Z][a-z]+-[a-z]{2,}$")
_NO_VOTES: Counter[str] = Counter()  # a name nobody voted on (shared, never written)


def plural_sibling(fold: str) -> str:
    """"lib dem" <-> "lib dems": the singular or plural form of a multi-word name ("" for one word)."""
    if " " not in fold:
        return ""
    return fold[:-1] if fold.endswith("s") else fold + "s"


class Evidence:
    """Votes and context per folded name, and the decisions read from them."""

    def __init__(self, named: Sequence[tuple[Extraction, int, Mention]]) -> None:
        self.votes: dict[str, Counter[str]] = defaultdict(Counter)
        self.cues: dict[str, Counter[str]] = defaultdict(Counter)
        self.prefix_of_org: Counter[str] = Counter()
        self._org: dict[str, bool] = {}  # is_org by name (it reads only votes and cues)
        by_article: dict[str, set[str]] = defaultdict(set)
        for ex, _, m in named:
            if m.kind == "name":
                fold = gazetteer.fold(m.name)
                self.votes[fold][m.label] += 1
                if m.cue:
                    self.cues[fold][m.cue] += 1
                if m.cue != "GPE":  # a place named inside a longer name ("the Volgograd Arena") is no short form of it
                    by_article[ex.article].add(m.name)
        for names in by_article.values():
            self._count_prefixes(names)
        self.is_person_full = cache(self._is_person_full)
        self.place_of = cache(self._place_of)

    def _count_prefixes(self, names: set[str]) -> None:
        by_first: dict[str, list[str]] = defaultdict(list)
        for name in names:
            if len(name.split()) >= 2 and self.is_org(name):
                by_first[name.split()[0]].append(name)
        for name in names:
            words = name.split()
            if any(long.split()[: len(words)] == words and long != name for long in by_first.get(words[0], ())):
                self.prefix_of_org[gazetteer.fold(name)] += 1

    def _v(self, name: str) -> Counter[str]:
        return self.votes.get(gazetteer.fold(name), _NO_VOTES)

    def votes_of(self, name: str) -> Counter[str]:
        """The model's labels for a name across the corpus."""
        return self._v(name)

    def person_share(self, name: str) -> float:
        v = self._v(name)
        total = sum(v.values())
        return v["PERSON"] / total if total else 0.0

    def place_evidence(self, name: str) -> int:
        """Mentions whose context says place: a place named inside a longer name ("the Massachusetts Institute")."""
        return self.cues.get(gazetteer.fold(name), _NO_VOTES)["GPE"]

    def org_evidence(self, name: str) -> int:
        """Mentions whose context says organisation, and articles where a longer organisation name begins with it."""
        fold = gazetteer.fold(name)
        return self.cues.get(fold, _NO_VOTES)["ORG"] + self.prefix_of_org[fold]

    def is_org(self, name: str) -> bool:
        # Asked for every name of every article by several merge rules; the votes are fixed once counted.
        known = self._org.get(name)
        if known is None:
            v = self._v(name)
            known = self._org[name] = (sum(v[t] for t in ORGLIKE) + self.cues.get(gazetteer.fold(name), _NO_VOTES)["ORG"]
                                       > v["PERSON"] + v["GPE"] + v["LOC"])
        return known

    def group_voted(self, fold: str) -> bool:
        v = self.votes.get(fold, _NO_VOTES)
        return v["NORP"] + v["ORG"] > v["PERSON"]

    def _is_group(self, name: str) -> bool:
        """A group or organisation that starts a longer name ("Labour MPs", "Lib Dem Treasury")."""
        fold = gazetteer.fold(name)
        v = self.votes.get(fold, _NO_VOTES)
        if sum(v.values()) >= 2 and v["NORP"] + v["ORG"] > 2 * v["PERSON"]:
            return True
        sibling = self.votes.get(plural_sibling(fold), _NO_VOTES)
        return sum(sibling.values()) >= 2 and self.group_voted(plural_sibling(fold))

    def _is_person_full(self, name: str) -> bool:
        """A person's full name: two or more name words the model calls PERSON at least as often as anything else
        (half as often after a known given name), or that read as a person's name and the model rarely saw."""
        v = self._v(name)
        if not (len(name.split()) >= 2 and looks_like_person_name(name) and gazetteer.country_of(name) is None):
            return False
        given = _opens_with_given_name(name)
        if given and len(name.split()) == 2 and self._surname_of_someone(name.split()[1]) \
                and not _closes_other_name(name) and not self.org_evidence(name):
            return True  # "Ed Balls" (NORP) where the corpus calls "Mr Balls" a person; not "literary agency Curtis
            # Brown", whatever Gordon Brown makes of "Brown"
        agreed = is_given_name(name.split()[0]) and self._named_as_person(name)  # the words and the model agree
        if _closes_other_name(name) and not agreed:
            return False  # but "Thomas Haden Church", "Natalie Press": surnames spelt like an institution's word
        if v["PERSON"] == 0:
            if not self._reads_as_person(name):
                return False
        # The model's votes decide; a known given name first ("Madeline Kafoury") halves the margin it needs.
        elif v["PERSON"] < max(v.values()) / (2 if given else 1):
            return False
        if self.group_voted(plural_sibling(gazetteer.fold(name))):
            return False  # "Lib Dem" beside the party "Lib Dems"
        if agreed:
            return True  # "Christian Slater": a given name that is also a group's word ("Christians")
        words = name.split()
        return not any(self._is_group(" ".join(words[:k])) for k in range(1, len(words)))

    def _surname_of_someone(self, word: str) -> bool:
        """A word the model calls a person, alone, in at least ``_MIN_SURNAME_VOTES`` mentions and in four out of
        five: a surname, so a known given name before it makes a person's full name whatever the model said of it."""
        v = self._v(word)
        total = sum(v.values())
        return total >= _MIN_SURNAME_VOTES and v["PERSON"] >= 0.8 * total and not self.org_evidence(word)

    def _named_as_person(self, name: str) -> bool:
        """The model calls the full name a person in two or more mentions, and in more than two thirds of them."""
        v = self._v(name)
        return v["PERSON"] >= 2 and 3 * v["PERSON"] > 2 * sum(v.values())

    def _reads_as_person(self, name: str) -> bool:
        """A name the model rarely saw that reads as a person's: a known given name, then one or two name words
        that are no organisation's ("Annie Oakley" tagged ORG once; not "Morgan Stanley Bank", not "Virginia Tech
        shares"); or a surname before a given name of two syllables joined by a hyphen, as Chinese and Korean names
        are romanised ("Lam Cheuk-ting", "Hau Lung-bin", "Moon Jae-in")."""
        words = name.split()
        v = self._v(name)
        opens = _opens_with_given_name(name) or len(words) >= 2 and _SYLLABLE_GIVEN_NAME.match(words[-1]) is not None
        return len(words) <= 3 and opens and sum(v.values()) <= 2 and not v["NORP"] \
            and not self.org_evidence(name) \
            and not _closes_other_name(name) and words[-1].lower() not in CORPORATE_SUFFIXES \
            and all(w.replace("-", "").isalpha() and w[0].isupper() and not w.isupper() for w in words)

    def _place_of(self, name: str) -> Country | City | None:
        """The country or city a name stands for across the corpus, or None."""
        v = self._v(name)
        place = sum(v[t] for t in PLACE)
        # Context and a longer organisation name are clear evidence; each weighs like several of the model's votes.
        other = sum(v[t] for t in ("ORG", "PRODUCT", "NORP", "EVENT")) + CONTEXT_WEIGHT * self.org_evidence(name)
        person = v["PERSON"]
        country = gazetteer.country_of(name)
        stripped = name.replace(".", "")
        if country:
            if stripped.isupper() and len(stripped) == 2 and stripped not in gazetteer.PROSE_CODES:
                return None  # news writes countries out: "BT", "LG", "GE" are companies, not Bhutan, Georgia
            if stripped.isupper() and len(stripped) <= 4 and stripped not in gazetteer.PROSE_CODES:
                return Country(country) if place > other + person else None  # "GER 2 FRA 1": a results table
            return Country(country)
        if self.is_person_full(name):
            return None
        city = gazetteer.city_of(name, alternates=place > 0)
        if city is None or other > place or gazetteer.means_other_place(name, city):
            return None
        big = city.population >= gazetteer.MIN_OVERRIDE_POPULATION
        return City(city.name, city.country) if place and (place >= person or big) else None

    def big_city_of(self, name: str) -> City | None:
        """A big city for a name the model calls a person but that names nobody ("Kyiv" tagged PERSON)."""
        city = gazetteer.city_of(name, alternates=False, min_population=gazetteer.MIN_OVERRIDE_POPULATION)
        v = self._v(name)
        other = sum(v[t] for t in ("ORG", "PRODUCT", "NORP", "EVENT")) + self.org_evidence(name)
        return City(city.name, city.country) if city and other == 0 else None


_NOT_A_SURNAME = ORG_HEADS | EVENT_NAME_HEADS


def _closes_other_name(name: str) -> bool:
    """An institution's, an event's or a building's last word: "Sydney Morning Herald", "Jesse Owens Awards",
    "Ethel Barrymore Theatre", "Wembley Stadium"; but "Barbara Castle", "Stuart Hall" (a given name, then a
    surname spelt like a building) are people."""
    words = name.split()
    last = words[-1].lower()
    return last in _NOT_A_SURNAME or (last in FACILITY_HEADS and (len(words) > 2 or not is_given_name(words[0])))


def _opens_with_given_name(name: str) -> bool:
    """A known given name first, which is not a city's or a country's name, and no area's word last: "Dean Kamen",
    not "Geneva Motor Show" or "Tracey Island"."""
    words = name.split()
    return is_given_name(words[0]) and not gazetteer.is_place(words[0]) and words[-1].lower() not in AREA_NOUNS
