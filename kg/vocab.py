"""The word lists of kg/data as frozensets: one vocabulary, read once, used by every stage.

Titles, honorifics and title modifiers (``titles.json``), the shape words of names
(``names.json``), organisation and product words (``organisations.json``). Nothing
here needs spaCy, so resolution of a fully cached build can use it too.
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def load_data(name: str) -> dict[str, Any]:
    """A JSON word list from kg/data (read once per process)."""
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def _words(name: str, key: str) -> frozenset[str]:
    return frozenset(load_data(name)[key])


_titles = load_data("titles.json")
TITLES = _words("titles.json", "titles")
PORTFOLIOS = _words("titles.json", "portfolios")
PORTFOLIO_HEADS = _words("titles.json", "portfolio_heads")
PORTFOLIO_NAMES = _words("titles.json", "portfolio_names")
TITLE_MODIFIERS = _words("titles.json", "modifiers")
UNINFORMATIVE_MODIFIERS = _words("titles.json", "uninformative_modifiers")
ROLE_CHANGING_MODIFIERS = _words("titles.json", "role_changing_modifiers")
SURNAME_LIKE_TITLES = _words("titles.json", "surname_like_titles")
MALE_HONORIFICS = frozenset(_titles["honorifics"]["male"])
FEMALE_HONORIFICS = frozenset(_titles["honorifics"]["female"])
HONORIFICS = MALE_HONORIFICS | FEMALE_HONORIFICS | frozenset(_titles["honorifics"]["neutral"])
# Words that mark a person's gender: gendered honorifics and gendered titles ("spokeswoman").
GENDER_WORDS: dict[str, str] = {
    **{w: "m" for w in MALE_HONORIFICS | frozenset(_titles["gendered_titles"]["male"])},
    **{w: "f" for w in FEMALE_HONORIFICS | frozenset(_titles["gendered_titles"]["female"])},
}
TITLE_RELATIONS: dict[str, str] = dict(_titles["relation"])
DESTINATION_TITLES = _words("titles.json", "destination")
PAST_MODIFIERS = _words("titles.json", "past_modifiers")

NAME_SUFFIXES = _words("names.json", "name_suffixes")
SENIOR_SUFFIXES = _words("names.json", "senior_suffixes")
POST_NOMINALS = _words("names.json", "post_nominals")
AREA_NOUNS = _words("names.json", "area_nouns")
US_STATE_ABBREVIATIONS: dict[str, str] = dict(load_data("places.json")["us_state_abbreviations"])
US_STATES = frozenset(US_STATE_ABBREVIATIONS.values()) | frozenset(load_data("places.json")["us_states"])
COMPASS_WORDS = _words("places.json", "compass_words")
CAPITAL_NOUNS = _words("places.json", "capital_nouns")
PLACE_KINDS = _words("places.json", "place_kinds")
SUBDIVISION_TYPES = _words("places.json", "subdivision_types")
ORIGIN_NOUNS = _words("names.json", "origin_nouns")
SHARED_ROLE_NOUNS = _words("names.json", "shared_role_nouns")
PERSON_KINDS = _words("names.json", "person_kinds")
WORD_VARIANTS: dict[str, str] = dict(load_data("names.json")["word_variants"])
SURNAME_PARTICLES = _words("names.json", "surname_particles")
DATE_WORDS = _words("names.json", "date_words")
FUNCTION_WORDS = _words("names.json", "function_words")
CAPTION_WORDS = _words("names.json", "caption_words")
STANCE_PREFIXES = _words("names.json", "stance_prefixes")

CORPORATE_SUFFIXES = _words("organisations.json", "corporate_suffixes")
ORG_HEADS = _words("organisations.json", "organisation_heads")
PRODUCT_HEADS = _words("organisations.json", "product_heads")
WORK_KINDS = _words("organisations.json", "work_kinds")
ORG_CONTEXT = _words("organisations.json", "organisation_context")
HEADQUARTERS_NOUNS = _words("organisations.json", "headquarters_nouns")
HEADQUARTERS_PARTICIPLES = _words("organisations.json", "headquarters_participles")
SITE_NOUNS = _words("organisations.json", "site_nouns")
FACILITY_HEADS = _words("organisations.json", "facility_heads")
EVENT_NAME_HEADS = _words("events.json", "named_heads")
PLACE_PREPOSITIONS = _words("events.json", "place_preps")
MATCH_VERBS = _words("organisations.json", "match_verbs")
ORG_NOUNS = _words("organisations.json", "organisation_nouns")
AFFILIATION_NOUNS = _words("relations.json", "affiliation_nouns")
RESIDENCE_NOUNS: dict[str, str] = dict(load_data("relations.json")["residence_nouns"])
WORKPLACE_NOUNS = _words("relations.json", "workplace_nouns")
HOLDING_NOUNS = _words("relations.json", "holding_nouns")
LIVING_VERBS = frozenset(v for v, t in load_data("relations.json")["verbs"].items() if t == "lives_in")
