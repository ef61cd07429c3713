"""The global event step: descriptions of one event, in one article or many, become one EVENT node.

Two descriptions are one event when they are of one family (talks, summit, meeting ...), their dates
agree (same day, or one only a month, or one undated) and either their places agree (the same place,
or a city and its country: "talks in Saudi Arabia" and "the meeting in Riyadh") or their participants
overlap strongly. Descriptions are compared only within buckets (family + country, family + participant),
so the work grows with the bucket sizes, not with the square of the corpus.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from kg import gazetteer
from kg.extract.events import ROLE_RANK, event_words, family_of
from kg.model import Claim, Entity, Extraction

if TYPE_CHECKING:  # only the Resolution's interface is used: entities by id, entity_of(article, mention)
    from kg.resolve import Resolution
from kg.slug import slugify

EVENT_KIND = "event"
ROLE_RELATIONS = {"host": "hosts", "convener": "convenes", "attendee": "attends", "participant": "participates in"}
PLACE_RELATION = "held in"
MAX_BUCKET_PAIRS = 64  # in a huge bucket, compare each description with this many neighbours (by date)


@dataclass(frozen=True)
class Description:
    """One event as one sentence describes it, with resolved entity ids."""

    key: tuple[str, int]  # (article, event index): stable, independent of input order
    event_type: str
    family: str
    participants: tuple[tuple[str, str], ...]  # (entity id, role)
    place: str  # entity id or ""
    date: str
    date_text: str
    article: str
    sentence: str
    named: str  # entity id of a named event mention, or ""
    published: str = ""  # the reporting article's publication date, or ""
    # Made once: pairing and ranking read it for every candidate pair, tens of thousands of times.
    people: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "people", frozenset(p for p, _ in self.participants))


def resolve_events(extractions: Sequence[Extraction], resolution: Resolution) -> tuple[list[Entity], list[Claim]]:
    """Event entities (new ones, and named EVENT entities completed with type and date) and their claims."""
    descriptions = sorted(_descriptions(extractions, resolution), key=lambda d: d.key)
    clusters = _cluster(descriptions, resolution)
    drafts = [c for c in clusters if _worth_a_node(c)]
    named_ids = [next((d.named for d in c if d.named), "") for c in drafts]
    wanted = [named or "event:" + slugify(_label(c, resolution)) for c, named in zip(drafts, named_ids)]
    ids = [""] * len(drafts)
    used = set(resolution.entities) - set(named_ids)
    for i in sorted(range(len(drafts)), key=lambda i: (not named_ids[i], wanted[i], min(d.key for d in drafts[i]))):
        if named_ids[i] and named_ids[i] not in used:
            ids[i] = named_ids[i]
        else:
            named_ids[i] = ""
            base = wanted[i] if wanted[i].startswith("event:") else "event:" + slugify(_label(drafts[i], resolution))
            eid, n = base, 2
            while eid in used:
                eid, n = f"{base}-{n}", n + 1
            ids[i] = eid
        used.add(ids[i])
    entities: list[Entity] = []
    claims: list[Claim] = []
    for cluster, eid, named in zip(drafts, ids, named_ids):
        entity = _entity(eid, cluster, resolution, resolution.entities.get(named))
        entities.append(entity)
        claims.extend(_claims(eid, cluster))
    return entities, claims


def _descriptions(extractions: Iterable[Extraction], resolution: Resolution) -> Iterable[Description]:
    for ex in extractions:
        for n, ev in enumerate(ex.events):
            place = resolution.entity_of(ex.article, ev.place) if ev.place is not None else None
            participants: dict[str, str] = {}
            for m, role in ev.participants:
                eid = resolution.entity_of(ex.article, m)
                if eid and eid != place and (eid not in participants or ROLE_RANK.get(role, 9) < ROLE_RANK.get(participants[eid], 9)):
                    participants[eid] = role
            named = resolution.entity_of(ex.article, ev.mention) if ev.mention is not None else None
            yield Description(
                key=(ex.article, n), event_type=ev.event_type, family=family_of(ev.event_type),
                participants=tuple(sorted(participants.items())), place=place or "",
                date=ev.date, date_text=ev.date_text, article=ex.article, sentence=ex.sentence(ev.sent),
                named=named or "", published=ex.date,
            )


def dates_compatible(a: str, b: str) -> bool:
    """Undated agrees with anything; "2025-02" with "2025-02-17"; two different days never."""
    return not a or not b or a.startswith(b) or b.startswith(a)


def places_compatible(a: str, b: str, resolution: Resolution) -> bool:
    if not a or not b or a == b:
        return True
    ca, cb = _country_of(a, resolution), _country_of(b, resolution)
    if not ca or ca != cb:
        return False
    # A city and its country agree; two different cities of one country do not.
    return _is_country(a, resolution) or _is_country(b, resolution)


def _same_event(a: Description, b: Description, resolution: Resolution) -> bool:
    if a.family != b.family or not dates_compatible(a.date, b.date):
        return False
    if a.named and b.named:
        return a.named == b.named
    if not places_compatible(a.place, b.place, resolution):
        return False
    shared = a.people & b.people
    same_day = len(a.date) == len(b.date) == 10 and a.date == b.date
    if a.people and b.people and not shared and not same_day and a.article != b.article:
        return False  # two groups with nobody in common meet separately, unless on one day or in one report
    if a.place and b.place:
        return True
    return len(shared) >= 2 and len(shared) * 2 >= min(len(a.people), len(b.people))


def _cluster(descriptions: Sequence[Description], resolution: Resolution) -> list[list[Description]]:
    """Union descriptions of one event; a union never joins two clusters with different days."""
    parent = list(range(len(descriptions)))
    days: list[set[str]] = [{d.date} if len(d.date) == 10 else set() for d in descriptions]
    places: list[set[str]] = [{d.place} if d.place else set() for d in descriptions]
    people: list[set[str]] = [set(d.people) for d in descriptions]
    articles: list[set[str]] = [{d.article} if d.people else set() for d in descriptions]  # that name people

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri == rj or len(days[ri] | days[rj]) > 1:
            return
        if not all(places_compatible(p, q, resolution) for p in places[ri] for q in places[rj]):
            return
        if people[ri] and people[rj] and not people[ri] & people[rj] and not days[ri] & days[rj] and not articles[ri] & articles[rj]:
            return  # as in _same_event, but for everything each side has gathered so far
        lo, hi = min(ri, rj), max(ri, rj)
        parent[hi] = lo
        days[lo] |= days[hi]
        places[lo] |= places[hi]
        people[lo] |= people[hi]
        articles[lo] |= articles[hi]

    # Most informative pairs first, so an undated description joins the dated cluster it fits best.
    for i, j in sorted(_candidate_pairs(descriptions, resolution), key=lambda p: _pair_rank(descriptions, p)):
        if _same_event(descriptions[i], descriptions[j], resolution):
            union(i, j)
    groups: dict[int, list[Description]] = defaultdict(list)
    for i, d in enumerate(descriptions):
        groups[find(i)].append(d)
    return [groups[k] for k in sorted(groups)]


def _pair_rank(descriptions: Sequence[Description], pair: tuple[int, int]) -> tuple:
    a, b = descriptions[pair[0]], descriptions[pair[1]]
    dated = (len(a.date) == 10) + (len(b.date) == 10)
    return (-dated, -len(a.people & b.people), -(bool(a.place) + bool(b.place)), a.key, b.key)


def _candidate_pairs(descriptions: Sequence[Description], resolution: Resolution) -> set[tuple[int, int]]:
    buckets: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, d in enumerate(descriptions):
        keys = {("place", _country_of(d.place, resolution) or d.place)} if d.place else set()
        keys |= {("who", p) for p in d.people}
        if d.named:
            keys.add(("named", d.named))
        if not keys:
            keys.add(("article", d.article))  # "the talks": only with its own article's descriptions
        keys.add(("article", d.article))
        for kind, value in keys:
            buckets[(d.family, f"{kind}:{value}")].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        members = sorted(members, key=lambda i: (descriptions[i].date, descriptions[i].key))
        for x, i in enumerate(members):
            for j in members[x + 1 : x + 1 + MAX_BUCKET_PAIRS]:
                pairs.add((min(i, j), max(i, j)))
    return pairs


def _worth_a_node(cluster: Sequence[Description]) -> bool:
    """Someone took part, and the event is pinned down: a place, a date, or two parties."""
    people = {p for d in cluster for p in d.people}
    if any(d.named for d in cluster):
        return bool(people)
    if not people:
        return False
    if any(d.place for d in cluster) or any(d.date for d in cluster):
        return True
    return len(people) >= 2 and any(d.family == "call" for d in cluster)


def _entity(eid: str, cluster: Sequence[Description], resolution: Resolution, named: Entity | None) -> Entity:
    etype = _event_type(cluster)
    date, date_text = _date(cluster) if any(d.date for d in cluster) else _reported(cluster)
    articles = sorted({d.article for d in cluster} | set(named.articles if named else ()))
    evidence = max((d for d in cluster if d.sentence), key=_evidence_score, default=None)
    label = named.label if named else _label(cluster, resolution)
    return Entity(
        id=eid, label=label, type="EVENT",
        aliases=named.aliases if named else (),  # surface forms of a named event; a described one has none
        titles=named.titles if named else (),
        mentions=len(cluster) + (named.mentions if named else 0),
        articles=tuple(articles),
        evidence=evidence.sentence if evidence else (named.evidence if named else ""),
        event_type=etype, date=date, date_text=date_text,
        extra=(("place", resolution.entities[p].label),) if (p := _place(cluster, resolution)) else (),
    )


def _evidence_score(d: Description) -> tuple:
    return (len(d.participants) + bool(d.place) + bool(d.date), -abs(len(d.sentence) - 160), d.key)


def _claims(eid: str, cluster: Sequence[Description]) -> Iterable[Claim]:
    """One edge per participant, with the clearest role any description gives it."""
    roles: dict[str, str] = {}
    for d in cluster:
        for who, role in d.participants:
            if who not in roles or ROLE_RANK.get(role, 9) < ROLE_RANK.get(roles[who], 9):
                roles[who] = role
    for d in cluster:
        for who, _ in d.participants:
            yield Claim(who, eid, ROLE_RELATIONS.get(roles[who], "participates in"), EVENT_KIND, d.article, d.sentence,
                        rtype="participant_in")
        if d.place:
            yield Claim(eid, d.place, PLACE_RELATION, EVENT_KIND, d.article, d.sentence, rtype="event_location")


def _event_type(cluster: Sequence[Description]) -> str:
    counts = Counter(d.event_type for d in cluster)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _date(cluster: Sequence[Description]) -> tuple[str, str]:
    """The most precise date the descriptions agree on (most often said first), with its words."""
    dated = [d for d in cluster if d.date]
    if not dated:
        texts = Counter(d.date_text for d in cluster if d.date_text)
        return "", (sorted(texts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if texts else "")
    counts = Counter(d.date for d in dated)
    best = sorted(counts.items(), key=lambda kv: (-len(kv[0]), -kv[1], kv[0]))[0][0]
    words = Counter(d.date_text for d in dated if d.date == best)
    return best, sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _reported(cluster: Sequence[Description]) -> tuple[str, str]:
    """No words date the event: news reports what is recent, so it takes the month of the first report.

    Only the month, and ``date_text`` says where it came from ("reported 2025-01-16"); an event that no
    dated article reports stays undated.
    """
    published = sorted(d.published for d in cluster if d.published)
    if not published:
        return _date(cluster)
    return published[0][:7], f"reported {published[0]}"


def _place(cluster: Sequence[Description], resolution: Resolution) -> str:
    """The most specific place said: a city over its country, then the most often said."""
    counts = Counter(d.place for d in cluster if d.place)
    if not counts:
        return ""
    return sorted(counts.items(), key=lambda kv: (_is_country(kv[0], resolution), -kv[1], kv[0]))[0][0]


def _label(cluster: Sequence[Description], resolution: Resolution) -> str:
    """ "Meeting in Paris (2025-02-17)", "Visit to Kyiv", "Call: Trump – Putin"."""
    names = event_words()["type_labels"]
    etype = _event_type(cluster)
    head = names.get(etype, etype.capitalize())
    date, _ = _date(cluster)
    when = f" ({date})" if date else ""
    place = _place(cluster, resolution)
    if place and family_of(etype) != "call":
        prep = "to" if family_of(etype) == "visit" else "in"
        return f"{head} {prep} {resolution.entities[place].label}{when}"
    weight: Counter[str] = Counter(p for d in cluster for p in d.people)
    top = sorted(weight, key=lambda p: (-weight[p], resolution.entities[p].label))[:3]
    who = " – ".join(_short_name(resolution.entities[p]) for p in top)
    return f"{head}: {who}{when}" if who else f"{head}{when}"


def _short_name(entity: Entity) -> str:
    if entity.type == "PERSON" and " " in entity.label:
        return entity.label.split()[-1]
    return entity.label


def _country_of(entity_id: str, resolution: Resolution) -> str:
    entity = resolution.entities.get(entity_id)
    if entity is None:
        return ""
    return _country_code(entity.label) or _city_country(entity.label)


def _is_country(entity_id: str, resolution: Resolution) -> bool:
    entity = resolution.entities.get(entity_id)
    return bool(entity and _country_code(entity.label))


@lru_cache(maxsize=8192)
def _country_code(name: str) -> str:
    """The country a place name is (canonical name), or ""."""
    return gazetteer.country_of(name, codes=False) or ""


@lru_cache(maxsize=8192)
def _city_country(name: str) -> str:
    """The country of the most populous city of that name, or ""."""
    city = gazetteer.city_of(name)
    return city.country if city else ""


@dataclass(frozen=True)
class TimelineEntry:
    date: str
    label: str
    place: str
    participants: tuple[str, ...]  # labels, sorted
    event_type: str = ""


def _kinds(data: dict) -> set[str]:
    # GraphML collapses parallel edges into one with "kinds"/"relations" lists: read both forms.
    values = {str(data.get("kind", ""))} | {k.strip() for k in str(data.get("kinds", "")).split("|")}
    return {v for v in values if v}


def timeline(graph) -> tuple[list[TimelineEntry], list[TimelineEntry]]:  # noqa: ANN001 - a networkx graph
    """(dated events in chronological order, undated events by label) of a built graph."""
    dated: list[TimelineEntry] = []
    undated: list[TimelineEntry] = []
    for node, data in graph.nodes(data=True):
        if data.get("type") != "EVENT":
            continue
        who = set()
        places = []
        for source, _, edge in graph.in_edges(node, data=True):
            if EVENT_KIND in _kinds(edge) and source != node:
                who.add(str(graph.nodes[source].get("label", source)))
        for _, target, edge in graph.out_edges(node, data=True):
            if EVENT_KIND in _kinds(edge) and PLACE_RELATION in str(edge.get("relation", "")) + str(edge.get("relations", "")):
                places.append(str(graph.nodes[target].get("label", target)))
        place = str(data.get("place", "")) or ", ".join(sorted(places))
        entry = TimelineEntry(str(data.get("date", "") or ""), str(data.get("label", node)), place,
                              tuple(sorted(who)), str(data.get("event_type", "") or ""))
        (dated if entry.date else undated).append(entry)
    dated.sort(key=lambda e: (e.date, e.label))
    undated.sort(key=lambda e: e.label)
    return dated, undated
