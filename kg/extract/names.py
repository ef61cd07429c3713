"""Canonical forms of names: titles and honorifics, possessives, punctuation, noise.

Pure string functions, shared by mention extraction and resolution (and reusable by
the relation extractors: :func:`split_title` and the title vocabulary are data here).

- Honorifics (Mr, Mrs, Ms, Sir, Lord, Dame, Dr, ...) are dropped from the name: they say nothing
  about a role; the surface form keeps them, and :func:`honorific_gender` reads the gender they mark.
- Titles (president, prime minister, secretary of state, foreign minister, ...) are removed
  from the name and kept, lowercase, as information about the person.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache

import names as census_names
from nicknames import NickNamer

from kg.vocab import (  # noqa: E402  (the one vocabulary, re-exported for the extractors)
    DATE_WORDS,
    FEMALE_HONORIFICS,
    FUNCTION_WORDS,
    HONORIFICS,
    MALE_HONORIFICS,
    NAME_SUFFIXES,
    PORTFOLIO_HEADS,
    PORTFOLIOS,
    POST_NOMINALS,
    SENIOR_SUFFIXES,
    STANCE_PREFIXES,
    SURNAME_LIKE_TITLES,
    SURNAME_PARTICLES,
    TITLE_MODIFIERS,
    TITLES,
)

def _key(token: str) -> str:
    return token.lower().rstrip(".")


@cache
def _title_phrases() -> frozenset[tuple[str, ...]]:
    phrases = set(TITLES)
    for head in PORTFOLIO_HEADS:
        for portfolio in PORTFOLIOS:
            phrases.add(f"{portfolio} {head}")
    for head in ("secretary", "minister", "secretary of state", "minister of state", "commissioner", "spokesman"):
        for link in ("of", "for", "of the"):
            for portfolio in PORTFOLIOS:
                phrases.add(f"{head} {link} {portfolio}")
    # spaCy splits "Secretary-General" into three tokens; str.split keeps one.
    return frozenset(tuple(p.split()) for p in phrases) | frozenset(tuple(p.replace("-", " - ").split()) for p in phrases)


@cache
def _title_openings() -> frozenset[tuple[str, ...]]:
    """Every proper prefix of a title phrase: past one that is none, no longer phrase can match."""
    return frozenset(phrase[:n] for phrase in _title_phrases() for n in range(1, len(phrase)))


def title_at(tokens: Sequence[str], start: int = 0) -> int:
    """Length of the longest title phrase (with its modifiers) starting at ``tokens[start]``; 0 if none."""
    phrases, openings = _title_phrases(), _title_openings()
    best = i = start
    # A modifier may open a title itself ("chief" of "chief executive", "vice" of "vice president"): the phrase is
    # tried after each modifier, not only after the last.
    while i < len(tokens):
        words: tuple[str, ...] = ()
        for end in range(i + 1, min(len(tokens), i + 7) + 1):
            words += (_key(tokens[end - 1]),)
            if words in phrases:
                best = max(best, end)
            if words not in openings:
                break
        if _key(tokens[i]) not in TITLE_MODIFIERS:
            break
        i += 1
    return best - start


def title_ending_at(tokens: Sequence[str], end: int) -> int:
    """Length of the longest title phrase (with modifiers) ending right before ``tokens[end]``; 0 if none."""
    best = 0
    for start in range(max(0, end - 8), end):
        n = title_at(tokens, start)
        if n == end - start:
            best = max(best, n)
    return best


def split_title(tokens_or_text: str | Sequence[str]) -> tuple[str, str]:
    """Split leading titles and honorifics from a name.

    >>> split_title("Prime Minister Keir Starmer")
    ('prime minister', 'Keir Starmer')
    >>> split_title("Sir Keir")
    ('', 'Keir')
    >>> split_title(["former", "President", "Donald", "Trump"])
    ('former president', 'Donald Trump')

    Honorifics are dropped. Several titles are joined with ", ". A text that is only a title gives
    ``(title, "")``, except a single surname-like word ("Major") which stays a name.
    """
    tokens = tokens_or_text.split() if isinstance(tokens_or_text, str) else list(tokens_or_text)
    titles: list[str] = []
    i = 0
    while i < len(tokens):
        key = _key(tokens[i])
        n = title_at(tokens, i)  # before honorifics: "Lord Chancellor" is a title, "Lord Falconer" a name
        if n and (i + n < len(tokens) or not (len(tokens) == 1 and key in SURNAME_LIKE_TITLES)):
            titles.append(" ".join(_key(t) for t in tokens[i : i + n]))
            i += n
            continue
        if key in HONORIFICS and i + 1 < len(tokens):
            i += 1
            continue
        break
    return ", ".join(titles), " ".join(tokens[i:])


_POSSESSIVE = re.compile(r"(?<=[\w.])\s*['\u2019](?:s|S)?$")
_DOTTED = re.compile(r"\b((?:[A-Za-z]\.){2,})")
_SPACES = re.compile(r"\s+")
_DOTTED_TAIL = re.compile(r"(?:^|\b)(?:[A-Za-z]\.)+[A-Za-z]$")
_EDGE_PUNCT = " \t.,;:!?\"'\u2018\u2019\u201c\u201d()[]{}<>*_|-\u2013\u2014/\\#"
_CREDIT = re.compile(r"\w/\w")
_HAS_UPPER_OR_DIGIT = re.compile(r"[A-Z0-9\u00c0-\u00de]")
_NUMERIC = re.compile(r"^[\d\s.,:/%$£€-]+$")


def strip_possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text)


@lru_cache(maxsize=1 << 16)
def clean_surface(text: str) -> str:
    """A surface form as shown in aliases: one line, no possessive, no leading "the", no stray punctuation."""
    text = _SPACES.sub(" ", text).strip(_EDGE_PUNCT)
    text = strip_possessive(text).strip(_EDGE_PUNCT)
    if text[:4].lower() == "the ":
        text = text[4:]
    if _DOTTED_TAIL.search(text):  # keep the last dot of "U.S."
        text += "."
    return text


def canonical_form(text: str) -> str:
    """Canonical spelling of a name (titles not removed): "the U.K.'s" -> "UK", "Keir\\nStarmer" -> "Keir Starmer"."""
    text = _DOTTED.sub(lambda m: m.group(1).replace(".", ""), text)
    return clean_surface(text)


def is_credit(text: str) -> bool:
    """Photo credits and bylines: "Carl Court/Pool/Reuters", "Getty Images/AFP"."""
    return bool(_CREDIT.search(text)) and not all(len(p) <= 3 for p in re.split(r"[/\s]+", text) if p)


def is_noise_name(name: str) -> bool:
    """A canonical name that cannot be a node: empty, lowercase words, numbers or dates, credits, fragments."""
    if not name or len(name) > 80 or "\n" in name:
        return True
    words = name.split()
    if len(words) > 8 or not _HAS_UPPER_OR_DIGIT.search(name):
        return True
    if _NUMERIC.match(name) or all(w.lower().strip(".,") in DATE_WORDS or w.isdigit() for w in words):
        return True
    if is_credit(name) or "@" in name or "http" in name.lower() or "www." in name.lower():
        return True
    if words[0].lower() in FUNCTION_WORDS - {"a"} or words[-1].lower() in FUNCTION_WORDS \
            and not (len(words) > 1 and is_title_case_word(words[-1]) and is_given_name(words[0])):
        return True  # but "Wilson Or", "Kim An": a surname spelt like a function word
    if words[0].split("-", 1)[0].lower() in STANCE_PREFIXES and "-" in words[0] and len(words) == 1:
        return True  # "pro-Beijing", "anti-Bush": a stance, not a name
    # "Pan-democrat", "Anti-war": a capitalised prefix on a common word describes, a name's parts are all
    # capitalised ("Hewlett-Packard", "T-Mobile")
    tail = words[-1].rsplit("-", 1)
    return len(words) == 1 and len(tail) == 2 and tail[1].isalpha() and tail[1].islower() and len(tail[1]) > 2


def is_title_case_word(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


@lru_cache(maxsize=1 << 16)
def skeleton(name: str) -> str:
    """Spelling-insensitive key for transliterations: "Zelenskyy" and "Zelensky" -> "zelenski"."""
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    letters = re.sub(r"[^a-z ]", "", ascii_).replace("y", "i")
    letters = re.sub(r"ie\b", "i", letters)  # "Bettie"/"Betty", "Katie"/"Katy"
    return re.sub(r"(.)\1+", r"\1", letters).strip()


# 'Vincent "the Chin" Gigante', 'Luis Gerardo "Jerry" Ortiz': a quoted nickname between given names and surname
_QUOTED_NICKNAME = re.compile(r"(?<=\w) [\"\u201c\u2018]([^\"\u201d\u2019]{1,30})[\"\u201d\u2019] (?=\w)")


def without_nickname(name: str) -> str:
    """The name without its quoted nickname: 'Vincent "the Chin" Gigante' -> 'Vincent Gigante'."""
    return _QUOTED_NICKNAME.sub(" ", name)


def quoted_nickname(name: str) -> str:
    """The quoted nickname inside a name ('Jerry' of 'Luis Gerardo "Jerry" Ortiz'), or ""."""
    found = _QUOTED_NICKNAME.search(name)
    return found.group(1).strip() if found else ""


def person_parts(name: str) -> tuple[str, str, str]:
    """(first, middle, surname) of a full name; the surname keeps its particles and suffix ("Le Pen", "Trump Jr")."""
    words = name.split()
    if len(words) < 2:
        return "", "", name
    end = len(words)
    if _key(words[-1]) in NAME_SUFFIXES and end > 2:
        end -= 1
    start = end - 1
    while start > 1 and _key(words[start - 1]) in SURNAME_PARTICLES:
        start -= 1
    last = end if _key(words[-1]) in SENIOR_SUFFIXES else len(words)
    return words[0], " ".join(words[1:start]), " ".join(words[start:last])


def honorific_gender(text: str) -> str:
    """"male" or "female" when a surface form starts with a gendered honorific ("Mrs Howard"), else ""."""
    for word in text.split()[:3]:
        key = _key(word)
        if key in MALE_HONORIFICS:
            return "male"
        if key in FEMALE_HONORIFICS:
            return "female"
        if key not in HONORIFICS:
            return ""
    return ""


_ARTICLE_PREFIX = re.compile(r"^[a-z]{1,3}-[A-Z]")  # "al-Amr", "el-Sisi", "ad-Din"


@lru_cache(maxsize=1 << 16)
def looks_like_person_name(name: str) -> bool:
    """Capitalised alphabetic words (initials and hyphens allowed), not an acronym."""
    words = name.split()
    if not words or any(ch.isdigit() for ch in name):
        return False
    if len(words) == 1 and words[0].isupper() and len(words[0]) > 1:
        return False
    # "MPs", "NGOs": two capitals then lowercase is a plural acronym, not a name ("McDonald" has one).
    if any(len(w) > 2 and w[:2].isupper() and w[2:].islower() and w[2:].isalpha() for w in words):
        return False
    return all(w[:1].isupper() or _key(w) in SURNAME_PARTICLES or _ARTICLE_PREFIX.match(w) for w in words)


@lru_cache(maxsize=1)
def nick_namer() -> NickNamer:
    return NickNamer()


# A first name that at least this share of the US population bears (1990 census, in per cent): about 1,600 names
# ("Dean", "Regina", "Tyrone"); rarer ones in the list are as often words or places ("China", "Paris").
_MIN_CENSUS_SHARE = 0.01


@cache
def census_given_names() -> frozenset[str]:
    """The US census's common first names, male and female (the names package's data)."""
    return frozenset(name for name, shares in _census_shares().items() if max(shares) >= _MIN_CENSUS_SHARE)


# A first name is taken as one gender's when the census finds it this many times as often for that gender.
_GENDER_RATIO = 20


@cache
def _census_shares() -> dict[str, tuple[float, float]]:
    """First name -> (male share, female share) in per cent of the US population (the names package's data)."""
    shares: dict[str, list[float]] = {}
    for column, key in enumerate(("first:male", "first:female")):
        with open(census_names.FILES[key], encoding="ascii") as f:
            for name, share, *_ in map(str.split, f):
                shares.setdefault(name.lower(), [0.0, 0.0])[column] = float(share)
    return {name: (male, female) for name, (male, female) in shares.items()}


def given_name_gender(word: str) -> str:
    """"male" or "female" when the census gives the first name to one gender far more often ("John", "Katie";
    not "Jordan"), else ""."""
    male, female = _census_shares().get(word.lower().rstrip("."), (0.0, 0.0))
    if male > _GENDER_RATIO * female:
        return "male"
    if female > _GENDER_RATIO * male:
        return "female"
    return ""


@lru_cache(maxsize=1 << 14)
def is_given_name(word: str) -> bool:
    """A first name of the nicknames package's lexicon (about 2,000 English given names and their short forms) or
    a common one of the US census."""
    names = nick_namer()
    key = word.lower().rstrip(".")
    return key in names._nickname_lookup or key in names._canonical_lookup \
        or key in census_given_names()  # noqa: SLF001 - its name lists


def is_post_nominal(word: str) -> bool:
    """Letters after a person's name for an honour, a rank at the bar or a degree ("QC", "CBE", "Ph.D.")."""
    return not word.islower() and word.replace(".", "").lower() in POST_NOMINALS
