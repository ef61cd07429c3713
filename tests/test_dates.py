"""Date expressions normalised against the article's publication date (kg.extract.dates)."""
from __future__ import annotations

import pytest

from kg.extract.dates import resolve_date

MONDAY = "2025-02-17"  # a Monday


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("Monday", "future", "2025-02-17"),  # the article's own weekday is that day
        ("on Monday", "", "2025-02-17"),
        ("Tuesday", "future", "2025-02-18"),  # "will meet on Tuesday"
        ("Sunday", "past", "2025-02-16"),  # "met on Sunday"
        ("Sunday", "future", "2025-02-23"),
        ("Wednesday", "", "2025-02-12"),  # no tense: news reports what happened
        ("last Monday", "", "2025-02-10"),
        ("next Monday", "", "2025-02-24"),
        ("today", "", "2025-02-17"),
        ("yesterday", "", "2025-02-16"),
        ("tomorrow", "", "2025-02-18"),
        ("this week", "", "2025-02"),
        ("last week", "", "2025-02"),
        ("in January", "past", "2025-01"),
        ("in July", "past", "2024-07"),
        ("in March", "future", "2025-03"),
        ("20 January 2025", "", "2025-01-20"),
        ("January 20", "", "2025-01-20"),
        ("March 2024", "", "2024-03"),
        ("2025-03-01", "", "2025-03-01"),
        ("six months ago", "", "2024-08"),
        ("three days ago", "", "2025-02-14"),
        ("last year", "", "2024"),
        ("next month", "", "2025-03"),
    ],
)
def test_relative_to_article_date(text: str, tense: str, expected: str) -> None:
    assert resolve_date(text, MONDAY, tense=tense) == expected


@pytest.mark.parametrize("text", ["Monday", "this week", "in January", "yesterday", "six months ago"])
def test_relative_words_without_article_date_give_nothing(text: str) -> None:
    assert resolve_date(text, "") == ""


def test_absolute_dates_need_no_article_date() -> None:
    assert resolve_date("20 January 2025", "") == "2025-01-20"
    assert resolve_date("January 2025", "") == "2025-01"


def test_words_that_fix_no_date() -> None:
    assert resolve_date("recent months", MONDAY) == ""
    assert resolve_date("", MONDAY) == ""
    assert resolve_date("may", MONDAY) == ""  # the verb, not the month


def test_year_of_a_bare_date_follows_tense_across_new_year() -> None:
    assert resolve_date("December 30", "2025-01-03", tense="past") == "2024-12-30"
    assert resolve_date("January 5", "2024-12-28", tense="future") == "2025-01-05"


@pytest.mark.parametrize("article_date", ["0001-01-01", "9999-12-31"])
def test_relative_dates_at_the_ends_of_the_calendar_give_nothing(article_date: str) -> None:
    for text, tense in (("on Sunday", "past"), ("on Sunday", "future"), ("last week", ""), ("next month", ""), ("next year", "")):
        resolve_date(text, article_date, tense=tense)  # no OverflowError
    assert resolve_date("on Sunday", "0001-01-01", tense="past") == ""
    assert resolve_date("on Sunday", "9999-12-31", tense="future") == ""
