"""Publication dates from metadata, normalised to ISO ``YYYY-MM-DD`` -- strictly.

Anything that is not clearly one calendar day becomes "": relative words ("yesterday" would
depend on the day kg runs), a month without a day, ambiguous numeric dates ("03/04/2025").
"""
from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

MIN_YEAR, MAX_YEAR = 1800, 2200
MAX_DATE_CHARS = 80
DATEPARSER_SETTINGS = {
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
    "DATE_ORDER": "DMY",
    "PARSERS": ["absolute-time"],
}

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s_]|[+-]\d{2}:?\d{2}$|Z$)")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:T\d|\s*$)")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_AMBIGUOUS = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-]\d{4}\s*$")


def _iso(year: int, month: int, day: int) -> str:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return ""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""


def normalise_date(value: object) -> str:
    """ISO date for a metadata value (string; ``date``/``datetime``), or "" if it is not one day."""
    if isinstance(value, dt.datetime | dt.date):
        return _iso(value.year, value.month, value.day)
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_DATE_CHARS:
        return ""
    match = _ISO.match(value) or _COMPACT.match(value)
    if match:
        return _iso(*(int(part) for part in match.groups()))
    if not _YEAR.search(value):
        return ""
    ambiguous = _AMBIGUOUS.match(value)
    if ambiguous and ambiguous.group(1) != ambiguous.group(2) and max(map(int, ambiguous.groups())) <= 12:
        return ""
    try:
        parsed = parsedate_to_datetime(value)  # RFC 2822, as in RSS feeds and mail headers
    except (TypeError, ValueError, IndexError):
        import dateparser  # here: importing it costs a tenth of a second that most builds need not pay

        parsed = dateparser.parse(value, languages=["en"], settings=DATEPARSER_SETTINGS)
    if parsed is None:
        return ""
    return _iso(parsed.year, parsed.month, parsed.day)
