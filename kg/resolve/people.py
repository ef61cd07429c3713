"""People: full names cluster by (first name, surname) with transliteration variants; a lone
surname or first name joins the one full name it fits, first in its article, then in the corpus,
where a surname also joins the one full name that clearly dominates that surname's mentions.

All lookups go through dict indexes keyed by spelling skeletons (kg.extract.names.skeleton);
fuzzy comparisons (rapidfuzz) run only inside small blocks (same first name, same surname initial).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache

from rapidfuzz.fuzz import ratio

from kg.extract.names import NAME_SUFFIXES, nick_namer, person_parts, skeleton

# rapidfuzz ratio (0-100) above which two surnames are spellings of one name ("Zelensky"/"Zelenskyy": 94).
SURNAME_SIMILARITY = 88
MIN_GIVEN_FUZZY_LENGTH = 5
_SURNAME_BLOCK = 3
MIN_FUZZY_LENGTH = 7  # shorter names differ by one letter between people: Davis/Davies, Peston/Preston
_MIN_SILENT_E_BASE = 3  # "Rait"/"Raite"; not "Le"/"Lee"
# A lone surname no full name of its article explains joins the corpus' full name with that surname
# when it holds this share of their full-name mentions and this many times the next one's.
DOMINANT_SHARE = 0.75
DOMINANT_RATIO = 3.0

Key = tuple[str, str]  # (first-name skeleton, surname skeleton)


@lru_cache(maxsize=1 << 16)
def person_key(name: str) -> Key:
    first, _, last = person_parts(name)
    return skeleton(first), skeleton(last)


def fuzzy_same(a: str, b: str) -> bool:
    """Two surname skeletons that are spellings of one name."""
    if a == b:
        return True
    if min(len(a), len(b)) < MIN_FUZZY_LENGTH or a[0] != b[0]:
        return False
    return ratio(a, b) >= SURNAME_SIMILARITY


def fuzzy_pairs(keys: Iterable[Key]) -> list[tuple[Key, Key]]:
    """Pairs of full-name keys with the same first name and near-identical surnames (blocked by surname initial)."""
    blocks: dict[tuple[str, str], list[Key]] = defaultdict(list)
    for key in sorted(set(keys)):
        if key[1]:
            blocks[(key[0], key[1][0])].append(key)
    pairs = []
    for members in blocks.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if abs(len(a[1]) - len(b[1])) <= 2 and fuzzy_same(a[1], b[1]):
                    pairs.append((a, b))
    return pairs + _given_name_variants(set(keys)) + _silent_e_variants(set(keys))


def _silent_e_variants(keys: set[Key]) -> list[tuple[Key, Key]]:
    """"Duncan Rait" / "Duncan Raite", "Brown" / "Browne": one given name, and surnames that differ by a final
    silent "e" (the short names fuzzy matching leaves apart)."""
    groups: dict[Key, list[Key]] = defaultdict(list)
    for key in sorted(keys):
        first, last = key
        base = last[:-1] if last.endswith("e") else last
        if first and len(base) >= _MIN_SILENT_E_BASE and " " not in last:
            groups[(first, base)].append(key)
    return [(a, b) for members in groups.values() for i, a in enumerate(members) for b in members[i + 1:]]


def _one_letter_apart(a: str, b: str) -> bool:
    """"Kristen"/"Kristin", "Brian"/"Bryan": one letter replaced inside the name. Not the last letter ("Maria"/
    "Mario" are two people), not an inserted one ("Michael"/"Michele")."""
    if a == b or len(a) != len(b):
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    return len(diff) == 1 and 0 < diff[0] < len(a) - 1


def _given_name_variants(keys: set[Key]) -> list[tuple[Key, Key]]:
    """"Kristen" / "Kristin Wilkins": a given name spelled two ways with a long surname (the same or a variant),
    blocked by the surname's first letters."""
    blocks: dict[tuple[str, str], list[Key]] = defaultdict(list)
    for key in sorted(keys):
        first, last = key
        if len(last) >= MIN_FUZZY_LENGTH and len(first) >= MIN_GIVEN_FUZZY_LENGTH:
            blocks[(last[:_SURNAME_BLOCK], first[0])].append(key)
    pairs = []
    for members in blocks.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if _one_letter_apart(a[0], b[0]) and fuzzy_same(a[1], b[1]):
                    pairs.append((a, b))
    return pairs


class NameIndex:
    """Full-name clusters indexed by surname and by first name (skeletons)."""

    def __init__(self, clusters: Iterable[tuple[Key, str]]) -> None:
        self.by_last: dict[str, set[str]] = defaultdict(set)
        self.by_last_word: dict[str, set[str]] = defaultdict(set)
        self.by_first: dict[str, set[str]] = defaultdict(set)
        self.by_initial: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self._fuzzy: dict[str, frozenset[str]] = {}
        for (first, last), root in clusters:
            self.by_last[last].add(root)
            words = [w for w in last.split() if w not in NAME_SUFFIXES]
            if words:
                self.by_last_word[words[-1]].add(root)
            self.by_first[first].add(root)
            if last:
                self.by_initial[last[0]].append((last, root))

    def surname(self, token: str) -> set[str]:
        found = self.by_last.get(token, set()) | self.by_last_word.get(token, set())
        if found or len(token) < MIN_FUZZY_LENGTH:
            return set(found)
        # The fuzzy scan is the costly part, and the same surnames come back in article after article.
        if token not in self._fuzzy:
            self._fuzzy[token] = frozenset(root for last, root in self.by_initial.get(token[:1], ()) if fuzzy_same(last, token))
        return set(self._fuzzy[token])

    def first(self, token: str) -> set[str]:
        return set(self.by_first.get(token, set()))


def partial_candidates(
    name: str, index: NameIndex, root_of: Callable[[str], str], *, first_names: bool = True,
    accept: Callable[[str], bool] | None = None,
) -> tuple[set[str], bool]:
    """The full-name clusters a surname-only or first-name-only ``name`` fits in one index (only the people
    ``accept`` takes, when given).

    Surnames before first names: returns (roots, by_surname) for the first lookup that finds any.
    """
    token = skeleton(name)
    for lookup, by_surname in ((index.surname, True), (index.first, False))[: 2 if first_names else 1]:
        roots = {root_of(r) for r in lookup(token) if accept is None or accept(r)}
        if roots:
            return roots, by_surname
    return set(), True


def dominant(roots: Iterable[str], counts: Mapping[str, int]) -> str | None:
    """The one root that holds a clear majority of ``counts`` among ``roots`` ("Tony Blair" among the Blairs)."""
    ranked = sorted(((counts.get(r, 0), r) for r in roots), reverse=True)
    if not ranked:
        return None
    total = sum(n for n, _ in ranked)
    top, root = ranked[0]
    runner = ranked[1][0] if len(ranked) > 1 else 0
    if top and top >= DOMINANT_SHARE * total and top >= DOMINANT_RATIO * runner:
        return root
    return None




@lru_cache(maxsize=1 << 14)
def same_given_name(a: str, b: str) -> bool:
    """Two given names of one person: the same spelling, an initial of the other ("W." / "William"),
    or a nickname of the other ("Fred" / "Frederick", "Katie" / "Kathryn"; the nicknames package)."""
    ka, kb = skeleton(a), skeleton(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    if len(ka) == 1 or len(kb) == 1:
        return ka[0] == kb[0]
    la, lb = a.lower().rstrip("."), b.lower().rstrip(".")
    names = nick_namer()
    return lb in names.canonicals_of(la) or la in names.canonicals_of(lb)


def given_names(name: str) -> list[str]:
    """First and middle names of a full name ("W. Mark Felt" -> ["W.", "Mark"])."""
    first, middle, _ = person_parts(name)
    return [first, *middle.split()] if first else []


def same_person_name(a: str, b: str) -> bool:
    """Two full names with one surname that can name one person: the shorter's given names match,
    in order, given names of the longer, starting at its first ("Regina M. Benjamin" / "Regina
    Benjamin", "Fred LaRue" / "Frederick C. LaRue"), or at its second when the first is only an
    initial or the shorter is the longer's tail ("W. Mark Felt" / "Mark Felt", "Cheryl Boone
    Isaacs" / "Boone Isaacs")."""
    if person_key(a)[1] != person_key(b)[1]:
        return False
    ga, gb = given_names(a), given_names(b)
    short, long = (ga, gb) if len(ga) <= len(gb) else (gb, ga)
    if not short:
        return False
    starts = [0]
    if len(long) > len(short) and (len(skeleton(long[0])) == 1 or long[-len(short):] == short):
        starts.append(1)
    return any(_in_order(short, long[s:]) for s in starts)


def _in_order(short: list[str], long: list[str]) -> bool:
    if not long or not same_given_name(short[0], long[0]):
        return False
    rest = iter(long[1:])
    return all(any(same_given_name(g, x) for x in rest) for g in short[1:])


