"""Names in one list are of one kind: a list's tagged names outvote the model's label on one of them when nothing
else speaks for that label ("Ubisoft, Microsoft, and PlayStation VR" with Ubisoft tagged a place; "Zeus, Hera,
Poseidon and Athena" with Athena tagged an organisation)."""
from __future__ import annotations

import dataclasses
from collections import Counter

from spacy.tokens import Doc, Token

from kg import gazetteer
from kg.extract.names import is_given_name, looks_like_person_name
from kg.model import PLACE_LABELS, Mention
from kg.vocab import CORPORATE_SUFFIXES, ORG_HEADS, PLACE_PREPOSITIONS

LIST_LABELS = frozenset({"PERSON", "ORG", "GPE"})
_PLACING = PLACE_PREPOSITIONS | {"from"}  # where something is, or where someone comes from


def list_label(labels: list[str]) -> str:
    """The type a list's tagged names agree on: all of them, or at least two and more than all the others
    ("Zeus, Hera, Poseidon and Athena" with Athena mistyped as an organisation is still a list of people)."""
    counts = Counter(labels)
    if not counts:
        return ""
    label, n = counts.most_common(1)[0]
    agreed = len(counts) == 1 or (n >= 2 and n > len(labels) - n)
    return label if agreed and label in LIST_LABELS else ""


def retyped_list_members(doc: Doc, found: list[Mention]) -> list[Mention]:
    """``found`` with each list member the rest of its list outvotes (two or more names that all agree) given the
    list's type, where neither the gazetteer nor the name's own words back the model's label."""
    by_token: dict[int, int] = {}
    ranges: dict[int, range] = {}
    for k, m in enumerate(found):
        span = doc.char_span(m.start, m.end, alignment_mode="expand") if m.kind == "name" else None
        if span is not None:
            ranges[k] = range(span.start, span.end)
            by_token.update((i, k) for i in ranges[k])
    out = list(found)
    for k, tokens in ranges.items():
        heads = [doc[i] for i in tokens if doc[i].head.i not in tokens or doc[i].head.i == i]
        if len(heads) != 1 or not heads[0].conjuncts or _placed(heads[0]):
            continue
        m = found[k]
        others = {by_token[t.i] for t in heads[0].conjuncts if t.i in by_token and by_token[t.i] != k}
        labels = [found[o].label for o in others]
        if len(labels) < 2 or len(set(labels)) != 1 or labels[0] == m.label or labels[0] not in LIST_LABELS:
            continue
        if _label_unsupported(m, labels[0]):
            out[k] = dataclasses.replace(m, label=labels[0])
    return out


def _placed(token: Token) -> bool:
    """The object of "in", "near", "from" ...: where the sentence puts something, whatever list the parse hangs on it
    ("from Bromesberrow, near Ledbury, point-to-point jockey Richard Wakeham")."""
    return token.dep_ == "pobj" and token.head.lower_ in _PLACING


def _label_unsupported(m: Mention, list_type: str) -> bool:
    """Nothing but the model says the mention is of its label, and its words allow the list's type."""
    words = m.name.split()
    if m.label in PLACE_LABELS:
        return not gazetteer.knows_place(m.name) and (list_type != "PERSON" or looks_like_person_name(m.name))
    if m.label == "ORG":
        if words[-1].lower() in ORG_HEADS or words[-1].lower() in CORPORATE_SUFFIXES or m.cue == "ORG":
            return False
        return list_type == "PERSON" and looks_like_person_name(m.name) and len(words) <= 3
    if m.label == "PERSON":
        return list_type == "ORG" and not is_given_name(words[0]) and len(words) <= 3
    return False
