"""Places named as a division of another (kg.extract.divisions), with the real model."""
from __future__ import annotations

import pytest

from conftest import typed_relations as typed


@pytest.mark.parametrize("text, pair", [
    ("Shares fell in Japan's capital, Tokyo.", ("Tokyo", "Japan")),
    ("Troops entered the Iraqi capital, Baghdad, on Monday.", ("Baghdad", "Iraq")),
    ("Serbia's southern province of Kosovo is mostly populated by Albanians.", ("Kosovo", "Serbia")),
    ("Tokyo, Japan's largest city, was calm.", ("Tokyo", "Japan")),
])
def test_a_place_named_as_a_division_of_another(nlp, text, pair):
    assert pair in typed(nlp, text, "located_in")


@pytest.mark.parametrize("text", [
    "Prices rose in London, the world's biggest city.",  # "the world" is no place
    "Ann Lacy's home town, Dayton, was calm.",  # a person owns no town it lies in
])
def test_no_division_without_a_place_owning_the_noun(nlp, text):
    assert typed(nlp, text, "located_in") == set()


def test_a_towns_state_is_the_one_it_lies_in(nlp):
    text = "Officials in Frankfurt's state of Hessen spoke out."
    assert ("Hessen", "Frankfurt") not in typed(nlp, text, "located_in")
