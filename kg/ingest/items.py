"""What the ingest stage hands on: the files to read, a raw article, or a skipped item."""
from __future__ import annotations

from dataclasses import dataclass, field

# Kinds of skip, with the words a summary uses for "N more ..." (the CLI names the first few of a kind).
SKIP_KINDS: dict[str, str] = {
    "empty": "empty articles",
    "no-text": "files with no article text left",
    "binary": "binary or undecodable files",
    "unreadable": "unreadable files",
    "not-a-file": "pipes, sockets and devices",
    "broken-link": "broken symbolic links",
    "link-loop": "symbolic link loops",
    "unlistable": "folders that cannot be listed",
    "bad-json": "malformed JSON items",
    "bad-record": "records without a usable text",
    "too-deep": "items nested too deeply",
    "kg-output": "graphs written by kg",
    "other": "other items",
}


@dataclass(frozen=True)
class Skip:
    """A bad item in a batch that was skipped."""

    item: str  # article name ("in/a.txt"), or "file.jsonl:17" for a record/line
    reason: str  # one line: what is wrong and how to fix it
    # One of SKIP_KINDS, so that a million alike can be summed up in one line (not part of equality).
    kind: str = field(default="other", compare=False)


@dataclass(frozen=True)
class InputFile:
    """One file to read: where it is, and the name the user knows it by."""

    path: str  # what is opened (as the operating system spells it); "-" for standard input
    name: str  # the article name: printable, relative as given ("seeds/000.txt", "<stdin>")
    explicit: bool = True  # named on the command line (not found by walking a folder or a glob)


@dataclass(frozen=True)
class Inputs:
    """INPUT arguments after one walk: the files to read, in order, and the bad items met on the way."""

    files: tuple[InputFile, ...] = ()
    skips: tuple[Skip, ...] = ()
    # (st_dev, st_ino) of every file (not stdin), to recognise an output or cache that is an input
    identities: frozenset[tuple[int, int]] = frozenset()

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.files]


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
