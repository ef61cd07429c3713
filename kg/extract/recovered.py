"""Names the model missed, found again from the article itself: a name repeated untagged, the city of a dateline
in capitals, an untagged name listed with tagged ones ("author Truman Capote and singer Carly Simon"), a town
written before its state or country ("Peggy Say of Batavia, N.Y."), a run of proper nouns that an institution's or a
building's word closes ("The Deseret News observed", "Mecca's Grand Mosque") or a given name opens ("the party's
Regina Ip"), the sides of a results row ("Arsenal 2 Chelsea 1")."""
from __future__ import annotations

import re
from collections.abc import Iterator, Set

from spacy.tokens import Doc, Span, Token

from kg import gazetteer
from kg.extract.cues import cue_of
from kg.extract.lists import list_label
from kg.extract.names import canonical_form, is_given_name, is_title_case_word
from kg.extract.sentences import SentenceIndex
from kg.extract.spans import LineContext, opens_source_line
from kg.model import PLACE_LABELS, Mention
from kg.vocab import (COMPASS_WORDS, CORPORATE_SUFFIXES, FACILITY_HEADS, FUNCTION_WORDS, ORG_HEADS, PERSON_KINDS,
                      PLACE_KINDS, TITLES, US_STATE_ABBREVIATIONS, US_STATES)

_MAX_COORDINATED_WORDS = 3
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MAX_TOWN_WORDS = 3
_MAX_PAPER_WORDS = 4  # "METEOROLOGIYA I GIDROLOGIYA", "O ESTADO DE SAO PAULO" is as long as they get
_MIN_PAPER_LETTERS = 3  # "AFP", "EFE", "CTK"
# "Arsenal 2 Chelsea 1", "Manchester United 3 Everton 0", "Real Madrid 2-1 Sevilla": a results row of two sides.
_NAME = r"[A-Z][\w.'&-]*(?: (?:[A-Z][\w.'&-]*|de|of|and))*"
_SCORELINE = re.compile(rf"^\s*({_NAME}) (\d{{1,2}})(?: ?[-–] ?(\d{{1,2}}) | )({_NAME})(?: (\d{{1,2}}))?\s*$", re.M)
_CLOSING = frozenset({",", ".", ";", ":", ")", "_", "--"})


def dateline_places(doc: Doc, found: list[Mention], sentences: SentenceIndex) -> Iterator[Mention]:
    """The place of a dateline, in capitals at the start of a line before a comma, bracket or date ("BELGRADE ( AP )",
    "FRESNO, Calif.", "BRUSSELS 1996-12-06"), when the gazetteer knows it: the model rarely tags words in capitals,
    and when it does it often calls them organisations."""
    covered = {i for m in found if m.label in PLACE_LABELS or not m.text.isupper() for i in range(*token_range(doc, m))}
    for tok in doc:
        if not (tok.i == 0 or "\n" in doc[tok.i - 1].whitespace_ or doc[tok.i - 1].is_space) or tok.i in covered:
            continue
        end = tok.i
        while end < len(doc) and end - tok.i < 4 and (doc[end].is_upper and doc[end].is_alpha or doc[end].text == "-"):
            end += 1
        if end == tok.i or end >= len(doc) or not _ends_dateline(doc[end]):
            continue
        name = doc[tok.i:end].text.title()
        if gazetteer.country_of(name, codes=False) or gazetteer.city_of(name, alternates=False):
            span = doc[tok.i:end]
            yield Mention(text=span.text, name=name, label="GPE", start=span.start_char, end=span.end_char,
                          sent=sentences.of(tok.i))


def source_line_papers(doc: Doc, found: list[Mention], sentences: SentenceIndex) -> Iterator[Mention]:
    """The paper, agency or broadcaster in capitals after the city that opens a monitoring service's source line
    ("Moscow IZVESTIYA", "LD2804174994 Moscow INTERFAX in English 1601 GMT", "Madras THE HINDU in English"): the
    model seldom tags a name in capitals, and kg.extract.places reads the city before it as where it is based. The
    city is written in title case (not a headline in capitals); the capitals end the line or come before "in" and a
    language, or before a number."""
    covered = covered_tokens(doc, found)
    for m in found:
        start, end = token_range(doc, m)
        if m.kind != "name" or m.label not in PLACE_LABELS or not doc[start].is_title or not opens_source_line(doc, start):
            continue
        stop = end
        while stop < len(doc) and stop - end < _MAX_PAPER_WORDS and stop not in covered and \
                ((doc[stop].is_upper and doc[stop].is_alpha) or (doc[stop].text == "-" and stop > end)):
            stop += 1
        paper = doc[end:stop]
        if sum(len(t) for t in paper if t.is_alpha) < _MIN_PAPER_LETTERS or paper[-1].text == "-" \
                or not _closes_source(doc, stop) or gazetteer.country_of(paper.text) or paper.text in US_STATE_ABBREVIATIONS:
            continue
        yield Mention(text=paper.text, name=canonical_form(paper.text), label="ORG", start=paper.start_char,
                      end=paper.end_char, sent=sentences.of(end))


def _closes_source(doc: Doc, i: int) -> bool:
    """The end of a source line's name: the line's end, "in English", or the time or date after it."""
    if i >= len(doc) or "\n" in doc[i - 1].whitespace_ or doc[i].is_space:
        return True
    after = doc[i + 1] if i + 1 < len(doc) else None
    return doc[i].like_num or (doc[i].lower_ == "in" and after is not None and after.is_title)


def _ends_dateline(token: Token) -> bool:
    return token.text in {",", "(", "-", "_", "--"} or bool(_ISO_DATE.fullmatch(token.text))


def repeated_names(doc: Doc, found: list[Mention], sentences: SentenceIndex, lowercase: Set[str]) -> Iterator[Mention]:
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
    covered = covered_tokens(doc, found) | {i for ent in doc.ents for i in range(ent.start, ent.end)}
    # Token texts read once: slicing the Doc at every token for every length made Span and Token objects
    # by the million; a known name must start with one of the known first words.
    texts = [t.text for t in doc]
    firsts = {k[0] for k in known}
    i = 0
    while i < len(doc):
        n = _known_at(doc, texts, i, longest, known, covered, lowercase) if texts[i] in firsts else 0
        if n:
            toks = doc[i : i + n]
            # the words around a repeat say what the name is as much as around the tagged one ("Electrolux saw its
            # shares rise", untagged, after a headline the model read as a place)
            yield Mention(text=toks.text, name=toks.text, label=known[tuple(t.text for t in toks)],
                          start=toks.start_char, end=toks.end_char, sent=sentences.of(i),
                          cue=cue_of(toks)[0])
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


def covered_tokens(doc: Doc, found: list[Mention]) -> set[int]:
    """The token indices of the mentions found so far."""
    return {i for m in found for i in range(*token_range(doc, m))}


def token_range(doc: Doc, m: Mention) -> tuple[int, int]:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return (span.start, span.end) if span is not None else (0, 0)


def coordinated_names(doc: Doc, found: list[Mention], sentences: SentenceIndex, lowercase: Set[str]) -> Iterator[Mention]:
    """A proper name the model left untagged, coordinated with names it tagged, all of one type: "author Truman Capote
    and singer-songwriter Carly Simon" (a person), "Nokia, Siemens and Alcatel" (organisations)."""
    tagged = {i: m for m in found if m.kind == "name" for i in range(*token_range(doc, m))}
    for tok in doc:
        if tok.i in tagged or tok.pos_ != "PROPN" or tok.dep_ != "conj" or not tok.is_title:
            continue
        start = tok.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head == tok \
                and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title and start - 1 not in tagged:
            start -= 1
        words = doc[start:tok.i + 1]
        if len(words) > _MAX_COORDINATED_WORDS or any(w.lower_ in lowercase for w in words):
            continue
        label = list_label([tagged[t.i].label for t in (tok.head, *tok.head.conjuncts) if t.i in tagged and t.i != tok.i])
        if label:
            yield Mention(text=words.text, name=words.text, label=label, start=words.start_char,
                          end=words.end_char, sent=sentences.of(start))


def nationality_led_names(doc: Doc, found: list[Mention], sentences: SentenceIndex, lowercase: Set[str]) -> Iterator[Mention]:
    """"Swiss Re", "deputy head of Swiss Re's department": a nationality word the model tagged alone, that modifies
    the capitalised untagged word after it, opens an organisation's name. Not a title ("Swiss President"), and not
    a word the article writes in lowercase ("the Swiss Government" where it also writes "government")."""
    covered = covered_tokens(doc, found)
    for m in found:
        if m.kind != "demonym":
            continue
        start, end = token_range(doc, m)
        if end >= len(doc) or doc[start].head.i != end:
            continue
        tail = end
        while tail < len(doc) and tail not in covered and doc[tail].is_alpha and is_title_case_word(doc[tail].text) \
                and not doc[tail].ent_type_ and doc[tail].lower_ not in lowercase and not _names_a_kind(doc[tail].text) \
                and doc[tail].lower_ not in FUNCTION_WORDS and not is_given_name(doc[tail].text) \
                and not gazetteer.country_of_demonym(doc[tail].text) and not gazetteer.nation_of_demonym(doc[tail].text):
            tail += 1
        if tail == end or tail - start > _MAX_COORDINATED_WORDS or tail < len(doc) and doc[tail].is_title \
                and doc[tail].pos_ == "PROPN":
            continue  # nothing to join, or a longer run of names the model read otherwise
        name = doc[start:tail]
        yield Mention(text=name.text, name=canonical_form(name.text), label="ORG", start=name.start_char,
                      end=name.end_char, sent=sentences.of(start))


def _names_a_kind(word: str) -> bool:
    """A title or a noun for a kind of person or place, singular or plural ("President", "MEPs", "Republics")."""
    lower = word.lower()
    return any(w in TITLES or w in PERSON_KINDS or w in PLACE_KINDS for w in (lower, lower[:-1] if lower.endswith("s") else lower))


def affiliations_of_people(doc: Doc, found: list[Mention], sentences: SentenceIndex, lowercase: Set[str]) -> Iterator[Mention]:
    """"Frederick Fung of ADPL", "Nick Rhodes of Duran Duran", "Carlo De Benedetti of Italy's la Repubblica": the
    proper name a person is "of" is the party, band, paper or firm they belong to (or their place, when the
    gazetteer knows it), even where the model left it untagged or called it a nationality ("of the Neo Democrats")."""
    tagged = {i: m for m in found for i in range(*token_range(doc, m))}
    for m in found:
        if m.label != "PERSON" or m.kind != "name":
            continue
        last = doc[token_range(doc, m)[1] - 1]
        prep = doc[last.i + 1] if last.i + 1 < len(doc) else None
        if prep is None or prep.lower_ != "of" or prep.head != last:
            continue
        head = next((t for t in prep.children if t.dep_ == "pobj"), None)
        if head is None or head.pos_ != "PROPN" or not (is_title_case_word(head.text) or head.is_upper):
            continue
        start = head.i
        while start - 1 > prep.i and doc[start - 1].dep_ == "compound" and doc[start - 1].head == head \
                and doc[start - 1].pos_ == "PROPN":
            start -= 1
        name = doc[start:head.i + 1]
        owners = {tagged[i].label for i in range(start, head.i + 1) if i in tagged}
        if owners - {"NORP"} or len(name) > _MAX_COORDINATED_WORDS or (len(name) == 1 and head.lower_ in lowercase):
            continue
        place = gazetteer.is_place(name.text) or name.text in US_STATES or gazetteer.is_region(name.text)
        label = "GPE" if place else "ORG"
        yield Mention(text=name.text, name=name.text, label=label, start=name.start_char, end=name.end_char,
                      sent=sentences.of(start))


def towns_before_states(doc: Doc, found: list[Mention], sentences: SentenceIndex, lowercase: Set[str]) -> Iterator[Mention]:
    """"Peggy Say of Batavia, N.Y.", "born in Waxhaw, S.C.", "Beaumont, Texas, Richardson's hometown": an untagged
    proper name right before a comma and a US state (AP's abbreviation or its name) or a country that closes the
    phrase is a place; an untagged state abbreviation there is one too."""
    covered = covered_tokens(doc, found)
    words = [t.text for t in doc]
    for i in range(2, len(doc)):
        if words[i - 1] != ",":
            continue  # most tokens follow no comma: not one Token made for them
        tok = doc[i]
        state = US_STATE_ABBREVIATIONS.get(tok.text)
        if not (state or _names_state_or_country(doc, tok, covered)):
            continue
        if not state and tok.i + 1 < len(doc) and doc[tok.i + 1].text not in _CLOSING:
            continue  # "Kohl, Germany's chancellor": the country begins another phrase
        end = start = tok.i - 1
        while start > 0 and end - start < _MAX_TOWN_WORDS and start - 1 not in covered and doc[start - 1].pos_ == "PROPN" \
                and is_title_case_word(doc[start - 1].text) and not doc[start - 1].is_sent_start:
            start -= 1
        town = doc[start:end]
        if len(town) and not any(t.lower_ in lowercase for t in town):
            yield Mention(text=town.text, name=town.text, label="GPE", start=town.start_char, end=town.end_char,
                          sent=sentences.of(start))
            if state and tok.i not in covered:
                named = state if not gazetteer.country_of(state) else tok.text
                yield Mention(text=tok.text, name=named, label="GPE", start=tok.idx, end=tok.idx + len(tok),
                              sent=sentences.of(tok.i))


def _names_state_or_country(doc: Doc, tok: Token, covered: set[int]) -> bool:
    """A tagged one-word US state or country ("Texas", "Italy") at ``tok``."""
    return tok.i in covered and (tok.text in US_STATES or gazetteer.country_of(tok.text, codes=False) is not None)


def untagged_names(doc: Doc, found: list[Mention], sentences: SentenceIndex, context: LineContext) -> Iterator[Mention]:
    """An untagged run of two or more capitalised proper nouns that says what it names: an institution's last word
    ("The Deseret News observed", "the Croucher Foundation"), a building's ("Mecca's Grand Mosque"), or a known
    given name first ("New People Party's Regina Ip was re-elected"). Not on headline-like lines, where every word
    is capitalised; not a run with a word the article writes in lowercase, unless an institution's word closes it
    ("the Interior Ministry")."""
    covered = covered_tokens(doc, found) | {i for ent in doc.ents for i in range(ent.start, ent.end)}
    i = 0
    while i < len(doc):
        end = i
        while end < len(doc) and end not in covered and capitalised_proper(doc[end]) \
                and (end == i or "\n" not in doc[end - 1].whitespace_):
            end += 1
        start = i + 1 if i < end and doc[i].lower_ in TITLES else i
        label = _run_label(doc[start:end], context) if end - start >= 2 else ""
        if label == "PERSON" and start > 0 and doc[start - 1].tag_ == "DT":
            label = ""  # "The Amber Spyglass", "a Pearl Earring": a title's words, not a person
        if label and not context.in_headline(doc[start].idx):
            span = doc[start:end]
            yield Mention(text=span.text, name=span.text, label=label, start=span.start_char, end=span.end_char,
                          sent=sentences.of(start))
        i = max(end, i + 1)


def capitalised_proper(token: Token) -> bool:
    return token.tag_ in {"NNP", "NNPS"} and (is_title_case_word(token.text) or token.is_upper and token.is_alpha)


def _run_label(run: Span, context: LineContext) -> str:
    last = run[-1].lower_
    if last in FACILITY_HEADS:
        return "FAC"
    if last in ORG_HEADS:
        return "ORG"
    words = [t.text for t in run]
    if len(words) > _MAX_COORDINATED_WORDS or not is_given_name(words[0]) or words[0].lower() in COMPASS_WORDS \
            or last in CORPORATE_SUFFIXES \
            or any(w.lower() in context.lowercase for w in words) or gazetteer.knows_place(run.text):
        return ""
    return "PERSON" if all(is_title_case_word(w) and w.isalpha() for w in words) else ""


def scoreline_teams(doc: Doc, found: list[Mention], sentences: SentenceIndex) -> Iterator[Mention]:
    """The two sides of a results row ("Arsenal 2 Chelsea 1", "Real Madrid 2-1 Sevilla") that the model left
    untagged: teams, so organisations (a side named for its country or city is made one by the match rule)."""
    covered = covered_tokens(doc, found)
    for row in _SCORELINE.finditer(sentences.text):
        if (row.group(3) is None) == (row.group(5) is None):
            continue  # one score after each side, or both between them
        for group in (1, 4):
            span = doc.char_span(row.start(group), row.end(group))
            if span is not None and not any(t.i in covered for t in span) and span[-1].lower_ not in FUNCTION_WORDS:
                yield Mention(text=span.text, name=span.text, label="ORG", start=span.start_char, end=span.end_char,
                              sent=sentences.of(span.start))


def sister_divisions(doc: Doc, found: list[Mention], sentences: SentenceIndex, lowercase: Set[str]) -> Iterator[Mention]:
    """"Tasmania was excluded from the study" after "New South Wales, Victoria ... and Queensland": an untagged run
    of proper nouns that is a first-level division of a country whose name, or another of whose divisions, the
    article names is a place (ISO 3166-2, kg.gazetteer.subdivision_country); not a known given name ("Victoria"),
    a compass word ("Central", "Western") or a word the article writes in lowercase."""
    countries = {c for m in found if m.kind == "name" and m.label in PLACE_LABELS
                 for c in (gazetteer.subdivision_country(m.name), gazetteer.country_of(m.name, codes=False)) if c}
    if not countries:
        return
    covered = covered_tokens(doc, found)
    i = 0
    while i < len(doc):
        end = i
        while end < len(doc) and end - i < _MAX_TOWN_WORDS and end not in covered and doc[end].tag_ == "NNP" \
                and is_title_case_word(doc[end].text):
            end += 1
        run = doc[i:end]
        if len(run) and (end == len(doc) or doc[end].tag_ != "NNP") \
                and gazetteer.subdivision_country(run.text) in countries and not is_given_name(run[0].text) \
                and run[0].lower_ not in COMPASS_WORDS and not any(t.lower_ in lowercase for t in run):
            yield Mention(text=run.text, name=run.text, label="GPE", start=run.start_char, end=run.end_char,
                          sent=sentences.of(i))
        i = max(end, i + 1)
