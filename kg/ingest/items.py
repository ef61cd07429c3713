"""What the format readers hand to the reader: a raw article or a skipped item."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Skip:
    """A bad item in a batch that was skipped."""

    item: str  # file path, or "file.jsonl:17" for a record/line
    reason: str  # one line: what is wrong and how to fix it


@dataclass(frozen=True)
class RawArticle:
    """An article as read from its format, before boilerplate removal."""

    name: str
    text: str
    title: str = ""
    date: str = ""  # already ISO, or ""
    url: str = ""
    source: str = ""
    # True when each line is a paragraph (HTML extraction); None: decide from the text.
    lines_are_paragraphs: bool | None = None
