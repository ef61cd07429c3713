"""Named-entity mentions from a parsed Doc, with canonical names, titles and noise removed.

Per entity span of the model (cut and joined by kg.extract.spans):
- a person's titles inside the span are stripped and kept in ``titles`` (never an organisation's:
  "General Motors" stays whole); an honorific right before the span joins it ("Sir Keir"); a
  title right before it is recorded;
- a hyphenated pair of places ("U.S.-Russia") becomes two mentions ("T-Mobile" stays one);
- nationality adjectives become mentions of their country (kind "demonym": "British" -> United
  Kingdom); a nationality noun for one person ("a New Zealander") is no mention of the country;
- an acronym defined in brackets ("International Monetary Fund (IMF)") becomes a mention of its
  own, and the pair is reported by :func:`defined_acronyms` for resolution;
- a name the model found once is found again where the article repeats it untagged;
- noise gets no mention: credits, numbers and dates, lowercase words, a word that is part of a
  title phrase ("State" in "Secretary of State"), verb-initial spans, headline fragments.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Set

from spacy.tokens import Doc, Span, Token

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
from kg.extract.spans import LineContext, acronym_after, joined_entities, trim
from kg.model import Mention
from kg.vocab import ORG_CONTEXT, PRODUCT_HEADS

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP", "PRODUCT"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_VERB_TAGS = frozenset({"VB", "VBD", "VBP", "VBZ"})
_PAIR = re.compile(r"^([A-Z][\w.]*)-([A-Z][\w.]*)$")
_ARTICLES = frozenset({"a", "an"})


class _DocContext(LineContext):
    """Per-Doc facts computed once: token texts, headline lines, names the model calls PERSON."""

    def __init__(self, doc: Doc) -> None:
        super().__init__(doc)
        self.words = [t.text for t in doc]
        self.person_names = {canonical_form(e.text) for e in doc.ents if e.label_ == "PERSON"}


def extract_mentions(doc: Doc, *, sentences: SentenceIndex | None = None) -> Iterator[Mention]:
    """One Mention per entity span the model found (two for "U.S.-Russia"), with a canonical name."""
    sentences = sentences or SentenceIndex(doc)
    context: _DocContext | None = None
    found: list[Mention] = []
    for ent in joined_entities(doc):
        if ent.label_ not in ENTITY_LABELS:
            continue
        if context is None:
            context = _DocContext(doc)
        found.extend(_mentions_of(ent, doc, context, sentences))
    found.extend(_repeated_names(doc, found, sentences, context.lowercase if context else frozenset()))
    found.extend(_dateline_places(doc, found, sentences))
    yield from sorted(found, key=lambda m: (m.start, m.end))


def _dateline_places(doc: Doc, found: list[Mention], sentences: SentenceIndex) -> Iterator[Mention]:
    """The place of a dateline, in capitals at the start of a line before a comma or bracket ("BELGRADE ( AP )",
    "FRESNO, Calif."), when the gazetteer knows it: the model rarely tags words in capitals."""
    covered = {i for m in found for i in range(*_token_range(doc, m))}
    for tok in doc:
        if not (tok.i == 0 or "\n" in doc[tok.i - 1].whitespace_ or doc[tok.i - 1].is_space) or tok.i in covered:
            continue
        end = tok.i
        while end < len(doc) and end - tok.i < 4 and (doc[end].is_upper and doc[end].is_alpha or doc[end].text == "-"):
            end += 1
        if end == tok.i or end >= len(doc) or doc[end].text not in {",", "(", "-", "_", "--"}:
            continue
        name = doc[tok.i:end].text.title()
        if gazetteer.country_of(name, codes=False) or gazetteer.city_of(name, alternates=False):
            span = doc[tok.i:end]
            yield Mention(text=span.text, name=name, label="GPE", start=span.start_char, end=span.end_char,
                          sent=sentences.of(tok.i))


def _repeated_names(doc: Doc, found: list[Mention], sentences: SentenceIndex, lowercase: Set[str]) -> Iterator[Mention]:
    """Names the model found once, where the article repeats them untagged ("Zelenskyy refused ...";
    the surname of a person named in full counts as found). Capitalised proper nouns only, never a
    single word the article also writes in lowercase."""
    known: dict[tuple[str, ...], str] = {}
    for m in found:
        if m.kind == "name":
            words = tuple(m.name.split())
            known.setdefault(words, m.label)
            if m.label == "PERSON" and len(words) >= 2:
                known.setdefault(words[-1:], "PERSON")
    if not known:
        return
    longest = max(len(k) for k in known)
    covered = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    covered.update(i for m in found for i in range(*_token_range(doc, m)))
    # Token texts read once: slicing the Doc at every token for every length made Span and Token objects
    # by the million; a known name must start with one of the known first words.
    texts = [t.text for t in doc]
    firsts = {k[0] for k in known}
    i = 0
    while i < len(doc):
        n = _known_at(doc, texts, i, longest, known, covered, lowercase) if texts[i] in firsts else 0
        if n:
            toks = doc[i : i + n]
            yield Mention(text=toks.text, name=toks.text, label=known[tuple(t.text for t in toks)],
                          start=toks.start_char, end=toks.end_char, sent=sentences.of(i))
        i += max(n, 1)


def _known_at(doc: Doc, texts: list[str], i: int, longest: int, known: dict[tuple[str, ...], str], covered: set[int],
              lowercase: Set[str]) -> int:
    """Length of the longest known name written at token ``i`` as a proper name; 0 if none (``texts``: the
    Doc's token texts)."""
    for n in range(min(longest, len(doc) - i), 0, -1):
        words = tuple(texts[i : i + n])
        if words not in known or any(j in covered for j in range(i, i + n)):
            continue
        toks = doc[i : i + n]
        if all(is_title_case_word(w) or w.isupper() or not w.isalpha() for w in words) \
                and any(t.pos_ in {"PROPN", "NOUN"} for t in toks) and not (n == 1 and words[0].lower() in lowercase):
            return n
    return 0


def _token_range(doc: Doc, m: Mention) -> tuple[int, int]:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return (span.start, span.end) if span is not None else (0, 0)


def defined_acronyms(doc: Doc) -> Iterator[tuple[str, str]]:
    """(acronym, long form) pairs the article defines in brackets: "International Monetary Fund (IMF)"."""
    for ent in joined_entities(doc):
        if ent.label_ in ENTITY_LABELS and ent.label_ != "PERSON":
            start, end = trim(doc, ent.start, ent.end)
            short = acronym_after(doc, start, end) if start < end else None
            if short is not None:
                yield short.text, canonical_form(doc[start:end].text)


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
    start, end = trim(doc, ent.start, ent.end, person=label == "PERSON")
    if start >= end or _inside_title_phrase(context.words, start, end):
        return
    if label != "PERSON" and doc[start].tag_ in _VERB_TAGS:  # "Send U.K. Peacekeeping Troops"
        return
    surface = doc[start:end].text
    if context.is_headline_fragment(doc[start:end], clean_surface(surface), canonical_form(surface)):
        return
    pair = _PAIR.match(canonical_form(surface))
    if pair and gazetteer.country_of(surface) is None and all(gazetteer.is_place(p) for p in pair.groups()):
        yield from _split_pair(doc, start, end, label, sentences)
        return
    if label != "PERSON":  # "NASA Administrator", "State Department Spokesperson": an organisation, then a title
        n = title_ending_at(context.words, end)
        if 0 < n < end - start:
            end -= n
    short = acronym_after(doc, start, end) if label != "PERSON" else None
    if short is not None and not any(e.start == short.start for e in doc.ents):
        yield Mention(text=short.text, name=short.text, label=label, start=short.start_char, end=short.end_char,
                      sent=sentences.of(short.start))
    # Titles inside a person's span: "President Donald Trump" -> name "Donald Trump", title "president".
    # An organisation keeps its words ("General Motors") unless the rest is a person of this article.
    words = context.words
    titles: list[str] = []
    title, rest = split_title(words[start:end])
    styled_start = start  # where the name as styled with its title begins ("President John F. Kennedy")
    if title and rest and (label == "PERSON" or (label == "ORG" and rest in context.person_names)):
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
            if all(w[:1].isupper() for w in words[first - n : first] if w.isalpha()):
                styled_start = first - n
    name = canonical_form(doc[start:end].text)
    if label == "PERSON":
        name = canonical_form(split_title(name.split())[1])
    kind = "name"
    if label in {"NORP", "GPE", "LOC"} and gazetteer.country_of(name) is None and _names_one_person(doc, start, end):
        return  # "a New Zealander", "an Australian": a person of that nationality, not the country
    if label in {"NORP", "GPE", "LOC"} and gazetteer.country_of(name) is None:
        country = gazetteer.country_of_demonym(name) or gazetteer.nation_of_demonym(name)
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
    cue = context_cue(doc[start:end]) if kind == "name" else ""
    if label not in PLACE_LABELS and label not in {"ORG", "PRODUCT"} and len(name.split()) == 1 \
            and not honorific and not titles and cue == "ORG":
        label = "ORG"  # "Yukos's chief executive": the model's PERSON on a lone name yields to its context
    yield Mention(
        text=doc[first:end].text,
        name=name,
        label=label,
        start=start_char,
        end=end_char,
        sent=sentences.of(first),
        titles=tuple(dict.fromkeys(titles)),
        kind=kind,
        cue=cue,
        styled=doc[styled_start:end].text if label == "PERSON" and styled_start < first else "",
    )


def context_cue(span: Span) -> str:
    """"ORG" when the span owns or modifies a company noun ("BT's chief executive", "Nokia shares", "shares in
    Yukos"), "PRODUCT" when it names a kind of product ("the Xbox console"); else ""."""
    root = span.root
    head = root.head
    if root.dep_ in {"poss", "compound", "nmod"} and head.i >= span.end:
        if head.lower_ in ORG_CONTEXT or _compound_phrase(head) in ORG_CONTEXT:  # "shares", "chief executive"
            return "ORG"
        if root.dep_ == "compound" and (head.lower_ in PRODUCT_HEADS or _compound_phrase(head) in PRODUCT_HEADS):
            return "PRODUCT"
    if root.dep_ == "pobj" and head.lower_ in {"in", "of"} and head.head.lower_ in ORG_CONTEXT and head.head.i < span.start:
        return "ORG"
    return ""


def _compound_phrase(head: Token) -> str:
    """"chief executive" for the head "executive" with its compound or adjective "chief"."""
    mods = [c.lower_ for c in head.lefts if c.dep_ in {"amod", "compound"} and c.pos_ != "PROPN"]
    return " ".join(mods[-1:] + [head.lower_])


def _names_one_person(doc: Doc, start: int, end: int) -> bool:
    """A singular nationality noun with "a"/"an": it names a person, not a country or a group."""
    root = doc[start:end].root
    return root.tag_ in {"NN", "NNP"} and any(c.dep_ == "det" and c.lower_ in _ARTICLES for c in root.children) \
        and root.dep_ not in {"amod", "compound"}


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
