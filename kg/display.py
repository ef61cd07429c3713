"""Text that people read: names in messages and labels in the graph.

A file name may hold a newline, an escape sequence or a bidi override; printed as is, it could forge a
line on stderr or show "learsI" for "Israel". Labels may carry invisible characters copied from the
web. Everything here is a pure function of a string.
"""
from __future__ import annotations

import os
import re
import unicodedata

import regex

# Joins the items of a list in one graph attribute ("aliases", "sources"). Here, not in kg.graph, so that the
# exporters and readers can split lists without importing resolution.
LIST_SEP = " | "

# Explicit bidi formatting (embeddings, overrides, isolates) and the directional marks: invisible,
# and able to reorder what is shown around them ("\u202eIsrael\u202c" displays as "learsI").
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Characters that show nothing but are not format controls: Hangul fillers, used to fake blank names.
INVISIBLE_LETTERS = "\u115f\u1160\u3164\uffa0"

_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
# An emoji tag sequence (the flags of England, Scotland, Wales) is the one place tag characters belong.
_TAG_FLAG = regex.compile(r"\U0001F3F4[\U000E0020-\U000E007E]+\U000E007F")
_SPACES = re.compile(r"\s+")
_REGIONAL = re.compile("[\U0001F1E6-\U0001F1FF]")


def strip_bidi(text: str) -> str:
    """``text`` without bidi overrides, embeddings, isolates and marks."""
    return _BIDI.sub("", text) if any(c in text for c in BIDI_CONTROLS) else text


def _keep_in_label(ch: str) -> bool:
    if ch in "\u200c\u200d":  # zero-width (non-)joiners: part of emoji sequences and of Persian/Indic words
        return True
    if ch in INVISIBLE_LETTERS:
        return False
    return unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Zl", "Zp")


def clean_label(text: str) -> str:
    """A label as shown: controls, bidi overrides and invisible characters removed, spaces collapsed.

    Emoji sequences (flags, skin tones, ZWJ families, the tag flags of England and Scotland) are kept whole,
    and half a flag (a lone regional indicator) is dropped.
    """
    if text.isascii() and text.isprintable():  # most labels: nothing to remove, only spaces to collapse
        return _SPACES.sub(" ", text).strip()
    flags = [m.group() for m in _TAG_FLAG.finditer(text)]
    parts = _TAG_FLAG.split(text)
    cleaned = []
    for i, part in enumerate(parts):
        cleaned.append("".join(ch if _keep_in_label(ch) else (" " if ch.isspace() or ch in "\u2028\u2029" else "")
                               for ch in part))
        if i < len(flags):
            cleaned.append(flags[i])
    return _SPACES.sub(" ", _without_half_flags("".join(cleaned))).strip()


def graphemes(text: str) -> list[str]:
    """User-perceived characters: an emoji flag (two regional indicators) or "e" + accent is one."""
    return regex.findall(r"\X", text)


def _without_half_flags(text: str) -> str:
    """Drop a regional indicator that pairs with nothing: half of an emoji flag, cut off by a span edge."""
    if not _REGIONAL.search(text):
        return text
    return "".join(g for g in graphemes(text) if not (len(g) == 1 and _REGIONAL.match(g)))


def printable(text: str) -> str:
    """``text`` with every character that is not plainly printable escaped (``\\n``, ``\\u202e``, ``\\udcff``).

    Undecodable bytes of a file name (surrogate escapes) come out as ``\\xff``-style escapes too, so the
    result is always valid UTF-8 and one line.
    """
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable():
            out.append(ch)
        elif 0xDC80 <= ord(ch) <= 0xDCFF:  # a byte os.fsdecode could not decode
            out.append(f"\\x{ord(ch) - 0xDC00:02x}")
        else:
            out.append(repr(ch)[1:-1] if ch not in "'\"" else ch)
    return "".join(out)


def quote(name: object) -> str:
    """A file (or item) name as it appears in a message: quoted, on one line, nothing invisible."""
    return f"'{printable(os.fspath(name) if isinstance(name, os.PathLike) else str(name))}'"
