"""Names in one list are of one kind (kg/extract/lists.py), on hand-built parsed Docs."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from kg.extract.lists import list_label
from kg.extract.mentions import extract_mentions


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def labels_in(blank, words, heads, deps, pos, ents):
    doc = Doc(blank.vocab, words=words, heads=heads, deps=deps, pos=pos, ents=ents)
    return {m.name: m.label for m in extract_mentions(doc)}


# "the myths of Zeus , Hera , Ares and Athena"
MYTHS = (["myths", "of", "Zeus", ",", "Hera", ",", "Ares", "and", "Athena"], [0, 0, 1, 2, 2, 2, 4, 6, 6],
         ["ROOT", "prep", "pobj", "punct", "conj", "punct", "conj", "cc", "conj"],
         ["NOUN", "ADP", "PROPN", "PUNCT", "PROPN", "PUNCT", "PROPN", "CCONJ", "PROPN"])


def test_a_list_of_people_outvotes_the_organisation_label_of_one_of_them(blank):
    found = labels_in(blank, *MYTHS, ["O", "O", "B-PERSON", "O", "B-PERSON", "O", "B-PERSON", "O", "B-ORG"])
    assert found["Athena"] == "PERSON"


def test_an_organisations_word_keeps_its_label_in_a_list_of_people(blank):
    words = MYTHS[0][:-1] + ["Bank"]
    found = labels_in(blank, words, *MYTHS[1:], ["O", "O", "B-PERSON", "O", "B-PERSON", "O", "B-PERSON", "O", "B-ORG"])
    assert found["Bank"] == "ORG"


def test_the_rest_of_the_list_must_agree(blank):
    found = labels_in(blank, *MYTHS, ["O", "O", "B-PERSON", "O", "B-PERSON", "O", "B-NORP", "O", "B-ORG"])
    assert found["Athena"] == "ORG"




def _firms(blank, last, ents):
    words = ["Ubisoft", ",", "Microsoft", ",", "Nintendo", "and", last, "showed", "games"]
    heads = [7, 0, 0, 2, 2, 4, 4, 7, 7]
    deps = ["nsubj", "punct", "conj", "punct", "conj", "cc", "conj", "ROOT", "dobj"]
    pos = ["PROPN", "PUNCT", "PROPN", "PUNCT", "PROPN", "CCONJ", "PROPN", "VERB", "NOUN"]
    return labels_in(blank, words, heads, deps, pos, ents)


def test_a_place_the_gazetteer_does_not_know_in_a_list_of_firms_is_a_firm(blank):
    found = _firms(blank, "Sega", ["B-GPE", "O", "B-ORG", "O", "B-ORG", "O", "B-ORG", "O", "O"])
    assert found["Ubisoft"] == "ORG"


def test_a_known_country_in_a_list_of_firms_stays_a_place(blank):
    found = _firms(blank, "France", ["B-ORG", "O", "B-ORG", "O", "B-ORG", "O", "B-GPE", "O", "O"])
    assert found["France"] == "GPE"


def test_a_place_a_preposition_puts_somewhere_is_not_retyped_by_the_list_the_parse_hangs_on_it(blank):
    # "a huntsman from Ledbury , Robert Thame , Andrew Elliot": the parse makes the people conjuncts of the town
    words = ["huntsman", "from", "Ledbury", ",", "Robert", "Thame", ",", "Andrew", "Elliot"]
    heads = [0, 0, 1, 2, 5, 2, 5, 8, 5]
    deps = ["ROOT", "prep", "pobj", "punct", "compound", "conj", "punct", "compound", "conj"]
    pos = ["NOUN", "ADP", "PROPN", "PUNCT", "PROPN", "PROPN", "PUNCT", "PROPN", "PROPN"]
    found = labels_in(blank, words, heads, deps, pos,
                      ["O", "O", "B-ORG", "O", "B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON"])
    assert found["Ledbury"] == "ORG"


@pytest.mark.parametrize(("labels", "agreed"), [(["PERSON"] * 3, "PERSON"), (["PERSON", "PERSON", "ORG"], "PERSON"),
                                                 (["PERSON", "ORG"], ""), (["DATE", "DATE"], ""), ([], "")])
def test_list_label(labels, agreed):
    assert list_label(labels) == agreed
