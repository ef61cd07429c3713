"""Date expressions ("on Monday", "last week", "in January", "20 January 2025") as ISO dates.

Relative to the article's publication date when there is one. Precision follows the words:
a day ("2025-02-17"), a month ("2025-02") or a year ("2025"); "" when the words do not fix one.
Cheap rules first (regex, weekday arithmetic); dateparser only for leftovers that hold a number.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_MONTH_RE = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"

_ISO = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")
_WEEKDAY = re.compile(r"\b(?:(last|next|this|past|coming)\s+)?(" + "|".join(WEEKDAYS) + r")\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_RE + r"(?:,?\s+(\d{4}))?\b")
_MONTH_DAY = re.compile(r"\b" + _MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?")
_MONTH_YEAR = re.compile(r"\b" + _MONTH_RE + r"(?:\s+(?:of\s+)?(\d{4}))?\b")
_YEAR = re.compile(r"\b(1[89]\d\d|2[01]\d\d)\b")
_AGO = re.compile(r"\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+(day|week|month|year)s?\s+ago\b")
_NUMBERS = {w: i for i, w in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                                        "nine", "ten", "eleven", "twelve"))} | {"a": 1, "an": 1}
_RELATIVE_DAYS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
                  "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2}
_RELATIVE_WEEKS = {"this week": 0, "last week": -7, "past week": 0, "next week": 7, "coming days": 0,
                   "the weekend": 0, "this weekend": 0, "last weekend": -7, "next weekend": 7,
                   "earlier this week": 0, "later this week": 0}
_RELATIVE_MONTHS = {"this month": 0, "last month": -1, "next month": 1}
_RELATIVE_YEARS = {"this year": 0, "last year": -1, "next year": 1}


def parse_iso(date: str) -> dt.date | None:
    """The publication date as a date, or None when it is missing or not a full ISO day."""
    try:
        return dt.date.fromisoformat(date[:10]) if len(date) >= 10 else None
    except ValueError:
        return None


def resolve_date(text: str, article_date: str = "", *, tense: str = "") -> str:
    """ISO date (day, month or year precision) for the words ``text``, or "".

    ``tense`` is "past", "future" or "" and decides which way a bare weekday or month points
    from the article date: "met on Sunday" is the Sunday before, "will meet on Tuesday" the one after.
    """
    try:
        return _resolve(" ".join(text.lower().split()), article_date[:10], tense)
    except (OverflowError, ValueError):  # "last Sunday" of 0001-01-01 is before the calendar starts
        return ""


@lru_cache(maxsize=4096)
def _resolve(text: str, article_date: str, tense: str) -> str:
    base = parse_iso(article_date)
    if not text:
        return ""
    m = _ISO.search(text)
    if m:
        return m.group(0)
    m = _DAY_MONTH.search(text)
    if m:
        return _day_month(int(m.group(1)), _month(m.group(2)), m.group(3), base, tense)
    m = _MONTH_DAY.search(text)
    if m:
        return _day_month(int(m.group(2)), _month(m.group(1)), m.group(3), base, tense)
    if base is not None:
        relative = _relative(text, base, tense)
        if relative:
            return relative
    m = _MONTH_YEAR.search(text)
    if m and (m.group(1) != "may" or m.group(2)):  # "may" alone is the verb more often than the month
        month = _month(m.group(1))
        if m.group(2):
            return f"{int(m.group(2)):04d}-{month:02d}"
        if base is not None:
            return f"{_year_for(month, 1, base, tense):04d}-{month:02d}"
        return ""
    m = _YEAR.search(text)
    if m and re.fullmatch(r"(?:in |during |since |by |of )?(?:the year )?\d{4}", text):
        return m.group(1)
    if base is not None and re.search(r"\d", text):
        return _dateparser(text, article_date, tense)
    return ""


def _relative(text: str, base: dt.date, tense: str) -> str:
    for words, days in _RELATIVE_DAYS.items():
        if re.search(r"\b" + words + r"\b", text):
            return (base + dt.timedelta(days=days)).isoformat()
    m = _WEEKDAY.search(text)
    if m:
        return _weekday(WEEKDAYS.index(m.group(2)), m.group(1) or "", base, tense).isoformat()
    m = _AGO.search(text)
    if m:
        word = m.group(1)
        n = int(word) if word.isdigit() else _NUMBERS.get(word, 1)
        unit = m.group(2)
        if unit == "day":
            return (base - dt.timedelta(days=n)).isoformat()
        if unit == "week":
            return (base - dt.timedelta(days=7 * n)).isoformat()[:7]
        if unit == "month":
            y, mo = divmod(base.year * 12 + base.month - 1 - n, 12)
            return f"{y:04d}-{mo + 1:02d}"
        return f"{base.year - n:04d}"
    for words, days in _RELATIVE_WEEKS.items():
        if re.search(r"\b" + words + r"\b", text):
            return (base + dt.timedelta(days=days)).isoformat()[:7]
    for words, months in _RELATIVE_MONTHS.items():
        if re.search(r"\b" + words + r"\b", text):
            y, mo = divmod(base.year * 12 + base.month - 1 + months, 12)
            return f"{y:04d}-{mo + 1:02d}"
    for words, years in _RELATIVE_YEARS.items():
        if re.search(r"\b" + words + r"\b", text):
            return f"{base.year + years:04d}"
    return ""


def _weekday(target: int, qualifier: str, base: dt.date, tense: str) -> dt.date:
    """The weekday nearest the article date in the direction the tense (or "last"/"next") points."""
    ahead = (target - base.weekday()) % 7  # 0..6 days forward
    behind = (base.weekday() - target) % 7  # 0..6 days back
    if qualifier == "next":
        return base + dt.timedelta(days=ahead or 7)
    if qualifier in ("last", "past"):
        return base - dt.timedelta(days=behind or 7)
    if qualifier in ("this", "coming") and tense != "past":
        return base + dt.timedelta(days=ahead)
    if tense == "future":
        return base + dt.timedelta(days=ahead)
    return base - dt.timedelta(days=behind)  # news reports mostly what happened


def _month(word: str) -> int:
    return _MONTH_ABBR[word.rstrip(".")[:4] if word.startswith("sept") else word.rstrip(".")[:3]]


def _year_for(month: int, day: int, base: dt.date, tense: str) -> int:
    """The year that puts (month, day) on the side of the article date the tense points to."""
    candidate = (base.year, month, day)
    here = (base.year, base.month, base.day)
    if tense == "future" and candidate < here:
        return base.year + 1
    if tense != "future" and candidate > here and (month - base.month) % 12 > 2:
        return base.year - 1  # a month well after the article date is last year's, unless said in the future tense
    return base.year


def _day_month(day: int, month: int, year: str | None, base: dt.date | None, tense: str) -> str:
    if year:
        y = int(year)
    elif base is not None:
        y = _year_for(month, day, base, tense)
    else:
        return ""
    try:
        return dt.date(y, month, day).isoformat()
    except ValueError:
        return ""


def _dateparser(text: str, article_date: str, tense: str) -> str:
    import dateparser  # slow to import and to call: only for the rare leftovers

    base = dt.datetime.fromisoformat(article_date)
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future" if tense == "future" else "past",
                "RETURN_AS_TIMEZONE_AWARE": False, "REQUIRE_PARTS": ["month"]}
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd strings; a date we cannot read is no date
        return ""
    if parsed is None or not 1800 <= parsed.year <= 2200:
        return ""
    return parsed.date().isoformat() if re.search(r"\b\d{1,2}\b", text) else parsed.strftime("%Y-%m")
