"""Organisation names: the legal form left off, acronyms and short forms.

- "Microsoft Corp" and "Microsoft" share a key: a legal form (kg/data/organisations.json) says
  nothing about which company it is.
- An acronym joins its long form when an article defines it in brackets ("International Monetary
  Fund (IMF)"), when an article names both and the long form is the only one there that it
  abbreviates, or when the long form is the only name of the corpus whose word initials spell it
  ("AP" / "Associated Press").
- A short form joins the one longer organisation name of its article that begins with it
  ("Morningside" / "Morningside Recovery Center", "Deutsche" / "Deutsche Boerse", "Yugansk" /
  "Yuganskneftegaz") or, for a team or body named by its last word, ends with it ("Colts" /
  "Indianapolis Colts"), or ends with it after a place or a person's given names ("Home Office" /
  "United Kingdom Home Office", "Udvar-Hazy Center" / "Steven F. Udvar-Hazy Center"). Places, regions
  and people are never short forms ("Europe" is not "Lycos Europe").
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import Generic, TypeVar

from kg import gazetteer
from kg.extract.acronyms import defined_by
from kg.extract.names import is_given_name
from kg.gazetteer import fold
from kg.vocab import CORPORATE_SUFFIXES, FUNCTION_WORDS, US_STATES, WORD_VARIANTS

_INITIAL = re.compile(r"^[A-Z]\.$")
MIN_WORD_PREFIX = 5  # "Yugansk" for "Yuganskneftegaz"; shorter prefixes are other words

T = TypeVar("T")


@lru_cache(maxsize=1 << 16)
def org_fold(name: str) -> str:
    """Key of an organisation name: case-folded, a trailing legal form dropped ("Microsoft Corp." -> "microsoft"),
    word variants folded ("Mt Cook" -> "mount cook", "Centre" -> "center")."""
    words = [WORD_VARIANTS.get(w.rstrip("."), w) for w in fold(name).replace(",", " ").split()]
    while len(words) > 1 and words[-1].rstrip(".") in CORPORATE_SUFFIXES:
        words.pop()
    return " ".join(words)


def initials(name: str) -> str:
    """Initials of the capitalised content words: "Associated Press" -> "AP", "Bank of England" -> "BE"."""
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper() and w.lower() not in FUNCTION_WORDS).upper()


def all_initials(name: str) -> str:
    """Initials of every capitalised word, "The" included: "The Hollywood Reporter" -> "THR"."""
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper()).upper()


def is_acronym(name: str) -> bool:
    return 2 <= len(name) <= 8 and name.isalpha() and name.isupper()


def spells(acronym: str, long_form: str) -> bool:
    """The acronym is the long form's word initials (with or without a leading "The")."""
    return len(long_form.split()) >= 2 and acronym in (initials(long_form), all_initials(long_form))


def defines(acronym: str, long_form: str) -> bool:
    """A bracketed definition holds: Schwartz-Hearst letters, after a place that opens the long form
    (kg.extract.acronyms.defined_by)."""
    return defined_by(acronym, long_form)


def short_form_of(short: str, long: str) -> bool:
    """``short`` is the beginning or the last word of the longer organisation name ``long``."""
    s, l_ = short.split(), long.split()
    if len(s) >= len(l_) or not s:
        return False
    if l_[: len(s)] == s:
        return True
    return len(s) == 1 and l_[-1] == s[0] and s[0][:1].isupper() and s[0].lower() not in FUNCTION_WORDS


def tail_form_of(short: str, long: str) -> bool:
    """``short`` (two words or more) is the longer organisation name ``long`` without its leading place or person:
    "Home Office" of "United Kingdom Home Office", "Udvar-Hazy Center" of "Steven F. Udvar-Hazy Center"."""
    s, l_ = short.split(), long.split()
    return 2 <= len(s) < len(l_) and l_[-len(s):] == s and _drops_a_modifier(" ".join(l_[: len(l_) - len(s)]))


@lru_cache(maxsize=1 << 16)
def _drops_a_modifier(text: str) -> bool:
    """The words are a country, a US state or a big city, or a person's given name and initials ("Steven F.",
    never a given name alone: "Ford Motor Company" is no "Motor Company"): words that only say where or whose the
    organisation is. Asked of every leading part of every organisation name of every article: remembered."""
    words = text.split()
    if gazetteer.is_place(text) or text in US_STATES:
        return True
    return len(words) >= 2 and is_given_name(words[0]) and bool(_INITIAL.match(words[-1])) \
        and all(_INITIAL.match(w) or is_given_name(w) for w in words[1:-1])


def word_prefix_of(short: str, long: str) -> bool:
    """"Yugansk" begins the one-word name "Yuganskneftegaz"."""
    return " " not in short and " " not in long and len(short) >= MIN_WORD_PREFIX and len(long) > len(short) \
        and long.lower().startswith(short.lower())


class LongerForms(Generic[T]):
    """The names a short form can stand for (``short_form_of``, ``tail_form_of`` or ``word_prefix_of`` holds), found
    by lookup.

    Comparing every short form with every longer name of an article is quadratic: a 2 MB article has
    thousands of names and spent a minute there. Each name is indexed under its leading words, its last
    word and (one word) its lowercase spelling, so a lookup costs what it finds.
    """

    def __init__(self, names: Iterable[tuple[str, T]]) -> None:
        self._by_leading: dict[tuple[str, ...], list[tuple[str, T]]] = defaultdict(list)
        self._by_last: dict[str, list[tuple[str, T]]] = defaultdict(list)
        self._by_tail: dict[tuple[str, ...], list[tuple[str, T]]] = defaultdict(list)
        one_word: list[tuple[str, str, T]] = []
        for name, value in names:
            words = name.split()
            for n in range(1, len(words)):  # leading words, never all of them: the short form is shorter
                self._by_leading[tuple(words[:n])].append((name, value))
            if len(words) >= 2:
                self._by_last[words[-1]].append((name, value))
            for n in range(1, len(words) - 1):  # trailing words, two or more, after a place or a person
                if tail_form_of(" ".join(words[n:]), name):
                    self._by_tail[tuple(words[n:])].append((name, value))
            if " " not in name:
                one_word.append((name.lower(), name, value))
        one_word.sort(key=lambda entry: entry[0])
        self._one_word = one_word
        self._lowered = [entry[0] for entry in one_word]

    def of(self, short: str) -> list[tuple[str, T]]:
        """(name, value) for every name of which ``short`` is a short, tail or word-prefix form."""
        words = short.split()
        found = list(self._by_leading.get(tuple(words), ())) if words else []
        if len(words) == 1 and words[0][:1].isupper() and words[0].lower() not in FUNCTION_WORDS:
            found += self._by_last.get(words[0], ())
        return found + self.tails(short) + self.word_prefixed(short)

    def tails(self, short: str) -> list[tuple[str, T]]:
        """(name, value) for every name with ``tail_form_of(short, name)``."""
        return list(self._by_tail.get(tuple(short.split()), ()))

    def word_prefixed(self, short: str) -> list[tuple[str, T]]:
        """(name, value) for every name with ``word_prefix_of(short, name)``: a range of the sorted spellings."""
        if " " in short or len(short) < MIN_WORD_PREFIX:
            return []
        low = short.lower()
        found = []
        for at in range(bisect_left(self._lowered, low), len(self._lowered)):
            lowered, name, value = self._one_word[at]
            if not lowered.startswith(low):
                break
            if len(name) > len(short):
                found.append((name, value))
        return found
