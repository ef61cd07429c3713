"""kg.attribute_rules: the compiled ruler sets exactly what spaCy's AttributeRuler sets."""
from __future__ import annotations

import numpy
import pytest
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


def test_single_token_rules_become_lookups_and_the_rest_a_matcher(blank):
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "NNS"}]], {"POS": "NOUN", "MORPH": "Number=Plur"})
    ruler.add([[{"LOWER": "me", "TAG": "PRP"}]], {"LEMMA": "I"})
    ruler.add([[{"TAG": {"IN": ["VBD", "VBN"]}}]], {"POS": "VERB"})
    ruler.add([[{"LOWER": {"REGEX": "^gon$"}}, {"LOWER": "na"}]], {"LEMMA": "go"})
    compiled = CompiledAttributeRules(ruler)
    assert len(compiled.matcher) == 1  # only the two-token regex pattern
    a, b = _both(ruler, lambda: _doc(blank.vocab, ["Leaders", "told", "me", "gon", "na", "go"],
                                     ["NNS", "VBD", "PRP", "VBG", "TO", "VB"]))
    assert _same(a, b)
    assert [t.pos_ for t in b][:2] == ["NOUN", "VERB"] and b[2].lemma_ == "I" and b[3].lemma_ == "go"


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
    assert len(compiled.matcher) < len(ruler.patterns) // 10  # nearly everything became a lookup
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
