"""Read discovered inputs lazily, one file at a time, into Articles (or Skips)."""
from __future__ import annotations

import json
import logging
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import BinaryIO, TextIO

from kg.display import quote
from kg.errors import InputError
from kg.ingest.clean import clean_body
from kg.ingest.dates import normalise_date
from kg.ingest.decode import NotText, decode_bytes, normalise_text
from kg.ingest.discover import STDIN, STDIN_NAME, discover
from kg.ingest.items import InputFile, Inputs, RawArticle, Skip
from kg.ingest.markdown import split_front_matter, strip_markdown
from kg.ingest.records import TOO_DEEP, parse_json, parse_jsonl, read_jsonl_lines
from kg.marks import own_file_kind
from kg.model import Article

log = logging.getLogger(__name__)

HTML_EXTENSIONS = (".html", ".htm")
MARKDOWN_EXTENSIONS = (".md", ".markdown")
NOT_REGULAR: tuple[tuple[Callable[[int], bool], str], ...] = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)
EMPTY = "empty article (no text); remove it or add the article text"
_LOOKS_HTML = re.compile(r"\A\s*(?:<!doctype html|<html|<head|<body)", re.I)
_SPACES = re.compile(r"\s+")


def _unreadable(name: str, exc: OSError) -> Skip:
    if isinstance(exc, PermissionError):
        return Skip(name, "permission denied; make the file readable (chmod +r) or leave it out", "unreadable")
    if isinstance(exc, FileNotFoundError):
        return Skip(name, "file not found (a broken symbolic link, or deleted while kg ran); fix it or leave it out", "unreadable")
    return Skip(name, f"cannot read the file ({exc.strerror or exc}); check the disk or leave it out", "unreadable")


def _own_output(name: str, what: str) -> Skip:
    return Skip(name, f"{what}, not an article: kg never reads its own outputs; keep outputs out of the input "
                      f"folders or leave it out", "kg-output")


def _from_text(text: str, name: str, extension: str) -> Iterator[RawArticle | Skip]:
    """Raw articles from a decoded file, by extension (anything unknown is plain text)."""
    if not text.strip():
        yield Skip(name, EMPTY, "empty")
    elif extension == ".json":
        yield from parse_json(text, name)
    elif extension in HTML_EXTENSIONS:
        from kg.ingest.html import parse_html  # lxml: only for HTML inputs

        page = parse_html(text)
        yield RawArticle(name, page.pop("text"), **page, lines_are_paragraphs=True)
    elif extension in MARKDOWN_EXTENSIONS:
        front, text = split_front_matter(normalise_text(text))
        body, headings = strip_markdown(text)
        title = front.get("title", "") or (headings[0] if headings else "")
        date = normalise_date(front.get("date", ""))
        yield RawArticle(name, body, title, date, front.get("url", ""), front.get("source", ""))
    else:
        yield RawArticle(name, text)


def _not_regular(name: str, mode: int) -> Skip | None:
    """The Skip for a path that is no regular file (a folder, a FIFO, a device ...), else None."""
    if stat.S_ISDIR(mode):  # a file when the inputs were walked: it changed while kg ran
        return Skip(name, "is a folder, not an article file (did it change while kg ran?); run again or leave it out", "not-a-file")
    for test, kind in NOT_REGULAR:
        if test(mode):
            return Skip(name, f"is {kind}, not a regular file; pass article files only", "not-a-file")
    return None


def _open_regular(path: str, name: str) -> BinaryIO | Skip:
    """``path`` opened for reading, or a Skip when it is no regular file (then it is not read).

    Non-blocking, then checked on the open file: a file swapped for a FIFO after the stat that looked at
    it would otherwise block the run for ever.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        odd = _not_regular(name, os.fstat(fd).st_mode)
        if odd is not None:
            os.close(fd)
            return odd
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _read_file(source: InputFile) -> Iterator[RawArticle | Skip]:
    path, name = source.path, source.name
    try:
        # stat first: a FIFO or a device is never even opened (opening some has effects, a tape rewinds)
        opened = _not_regular(name, os.stat(path).st_mode) or _open_regular(path, name)
    except OSError as exc:
        yield _unreadable(name, exc)
        return
    if isinstance(opened, Skip):
        yield opened
        return
    extension = os.path.splitext(path)[1].lower()
    try:
        with opened as stream:
            if extension == ".jsonl":
                yield from parse_jsonl(read_jsonl_lines(stream), name)
                return
            data = stream.read()
        own = own_file_kind(data)
        if own:
            yield _own_output(name, own)
            return
        hint = ""
        if extension in HTML_EXTENSIONS:
            from kg.ingest.html import meta_charset  # lxml: only for HTML inputs

            hint = meta_charset(data)
        yield from _from_text(decode_bytes(data, hint=hint), name, extension)
    except NotText as exc:
        yield Skip(name, str(exc), "binary")
    except OSError as exc:
        yield _unreadable(name, exc)


def _looks_like_records(text: str) -> bool:
    first = next((line for line in text.split("\n", 20)[:20] if line.strip()), "")
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return first.lstrip().startswith("{")


def _read_stdin(stdin: TextIO | None) -> Iterator[RawArticle | Skip]:
    """Standard input: JSON or JSONL records if it parses as such, an HTML page, else plain text."""
    stream = stdin if stdin is not None else sys.stdin
    buffer = getattr(stream, "buffer", None)
    try:
        text = decode_bytes(buffer.read()) if buffer is not None else stream.read()
    except NotText as exc:
        yield Skip(STDIN_NAME, str(exc), "binary")
        return
    except OSError as exc:
        yield Skip(STDIN_NAME, f"cannot read standard input ({exc}); pipe the articles in or name files", "unreadable")
        return
    stripped = text.lstrip()
    if stripped and stripped[0] in "{[":
        try:
            json.loads(text)
        except ValueError:
            pass
        except RecursionError:
            if "\n" not in text.strip():  # one document; several lines may be JSON Lines, read below
                yield Skip(STDIN_NAME, TOO_DEEP, "too-deep")
                return
        else:
            yield from parse_json(text, STDIN_NAME)
            return
    if _looks_like_records(text):
        yield from parse_jsonl(enumerate(text.split("\n"), 1), STDIN_NAME)
    elif _LOOKS_HTML.match(text):
        yield from _from_text(text, STDIN_NAME, ".html")
    else:
        yield from _from_text(text, STDIN_NAME, ".txt")


def _one_line(value: str) -> str:
    """A metadata field (title, url, source) as one clean line: lone surrogates and controls repaired."""
    return _SPACES.sub(" ", normalise_text(value)).strip()


def make_article(raw: RawArticle) -> Article | Skip:
    """Normalise and clean a raw article; a Skip when no text is left.

    Every field is repaired here (lone surrogates from JSON, controls, bidi overrides), so nothing
    downstream (the cache, the exporters) meets a string it cannot encode.
    """
    text = normalise_text(raw.text)
    if not text.strip():
        return Skip(raw.name, EMPTY, "empty")
    body, title, date = clean_body(text, title=_one_line(raw.title), date=raw.date, lines_as_paragraphs=raw.lines_are_paragraphs)
    if not body.strip():
        return Skip(raw.name, "no article text left after removing markup, boilerplate and headings; check it is an article", "no-text")
    return Article(name=_one_line(raw.name), text=body, title=title, date=normalise_date(date),
                   url=_one_line(raw.url), source=_one_line(raw.source))


def _read(source: InputFile, stdin: TextIO | None) -> Iterator[RawArticle | Skip]:
    return _read_stdin(stdin) if source.path == STDIN else _read_file(source)


def iter_articles(
    inputs: Sequence[str] | Inputs,
    *,
    on_skip: Callable[[Skip], None] | None = None,
    strict: bool = False,
    stdin: TextIO | None = None,
) -> Iterator[Article]:
    """Read each file lazily, yielding Articles in a deterministic order.

    ``inputs``: INPUT arguments (discovered now, so a missing input raises InputError at the call) or
    the :class:`Inputs` of an earlier discover() (never walked again). A bad item, including those met
    while walking the folders, is passed to *on_skip* (or logged as a warning) and skipped; with
    ``strict=True`` it raises InputError instead.
    """
    found = inputs if isinstance(inputs, Inputs) else discover(inputs)

    def report(skip: Skip) -> None:
        if strict:
            raise InputError(f"{quote(skip.item)}: {skip.reason}")
        if on_skip is not None:
            on_skip(skip)
        else:
            log.warning("skipped %s: %s", quote(skip.item), skip.reason)

    def generate() -> Iterator[Article]:
        for skip in found.skips:
            report(skip)
        for source in found.files:
            for raw in _read(source, stdin):
                item = make_article(raw) if isinstance(raw, RawArticle) else raw
                if isinstance(item, Skip):
                    report(item)
                else:
                    yield item

    return generate()
