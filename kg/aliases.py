"""The ``--aliases`` file: force merges and forbid them, over every automatic decision.

Names are matched case-insensitively against a mention's name ("Keir Starmer"), or its surface
form without possessive ("Sir Keir"). A merged entity is labelled with the canonical name.

YAML (``.yaml`` / ``.yml``), read with ``yaml.safe_load`` semantics (no code is executed)::

    merge:                         # canonical name: [names that mean it]
      Keir Starmer: [Sir Keir, Starmer]
      European Union: [EU, Brussels]
    separate:                      # pairs that must stay two entities
      - [Donald Trump, Donald Trump Jr]
      - [Donald Trump, Donald Tusk]

CSV (``.csv``), one rule per row; blank rows and rows starting with ``#`` are ignored, and so is a
first row ``alias,canonical``::

    alias,canonical
    Sir Keir,Keir Starmer
    Starmer,Keir Starmer
    Donald Trump,!=,Donald Trump Jr

A row ``alias,canonical`` merges; a row ``name,!=,other`` keeps the two apart. A malformed file
stops the build with an error naming the file and the line.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from kg.display import printable, quote
from kg.errors import ConfigError
from kg.gazetteer import fold

SEPARATE_MARK = "!="


@dataclass(frozen=True)
class Aliases:
    merge: dict[str, tuple[str, ...]] = field(default_factory=dict)  # canonical -> names that mean it
    separate: tuple[tuple[str, str], ...] = ()

    def canonical_of(self, name: str) -> str | None:
        """The canonical name ``name`` is forced to, if any (a canonical name maps to itself)."""
        return self._index().get(fold(name)) if name else None

    def is_separated(self, name: str) -> bool:
        return fold(name) in self._separated()

    def _index(self) -> dict[str, str]:
        cached = self.__dict__.get("_index_cache")
        if cached is None:
            cached = {}
            for canonical in sorted(self.merge):
                cached.setdefault(fold(canonical), canonical)
                for name in self.merge[canonical]:
                    cached.setdefault(fold(name), canonical)
            object.__setattr__(self, "_index_cache", cached)
        return cached

    def _separated(self) -> frozenset[str]:
        return frozenset(fold(n) for pair in self.separate for n in pair)


def load_aliases(path: str | Path) -> Aliases:
    """Read an aliases file (YAML or CSV by extension); ConfigError with file and line if malformed."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"aliases file {quote(path)} not found; check the --aliases path") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read aliases file {quote(path)} ({exc.__class__.__name__}); save it as UTF-8 text") from None
    suffix = path.suffix.lower()
    if suffix in {".yaml", ".yml"}:
        return parse_yaml(text, str(path))
    if suffix == ".csv":
        return parse_csv(text, str(path))
    raise ConfigError(f"aliases file {quote(path)} must end in .yaml, .yml or .csv")


def _fail(source: str, line: int, problem: str) -> ConfigError:
    # The file name escaped, not quoted: "aliases.yaml, line 2: ..." as compilers say it, and on one line.
    return ConfigError(f"{printable(source)}, line {line}: {problem}; see the aliases file format in the README")


def parse_yaml(text: str, source: str = "aliases") -> Aliases:
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)  # a node tree with line numbers; never constructs objects
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise _fail(source, line, f"invalid YAML ({problem})") from None
    if root is None:
        return Aliases()
    if not isinstance(root, yaml.MappingNode):
        raise _fail(source, root.start_mark.line + 1, "expected a mapping with 'merge' and/or 'separate'")
    merge: dict[str, tuple[str, ...]] = {}
    separate: list[tuple[str, str]] = []
    for key, value in root.value:
        line = key.start_mark.line + 1
        name = key.value if isinstance(key, yaml.ScalarNode) else None
        if name == "merge":
            if not isinstance(value, yaml.MappingNode):
                raise _fail(source, value.start_mark.line + 1, "'merge' must map a canonical name to a list of names")
            for canon, names in value.value:
                canonical = _scalar(canon, source)
                items = names.value if isinstance(names, yaml.SequenceNode) else [names]
                merge[canonical] = merge.get(canonical, ()) + tuple(_scalar(n, source) for n in items)
        elif name == "separate":
            if not isinstance(value, yaml.SequenceNode):
                raise _fail(source, value.start_mark.line + 1, "'separate' must be a list of [name, name] pairs")
            for pair in value.value:
                if not isinstance(pair, yaml.SequenceNode) or len(pair.value) != 2:
                    raise _fail(source, pair.start_mark.line + 1, "each 'separate' entry must be a pair [name, name]")
                separate.append((_scalar(pair.value[0], source), _scalar(pair.value[1], source)))
        else:
            raise _fail(source, line, f"unknown key {name!r} (expected 'merge' or 'separate')")
    return Aliases(merge=merge, separate=tuple(separate))


def _scalar(node, source: str) -> str:  # noqa: ANN001 - a yaml Node
    import yaml

    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise _fail(source, node.start_mark.line + 1, "expected a name (text)")
    return str(node.value).strip()


def parse_csv(text: str, source: str = "aliases") -> Aliases:
    merge: dict[str, tuple[str, ...]] = {}
    separate: list[tuple[str, str]] = []
    reader = csv.reader(io.StringIO(text))
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise _fail(source, reader.line_num, f"invalid CSV ({exc})") from None
    line = 0
    for row in rows:
        line += 1 + sum(cell.count("\n") for cell in row)
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if line == 1 and [c.lower() for c in cells] == ["alias", "canonical"]:
            continue
        if len(cells) == 3 and cells[1] == SEPARATE_MARK and cells[0] and cells[2]:
            separate.append((cells[0], cells[2]))
        elif len(cells) == 2 and all(cells) and SEPARATE_MARK not in cells:
            merge[cells[1]] = merge.get(cells[1], ()) + (cells[0],)
        else:
            raise _fail(source, line, f"expected 'alias,canonical' or 'name,{SEPARATE_MARK},other', got {','.join(row)!r}")
    return Aliases(merge=merge, separate=tuple(separate))
