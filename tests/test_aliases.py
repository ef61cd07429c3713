"""The --aliases file: YAML and CSV formats, errors with file and line, effect on resolution."""
from __future__ import annotations

import pytest

from kg.aliases import Aliases, load_aliases, parse_csv, parse_yaml
from kg.errors import ConfigError

YAML = """
merge:
  Keir Starmer: [Sir Keir, Starmer]
  European Union: EU
separate:
  - [Donald Trump, Donald Tusk]
"""


def test_yaml_format():
    a = parse_yaml(YAML, "a.yaml")
    assert a.merge == {"Keir Starmer": ("Sir Keir", "Starmer"), "European Union": ("EU",)}
    assert a.separate == (("Donald Trump", "Donald Tusk"),)
    assert a.canonical_of("sir keir") == "Keir Starmer" and a.canonical_of("Keir Starmer") == "Keir Starmer"
    assert a.canonical_of("Boris Johnson") is None
    assert a.is_separated("donald tusk") and not a.is_separated("Keir Starmer")


def test_csv_format():
    a = parse_csv("alias,canonical\n# a comment\nSir Keir,Keir Starmer\n\nStarmer, Keir Starmer\nDonald Trump,!=,Donald Trump Jr\n")
    assert a.merge == {"Keir Starmer": ("Sir Keir", "Starmer")}
    assert a.separate == (("Donald Trump", "Donald Trump Jr"),)


def test_empty_yaml_is_no_rules():
    assert parse_yaml("", "a.yaml") == Aliases()


@pytest.mark.parametrize(
    "text, line",
    [
        ("merge:\n  Keir Starmer: [Sir Keir\nseparate: []\n", 3),  # unclosed list
        ("merge:\n  - Keir Starmer\n", 2),  # merge must be a mapping
        ("separate:\n  - [Donald Trump]\n", 2),  # not a pair
        ("merge: {}\nbogus: 1\n", 2),  # unknown key
        ("merge:\n  Keir Starmer: [[nested]]\n", 2),
    ],
)
def test_malformed_yaml_names_file_and_line(text, line):
    with pytest.raises(ConfigError, match=rf"a\.yaml, line {line}:"):
        parse_yaml(text, "a.yaml")


def test_yaml_never_executes_code():
    with pytest.raises(ConfigError, match="line 1"):
        parse_yaml("!!python/object/apply:os.system ['echo pwned']\n", "a.yaml")


@pytest.mark.parametrize(
    "text, line",
    [("Sir Keir,Keir Starmer\nonly one cell\n", 2), ("a,b,c\n", 1), ("x,!=\n", 1), ("alias,canonical\nA,!=,B,C\n", 2)],
)
def test_malformed_csv_names_file_and_line(text, line):
    with pytest.raises(ConfigError, match=rf"a\.csv, line {line}:"):
        parse_csv(text, "a.csv")


def test_load_by_extension(tmp_path):
    (tmp_path / "rules.yml").write_text(YAML, encoding="utf-8")
    (tmp_path / "rules.csv").write_text("Sir Keir,Keir Starmer\n", encoding="utf-8")
    assert load_aliases(tmp_path / "rules.yml").canonical_of("Starmer") == "Keir Starmer"
    assert load_aliases(tmp_path / "rules.csv").canonical_of("Sir Keir") == "Keir Starmer"
    (tmp_path / "rules.txt").write_text("x", encoding="utf-8")
    with pytest.raises(ConfigError, match="rules.txt"):
        load_aliases(tmp_path / "rules.txt")
    with pytest.raises(ConfigError, match="missing.yaml"):
        load_aliases(tmp_path / "missing.yaml")
