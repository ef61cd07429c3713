"""Misspelt names: a name the corpus writes once, one slip of the keyboard away from a name its article writes
more often, is that name ("the Untied Nations" in an article about the United Nations, "Water said" in one that
quotes Kathryn Waters three times).

A slip is one letter left out, added or changed, or two neighbours swapped (optimal string alignment distance
1, rapidfuzz). The rules keep real names apart:
- the rare form is written once in the whole corpus, so a name used on purpose (twice anywhere) is never
  folded into another; the other form is in the same article, and its entity is named at least twice in the
  corpus (a spelling settled on);
- the two are of one family (a person's single name and a person; an organisation's or other name and
  another), and the rare form is no nationality ("Texans" is not "Texas"), names no person in full, no place the gazetteer knows, no given name, and has no
  digits ("PlayStation 2" and "PlayStation 3" differ by one character and are two products);
- both are at least five letters long, so that "Iran"/"Iraq" or "Bush"/"Rush" are never compared;
- the rare form is one slip from exactly one entity of its article.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from rapidfuzz import process
from rapidfuzz.distance import OSA

from kg import gazetteer
from kg.extract.names import is_given_name
from kg.model import Extraction, Mention
from kg.resolve.keys import Key, Lone, Name, Person
from kg.resolve.merge import Groups

Ref = tuple[str, int]  # (article, mention index)
Named = list[tuple[Extraction, int, Mention]]

_MIN_LETTERS = 5
RULE = "a one-letter misspelling of a name in its article"


def merge_misspellings(named: Named, assignment: dict[Ref, Key], groups: Groups) -> None:
    """Join each misspelt name (see the module's rules) to the entity its article spells it for."""
    written = Counter(m.name.lower() for _, _, m in named)
    entity_mentions = Counter(groups.find(assignment[(ex.article, i)]) for ex, i, _ in named)
    per_article: dict[str, list[tuple[Mention, Key]]] = defaultdict(list)
    for ex, i, m in named:
        per_article[ex.article].append((m, assignment[(ex.article, i)]))
    for article in sorted(per_article):
        items = per_article[article]
        rare = [(m, k) for m, k in items if written[m.name.lower()] == 1 and _may_be_misspelt(m, k)]
        if not rare:
            continue
        settled = _settled_spellings(items, groups, entity_mentions)
        by_length: dict[tuple[str, int], list[str]] = defaultdict(list)  # a slip changes the length by one at most
        for form, (fam, _) in settled.items():
            by_length[(fam, len(form))].append(form)
        for m, key in rare:
            family, size = _family(key), len(m.name)
            choices = [f for n in (size - 1, size, size + 1) for f in by_length.get((family, n), ())]
            near = {settled[form][1] for form, distance, _ in
                    process.extract(m.name.lower(), choices, scorer=OSA.distance, score_cutoff=1, limit=None)
                    if distance == 1}
            near.discard(groups.find(key))
            if len(near) == 1:
                groups.union(key, next(iter(near)), RULE)


def _settled_spellings(items: list[tuple[Mention, Key]], groups: Groups,
                       written: Counter[Key]) -> dict[str, tuple[str, Key]]:
    """Lowercase spellings in the article of entities the corpus names at least twice (``written``: mentions per
    entity; a person's surname too), each with its family and entity; a spelling two entities share is left
    out."""
    settled: dict[str, tuple[str, Key]] = {}
    shared: set[str] = set()
    for m, key in items:
        entity = groups.find(key)
        if written[entity] < 2:
            continue
        forms = {m.name.lower()}
        if isinstance(key, Person) and " " in m.name:
            forms.add(m.name.split()[-1].lower())
        for form in forms:
            if len(form) < _MIN_LETTERS:
                continue
            if form in settled and settled[form][1] != entity:
                shared.add(form)
            settled[form] = (_family(key), entity)
    return {form: v for form, v in settled.items() if form not in shared}


def _may_be_misspelt(m: Mention, key: Key) -> bool:
    name = m.name
    return isinstance(key, (Lone, Name)) and m.kind == "name" and m.label != "NORP" and len(name) >= _MIN_LETTERS and not any(c.isdigit() for c in name) \
        and not gazetteer.knows_place(name) and not (isinstance(key, Lone) and is_given_name(name))


def _family(key: Key) -> str:
    return "person" if isinstance(key, (Person, Lone)) else "name"
