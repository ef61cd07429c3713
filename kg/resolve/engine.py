"""The resolution algorithm (see kg.resolve for the rules): keys, merge rules, constraints, entities.

1. Every name mention gets a typed key (kg.resolve.keys): a country, a city, a person's full
   name, a lone name of a person, or any other name. Which one follows the name's evidence
   across the corpus (kg.resolve.evidence): the model's votes, the words around it, the gazetteer.
2. Merge rules join keys (kg.resolve.merge.Groups), each a small function naming its rule;
   constraints (the aliases file, two people named in one sentence) refuse joins.
3. Each group of keys is one entity; its type and label are voted over its mentions.
"""
from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Sequence

from kg import gazetteer
from kg.aliases import Aliases
from kg.extract.names import (
    given_name_gender,
    honorific_gender,
    looks_like_person_name,
    person_parts,
    quoted_nickname,
    skeleton,
)
from kg.model import PLACE_LABELS, Extraction, Mention
from kg.resolve import Resolution
from kg.resolve.entities import build_entities
from kg.resolve.evidence import Evidence, plural_sibling
from kg.resolve.keys import Country, Forced, Key, Lone, Name, Person
from kg.resolve.merge import Groups
from kg.resolve.org_merges import (Named, Ref, keep_versions_apart, merge_acronyms, merge_generic_heads,
                                   merge_short_forms)
from kg.resolve.orgs import org_fold
from kg.resolve.people import (MIN_FUZZY_LENGTH, NameIndex, dominant, fuzzy_pairs, fuzzy_same, partial_candidates,
                               person_key, same_person_name)
from kg.resolve.typos import merge_misspellings

NAME_KINDS = frozenset({"name", "demonym"})
ORG_LIKE = frozenset({"ORG", "PRODUCT", "FAC", "EVENT", "NORP"})
_MISREAD_VOTES = 2  # a name the model saw this often as something else is that, not a misspelt person


def resolve_entities(extractions: Sequence[Extraction], *, aliases: Aliases | None = None) -> Resolution:
    """One Entity per real-world entity; every name mention (and resolved reference) assigned to one."""
    aliases = aliases or Aliases()
    exs = sorted(extractions, key=lambda e: e.article)
    named: Named = [(ex, i, m) for ex in exs for i, m in enumerate(ex.mentions) if m.kind in NAME_KINDS]
    evidence = Evidence(named)
    groups = Groups()
    for i, pair in enumerate(aliases.separate):
        for side, name in enumerate(pair):
            groups.keep_apart(_person_key(name, aliases) if evidence.is_person_full(name) else Name(org_fold(name)), i, side)

    people = _People(named, evidence, groups, aliases)
    assignment: dict[Ref, Key] = {}
    for ex, i, m in named:
        key = _key_for(m, ex.article, evidence, people, groups, aliases)
        forced = aliases.canonical_of(m.text) or aliases.canonical_of(m.name)
        if forced:
            groups.union(Forced(gazetteer.fold(forced)), key, "the aliases file", force=True)
        assignment[(ex.article, i)] = key
    keep_versions_apart(named, assignment, groups, len(aliases.separate))
    merge_acronyms(exs, named, assignment, groups)
    _merge_nicknames(named, assignment, groups)
    merge_short_forms(named, assignment, groups, evidence)
    merge_generic_heads(named, assignment, groups)
    plural_groups = _merge_plurals(assignment, groups, evidence)
    _merge_lone_genders(assignment, groups)
    merge_misspellings(named, assignment, groups)
    for canonical, names in aliases.merge.items():
        for name in names:  # forced even when a name was never seen alone ("Sir Keir" only as "Keir")
            groups.union(Forced(gazetteer.fold(canonical)), Name(org_fold(name)), "the aliases file", force=True)
    _follow_references(exs, assignment)
    return build_entities(exs, assignment, groups, aliases, plural_groups)


def _person_key(name: str, aliases: Aliases | None = None) -> Person:
    first, last = person_key(name)
    apart = gazetteer.fold(name) if aliases is not None and aliases.is_separated(name) else ""
    return Person(first, last, apart)


class _People:
    """Full-name people of the corpus, their variants joined, indexed for lone names."""

    def __init__(self, named: Named, evidence: Evidence, groups: Groups, aliases: Aliases) -> None:
        full: dict[str, set[Person]] = defaultdict(set)  # article -> people named in full there
        sentences: dict[Person, set[Ref]] = defaultdict(set)
        forms: dict[Person, set[str]] = defaultdict(set)
        for ex, _, m in named:
            if evidence.is_person_full(m.name):
                key = _person_key(m.name, aliases)
                full[ex.article].add(key)
                sentences[key].add((ex.article, m.sent))
                forms[key].add(m.name)
        everyone = sorted(set().union(*full.values())) if full else []
        self.misread: dict[str, Person] = {}
        for name, (key, person) in _misread_people(named, evidence, everyone, aliases).items():
            self.misread[name] = key
            groups.union(key, person, "a spelling of a person's name the model gave another type")
        self._join_variants(everyone, sentences, forms, groups)
        self.article_index = {a: NameIndex(((k.first, k.last), k) for k in sorted(ks)) for a, ks in full.items()}
        self.corpus_index = NameIndex(((k.first, k.last), k) for k in everyone)
        # The names as written, folded: a lone name bridges to another article only as that article spells it.
        self.spelled = {k: {w.casefold() for f in fs for w in (person_parts(f)[0], person_parts(f)[2])} for k, fs in forms.items()}
        self.counts = Counter(groups.find(_person_key(m.name, aliases)) for _, _, m in named
                              if m.kind == "name" and evidence.is_person_full(m.name))
        self.genders = _genders(named, evidence, self.article_index, groups, aliases)

    def corpus_candidates(self, name: str, groups: Groups, *, first_names: bool) -> tuple[set[Key], bool]:
        """Like ``partial_candidates`` over the corpus, but only people whose surname (or given name) is spelt as
        ``name`` is: a lone name in an article that never names the person in full is too weak to bridge a spelling
        ("Lord Currie", chairman of Ofcom, is not the podcaster Adam Curry of another article)."""
        spelled = name.casefold()
        return partial_candidates(name, self.corpus_index, groups.find, first_names=first_names,
                                  accept=lambda k: spelled in self.spelled.get(k, ()))

    def fits_someone(self, name: str, article: str, groups: Groups, *, local_only: bool = False) -> bool:
        """A lone name that is the surname or first name of someone named in full in the article (or corpus)."""
        local = self.article_index.get(article)
        if local and partial_candidates(name, local, groups.find)[0]:
            return True
        return not local_only and bool(self.corpus_candidates(name, groups, first_names=True)[0])

    @staticmethod
    def _join_variants(everyone: list[Person], sentences: dict[Person, set[Ref]], forms: dict[Person, set[str]],
                       groups: Groups) -> None:
        by_pair: dict[tuple[str, str], list[Person]] = defaultdict(list)
        for key in everyone:
            by_pair[(key.first, key.last)].append(key)
        for a, b in fuzzy_pairs(by_pair):  # "Zelensky" / "Zelenskyy", "Kristen" / "Kristin Wilkins"
            for ka in by_pair[a]:
                for kb in by_pair[b]:
                    if not sentences[ka] & sentences[kb]:  # named apart in one sentence: two people
                        groups.union(ka, kb, "spelling variant of the name")
        by_surname: dict[str, list[Person]] = defaultdict(list)
        for key in everyone:
            by_surname[key.last].append(key)
        for block in by_surname.values():
            if len(block) < 2:
                continue
            fits = {k: {o for o in block if o != k and not sentences[k] & sentences[o]
                        and any(same_person_name(x, y) for x in forms[k] for y in forms[o])} for k in block}
            for component in _components(fits):
                # Join only when everyone in it fits everyone else: "J. Smith" beside John and Jane stays apart.
                if len(component) > 1 and all(b in fits[a] for a in component for b in component if a != b):
                    for other in component[1:]:
                        groups.union(component[0], other, "given names that match (initials, middle names, nicknames)")


def _misread_people(named: Named, evidence: Evidence, everyone: list[Person],
                    aliases: Aliases) -> dict[str, tuple[Person, Person]]:
    """Two-word names the model rarely saw and never called a person that are a spelling of someone's full name
    ("Heydar Alishbandi" tagged FAC beside the person Heydar Alishvandi): the same given name and a near-identical
    long surname of exactly one person. Each gets the person key of its own spelling, joined to that person."""
    by_first: dict[str, list[Person]] = defaultdict(list)
    for key in everyone:
        by_first[key.first].append(key)
    out: dict[str, tuple[Person, Person]] = {}
    for _, _, m in named:
        words = m.name.split()
        if m.name in out or len(words) != 2 or m.label == "PERSON" or evidence.is_person_full(m.name) \
                or not looks_like_person_name(m.name) or sum(evidence.votes_of(m.name).values()) > _MISREAD_VOTES:
            continue
        key = _person_key(m.name, aliases)
        matches = [p for p in by_first.get(key.first, ()) if len(key.last) >= MIN_FUZZY_LENGTH and fuzzy_same(key.last, p.last)]
        if len(matches) == 1:
            out[m.name] = (key, matches[0])
    return out


def _components(fits: dict[Person, set[Person]]) -> list[list[Person]]:
    seen: set[Person] = set()
    out: list[list[Person]] = []
    for start in sorted(fits):
        if start in seen:
            continue
        stack, part = [start], []
        seen.add(start)
        while stack:
            k = stack.pop()
            part.append(k)
            for o in sorted(fits[k] - seen):
                seen.add(o)
                stack.append(o)
        out.append(sorted(part))
    return out


def _genders(named: Named, evidence: Evidence, article_index: dict[str, NameIndex], groups: Groups,
             aliases: Aliases) -> dict[Key, str]:
    """Gender of a full-name group, from honorifics on its full name or on a surname only it explains
    in an article ("Mr Howard" beside "Michael Howard"); at least twice as many as the other gender. A group no
    honorific marks takes the gender the census gives its given names ("Katie Jenkin" is no "Mr Jenkin")."""
    votes: dict[Key, Counter[str]] = defaultdict(Counter)
    by_given_name: dict[Key, Counter[str]] = defaultdict(Counter)
    for ex, _, m in named:
        gender = honorific_gender(m.text)
        if m.label == "PERSON" and m.kind == "name" and evidence.is_person_full(m.name):
            given = given_name_gender(person_parts(m.name)[0])
            if given:
                by_given_name[groups.find(_person_key(m.name, aliases))][given] += 1
        if not gender or m.label != "PERSON":
            continue
        if evidence.is_person_full(m.name):
            votes[groups.find(_person_key(m.name, aliases))][gender] += 1
        elif len(m.name.split()) == 1 and ex.article in article_index:
            roots, _ = partial_candidates(m.name, article_index[ex.article], groups.find, first_names=False)
            if len(roots) == 1:
                votes[next(iter(roots))][gender] += 1
    for root, c in by_given_name.items():
        votes.setdefault(root, c)
    return {root: g for root, c in votes.items() for g in c if c[g] >= 2 * (sum(c.values()) - c[g])}


def _key_for(m: Mention, article: str, evidence: Evidence, people: _People, groups: Groups, aliases: Aliases) -> Key:
    if m.kind == "demonym":
        country = gazetteer.country_of(m.name)
        return Country(country) if country else Name(org_fold(m.name))
    name, label = m.name, m.label
    place = evidence.place_of(name)
    if " " not in name and people.fits_someone(name, article, groups, local_only=label != "PERSON") \
            and (label == "PERSON" or (place is None and not evidence.org_evidence(name))):
        # "Washington" beside George Washington is the man; "Kafoury" tagged GPE beside Madeline Kafoury is her.
        return _single_key(dataclasses.replace(m, label="PERSON"), article, evidence, people, groups)
    if place is not None and not (label == "ORG" and m.cue == "ORG"):
        return place  # not "Belgium" as the team of a match report, whose context says organisation
    if len(name.split()) > 1:
        if name in people.misread:
            return people.misread[name]
        return _person_key(name, aliases) if evidence.is_person_full(name) else Name(org_fold(name))
    return _single_key(m, article, evidence, people, groups)


_MISREAD_PERSON_LABELS = frozenset({"NORP", "GPE", "LOC", "ORG"})


def _single_key(m: Mention, article: str, evidence: Evidence, people: _People, groups: Groups) -> Key:
    """A one-word name: a person named in full in the article or the corpus, a lone person, or a name."""
    name, label = m.name, m.label
    fold = gazetteer.fold(name)
    if label in _MISREAD_PERSON_LABELS and evidence.person_share(name) > 0.5 \
            and sum(evidence.votes_of(name).values()) > 2 \
            and not (label == "ORG" and (m.cue == "ORG" or evidence.org_evidence(name))):
        # "Blair aides": a person's name used as a modifier; "their child, Gloria" tagged a place once and a person
        # everywhere else (a small town of that name abroad is no reason to split her in two).
        label = "PERSON"
    local = people.article_index.get(article)
    if label in PLACE_LABELS or label == "NORP" or not looks_like_person_name(name) or label == "PRODUCT":
        if label in PLACE_LABELS and local:
            roots, _ = partial_candidates(name, local, groups.find)
            if len(roots) == 1:
                return next(iter(roots))
        return Name(org_fold(name))
    gender = honorific_gender(m.text)
    first_names = label == "PERSON"  # "Labour" (ORG) is nobody's first name
    roots, _ = partial_candidates(name, local, groups.find, first_names=first_names) if local else (set(), True)
    if roots:  # someone named in full in the article; "Mrs Howard" beside Michael Howard is someone else
        fitting = {r for r in roots if people.genders.get(r, gender) == gender} if gender else roots
        return next(iter(fitting)) if len(fitting) == 1 else Lone(fold, gender)
    if label in {"PERSON", "ORG"} and evidence.org_evidence(name) == 0:
        # A lone name the model tagged ORG ("Trump administration") joins a person known in full elsewhere.
        roots, by_surname = people.corpus_candidates(name, groups, first_names=first_names)
        fitting = {r for r in roots if people.genders.get(r, gender) == gender} if gender else roots
        if len(fitting) == 1:
            return next(iter(fitting))
        best = dominant(fitting, people.counts) if by_surname else None
        if best or roots:
            return best or Lone(fold, gender)
        city = evidence.big_city_of(name)
        if city is not None:
            return city
    return Lone(fold, gender) if evidence.person_share(name) >= 0.5 and evidence.org_evidence(name) == 0 \
        else Name(org_fold(name))


def _merge_nicknames(named: Named, assignment: dict[Ref, Key], groups: Groups) -> None:
    """'Luis Gerardo "Jerry" Ortiz' joins the Jerry Ortiz named in full elsewhere: the quoted nickname is the
    given name he goes by."""
    people = {k for k in assignment.values() if isinstance(k, Person)}
    for ex, i, m in named:
        nick, key = quoted_nickname(m.text), assignment[(ex.article, i)]
        if not isinstance(key, Person) or " " in nick or not nick[:1].isupper():
            continue
        other = Person(skeleton(nick), key.last, key.apart)
        if other != key and other in people:
            groups.union(key, other, "a quoted nickname used as the given name")


def _merge_plurals(assignment: dict[Ref, Key], groups: Groups, evidence: Evidence) -> set[Key]:
    """Join the singular and plural forms of a multi-word group name ("Lib Dem"/"Lib Dems"); returns their keys."""
    keys = {k for k in assignment.values() if isinstance(k, Name)}
    plural_groups: set[Key] = set()
    for key in sorted(keys):
        other = Name(plural_sibling(key.fold))
        if key.fold.endswith("s") and other in keys and (evidence.group_voted(key.fold) or evidence.group_voted(other.fold)):
            groups.union(key, other, "singular and plural of a group's name")
            plural_groups |= {key, other}
    return plural_groups


def _merge_lone_genders(assignment: dict[Ref, Key], groups: Groups) -> None:
    """A lone "Blair" joins the lone "Mr Blair" when no "Mrs Blair" stands apart (and vice versa)."""
    variants: dict[str, set[Lone]] = defaultdict(set)
    for key in assignment.values():
        if isinstance(key, Lone):
            variants[key.fold].add(key)
    for fold, keys in sorted(variants.items()):
        gendered = sorted(keys - {Lone(fold)})
        if len(gendered) == 1 and Lone(fold) in keys:
            groups.union(Lone(fold), gendered[0], "the same name with and without an honorific")


def _follow_references(exs: list[Extraction], assignment: dict[Ref, Key]) -> None:
    """References (pronouns, titles) follow the name mention they repeat."""
    for ex in exs:
        seen: dict[str, Key] = {}
        for i, m in enumerate(ex.mentions):
            if (ex.article, i) in assignment:
                seen[m.name] = assignment[(ex.article, i)]
        for i, m in enumerate(ex.mentions):
            if m.kind not in NAME_KINDS and m.name in seen:
                assignment[(ex.article, i)] = seen[m.name]
