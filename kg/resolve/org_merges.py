"""Merge rules for organisation names: acronyms and their long forms, short and tail forms, generic heads
(the rules are described in kg.resolve.orgs and kg.resolve)."""
from __future__ import annotations

from collections import defaultdict

from kg import gazetteer
from kg.model import Extraction, Mention
from kg.resolve.evidence import Evidence
from kg.resolve.keys import City, Country, Key, Lone, Name
from kg.resolve.merge import Groups
from kg.resolve.orgs import LongerForms, all_initials, defines, initials, is_acronym
from kg.vocab import ORG_HEADS

_ISLAND_WORDS = frozenset({"island"})
_GENERIC_HEADS = ORG_HEADS | _ISLAND_WORDS

Ref = tuple[str, int]  # (article, mention index)
Named = list[tuple[Extraction, int, Mention]]


def merge_acronyms(exs: list[Extraction], named: Named, assignment: dict[Ref, Key], groups: Groups) -> None:
    """An acronym joins its long form: defined in brackets, the one long form beside it in an article,
    or the one name in the corpus whose initials spell it."""
    key_of_name: dict[tuple[str, str], Key] = {}
    for ex, i, m in named:
        key_of_name.setdefault((ex.article, m.name), assignment[(ex.article, i)])
    for ex in exs:
        for short, long in ex.acronyms:
            a, b = key_of_name.get((ex.article, short)), key_of_name.get((ex.article, long))
            if a is not None and b is not None and defines(short, long):
                groups.union(a, b, "acronym defined in brackets")
    per_article: dict[str, dict[str, Key]] = defaultdict(dict)
    for ex, i, m in named:
        if isinstance(assignment[(ex.article, i)], Name):
            per_article[ex.article][m.name] = assignment[(ex.article, i)]
    beside: dict[Key, set[Key]] = defaultdict(set)
    corpus: dict[str, set[Key]] = defaultdict(set)
    for article in sorted(per_article):
        items = per_article[article]
        acronyms = {n: k for n, k in items.items() if is_acronym(n)}
        for name, key in items.items():
            if len(name.split()) < 2:
                continue
            spellings = _spellings(name)
            # The acronyms this name spells, looked up: trying every acronym of the article on every name was
            # quadratic on one long article (spells() holds exactly for these two spellings of two or more letters).
            for acr in spellings:
                akey = acronyms.get(acr)
                if akey is not None and akey != key:
                    beside[akey].add(groups.find(key))
            for acr in spellings:
                corpus[acr].add(groups.find(key))
    for acronym in sorted(beside):
        if len(beside[acronym]) == 1:
            groups.union(acronym, next(iter(beside[acronym])), "acronym beside its long form in an article")
    acronym_keys = {n: k for items in per_article.values() for n, k in items.items() if is_acronym(n)}
    for acr, key in sorted(acronym_keys.items()):
        longs = {groups.find(k) for k in corpus.get(acr, ())}
        if len(longs) == 1:
            groups.union(key, next(iter(longs)), "acronym of the one long form in the corpus")


def _spellings(name: str) -> set[str]:
    return {x for x in (initials(name), all_initials(name)) if len(x) >= 2}


def merge_short_forms(named: Named, assignment: dict[Ref, Key], groups: Groups, evidence: Evidence) -> None:
    """A short form joins the one longer organisation name of its article that begins (or ends) with it."""
    per_article: dict[str, dict[str, Key]] = defaultdict(dict)
    for ex, i, m in named:
        key = assignment[(ex.article, i)]
        if isinstance(key, (Name, Lone)) and m.kind == "name":
            per_article[ex.article].setdefault(m.name, key)
    not_short_form: dict[str, bool] = {}  # by name: the same names come back in article after article
    for article in sorted(per_article):
        items = per_article[article]
        # Indexed, not compared pairwise: one long article has thousands of names (kg.resolve.orgs.LongerForms).
        longs = LongerForms((n, k) for n, k in items.items()
                            if isinstance(k, Name) and len(n.split()) >= 2 and evidence.is_org(n))
        # A name after a person's given names that the model calls a person but is no person's key ("Steven F.
        # Udvar-Hazy Center") is an organisation (resolve.entities.type_and_label): its tail form is one too.
        misread = LongerForms((n, k) for n, k in items.items()
                              if isinstance(k, Name) and len(n.split()) >= 3 and not evidence.is_org(n)
                              and evidence.person_share(n) > 0.5 and not evidence.place_evidence(n))
        one_word_orgs: LongerForms[Key] | None = None  # built when a short form first needs it
        for short, key in sorted(items.items()):
            if short not in not_short_form:
                not_short_form[short] = bool(gazetteer.is_region(short) or gazetteer.country_of(short) or is_acronym(short)
                                             or evidence.place_evidence(short))
            if not_short_form[short]:
                continue
            if isinstance(key, Lone) and evidence.person_share(short) > 0.5 and not evidence.org_evidence(short):
                continue
            # "Apple" is not "Apple iPod" where the article names the iPod alone: that name is the maker's product.
            # A town's name stands for its team, though ("Indianapolis" beside "Colts" is the Indianapolis Colts).
            maker = not gazetteer.knows_place(short)
            owners = {groups.find(k) for n, k in (*longs.of(short), *misread.tails(short))
                      if n != short and not (maker and n.startswith(short + " ") and n[len(short) + 1:] in items)}
            if not owners and " " not in short:
                if one_word_orgs is None:
                    one_word_orgs = LongerForms((n, k) for n, k in items.items()
                                                if isinstance(k, Name) and " " not in n and evidence.is_org(n))
                owners = {groups.find(k) for _, k in one_word_orgs.word_prefixed(short)}
            if len(owners) == 1:
                groups.union(key, next(iter(owners)), "short form of an organisation named in full in the article")


def merge_generic_heads(named: Named, assignment: dict[Ref, Key], groups: Groups) -> None:
    """"Staunton Police" joins the one "Staunton Police Department" of the corpus, "Qeshm Island" the place Qeshm: a
    name of two or more words and the same name with one generic last word (an organisation's head noun, or
    "Island" after a place) are one entity, in any article."""
    by_name: dict[str, Key] = {}
    for ex, i, m in named:
        if m.kind == "name":
            by_name.setdefault(m.name, assignment[(ex.article, i)])
    for name, key in sorted(by_name.items()):
        words = name.split()
        if len(words) < 2 or words[-1].lower() not in _GENERIC_HEADS:
            continue
        short = by_name.get(" ".join(words[:-1]))
        island = words[-1].lower() in _ISLAND_WORDS and isinstance(short, (City, Country))
        if short is not None and (island or (isinstance(short, Name) and isinstance(key, Name) and len(words) > 2)):
            groups.union(short, key, "the same name without its generic last word")


def keep_versions_apart(named: Named, assignment: dict[Ref, Key], groups: Groups, first_constraint: int) -> None:
    """"PlayStation 2" and "PlayStation 3", "Boeing 747" and "Boeing 777": one name with two model numbers names two
    things, never one, even where a short form ("PlayStation") joins each of them in its own article."""
    versions: dict[str, dict[str, Key]] = defaultdict(dict)
    for ex, i, m in named:
        words = m.name.split()
        if m.kind == "name" and len(words) >= 2 and any(c.isdigit() for c in words[-1]):
            versions[" ".join(words[:-1]).casefold()].setdefault(words[-1].casefold(), assignment[(ex.article, i)])
    constraint = first_constraint
    for _, by_number in sorted(versions.items()):
        keys = sorted(set(by_number.values()))
        for a, b in ((a, b) for n, a in enumerate(keys) for b in keys[n + 1:]):
            groups.keep_apart(a, constraint, 0)
            groups.keep_apart(b, constraint, 1)
            constraint += 1

