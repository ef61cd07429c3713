"""Markdown to plain text: syntax out, words kept, headings reported separately.

Line-based and regex-bounded (every span pattern has a length cap), so a 1 MB line costs linear time.
"""
from __future__ import annotations

import datetime as dt
import re


# Inline rewrites, applied in order: (pattern, replacement).
INLINE_RULES: tuple[tuple[str, str], ...] = (
    (r"!\[[^\]\n]{0,500}\]\([^)\n]{0,2000}\)", ""),  # image: dropped
    (r"!\[[^\]\n]{0,500}\]\[[^\]\n]{0,200}\]", ""),  # reference image: dropped
    (r"\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)", r"\1"),  # [text](url) -> text
    (r"\[([^\]\n]{1,500})\]\[[^\]\n]{0,200}\]", r"\1"),  # [text][ref] -> text
    (r"<(https?://[^>\s]{1,2000})>", r"\1"),  # <https://...> autolink -> url
    (r"<!--.{0,2000}?-->", ""),  # HTML comment
    (r"</?[A-Za-z][A-Za-z0-9-]{0,20}(?:\s[^<>\n]{0,500})?/?>", ""),  # inline HTML tag
    (r"`{1,2}([^`\n]{1,300}?)`{1,2}", r"\1"),  # inline code -> its text
    (r"(\*\*|__)(?=\S)([^\n]{1,300}?)(?<=\S)\1", r"\2"),  # strong
    (r"(?<![\w*])\*(?=[^\s*])([^*\n]{1,300}?)(?<=[^\s*])\*(?![\w*])", r"\1"),  # *em*
    (r"(?<![\w_])_(?=[^\s_])([^_\n]{1,300}?)(?<=[^\s_])_(?![\w_])", r"\1"),  # _em_
    (r"~~(?=\S)([^\n]{1,300}?)(?<=\S)~~", r"\1"),  # strikethrough
)
FRONT_MATTER_KEYS = ("title", "date", "url", "source")
MAX_FRONT_MATTER = 8192

_INLINE = tuple((re.compile(p), r) for p, r in INLINE_RULES)
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_ATX = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]\n]{1,500}\]:\s*\S")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.S)


_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")
_PROTECTED = re.compile("[\U000F0000-\U000F00FF]")
PROTECT_BASE = 0xF0000  # escaped characters hide in a private-use plane while the rules run


def strip_inline(line: str) -> str:
    if "\\" in line:
        line = _ESCAPE.sub(lambda m: chr(PROTECT_BASE + ord(m.group(1))), line)
    for pattern, replacement in _INLINE:
        line = pattern.sub(replacement, line)
    return _PROTECTED.sub(lambda m: chr(ord(m.group()) - PROTECT_BASE), line)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """YAML front matter (``---`` ... ``---``) as string fields we use, and the text after it."""
    match = _FRONT.match(text[:MAX_FRONT_MATTER])
    if not match:
        return {}, text
    import yaml  # only for files with front matter

    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, text
    if not isinstance(data, dict):
        return {}, text
    fields: dict[str, str] = {}
    for key in FRONT_MATTER_KEYS:
        value = data.get(key)
        if isinstance(value, dt.date):  # YAML reads `date: 2025-02-17` as a date
            fields[key] = value.isoformat()
        elif isinstance(value, str | int | float) and not isinstance(value, bool):
            fields[key] = str(value)
    return fields, text[match.end():]


def strip_markdown(text: str) -> tuple[str, list[str]]:
    """(plain text, headings). Headings (``#`` and underlined) leave the text; code blocks and
    images are dropped; links keep their text; emphasis, quote and list markers go."""
    out: list[str] = []
    headings: list[str] = []
    in_fence = ""
    for line in text.split("\n"):
        fence = _FENCE.match(line)
        if in_fence:
            if fence and fence.group(1) == in_fence:
                in_fence = ""
            continue
        if fence:
            in_fence = fence.group(1)
            continue
        atx = _ATX.match(line)
        if atx:
            headings.append(strip_inline(atx.group(1)).strip())
            out.append("")
            continue
        if _SETEXT.match(line) and out and out[-1].strip():  # underlined heading
            headings.append(out.pop().strip())
            out.append("")
            continue
        if _RULE.match(line) or _REF_DEF.match(line):
            out.append("")
            continue
        line = _LIST.sub("", _QUOTE.sub("", line))
        out.append(strip_inline(line))
    return "\n".join(out), [h for h in headings if h]
