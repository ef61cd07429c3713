"""Ingest: INPUT arguments to clean :class:`kg.model.Article` objects, streamed one file at a time.

Formats: ``.txt``/``.text`` (and any explicitly named file with an unknown extension), ``.md``/``.markdown``
(syntax stripped, ``#`` headings out, front matter title/date read), ``.html``/``.htm`` (main text by
trafilatura, title/date from ``og:title``/``<title>`` and ``article:published_time``/``<time datetime>``),
``.json`` (an object with ``text``, a list of them, or ``{"articles": [...]}``), ``.jsonl`` (one object a
line), and ``-`` for standard input (JSON/JSONL records if it parses as such, else text).
Names: ``seeds/000.txt``, ``../shared/a.txt`` (relative to the current folder as given; absolute only
when given absolute and outside it), ``feed.json#3``
(3rd record of a list), ``feed.jsonl#17`` (record on line 17), ``<stdin>``.

Bad input: a bad item (an unreadable file, a broken link inside a folder, a malformed JSON line, an empty
record, one of kg's own graphs) is a :class:`Skip` with a one-line reason and a kind, and the run goes on
(``--strict`` turns every skip into a failure); a missing INPUT fails. The README's "Bad input" table lists
every case with its outcome; ``tests/test_ingest.py`` has a test for each.

Cleaning (``kg.ingest.clean``): newlines normalised (U+2028 and NEL inside a paragraph are spaces), bidi
controls removed, XML-illegal characters (NULs, lone surrogates) replaced by spaces, NFC;
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
