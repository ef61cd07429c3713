"""Named-entity mentions from a parsed Doc, with canonical names, titles and noise removed.

Per entity span of the model:
- cut at a line break or a comma (the model runs a caption into the next line, or a list item
  into the next: "the Munich Security Conference, Defense");
- drop a leading "the", a trailing possessive, titles inside the span (kept in ``titles``); an
  honorific right before the span joins it ("Sir Keir"); a title right before it is recorded;
- split a hyphenated pair of places ("U.S.-Russia") into two mentions;
- nationality words become mentions of their country (kind "demonym": "British" -> United Kingdom);
- noise gets no mention: credits, numbers and dates, lowercase words, a word that is part of a
  title phrase ("State" in "Secretary of State"), verb-initial spans, and spans of Title-Case
  headline lines that the article body never repeats ("Send U.K. Peacekeeping Troops").
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span

from kg import gazetteer
from kg.extract.names import (
    HONORIFICS,
    canonical_form,
    clean_surface,
    is_noise_name,
    is_title_case_word,
    split_title,
    title_at,
    title_ending_at,
)
from kg.extract.sentences import SentenceIndex
from kg.model import Mention

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_VERB_TAGS = frozenset({"VB", "VBD", "VBP", "VBZ"})
# Words a headline writer leaves lowercase; the rest of a headline line is Title-Case.
_MINOR_WORDS = frozenset("a an and as at but by for from in into of on or over the to up with vs via".split())
_WORD = re.compile(r"[A-Za-z][\w'\u2019-]*")
_PAIR = re.compile(r"^([A-Z][\w.]*)-([A-Z][\w.]*)$")
_HEADLINE_SHARE = 1.0  # every content word capitalised: a name-dense sentence still has a lowercase verb
_HEADLINE_MIN_WORDS = 3


class _DocContext:
    """Per-Doc facts computed once: token texts, headline line ranges, the body text outside them."""

    def __init__(self, doc: Doc) -> None:
        self.words = [t.text for t in doc]
        self.headlines: list[tuple[int, int]] = []
        body: list[str] = []
        for m in re.finditer(r"[^\n]+", doc.text):
            if _is_headline(m.group()):
                self.headlines.append((m.start(), m.end()))
            else:
                body.append(m.group())
        self.body = "\n".join(body).lower()

    def in_headline(self, char: int) -> bool:
        return any(a <= char < b for a, b in self.headlines)


def _is_headline(line: str) -> bool:
    content = [w for w in _WORD.findall(line) if w.lower() not in _MINOR_WORDS]
    if len(content) < _HEADLINE_MIN_WORDS:
        return False
    upper = sum(1 for w in content if w[0].isupper())
    return upper / len(content) >= _HEADLINE_SHARE


def extract_mentions(doc: Doc, *, sentences: SentenceIndex | None = None) -> Iterator[Mention]:
    """One Mention per entity span the model found (two for "U.S.-Russia"), with a canonical name."""
    sentences = sentences or SentenceIndex(doc)
    context: _DocContext | None = None
    found: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        if context is None:
            context = _DocContext(doc)
        found.extend(_mentions_of(ent, doc, context, sentences))
    found.extend(_missed_surnames(doc, found, sentences))
    yield from sorted(found, key=lambda m: (m.start, m.end))


def _missed_surnames(doc: Doc, found: list[Mention], sentences: SentenceIndex) -> Iterator[Mention]:
    """Lone surnames the model did not tag ("Zelenskyy refused ..."), when the article names that person in full."""
    surnames = {m.name.split()[-1] for m in found if m.label == "PERSON" and len(m.name.split()) >= 2}
    if not surnames:
        return
    covered = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    for tok in doc:
        if tok.text in surnames and tok.i not in covered and tok.pos_ in {"PROPN", "NOUN"} and is_title_case_word(tok.text):
            yield Mention(text=tok.text, name=tok.text, label="PERSON", start=tok.idx, end=tok.idx + len(tok),
                          sent=sentences.of(tok.i))


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range of the span cut at a line break or comma, without "the", possessives or edge punctuation."""
    for i in range(start, end):
        tok = doc[i]
        if "\n" in tok.text or tok.text == ",":
            end = i
            break
        if "\n" in tok.whitespace_:
            end = i + 1
            break
    while start < end and (doc[start].lower_ == "the" or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].text in {"'s", "'", "\u2019s", "\u2019"} or doc[end - 1].is_punct):
        end -= 1
    return start, end


def _inside_title_phrase(words: list[str], start: int, end: int) -> bool:
    """True when the span's words are all covered by one title phrase ("State" in "Secretary of State")."""
    if not all(is_title_case_word(w) or w == "-" for w in words[start:end]):
        return False
    for p in range(max(0, start - 6), start + 1):
        n = title_at(words, p)
        if n and p + n >= end:
            return True
    return False


def _mentions_of(ent: Span, doc: Doc, context: _DocContext, sentences: SentenceIndex) -> Iterator[Mention]:
    label = ent.label_
    start, end = _trim(doc, ent.start, ent.end)
    if start >= end or _inside_title_phrase(context.words, start, end):
        return
    if label != "PERSON" and doc[start].tag_ in _VERB_TAGS:  # "Send U.K. Peacekeeping Troops"
        return
    surface = doc[start:end].text
    if context.in_headline(doc[start].idx) and clean_surface(surface).lower() not in context.body \
            and canonical_form(surface).lower() not in context.body:
        return
    pair = _PAIR.match(canonical_form(surface))
    if pair and gazetteer.country_of(surface) is None and any(gazetteer.is_place(p) for p in pair.groups()):
        yield from _split_pair(doc, start, end, label, sentences)
        return
    # Titles inside the span: "President Donald Trump" -> name "Donald Trump", title "president".
    words = context.words
    titles: list[str] = []
    title, rest = split_title(words[start:end])
    if title and rest and (label == "PERSON" or (label == "ORG" and len(rest.split()) <= 3)):
        titles.append(title)
        label = "PERSON"
        start = end - len(rest.split())
        while start > ent.start and words[start - 1].lower().rstrip(".") in HONORIFICS:
            start -= 1
    # An honorific right before the span belongs to it ("Sir Keir", "Mr Zelensky") and marks a person.
    first = start
    while first > 0 and words[first - 1].lower().rstrip(".") in HONORIFICS and words[first - 1][:1].isupper() \
            and "\n" not in doc[first - 1].whitespace_:
        first -= 1
    honorific = first < start or any(w.lower().rstrip(".") in HONORIFICS for w in words[start:end][:1])
    if honorific:
        label = "PERSON"
    if label == "PERSON":
        n = title_ending_at(words, first)
        if n and not any("\n" in doc[i].whitespace_ for i in range(first - n, first)):
            titles.insert(0, " ".join(w.lower().rstrip(".") for w in words[first - n : first]))
    name = canonical_form(doc[start:end].text)
    if label == "PERSON":
        name = canonical_form(split_title(name.split())[1])
    kind = "name"
    if label in {"NORP", "GPE", "LOC"} and gazetteer.country_of(name) is None:
        country = gazetteer.country_of_demonym(name)
        region = None if country else gazetteer.region_of_demonym(name)
        if country or region:
            label, kind, name = ("GPE", "demonym", country) if country else ("LOC", "demonym", region)
    if label == "PERSON" and len(name.split()) == 1 and (any(c.isdigit() for c in name) or name.isupper()):
        label = "ORG"  # "MI6", "NATO" tagged PERSON
    if label == "PERSON" and not honorific and not titles:  # "Mr Dems", "leader Dems" would be people
        end, label = _group_span(doc, start, end)
        if label == "NORP":
            name = canonical_form(doc[start:end].text)
    if label == "NORP" and kind == "name" and doc[end - 1].tag_ == "JJ":
        return  # an adjective describes ("Western forces", "Baltic nations"); only named groups are nodes
    if is_noise_name(name):
        return
    start_char = doc[first].idx
    end_char = doc[end - 1].idx + len(doc[end - 1])
    yield Mention(
        text=doc[first:end].text,
        name=name,
        label=label,
        start=start_char,
        end=end_char,
        sent=sentences.of(first),
        titles=tuple(dict.fromkeys(titles)),
        kind=kind,
    )


def _group_span(doc: Doc, start: int, end: int) -> tuple[int, str]:
    """(end, label) of a PERSON span that names a group: NORP when it ends in a plural proper noun
    ("Lib Dems"), ends in a plural common noun it modifies ("Lib Dem MPs": the noun is cut off),
    or modifies a plural noun after it ("Lib Dem candidates"). A person's name is sometimes a
    modifier too ("Blair aides"): resolution weighs these NORP votes against the corpus."""
    last = doc[end - 1]
    if last.tag_ == "NNPS":
        return end, "NORP"
    if last.tag_ == "NNS" and end - start >= 2 and doc[end - 2].tag_ in {"NNP", "NNPS"}:
        return end - 1, "NORP"
    if last.dep_ == "compound" and last.head.i >= end and last.head.tag_ in {"NNS", "NNPS"}:
        return end, "NORP"
    return end, "PERSON"


def _split_pair(doc: Doc, start: int, end: int, label: str, sentences: SentenceIndex) -> Iterator[Mention]:
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
