"""Bytes to clean text: encoding detection, binary sniffing, safe normalisation.

Everything here is a pure function of the bytes. A file that cannot be text
raises :class:`NotText` with a one-line reason; the reader turns it into a Skip.
"""
from __future__ import annotations

import codecs
import re
import unicodedata


# (magic prefix, what it looks like): files that are certainly not articles whatever their extension.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or .docx/.xlsx/.epub)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "GZIP archive"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"BZh91AY&SY", "BZIP2 archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\xfd7zXZ\x00", "XZ archive"),
    (b"\x28\xb5\x2f\xfd", "Zstandard archive"),
    (b"\x7fELF", "executable program"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document (.doc/.xls)"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg audio"),
    (b"ID3", "MP3 audio"),
    (b"RIFF", "RIFF media file (WAV/AVI/WebP)"),
)

# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# English news in a legacy encoding is overwhelmingly Windows-1252/Latin-1; charset-normalizer cannot
# tell it from Central European or even Japanese code pages on a handful of accented bytes, so
# Western wins a near tie (it is dropped from the candidates when its output would be gibberish).
PREFERRED_LEGACY = "cp1252"
NEAR_TIE_CHAOS = 0.1
# Invalid UTF-8 decoded with U+FFFD only while this share of characters (or less) is damaged.
MAX_DAMAGED_SHARE = 0.02
SNIFF_BYTES = 1 << 16

# NUL bytes in otherwise valid UTF-8 (a stray one from a database export) are read as spaces up to this
# share of the bytes; more is a binary file.
MAX_NUL_SHARE = 0.02

_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")
_NEWLINES = re.compile("\r\n?|\u2029")
# U+2028 (LINE SEPARATOR) and NEL break a line inside a paragraph, like <br>: read as a space, so a name on
# its own "line" is never taken for a heading; two or more in a row (a blank line) end the paragraph.
_SOFT_BREAKS = re.compile("[\u2028\x85](?:[ \t]*[\u2028\x85])*")
# Explicit bidi embeddings, overrides, isolates and marks: invisible, they only reorder what is shown
# ("\u202eIsrael\u202c" displays as "learsI") and hide names from the parser.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_FIX = "remove it or convert it to UTF-8 text"


class NotText(ValueError):
    """The bytes are not an article's text; ``str(exc)`` is the one-line reason."""


def sniff_binary(head: bytes) -> str:
    """What *head* (the first bytes of a file) looks like if it is a known binary format, else ""."""
    for magic, what in MAGIC:
        if head.startswith(magic):
            return what
    return ""


def bom_encoding(head: bytes) -> tuple[str, int]:
    """(encoding, BOM length) when *head* starts with a byte-order mark, else ("", 0)."""
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return encoding, len(bom)
    return "", 0


def unicode_without_bom(data: bytes) -> str:
    """'utf-32-le'/'-be' or 'utf-16-le'/'-be' when the bytes are such text without a BOM, else "".

    UTF-32: the two high bytes of every character of the Basic Multilingual Plane are NULs, whatever the
    script. UTF-16: Latin script (and plain ASCII) puts a NUL in every other byte; another alphabet (Greek,
    Cyrillic, Arabic, Hebrew ...) has no NULs but the spaces', yet its high bytes take only a few values
    (its Unicode block, 0 for spaces and digits): see _one_script_utf16. CJK text has neither mark and is
    left to the legacy detector, which knows UTF-16 too.
    """
    sample = data[: SNIFF_BYTES - SNIFF_BYTES % 4]
    if len(sample) < 4:
        return ""
    quarter = len(sample) // 4
    zeros = [sample[i::4].count(0) for i in range(4)]
    if zeros[2] > 0.9 * quarter and zeros[3] > 0.9 * quarter and zeros[0] < 0.05 * quarter:
        return _if_decodes(sample, "utf-32-le")
    if zeros[0] > 0.9 * quarter and zeros[1] > 0.9 * quarter and zeros[3] < 0.05 * quarter:
        return _if_decodes(sample, "utf-32-be")
    even, odd = zeros[0] + zeros[2], zeros[1] + zeros[3]
    half = 2 * quarter
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return _one_script_utf16(sample)


def _if_decodes(sample: bytes, encoding: str) -> str:
    try:
        sample.decode(encoding)
    except UnicodeDecodeError:  # code points above U+10FFFF or surrogates: not UTF-32 after all
        return ""
    return encoding


def _one_script_utf16(sample: bytes) -> str:
    """'utf-16-le'/'-be' when ``sample`` reads as prose of one alphabet in UTF-16 without a BOM, else "".

    Three high-byte values (or fewer) cover nearly every code unit, the low bytes vary, and the text decoded
    is letters with spaces between words. No 8-bit or UTF-8 prose has that shape: its bytes at even and at
    odd offsets are the same mix of letters.
    """
    if len(sample) < 32:
        return ""
    for encoding, high, low in (("utf-16-le", sample[1::2], sample[0::2]), ("utf-16-be", sample[0::2], sample[1::2])):
        common = sorted((high.count(value) for value in set(high)), reverse=True)[:3]
        if sum(common) < 0.95 * len(high) or len(set(low)) < 16:
            continue
        text = sample.decode(encoding, errors="replace")
        letters = sum(c.isalpha() for c in text)
        spaces = sum(c.isspace() for c in text)
        if letters > 0.6 * len(text) and spaces > 0.05 * len(text) and text.count("\ufffd") <= 1:
            return encoding
    return ""


def _damaged_share(text: str, data: bytes) -> float:
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    return bad / max(len(text), 1)


def _legacy_decode(data: bytes) -> str | None:
    """Decode 8-bit legacy text with charset-normalizer, or None when nothing fits."""
    from charset_normalizer import from_bytes  # only for text that is not UTF-8: most runs never need it

    matches = list(from_bytes(data))
    if not matches:
        return None
    best = min(matches, key=lambda m: m.chaos)
    for match in matches:
        if PREFERRED_LEGACY in match.could_be_from_charset and match.chaos <= best.chaos + NEAR_TIE_CHAOS:
            return data.decode(PREFERRED_LEGACY)
    return str(best)


def decode_bytes(data: bytes, *, hint: str = "") -> str:
    """Decode a whole file to text (not yet normalised). Raises NotText for binary data.

    Order: known binary magic, BOM, UTF-16/UTF-32 without BOM (NULs in every other, or three of four,
    bytes: before UTF-8, which would accept them), NUL bytes (binary, unless a few in valid UTF-8),
    strict UTF-8, the *hint* encoding (an HTML meta charset), mostly-valid UTF-8 (bad bytes become
    U+FFFD), charset-normalizer for legacy 8-bit text, else NotText.
    """
    what = sniff_binary(data[:32])
    if what:
        raise NotText(f"not UTF-8/UTF-16/8-bit text (looks binary: {what}); {_FIX}")
    encoding, skip = bom_encoding(data[:4])
    if encoding:
        return data[skip:].decode(encoding, errors="replace")
    wide = unicode_without_bom(data)
    if wide:
        return data.decode(wide, errors="replace")
    nuls = data.count(b"\x00")
    if nuls > MAX_NUL_SHARE * len(data):
        raise NotText(f"not UTF-8/UTF-16/8-bit text (looks binary: {nuls:,} NUL bytes); {_FIX}")
    try:
        return data.decode("utf-8")  # a few NULs become spaces in normalise_text
    except UnicodeDecodeError:
        pass
    if nuls:
        raise NotText(f"not UTF-8/UTF-16/8-bit text (looks binary: NUL bytes and invalid UTF-8); {_FIX}")
    if hint:
        try:
            return data.decode(hint)
        except (UnicodeDecodeError, LookupError):
            pass
    as_utf8 = data.decode("utf-8", errors="replace")
    damaged = _damaged_share(as_utf8, data)
    has_multibyte = any(ord(c) > 0x7F and c != "\ufffd" for c in as_utf8[:SNIFF_BYTES])
    if has_multibyte and damaged <= MAX_DAMAGED_SHARE:
        return as_utf8  # UTF-8 with a few corrupt bytes: the rest is right as it is.
    legacy = _legacy_decode(data)
    if legacy is not None:
        return legacy
    if damaged <= MAX_DAMAGED_SHARE:
        return as_utf8
    raise NotText(f"not UTF-8/UTF-16/8-bit text (looks binary: undecodable bytes); {_FIX}")


def normalise_text(text: str) -> str:
    """Ingest-safe normalisation: newlines to \\n (U+2028 and NEL to a space, or a paragraph break when
    doubled), bidi controls removed, XML-illegal characters (NUL, lone surrogates, ...) to spaces, NFC.

    Typographic quotes are left alone: the NLP stage maps them with an offset map.
    """
    if "\r" in text or "\u2029" in text:
        text = _NEWLINES.sub("\n", text)
    if "\u2028" in text or "\x85" in text:
        text = _SOFT_BREAKS.sub(lambda m: " " if len(m.group().strip(" \t")) == 1 else "\n\n", text)
    text = _BIDI.sub("", text)
    text = _ILLEGAL_XML.sub(" ", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text
