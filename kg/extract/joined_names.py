"""Entity spans that run two names together, and how they are cut: "Peggy Say of Batavia" (a person "of" a
place), "Kiev PRAVDA UKRAINY" (a dateline's city, then a paper in capitals), "Qeshm Governor Mehdi Irannejad"
(a place, a title, a person), "U.S.-Russia" (two places), "NASA Administrator" (an organisation, then a title),
"International Monetary Fund (IMF)" (a name, then its acronym)."""
from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span

from kg import gazetteer
from kg.extract.names import (
    canonical_form,
    is_noise_name,
    is_title_case_word,
    looks_like_person_name,
    title_ending_at,
)
from kg.extract.sentences import SentenceIndex
from kg.extract.spans import acronym_after, opens_source_line
from kg.model import Mention
from kg.vocab import ORG_HEADS, US_STATE_ABBREVIATIONS

PAIR = re.compile(r"^([A-Z][\w.]*)-([A-Z][\w.]*)$")
_RETYPED_BY_TITLE = frozenset({"ORG", "GPE", "LOC", "NORP"})
_MIN_CAPITALS = 4  # "Washington DC", "Paris TX" stay one name; "Moscow IZVESTIYA" is two
_MIN_SOURCE_CAPITALS = 3  # "Prague CTK" opening a source line


def place_before_capitals(doc: Doc, start: int, end: int) -> int:
    """Where the words in capitals begin after a place in title case ("Kiev | PRAVDA UKRAINY", "Cairo | AL-AHALI");
    0 if they don't. A name does not change case midway, so the change is a boundary when the first part is a known
    place. Where the span opens a line or follows a source line's document number, three capitals are a name too
    ("Prague CTK", "Madrid EFE"): there the city is a dateline's, not part of a name like "Washington DC"."""
    least = _MIN_SOURCE_CAPITALS if opens_source_line(doc, start) else _MIN_CAPITALS
    for cut in range(start + 1, end):
        head, tail = doc[start:cut], doc[cut:end]
        if all((t.is_upper and t.is_alpha) or (t.text == "-" and 0 < t.i - cut < len(tail) - 1) for t in tail) \
                and sum(len(t) for t in tail if t.is_alpha) >= least \
                and all(t.is_title for t in head) and not gazetteer.country_of(tail.text) \
                and (gazetteer.country_of(head.text, codes=False) or gazetteer.city_of(head.text)):
            return cut
    return 0


def titled_person(doc: Doc, start: int, end: int, words: list[str]) -> bool:
    """A title right before a name of two or three words that reads as a person's and names no place or
    organisation: the name is a person's, whatever the model said."""
    text = doc[start:end].text
    return 2 <= end - start <= 3 and title_ending_at(words, start) > 0 and looks_like_person_name(text) \
        and doc[end - 1].lower_ not in ORG_HEADS and not gazetteer.country_of(text) and not gazetteer.city_of(text)


def person_after_inner_title(doc: Doc, start: int, end: int, words: list[str]) -> tuple[int, int] | None:
    """(title start, name start) when a span the model gave one non-person label is a name, a title and a
    person's name of two or three words: "Qeshm Governor Mehdi Irannejad", "Fire Department Capt. Hugh Madlock"."""
    for at in range(end - 2, start + 1, -1):
        n = title_ending_at(words, at)
        if n and at - n > start and titled_person(doc, at, end, words) and all(w[:1].isupper() for w in words[at - n:at]):
            return at - n, at
    return None


def of_after_person(doc: Doc, start: int, end: int) -> int:
    """Where "of" splits a person's span into a full name and a proper name after it (0 if it does not)."""
    for at in range(start + 2, end - 1):
        if doc[at].lower_ == "of":
            before, after = doc[start:at], doc[at + 1:end]
            if looks_like_person_name(before.text) and before[-1].lower_ not in ORG_HEADS \
                    and all(is_title_case_word(t.text) or t.is_upper for t in after):  # not "Kennedy School of Government"
                return at
            return 0
    return 0


def place_or_org(doc: Doc, span: Span) -> str:
    """A place when the gazetteer knows it or a US state follows ("Batavia, N.Y."); else an organisation."""
    state_after = span.end + 1 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].text in US_STATE_ABBREVIATIONS
    return "GPE" if state_after or gazetteer.is_place(span.text) or gazetteer.city_of(span.text) else "ORG"


def without_leading_names(doc: Doc, start: int, end: int, label: str, words: list[str],
                           sentences: SentenceIndex, leading: list[Mention]) -> tuple[int, int, str]:
    """The span's own (start, end, label) once a dateline city, a place before a titled person, a title after an
    organisation and a defined acronym are taken off; the names taken off go to ``leading``."""
    cut = place_before_capitals(doc, start, end)
    if cut:  # "Kiev PRAVDA UKRAINY", "Moscow IZVESTIYA": a dateline's city, then the paper or agency in capitals
        place = doc[start:cut]
        leading.append(Mention(text=place.text, name=canonical_form(place.text), label="GPE", start=place.start_char,
                               end=place.end_char, sent=sentences.of(start)))
        start, label = cut, "ORG"
    inner = person_after_inner_title(doc, start, end, words) if label != "PERSON" else 0
    if inner:  # "Qeshm Governor Mehdi Irannejad" as one FAC: the place, then the titled person
        before = doc[start:inner[0]]
        leading.append(Mention(text=before.text, name=canonical_form(before.text),
                               label="GPE" if gazetteer.is_place(before.text) and label != "ORG" else label,
                               start=before.start_char, end=before.end_char, sent=sentences.of(start)))
        start, label = inner[1], "PERSON"
    if label != "PERSON":  # "NASA Administrator", "State Department Spokesperson": an organisation, then a title
        n = title_ending_at(words, end)
        if 0 < n < end - start:
            end -= n
    short = acronym_after(doc, start, end) if label != "PERSON" else None
    if short is not None and not any(e.start == short.start for e in doc.ents):
        leading.append(Mention(text=short.text, name=short.text, label=label, start=short.start_char,
                               end=short.end_char, sent=sentences.of(short.start)))
    if label in _RETYPED_BY_TITLE and titled_person(doc, start, end, words):
        label = "PERSON"  # "Civil Defense Authority director General Suleiman al-Amr" tagged ORG
    return start, end, label


def split_pair(doc: Doc, start: int, end: int, label: str, sentences: SentenceIndex) -> Iterator[Mention]:
    """Two mentions for "U.S.-Russia": each part at its own offsets."""
    base = doc[start].idx
    text = doc[start:end].text  # Span.text: Doc.text would rebuild the whole document
    cut = text.index("-", 1)
    for a, b in ((0, cut), (cut + 1, len(text))):
        part = text[a:b]
        name = canonical_form(part)
        if is_noise_name(name):
            continue
        place = gazetteer.is_place(name)
        yield Mention(
            text=part,
            name=name,
            label="GPE" if place else label,
            start=base + a,
            end=base + b,
            sent=sentences.of(start),
        )
