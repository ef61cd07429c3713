"""Ownership read from possessives (kg.extract.ownership, and owner nouns in kg.extract.links), with the real model."""
from __future__ import annotations

import pytest

from conftest import typed_relations as typed


@pytest.mark.parametrize("text, pair", [
    ("AOL, TimeWarner's internet business, lost subscribers.", ("AOL", "TimeWarner")),
    ("TimeWarner's internet business, AOL, lost subscribers.", ("AOL", "TimeWarner")),
    ("The virus attacks Microsoft's Windows operating system.", ("Windows", "Microsoft")),
    ("He founded MIT's Media Labs in 1985.", ("Media Labs", "MIT")),
])
def test_a_firms_possessive_owns_what_it_names(nlp, text, pair):
    assert pair in typed(nlp, text, "owned_by")


def test_an_owner_noun_before_a_name_says_who_owns(nlp):
    # the edge runs from what is owned to its owner, as for every `owned by` edge (Wikidata P127)
    found = typed(nlp, "Yukos' owner Menatep Group will ask Rosneft to repay the loan.", "owned_by")
    assert found == {("Yukos", "Menatep Group")}, found


@pytest.mark.parametrize("text", [
    "The patient was Booth, who had shot Lincoln at Ford's Theater in Washington.",
    "The rupee rose after Standard & Poor's (S&P) raised the rating.",
    "The chief of Belarus's Security Committee, Eduard Shirkovskiy, spoke.",
    "Labour's Gordon Brown spoke in Leeds.",
    "Microsoft's rival, Google, grew fast.",
])
def test_no_ownership_from_a_possessive_inside_a_name_a_place_a_person_or_a_rival(nlp, text):
    assert typed(nlp, text, "owned_by") == set()


@pytest.mark.parametrize("text, phrase", [
    ("In 1999, when BMW still owned Rover, the firm lost money.", "formerly owned by"),
    ("BMW owns Rover.", "owned by"),
])
def test_ownership_in_the_simple_past_is_over(nlp, text, phrase):
    from kg.extract.article import extract_doc

    mentions, rels, _, _ = extract_doc(nlp(text))
    found = {(mentions[r.subject].name, r.relation, mentions[r.object].name) for r in rels if r.rtype == "owned_by"}
    assert found == {("Rover", phrase, "BMW")}, found


def test_a_past_state_in_what_was_said_may_be_the_reports_tense():
    from test_roles import doc_from, run

    # "Analysts said BMW owned Rover ." parsed as said -> ccomp owned
    doc = doc_from([
        ("Analysts", 1, "nsubj", "NOUN", "NNS", "analyst", "O"),
        ("said", 1, "ROOT", "VERB", "VBD", "say", "O"),
        ("BMW", 3, "nsubj", "PROPN", "NNP", "BMW", "B-ORG"),
        ("owned", 1, "ccomp", "VERB", "VBD", "own", "O"),
        ("Rover", 3, "dobj", "PROPN", "NNP", "Rover", "B-ORG"),
        (".", 1, "punct", "PUNCT", ".", ".", "O"),
    ])
    mentions, relations = run(doc)
    found = {(mentions[r.subject].name, r.relation, mentions[r.object].name, r.modality) for r in relations}
    assert found == {("Rover", "owned by", "BMW", "according to analysts")}, found
