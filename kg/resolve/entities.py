"""From groups of keys to entities: type and label voted over the mentions, and why each merge happened."""
from __future__ import annotations

from collections import Counter, defaultdict

from kg import gazetteer
from kg.aliases import Aliases
from kg.extract.names import clean_surface, looks_like_person_name
from kg.model import PLACE_LABELS, Entity, Extraction, Mention
from kg.resolve import Resolution
from kg.resolve.evidence import CONTEXT_WEIGHT
from kg.resolve.keys import City, Country, Forced, Key, Lone, Name, Person
from kg.resolve.merge import Groups
from kg.slug import node_id, unique_ids

NAME_KINDS = frozenset({"name", "demonym"})
# Type preference when votes tie (no gazetteer place among the keys: an organisation before a place).
NAME_TYPE_ORDER = ("PERSON", "ORG", "PRODUCT", "GPE", "LOC", "FAC", "NORP", "EVENT")
MAX_MERGES = 20  # explanations kept per entity

Ref = tuple[str, int]


def build_entities(exs: list[Extraction], assignment: dict[Ref, Key], groups: Groups, aliases: Aliases,
                   plural_groups: set[Key]) -> Resolution:
    by_ex = {ex.article: ex for ex in exs}
    clusters: dict[Key, list[Ref]] = defaultdict(list)
    for ref in sorted(assignment):
        clusters[groups.find(assignment[ref])].append(ref)
    forced_labels = {Forced(gazetteer.fold(c)): c for c in aliases.merge}
    forms_of_key: dict[Key, Counter[str]] = defaultdict(Counter)
    drafts = []
    for root, refs in clusters.items():
        members = [by_ex[a].mentions[i] for a, i in refs]
        keys = {assignment[r] for r in refs} | {root}
        named = [m for m in members if m.kind in NAME_KINDS]
        for r, m in zip(refs, members):
            if m.kind in NAME_KINDS:
                forms_of_key[assignment[r]][m.name] += 1
        if not named:
            continue
        etype, label = type_and_label(keys, named, forced_labels, bool(keys & plural_groups))
        drafts.append((node_id(etype, label), label, etype, refs, members, root))
    drafts.sort(key=lambda d: (d[0], d[1], d[3][0]))
    explanations = _explanations(groups, forms_of_key)
    ids = unique_ids([d[0] for d in drafts])
    entities: dict[str, Entity] = {}
    assignment_ids: dict[Ref, str] = {}
    for eid, (_, label, etype, refs, members, root) in zip(ids, drafts):
        named = [m for m in members if m.kind in NAME_KINDS]
        surfaces = {clean_surface(m.text) for m in named} | {m.name for m in named if m.kind == "name"} \
            | {clean_surface(m.styled) for m in named if m.styled}
        entities[eid] = Entity(
            id=eid,
            label=label,
            type=etype,
            aliases=tuple(sorted(s for s in surfaces if s)),
            titles=tuple(sorted({t for m in members for t in m.titles})),
            mentions=len(named),  # pronouns and titles point at the entity but are not mentions of its name
            articles=tuple(sorted({a for a, _ in refs})),
            evidence=_first_evidence(by_ex, refs),
            merges=tuple(explanations.get(root, ())[:MAX_MERGES]),
        )
        for ref in refs:
            assignment_ids[ref] = eid
    return Resolution(entities=entities, assignment=assignment_ids)


_SAME_KEY = {
    Name: "the same name up to case, dots and legal form",
    Person: "the same first name and surname, up to spelling",
    Lone: "the same name",
    Country: "one country in the gazetteer",
    City: "one city in the gazetteer",
    Forced: "the aliases file",
}


def _explanations(groups: Groups, forms_of_key: dict[Key, Counter[str]]) -> dict[Key, list[str]]:
    """Per group root, one line per join: "Starmer + Keir Starmer: surname of the one full name in its article"."""
    out: dict[Key, list[str]] = defaultdict(list)
    for key, forms in sorted(forms_of_key.items()):
        names = sorted(forms, key=lambda f: (-forms[f], f))
        for other in names[1:]:
            out[groups.find(key)].append(f"{names[0]} + {other}: {_SAME_KEY[type(key)]}")
    for link in groups.links:
        a, b = _form(link.a, forms_of_key), _form(link.b, forms_of_key)
        if a and b and a != b:
            line = f"{a} + {b}: {link.rule}"
            root = groups.find(link.a)
            if line not in out[root]:
                out[root].append(line)
    return out


def _form(key: Key, forms_of_key: dict[Key, Counter[str]]) -> str:
    forms = forms_of_key.get(key)
    if forms:
        return sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    if isinstance(key, (Country, City)):
        return key.name
    return getattr(key, "fold", "")


_THING_CUES = frozenset({"ORG", "PRODUCT"})


def type_and_label(keys: set[Key], named: list[Mention], forced_labels: dict[Forced, str],
                   group: bool = False) -> tuple[str, str]:
    forced = sorted(k for k in keys if k in forced_labels)
    countries = sorted(k.name for k in keys if isinstance(k, Country))
    cities = sorted(k.name for k in keys if isinstance(k, City))
    person = any(isinstance(k, (Person, Lone)) for k in keys)
    votes = Counter(m.label for m in named) + Counter({c: n * CONTEXT_WEIGHT for c, n in Counter(m.cue for m in named if m.cue).items()})
    if countries or cities:
        etype = "GPE"
    elif person:
        etype = "PERSON"
    else:
        # No gazetteer place among the keys: on a tie an organisation is likelier than a place.
        order = NAME_TYPE_ORDER
        ranked = sorted(votes.items(), key=lambda kv: (-kv[1], order.index(kv[0]) if kv[0] in order else 99))
        etype = ranked[0][0] if ranked else "ORG"
        cues = Counter(m.cue for m in named if m.cue in _THING_CUES)
        if etype in PLACE_LABELS and cues and not any(gazetteer.knows_place(m.name) for m in named):
            # "Gazprom shares", "the Cabir mobile phone virus": context says firm or product, and no gazetteer
            # place backs the model's label
            etype = sorted(cues.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        # Not a person key: the name was ruled out as a person ("Lib Dem Treasury"), whatever the model said.
        if etype == "PERSON" and (group or all(isinstance(k, Name) for k in keys)
                                  or not any(looks_like_person_name(m.name) for m in named)):
            etype = next((t for t, _ in ranked if t != "PERSON"), "NORP" if group else "ORG")
    if forced:
        return etype, forced_labels[forced[0]]
    if countries:
        return etype, countries[0]
    if cities and not person:
        return etype, cities[0]
    forms = Counter(m.name for m in named if m.kind == "name") or Counter(m.name for m in named)
    if etype == "PERSON":
        full = Counter({f: n for f, n in forms.items() if len(f.split()) >= 2 and not f.isupper()})
        forms = full or forms
    best = sorted(forms.items(), key=lambda kv: (-kv[1], -len(kv[0].split()), kv[0].isupper(), kv[0]))
    return etype, best[0][0] if best else ""


def _first_evidence(by_ex: dict[str, Extraction], refs: list[Ref]) -> str:
    for article, i in refs:
        ex = by_ex[article]
        sentence = ex.sentence(ex.mentions[i].sent)
        if sentence:
            return sentence
    return ""
