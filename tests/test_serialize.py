"""kg.serialize: Extraction <-> compact bytes, exact round trips, damaged bytes refused."""
from __future__ import annotations

import json
import pickle
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.model import Event, Extraction, Mention, Relation
from kg.serialize import SCHEMA, DecodeError, decode_extraction, encode_extraction

text = st.text(max_size=30)
small = st.integers(min_value=0, max_value=10_000)
mentions = st.builds(Mention, text=text, name=text, label=text, start=small, end=small, sent=small,
                     titles=st.tuples(text, text) | st.just(()), kind=text)
relations = st.builds(Relation, subject=small, object=small, relation=text, kind=text, sent=small,
                      negated=st.booleans(), quote=text)
events = st.builds(Event, event_type=text, trigger=text, sent=small,
                   participants=st.lists(st.tuples(small, text), max_size=3).map(tuple),
                   place=st.none() | small, date=text, date_text=text, mention=st.none() | small)
extractions = st.builds(
    Extraction, article=text, date=text, title=text, url=text,
    sentences=st.lists(st.tuples(small, text), max_size=4).map(tuple),
    mentions=st.lists(mentions, max_size=4).map(tuple),
    relations=st.lists(relations, max_size=3).map(tuple),
    events=st.lists(events, max_size=2).map(tuple),
    words=small,
)

SAMPLE = Extraction(
    article="seeds/000.txt",
    date="2025-02-17",
    title="Macron hosts talks",
    sentences=((0, 'French President Emmanuel Macron said "non" \u2014 \u00e9t\u00e9.'), (3, "Kyiv \U0001F600")),
    mentions=(Mention("Emmanuel Macron", "Emmanuel Macron", "PERSON", 17, 32, 0, ("president",)),
              Mention("French", "France", "GPE", 0, 6, 0, kind="demonym")),
    relations=(Relation(0, 1, "president of", "role", 0, negated=True, quote="non"),),
    events=(Event("meeting", "talks", 3, ((0, "host"),), place=None, date="2025-02-17", mention=1),),
    words=42,
)


@settings(max_examples=150, deadline=None)
@given(extractions)
def test_round_trip_is_exact(extraction: Extraction) -> None:
    decoded = decode_extraction(encode_extraction(extraction))
    assert decoded == extraction
    assert type(decoded.mentions) is tuple and all(type(m.titles) is tuple for m in decoded.mentions)


def test_types_survive_round_trip() -> None:
    decoded = decode_extraction(encode_extraction(SAMPLE))
    assert decoded == SAMPLE
    assert decoded.relations[0].negated is True  # a bool, not 1
    assert decoded.events[0].place is None and decoded.events[0].mention == 1
    assert decoded.events[0].participants == ((0, "host"),)


def test_round_trip_of_real_extractions(nlp, seeds_dir) -> None:
    from kg.extract import extract_article
    from kg.ingest import iter_articles
    from kg.nlp import parse_articles

    found = [extract_article(a, chunks) for a, chunks in parse_articles(nlp, iter_articles([str(seeds_dir)]))]
    assert found and any(x.mentions for x in found)
    for extraction in found:
        assert decode_extraction(encode_extraction(extraction)) == extraction


def test_compact() -> None:
    blob = encode_extraction(SAMPLE)
    assert len(blob) < len(repr(SAMPLE)) / 2


def _with_body(value: object) -> bytes:
    header = encode_extraction(SAMPLE)[: 3 + len(SCHEMA)]
    return header + zlib.compress(json.dumps(value).encode())


@pytest.mark.parametrize(
    "blob",
    [
        b"",
        b"garbage bytes \x00\xff",
        pickle.dumps(SAMPLE),  # never unpickled: a cache file is data
        encode_extraction(SAMPLE)[:-5],  # truncated
        b"KGX" + b"0" * len(SCHEMA) + encode_extraction(SAMPLE)[3 + len(SCHEMA):],  # another schema
        _with_body("not a list"),
        _with_body(["a", "", "", "", [], [], [], [], "forty-two"]),  # words must be an int
        _with_body(["a", "", "", "", [], [["x", "x", "PERSON", 0, 1, 0, []]], [], [], 1]),  # Mention short
        _with_body(["a", "", "", "", [], [], [[0, 1, "r", "role", 0, 1, ""]], [], 1]),  # negated 1 is not a bool
        _with_body(["a", "", "", "", [], [], [], [], 1, "extra"]),
    ],
)
def test_damaged_or_foreign_bytes_are_refused(blob: bytes) -> None:
    with pytest.raises(DecodeError):
        decode_extraction(blob)


def test_a_lone_surrogate_survives_the_cache_codec() -> None:
    """Ingest repairs them, but an Extraction made through the library API may still hold one."""
    extraction = Extraction(article="a\ud800", title="t\udfff", sentences=((0, "x\udc80y"),))
    assert decode_extraction(encode_extraction(extraction)) == extraction
