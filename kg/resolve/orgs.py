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
  "Indianapolis Colts"). Places, regions and people are never short forms ("Europe" is not
  "Lycos Europe").
"""
from __future__ import annotations

from functools import lru_cache

from kg.extract.acronyms import abbreviates
from kg.gazetteer import fold
from kg.vocab import CORPORATE_SUFFIXES, FUNCTION_WORDS, WORD_VARIANTS

MIN_WORD_PREFIX = 5  # "Yugansk" for "Yuganskneftegaz"; shorter prefixes are other words


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
    """A bracketed definition holds: Schwartz-Hearst letters (kg.extract.spans.abbreviates)."""
    return abbreviates(acronym, long_form)


def short_form_of(short: str, long: str) -> bool:
    """``short`` is the beginning or the last word of the longer organisation name ``long``."""
    s, l_ = short.split(), long.split()
    if len(s) >= len(l_) or not s:
        return False
    if l_[: len(s)] == s:
        return True
    return len(s) == 1 and l_[-1] == s[0] and s[0][:1].isupper() and s[0].lower() not in FUNCTION_WORDS


def word_prefix_of(short: str, long: str) -> bool:
    """"Yugansk" begins the one-word name "Yuganskneftegaz"."""
    return " " not in short and " " not in long and len(short) >= MIN_WORD_PREFIX and len(long) > len(short) \
        and long.lower().startswith(short.lower())
