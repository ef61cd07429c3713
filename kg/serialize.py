"""Compact, versioned bytes for an :class:`~kg.model.Extraction` (the cache rows and worker results).

JSON, never pickle: a cache file is data, and reading it must not be able to run code. Dataclasses
are written as lists of field values in field order, then zlib-compressed. The header carries a
fingerprint of every field name and type reachable from ``Extraction``, so bytes written under
another shape of ``kg/model.py`` are refused (:class:`DecodeError`) instead of misread. Decoding
checks every value's type, so a damaged row is an error, not a wrong graph.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
import zlib
from collections.abc import Callable
from typing import Any

from kg.model import Extraction

CODEC_VERSION = 1
_MAGIC = b"KGX"

Encoder = Callable[[Any], Any]
Decoder = Callable[[Any], Any]


class DecodeError(ValueError):
    """Bytes that are not an extraction written by this version of kg."""


def _fail(expected: str, value: object) -> typing.NoReturn:
    raise DecodeError(f"expected {expected}, found {type(value).__name__}")


def _scalar(tp: type) -> tuple[Encoder, Decoder]:
    def same(value: Any) -> Any:
        return value

    if tp is float:
        def decode_float(value: Any) -> float:
            if type(value) not in (int, float):
                _fail("a number", value)
            return float(value)

        return same, decode_float

    def decode(value: Any) -> Any:
        if type(value) is not tp:  # exact: a bool is not an int here
            _fail(tp.__name__, value)
        return value

    return same, decode


def _optional(inner: tuple[Encoder, Decoder]) -> tuple[Encoder, Decoder]:
    enc, dec = inner
    return (lambda v: None if v is None else enc(v)), (lambda v: None if v is None else dec(v))


def _sequence(inner: tuple[Encoder, Decoder]) -> tuple[Encoder, Decoder]:
    enc, dec = inner

    def decode(value: Any) -> tuple[Any, ...]:
        if type(value) is not list:
            _fail("a list", value)
        return tuple([dec(v) for v in value])

    return (lambda v: [enc(x) for x in v]), decode


def _fixed(items: list[tuple[Encoder, Decoder]]) -> tuple[Encoder, Decoder]:
    def encode(value: Any) -> list[Any]:
        return [enc(v) for (enc, _), v in zip(items, value, strict=True)]

    def decode(value: Any) -> tuple[Any, ...]:
        if type(value) is not list or len(value) != len(items):
            _fail(f"a list of {len(items)}", value)
        return tuple([dec(v) for (_, dec), v in zip(items, value)])

    return encode, decode


def _record(cls: type, shapes: list[str]) -> tuple[Encoder, Decoder]:
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    shapes.append(f"{cls.__name__}({', '.join(f'{n}: {hints[n]}' for n in names)})")
    parts = [_compile(hints[n], shapes) for n in names]
    encoders = [enc for enc, _ in parts]

    def encode(value: Any) -> list[Any]:
        return [enc(getattr(value, n)) for enc, n in zip(encoders, names)]

    return encode, _record_decoder(cls, names, [hints[n] for n in names], [dec for _, dec in parts])


def _record_decoder(cls: type, names: list[str], types_: list[Any], decoders: list[Decoder]) -> Decoder:
    """A decoder written out for ``cls`` (as dataclasses writes ``__init__``): a cache hit decodes
    thousands of records, and one generic call per field was most of a cached rebuild's decoding.
    Checks exactly what the generic decoders check; fields of exact scalar types are checked inline."""
    env: dict[str, Any] = {"_fail": _fail, "cls": cls, "new": object.__new__}
    lines = [
        "def decode(value):",
        f"    if type(value) is not list or len(value) != {len(names)}:",
        f"        _fail({cls.__name__ + ' as a list of ' + str(len(names))!r}, value)",
    ]
    fields = ", ".join(f"v{i}" for i in range(len(names)))
    lines.append(f"    {fields}{',' if len(names) == 1 else ''} = value")
    for i, (tp, dec) in enumerate(zip(types_, decoders)):
        if tp in (str, int, bool):
            env[f"t{i}"] = tp
            lines += [f"    if type(v{i}) is not t{i}:", f"        _fail({tp.__name__!r}, v{i})"]
        else:
            env[f"d{i}"] = dec
            lines.append(f"    v{i} = d{i}(v{i})")
    plain = not hasattr(cls, "__slots__") and not hasattr(cls, "__post_init__")
    if plain:  # a frozen dataclass without checks of its own: fill its __dict__ (its __init__ sets one field at a time)
        lines += ["    obj = new(cls)", "    obj.__dict__.update({" + ", ".join(f"{n!r}: v{i}" for i, n in enumerate(names)) + "})",
                  "    return obj"]
    else:
        lines.append(f"    return cls({fields})")
    exec("\n".join(lines), env)  # noqa: S102 - source built above from field names, no outside input
    return env["decode"]


def _compile(tp: Any, shapes: list[str]) -> tuple[Encoder, Decoder]:
    """Encoder and decoder for one annotated type of kg/model.py."""
    if dataclasses.is_dataclass(tp):
        return _record(tp, shapes)
    if tp in (str, int, bool, float):
        return _scalar(tp)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (types.UnionType, typing.Union) and len(args) == 2 and type(None) in args:
        return _optional(_compile(next(a for a in args if a is not type(None)), shapes))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _sequence(_compile(args[0], shapes))
    if origin is tuple:
        return _fixed([_compile(a, shapes) for a in args])
    raise TypeError(f"kg.serialize cannot encode fields of type {tp!r}; extend _compile")


_shapes: list[str] = []
_ENCODE, _DECODE = _compile(Extraction, _shapes)
# Any change to the fields of the model gives another fingerprint, so old bytes are not misread.
SCHEMA = hashlib.sha256(f"{CODEC_VERSION}|{'|'.join(_shapes)}".encode()).hexdigest()[:16]
_HEADER = _MAGIC + SCHEMA.encode("ascii")


def encode_extraction(extraction: Extraction) -> bytes:
    body = json.dumps(_ENCODE(extraction), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    # surrogatepass: a lone surrogate (from JSON input through the library API) must not fail the cache.
    return _HEADER + zlib.compress(body.encode("utf-8", "surrogatepass"), 6)


def decode_extraction(data: bytes) -> Extraction:
    """The Extraction in ``data``; DecodeError if it was written by another schema or is damaged."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise DecodeError(f"expected bytes, found {type(data).__name__}")
    data = bytes(data)
    if not data.startswith(_MAGIC):
        raise DecodeError("not an encoded extraction")
    if not data.startswith(_HEADER):
        raise DecodeError("written by another version of kg (schema differs)")
    try:
        value = json.loads(zlib.decompress(data[len(_HEADER):]).decode("utf-8", "surrogatepass"))
    except (zlib.error, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise DecodeError(f"damaged ({type(exc).__name__}: {exc})") from None
    try:
        return _DECODE(value)
    except (TypeError, ValueError) as exc:  # a dataclass __post_init__ may check values too
        if isinstance(exc, DecodeError):
            raise
        raise DecodeError(f"damaged ({type(exc).__name__}: {exc})") from None
