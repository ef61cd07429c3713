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

import dataclasses
import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from kg import gazetteer
from kg.extract.names import (
    FUNCTION_WORDS,
    HONORIFICS,
    canonical_form,
    clean_surface,
    is_noise_name,
    is_given_name,
    is_post_nominal,
    without_nickname,
    is_title_case_word,
    split_title,
    title_at,
    title_ending_at,
)
from kg.extract.sentences import SentenceIndex
from kg.extract.spans import ENTITY_LABELS, LineContext, acronym_after, joined_entities, opens_sentence, trim
from kg.lemma import is_dictionary_word
from kg.model import PLACE_LABELS, Mention
from kg.extract.cues import cue_of, named_after_org_noun, plays_a_match
from kg.vocab import ORG_NOUNS, US_STATE_ABBREVIATIONS
from kg.extract.joined_names import PAIR, of_after_person, place_or_org, split_pair, without_leading_names
from kg.extract.lists import retyped_list_members
from kg.extract.described import (bracketed_long_forms, bracketed_long_forms_after, employers_before_titles, listed_pair_cut,
                                   long_forms_after_acronyms, long_forms_before_acronyms, names_after_kind_nouns,
                                   names_listed_under_kinds)
from kg.extract.recovered import (
    affiliations_of_people, coordinated_names, dateline_places, nationality_led_names, repeated_names, scoreline_teams,
    sister_divisions, source_line_papers, towns_before_states, untagged_names,
)

_VERB_TAGS = frozenset({"VB", "VBD", "VBP", "VBZ"})
_ARTICLES = frozenset({"a", "an"})
_WEDGING_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})
_MAX_GIVEN_NAMES = 2
_NICKNAMED = re.compile(r"^[A-Z][\w.'-]+(?: [A-Z][\w.'-]+)? [\"\u201c'\u2018][^\"\u201d]{2,30}[\"\u201d'\u2019] [A-Z][\w'-]+$")
_FUNCTION_POS = frozenset({"ADP", "SCONJ", "CCONJ", "PRON", "DET"})
_CONTENT_POS = frozenset({"ADV", "AUX", "VERB"})  # "Will Smith": only words the article also writes in lowercase


def _opening_participle(token: Token) -> bool:
    """"Following Gigante's arrest", "Including Smith": a sentence opening on a participle that the parse makes a
    clause of its own, not a given name ("Sterling Hayden")."""
    return token.is_sent_start and token.lower_.endswith("ing") and token.dep_ in ("advcl", "prep", "acl") \
        and not is_given_name(token.text)


class _DocContext(LineContext):
    """Per-Doc facts computed once: token texts, headline lines, names the model calls PERSON."""

    def __init__(self, doc: Doc, text: str) -> None:
        super().__init__(doc, text)
        self.words = [t.text for t in doc]
        self.text = text
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
            context = _DocContext(doc, sentences.text)
        found.extend(_mentions_of(ent, doc, context, sentences))
    lowercase = context.lowercase if context else frozenset()
    found = _replacing_inner_names(found, [*long_forms_before_acronyms(doc, found, sentences),
                                           *long_forms_after_acronyms(doc, found, sentences)])
    found.extend(repeated_names(doc, found, sentences, lowercase))
    found.extend(coordinated_names(doc, found, sentences, lowercase))
    found = retyped_list_members(doc, found)
    found.extend(towns_before_states(doc, found, sentences, lowercase))
    found.extend(sister_divisions(doc, found, sentences, lowercase))
    lines = context or LineContext(doc, sentences.text)
    found.extend(untagged_names(doc, found, sentences, lines))
    found.extend(employers_before_titles(doc, found, sentences, lines))
    found.extend(names_listed_under_kinds(doc, found, sentences, lines))
    found.extend(names_after_kind_nouns(doc, found, sentences, lines))
    found.extend(scoreline_teams(doc, found, sentences))
    found = _replacing_nationalities(found, [*affiliations_of_people(doc, found, sentences, lowercase),
                                             *nationality_led_names(doc, found, sentences, lowercase)])
    found = _teams_named_for_places(doc, found)
    datelines = list(dateline_places(doc, found, sentences))
    if datelines:  # the gazetteer's place replaces the model's "DAYTON" ORG of a dateline
        taken = [(m.start, m.end) for m in datelines]
        found = [m for m in found if not any(m.start < e and s < m.end for s, e in taken)] + datelines
    found.extend(source_line_papers(doc, found, sentences))
    yield from sorted(found, key=lambda m: (m.start, m.end))


def _replacing_nationalities(found: list[Mention], names: list[Mention]) -> list[Mention]:
    """``found`` with ``names`` added; a nationality word inside one of them ("the Neo Democrats") gives way."""
    def inside(m: Mention) -> bool:
        return any(n.start <= m.start and m.end <= n.end for n in names)

    return [m for m in found if m.label != "NORP" and m.kind != "demonym" or not inside(m)] + names


def _replacing_inner_names(found: list[Mention], names: list[Mention]) -> list[Mention]:
    """``found`` with ``names`` added; a mention inside one of them gives way ("Agnostics" of "the Union of
    Rationalist Atheists and Agnostics (UAAR)")."""
    return [m for m in found if not any(n.start <= m.start and m.end <= n.end for n in names)] + names


def _teams_named_for_places(doc: Doc, found: list[Mention]) -> list[Mention]:
    """A country or city that plays a match in the article ("Belgium defeated Panama 3 – 0") is its team there:
    every mention of that name, and of its nationality ("the Belgians"), in the article is an organisation."""
    teams = set()
    for m in found:
        if m.kind == "name" and m.label in PLACE_LABELS and m.name not in teams:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and plays_a_match(span):
                teams.add(m.name)
    # "the Belgians winning three points", "Swedish captain Andreas Granqvist": the team's people, not the country's
    return [dataclasses.replace(m, label="ORG", cue="ORG", kind="name") if m.name in teams and m.kind in ("name", "demonym")
            else m for m in found]


def defined_acronyms(doc: Doc) -> Iterator[tuple[str, str]]:
    """(acronym, long form) pairs the article defines in brackets: "International Monetary Fund (IMF)"."""
    pairs: dict[tuple[str, str], None] = {}
    for ent in joined_entities(doc):
        if ent.label_ in ENTITY_LABELS and ent.label_ != "PERSON":
            start, end = trim(doc, ent.start, ent.end)
            short = acronym_after(doc, start, end) if start < end else None
            if short is not None:
                pairs[(short.text, canonical_form(doc[start:end].text))] = None
    for long, acronym in [*bracketed_long_forms(doc), *bracketed_long_forms_after(doc)]:  # ones the model cut
        pairs[(acronym.text, canonical_form(long.text))] = None
    yield from pairs


def _common_word_opening(token: Token, context: _DocContext) -> bool:
    """A capitalised first word of a sentence that the article writes in lowercase and never capitalises
    elsewhere: a common word, whatever the model tagged."""
    word = token.lower_
    return token.is_alpha and word in context.lowercase and word not in context.capitalised and opens_sentence(token) \
        and not gazetteer.country_of(token.text) and not gazetteer.country_of_demonym(token.text)


def _common_compound_opening(doc: Doc, start: int, context: _DocContext) -> bool:
    """A sentence's first words are a hyphenated compound of words the article writes in lowercase only."""
    first, hyphen, second = doc[start], doc[start + 1], doc[start + 2]
    return hyphen.text == "-" and not first.whitespace_ and not hyphen.whitespace_ and opens_sentence(first) \
        and all(t.is_alpha and t.lower_ in context.lowercase and t.lower_ not in context.capitalised
                for t in (first, second))


def _given_names_before(doc: Doc, start: int, end: int, context: _DocContext) -> int:
    """Start of a person's span with the untagged given names before it: "singer-songwriter Carly Simon" (the model
    tagged "Simon"). Only known given names compounded into the name, or one word wedged between another name and
    the person ("the Refugee Council Enver Solomon": the model closed the one name and opened the other around
    it, and a surname tagged alone is likelier cut short than a name it closed); never a title or honorific."""
    first = start
    while first > 0 and start - first < _MAX_GIVEN_NAMES:
        tok = doc[first - 1]
        given = is_given_name(tok.text) and tok.dep_ == "compound" and start <= tok.head.i < end
        if tok.ent_type_ or tok.pos_ != "PROPN" or not tok.is_title \
                or not (given or (first == start and _wedged(tok))) or tok.lower_ in context.lowercase \
                or title_at(context.words, first - 1) or title_ending_at(context.words, first) \
                or tok.lower_.rstrip(".") in HONORIFICS \
                or tok.is_sent_start:
            break
        first -= 1
    return first


def _hyphenated(token: Token) -> bool:
    """The word is joined to the next by a hyphen: part of a compound, not a verb opening a clause."""
    return not token.whitespace_ and token.i + 1 < len(token.doc) and token.nbor().tag_ == "HYPH"


def _after_person(token: Token) -> bool:
    """The token follows a person's name, with at most a comma between."""
    at = token.i - 1
    if at >= 0 and token.doc[at].text == ",":
        at -= 1
    return at >= 0 and token.doc[at].ent_type_ == "PERSON"


def _wedged(token: Token) -> bool:
    """The token comes right after another name's span, with no break between them, and is no English word
    ("AOL Instant Messenger") and no place."""
    before = token.doc[token.i - 1] if token.i else None
    return before is not None and before.ent_type_ in _WEDGING_LABELS and before.whitespace_ == " " \
        and not is_dictionary_word(token.text, token.vocab) and gazetteer.country_of(token.text) is None \
        and not gazetteer.is_place(token.text)


def _inside_title_phrase(words: list[str], start: int, end: int) -> bool:
    """True when the span's words are all covered by one title phrase ("State" in "Secretary of State")."""
    if not all(is_title_case_word(w) or w == "-" or w.lower() in FUNCTION_WORDS for w in words[start:end]) \
            or words[start].lower() in FUNCTION_WORDS:  # "Trade and Industry" of "Trade and Industry Secretary"
        return False
    for p in range(max(0, start - 6), start + 1):
        n = title_at(words, p)
        if n and p + n >= end:
            return True
    return False


def _mentions_of(ent: Span, doc: Doc, context: _DocContext, sentences: SentenceIndex) -> Iterator[Mention]:
    """The mentions one entity span gives: usually one; a place or an organisation first when the span runs two
    names together ("Peggy Say of Batavia", "Kiev PRAVDA UKRAINY"); none for noise."""
    bounds = _opened(ent, doc, context)
    if bounds is None:
        return
    start, end, label = bounds
    if label != "PERSON" and end - start == 1 and is_post_nominal(doc[start].text) and _after_person(doc[start]):
        return  # "Mark Tedeschi, QC": letters after a name, not Quebec
    if label == "PERSON":
        start = _person_start(doc, start, end, context)
        of = of_after_person(doc, start, end)
        if of:  # "Peggy Say of Batavia, N.Y.", "Spencer Christian of ABC" as one PERSON span: two names
            after = doc[of + 1:end]
            yield Mention(text=after.text, name=canonical_form(after.text), label=place_or_org(doc, after),
                          start=after.start_char, end=after.end_char, sent=sentences.of(of))
            end = of
    if label != "PERSON" and doc[start].tag_ in _VERB_TAGS and not _hyphenated(doc[start]):
        return  # "Send U.K. Peacekeeping Troops"; but "Make-A-Wish Foundation" is one name
    surface = doc[start:end].text
    if context.is_headline_fragment(doc[start:end], clean_surface(surface), canonical_form(surface)):
        return
    pair = PAIR.match(canonical_form(surface))
    if pair and gazetteer.country_of(surface) is None and all(gazetteer.is_place(p) for p in pair.groups()):
        yield from split_pair(doc, start, end, label, sentences)
        return
    cut = listed_pair_cut(doc, start, end)
    if cut is not None:
        yield from _named(ent, doc, start, cut, label, context, sentences)
        yield from _named(ent, doc, cut + 1, end, label, context, sentences)
        return
    leading: list[Mention] = []
    start, end, label = without_leading_names(doc, start, end, label, context.words, sentences, leading)
    yield from leading
    yield from _named(ent, doc, start, end, label, context, sentences)


def _opened(ent: Span, doc: Doc, context: _DocContext) -> tuple[int, int, str] | None:
    """(start, end, label) of the span trimmed, without a sentence's common opening word; None when nothing is left."""
    label = ent.label_
    start, end = trim(doc, ent.start, ent.end, person=label == "PERSON")
    if start >= end or _inside_title_phrase(context.words, start, end):
        return None
    if end - start > 3 and _common_compound_opening(doc, start, context):
        start += 3  # "Pan-democrat Lam Cheuk-ting": a compound the article writes in lowercase ("pan-democrat X")
    while start < end and _common_word_opening(doc[start], context):
        if end - start > 1 and label == "PERSON":
            start += 1  # "Nonpartisan Paul Tse" (never an organisation's word: "General Motors")
        elif end - start == 1 and label != "PERSON" and (doc[start].dep_ not in ("compound", "poss")
                                                          or doc[start].lower_ in ORG_NOUNS
                                                          or doc[start].head.lower_ in ORG_NOUNS):
            # "Government is ...": a sentence's first word the article otherwise writes in lowercase (not "Labour" in
            # "Labour leader X", but "Telecoms ombudsman X": a noun for a kind of organisation names none, nor a word
            # describing one, "Localist group Civic Passion"; never a person: "Bush spoke. A bush burned.")
            return None
        else:
            break
    if _NICKNAMED.match(doc[start:end].text):
        label = "PERSON"  # 'Vincent "Chin" Gigante': a quoted nickname between given name and surname
    return start, end, label


def _person_start(doc: Doc, start: int, end: int, context: _DocContext) -> int:
    start = _given_names_before(doc, start, end, context)
    while end - start > 1 and (doc[start].pos_ in _FUNCTION_POS or _opening_participle(doc[start])
                               or doc[start].pos_ in _CONTENT_POS
                               and (doc[start].lower_ in context.lowercase or doc[start].lower_ in FUNCTION_WORDS)):
        start += 1  # "Following Gigante", "Without Felt": a sentence's first word the model took into the name
    return start


def _named(ent: Span, doc: Doc, start: int, end: int, label: str, context: _DocContext,
           sentences: SentenceIndex) -> Iterator[Mention]:
    """The mention of tokens [start, end) with its titles, honorific, canonical name, kind and contextual type."""
    styled = _styled(ent, doc, start, end, label, context)
    start, first, styled_start, titles, label, honorific = styled
    name = canonical_form(doc[start:end].text)
    if label == "PERSON":
        # 'Vincent "the Chin" Gigante' is Vincent Gigante: the nickname stays in the text, not in the name resolved
        name = canonical_form(without_nickname(split_title(name.split())[1]))
    typed = _typed(doc, start, end, label, name, context.text, personal=honorific or bool(titles))
    if typed is None:
        return
    end, label, kind, name = typed
    if is_noise_name(name):
        return
    cue, of_kind = cue_of(doc[start:end]) if kind == "name" else ("", False)
    label = _label_by_cue(doc, start, end, label, name, cue, personal=honorific or bool(titles), of_kind=of_kind)
    yield Mention(
        text=doc[first:end].text,
        name=name,
        label=label,
        start=doc[first].idx,
        end=doc[end - 1].idx + len(doc[end - 1]),
        sent=sentences.of(first),
        titles=tuple(dict.fromkeys(titles)),
        kind=kind,
        cue=cue,
        styled=doc[styled_start:end].text if label == "PERSON" and styled_start < first else "",
    )


def _styled(ent: Span, doc: Doc, start: int, end: int, label: str,
            context: _DocContext) -> tuple[int, int, int, list[str], str, bool]:
    """(name start, text start with an honorific, styled start with a title, titles, label, whether an honorific
    marks a person) of tokens [start, end)."""
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
    return start, first, styled_start, titles, label, honorific


def _typed(doc: Doc, start: int, end: int, label: str, name: str, text: str,
           *, personal: bool) -> tuple[int, str, str, str] | None:
    """(end, label, kind, name) after the shape rules: a state's abbreviation, a nationality, an acronym, a group;
    None for a word that describes rather than names ("a New Zealander", "Western forces")."""
    state = US_STATE_ABBREVIATIONS.get(doc[start:end].text)
    if state and not gazetteer.country_of(state):  # "Ocala, Fla.": Florida, as the article writes it elsewhere
        label, name = "GPE", state
    kind = "name"
    if label in PLACE_LABELS and _firm_not_country_code(text, name):
        label = "ORG"  # "Dr Doug Williams of BT": news writes countries out, so "BT", "LG" are firms, not Bhutan
    if label in {"NORP", "GPE", "LOC"} and gazetteer.country_of(name) is None and _names_one_person(doc, start, end):
        return None  # "a New Zealander", "an Australian": a person of that nationality, not the country
    if label in {"NORP", "GPE", "LOC"} and gazetteer.country_of(name) is None:
        country = gazetteer.country_of_demonym(name) or gazetteer.nation_of_demonym(name)
        region = None if country else gazetteer.region_of_demonym(name)
        if country or region:
            label, kind, name = ("GPE", "demonym", country) if country else ("LOC", "demonym", region)
    if label == "PERSON" and len(name.split()) == 1 and (any(c.isdigit() for c in name) or name.isupper()):
        label = "ORG"  # "MI6", "NATO" tagged PERSON
    if label == "PERSON" and not personal:  # "Mr Dems", "leader Dems" would be people
        end, label = _group_span(doc, start, end)
        if label == "NORP":
            name = canonical_form(doc[start:end].text)
    if label == "NORP" and kind == "name" and doc[end - 1].tag_ == "JJ":
        return None  # an adjective describes ("Western forces", "Baltic nations"); only named groups are nodes
    return end, label, kind, name


def _firm_not_country_code(text: str, name: str) -> bool:
    """A two-letter country code that prose never uses for the country ("BT", "GE"; not "UK", "US"), that is no
    city's short name ("LA") and whose country the article never names ("NZ" beside "New Zealand" stays a place)."""
    if len(name) != 2 or not name.isupper() or gazetteer.country_of(name, codes=False) is not None:
        return False
    country = gazetteer.country_of(name)
    return country is not None and gazetteer.city_of(name) is None and country not in text


def _label_by_cue(doc: Doc, start: int, end: int, label: str, name: str, cue: str, *, personal: bool,
                  of_kind: bool = False) -> str:
    """The model's label, overruled by clear context around the name."""
    if of_kind and not personal and not (label in PLACE_LABELS and gazetteer.country_of(name)):
        return cue  # "companies such as Blinkx", "games such as Jedi Knight": a noun for its kind says what it is
    if label not in PLACE_LABELS and label not in {"ORG", "PRODUCT"} and not personal and cue == "ORG" \
            and (len(name.split()) == 1 or named_after_org_noun(doc[start:end])):
        return "ORG"  # "Yukos's chief executive": the model's PERSON on a lone name yields to its context
    if cue in ("ORG", "PRODUCT") and label in PLACE_LABELS and not personal and not gazetteer.knows_place(name):
        return cue  # "Gazprom shares", "the Cabir virus": a place the gazetteer does not know, in a firm's or a
        # product's context
    if cue == "PERSON" and label != "PERSON" and not gazetteer.country_of(name):
        return "PERSON"  # "Albrecht, 54,": an age says person, whatever the model said
    if cue == "GPE" and label in ("ORG", "PERSON") and not personal:
        return "GPE"  # "a Fargo native", "born in Jamestown": where someone comes from is a place
    if label == "PERSON" and not personal and cue != "PERSON" and _names_a_division(doc, start, end, name):
        return "GPE"  # "Tamil Nadu", "West Midlands" tagged PERSON: a state or province, no person's name
    return label


def _names_a_division(doc: Doc, start: int, end: int, name: str) -> bool:
    """A country's state, province or region by name, that is neither a given name nor an English word
    ("Victoria", "Centre" stay as the model typed them)."""
    words = name.split()
    return gazetteer.subdivision_country(name) is not None and not is_given_name(words[0]) \
        and (len(words) > 1 or not is_dictionary_word(doc[start].text, doc.vocab))


def _names_one_person(doc: Doc, start: int, end: int) -> bool:
    """A singular nationality noun with "a"/"an": it names a person, not a country or a group."""
    root = doc[start:end].root
    return root.tag_ in {"NN", "NNP"} and any(c.dep_ == "det" and c.lower_ in _ARTICLES for c in root.children) \
        and root.dep_ not in {"amod", "compound"}


def _one_person_by_grammar(doc: Doc, start: int, end: int) -> bool:
    """A name ending in a word the tagger took for a plural ("Walter R. Mears", "Muddy Waters") that the grammar says
    is one person: it has an initial ("R."), or is the subject of a singular verb ("Muddy Waters was born", "Mears
    has reported"); "the Lib Dems were" stays a group."""
    if any(len(t.text) == 2 and t.text[0].isupper() and t.text[1] == "." for t in doc[start:end - 1]):
        return True
    last = doc[end - 1]
    if last.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = last.head
    return verb.tag_ == "VBZ" or any(c.dep_ in ("aux", "auxpass") and (c.tag_ == "VBZ" or c.lower_ == "was")
                                     for c in verb.children) or (verb.lower_ == "was")


def _group_span(doc: Doc, start: int, end: int) -> tuple[int, str]:
    """(end, label) of a PERSON span that names a group: NORP when it ends in a plural proper noun
    ("Lib Dems"), ends in a plural common noun it modifies ("Lib Dem MPs": the noun is cut off),
    or modifies a plural noun after it ("Lib Dem candidates"). A person's name is sometimes a
    modifier too ("Blair aides"): resolution weighs these NORP votes against the corpus."""
    last = doc[end - 1]
    if last.tag_ == "NNPS" and not _one_person_by_grammar(doc, start, end):
        return end, "NORP"
    if last.tag_ == "NNS" and end - start >= 2 and doc[end - 2].tag_ in {"NNP", "NNPS"}:
        return end - 1, "NORP"
    if last.dep_ == "compound" and last.head.i >= end and last.head.tag_ in {"NNS", "NNPS"}:
        return end, "NORP"
    return end, "PERSON"
