"""The resolution algorithm (see kg.resolve for the rules). Node keys, in order of precedence:

``f:`` forced by the aliases file; ``c:`` a country; ``t:`` a city; ``p:`` a person's full name
(first|surname skeletons); ``p1:`` a lone name of a person that fits no single full name;
``n:`` any other name, case-folded (organisations, regions, events). A ``p1:`` key of a name
said with a gendered honorific carries the gender ("p1:howard|female").
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import cache

from kg import gazetteer
from kg.aliases import Aliases
from kg.extract.names import clean_surface, honorific_gender, looks_like_person_name
from kg.model import Entity, Extraction, Mention
from kg.resolve import Resolution
from kg.resolve.people import NameIndex, dominant, fuzzy_pairs, partial_candidates, person_key
from kg.slug import node_id, unique_ids

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NAME_KINDS = frozenset({"name", "demonym"})
# Type preference when votes tie.
TYPE_ORDER = ("PERSON", "GPE", "ORG", "LOC", "FAC", "NORP", "EVENT")
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "&", "de", "du", "des", "la", "le"})

Ref = tuple[str, int]  # (article, mention index)


class _Nodes:
    """Union-find over node keys; unions that would join two sides of a 'separate' rule are refused."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.tags: dict[str, set[tuple[int, int]]] = defaultdict(set)

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def tag(self, x: str, tag: tuple[int, int]) -> None:
        self.tags[self.find(x)].add(tag)

    def conflict(self, a: str, b: str) -> bool:
        ta, tb = self.tags.get(self.find(a), set()), self.tags.get(self.find(b), set())
        return any((i, 1 - side) in tb for i, side in ta)

    def union(self, a: str, b: str, *, force: bool = False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not force and self.conflict(ra, rb):
            return False
        keep, drop = sorted((ra, rb))
        self.parent[drop] = keep
        self.tags[keep] |= self.tags.pop(drop, set())
        return True


def _fold(name: str) -> str:
    return gazetteer.fold(name)


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper() and w.lower() not in _ACRONYM_SKIP).upper()


def resolve_entities(extractions: Sequence[Extraction], *, aliases: Aliases | None = None) -> Resolution:
    """One Entity per real-world entity; every name mention (and resolved reference) assigned to one."""
    aliases = aliases or Aliases()
    exs = sorted(extractions, key=lambda e: e.article)
    named = [(ex, i, m) for ex in exs for i, m in enumerate(ex.mentions) if m.kind in NAME_KINDS]
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for _, _, m in named:
        if m.kind == "name":
            votes[_fold(m.name)][m.label] += 1

    @cache
    def is_person_full(name: str) -> bool:
        v = votes.get(_fold(name), Counter())
        if not (len(name.split()) >= 2 and looks_like_person_name(name) and v["PERSON"] > 0
                and v["PERSON"] >= max(v.values()) and gazetteer.country_of(name) is None):
            return False
        if _group_voted(votes.get(_plural_sibling(_fold(name)), Counter())):
            return False  # "Lib Dem" beside the party "Lib Dems"
        # "Labour MPs", "Lib Dem Treasury" tagged PERSON: they start with a group, organisation or place.
        words = name.split()
        return not any(is_group(" ".join(words[:k])) for k in range(1, len(words)))

    def is_group(name: str) -> bool:
        fold = _fold(name)
        v = votes.get(fold, Counter())
        if sum(v.values()) >= 2 and v["PERSON"] * 2 < sum(v.values()):
            return True
        sibling = votes.get(_plural_sibling(fold), Counter())
        return sum(sibling.values()) >= 2 and _group_voted(sibling)

    nodes = _Nodes()
    for i, pair in enumerate(aliases.separate):
        for side, name in enumerate(pair):
            nodes.tag(_person_node(name, aliases) if is_person_full(name) else "n:" + _fold(name), (i, side))

    # Full names: one node per (first, surname) skeleton; near-identical spellings unioned.
    full_nodes: dict[str, set[str]] = defaultdict(set)  # article -> person nodes named in full there
    sentences_of: dict[str, set[Ref]] = defaultdict(set)
    for ex, _, m in named:
        if is_person_full(m.name):
            node = _person_node(m.name, aliases)
            full_nodes[ex.article].add(node)
            sentences_of[node].add((ex.article, m.sent))
    all_full = sorted(set().union(*full_nodes.values())) if full_nodes else []
    key_of = {node: _key_of_node(node) for node in all_full}
    by_key: dict[tuple[str, str], list[str]] = defaultdict(list)
    for node in all_full:
        by_key[key_of[node]].append(node)
    for a, b in fuzzy_pairs(key_of.values()):
        for na in by_key[a]:
            for nb in by_key[b]:
                if not sentences_of[na] & sentences_of[nb]:  # named apart in one sentence: two people
                    nodes.union(na, nb)
    corpus_index = NameIndex((key_of[n], n) for n in all_full)
    article_index = {a: NameIndex((key_of[n], n) for n in sorted(ns)) for a, ns in full_nodes.items()}

    full_counts = Counter(nodes.find(_person_node(m.name, aliases)) for _, _, m in named
                          if m.kind == "name" and is_person_full(m.name))
    genders = _genders(named, is_person_full, article_index, nodes, aliases)
    people = (article_index, corpus_index, full_counts, genders)

    assignment_node: dict[Ref, str] = {}
    for ex, i, m in named:
        node = _node_for(m, ex.article, votes, is_person_full, people, nodes, aliases)
        forced = aliases.canonical_of(clean_surface(m.text)) or aliases.canonical_of(m.name)
        if forced:
            nodes.union("f:" + _fold(forced), node, force=True)
        assignment_node[(ex.article, i)] = node
    _merge_acronyms(named, assignment_node, nodes)
    groups = _merge_plurals(assignment_node, nodes, votes)
    _merge_lone_genders(assignment_node, nodes)
    for canonical, names in aliases.merge.items():
        for name in names:  # forced even when a name was never seen alone ("Sir Keir" only as "Keir")
            nodes.union("f:" + _fold(canonical), "n:" + _fold(name), force=True)

    # References (pronouns, titles) follow the nearest earlier name mention they repeat.
    for ex in exs:
        seen: dict[str, str] = {}
        for i, m in enumerate(ex.mentions):
            if (ex.article, i) in assignment_node:
                seen[m.name] = assignment_node[(ex.article, i)]
        for i, m in enumerate(ex.mentions):
            if m.kind not in NAME_KINDS and m.name in seen:
                assignment_node[(ex.article, i)] = seen[m.name]
    return _entities(exs, assignment_node, nodes, aliases, groups)


def _person_node(name: str, aliases: Aliases | None = None) -> str:
    first, last = person_key(name)
    node = f"p:{first}|{last}"
    if aliases is not None and aliases.is_separated(name):  # the user split names that share a key
        node += "|" + _fold(name)
    return node


def _key_of_node(node: str) -> tuple[str, str]:
    first, last = node[2:].split("|")[:2]
    return first, last


def _group_voted(v: Counter[str]) -> bool:
    return v["NORP"] + v["ORG"] > v["PERSON"]


def _plural_sibling(fold: str) -> str:
    """"lib dem" <-> "lib dems": the singular or plural form of a multi-word name ("" for one word)."""
    if " " not in fold:
        return ""
    return fold[:-1] if fold.endswith("s") else fold + "s"


def _lone(fold: str, gender: str) -> str:
    return f"p1:{fold}|{gender}" if gender else "p1:" + fold


def _genders(named, is_person_full, article_index: dict[str, NameIndex], nodes: _Nodes,
             aliases: Aliases) -> dict[str, str]:  # noqa: ANN001 - mentions and closure from resolve_entities
    """Gender of a full-name cluster, from honorifics on its full name or on a surname only it explains
    in an article ("Mr Howard" beside "Michael Howard"); at least twice as many as the other gender."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for ex, _, m in named:
        gender = honorific_gender(m.text)
        if not gender or m.label != "PERSON":
            continue
        if is_person_full(m.name):
            votes[nodes.find(_person_node(m.name, aliases))][gender] += 1
        elif len(m.name.split()) == 1 and ex.article in article_index:
            roots, _ = partial_candidates(m.name, article_index[ex.article], nodes.find, first_names=False)
            if len(roots) == 1:
                votes[next(iter(roots))][gender] += 1
    return {root: g for root, c in votes.items() for g in c if c[g] >= 2 * (sum(c.values()) - c[g])}


def _node_for(m: Mention, article: str, votes, is_person_full, people, nodes: _Nodes,
              aliases: Aliases) -> str:  # noqa: ANN001 - closures and indexes from resolve_entities
    if m.kind == "demonym":
        return ("c:" + m.name) if gazetteer.country_of(m.name) else "n:" + _fold(m.name)
    name, label = m.name, m.label
    fold = _fold(name)
    country = gazetteer.country_of(name, codes=label in PLACE_LABELS or label == "NORP")
    single = len(name.split()) == 1
    if not single:
        if country:
            return "c:" + country
        if is_person_full(name):
            return _person_node(name, aliases)
        city = gazetteer.city_of(name, alternates=label in PLACE_LABELS)
        if city and (label in PLACE_LABELS or city.population >= gazetteer.MIN_OVERRIDE_POPULATION):
            return f"t:{city.name}|{city.country}"
        return "n:" + fold
    article_index, corpus_index, full_counts, genders = people
    local = article_index.get(article)
    v = votes.get(fold, Counter())
    if label == "NORP" and v["PERSON"] * 2 > sum(v.values()):
        label = "PERSON"  # "Blair aides": a person's name used as a modifier, a person everywhere else
    if label in PLACE_LABELS or label == "NORP":
        if country:
            return "c:" + country
        city = gazetteer.city_of(name)
        if city:
            return f"t:{city.name}|{city.country}"
        roots, _ = partial_candidates(name, local, nodes.find) if local else (set(), True)
        return next(iter(roots)) if len(roots) == 1 else "n:" + fold
    if not looks_like_person_name(name):
        return ("c:" + country) if country else "n:" + fold
    gender = honorific_gender(m.text)
    first_names = label == "PERSON"  # "Labour" (ORG) is nobody's first name
    roots, _ = partial_candidates(name, local, nodes.find, first_names=first_names) if local else (set(), True)
    if roots:  # someone named in full in the article; "Mrs Howard" beside Michael Howard is someone else
        fitting = {r for r in roots if genders.get(r, gender) == gender} if gender else roots
        return next(iter(fitting)) if len(fitting) == 1 else _lone(fold, gender)
    if country:
        return "c:" + country
    # A lone name the model tagged ORG ("Trump administration") joins a person known in full elsewhere.
    if label in {"PERSON", "ORG"}:
        roots, by_surname = partial_candidates(name, corpus_index, nodes.find, first_names=first_names)
        fitting = {r for r in roots if genders.get(r, gender) == gender} if gender else roots
        if len(fitting) == 1:
            return next(iter(fitting))
        best = dominant(fitting, full_counts) if by_surname else None
        if best or roots:
            return best or _lone(fold, gender)
        big_city = gazetteer.city_of(name, alternates=False, min_population=gazetteer.MIN_OVERRIDE_POPULATION)
        if big_city:
            return f"t:{big_city.name}|{big_city.country}"
    return _lone(fold, gender) if v["PERSON"] and v["PERSON"] * 2 >= sum(v.values()) else "n:" + fold


def _merge_acronyms(named, assignment_node: dict[Ref, str], nodes: _Nodes) -> None:  # noqa: ANN001
    """Join an acronym node to the one long-form node that spells it and appears beside it in some article."""
    long_forms: dict[str, set[str]] = defaultdict(set)
    per_article: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for ex, i, m in named:
        node = assignment_node[(ex.article, i)]
        if node.startswith("n:"):
            per_article[ex.article].append((m.name, node))
    for article in sorted(per_article):
        items = per_article[article]
        acronyms = {name: node for name, node in items if name.isupper() and 2 <= len(name) <= 6 and name.isalpha()}
        for name, node in items:
            if len(name.split()) >= 2:
                acr = _initials(name)
                if acr in acronyms and acronyms[acr] != node:
                    long_forms[acronyms[acr]].add(node)
    for acronym in sorted(long_forms):
        if len(long_forms[acronym]) == 1:
            nodes.union(acronym, next(iter(long_forms[acronym])))


def _merge_plurals(assignment_node: dict[Ref, str], nodes: _Nodes, votes: dict[str, Counter[str]]) -> set[str]:
    """Join the singular and plural forms of a multi-word group name ("Lib Dem"/"Lib Dems"); returns their keys."""
    keys = {k for k in assignment_node.values() if k.startswith("n:")}
    groups: set[str] = set()
    for key in sorted(keys):
        other = "n:" + _plural_sibling(key[2:])
        if key.endswith("s") and other in keys and (_group_voted(votes.get(key[2:], Counter()))
                                                    or _group_voted(votes.get(other[2:], Counter()))):
            nodes.union(key, other)
            groups |= {key, other}
    return groups


def _merge_lone_genders(assignment_node: dict[Ref, str], nodes: _Nodes) -> None:
    """A lone "Blair" joins the lone "Mr Blair" when no "Mrs Blair" stands apart (and vice versa)."""
    variants: dict[str, set[str]] = defaultdict(set)
    for key in assignment_node.values():
        if key.startswith("p1:"):
            variants[key[3:].split("|")[0]].add(key)
    for fold, keys in sorted(variants.items()):
        gendered = sorted(keys - {"p1:" + fold})
        if len(gendered) == 1 and "p1:" + fold in keys:
            nodes.union("p1:" + fold, gendered[0])


def _entities(exs: list[Extraction], assignment_node: dict[Ref, str], nodes: _Nodes, aliases: Aliases,
              groups: set[str]) -> Resolution:
    by_ex = {ex.article: ex for ex in exs}
    clusters: dict[str, list[Ref]] = defaultdict(list)
    for ref in sorted(assignment_node):
        clusters[nodes.find(assignment_node[ref])].append(ref)
    forced_labels = {"f:" + _fold(c): c for c in aliases.merge}
    drafts = []
    for root, refs in clusters.items():
        members = [by_ex[a].mentions[i] for a, i in refs]
        keys = {assignment_node[r] for r in refs} | {root}
        named = [m for m in members if m.kind in NAME_KINDS]
        etype, label = _type_and_label(keys, named, forced_labels, bool(keys & groups))
        if not named:
            continue
        drafts.append((node_id(etype, label), label, etype, refs, members))
    drafts.sort(key=lambda d: (d[0], d[1], d[3][0]))
    ids = unique_ids([d[0] for d in drafts])
    entities: dict[str, Entity] = {}
    assignment: dict[Ref, str] = {}
    for eid, (_, label, etype, refs, members) in zip(ids, drafts):
        named = [m for m in members if m.kind in NAME_KINDS]
        surfaces = {clean_surface(m.text) for m in named} | {m.name for m in named if m.kind == "name"}
        entities[eid] = Entity(
            id=eid,
            label=label,
            type=etype,
            aliases=tuple(sorted(s for s in surfaces if s)),
            titles=tuple(sorted({t for m in members for t in m.titles})),
            mentions=len(named),  # pronouns and titles point at the entity but are not mentions of its name
            articles=tuple(sorted({a for a, _ in refs})),
            evidence=_first_evidence(by_ex, refs),
        )
        for ref in refs:
            assignment[ref] = eid
    return Resolution(entities=entities, assignment=assignment)


def _type_and_label(keys: set[str], named: list[Mention], forced_labels: dict[str, str],
                    group: bool = False) -> tuple[str, str]:
    forced = sorted(k for k in keys if k in forced_labels)
    countries = sorted(k[2:] for k in keys if k.startswith("c:"))
    cities = sorted(k[2:].split("|")[0] for k in keys if k.startswith("t:"))
    person = any(k.startswith(("p:", "p1:")) for k in keys)
    votes = Counter(m.label for m in named)
    if countries or cities:
        etype = "GPE"
    elif person:
        etype = "PERSON"
    else:
        ranked = sorted(votes.items(), key=lambda kv: (-kv[1], TYPE_ORDER.index(kv[0]) if kv[0] in TYPE_ORDER else 99))
        etype = ranked[0][0] if ranked else "ORG"
        # Not a person key: the name was ruled out as a person ("Lib Dem Treasury"), whatever the model said.
        if etype == "PERSON" and (group or all(k.startswith("n:") for k in keys)
                                  or not any(looks_like_person_name(m.name) for m in named)):
            etype = next((t for t, _ in ranked if t != "PERSON"), "NORP" if group else "ORG")
    if forced:
        return etype, forced_labels[forced[0]]
    if countries:
        return etype, countries[0]
    if cities and not person:
        return etype, cities[0]
    forms = Counter(m.name for m in named if m.kind == "name")
    if not forms:
        forms = Counter(m.name for m in named)
    if etype == "PERSON":
        full = Counter({f: n for f, n in forms.items() if len(f.split()) >= 2 and not f.isupper()})
        forms = full or forms
    best = sorted(forms.items(), key=lambda kv: (-kv[1], -len(kv[0].split()), kv[0].isupper() and etype == "PERSON", kv[0]))
    return etype, best[0][0] if best else ""


def _first_evidence(by_ex: dict[str, Extraction], refs: list[Ref]) -> str:
    for article, i in refs:
        ex = by_ex[article]
        sentence = ex.sentence(ex.mentions[i].sent)
        if sentence:
            return sentence
    return ""
