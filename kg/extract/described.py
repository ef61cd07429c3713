"""Names the model left untagged, found from the words that describe them: the title of a person they come
before ("Facebook creator Mark Zuckerberg": where the title is held), the noun for their kind they are listed
under or come after ("such bands as The Velvet Underground", "filtering firm Ciphertrust"), and the acronym in
brackets after them ("The Union of Rationalist Atheists and Agnostics (UAAR)")."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from kg import gazetteer
from kg.extract.acronyms import defined_by
from kg.extract.cues import kind_of, type_of_kind
from kg.extract.names import canonical_form, is_given_name, is_title_case_word, title_at, title_ending_at
from kg.extract.recovered import capitalised_proper, covered_tokens, token_range
from kg.extract.sentences import SentenceIndex
from kg.extract.spans import ACRONYM, ENTITY_LABELS, LineContext, opens_sentence
from kg.lemma import is_dictionary_word, lemma_of
from kg.model import Mention
from kg.vocab import DATE_WORDS, FUNCTION_WORDS, HONORIFICS, ORG_HEADS, ORG_NOUNS, US_STATES

_MAX_WORDS = 3
_PROPER_TAGS = frozenset({"NNP", "NNPS"})
_NOUN_TAGS = _PROPER_TAGS | {"NN", "NNS"}
_NAME_JOINERS = frozenset({"of", "the", "and", "for", "de"})
_SPLIT_KINDS = frozenset({"ORG", "GPE"})
_LIST_PREPOSITIONS = frozenset({"as", "including", "like"})  # "such bands as", "such as", "towns including"
_LONG_FORM_JOINERS = frozenset({"of", "and", "for", "the", "on", "&", "de", "-"})
_MAX_LONG_FORM = 12  # words before an acronym that may spell it


def employers_before_titles(doc: Doc, found: list[Mention], sentences: SentenceIndex,
                            context: LineContext) -> Iterator[Mention]:
    """"Facebook creator Mark Zuckerberg", "Hitwise chief executive Robin Goad": an untagged proper name right
    before the title that opens a person's name is where the title is held, an organisation (a place when the
    gazetteer knows it). Only a noun the article never writes in lowercase that is capitalised inside a sentence
    (here or elsewhere) or no English word: a sentence's first word may be a common one ("Mob boss X")."""
    covered = covered_tokens(doc, found)
    words = [t.text for t in doc]
    for m in found:
        if m.label != "PERSON" or m.kind != "name":
            continue
        start = token_range(doc, m)[0]
        end = start - title_ending_at(words, start)
        if end == start:
            continue
        first = end
        while first > 0 and end - first < _MAX_WORDS and first - 1 not in covered \
                and _employer_word(doc[first - 1], words, context):
            first -= 1
        name = doc[first:end]
        if first == end or not _opens_phrase(name) or is_dictionary_word(name[0].lower_, doc.vocab, parts=("adj",)):
            continue  # "Former Conservative leader X": an adjective opening the run says a party's member, or a kind
        # the model left it untagged: a country's code there is a firm's name ("BT chief executive Ben Verwaayen")
        place = gazetteer.country_of(name.text, codes=False) or name.text in US_STATES \
            or gazetteer.city_of(name.text, alternates=False, min_population=gazetteer.MIN_OVERRIDE_POPULATION)
        yield Mention(text=name.text, name=canonical_form(name.text), label="GPE" if place else "ORG",
                      start=name.start_char, end=name.end_char, sent=sentences.of(first))


def _opens_phrase(run: Span) -> bool:
    """Nothing before the run belongs to its name: not a capitalised word or a possessive ("Transport & General
    Worker's Union general secretary X", "Fair Trials Abroad director X"), nor a word the run hangs from or that
    hangs from it ("Commission for Racial Equality chairman X", "Touching the Void director X"), nor the words that
    join a name's parts after a capitalised word ("Passion of the Christ director X")."""
    if run.start == 0 or opens_sentence(run[0]):
        return True
    doc, at = run.doc, run.start - 1
    if doc[at].ent_type_ and not doc[at].is_punct and doc[at].tag_ != "POS":
        first = at
        while first > 0 and doc[first].ent_iob_ == "I":
            first -= 1
        # "in Las Vegas Microsoft boss Bill Gates": a preposition's name ends there, another phrase begins (not
        # "U.S. Bankruptcy Judge X", "CNEN Radioprotection Director X": the name modifies the title)
        return first > 0 and doc[first - 1].tag_ == "IN"
    if doc[at].is_punct:
        return doc[at].tag_ not in {"HYPH", "POS"} and doc[at].text != "&"
    if not doc[at].is_lower or doc[at].tag_ == "POS" or doc[at].head in run or any(t.head == doc[at] for t in run):
        return False
    while at > 0 and doc[at].lower_ in _NAME_JOINERS:
        at -= 1  # "Passion of the Christ director X": a longer name's last word
    return doc[at + 1].lower_ not in _NAME_JOINERS or not is_title_case_word(doc[at].text) or opens_sentence(doc[at])


def _employer_word(token: Token, words: list[str], context: LineContext) -> bool:
    lower = token.lower_
    return (is_title_case_word(token.text) or token.is_upper and len(token) > 1) and token.is_alpha \
        and lower not in context.lowercase and lower not in FUNCTION_WORDS and lower not in DATE_WORDS \
        and lower.rstrip(".") not in HONORIFICS \
        and not title_at(words, token.i) and token.tag_ in _NOUN_TAGS \
        and (lower in context.capitalised or not is_dictionary_word(lower, token.vocab)
             or token.tag_ in _PROPER_TAGS and not opens_sentence(token))


def names_listed_under_kinds(doc: Doc, found: list[Mention], sentences: SentenceIndex,
                             context: LineContext) -> Iterator[Mention]:
    """"such bands as The Velvet Underground", "companies such as Hitwise", "towns including Camberley": an
    untagged run of capitalised proper nouns that a list's noun for a kind introduces is a name of that kind (the
    kind nouns of kg.extract.cues.kind_of). Not a word the article writes in lowercase; not on a headline-like line."""
    covered = covered_tokens(doc, found)
    for prep in doc:
        if prep.lower_ not in _LIST_PREPOSITIONS or prep.head.pos_ != "NOUN":
            continue
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            for item in pobj.conjuncts if pobj.i in covered else (pobj, *pobj.conjuncts):
                run = _proper_run(doc, item, covered, context)
                label = kind_of(run) if run is not None else ""
                if run is not None and label and not context.in_headline(run.start_char):
                    yield Mention(text=run.text, name=canonical_form(run.text), label=label, start=run.start_char,
                                  end=run.end_char, sent=sentences.of(run.start))


def _proper_run(doc: Doc, head: Token, covered: set[int], context: LineContext) -> Span | None:
    """The untagged capitalised proper nouns of ``head`` (its compounds before it, an "of" name after it: "Lord of
    the Rings"), or None."""
    if head.i in covered or head.tag_ not in _PROPER_TAGS:
        return None
    start = head.i
    while start > 0 and head.i - start < _MAX_WORDS and doc[start - 1].dep_ == "compound" \
            and doc[start - 1].head == head and doc[start - 1].tag_ in _PROPER_TAGS:
        start -= 1
    end = head.i + 1
    if end < len(doc) and doc[end].lower_ == "of":  # "such films as Lord of the Rings": the name goes on
        end += 1 + (end + 1 < len(doc) and doc[end + 1].lower_ == "the")
        first = end
        while end < len(doc) and end - first < _MAX_WORDS and doc[end].tag_ in _PROPER_TAGS and end not in covered:
            end += 1
        if end == first:
            return None
    run = doc[start:end]
    if any(t.i in covered or not capitalised_proper(t) or t.lower_ in context.lowercase for t in run):
        return None
    return run


def listed_pair_cut(doc: Doc, start: int, end: int) -> int | None:
    """The "and" inside one span of the model that joins two items of a kind's list ("companies such as Hitwise
    and Blinkx", "towns including Camberley and Fleet", "the religious schools Santo Spirito and Immacolata"): two
    names, not one; None otherwise. Not in a list of works, whose titles hold "and" ("films such as Harry Potter
    and the Prisoner of Azkaban"); after a plural noun only, as one name may follow a singular one ("the firm
    Marks and Spencer")."""
    plural = start > 0 and doc[start - 1].tag_ == "NNS" and type_of_kind(doc[start - 1]) in _SPLIT_KINDS
    for i in range(start + 1, end - 1):
        tok = doc[i]
        if tok.lower_ == "and" and tok.dep_ == "cc" and any(c.dep_ == "conj" and i < c.i < end for c in tok.head.children) \
                and start <= tok.head.i < i and (plural or kind_of(doc[start:i]) in _SPLIT_KINDS):
            return i
    return None


def long_forms_before_acronyms(doc: Doc, found: list[Mention], sentences: SentenceIndex) -> Iterator[Mention]:
    """"The Union of Rationalist Atheists and Agnostics (UAAR)" where the model tagged "Agnostics" alone: the
    capitalised words before a bracketed acronym that abbreviates them are one name (a place where the gazetteer
    says so, else the type of the name the model found inside, else an organisation)."""
    for long, short in bracketed_long_forms(doc):
        if any(m.start <= long.start_char and long.end_char <= m.end for m in found) or not _names_a_body(long, short):
            continue  # the model's name holds it already
        label = _long_form_label(long, found)
        yield Mention(text=long.text, name=canonical_form(long.text), label=label, start=long.start_char,
                      end=long.end_char, sent=sentences.of(long.start))


def long_forms_after_acronyms(doc: Doc, found: list[Mention], sentences: SentenceIndex) -> Iterator[Mention]:
    """"The FIRST Global competition (For Inspiration and Recognition of Science and Technology)": the whole
    bracketed long form after the acronym it spells is one name (the model tagged "Recognition of ..." alone),
    and the acronym a name of its own where the model left it untagged."""
    for long, short in bracketed_long_forms_after(doc):
        if not _names_a_body(long, short):
            continue
        label = _long_form_label(long, found)
        if not any(m.start <= long.start_char and long.end_char <= m.end for m in found):
            yield Mention(text=long.text, name=canonical_form(long.text), label=label, start=long.start_char,
                          end=long.end_char, sent=sentences.of(long.start))
        if not any(m.start <= short.idx < m.end for m in found):
            yield Mention(text=short.text, name=short.text, label=label, start=short.idx,
                          end=short.idx + len(short.text), sent=sentences.of(short.i))


def _long_form_label(long: Span, found: list[Mention]) -> str:
    """A place where the gazetteer says so, else the type of the name the model found inside, else an organisation."""
    inside = [m.label for m in found if long.start_char <= m.start and m.end <= long.end_char and m.label != "PERSON"]
    return "GPE" if gazetteer.country_of(long.text) else inside[0] if inside else "ORG"


def _names_a_body(long: Span, short: Token) -> bool:
    """A bracketed definition names an organisation, not a concept or a title ("Gross Domestic Product (GDP)",
    "CEO (Chief Executive Officer)"): the model tagged a name in it or the acronym, or its last word is an
    organisation's ("Trades Union Congress (TUC)")."""
    return any(t.ent_type_ in ENTITY_LABELS for t in (*long, short)) or long[-1].lower_ in ORG_HEADS


def bracketed_long_forms_after(doc: Doc) -> Iterator[tuple[Span, Token]]:
    """(long form, acronym) for each acronym followed by the capitalised words it abbreviates, in brackets and
    nothing else there: "NATO (North Atlantic Treaty Organization)"; the acronym may open the noun phrase the
    brackets follow ("the FIRST Global competition (For Inspiration and ...)")."""
    for i in range(1, len(doc) - 2):
        if doc[i].text != "(":
            continue
        noun = doc[i - 1]
        short = next((t for t in (noun, *reversed(list(noun.lefts))) if noun.i - t.i < _MAX_WORDS
                      and ACRONYM.match(t.text) and sum(c.isupper() for c in t.text) >= 2), None)
        if short is None:
            continue
        end = i + 1
        while end < len(doc) and end - i <= _MAX_LONG_FORM and _long_form_word(doc[end]):
            end += 1
        # two words at least: "AP (Associated Press)"; not one ending on a joiner ("(Smith and"), cut off
        if end < len(doc) and doc[end].text == ")" and end > i + 2 and doc[end - 1].lower_ not in _LONG_FORM_JOINERS \
                and defined_by(short.text, doc[i + 1:end].text):
            yield doc[i + 1:end], short


def bracketed_long_forms(doc: Doc) -> Iterator[tuple[Span, Token]]:
    """(long form, acronym) for each bracketed acronym after the capitalised words it abbreviates, the longest run."""
    for i in range(1, len(doc) - 2):
        if doc[i].text != "(" or doc[i + 2].text != ")" or not ACRONYM.match(doc[i + 1].text) \
                or sum(c.isupper() for c in doc[i + 1].text) < 2 or not _long_form_word(doc[i - 1]) \
                or doc[i - 1].lower_ in _LONG_FORM_JOINERS:
            continue
        first = i - 1
        while first > 0 and i - first < _MAX_LONG_FORM and _long_form_word(doc[first - 1]) \
                and "\n" not in doc[first - 1].whitespace_:
            first -= 1
        for start in range(first, i):
            if doc[start].lower_ not in _LONG_FORM_JOINERS and doc[start].lower_ not in FUNCTION_WORDS \
                    and defined_by(doc[i + 1].text, doc[start:i].text):
                yield doc[start:i], doc[i + 1]
                break


def _long_form_word(token: Token) -> bool:
    return token.lower_ in _LONG_FORM_JOINERS or token.is_alpha and (is_title_case_word(token.text) or token.is_upper)


def names_after_kind_nouns(doc: Doc, found: list[Mention], sentences: SentenceIndex,
                           context: LineContext) -> Iterator[Mention]:
    """"filtering firm Ciphertrust", "Nordic operator Teliasonera": an untagged run of proper nouns right after a
    noun for a kind of organisation that modifies it is an organisation (not a person's name: "games maker Peter
    Molyneux"; not a word the article writes in lowercase)."""
    covered = covered_tokens(doc, found)
    for i in range(1, len(doc)):
        noun = doc[i - 1]
        if noun.pos_ != "NOUN" or noun.dep_ != "compound" or noun.head.i < i or i in covered \
                or lemma_of(noun).lower() not in ORG_NOUNS:
            continue
        end = i
        while end < len(doc) and end - i < _MAX_WORDS and end not in covered and capitalised_proper(doc[end]) \
                and doc[end].lower_ not in context.lowercase:
            end += 1
        if end == i or (end < len(doc) and doc[end].tag_ in _PROPER_TAGS) or is_given_name(doc[i].text) \
                or noun.head.i >= end or context.in_headline(doc[i].idx):
            continue
        run = doc[i:end]
        yield Mention(text=run.text, name=canonical_form(run.text), label="ORG", start=run.start_char,
                      end=run.end_char, sent=sentences.of(i))
