"""Names in messages and labels in the graph: nothing invisible, nothing that forges a line, no half flags."""
from __future__ import annotations

import pytest

from kg.display import clean_label, graphemes, printable, quote

ENGLAND = "\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\u202eIsrael\u202c", "Israel"),  # a right-to-left override would display "learsI"
        ("\u2066Keir\u2069 \u200fStarmer\u200e", "Keir Starmer"),
        ("Keir\u200bStarmer\u2060", "KeirStarmer"),  # zero-width space, word joiner
        ("Olaf\x00 Scholz\x1b[31m", "Olaf Scholz[31m"),  # controls go, the rest stays readable
        ("Keir\u2028Starmer", "Keir Starmer"),
        ("\u3164", ""),  # a Hangul filler: looks blank
        ("  Emmanuel   Macron \n", "Emmanuel Macron"),
    ],
)
def test_labels_lose_controls_bidi_overrides_and_invisible_characters(raw, shown):
    assert clean_label(raw) == shown


def test_emoji_sequences_are_kept_whole_and_half_flags_dropped():
    assert clean_label("\U0001F1FA\U0001F1E6 Ukraine") == "\U0001F1FA\U0001F1E6 Ukraine"
    assert clean_label("Olaf Scholz\U0001F1E9") == "Olaf Scholz"  # half of 🇩🇪, cut off by a span edge
    assert clean_label("\U0001F1EA Spain \U0001F1EA\U0001F1F8") == "Spain \U0001F1EA\U0001F1F8"
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467"
    assert clean_label(f"{family} fund") == f"{family} fund"  # zero-width joiners inside an emoji stay
    assert clean_label(f"{ENGLAND} England\U000E0041") == f"{ENGLAND} England"  # tags only inside a tag flag
    assert len(graphemes(f"\U0001F1FA\U0001F1E6{ENGLAND}e\u0301")) == 3


def test_names_in_messages_are_one_quoted_line():
    assert quote("seeds/000.txt") == "'seeds/000.txt'"
    assert quote("in/evil\nError: forged.txt") == "'in/evil\\nError: forged.txt'"
    assert quote("in/caf\udce9.txt") == "'in/caf\\xe9.txt'"  # an undecodable byte of the file name
    assert quote("\u202etxt.exe") == "'\\u202etxt.exe'"
    assert quote("Zürich.txt") == "'Zürich.txt'"
    assert "\n" not in quote("a\r\nb\x85c\u2028d") and printable("plain") == "plain"
    quote("x\udcff").encode("utf-8")
