"""Boilerplate, credits, headings and the leading date line -- general rules, patterns as data.

Every rule looks at one whole line (or paragraph) and either keeps it verbatim or drops it, so the
body that survives is quoted exactly as written. Only short lines are ever dropped: a real sentence
that contains "share" or "photo" is never touched.
"""
from __future__ import annotations

import datetime as dt
import re

from kg.ingest.dates import MAX_YEAR, MIN_YEAR

# --- what ends a sentence -----------------------------------------------------------------------
SENTENCE_END = ".!?:;…"
CLOSERS = "\"'”’»)]"

# --- interface words: a short line made only of these is page chrome ---------------------------
UI_PHRASES: tuple[str, ...] = (
    "loading", "please wait", "share", "share it", "share this", "sharing", "tweet", "pin it",
    "subscribe", "unsubscribe", "sign up", "sign in", "log in", "login", "log out", "register",
    "read more", "continue reading", "see more", "show more", "load more", "view more", "more",
    "advertisement", "advertising", "sponsored", "sponsored content", "ad", "ads",
    "cookie", "cookies", "cookie settings", "cookie policy", "accept cookies", "accept all",
    "skip to content", "skip to main content", "skip navigation", "scroll to top", "back to top",
    "comment", "comments", "leave a comment", "leave a reply", "post a comment", "add a comment",
    "view comments", "show comments", "print", "email", "e-mail", "follow", "follow us", "like",
    "related", "related articles", "related stories", "related content", "more stories",
    "most read", "most popular", "trending", "recommended", "menu", "close", "search", "home",
    "next", "previous", "next article", "previous article", "listen", "listen to this article",
    "watch", "play video", "copy link", "link copied", "save", "bookmark", "download", "reply",
    "facebook", "twitter", "x", "linkedin", "whatsapp", "telegram", "reddit", "pinterest",
    "instagram", "youtube", "tiktok", "newsletter", "get the app", "top",
)
UI_TAILS: tuple[str, ...] = (
    "it", "this", "the", "our", "us", "on", "via", "to", "for", "with", "now", "here", "a", "all",
    "article", "story", "stories", "post", "page", "link", "newsletter", "newsletters", "free",
    "today", "more", "updates", "news", "up", "in", "by", "reply", "comment", "comments", "top",
    "content", "email", "e-mail", "facebook", "twitter", "x", "linkedin", "whatsapp", "telegram",
    "reddit", "pinterest", "instagram", "youtube", "tiktok", "and", "or",
)
MAX_UI_CHARS = 80
UI_STRIP = " \t•·▪◦●►▶‣-–—*|>»›<«‹:.!…,;()[]{}↑↓←→⬆⬇"

# --- credits ---------------------------------------------------------------------------------------
CREDIT_LABELS: tuple[str, ...] = (
    "photo", "photos", "photograph", "photography", "photographer", "picture", "pictures", "pic",
    "image", "images", "illustration", "graphic", "video", "file photo", "caption", "credit", "credits",
    "cover photo", "main image", "top image", "featured image", "header image", "lead image",
)
AGENCIES: frozenset[str] = frozenset((
    "reuters", "ap", "afp", "associated press", "getty", "getty images", "epa", "epa-efe", "efe",
    "pa", "pa media", "pa wire", "shutterstock", "alamy", "istock", "istockphoto", "bloomberg",
    "xinhua", "anadolu", "anadolu agency", "tass", "ria novosti", "sputnik", "sipa", "dpa", "ansa",
    "nurphoto", "zuma", "zuma press", "wireimage", "pool", "ap photo", "afp photo", "reuters photo",
    "upi", "imago", "abaca", "kyodo", "yonhap", "handout",
))
MAX_CREDIT_WORDS = 15
MAX_TRAILING_CREDIT_WORDS = 10

# --- legal notes, comment forms, bylines: whole short lines ------------------------------------
BOILERPLATE_PATTERNS: tuple[str, ...] = (
    r"©|\(c\)\s*(?:19|20)\d\d|^copyright\b|\ball rights reserved\b",
    r"^(?:this|the)\s+(?:article|story|piece|report|post|content)\s+(?:was\s+|is\s+|has\s+been\s+)?"
    r"(?:originally\s+|first\s+)?(?:appeared|appears|published|posted|ran|syndicated|republished|reproduced)\b",
    r"^(?:originally|first)\s+(?:published|appeared|posted)\s+(?:in|on|at|by)\b",
    r"^your email address will not be published",
    r"^required fields are marked",
    r"^(?:click|tap)\s+here\b",
    r"^(?:sign up|subscribe|register)\b.{0,80}\bnewsletters?\b",
    r"^(?:we use cookies|this (?:web)?site uses cookies)",
    r"^(?:follow|like|join)\s+us\s+on\b",
    r"^(?:related|read more|read also|also read|see also|more on this story)\s*:",
)
MAX_BOILERPLATE_WORDS = 40
MAX_BYLINE_WORDS = 12

# --- headings --------------------------------------------------------------------------------------
SMALL_WORDS: frozenset[str] = frozenset(
    "a an the and or but nor of in on at to for by with from as into onto upon vs v via over under "
    "after amid per than off up out so yet is are be".split()
)
MAX_HEADING_WORDS = 20  # a heading has fewer words than this
MAX_HEADLINE_WORDS = 25  # the first paragraph, in any case, is the title below this
TITLE_CASE_SHARE = 0.75
# A heading never ends mid-phrase, and a run of this many heading-like lines is a list (fixtures,
# rankings, award winners), which is content.
CONTINUATION_END = ",;-–—/&+"
HEADING_RUN_IS_LIST = 3
# A first line ending like this is still a headline ("Could Yukos be a blessing in disguise?").
HEADLINE_END = ("?", "!", "…", "...")
LINES_AS_PARAGRAPHS_SHARE = 0.5

# --- the leading "date 2025-02-17" -----------------------------------------------------------------
_DATE_LINE = re.compile(r"\A\s*(?:date|published|posted)\s*:?\s+(\d{4})-(\d{2})-(\d{2})(?![\w-])[ \t]*", re.I)


def _alternation(words: tuple[str, ...] | frozenset[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_UI_LINE = re.compile(rf"(?:{_alternation(UI_PHRASES)})(?:[\s,/|&+]+(?:{_alternation(UI_TAILS)}))*")
_COUNTS = re.compile(r"[(\[]?\d+[)\]]?")
_LABELS = _alternation(CREDIT_LABELS)
_CREDIT_LINE = re.compile(
    rf"(?:{_LABELS})(?:\s+(?:credit|credits|source|courtesy))?\s*(?::|：|\bby\b|\bcourtesy of\b)\s*\S", re.I
)
_TRAILING_CREDIT = re.compile(
    rf"(?:(?<=[.!?…”\"’])[ \t]+\(?|[ \t]+\()(?:{_LABELS})(?:\s+(?:credit|credits|source))?\s*(?::|：|\bby\b)"
    r"[ \t]*(?P<who>[^\n!?:;()]{1,100}?)\)?[ \t]*\Z",
    re.I,
)
_CREDIT_PARTS = re.compile(r"\s*(?:/|\||,|;|\bvia\b)\s*", re.I)
_BOILERPLATE = re.compile("|".join(f"(?:{p})" for p in BOILERPLATE_PATTERNS), re.I)
_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")
_LIST_ITEM = re.compile(r"^(?:[-*+•·▪◦–—]\s|\d{1,4}[.)]?\s)")
# A results table's row or a dateline, not a heading: "Trevor Dodds ( Namibia ) 72 69", "Zurbriggen 1:19.03",
# "Arsenal 2 Chelsea 1", "VAL D'ISERE , France 1996-12-06". A heading rarely has two numbers or a bracket.
_DATA_ROW = re.compile(r"\(\s*[^()\s][^()]*\)|\b\d+\b.*\b\d+\b")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_SPACES = re.compile(r"\s+")


def ends_like_sentence(line: str) -> bool:
    """True if *line* ends with sentence-final punctuation (a closing quote counts after one)."""
    stripped = line.rstrip()
    core = stripped.rstrip(CLOSERS)
    if not core:
        return False
    if core != stripped:  # 'Calls On Europe To “Step Up”' is a heading; 'he said “no.”' is not
        return core[-1] in SENTENCE_END + ","
    return core[-1] in SENTENCE_END


def count_words(line: str) -> int:
    return len(line.split())


def is_ui_line(line: str) -> bool:
    """A short line made only of interface words ("• Loading...", "Share it:", "Comments (3)")."""
    if len(line) > MAX_UI_CHARS:
        return False
    core = _COUNTS.sub(" ", line.lower()).strip(UI_STRIP)
    if not any(ch.isalnum() for ch in line):
        return True  # rules and separators: "***", "---", "•"
    return bool(core) and _UI_LINE.fullmatch(core) is not None


def is_credit_line(line: str) -> bool:
    """A whole-line photo credit: "Photo credit: A/B/Reuters", "Getty Images", "AFP via Getty Images"."""
    core = line.strip().strip("()[]").strip()
    if not core or count_words(core) > MAX_CREDIT_WORDS:
        return False
    if _CREDIT_LINE.match(core):
        return True
    if ends_like_sentence(core):
        return False
    parts = [p.strip(" .").lower() for p in _CREDIT_PARTS.split(core)]
    return any(p in AGENCIES for p in parts) and all(count_words(p) <= 4 for p in parts)


def strip_trailing_credit(line: str) -> str:
    """Remove a credit after a caption on the same line: "Keir Starmer. Photo: Reuters" -> "Keir Starmer."."""
    if "(" not in line and ":" not in line and " by " not in line.lower():
        return line
    match = _TRAILING_CREDIT.search(line)
    if not match or count_words(match.group("who")) > MAX_TRAILING_CREDIT_WORDS or not line[: match.start()].strip():
        return line
    return line[: match.start()].rstrip()


def is_byline(line: str) -> bool:
    """ "By Jane Doe and John Roe, Foreign Desk" -- an author line, not a sentence."""
    words = line.split()
    return (
        len(words) >= 2 and words[0] == "By" and words[1][:1].isupper()
        and len(words) <= MAX_BYLINE_WORDS and not ends_like_sentence(line)
    )


def is_boilerplate_line(line: str) -> bool:
    """Any whole line that is not article content: UI words, credits, legal notes, bylines."""
    line = line.strip()
    if not line:
        return True
    if count_words(line) > MAX_BOILERPLATE_WORDS:
        return False
    return (
        is_ui_line(line) or is_credit_line(line) or is_byline(line)
        or _BOILERPLATE.search(line) is not None
    )


def is_title_case(line: str) -> bool:
    """Most words that are not small words start with a capital ("Divisions Within NATO as U.S. ...")."""
    words = [w for w in _WORD.findall(line) if w.lower() not in SMALL_WORDS]
    if not words:
        return False
    return sum(w[0].isupper() for w in words) >= TITLE_CASE_SHARE * len(words)


def is_headline(paragraph: str) -> bool:
    """One short line without sentence-final punctuation, in any case: a title when it comes first."""
    line = paragraph.strip()
    return (
        bool(line) and "\n" not in line and not ends_like_sentence(line)
        and count_words(line) < MAX_HEADLINE_WORDS and any(ch.isalpha() for ch in line)
    )


def is_first_headline(paragraph: str) -> bool:
    """The first paragraph is the title when it is a headline, or a short question/exclamation line."""
    if is_headline(paragraph):
        return True
    line = paragraph.strip()
    core = line.rstrip(CLOSERS)
    return (
        "\n" not in line and count_words(line) < MAX_HEADLINE_WORDS
        and core.endswith(HEADLINE_END) and any(ch.isalpha() for ch in line)
    )


def is_heading(paragraph: str) -> bool:
    """A Title Case line without sentence-final punctuation: a (sub)heading, not body text.

    List items ("- Best play - ...", "29 Jane Doe (Chile)") and lines that start or end mid-phrase
    are not headings.
    """
    line = paragraph.strip()
    first_letter = next((ch for ch in line if ch.isalpha()), "")
    return (
        is_headline(line) and first_letter.isupper() and count_words(line) < MAX_HEADING_WORDS and is_title_case(line)
        and not line.endswith(tuple(CONTINUATION_END)) and _LIST_ITEM.match(line) is None
        and _DATA_ROW.search(line) is None
    )


def mark_headings(paragraphs: list[str]) -> list[bool]:
    """Which paragraphs are headings; runs of HEADING_RUN_IS_LIST or more heading-like lines are lists."""
    marks = [is_heading(p) for p in paragraphs]
    start = 0
    while start < len(marks):
        end = start
        while end < len(marks) and marks[end]:
            end += 1
        if end - start >= HEADING_RUN_IS_LIST:
            marks[start:end] = [False] * (end - start)
        start = end + 1
    return marks


def take_date_line(text: str) -> tuple[str, str]:
    """(ISO date, rest of text) for a leading "date 2025-02-17 ..."; ("", text) when absent or invalid."""
    match = _DATE_LINE.match(text)
    if not match:
        return "", text
    year, month, day = (int(g) for g in match.groups())
    if not MIN_YEAR <= year <= MAX_YEAR:
        date = ""  # "date 0001-01-01" is a date line, but no news date: dropped, the article undated
    else:
        try:
            date = dt.date(year, month, day).isoformat()
        except ValueError:
            return "", text
    rest = text[match.end():]
    return date, rest[1:] if rest.startswith("\n") else rest


def lines_are_paragraphs(lines: list[str]) -> bool:
    """One paragraph per line (most lines end a sentence), rather than a hard-wrapped paragraph."""
    inner = lines[:-1]
    if not inner:
        return True
    ends = sum(ends_like_sentence(line) or is_heading(line) for line in inner)
    return ends >= LINES_AS_PARAGRAPHS_SHARE * len(inner)


def _block_lines(block: str) -> list[str]:
    lines = (strip_trailing_credit(line.strip()) for line in block.split("\n"))
    return [line for line in lines if line and not is_boilerplate_line(line)]


def split_paragraphs(text: str, lines_as_paragraphs: bool | None = None) -> list[str]:
    """Paragraphs with boilerplate lines and trailing credits removed.

    Blank lines separate paragraphs. Inside a block, each line is its own paragraph when
    *lines_as_paragraphs* is True (or, when None, when the lines look like that); otherwise the
    block is one hard-wrapped paragraph and keeps its "\\n"s. A first line that reads as a headline
    stands alone even when the article goes on without a blank line.
    """
    paragraphs: list[str] = []
    for block in _BLANK_LINE.split(text):
        lines = _block_lines(block)
        if not lines:
            continue
        if lines_as_paragraphs is None and not paragraphs and len(lines) > 1 and is_first_headline(lines[0]):
            rest = lines[1:]
            if not rest[0][:1].islower() and (is_title_case(lines[0]) or lines_are_paragraphs(rest)):
                paragraphs.append(lines[0])
                lines = rest
        split = lines_as_paragraphs if lines_as_paragraphs is not None else lines_are_paragraphs(lines)
        if split:
            paragraphs.extend(lines)
        else:
            paragraphs.append("\n".join(lines))
    return paragraphs


def same_text(a: str, b: str) -> bool:
    return _SPACES.sub(" ", a).strip().casefold() == _SPACES.sub(" ", b).strip().casefold()


def clean_body(
    text: str, *, title: str = "", date: str = "", lines_as_paragraphs: bool | None = None
) -> tuple[str, str, str]:
    """(body, title, date): boilerplate and headings out, paragraphs joined by a blank line.

    A leading "date YYYY-MM-DD" gives the date when none is known. With no known title, a headline-like
    first paragraph, else the first heading, becomes the title. A paragraph repeating the title is dropped.
    """
    found_date, text = take_date_line(text)
    date = date or found_date
    found_title = ""
    body: list[str] = []
    paragraphs = split_paragraphs(text, lines_as_paragraphs)
    for paragraph, heading in zip(paragraphs, mark_headings(paragraphs)):
        if title and same_text(paragraph, title):
            continue
        if not title and not found_title and not body and is_first_headline(paragraph) and len(paragraphs) > 1:
            found_title = paragraph
            continue
        if heading:
            found_title = found_title or ("" if title else paragraph)
            continue
        body.append(paragraph)
    if not body and found_title:
        body.append(found_title)  # a one-line note is its own text
    return "\n\n".join(body), title or _SPACES.sub(" ", found_title).strip(), date
