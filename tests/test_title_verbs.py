"""Titles given by a verb (kg.extract.title_verbs), with the real model."""
from __future__ import annotations

import pytest

from conftest import relations_in


def _roles(nlp, text: str) -> set[tuple[str, str, str]]:
    from kg.extract.article import extract_doc

    mentions, rels, _, _ = extract_doc(nlp(text))
    return {(mentions[r.subject].name, r.relation, mentions[r.object].name) for r in rels if r.kind == "role"
            and not r.rtype}


def _titles(nlp, text: str, name: str) -> tuple[str, ...]:
    from kg.extract.article import extract_doc

    mentions, _, _, _ = extract_doc(nlp(text))
    return next(m.titles for m in mentions if m.name == name)


@pytest.mark.parametrize("text, edge", [
    ("Tom Reyes, who became chairman of BP in 2003, left.", ("Tom Reyes", "chairman of", "BP")),
    ("Ann Lacy has been chief executive of Vodafone since 2003.", ("Ann Lacy", "chief executive of", "Vodafone")),
    ("Tom Reyes was named chief executive of Vodafone on Monday.", ("Tom Reyes", "chief executive of", "Vodafone")),
    ("Ann Lacy served as finance director of Tesco until 2002.", ("Ann Lacy", "finance director of", "Tesco")),
    ("Ann Lacy became BP chairman in 2003.", ("Ann Lacy", "chairman of", "BP")),
])
def test_a_verb_gives_the_title_to_its_subject(nlp, text, edge):
    assert edge in _roles(nlp, text)


@pytest.mark.parametrize("text, edge", [
    ("Tom Reyes stepped down as chief executive of Vodafone.", ("Tom Reyes", "former chief executive of", "Vodafone")),
    ("Ann Lacy, who resigned as chairman of BP, spoke.", ("Ann Lacy", "former chairman of", "BP")),
])
def test_a_verb_of_leaving_gives_a_former_title(nlp, text, edge):
    assert edge in _roles(nlp, text)


def test_the_object_of_a_naming_verb_takes_the_title(nlp):
    assert "chairman" in _titles(nlp, "Vodafone appointed Ann Lacy as chairman in May.", "Ann Lacy")


@pytest.mark.parametrize("text", [
    "Tom Reyes is not the chairman of BP.",
    "If Tom Reyes becomes chairman of BP, shares will rise.",
    "The problem for Tom Reyes is the chairman of BP.",  # the subject is the problem, not the person after "for"
    "Tom Reyes met the chairman of BP.",
])
def test_no_title_from_a_negated_supposed_or_other_verb(nlp, text):
    assert not any(s == "Tom Reyes" for s, _, _ in _roles(nlp, text))


def test_a_hedged_verb_gives_a_hedged_role_and_no_title(nlp):
    text = "Tom Reyes is expected to become chairman of BP."
    assert {m for s, t, o, m in relations_in(nlp, text) if (s, o) == ("Tom Reyes", "BP")} == {"expect to"}
    assert _titles(nlp, text, "Tom Reyes") == ()


def test_under_will_a_title_held_is_still_held_and_one_taken_is_not_yet(nlp):
    text = "Tom Reyes will succeed Ann Lacy as president of Vodafone in April."
    assert ("Ann Lacy", "president of", "Vodafone") in _roles(nlp, text)
    assert {m for s, t, o, m in relations_in(nlp, "Tom Reyes will become chairman of BP in April.")
            if (s, t, o) == ("Tom Reyes", "role", "BP")} == {"will"}


def test_a_superlative_makes_the_possessive_a_scope_not_an_employer(nlp):
    text = "Ann Lacy moved through its ranks, becoming Australia's youngest store manager at 19."
    assert _roles(nlp, text) == set()


def test_a_hyphenated_superlative_makes_the_possessive_a_scope(nlp):
    text = "Tom Reyes has become the Labour Party's longest-serving prime minister."
    assert _roles(nlp, text) == set()
