from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.errors import ModelError
from kg.model import Article
from kg.nlp import load_model, model_id, normalise_text, parse_articles, split_text


def test_normalise_replaces_typographic_marks_and_keeps_length():
    text = "Starmer\u2019s \u201cready\u201d\u00a0plan \u2018now\u2019"
    out = normalise_text(text)
    assert out == "Starmer's \"ready\" plan 'now'"
    assert len(out) == len(text)


@given(st.text())
def test_normalise_is_length_preserving(text):
    assert len(normalise_text(text)) == len(text)


def test_split_text_prefers_paragraph_breaks():
    paras = ["Paragraph number %d is here." % i for i in range(50)]
    text = "\n\n".join(paras)
    pieces = split_text(text, limit=200)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 200 for _, p in pieces)
    # every cut falls right after a paragraph break
    assert all(text[off - 2 : off] == "\n\n" for off, _ in pieces[1:])


@given(st.text(alphabet=st.sampled_from("ab .\n"), max_size=3000), st.integers(min_value=20, max_value=500))
def test_split_text_never_drops_or_exceeds(text, limit):
    pieces = split_text(text, limit=limit)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= limit for _, p in pieces)
    assert [off for off, _ in pieces] == sorted(off for off, _ in pieces)


def test_split_text_single_huge_line_without_spaces():
    text = "x" * 1050
    pieces = split_text(text, limit=100)
    assert "".join(p for _, p in pieces) == text and len(pieces) == 11


def test_load_model_unknown_name_is_a_clear_error():
    with pytest.raises(ModelError, match="not installed"):
        load_model("no_such_pipeline_xyz")


def test_default_model_name_maps_to_the_republished_package(nlp):
    assert "ner" in nlp.pipe_names and "parser" in nlp.pipe_names
    assert "3.8.0" in model_id(nlp)


def test_parse_articles_groups_chunks_and_keeps_offsets(nlp, monkeypatch):
    import kg.nlp as nlp_module

    monkeypatch.setattr(nlp_module, "CHUNK_CHARS", 60)
    long_text = "\n\n".join(f"Keir Starmer met Emmanuel Macron in Paris number {i}." for i in range(6))
    articles = [Article("a", long_text), Article("b", "Olaf Scholz spoke in Berlin.")]
    results = [(article, list(chunks)) for article, chunks in parse_articles(nlp, articles, batch_size=2)]
    assert [a.name for a, _ in results] == ["a", "b"]
    chunks_a = results[0][1]
    assert len(chunks_a) > 1
    for offset, doc in chunks_a:
        # offsets map each chunk back onto the original article text
        assert long_text[offset : offset + len(doc.text)] == doc.text


def test_a_blank_line_always_ends_a_sentence(nlp):
    text = "Ukraine Pledges Long-Term Support\n\nKeir Starmer said he was ready to act.\n\nPhoto by staff\n\nHe spoke in Paris."
    doc = nlp(text)
    starts = {s.start_char for s in doc.sents}
    for para in ("Keir Starmer said", "Photo by staff", "He spoke in Paris"):
        assert text.index(para) in starts, para


def test_chunks_are_parsed_as_they_are_consumed(nlp, monkeypatch):
    """A long article's Docs are not all held at once: each chunk is parsed when it is asked for."""
    import kg.nlp as nlp_module

    monkeypatch.setattr(nlp_module, "CHUNK_CHARS", 60)
    parsed: list[str] = []
    real_pipe = nlp.pipe

    def counting_pipe(items, **kwargs):
        if not kwargs.get("as_tuples"):  # spaCy's as_tuples path calls pipe() again on the bare texts
            yield from real_pipe(items, **kwargs)
            return
        for doc, context in real_pipe(items, **kwargs):
            parsed.append(doc.text)
            yield doc, context

    monkeypatch.setattr(nlp, "pipe", counting_pipe)
    text = "\n\n".join(f"Keir Starmer met Emmanuel Macron in Paris number {i}." for i in range(8))
    stream = parse_articles(nlp, [Article("a", text), Article("b", "Olaf Scholz spoke in Berlin.")], batch_size=1)
    article, chunks = next(stream)
    assert article.name == "a" and len(parsed) == 1  # only the first chunk is parsed so far
    first = next(chunks)
    assert len(parsed) == 1 and first[1].text == parsed[0]
    next(chunks)
    assert len(parsed) == 2 and len(split_text(text, 60)) > 3  # the rest waits until it is asked for
    # the caller may stop early: the next article still comes with its own chunks
    article, chunks = next(stream)
    assert article.name == "b" and [doc.text for _, doc in chunks] == ["Olaf Scholz spoke in Berlin."]


def test_batches_are_bounded_in_characters_as_well_as_count():
    from kg.nlp import text_batches

    items = [("x" * 100, i) for i in range(10)]
    assert [len(b) for b in text_batches(items, batch_size=4, batch_chars=10_000)] == [4, 4, 2]
    assert [len(b) for b in text_batches(items, batch_size=64, batch_chars=250)] == [2, 2, 2, 2, 2]
    # a piece longer than the character budget goes alone, never split or dropped
    big = [("y" * 1000, "big"), ("z", "small")]
    assert [[c for _, c in b] for b in text_batches(big, batch_size=64, batch_chars=500)] == [["big"], ["small"]]


def test_an_emoji_flag_is_one_token_so_no_span_ends_inside_it(nlp):
    doc = nlp("\U0001F1FA\U0001F1E6Ukraine and Britain\U0001F1EC\U0001F1E7\U0001F1FA\U0001F1E6met Olaf Scholz\U0001F1E9\U0001F1EA.")
    flags = [t.text for t in doc if "\U0001F1E6" <= t.text[0] <= "\U0001F1FF"]
    assert flags == ["\U0001F1FA\U0001F1E6", "\U0001F1EC\U0001F1E7", "\U0001F1FA\U0001F1E6", "\U0001F1E9\U0001F1EA"]
    assert [t.text for t in nlp("U.S. officials said \"no\" (today), don't they?")] == [
        "U.S.", "officials", "said", '"', "no", '"', "(", "today", ")", ",", "do", "n't", "they", "?"]


def test_keeping_flags_whole_loads_the_special_cases_once_into_the_state_three_reloads_give(seeds_dir):
    """kg.nlp.keep_flags_whole empties the tokenizer's rules while it sets the affix patterns (each setter would
    reload every special case): the tokenizer must end up as if each pattern had been set the plain way."""
    import re

    import spacy

    from kg.nlp import FLAG, keep_flags_whole
    from kg.pipelines import DEFAULT_MODEL, REPUBLISHED

    def load() -> spacy.language.Language:
        try:
            return spacy.load(DEFAULT_MODEL)
        except OSError:
            return spacy.load(REPUBLISHED[DEFAULT_MODEL])

    fast, plain = load(), load()
    keep_flags_whole(fast)
    tokenizer = plain.tokenizer
    for attribute, flag in (("prefix_search", f"^{FLAG}"), ("suffix_search", f"{FLAG}$"), ("infix_finditer", FLAG)):
        pattern = getattr(tokenizer, attribute).__self__
        setattr(tokenizer, attribute, getattr(re.compile(f"{flag}|{pattern.pattern}", pattern.flags), attribute.split("_")[1]))
    assert len(fast.tokenizer.rules) > 1000 and list(fast.tokenizer.rules.items()) == list(tokenizer.rules.items())
    assert fast.tokenizer.to_bytes() == tokenizer.to_bytes()
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    texts.append("I'd say y'all gonna like it, ain't it? C'mon, let's go :) \U0001F1FA\U0001F1E6Kyiv, U.S.-made, 5km.")
    for text in texts:
        assert [t.text for t in fast.tokenizer(text)] == [t.text for t in tokenizer(text)]
