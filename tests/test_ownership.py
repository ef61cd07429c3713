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
