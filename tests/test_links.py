"""Relations from the shape of noun phrases (kg.extract.links) and hedges (kg.extract.phrases.hedge_of), with the real model."""
from __future__ import annotations

import pytest

from kg.extract.article import extract_doc


def relations(nlp, text: str) -> set[tuple[str, str, str, str]]:
    """(subject, relation type, object, modality) of every non-co-occurrence relation in ``text``."""
    mentions, rels, _, _ = extract_doc(nlp(text))
    return {(mentions[r.subject].name, r.rtype or r.kind, mentions[r.object].name, r.modality) for r in rels}


def typed(nlp, text: str, rtype: str) -> set[tuple[str, str]]:
    return {(s, o) for s, t, o, _ in relations(nlp, text) if t == rtype}


@pytest.mark.parametrize("text, pair", [
    ("The storm hit Fairbanks, Alaska, on Monday.", ("Fairbanks", "Alaska")),
    ("He was born in Liberec in Czechoslovakia.", ("Liberec", "Czechoslovakia")),
])
def test_place_in_a_place(nlp, text, pair):
    assert pair in typed(nlp, text, "located_in")


def test_a_list_of_places_is_no_containment(nlp):
    assert typed(nlp, "Ministers from France, Germany and Italy met.", "located_in") == set()


@pytest.mark.parametrize("text, pair", [
    ("Moscow's Bolshoi Ballet will tour next year.", ("Bolshoi Ballet", "Moscow")),
    ("Analysts at the London-based Barclays Capital disagreed.", ("Barclays Capital", "London")),
])
def test_organisation_based_in_a_place(nlp, text, pair):
    assert pair in typed(nlp, text, "based_in")


@pytest.mark.parametrize("text, pair", [
    ("Jeremy de Souza, a spokesman for Crossrail, said the line would open.", ("Jeremy de Souza", "Crossrail")),
    ("Patrick Juchemich, an analyst at Sal Oppenheim Bank, expects a fall.", ("Patrick Juchemich", "Sal Oppenheim Bank")),
    ("Attending were Spencer Christian of ABC and others.", ("Spencer Christian", "ABC")),
])
def test_affiliation(nlp, text, pair):
    assert pair in typed(nlp, text, "works_for")


def test_born_in(nlp):
    assert ("Lucille Ball", "Jamestown") in typed(nlp, "Lucille Ball was born in Jamestown in 1911.", "born_in")


def test_nominal_killing_with_agent_and_patient(nlp):
    text = "Memphis marked the assassination of Martin Luther King by James Earl Ray."
    assert ("James Earl Ray", "Martin Luther King") in typed(nlp, text, "killed")


def test_acquisition_by_a_possessor(nlp):
    assert ("Google", "YouTube") in typed(nlp, "Google's acquisition of YouTube was approved.", "acquired")


def test_verb_types_and_inverse_ownership(nlp):
    assert ("Lee Harvey Oswald", "John F. Kennedy") in typed(nlp, "Lee Harvey Oswald killed John F. Kennedy in Dallas.", "killed")
    assert ("Virgin Blue", "Richard Branson") in typed(nlp, "Richard Branson owns Virgin Blue.", "owned_by")


def test_hedged_claims_carry_their_modality(nlp):
    rels = relations(nlp, "Microsoft could buy Yahoo next year.")
    assert ("Microsoft", "acquired", "Yahoo", "could") in rels
    rels = relations(nlp, "Microsoft plans to buy Yahoo.")
    assert any(s == "Microsoft" and o == "Yahoo" and m == "plan to" for s, _, o, m in rels)
    assert all(m == "" for *_, m in relations(nlp, "Microsoft bought Yahoo."))


@pytest.mark.parametrize("text, pair", [
    ("KAL attorney George Tompkins countered the claim.", ("George Tompkins", "KAL")),
    ("Meanwhile, David Miller at the Institute of Zoology found a gene.", ("David Miller", "Institute of Zoology")),
])
def test_affiliation_by_compound_or_preposition(nlp, text, pair):
    assert pair in typed(nlp, text, "works_for")


def test_dateline_place_before_an_agency(nlp):
    assert ("AP", "Belgrade") in typed(nlp, "BELGRADE ( AP ) _ Serbian police fired tear gas.", "based_in")


def test_a_place_in_a_place_in_a_place(nlp):
    text = "He was a patient at St. Nicholas Hospital in Gosforth in northeast England."
    assert {("St. Nicholas Hospital", "Gosforth"), ("St. Nicholas Hospital", "England")} <= \
        typed(nlp, text, "based_in") | typed(nlp, text, "located_in")


def test_dateline_with_a_region_and_an_agency_in_brackets(nlp):
    pairs = typed(nlp, "AOSTA, Italy ( AP ) _ Police arrested two men on Sunday.", "based_in")
    assert ("AP", "Italy") in pairs


def test_a_person_described_by_a_place(nlp):
    text = "On April 1, Robert Corduwener, a Netherlands businessman, bought a stake in Minox."
    assert ("Robert Corduwener", "Netherlands") in typed(nlp, text, "lives_in")
