"""Homes, birthplaces and the places of people's descriptions (kg.extract.origins), with the real model."""
from __future__ import annotations

import pytest

from conftest import typed_relations as typed


@pytest.mark.parametrize("text, pair", [
    ("Ann Lacy returned late at night to her Dayton home.", ("Ann Lacy", "Dayton")),
    ("Fans gathered in Tom Brandt's hometown of Abbeville on Friday.", ("Tom Brandt", "Abbeville")),
    ("Ann Lacy spoke from her home in the Dayton suburb of Kettering.", ("Ann Lacy", "Kettering")),
])
def test_a_persons_home(nlp, text, pair):
    assert pair in typed(nlp, text, "lives_in")


@pytest.mark.parametrize("text, pair", [
    ("Tom Brandt campaigned on Sunday in his native Ohio.", ("Tom Brandt", "Ohio")),
    ("Visitors toured Tom Brandt's Ohio birthplace last week.", ("Tom Brandt", "Ohio")),
])
def test_a_persons_birthplace(nlp, text, pair):
    assert pair in typed(nlp, text, "born_in")


def test_a_home_run_is_no_home(nlp):
    assert ("Tom Reyes", "Boston") not in typed(nlp, "Tom Reyes hit his first home run in Boston.", "lives_in")


@pytest.mark.parametrize("text, pair", [
    ("Tom Reyes, an electrician from Dayton, said the lights went out.", ("Tom Reyes", "Dayton")),
    ("Ann Lacy, a nurse in Lyon, treated the victims.", ("Ann Lacy", "Lyon")),
    ("Tom Reyes, the manager of the project, based in Tulsa, said it was late.", ("Tom Reyes", "Tulsa")),
])
def test_a_description_places_a_person(nlp, text, pair):
    assert pair in typed(nlp, text, "lives_in")


def test_a_participle_after_the_employer_places_the_employer(nlp):
    text = "Ann Lacy, a spokeswoman for Acme Corp. based in Tulsa, declined to comment."
    assert ("Ann Lacy", "Tulsa") not in typed(nlp, text, "lives_in")


def test_an_organisation_in_a_description_is_no_place(nlp):
    text = "Tom Reyes, a shareholder in Acme Corp., objected to the merger."
    assert typed(nlp, text, "lives_in") == set()


@pytest.mark.parametrize("text, pair", [
    ("Tom Reyes, one of the leading surgeons in Norway, will operate.", ("Tom Reyes", "Norway")),
    ("Tom Reyes, a Democrat from Ohio, voted against the bill.", ("Tom Reyes", "Ohio")),
])
def test_one_of_and_party_members(nlp, text, pair):
    assert pair in typed(nlp, text, "lives_in")


def test_an_organisations_home_is_its_base(nlp):
    text = "The Hartford Whalers left their Hartford home for a new arena in Raleigh."
    found = typed(nlp, text, "based_in")
    assert ("Hartford Whalers", "Hartford") in found and typed(nlp, text, "lives_in") == set()


@pytest.mark.parametrize("text, pair", [
    ("Tom Reyes, 74, born in Dayton, died on Sunday.", ("Tom Reyes", "Dayton")),
    ("Born in Dayton, Tom Reyes moved to Chicago as a boy.", ("Tom Reyes", "Dayton")),
    ("Tom Reyes, a Fargo native, sang the anthem.", ("Tom Reyes", "Fargo")),
])
def test_born_in(nlp, text, pair):
    assert pair in typed(nlp, text, "born_in")


def test_the_place_a_person_moved_to_is_no_birthplace(nlp):
    assert ("Tom Reyes", "Chicago") not in typed(nlp, "Born in Dayton, Tom Reyes moved to Chicago as a boy.", "born_in")


@pytest.mark.parametrize("text, pair", [
    ("Ann Lacy, the U.S. ambassador to Peru, met the minister.", ("Ann Lacy", "Peru")),
    ("Tom Reyes, a lawyer and a Dayton native, filed the suit.", ("Tom Reyes", "Dayton")),
])
def test_an_envoy_and_a_coordinated_description(nlp, text, pair):
    found = typed(nlp, text, "lives_in") | typed(nlp, text, "born_in")
    assert pair in found


def test_a_former_envoy_no_longer_lives_there(nlp):
    text = "Tom Reyes, the former ambassador to Peru, wrote a memoir."
    assert ("Tom Reyes", "Peru") not in typed(nlp, text, "lives_in")


def test_a_who_clause_names_a_person(nlp):
    assert ("Tom Reyes", "Tulsa") in typed(nlp, "Tom Reyes, who now lives in Tulsa, sold the farm.", "lives_in")


def test_a_which_clause_names_no_person(nlp):
    assert typed(nlp, "Acme Corp., which now lives in Tulsa, sold the farm.", "lives_in") == set()


@pytest.mark.parametrize("text, pair", [
    ("Tom Reyes of the International Committee of the Red Cross in Khartoum said food was short.",
     ("Tom Reyes", "Khartoum")),
    ("Ann Lacy, owner of the Smokehouse cafe in Fontana, said trade was slow.", ("Ann Lacy", "Fontana")),
    ("Ann Lacy, an analyst with Deutsche Bank in Frankfurt, expects a rate cut.", ("Ann Lacy", "Frankfurt")),
    ("Ann Lacy, who works at the American Embassy in Beirut, was released.", ("Ann Lacy", "Beirut")),
    ("Tom Reyes, who headed the Centers for Disease Control in Atlanta, joined the panel.", ("Tom Reyes", "Atlanta")),
    ("Ann Lacy, an economist at Germany's Deutsche Bank, expects a cut.", ("Ann Lacy", "Germany")),
    ("Tom Reyes, chief executive of Acme Corp., a software company in Leeds, resigned.", ("Tom Reyes", "Leeds")),
])
def test_the_place_of_a_persons_employer_places_the_person(nlp, text, pair):
    assert pair in typed(nlp, text, "works_in")


@pytest.mark.parametrize("text, pair", [
    # the headquarters of the employer, not where its spokeswoman is
    ("Ann Lacy, a spokeswoman for Acme Corp. based in Tulsa, declined to comment.", ("Ann Lacy", "Tulsa")),
    # a critic of a company is not one of its staff
    ("Tom Reyes, a critic of Barclays in London, spoke out.", ("Tom Reyes", "London")),
    # a time after "in" is no place, and a verb of working with no employer places nobody
    ("Tom Reyes, who worked hard in Boston, retired.", ("Tom Reyes", "Boston")),
    # the place written on the employer is where the person works, not the country owning the employer
    ("Ann Lacy, an analyst at China's biggest bank in Shanghai, left.", ("Ann Lacy", "China")),
    # "with" on a name says what it has, not whom it works for
    ("Lawyers said Tom Reyes - with an office in Houston - had filed for bankruptcy.", ("Tom Reyes", "Houston")),
])
def test_no_workplace_without_an_employer_written_in_its_place(nlp, text, pair):
    assert pair not in typed(nlp, text, "lives_in") | typed(nlp, text, "works_in")


@pytest.mark.parametrize("text, pair", [
    ("Tom Reyes, a London-born banker, said profits rose.", ("Tom Reyes", "London")),
    ("Australian-born Rupert Murdoch owns the paper.", ("Rupert Murdoch", "Australia")),
    ("Sculptures by Ann Lacy, this Minnesota born artist, were shown.", ("Ann Lacy", "Minnesota")),
])
def test_a_place_before_born_is_a_birthplace(nlp, text, pair):
    assert pair in typed(nlp, text, "born_in")


def test_a_place_before_another_participle_is_no_birthplace(nlp):
    assert typed(nlp, "Tom Reyes, a London-trained banker, said profits rose.", "born_in") == set()


@pytest.mark.parametrize("text, pair, rtype", [
    ("Tom Reyes is a native of Kulm.", ("Tom Reyes", "Kulm"), "born_in"),  # the model calls Kulm a person
    ("Ann Lacy, a resident of Kulm, saw the storm.", ("Ann Lacy", "Kulm"), "lives_in"),
])
def test_the_place_after_native_of_is_a_place_whatever_the_model_typed(nlp, text, pair, rtype):
    assert pair in typed(nlp, text, rtype)


def test_natives_of_a_place_name_no_one_persons_birthplace(nlp):
    # "of" after a plural origin noun names a group, not where one person is from
    assert typed(nlp, "Natives of Kulm and Tom Reyes met.", "born_in") == set()


def test_home_nouns_alone_and_compounded_with_home(nlp):
    """Only a home noun, or a noun compounded with "home", reads its children; every other noun is no home."""
    from kg.extract.origins import _residence_type
    from kg.vocab import RESIDENCE_NOUNS

    doc = nlp("Tom Brandt flew back to his home state and his hometown to visit the home office.")
    types = {t.text: _residence_type(t) for t in doc}
    assert types["state"] == RESIDENCE_NOUNS["home state"]
    assert types["hometown"] == RESIDENCE_NOUNS["hometown"]
    assert types["office"] == RESIDENCE_NOUNS.get("home office")
    assert types["home"] is None and types["Brandt"] is None


@pytest.mark.parametrize("text, pair", [
    ("Ohio born Tom Reyes was a young reporter when he moved to Chicago.", ("Tom Reyes", "Ohio")),
    ("Tom Reyes, Georgia born, has taught at the college for 20 years.", ("Tom Reyes", "Georgia")),
])
def test_a_place_before_born_without_its_hyphen(nlp, text, pair):
    assert pair in typed(nlp, text, "born_in")


@pytest.mark.parametrize("text", [
    "Children in Ohio born after 1990 were counted.",
    "Tom Reyes said the calf was born in a barn near the road.",
])
def test_born_after_a_place_with_no_person_beside_it(nlp, text):
    assert typed(nlp, text, "born_in") == set()


def test_where_on_the_second_verb_of_the_clause(nlp):
    text = "It stars Ann Lacy , his old friend , and was shot entirely in rural Ohio , where she was born and grew up ."
    assert ("Ann Lacy", "Ohio") in typed(nlp, text, "born_in")
    assert ("Ann Lacy", "Ohio") in typed(nlp, text, "lives_in")


def test_where_with_verbs_of_neither_birth_nor_living(nlp):
    text = "It stars Ann Lacy , his old friend , and was shot entirely in rural Ohio , where she studied and worked ."
    assert typed(nlp, text, "born_in") | typed(nlp, text, "lives_in") == set()


def test_a_home_noun_after_a_place_and_its_comma(nlp):
    text = "Smith had hoped to pull out a win in Ohio , the home state of his wife , Ann ."
    assert ("Ann", "Ohio") in typed(nlp, text, "lives_in")


def test_a_home_noun_after_a_person_and_a_comma_names_no_place(nlp):
    text = "Smith had hoped to pull out a win for Tom Reyes , the home state ally of his wife , Ann ."
    assert typed(nlp, text, "lives_in") == set()


@pytest.mark.parametrize("text, pair", [
    ("Tom Reyes said in a telephone interview from his Cincinnati office that the valve was safe.",
     ("Tom Reyes", "Cincinnati")),
    ("Ann Lacy spoke to reporters at her office in Geneva on Monday.", ("Ann Lacy", "Geneva")),
])
def test_a_persons_own_office_is_where_they_work(nlp, text, pair):
    assert pair in typed(nlp, text, "works_in")


def test_an_organisations_office_is_no_base_and_no_home(nlp):
    text = "Microsoft's London office will close next year."
    assert typed(nlp, text, "lives_in") | typed(nlp, text, "works_in") | typed(nlp, text, "based_in") == set()


def test_a_job_at_an_organisation_in_a_place_says_where_the_person_works(nlp):
    text = 'Brian McBride, managing director of T-Mobile in the UK, said: "We see a growing trend."'
    assert ("Brian McBride", "UK") in typed(nlp, text, "works_in")
    assert ("Brian McBride", "UK") not in typed(nlp, text, "lives_in")


def test_a_description_without_an_organisation_still_says_where_the_person_lives(nlp):
    assert ("Ann Lacy", "Lyon") in typed(nlp, "Ann Lacy, a nurse in Lyon, saw the storm.", "lives_in")
