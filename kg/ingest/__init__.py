"""Ingest: INPUT arguments to clean :class:`kg.model.Article` objects, streamed one file at a time.

Formats: ``.txt``/``.text`` (and any explicitly named file with an unknown extension), ``.md``/``.markdown``
(syntax stripped, ``#`` headings out, front matter title/date read), ``.html``/``.htm`` (main text by
trafilatura, title/date from ``og:title``/``<title>`` and ``article:published_time``/``<time datetime>``),
``.json`` (an object with ``text``, a list of them, or ``{"articles": [...]}``), ``.jsonl`` (one object a
line), and ``-`` for standard input (JSON/JSONL records if it parses as such, else text).
Names: ``seeds/000.txt``, ``../shared/a.txt`` (relative to the current folder as given; absolute only
when given absolute and outside it), ``feed.json#3``
(3rd record of a list), ``feed.jsonl#17`` (record on line 17), ``<stdin>``.

Bad input -- what ``kg build`` does (a skipped item is reported as ``Skipped ITEM: REASON`` and the run
goes on; ``--strict`` turns every skip into a failure):

=====================================================  ==================================================
Input                                                  Result
=====================================================  ==================================================
no INPUT at all                                        fails (exit 1)
a path that does not exist / a broken symlink named    fails (exit 1), naming the path
a glob pattern that matches nothing                    fails (exit 1), naming the pattern
a folder (or glob) with no article files in it         fails (exit 1), naming the folder
an unreadable folder given as INPUT                    fails (exit 1)
empty or whitespace-only file / record                 skipped: "empty article"
a file with no text left after boilerplate removal     skipped (e.g. an HTML page of only scripts/menus)
binary file with a text extension (PNG, PDF, ZIP,      skipped: "not UTF-8/UTF-16/8-bit text (looks
GZIP, JPEG, ... or NUL bytes outside UTF-16)           binary: PNG image)"
invalid UTF-8                                          read: legacy 8-bit text (Latin-1/Windows-1252,
                                                       ...) is detected with charset-normalizer; UTF-8
                                                       with a few bad bytes (<= 2% of characters) is
                                                       read with U+FFFD for them; anything else skipped
UTF-8 with BOM, UTF-16/UTF-32 with BOM, UTF-16 w/o BOM read
unreadable file (permission denied)                    skipped: "permission denied"
FIFO, socket or device (never opened)                  skipped: "is a named pipe (FIFO), not a regular
                                                       file"
unreadable sub-folder, broken symlink inside a folder  skipped
.json that is not valid JSON                           skipped, reason gives line and column
.json holding JSON Lines                               read as JSON Lines
JSONL line that is not valid JSON                      that line skipped (``file.jsonl:17``), rest read
record without a string ``text``                       that record skipped (``file.jsonl:17`` /
                                                       ``file.json#3``), naming the fields it has
a date that is not one clear calendar day              read, with no date
very large article (50 MB) or a 1 MB line              read
=====================================================  ==================================================

Cleaning (``kg.ingest.clean``): newlines normalised, XML-illegal characters replaced by spaces, NFC;
interface lines ("Share it:", "• Loading..."), photo credits, copyright and "originally appeared in"
lines, comment-form text and bylines dropped; Title Case subheadings dropped (the first headline-like
line becomes the title when none is known); a leading ``date YYYY-MM-DD`` becomes the date.
Paragraphs are separated by a blank line in ``Article.text``; everything kept is verbatim.
"""
from __future__ import annotations

from kg.ingest.discover import check_not_input, discover
from kg.ingest.items import InputFile, Inputs, Skip
from kg.ingest.reader import iter_articles

__all__ = ["InputFile", "Inputs", "Skip", "check_not_input", "discover", "iter_articles"]
