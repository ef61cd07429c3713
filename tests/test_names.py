"""Canonical names: titles, honorifics, possessives, punctuation, noise (pure string rules)."""
from __future__ import annotations

import pytest

from kg.extract.names import (
    canonical_form,
    honorific_gender,
    clean_surface,
    given_name_gender,
    is_credit,
    is_given_name,
    is_noise_name,
    is_post_nominal,
    person_parts,
    skeleton,
    split_title,
    title_at,
    title_ending_at,
)
from kg.extract.names import _key, _title_phrases
from kg.vocab import TITLE_MODIFIERS


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Prime Minister Keir Starmer", ("prime minister", "Keir Starmer")),
        ("President Donald Trump", ("president", "Donald Trump")),
        ("Sir Keir", ("", "Keir")),  # an honorific is dropped, not a title
        ("Mr Zelensky", ("", "Zelensky")),
        ("Dr. Jill Biden", ("", "Jill Biden")),
        ("Prime Minister Sir Keir Starmer", ("prime minister", "Keir Starmer")),
        ("former President Barack Obama", ("former president", "Barack Obama")),
        ("Secretary of State Marco Rubio", ("secretary of state", "Marco Rubio")),
        ("Health Secretary Wes Streeting", ("health secretary", "Wes Streeting")),
        ("Chancellor Olaf Scholz", ("chancellor", "Olaf Scholz")),
        ("Keir Starmer", ("", "Keir Starmer")),
        ("President", ("president", "")),
        ("Major", ("", "Major")),  # a lone surname-like title word stays a name
    ],
)
def test_split_title(text, expected):
    assert split_title(text) == expected


def test_split_title_accepts_tokens():
    assert split_title(["Secretary", "-", "General", "Antonio", "Guterres"]) == ("secretary - general", "Antonio Guterres")
    assert split_title(["NATO", "Secretary", "General", "Mark", "Rutte"])[0] == ""  # an organisation is not a title


def test_title_ending_at_finds_the_title_before_a_name():
    words = "US Secretary of State Marco Rubio said".split()
    assert title_ending_at(words, 4) == 3
    assert title_ending_at(words, 1) == 0


def _title_at_by_every_end(tokens: list[str], start: int) -> int:
    """title_at without its early stop: every end tried after each of the leading modifiers, however early the
    words stop being a title."""
    best = 0
    for i in range(start, len(tokens)):
        for end in range(i + 1, min(len(tokens), i + 7) + 1):
            if tuple(_key(t) for t in tokens[i:end]) in _title_phrases():
                best = max(best, end - start)
        if _key(tokens[i]) not in TITLE_MODIFIERS:
            break
    return best


def test_title_at_reads_a_modifier_that_opens_a_title():
    """"chief" is a modifier ("chief economist") and opens "chief executive": both readings are tried."""
    assert title_at("Hitwise chief executive Robin Goad".split(), 1) == 2
    assert title_at("former chief executive John Smith".split(), 0) == 3
    assert title_ending_at("its vice president Al Gore".split(), 3) == 2
    assert title_at("former Chelsea".split(), 0) == 0


def test_title_at_stops_early_with_the_same_answer():
    """It stops at words that begin no title phrase; every phrase, with modifiers and what may follow, must
    still give the longest title (a shorter phrase inside a longer one: "foreign secretary of state")."""
    phrases = sorted(_title_phrases())
    modifiers = sorted(TITLE_MODIFIERS)[:3]
    checked = 0
    for n, phrase in enumerate(phrases):
        words = [w.title() if n % 2 else w for w in phrase]
        following = list(phrases[(n * 7) % len(phrases)])
        for tokens in (["The", *words, "Keir"], [modifiers[n % 3], *words, *following], ["Mr", *words[:-1], "said"]):
            for start in range(len(tokens)):
                assert title_at(tokens, start) == _title_at_by_every_end(tokens, start), (tokens, start)
                checked += 1
    assert checked > 10_000


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Starmer's", "Starmer"),
        ("Zelenskyy\u2019s", "Zelenskyy"),
        ("the U.K.", "UK"),
        ("the U.K.'s", "UK"),
        ("Keir\nStarmer", "Keir Starmer"),
        ('"NATO"', "NATO"),
        ("the United States", "United States"),
        ("Jones'", "Jones"),
    ],
)
def test_canonical_form(text, expected):
    assert canonical_form(text) == expected


def test_clean_surface_keeps_dotted_acronyms():
    assert clean_surface("U.S.") == "U.S."
    assert clean_surface("the U.S.'s") == "U.S."


@pytest.mark.parametrize(
    "name",
    ["", "Carl Court/Pool/Reuters", "Getty Images/AFP", "Sunday", "July 2025", "2025", "12,000", "the government",
     "UK Commits Security Role In", "Support for", "And Then", "line\nbreak", "www.example.com", "Pan-democrat",
     "Anti-war", "pro-Beijing", "anti-Bush", "ex-Labour", "Bank Of", "Smith and"],
)
def test_noise_names(name):
    assert is_noise_name(name)


@pytest.mark.parametrize("name", ["Keir Starmer", "NATO", "MI6", "AC/DC", "Saudi Arabia", "Bank of England", "Hewlett-Packard",
                                  "T-Mobile", "Al-Qaeda", "al-Sadr", "Wilson Or", "Kim An"])
def test_real_names_are_not_noise(name):
    assert not is_noise_name(name)


def test_credit_pattern():
    assert is_credit("Carl Court/Pool/Reuters")
    assert not is_credit("AC/DC")


def test_skeleton_ignores_transliteration_details():
    assert skeleton("Zelenskyy") == skeleton("Zelensky")
    assert skeleton("Dmitry") == skeleton("Dmitri")
    assert skeleton("Trump") != skeleton("Tusk")


def test_person_parts():
    assert person_parts("Marine Le Pen") == ("Marine", "", "Le Pen")
    assert person_parts("Donald Trump Jr") == ("Donald", "", "Trump Jr")
    assert person_parts("Donald J. Trump") == ("Donald", "J.", "Trump")


@pytest.mark.parametrize(
    "text, expected",
    [("Mrs Howard", "female"), ("Ms Kelly", "female"), ("Dame Barbara Castle", "female"), ("Lady Hale", "female"),
     ("Mr Blair", "male"), ("Mr. Blair", "male"), ("Sir Ian Blair", "male"), ("Lord Falconer", "male"),
     ("Dr Liam Fox", ""), ("Tony Blair", ""), ("Cherie Blair", ""), ("Dr Mrs Smith", "female")],
)
def test_honorific_gender(text, expected):
    assert honorific_gender(text) == expected


def test_lord_is_an_honorific_unless_it_starts_a_title():
    assert split_title("Lord Falconer") == ("", "Falconer")
    assert split_title("Lord Chancellor Lord Falconer") == ("lord chancellor", "Falconer")


@pytest.mark.parametrize(("word", "known"), [("Dean", True), ("Regina", True), ("Tyrone", True), ("Michael", True),
                                             ("China", False), ("Paris", False), ("Table", False)])
def test_given_names_come_from_the_nicknames_lexicon_and_the_common_census_names(word, known):
    assert is_given_name(word) is known


@pytest.mark.parametrize("word", ["QC", "CBE", "Ph.D.", "PhD", "MP"])
def test_post_nominal_letters(word):
    assert is_post_nominal(word)


@pytest.mark.parametrize("word", ["qc", "mp", "Quebec", "CEO", "UK"])
def test_words_that_are_no_post_nominal_letters(word):
    assert not is_post_nominal(word)


@pytest.mark.parametrize("word, gender", [("John", "male"), ("Katie", "female"), ("Kathryn", "female"),
                                          ("Jordan", ""), ("Leslie", ""), ("Zurbriggen", "")])
def test_given_name_gender_is_the_census_majority_only_when_it_is_clear(word, gender):
    assert given_name_gender(word) == gender
