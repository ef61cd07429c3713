"""Acronyms and the long forms they abbreviate: functions of strings (no spaCy), shared with resolution."""
from __future__ import annotations

import re

from kg.gazetteer import country_of_demonym, is_place
from kg.vocab import FUNCTION_WORDS

_MAX_PLACE_WORDS = 2
_MIN_TRANSLATED_LETTERS = 3


def defined_by(short: str, long: str) -> bool:
    """``short`` abbreviates ``long``, or ``long`` after a place that opens it: "US Equal Employment Opportunity
    Commission (EEOC)" (the place tells whose commission it is, and is not in its acronym), or ``long`` is its
    translation ("Union of Rationalist Atheists and Agnostics (UAAR)": the initials of the Italian name, in
    another order)."""
    if abbreviates(short, long) or _translated(short, long):
        return True
    words = long.split()
    for cut in range(1, min(len(words) - 1, _MAX_PLACE_WORDS + 1)):
        place = " ".join(words[:cut])
        if (is_place(place) or country_of_demonym(place)) and abbreviates(short, " ".join(words[cut:])):
            return True
    return False


def _translated(short: str, long: str) -> bool:
    """The capitalised words' initials are the acronym's letters in another order, each used once (three or more)."""
    letters = sorted(c.lower() for c in short if c.isalpha())
    if len(letters) < _MIN_TRANSLATED_LETTERS or not short.isupper():
        return False
    words = [w for w in re.split(r"[\s-]+", long) if w and w.lower() not in FUNCTION_WORDS and w != "&"]
    return all(w[0].isupper() for w in words) and sorted(w[0].lower() for w in words) == letters


def abbreviates(short: str, long: str) -> bool:
    """Schwartz-Hearst: the letters of ``short`` appear in order in ``long``, the first starting a word;
    and every content word of ``long`` gives at least one of them (so "IPCL" is "India Petrochemicals
    Limited", "AMPAS" the "Academy of Motion Picture Arts and Sciences", but "IMF" is not "Iran")."""
    letters = [c.lower() for c in short if c.isalnum()]
    words = [w for w in re.split(r"[\s-]+", long) if w]
    content = [w for w in words if w.lower() not in FUNCTION_WORDS and w.lower() != "&"]
    if not letters or len(letters) < 2 or not content or len(content) > len(letters):
        return False
    return _align(letters, [w.lower() for w in words], {w.lower() for w in content})


def _align(letters: list[str], words: list[str], content: set[str]) -> bool:
    """Match letters to words left to right: each content word starts with its first letter; a word may give more."""
    def go(li: int, wi: int) -> bool:
        if li == len(letters):
            return all(w not in content for w in words[wi:])
        if wi == len(words):
            return False
        word = words[wi]
        if word not in content and go(li, wi + 1):  # a function word may give nothing ("of", "and")
            return True
        if not word or word[0] != letters[li]:
            return False
        # This word gives letters[li] (its first) and possibly some following letters, in order inside it.
        pos, k = 1, li + 1
        if go(k, wi + 1):
            return True
        while k < len(letters):
            found = word.find(letters[k], pos)
            if found < 0:
                return False
            pos, k = found + 1, k + 1
            if go(k, wi + 1):
                return True
        return False

    return go(0, 0)
