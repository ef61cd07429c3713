"""The model's attribute ruler, compiled into dict lookups: the same annotations at a fraction of the cost.

spaCy's ``attribute_ruler`` (tag -> POS and morphology, pronoun lemmas, ...) runs a Matcher with every
one of its patterns at every token: about a tenth of ``en_core_web_sm``'s parse. Nearly all of those
patterns look at one token and compare attributes with fixed values (``{"TAG": "NNS"}``,
``{"LOWER": "i", "TAG": "PRP"}``); those become dict lookups keyed by the token's attribute values.
The rest compare with ``NOT_IN`` or a ``REGEX``, or are a fixed run of such tokens (``gon`` ``na``); each
token of them is a test decided once per distinct set of attribute values, and a run is looked for only
where its first token passes. Patterns with operators (``OP``) or other predicates still run in a
Matcher, with only them in it. Rules are then applied in the ruler's own order (a later rule overrides an
earlier one, as ``AttributeRuler.set_annotations`` does), through spaCy's own ``set_token_attrs``, so
every token ends up with exactly the attributes the original component gives it. A ruler this cannot
compile exactly (extension attributes) is left as it is.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from spacy.attrs import IDS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

# Token attributes a one-token pattern may compare by value ("TEXT" is the Matcher's name for ORTH).
_STRING_ATTRS = {"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER", "NORM": "NORM", "TAG": "TAG", "POS": "POS", "DEP": "DEP"}
_FLAG_ATTRS = {"IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_UPPER", "IS_LOWER", "IS_TITLE"}

Signature = tuple[str, ...]  # attribute names a group of patterns compares, sorted


def _predicates(token_pattern: dict[Any, Any]) -> dict[str, tuple[int, ...]] | None:
    """{attribute: accepted values as ints} when every key is a plain comparison, else None."""
    found: dict[str, tuple[int, ...]] = {}
    for key, value in token_pattern.items():
        name = key.upper() if isinstance(key, str) else None
        if name in _STRING_ATTRS:
            values = value["IN"] if isinstance(value, dict) and set(value) == {"IN"} else [value]
            if not all(isinstance(v, str) for v in values):
                return None
            found[_STRING_ATTRS[name]] = tuple(get_string_id(v) for v in values)
        elif name in _FLAG_ATTRS and isinstance(value, bool):
            found[name] = (int(value),)
        else:
            return None  # REGEX, NOT_IN, OP, numbers, extensions: a TokenTest or the Matcher
    return found or None


@dataclass(frozen=True)
class Check:
    """One attribute of one token, as the Matcher compares it: a value in (or not in) a set, or a regex search."""

    attribute: str
    accepted: frozenset[int] | None = None
    rejected: frozenset[int] | None = None
    regex: re.Pattern[str] | None = None


def _checks(token_pattern: dict[Any, Any]) -> tuple[Check, ...] | None:
    """The checks of one token's pattern (plain values, IN, NOT_IN, REGEX on string attributes, boolean
    flags); None when any key is something else (an operator, a number comparison, an extension)."""
    checks = []
    for key, value in token_pattern.items():
        name = key.upper() if isinstance(key, str) else None
        if name in _FLAG_ATTRS and isinstance(value, bool):
            checks.append(Check(name, accepted=frozenset((int(value),))))
            continue
        if name not in _STRING_ATTRS:
            return None
        attribute = _STRING_ATTRS[name]
        if isinstance(value, str):
            checks.append(Check(attribute, accepted=frozenset((get_string_id(value),))))
        elif isinstance(value, dict) and len(value) == 1 and set(value) <= {"IN", "NOT_IN", "REGEX"}:
            (operator, operand), = value.items()
            if operator == "REGEX" and isinstance(operand, str):
                checks.append(Check(attribute, regex=re.compile(operand)))
            elif operator != "REGEX" and isinstance(operand, list) and all(isinstance(v, str) for v in operand):
                ids = frozenset(get_string_id(v) for v in operand)
                checks.append(Check(attribute, accepted=ids) if operator == "IN" else Check(attribute, rejected=ids))
            else:
                return None
        else:
            return None
    return tuple(checks) or None


def _passes(checks: tuple[tuple[int, Check], ...], values: tuple[int, ...], strings: StringStore) -> bool:
    """Whether a token with these column values passes every (column, check)."""
    for column, check in checks:
        value = values[column]
        if check.accepted is not None and value not in check.accepted:
            return False
        if check.rejected is not None and value in check.rejected:
            return False
        if check.regex is not None and not check.regex.search(strings[value]):
            return False
    return True


@dataclass(frozen=True)
class Run:
    """A pattern of several tokens without operators: rule ``rule`` sets the token at ``index`` of each match."""

    rule: int
    tests: tuple[int, ...]  # a token test for each position
    index: int  # from the start of the match, made non-negative


Row = tuple[tuple[int, ...], tuple[int, ...], frozenset[int]]  # rules, runs that may start here, tests passed
Key = Any  # one column's value, or a tuple of several (what operator.itemgetter gives)


class CompiledAttributeRules:
    """Applies an AttributeRuler's rules; built from a loaded ruler, which it leaves untouched."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.vocab = ruler.vocab
        self.attrs: list[dict[int, Any]] = list(ruler.attrs)
        # signature -> {attribute values: rule ids}
        self.lookups: dict[Signature, dict[tuple[int, ...], list[int]]] = defaultdict(lambda: defaultdict(list))
        self.matcher = Matcher(ruler.vocab)
        self.indices: list[int] = list(ruler.indices)
        self.tests: list[tuple[Check, ...]] = []  # token tests, by id
        self.single: list[tuple[int, int]] = []  # (rule, test) of one-token patterns no lookup expresses
        self.runs: list[Run] = []
        for rule, entry in enumerate(ruler.patterns):
            rest = []
            for pattern in entry["patterns"]:
                predicates = _predicates(pattern[0]) if len(pattern) == 1 else None
                if predicates is not None:
                    signature = tuple(sorted(predicates))
                    for values in _product([predicates[name] for name in signature]):
                        self.lookups[signature][values].append(rule)
                elif not self._add_tested(rule, pattern):
                    rest.append(pattern)
            if rest:
                self.matcher.add(str(rule), rest)
        self.signatures = sorted(self.lookups)
        tested = {check.attribute for checks in self.tests for check in checks}
        self.columns = sorted({name for s in self.signatures for name in s} | tested)
        self._column_ids = [IDS[name] for name in self.columns]
        # Each signature's table keyed as operator.itemgetter gives its columns (a bare value for one column).
        self._tables = [(_getter([self.columns.index(name) for name in s]),
                         {k[0] if len(s) == 1 else k: rules for k, rules in self.lookups[s].items()})
                        for s in self.signatures]
        # Tests grouped by the columns they read, each group's results kept per distinct values of those columns.
        by_columns: dict[tuple[int, ...], list[int]] = defaultdict(list)
        for t, checks in enumerate(self.tests):
            by_columns[tuple(sorted({self.columns.index(c.attribute) for c in checks}))].append(t)
        self._groups = [(_getter(list(columns)), tuple((t, tuple((self.columns.index(c.attribute), c) for c in self.tests[t]))
                                                       for t in tests), {})
                        for columns, tests in sorted(by_columns.items())]
        self._single_of: dict[int, list[int]] = defaultdict(list)
        for rule, test in self.single:
            self._single_of[test].append(rule)
        self._first_of = [run.tests[0] for run in self.runs]
        self._rows: dict[tuple[int, ...], Row] = {}
        self._merged: dict[tuple[int, ...], dict[int, Any]] = {}

    def _add_tested(self, rule: int, pattern: list[dict[Any, Any]]) -> bool:
        """Compile a pattern into token tests (one token: a rule of its row; several: a Run); False if it cannot be."""
        checks = [_checks(token) for token in pattern]
        if not checks or any(c is None for c in checks):
            return False
        index = self.indices[rule]
        if len(checks) > 1 and not -len(checks) <= index < len(checks):
            return False  # spaCy's ruler refuses it at add time; leave such a pattern to the Matcher
        ids = []
        for c in checks:
            if c not in self.tests:
                self.tests.append(c)
            ids.append(self.tests.index(c))
        if len(ids) == 1:
            self.single.append((rule, ids[0]))
        else:
            self.runs.append(Run(rule, tuple(ids), index % len(ids)))
        return True

    def _row(self, values: tuple[int, ...]) -> Row:
        """For a token with these column values: the rule ids of its one-token patterns (in rule order), the
        runs that may start at it, and the token tests it passes; decided once per distinct values."""
        row = self._rows.get(values)
        if row is None:
            found: list[int] = []
            for getter, table in self._tables:
                found += table.get(getter(values), ())
            passed = frozenset().union(*(self._passed(values, group) for group in self._groups))
            for test in passed:
                found += self._single_of.get(test, ())
            starts = tuple(r for r, first in enumerate(self._first_of) if first in passed)
            row = self._rows[values] = (tuple(sorted(set(found))), starts, passed)
        return row

    def _passed(self, values: tuple[int, ...], group: tuple[Callable[[tuple[int, ...]], Key],
                                                           tuple[tuple[int, tuple[tuple[int, Check], ...]], ...],
                                                           dict[Key, frozenset[int]]]) -> frozenset[int]:
        """The tests of ``group`` a token with these column values passes (kept per values of the group's columns)."""
        getter, tests, known = group
        key = getter(values)
        passed = known.get(key)
        if passed is None:
            passed = known[key] = frozenset(t for t, checks in tests if _passes(checks, values, self.vocab.strings))
        return passed

    def _attrs_for(self, rules: tuple[int, ...]) -> dict[int, Any]:
        """The attributes rules set when applied in order: a later rule's value wins, as in spaCy."""
        merged = self._merged.get(rules)
        if merged is None:
            merged = self._merged[rules] = {k: v for rule in rules for k, v in self.attrs[rule].items()}
        return merged

    def _extra(self, doc: Doc, rows: list[Row]) -> dict[int, list[int]]:
        """Rules of several-token patterns (and of the Matcher's), by the token they set."""
        extra: dict[int, list[int]] = defaultdict(list)
        if len(self.matcher):
            for match_id, start, end in self.matcher(doc, allow_missing=True):
                rule = int(self.vocab.strings[match_id])
                extra[doc[start:end][self.indices[rule]].i].append(rule)
        for start, (_, starts, _) in enumerate(rows):
            for r in starts:
                run = self.runs[r]
                if start + len(run.tests) <= len(rows) and all(
                    test in rows[start + j][2] for j, test in enumerate(run.tests)
                ):
                    extra[start + run.index].append(run.rule)
        return extra

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        if self.columns:
            values = doc.to_array(self._column_ids).reshape(len(doc), -1).tolist()  # one column comes back flat
            rows = [self._row(tuple(v)) for v in values]
        else:
            rows = [self._row(())] * len(doc)
        extra = self._extra(doc, rows)
        for i, (rules, _, _) in enumerate(rows):
            if i in extra:
                rules = tuple(sorted(set(rules) | set(extra[i])))
            if rules:
                set_token_attrs(doc[i], self._attrs_for(rules))
        return doc


def _getter(columns: list[int]) -> Callable[[tuple[int, ...]], Key]:
    """The values at ``columns`` of a row (operator.itemgetter: a bare value for one column, () for none)."""
    return itemgetter(*columns) if columns else (lambda _: ())


def _product(choices: list[tuple[int, ...]]) -> Iterable[tuple[int, ...]]:
    combos: list[tuple[int, ...]] = [()]
    for options in choices:
        combos = [c + (v,) for c in combos for v in options]
    return combos


def compilable(ruler: object) -> bool:
    """An AttributeRuler whose rules can be applied exactly by :class:`CompiledAttributeRules`."""
    return isinstance(ruler, AttributeRuler) and not any("_" in entry["attrs"] for entry in ruler.patterns)


@Language.factory("kg_attribute_rules", default_config={"source": "attribute_ruler"})
def make_attribute_rules(nlp: Language, name: str, source: str) -> CompiledAttributeRules:
    """The rules of the pipeline's (disabled) component ``source``, compiled."""
    return CompiledAttributeRules(nlp.get_pipe(source))
