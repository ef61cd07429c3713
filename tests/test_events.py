"""Per-sentence event detection (kg.extract.events, kg.extract.named_events) with the real model."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from kg.extract.events import extract_events, trigger_type
from kg.extract.named_events import add_named_events, extract_named_events
from kg.extract.sentences import SentenceIndex
from kg.model import Event, Mention

LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP"}


def _mentions(doc: Doc) -> list[Mention]:
    # Straight from the model's entities, so these tests do not depend on the mention extractor's rules.
    return [Mention(e.text, e.text, e.label_, e.start_char, e.end_char, 0) for e in doc.ents if e.label_ in LABELS]


def _events(nlp, text: str, article_date: str = "") -> tuple[list[Event], list[Mention]]:
    doc = nlp(text)
    mentions = _mentions(doc)
    return list(extract_events(doc, mentions, sentences=SentenceIndex(doc), article_date=article_date)), mentions


def _names(event: Event, mentions: list[Mention]) -> dict[str, str]:
    return {mentions[i].text: role for i, role in event.participants}


def test_meeting_with_convener_attendees_place_and_date(nlp) -> None:
    text = ("Starmer is expected to join German Chancellor Olaf Scholz, Polish Prime Minister Donald Tusk and other "
            "European leaders in Paris on Monday after French President Emmanuel Macron convened talks on Ukraine.")
    events, mentions = _events(nlp, text, "2025-02-17")
    assert len(events) == 1
    event = events[0]
    who = _names(event, mentions)
    assert who["Emmanuel Macron"] == "convener"
    assert who["Olaf Scholz"] == who["Donald Tusk"] == "attendee"
    assert mentions[event.place].text == "Paris"
    assert (event.date, event.date_text) == ("2025-02-17", "Monday")
    assert "Ukraine" not in who  # talks *on* Ukraine: the topic, not a party


def test_demonym_officials_are_participants_and_future_weekday(nlp) -> None:
    events, mentions = _events(nlp, "On Tuesday, U.S. and Russian officials will meet in Saudi Arabia.", "2025-02-17")
    assert len(events) == 1
    assert {"U.S.", "Russian"} <= set(_names(events[0], mentions))
    assert mentions[events[0].place].text == "Saudi Arabia"
    assert events[0].date == "2025-02-18"


def test_leaders_of_countries_included_in_a_meeting(nlp) -> None:
    text = "The meeting Monday in Paris will include Starmer and the leaders of France, Germany, Italy and Poland."
    events, mentions = _events(nlp, text)
    assert len(events) == 1
    assert {"France", "Germany", "Italy", "Poland"} <= set(_names(events[0], mentions))
    assert mentions[events[0].place].text == "Paris"
    assert events[0].date == ""  # no article date: the weekday cannot be pinned
    assert events[0].date_text == "Monday"


def test_definite_reference_takes_place_and_date_from_earlier_event(nlp) -> None:
    text = ("On Tuesday, U.S. and Russian officials will meet in Saudi Arabia for preliminary talks. "
            "Russia's foreign minister, Sergey Lavrov, and adviser Yuri Ushakov will attend the talks.")
    events, mentions = _events(nlp, text, "2025-02-17")
    later = [e for e in events if e.sent == 1]
    assert len(later) == 1
    assert {"Sergey Lavrov", "Yuri Ushakov"} <= set(_names(later[0], mentions))
    assert mentions[later[0].place].text == "Saudi Arabia"
    assert later[0].date == "2025-02-18"


def test_no_event_without_place_or_time(nlp) -> None:
    events, _ = _events(nlp, "Ukraine's path to joining NATO was irreversible, and Putin attacks again.")
    assert events == []


def test_call_needs_no_place(nlp) -> None:
    events, mentions = _events(nlp, "Donald Trump held a phone call with Vladimir Putin.")
    assert [e.event_type for e in events] == ["call"]
    assert {"Donald Trump", "Vladimir Putin"} <= set(_names(events[0], mentions))


def test_call_for_is_no_call(nlp) -> None:
    doc = nlp("In Paris on Monday Starmer reiterated his call for increased military spending.")
    call = next(t for t in doc if t.lower_ == "call")
    assert trigger_type(call) == ""


def test_past_weekday_points_back(nlp) -> None:
    events, _ = _events(nlp, "Zelensky met Keir Starmer in Kyiv on Thursday.", "2025-01-18")
    assert [e.date for e in events] == ["2025-01-16"]


def test_visit_place_from_to_phrase(nlp) -> None:
    events, mentions = _events(nlp, "Keir Starmer travelled to Kyiv on Thursday.", "2025-01-18")
    assert [e.event_type for e in events] == ["visit"]
    assert mentions[events[0].place].text == "Kyiv"


def test_named_event_from_capitalised_name(nlp) -> None:
    doc = nlp("Ahead of the Munich Security Conference, Defense Secretary Pete Hegseth stated his view.")
    named = [m.text for m in extract_named_events(doc)]
    assert named == ["Munich Security Conference"]
    merged = add_named_events(_mentions(doc), doc)
    assert [m.label for m in merged if "Munich" in m.text] == ["EVENT"]
    assert any(m.text == "Pete Hegseth" for m in merged)


def test_headline_is_no_named_event(nlp) -> None:
    doc = nlp("Divisions Within NATO As Leaders Gather For Peace Talks In Paris")
    assert list(extract_named_events(doc)) == []


def test_extract_events_does_not_mutate_doc() -> None:
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=["They", "met", "in", "Paris", "."], heads=[1, 1, 1, 2, 1],
              deps=["nsubj", "ROOT", "prep", "pobj", "punct"], pos=["PRON", "VERB", "ADP", "PROPN", "PUNCT"],
              lemmas=["they", "meet", "in", "Paris", "."], sent_starts=[True, False, False, False, False])
    before = doc.to_bytes()
    mentions = [Mention("Paris", "Paris", "GPE", 12, 17, 0)]
    events = list(extract_events(doc, mentions))
    assert doc.to_bytes() == before
    assert events == []  # a place but no named participant: no event


@pytest.mark.parametrize("word", ["summit", "talks", "visit", "attack", "election"])
def test_event_nouns_come_from_data(nlp, word: str) -> None:
    doc = nlp(f"The {word} was in Paris.")
    token = next(t for t in doc if t.lower_ == word)
    assert trigger_type(token)


def test_the_other_stops_of_a_tour_are_not_participants_of_its_visit(nlp) -> None:
    events, mentions = _events(nlp, "Asimo has visited the UK, Germany, France and Ireland as part of a world tour.")
    visits = [e for e in events if e.event_type == "visit"]
    assert visits and all(set(_names(e, mentions)) <= {"Asimo"} for e in visits)


def test_a_recall_and_a_speech_are_no_calls(nlp) -> None:
    events, _ = _events(nlp, "In addition, the car giant is calling back 17,815 Buick Raniers, Chevrolet Trailblazers "
                             "and Isuzu Ascenders.")
    assert not [e for e in events if e.event_type == "call"]
    events, _ = _events(nlp, "Ukraine's new president, Viktor Yushchenko, is to speak, just days after his inauguration.")
    assert not [e for e in events if e.event_type == "call"]
    events, _ = _events(nlp, "Keir Starmer spoke to Donald Trump by phone on Monday.")
    assert [e.event_type for e in events] == ["call"]
