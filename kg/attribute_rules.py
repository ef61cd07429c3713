"""The model's attribute ruler, compiled into dict lookups: the same annotations at a fraction of the cost.

spaCy's ``attribute_ruler`` (tag -> POS and morphology, pronoun lemmas, ...) runs a Matcher with every
one of its patterns at every token: about a tenth of ``en_core_web_sm``'s parse. Nearly all of those
patterns look at one token and compare attributes with fixed values (``{"TAG": "NNS"}``,
``{"LOWER": "i", "TAG": "PRP"}``); those become dict lookups keyed by the token's attribute values.
The others (regular expressions, several tokens) still run in a Matcher, with only them in it.
Rules are then applied in the ruler's own order (a later rule overrides an earlier one, as
``AttributeRuler.set_annotations`` does), through spaCy's own ``set_token_attrs``, so every token ends
up with exactly the attributes the original component gives it. A ruler this cannot compile
exactly (extension attributes) is left as it is.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from spacy.attrs import IDS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
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
            return None  # REGEX, NOT_IN, OP, numbers, extensions: left to the Matcher
    return found or None


class CompiledAttributeRules:
    """Applies an AttributeRuler's rules; built from a loaded ruler, which it leaves untouched."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.vocab = ruler.vocab
        self.attrs: list[dict[int, Any]] = list(ruler.attrs)
        # signature -> {attribute values: rule ids}
        self.lookups: dict[Signature, dict[tuple[int, ...], list[int]]] = defaultdict(lambda: defaultdict(list))
        self.matcher = Matcher(ruler.vocab)
        self.indices: list[int] = list(ruler.indices)
        for rule, entry in enumerate(ruler.patterns):
            rest = []
            for pattern in entry["patterns"]:
                predicates = _predicates(pattern[0]) if len(pattern) == 1 else None
                if predicates is None:
                    rest.append(pattern)
                    continue
                signature = tuple(sorted(predicates))
                for values in _product([predicates[name] for name in signature]):
                    self.lookups[signature][values].append(rule)
            if rest:
                self.matcher.add(str(rule), rest)
        self.signatures = sorted(self.lookups)
        self.columns = sorted({name for s in self.signatures for name in s})
        self._column_ids = [IDS[name] for name in self.columns]
        self._positions = [tuple(self.columns.index(name) for name in s) for s in self.signatures]
        self._rules_of: dict[tuple[int, ...], tuple[int, ...]] = {}
        self._merged: dict[tuple[int, ...], dict[int, Any]] = {}

    def _rules_for(self, values: tuple[int, ...]) -> tuple[int, ...]:
        """Rule ids whose one-token patterns match a token with these column values, in rule order."""
        rules = self._rules_of.get(values)
        if rules is None:
            found: list[int] = []
            for signature, positions in zip(self.signatures, self._positions):
                found += self.lookups[signature].get(tuple(values[p] for p in positions), ())
            rules = self._rules_of[values] = tuple(sorted(set(found)))
        return rules

    def _attrs_for(self, rules: tuple[int, ...]) -> dict[int, Any]:
        """The attributes rules set when applied in order: a later rule's value wins, as in spaCy."""
        merged = self._merged.get(rules)
        if merged is None:
            merged = self._merged[rules] = {k: v for rule in rules for k, v in self.attrs[rule].items()}
        return merged

    def __call__(self, doc: Doc) -> Doc:
        extra: dict[int, list[int]] = defaultdict(list)
        if len(self.matcher):
            for match_id, start, end in self.matcher(doc, allow_missing=True):
                rule = int(self.vocab.strings[match_id])
                extra[doc[start:end][self.indices[rule]].i].append(rule)
        rows: list[list[int]] = [[] for _ in doc]
        if self.columns and len(doc):
            values = doc.to_array(self._column_ids)
            rows = values.reshape(len(doc), -1).tolist()  # one column comes back flat
        for i, row in enumerate(rows):
            rules = self._rules_for(tuple(row))
            if i in extra:
                rules = tuple(sorted(set(rules) | set(extra[i])))
            if rules:
                set_token_attrs(doc[i], self._attrs_for(rules))
        return doc


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
