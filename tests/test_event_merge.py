"""Cross-article event merging (kg.events.resolve_events) on hand-made extractions."""
from __future__ import annotations

from dataclasses import dataclass, field

from kg.events import MAX_BUCKET_PAIRS, Description, _candidate_pairs, dates_compatible, resolve_events
from kg.model import Entity, Event, Extraction, Mention

PLACES = {"Paris": "GPE", "Riyadh": "GPE", "Saudi Arabia": "GPE", "Lyon": "GPE", "France": "GPE"}


@dataclass
class FakeResolution:
    """The Resolution interface resolve_events uses: entities by id, and entity_of(article, mention)."""

    entities: dict[str, Entity] = field(default_factory=dict)
    assignment: dict[tuple[str, int], str] = field(default_factory=dict)

    def entity_of(self, article: str, mention: int) -> str | None:
        return self.assignment.get((article, mention))


def _article(name: str, events: list[tuple[str, list[str], str, str]], date: str = "") -> Extraction:
    """events: (event_type, participant names, place name or "", date)."""
    mentions: list[Mention] = []
    out: list[Event] = []
    for sent, (etype, who, place, when) in enumerate(events):
        parts = []
        for person in who:
            mentions.append(Mention(person, person, "PERSON", 0, len(person), sent))
            parts.append((len(mentions) - 1, "participant"))
        place_index = None
        if place:
            mentions.append(Mention(place, place, PLACES.get(place, "GPE"), 0, len(place), sent))
            place_index = len(mentions) - 1
        out.append(Event(etype, etype, sent, tuple(parts), place_index, when, when and "Monday"))
    sentences = tuple((i, f"{name} sentence {i}.") for i in range(len(events)))
    return Extraction(article=name, date=date, sentences=sentences, mentions=tuple(mentions), events=tuple(out))


def _resolve(extractions: list[Extraction]) -> FakeResolution:
    res = FakeResolution()
    for ex in extractions:
        for i, m in enumerate(ex.mentions):
            eid = ("gpe:" if m.label == "GPE" else "person:") + m.name.lower().replace(" ", "-")
            res.entities.setdefault(eid, Entity(eid, m.name, m.label))
            res.assignment[(ex.article, i)] = eid
    return res


def _events(extractions: list[Extraction]):
    entities, claims = resolve_events(extractions, _resolve(extractions))
    return entities, claims


def test_same_meeting_in_two_articles_merges() -> None:
    a = _article("a", [("meeting", ["Emmanuel Macron", "Olaf Scholz"], "Paris", "2025-02-17")])
    b = _article("b", [("meeting", ["Olaf Scholz", "Donald Tusk"], "Paris", "2025-02-17")])
    entities, claims = _events([a, b])
    assert len(entities) == 1
    event = entities[0]
    assert event.type == "EVENT" and event.id.startswith("event:")
    assert event.articles == ("a", "b")
    assert event.date == "2025-02-17" and event.event_type == "meeting"
    assert event.label == "Meeting in Paris (2025-02-17)"
    who = {c.source for c in claims if c.target == event.id and c.kind == "event"}
    assert who == {"person:emmanuel-macron", "person:olaf-scholz", "person:donald-tusk"}
    assert {(c.source, c.relation, c.target) for c in claims if c.source == event.id} == {(event.id, "held in", "gpe:paris")}


def test_two_meetings_in_one_city_on_different_days_stay_apart() -> None:
    a = _article("a", [("meeting", ["Emmanuel Macron", "Olaf Scholz"], "Paris", "2025-02-17")])
    b = _article("b", [("meeting", ["Emmanuel Macron", "Olaf Scholz"], "Paris", "2025-03-06")])
    entities, _ = _events([a, b])
    assert sorted(e.date for e in entities) == ["2025-02-17", "2025-03-06"]
    assert len({e.id for e in entities}) == 2


def test_undated_description_joins_the_dated_one_without_bridging_two_days() -> None:
    a = _article("a", [("meeting", ["Emmanuel Macron"], "Paris", "2025-02-17")])
    b = _article("b", [("meeting", ["Emmanuel Macron"], "Paris", "2025-03-06")])
    c = _article("c", [("talks", ["Emmanuel Macron"], "Paris", "")])
    entities, _ = _events([a, b, c])
    assert len(entities) == 2  # c joins one of them, never both into one
    assert sum(len(e.articles) for e in entities) == 3


def test_city_and_its_country_are_one_place() -> None:
    a = _article("a", [("talks", ["Marco Rubio", "Sergey Lavrov"], "Saudi Arabia", "2025-02")])
    b = _article("b", [("meeting", ["Sergey Lavrov"], "Riyadh", "")])
    entities, claims = _events([a, b])
    assert len(entities) == 1
    assert " in Riyadh (2025-02)" in entities[0].label  # the more specific place names it
    places = {c.target for c in claims if c.relation == "held in"}
    assert places == {"gpe:saudi-arabia", "gpe:riyadh"}


def test_two_cities_of_one_country_stay_apart() -> None:
    a = _article("a", [("meeting", ["Emmanuel Macron"], "Paris", "")])
    b = _article("b", [("meeting", ["Emmanuel Macron"], "Lyon", "")])
    assert len(_events([a, b])[0]) == 2


def test_disjoint_groups_in_one_place_stay_apart() -> None:
    a = _article("a", [("talks", ["Marco Rubio", "Sergey Lavrov"], "Riyadh", "")])
    b = _article("b", [("meeting", ["Donald Trump", "Vladimir Putin"], "Saudi Arabia", "")])
    assert len(_events([a, b])[0]) == 2


def test_participant_overlap_merges_without_place() -> None:
    a = _article("a", [("meeting", ["Keir Starmer", "Donald Trump"], "", "2025-02")])
    b = _article("b", [("meeting", ["Keir Starmer", "Donald Trump"], "Paris", "")])
    entities, _ = _events([a, b])
    assert len(entities) == 1


def test_sentences_of_one_article_merge() -> None:
    a = _article("a", [("meeting", ["Emmanuel Macron"], "Paris", "2025-02-17"), ("summit", ["Olaf Scholz"], "Paris", "")])
    entities, _ = _events([a])
    assert len(entities) == 1 and entities[0].mentions == 2


def test_different_families_stay_apart() -> None:
    a = _article("a", [("meeting", ["Emmanuel Macron"], "Paris", "2025-02-17"), ("attack", ["Emmanuel Macron"], "Paris", "2025-02-17")])
    assert len(_events([a])[0]) == 2


def test_call_label_uses_surnames_and_needs_no_place() -> None:
    a = _article("a", [("call", ["Donald Trump", "Vladimir Putin"], "", "")])
    entities, _ = _events([a])
    assert len(entities) == 1
    assert entities[0].label in ("Call: Trump – Putin", "Call: Putin – Trump")


def test_event_without_participants_is_dropped() -> None:
    a = _article("a", [("meeting", [], "Paris", "2025-02-17")])
    assert _events([a]) == ([], [])


def test_result_does_not_depend_on_input_order() -> None:
    arts = [
        _article("a", [("meeting", ["Emmanuel Macron"], "Paris", "2025-02-17")]),
        _article("b", [("meeting", ["Emmanuel Macron"], "Paris", "2025-03-06")]),
        _article("c", [("talks", ["Emmanuel Macron"], "Paris", ""), ("call", ["Donald Trump", "Vladimir Putin"], "", "")]),
    ]
    first = _events(arts)
    second = _events(list(reversed(arts)))
    assert first[0] == second[0]
    assert sorted(first[1], key=repr) == sorted(second[1], key=repr)


def test_dates_compatible() -> None:
    assert dates_compatible("", "2025-02-17")
    assert dates_compatible("2025-02", "2025-02-17")
    assert not dates_compatible("2025-02-17", "2025-02-18")
    assert not dates_compatible("2025-01", "2025-02-17")


def test_many_descriptions_stay_fast_and_grouped() -> None:
    # 300 meetings on 300 days in one city: buckets keep it from comparing all pairs, days keep them apart.
    arts = [_article(f"a{i:03d}", [("meeting", ["Emmanuel Macron"], "Paris", f"20{10 + i // 365:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}")])
            for i in range(300)]
    entities, _ = _events(arts)
    assert len(entities) == len({e.date for e in entities})


def test_an_event_no_words_date_takes_the_month_of_its_first_report():
    exs = [
        _article("a", [("meeting", ["Keir Starmer", "Volodymyr Zelensky"], "Kyiv", "")], date="2025-01-16"),
        _article("b", [("meeting", ["Keir Starmer", "Volodymyr Zelensky"], "Kyiv", "")], date="2025-01-20"),
        _article("c", [("meeting", ["Olaf Scholz", "Giorgia Meloni"], "Rome", "2025-03-02")], date="2025-03-05"),
        _article("d", [("meeting", ["Mark Rutte", "Donald Tusk"], "Warsaw", "")]),  # no publication date
    ]
    entities, _ = resolve_events(exs, _resolve(exs))
    by_place = {e.extra[0][1]: e for e in entities if e.extra}
    assert (by_place["Kyiv"].date, by_place["Kyiv"].date_text) == ("2025-01", "reported 2025-01-16")
    assert "2025-01" not in by_place["Kyiv"].label  # an inferred month is not presented as the event's own date
    assert by_place["Rome"].date == "2025-03-02"  # words that date the event win over the report's date
    assert by_place["Warsaw"].date == ""


def _description(i: int, who: str, *, place: str = "", date: str = "") -> Description:
    article = f"a{i:05d}"
    return Description(key=(article, 0), event_type="meeting", family="meeting", participants=((who, "participant"),),
                       place=place, date=date, date_text="", article=article, sentence="", named="")


def test_unrelated_descriptions_are_never_paired() -> None:
    # 3,000 meetings with nothing in common: comparing all pairs would be 4.5 million comparisons.
    descriptions = [_description(i, f"person:p{i}", place=f"gpe:g{i}", date=f"2025-01-{1 + i % 28:02d}")
                    for i in range(3000)]
    assert _candidate_pairs(descriptions, FakeResolution()) == set()


def test_a_crowded_bucket_pairs_each_description_with_a_bounded_number_of_neighbours() -> None:
    # 3,000 meetings of one man: the pairs grow with the descriptions (a window of neighbours each),
    # not with their square, however big the corpus.
    n = 3000
    descriptions = [_description(i, "person:emmanuel-macron", date=f"20{10 + i // 336:02d}-{1 + i // 28 % 12:02d}-{1 + i % 28:02d}")
                    for i in range(n)]
    pairs = _candidate_pairs(descriptions, FakeResolution())
    assert len(pairs) <= MAX_BUCKET_PAIRS * n < n * (n - 1) // 2 // 20
    assert len(pairs) >= (MAX_BUCKET_PAIRS - 1) * (n - MAX_BUCKET_PAIRS)  # every neighbour in the window is paired
