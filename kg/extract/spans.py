"""Where a name starts and ends: the model's entity spans, cut and joined by general rules.

- A span ends at a line break, a comma or a bracket (the model runs a caption into the next
  line, a list item into the next, a definition into its acronym: "Fund (IMF"), and loses a
  leading "the", a trailing possessive, punctuation and a trailing score ("Real Madrid 2-1").
- Two spans the model cut apart with nothing between them are one name when the parse makes
  the first a compound of the second ("Lockheed" + "Martin").
- Lines written in Title Case or capitals (headlines, tables, datelines) mislead the model
  about where names are. There a span is kept unless it holds a word this article uses in
  lowercase elsewhere ("Send U.K. Peacekeeping Troops": "send", "troops"), or the article
  repeats it outside such lines. Names in tables and datelines use no common words, so they stay.
- An acronym defined in brackets after a name ("International Monetary Fund (IMF)") is
  found with the Schwartz-Hearst rule: its letters appear in order in the long form, the
  first at the start of a word, and every content word of the long form contributes.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from functools import cache
from spacy.tokens import Doc, Span, Token

from kg.extract.acronyms import defined_by
from kg.gazetteer import country_of_demonym, is_place, nation_of_demonym, region_of_demonym
from kg.extract.names import is_post_nominal
from kg.vocab import CAPTION_WORDS, FUNCTION_WORDS, HONORIFICS, STANCE_PREFIXES, TITLES

_OPENING = frozenset("([{")
_CLOSING = frozenset(")]}")
_CUT = frozenset({",", ";", "(", ")", "[", "]", "{", "}", "|"})
_SCORE = re.compile(r"^\d+(?:[-:\u2013]\d+)+(?:\.\d+)?$")
_SCORE_TOKENS = 3  # "– 0", ": 19.03" after a span
_NUMERIC_PART = re.compile(r"^[\d.:\u2013-]+$")
_WORD = re.compile(r"[^\W\d_][\w'-]*")
_HEADLINE_MIN_WORDS = 3
_DETERMINERS = frozenset({"the", "a", "an"})
# The model's labels that name an entity kg reads
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP", "PRODUCT"})
ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&.-]{1,11}$")


_OPENERS = frozenset({'"', "'", "\u201c", "\u2018", "(", "[", "`", "``"})
# "LD2804174994", "94AS0286D": the document number of a monitoring service's source line ("LD2804174994 Moscow
# INTERFAX in English 1601 GMT 28 Apr 94"); capitals and digits, at least six of them, so no word, year or model is one
_DOCUMENT_NUMBER = re.compile(r"(?=(?:\D*\d){6})(?=.*[A-Z])[A-Z0-9]+")


def after_document_number(token: Token) -> bool:
    """Whether the token right before this one is the document number that opens a source line."""
    return token.i > 0 and bool(_DOCUMENT_NUMBER.fullmatch(token.doc[token.i - 1].text))


def opens_source_line(doc: Doc, i: int) -> bool:
    """Token ``i`` opens a line, or follows the document number that opens a monitoring service's source line."""
    return i == 0 or "\n" in doc[i - 1].whitespace_ or doc[i - 1].is_space or after_document_number(doc[i])


class LineContext:
    """Per-Doc facts: which lines are headline-like, which words the article writes in lowercase."""

    def __init__(self, doc: Doc, text: str | None = None) -> None:
        """``text``: the Doc's text when the caller has it (Doc.text joins every token on each read)."""
        self.lowercase = {t.lower_ for t in doc if t.is_lower and t.is_alpha}
        # Words capitalised where capitals mean something: not a sentence's or a line's first word.
        self.capitalised = {t.lower_ for t in doc if t.is_title and t.is_alpha and not opens_sentence(t)}
        self.headlines: list[tuple[int, int]] = []
        body: list[str] = []
        for m in re.finditer(r"[^\n]+", doc.text if text is None else text):
            if is_headline_like(m.group()):
                self.headlines.append((m.start(), m.end()))
            else:
                body.append(m.group())
        self._body = "\n".join(body)
        self.body = self._body.lower()
        self._starts = [a for a, _ in self.headlines]

    def in_headline(self, char: int) -> bool:
        # Lines are in order: a bisection keeps a document of table rows linear, not rows x names.
        i = bisect_right(self._starts, char) - 1
        return i >= 0 and char < self.headlines[i][1]

    def _named_in_body(self, form: str) -> bool:
        """The article's body writes ``form`` too, capitalised at least once ("DOWNHILL" of a headline in capitals
        is not named by "the World Cup downhill")."""
        key, at = form.lower(), 0
        while (at := self.body.find(key, at)) >= 0:
            if not self._body[at : at + len(key)].islower():
                return True
            at += 1
        return False

    def is_headline_fragment(self, span: Span, *forms: str) -> bool:
        """A span of a headline-like line made of words the article otherwise writes in lowercase."""
        if not self.in_headline(span.start_char) or any(self._named_in_body(f) for f in forms if f):
            return False
        words = [t.lower_ for t in span if t.is_alpha and t.lower_ not in FUNCTION_WORDS]
        return any(w in self.lowercase for w in words)


def opens_sentence(token: Token) -> bool:
    """The first word of a sentence or line, after any quotes or brackets: capitalised whatever it is."""
    i = token.i
    doc = token.doc
    while i > 0 and doc[i - 1].is_punct and doc[i - 1].text in _OPENERS:
        i -= 1
    return i == 0 or doc[i].is_sent_start or "\n" in doc[i - 1].whitespace_ or "\n" in doc[i - 1].text


def is_headline_like(line: str) -> bool:
    """Every content word capitalised: a headline, a table row, a dateline (a sentence has a lowercase verb)."""
    content = [w for w in _WORD.findall(line) if w.lower() not in FUNCTION_WORDS]
    return len(content) >= _HEADLINE_MIN_WORDS and all(w[0].isupper() for w in content)


def trim(doc: Doc, start: int, end: int, *, person: bool = False) -> tuple[int, int]:
    """Token range of a span cut at a line break, comma or bracket, without "the", possessives, punctuation or scores;
    a hyphenated name the model cut ("Wong Kwok" of "Wong Kwok-hing", "Udvar" of "Udvar-Hazy") is made whole
    (not "London" of "London-based")."""
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_ \
            and doc[end + 1].is_alpha and (person or doc[end + 1].is_title):
        end += 2
    for i in range(start, end):
        tok = doc[i]
        if "\n" in tok.text or tok.text in _CUT:
            end = i
            break
        if "\n" in tok.whitespace_:
            end = i + 1
            break
    while start < end and (doc[start].lower_ in _DETERMINERS or doc[start].is_punct):
        start += 1
    while end - start > 3 and doc[start].lower_ in STANCE_PREFIXES and doc[start + 1].text == "-" \
            and not doc[start].whitespace_:
        start += 3  # "pro-Beijing New People Party" is the New People Party
    while end - start > 1 and doc[end - 1].lower_ in CAPTION_WORDS and end < len(doc) and doc[end].text == ":":
        end -= 1  # "Ahmed Mohamed Image: ..." is a name, then a caption
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].text in {"'s", "'", "\u2019s", "\u2019"}
                           or doc[end - 1].is_punct):
        end -= 1
    while person and end - start > 2 and is_post_nominal(doc[end - 1].text):
        end -= 1  # "Elton John CBE" is Elton John
    return start, _without_score(doc, start, end)


def _without_score(doc: Doc, start: int, end: int) -> int:
    """End before a trailing score or time: "Real Madrid 2-1", "Zurbriggen 1:19.03" (not "Windows 95", "MI6")."""
    tail = end
    while tail > start and _NUMERIC_PART.match(doc[tail - 1].text):
        tail -= 1
    if tail == end or tail == start or not doc[tail - 1].is_alpha:
        return end
    after = end  # "Sweden 1 – 0": the model's span may stop inside the score
    while after < len(doc) and after - end < _SCORE_TOKENS and _NUMERIC_PART.match(doc[after].text):
        after += 1
    scored = "".join(t.text for t in doc[tail:after])
    return tail if _SCORE.match(scored) else end


def joined_entities(doc: Doc) -> list[Span]:
    """The Doc's entity spans, with an organisation the model cut in two joined again."""
    ents = list(doc.ents)
    out: list[Span] = []

    @cache
    def lowercase() -> frozenset[str]:  # once per Doc, and only if some span could grow
        return frozenset(t.lower_ for t in doc if t.is_lower)

    i = 0
    while i < len(ents):
        ent = ents[i]
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        if nxt is not None and nxt.start == ent.end and _one_name(ent, nxt):
            out.append(Span(doc, ent.start, nxt.end, label="ORG"))
            i += 2
            continue
        out.append(_with_untagged_head(ent, nxt, lowercase))
        i += 1
    return out


def _nationality(text: str) -> bool:
    return bool(country_of_demonym(text) or nation_of_demonym(text) or region_of_demonym(text))


def _with_untagged_head(ent: Span, nxt: Span | None, lowercase: Callable[[], frozenset[str]]) -> Span:
    """The span with the proper noun its last word modifies, when the model left that head out: "Duran" (GPE) of
    "Duran Duran", "Johnnie" of "Johnnie Christmas". A span grown from a place is an organisation unless the
    gazetteer knows the longer name ("Scottish Executive"); titles ("US President") and plurals stay out."""
    doc, last = ent.doc, ent[-1]
    head = doc[ent.end] if ent.end < len(doc) else None
    if head is None or (nxt is not None and nxt.start == ent.end) or last.dep_ != "compound" or last.head != head \
            or head.pos_ != "PROPN" or head.tag_ == "NNPS" or not head.is_title or head.dep_ == "compound" \
            or "\n" in last.whitespace_ or (ent.label_ == "NORP" and not _nationality(ent.text)) \
            or not last.whitespace_ or head.lower_ in TITLES or head.lower_ in HONORIFICS \
            or (head.i + 1 < len(doc) and doc[head.i + 1].pos_ == "PROPN" and doc[head.i + 1].is_title) \
            or head.lower_ in lowercase():
        return ent
    label = ent.label_
    if label in {"GPE", "LOC", "NORP"}:
        label = "GPE" if is_place(doc[ent.start:ent.end + 1].text) else "ORG"
    return Span(doc, ent.start, ent.end + 1, label=label)


def _one_name(a: Span, b: Span) -> bool:
    """"Lockheed" (ORG) + "Martin" (PERSON): adjacent proper nouns in one noun phrase, one of them an organisation."""
    if "ORG" not in (a.label_, b.label_) or "\n" in a[-1].whitespace_ or not a[-1].whitespace_:
        return False
    last, first = a[-1], b[0]
    compound = last.dep_ == "compound" and last.head.i >= b.start and last.head.i < b.end
    return compound and last.pos_ == "PROPN" and first.pos_ == "PROPN" and len(b) == 1


def acronym_after(doc: Doc, start: int, end: int) -> Span | None:
    """The acronym in brackets right after tokens [start, end) that abbreviates them, if any."""
    if end + 2 >= len(doc) or doc[end].text not in _OPENING or doc[end + 2].text not in _CLOSING:
        return None
    short = doc[end + 1]
    if not ACRONYM.match(short.text) or sum(c.isupper() for c in short.text) < 2:
        return None
    return doc[end + 1 : end + 2] if defined_by(short.text, doc[start:end].text) else None
