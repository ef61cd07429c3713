"""Typed node keys: what a mention is taken to name before merge rules join keys into entities.

Each mention gets one key (kg.resolve.engine), merge rules join keys (a union-find over keys,
kg.resolve.merge), and each group of joined keys is one entity. Keys order totally (class rank,
then fields), so the group's representative, and hence the result, does not depend on input order.
"""
from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Key:
    """Base of all keys; compare by kind first, then fields."""

    def sort_key(self) -> tuple[int, tuple[str, ...]]:
        # Keys are compared hundreds of thousands of times in a build (dataclasses.astuple here was a fifth
        # of a cached rebuild): made once per key, kept outside the fields (not in eq, hash or repr).
        known = self.__dict__.get("_sort_key")
        if known is not None:
            return known
        names = _FIELDS.get(type(self))
        if names is None:
            names = _FIELDS[type(self)] = tuple(f.name for f in fields(self))
        made = self.__dict__["_sort_key"] = (_RANK[type(self)], tuple([getattr(self, n) for n in names]))
        return made

    def __lt__(self, other: Key) -> bool:
        return self.sort_key() < other.sort_key()


@dataclass(frozen=True)
class Forced(Key):
    """A canonical name of the user's aliases file (case-folded)."""

    fold: str


@dataclass(frozen=True)
class Country(Key):
    name: str  # canonical country name, "United Kingdom"


@dataclass(frozen=True)
class City(Key):
    name: str  # geonames' name, "Kyiv"
    country: str


@dataclass(frozen=True)
class Person(Key):
    """A person's full name: spelling skeletons of first name and surname."""

    first: str
    last: str
    apart: str = ""  # the folded name, when the user's aliases file keeps names of one key apart


@dataclass(frozen=True)
class Lone(Key):
    """A single name of a person that no full name explains ("Johnson" among several Johnsons)."""

    fold: str
    gender: str = ""  # "male"/"female" when said with a gendered honorific ("Mrs Howard")


@dataclass(frozen=True)
class Name(Key):
    """Any other name (organisations, regions, products, events), case-folded, legal form dropped."""

    fold: str


_RANK: dict[type, int] = {Forced: 0, Country: 1, City: 2, Person: 3, Lone: 4, Name: 5}
PERSON_KEYS = (Person, Lone)
_FIELDS: dict[type, tuple[str, ...]] = {}  # field names per key class, filled on first use
