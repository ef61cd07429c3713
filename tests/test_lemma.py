"""kg.lemma.lemma_of: lemmas on demand give what the full pipeline's lemmatizer gives."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.lemma import lemma_of
from kg.nlp import load_model

SENTENCES = (
    "Keir Starmer met Emmanuel Macron in Paris and they were meeting again on Monday.",
    "Ministers have agreed; talks are held, summits were hosted, and leaders joined the calls.",
    "I'd say we're gonna win, said Mr Blair, who'd been elected three times.",
    "The troops were sent to Ukraine after Russia's invasion; allies pledged more weapons.",
)


@pytest.fixture(scope="module")
def full():
    return load_model(full=True)


def test_every_token_gets_the_full_pipelines_lemma(nlp, full, seeds_dir):
    texts = list(SENTENCES) + [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    tokens = 0
    for slim_doc, full_doc in zip(nlp.pipe(texts), full.pipe(texts)):
        assert [lemma_of(t) for t in slim_doc] == [t.lemma_ for t in full_doc]
        tokens += len(slim_doc)
    assert tokens > 3000


def test_the_lemmatizer_does_not_run_but_answers_on_demand(nlp):
    assert "lemmatizer" not in nlp.pipe_names and "lemmatizer" in nlp.disabled
    doc = nlp("Leaders met in Paris.")
    met = doc[1]
    assert met.lemma_ == ""  # not computed by the pipeline
    assert lemma_of(met) == "meet"


def test_the_attribute_rulers_lemma_exceptions_win(nlp):
    doc = nlp("I'd go.")
    would = doc[1]
    assert would.text == "'d" and would.lemma_ == "would" == lemma_of(would)  # set by the ruler, as in spaCy


def test_hand_built_docs_keep_their_lemmas():
    doc = Doc(Vocab(), words=["They", "met"], lemmas=["they", "meet"])
    assert [lemma_of(t) for t in doc] == ["they", "meet"]


def test_docs_of_an_unregistered_pipeline_read_the_token():
    doc = Doc(Vocab(), words=["They", "met"])
    assert [lemma_of(t) for t in doc] == ["", ""]


def test_full_pipeline_is_untouched(full):
    assert {"lemmatizer", "attribute_ruler"} <= set(full.pipe_names)
    doc = full("Leaders met in Paris.")
    assert doc[1].lemma_ == "meet" == lemma_of(doc[1])


def test_kg_asks_a_copy_whose_word_lists_are_sets(nlp, full):
    from kg.lemma import _LEMMATIZERS

    _, asked, _ = _LEMMATIZERS[id(nlp.vocab)]
    loaded = nlp.get_pipe("lemmatizer")
    assert asked is not loaded and asked.lemmatize.__self__ is asked  # the copy's own tables answer
    index, kept = asked.lookups.get_table("lemma_index"), loaded.lookups.get_table("lemma_index")
    assert all(isinstance(words, frozenset) for words in index.values())
    assert all(isinstance(words, list) for words in kept.values())  # the component keeps what it loaded
    assert {key: frozenset(words) for key, words in kept.items()} == dict(index)


def test_the_copy_gives_the_components_lemmas(nlp):
    from kg.lemma import _LEMMATIZERS

    _, asked, _ = _LEMMATIZERS[id(nlp.vocab)]
    loaded = nlp.get_pipe("lemmatizer")
    doc = nlp(" ".join(SENTENCES))
    assert [asked.lemmatize(t) for t in doc] == [loaded.lemmatize(t) for t in doc]


def test_dictionary_words_are_those_of_the_lemmatizers_lists(nlp):
    from kg.lemma import is_dictionary_word

    assert is_dictionary_word("Instant", nlp.vocab) and is_dictionary_word("council", nlp.vocab)
    assert not is_dictionary_word("Enver", nlp.vocab) and not is_dictionary_word("Zurbriggen", nlp.vocab)


def test_no_word_is_a_dictionary_word_without_a_registered_lemmatizer():
    from kg.lemma import is_dictionary_word

    assert not is_dictionary_word("council", Vocab())


def test_inflected_forms_of_dictionary_words_are_dictionary_words(nlp):
    from kg.lemma import is_dictionary_word

    assert all(is_dictionary_word(w, nlp.vocab) for w in ("Travels", "investors", "companies", "hoped"))
    assert not any(is_dictionary_word(w, nlp.vocab) for w in ("Xbox", "Avalon", "WMA"))


def test_dictionary_words_are_the_same_whether_the_lemmatizer_runs_or_not(nlp, full):
    from kg.lemma import is_dictionary_word

    words = ("council", "Travels", "Enver", "Xbox", "instant")
    assert [is_dictionary_word(w, full.vocab) for w in words] == [is_dictionary_word(w, nlp.vocab) for w in words]
    assert is_dictionary_word("council", full.vocab)
