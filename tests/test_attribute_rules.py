"""kg.attribute_rules: the compiled ruler sets exactly what spaCy's AttributeRuler sets."""
from __future__ import annotations

import numpy
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.tokens import Doc

from kg.attribute_rules import CompiledAttributeRules, compilable
from kg.nlp import load_model

COLUMNS = [TAG, POS, MORPH, LEMMA, DEP]


def _doc(vocab, words, tags, deps=None):
    heads = [0] * len(words) if deps else None
    return Doc(vocab, words=words, tags=tags, deps=deps, heads=heads)


def _both(ruler, make):
    """The same Doc annotated by the original ruler and by its compiled rules."""
    compiled = CompiledAttributeRules(ruler)
    a, b = make(), make()
    ruler(a)
    compiled(b)
    return a, b


def _same(a: Doc, b: Doc) -> bool:
    return bool(numpy.array_equal(a.to_array(COLUMNS), b.to_array(COLUMNS)))


@pytest.fixture()
def blank():
    return spacy.blank("en")


def test_single_token_rules_become_lookups_runs_become_tests_and_operators_a_matcher(blank):
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "NNS"}]], {"POS": "NOUN", "MORPH": "Number=Plur"})
    ruler.add([[{"LOWER": "me", "TAG": "PRP"}]], {"LEMMA": "I"})
    ruler.add([[{"TAG": {"IN": ["VBD", "VBN"]}}]], {"POS": "VERB"})
    ruler.add([[{"LOWER": {"REGEX": "^gon$"}}, {"LOWER": "na"}]], {"LEMMA": "go"})
    ruler.add([[{"TAG": {"NOT_IN": ["VB", ""]}, "LOWER": {"REGEX": "^[a-z]+$"}}]], {"MORPH": "Foo=Bar"})
    ruler.add([[{"LOWER": "told", "OP": "+"}, {"TAG": "PRP"}]], {"LEMMA": "tell"})
    compiled = CompiledAttributeRules(ruler)
    assert len(compiled.matcher) == 1  # only the pattern with an operator
    assert len(compiled.runs) == 1 and len(compiled.single) == 1
    a, b = _both(ruler, lambda: _doc(blank.vocab, ["Leaders", "told", "me", "gon", "na", "go", "Gon"],
                                     ["NNS", "VBD", "PRP", "VBG", "TO", "VB", "NNP"]))
    assert _same(a, b)
    assert [t.pos_ for t in b][:2] == ["NOUN", "VERB"] and b[2].lemma_ == "I" and b[3].lemma_ == "go"
    assert b[1].lemma_ == "tell" and str(b[1].morph) == "Foo=Bar" and str(b[5].morph) == ""


def test_overlapping_runs_and_a_run_at_the_end_of_the_doc(blank):
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "na"}, {"LOWER": "na"}]], {"LEMMA": "twice"}, index=1)
    ruler.add([[{"LOWER": "na"}, {"LOWER": "na"}, {"LOWER": "na"}]], {"POS": "X"}, index=-3)
    ruler.add([[{"LOWER": "na"}, {"LOWER": "end"}]], {"POS": "ADV"})
    a, b = _both(ruler, lambda: _doc(blank.vocab, ["na", "na", "na", "na", "end", "na"], ["UH"] * 6))
    assert _same(a, b)
    assert [t.lemma_ for t in b] == ["", "twice", "twice", "twice", "", ""]
    assert [t.pos_ for t in b][:4] == ["X", "X", "", "ADV"]


_WORDS = ["ai", "n't", "nt", "nothin'", "nuthin'", "gon", "na", "got", "ta", "let", "'s", "c'm", "on", "y'", "y",
          "all", "there", "is", "were", "that", "which", "to", "\n\n", " ", "I", "me", "Leaders", "told"]
_TAGS = ["VBP", "VBZ", "VBD", "VBG", "TO", "DT", "WDT", "EX", "PRP", "NN", "NNS", "NNP", "IN", "_SP", "RB", "UH"]
_DEPS = ["aux", "auxpass", "det", "expl", "quantmod", "nsubj", "dep", "ROOT", "advmod", "punct"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_TAGS), st.sampled_from(_DEPS)), min_size=1, max_size=12))
def test_the_models_ruler_and_its_compiled_rules_agree_on_any_tokens(nlp, tokens):
    """Words, tags and dependencies that the model's several-token, regex and NOT_IN rules look at, in any order."""
    ruler = nlp.get_pipe("attribute_ruler")
    compiled = nlp.get_pipe("kg_attribute_ruler")
    words, tags, deps = (list(column) for column in zip(*tokens))

    def make() -> Doc:
        return Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=[0] * len(words))

    a, b = make(), make()
    ruler(a)
    compiled(b)
    assert _same(a, b)
    assert [str(t.morph) for t in a] == [str(t.morph) for t in b]


def test_a_later_rule_overrides_an_earlier_one_on_the_same_token(blank):
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "DT"}]], {"POS": "DET", "LEMMA": "first"})
    ruler.add([[{"DEP": "expl"}, {"LOWER": "is"}]], {"POS": "PRON"}, index=0)  # a Matcher rule in between
    ruler.add([[{"LOWER": "there", "TAG": "DT"}]], {"LEMMA": "there"})
    a, b = _both(ruler, lambda: _doc(blank.vocab, ["there", "is", "the"], ["DT", "VBZ", "DT"], ["expl", "ROOT", "det"]))
    assert _same(a, b)
    assert (b[0].pos_, b[0].lemma_) == ("PRON", "there") and (b[2].pos_, b[2].lemma_) == ("DET", "first")


def test_negative_index_and_flags(blank):
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "let"}, {"LOWER": "'s"}]], {"LEMMA": "us"}, index=-1)
    ruler.add([[{"IS_SPACE": True}]], {"TAG": "_SP", "POS": "SPACE"})
    a, b = _both(ruler, lambda: Doc(blank.vocab, words=["let", "'s", "\n\n", "go"], spaces=[False, True, False, False]))
    assert _same(a, b)
    assert b[1].lemma_ == "us" and b[2].tag_ == "_SP" and b[2].pos_ == "SPACE"


def test_the_models_ruler_compiled_gives_the_same_annotations(seeds_dir):
    full = load_model(full=True)
    ruler = full.get_pipe("attribute_ruler")
    assert compilable(ruler)
    compiled = CompiledAttributeRules(ruler)
    assert len(compiled.matcher) == 0  # everything became a lookup or a token test
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    texts.append("I'd say y'all gonna like it, ain't it? There's nothing doin' here. C'mon, let's go.")
    before = [n for n in full.pipe_names if n in ("tok2vec", "tagger", "kg_paragraph_breaks", "parser")]
    with full.select_pipes(enable=before):
        docs = list(full.pipe(texts))
    for doc in docs:
        a, b = doc.copy(), doc.copy()
        ruler(a)
        compiled(b)
        assert _same(a, b)
        assert [str(t.morph) for t in a] == [str(t.morph) for t in b]


def test_rules_with_extension_attributes_stay_with_spacy(blank):
    from spacy.tokens import Token

    Token.set_extension("kg_test_flag", default=False, force=True)
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "x"}]], {"_": {"kg_test_flag": True}})
    assert not compilable(ruler)
    assert not compilable(object())


def test_the_slim_pipeline_replaces_the_ruler(nlp):
    assert "kg_attribute_ruler" in nlp.pipe_names
    assert "attribute_ruler" in nlp.disabled and "attribute_ruler" not in nlp.pipe_names
