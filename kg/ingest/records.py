"""JSON and JSONL article records: {"text": ..., "title", "date", "url", "source"}.

Names: a record in a JSON list is ``file.json#<n>`` (1-based position); a JSONL record is
``file.jsonl#<line>`` (its 1-based line number, so names do not shift when a bad line is skipped).
A single JSON object is the file itself. Skips name ``file.jsonl:<line>`` or ``file.json#<n>``.
"""
from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from kg.display import printable
from kg.ingest.dates import normalise_date
from kg.ingest.decode import SNIFF_BYTES, NotText, bom_encoding, decode_bytes, sniff_binary, unicode_without_bom
from kg.ingest.items import RawArticle, Skip
from kg.marks import is_node_link_graph

TEXT_FIELD = "text"
STRING_FIELDS: tuple[str, ...] = ("title", "url", "source")
LIST_FIELD = "articles"
SHAPE = 'an object with "text", a list of such objects, or {"articles": [...]}'
MAX_KEYS_SHOWN = 6
TOO_DEEP = "JSON nested too deeply to be an article (hundreds of levels of arrays or objects); fix or remove it"
GRAPH = ("a node-link JSON graph, not an article: kg never reads its own outputs; keep outputs out of the input "
         "folders or leave it out")

_JSON_TYPES = {dict: "object", list: "array", str: "string", int: "number", float: "number", bool: "boolean"}


def _json_type(value: object) -> str:
    return "null" if value is None else _JSON_TYPES.get(type(value), type(value).__name__)


def record_article(record: object, name: str, item: str) -> RawArticle | Skip:
    """One record to a raw article, or a Skip naming *item* and what field is wrong."""
    if not isinstance(record, dict):
        return Skip(item, f"record is a JSON {_json_type(record)}, not an object; write each article as {SHAPE}", "bad-record")
    text = record.get(TEXT_FIELD)
    if TEXT_FIELD not in record:
        if not record:
            return Skip(item, 'empty article (an empty JSON object); remove it or put the article body in "text"', "empty")
        keys = ", ".join(printable(str(k)) for k in list(record)[:MAX_KEYS_SHOWN])
        return Skip(item, f'record has no "text" field (its fields: {keys}); put the article body in "text"', "bad-record")
    if not isinstance(text, str):
        return Skip(item, f'record\'s "text" is a JSON {_json_type(text)}, not a string; put the article body in "text" as a string', "bad-record")
    fields = {key: record[key] for key in STRING_FIELDS if isinstance(record.get(key), str)}
    return RawArticle(name=name, text=text, date=normalise_date(record.get("date")), **fields)


# Deeper JSON is no article, and json's decoder would recurse as deep (its limit is the interpreter's, which
# other libraries may raise): refuse it by a linear scan before decoding.
MAX_JSON_DEPTH = 200
_OPEN, _CLOSE = frozenset("[{"), frozenset("]}")


def too_deep(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when brackets outside strings nest deeper than ``limit``."""
    if text.count("[") + text.count("{") <= limit:
        return False  # the usual case, without a walk over every character
    depth, in_string, escaped = 0, False, False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in _OPEN:
            depth += 1
            if depth > limit:
                return True
        elif ch in _CLOSE:
            depth -= 1
    return False


def parse_jsonl(lines: Iterable[tuple[int, str]], name: str) -> Iterator[RawArticle | Skip]:
    """Records from numbered lines; a malformed line is a Skip and the rest is still read."""
    seen = False
    for number, line in lines:
        if not line.strip():
            continue
        seen = True
        if too_deep(line):
            yield Skip(f"{name}:{number}", TOO_DEEP, "too-deep")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skip(f"{name}:{number}", f"malformed JSON ({exc.msg} at column {exc.colno}); fix or delete this line", "bad-json")
            continue
        except RecursionError:
            yield Skip(f"{name}:{number}", TOO_DEEP, "too-deep")
            continue
        yield record_article(record, f"{name}#{number}", f"{name}:{number}")
    if not seen:
        yield Skip(name, "empty article (no JSON records in the file); remove it or add one JSON object per line", "empty")


def parse_json(text: str, name: str) -> Iterator[RawArticle | Skip]:
    """Records from one JSON document; JSON Lines written into a .json file are read as such."""
    if too_deep(text):
        yield Skip(name, TOO_DEEP, "too-deep")
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # several objects, one per line: JSON Lines in a .json file
            yield from parse_jsonl(enumerate(text.split("\n"), 1), name)
            return
        yield Skip(name, f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}; fix the file", "bad-json")
        return
    except RecursionError:
        yield Skip(name, TOO_DEEP, "too-deep")
        return
    if is_node_link_graph(data):
        yield Skip(name, GRAPH, "kg-output")
        return
    if isinstance(data, dict) and TEXT_FIELD not in data and isinstance(data.get(LIST_FIELD), list):
        data = data[LIST_FIELD]
    if isinstance(data, dict):
        yield record_article(data, name, name)
    elif isinstance(data, list):
        if not data:
            yield Skip(name, "empty article (an empty JSON list); remove it or add records", "empty")
        for number, record in enumerate(data, 1):
            yield record_article(record, f"{name}#{number}", f"{name}#{number}")
    else:
        yield Skip(name, f"JSON is a {_json_type(data)}; expected {SHAPE}", "bad-record")


def _decode_line(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return decode_bytes(raw)
        except NotText:
            return raw.decode("utf-8", errors="replace")


def read_jsonl_lines(stream: BinaryIO) -> Iterator[tuple[int, str]]:
    """Numbered text lines of a JSONL file, streamed. Raises NotText (before any line) for binary data."""
    head = stream.read(SNIFF_BYTES)
    what = sniff_binary(head)
    if what:
        raise NotText(f"not UTF-8/UTF-16/8-bit text (looks binary: {what}); remove it or convert it to JSON Lines")
    encoding, bom = bom_encoding(head)
    encoding = encoding or unicode_without_bom(head)
    stream.seek(bom)
    if encoding and encoding != "utf-8":
        text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline=None)
        yield from enumerate(text, 1)
        return
    if b"\x00" in head:
        raise NotText("not UTF-8/UTF-16/8-bit text (looks binary: contains NUL bytes); remove it or convert it to JSON Lines")
    for number, raw in enumerate(stream, 1):
        yield number, _decode_line(raw)
