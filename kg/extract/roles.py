"""Roles and titles: "French President Emmanuel Macron" → Macron `president of` France.

Titles come from a word list (kg/data/titles.json) matched on lowercase words,
longest first. A title belongs to a person when it stands right before the name
("NATO Secretary General Mark Rutte"), or is in apposition to it with a comma on
either side ("Russia's foreign minister, Sergey Lavrov", "John Sawers, former head
of MI6"; the parse must link the two with ``appos``). The organisation or country
is a place/organisation mention just before the title, possessive or compound
("Russia's", "NATO", "US", or a demonym mention such as "French"), or after it
with "of" ("head of MI6"). An all-capital/digit acronym after "of" counts as an
organisation whatever the model labelled it (it calls MI6 a PERSON).
Envoys are sent *to* the country named before them ("Ukraine envoy"), so only a
possessive names their organisation (titles.json's "destination"). A title phrase
may also come first, its person in apposition after it ("The head of Queensland
Liver Transplant Service, Dr. Russell Strong"), and hyphenated modifiers are part
of the title ("Louisiana's reform-minded governor, Buddy Roemer").
Every title found is kept on the person's mention ("former head"), with or
without an organisation.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from kg.extract.names import is_post_nominal
from kg.extract.phrases import TokenMentions, appositives, is_party_tag
from kg.extract.sentences import SentenceIndex
from kg.extract.title_verbs import title_holder
from kg.model import Mention, Relation
from kg.vocab import (
    DESTINATION_TITLES,
    HONORIFICS,
    PAST_MODIFIERS,
    PORTFOLIO_NAMES,
    PORTFOLIOS,
    TITLE_MODIFIERS,
    TITLE_RELATIONS,
    TITLES,
    UNINFORMATIVE_MODIFIERS,
)

_DETERMINERS = frozenset({"the", "a", "an"})
_PLACES = frozenset({"GPE", "LOC"})
_TITLE_CHAIN = 3  # "X, leader of A, chairman of B and president of C": titles joined to the one in apposition
_OF_PHRASE_WORDS = 12  # "executive director of the Dallas chapter of the Council on American-Islamic Relations"
_OF_PHRASE_GLUE = frozenset({"the", "of", "on", "for", "and", "&", "-"})
_OF_PHRASE_TAGS = frozenset({"NNP", "NNPS", "NN", "NNS", "JJ", "HYPH", "POS"})
_MATCHERS: list[tuple[Vocab, PhraseMatcher]] = []


@dataclass(frozen=True)
class RoleFinding:
    person: int  # mention index
    title: str  # as kept on the mention: "former head", "prime minister"
    organisation: int | None  # mention index of the country/organisation, if named
    relation: str  # "president of", "former head of"
    sent: int
    token: int  # first token of the title, for ordering
    modality: str = ""  # a hedge on the verb that gives the title ("is expected to become chairman")


def title_matcher(vocab: Vocab) -> PhraseMatcher:
    """The title PhraseMatcher for a vocab, built once and cached."""
    for v, matcher in _MATCHERS:
        if v is vocab:
            return matcher
    matcher = PhraseMatcher(vocab, attr="LOWER")
    patterns = [w.replace("-", " - ").split() for w in sorted(TITLES)]
    # "Gov.", "Sen.", "Lt. Gen.": the tokenizer keeps an abbreviation's period on the word
    dotted = [p[:-1] + [p[-1] + "."] for p in patterns if p[-1].isalpha()]
    matcher.add("TITLE", [Doc(vocab, words=p) for p in patterns + dotted])
    _MATCHERS.append((vocab, matcher))
    return matcher


def title_spans(doc: Doc) -> list[Span]:
    """Every title in the Doc, longest match, not overlapping."""
    matcher = title_matcher(doc.vocab)
    return filter_spans([doc[s:e] for _, s, e in matcher(doc)])


def find_roles(doc: Doc, mentions: Sequence[Mention], *, sentences: SentenceIndex,
               index: TokenMentions | None = None) -> list[RoleFinding]:
    """Every (person, title, organisation?) found in the Doc."""
    index = index or TokenMentions(doc, mentions)
    found: list[RoleFinding] = []
    for span in title_spans(doc):
        person = _person_of(doc, span, index)
        holder = title_holder(span, index) if person is None else None  # "X became chairman of BP"
        if holder is not None:
            person = holder.person
        if person is None:
            continue
        mods, org = _left_of(doc, span, index, person)
        if org is None:
            org = _of_after(doc, span, index)
        core = " ".join(t.lower_.rstrip(".") for t in span).replace(" - ", "-")
        title = " ".join([t.lower_ for t in mods] + [core])
        # Kept in the title ("top adviser") but left out of the edge phrase: they say nothing about the role.
        rel_words = [t.lower_ for t in mods if t.lower_ not in UNINFORMATIVE_MODIFIERS]
        relation = TITLE_RELATIONS.get(core, " ".join(rel_words + [core]) + " of")
        if holder is not None and holder.former and not any(t.lower_ in PAST_MODIFIERS for t in mods):
            title, relation = f"former {title}", f"former {relation}"  # "X resigned as chairman of BP"
        found.append(RoleFinding(person, title, org, relation, sentences.of(span.start), span.start,
                                 holder.modality if holder is not None else ""))
    return found


def extract_roles(doc: Doc, mentions: Sequence[Mention], *, sentences: SentenceIndex,
                  findings: Sequence[RoleFinding] | None = None) -> Iterator[Relation]:
    """Role edges person → country/organisation."""
    for f in findings if findings is not None else find_roles(doc, mentions, sentences=sentences):
        if f.organisation is not None and f.organisation != f.person:
            yield Relation(subject=f.person, object=f.organisation, relation=f.relation, kind="role", sent=f.sent,
                           modality=f.modality)


def titles_by_mention(findings: Sequence[RoleFinding]) -> dict[int, tuple[str, ...]]:
    out: dict[int, list[str]] = {}
    for f in findings:
        if f.modality:
            continue  # "X is expected to become chairman": not (yet) X's title
        if f.title not in out.setdefault(f.person, []):
            out[f.person].append(f.title)
    return {k: tuple(v) for k, v in out.items()}


def _person_at(token: Token, index: TokenMentions) -> int | None:
    mi = index.of(token)
    return mi if mi >= 0 and index.is_person(mi) else None


def _person_of(doc: Doc, span: Span, index: TokenMentions) -> int | None:
    """The person a title belongs to: the name right after it, or one in apposition."""
    inside = _person_at(span[0], index)
    if inside is not None and index.of(span[-1]) == inside and span.end < len(doc) and index.of(doc[span.end]) == inside:
        return inside  # the model put the title inside the name span ("President Trump")
    if any(index.of(t) >= 0 and index.is_person(index.of(t)) for t in span):
        return None
    after = span.end
    while after < len(doc) and doc[after].lower_.rstrip(".") in HONORIFICS:
        after += 1
    if after < len(doc):
        mi = _person_at(doc[after], index)
        if mi is not None and index.mentions[mi].kind == "name":
            return mi
        if doc[after].text == "," and after + 1 < len(doc):
            mi = _person_at(doc[after + 1], index)
            if mi is not None and _appositive(span.root, doc[index.roots[mi]]):
                return mi
    # "Sergey Lavrov, [Russia's] foreign minister": walk left over the title's own modifiers to the comma.
    left = span.root.left_edge.i
    if left > 1:
        before = left - 1
        if before >= 4 and doc[before].text == "," and is_party_tag(doc[before - 1]) and doc[before - 4].text == ",":
            before -= 4  # "Riegle, D-Mich., chairman of ...": the person before the party tag
        if doc[before].text == ",":
            last = before - 1
            while last > 0 and is_post_nominal(doc[last].text):
                last -= 1  # "Jane Doe OBE, the chair"
            mi = _person_at(doc[last], index)
            if mi is not None and _appositive(span.root, doc[index.roots[mi]]):
                return mi
    mi = _person_after_of_phrase(doc, span, index)
    if mi is not None:
        return mi
    # "The head of Queensland Liver Transplant Service, Dr. Russell Strong": the person after the whole phrase
    # (the parse may hang it on the organisation: a person is in apposition to no organisation).
    for child in (*span.root.rights, *(c for p in span.root.children if p.dep_ == "prep" and p.lower_ == "of"
                                       for o in p.children if o.dep_ == "pobj" for c in o.rights)):
        mi = _person_at(child, index) if child.dep_ == "appos" else None
        if mi is not None and index.roots[mi] == child.i and index.mentions[mi].kind == "name":
            return mi
    # "Radovan Karadzic, leader of Bosnian Serbs and vice-president of the Union of Serb Writers"
    head = span.root
    for _ in range(_TITLE_CHAIN):
        if head.dep_ not in ("conj", "appos") or head.head.lower_ not in TITLES:
            break
        head = head.head
        person = index.of(head.head) if head.dep_ == "appos" else -1
        if person >= 0 and index.is_person(person) and index.mentions[person].kind == "name":
            return person
    return None


def _person_after_of_phrase(doc: Doc, span: Span, index: TokenMentions) -> int | None:
    """"Chairman of the Federal Reserve Alan Greenspan said": the name right after the title's "of" phrase, with
    no comma, verb or other person between, holds the title (the parse often hangs it on the organisation)."""
    if span.end >= len(doc) or doc[span.end].lower_ != "of":
        return None
    for j in range(span.end + 1, min(len(doc), span.end + 1 + _OF_PHRASE_WORDS)):
        tok, mi = doc[j], index.of(doc[j])
        if mi >= 0 and index.is_person(mi):
            starts = index.spans[mi][0] == j and j - 1 > span.end and doc[j - 1].lower_ not in _OF_PHRASE_GLUE
            return mi if starts and index.mentions[mi].kind == "name" else None
        if tok.lower_ not in _OF_PHRASE_GLUE and tok.tag_ not in _OF_PHRASE_TAGS:
            return None
    return None


def _appositive(a: Token, b: Token) -> bool:
    return a in appositives(b) or b in appositives(a)


def _left_of(doc: Doc, span: Span, index: TokenMentions, person: int) -> tuple[list[Token], int | None]:
    """Modifier words kept in the title ("former", "defense") and the organisation named before the title."""
    modifiers = TITLE_MODIFIERS
    zone = {t.i for t in span}
    mods: list[Token] = []
    named_gap = superlative = False
    i = span.start - 1
    while i >= 0:
        t = doc[i]
        if _hyphen_joined(doc, i - 1):  # "reform-minded": one word describing the person, not a portfolio
            superlative = superlative or doc[i - 2].tag_ in ("JJS", "RBS")  # "longest-serving"
            zone.update((i - 2, i - 1, i))
            i -= 3
            continue
        if index.of(t) >= 0 or t.is_punct or t.lower_ in _DETERMINERS or t.tag_ == "POS":
            break
        portfolio = t.dep_ in ("compound", "amod") and t.head.i in zone and t.pos_ in ("NOUN", "ADJ", "PROPN")
        if t.lower_ not in modifiers and not portfolio:
            break
        # "Scottish Conservative leader": maybe part of a name the model missed; "U.S. Bankruptcy Judge": a court
        named_gap = named_gap or (t.is_title and t.lower_ not in modifiers and t.lower_ not in PORTFOLIOS)
        mods.insert(0, t)
        zone.add(t.i)
        i -= 1
    destination = span.text.lower() in DESTINATION_TITLES
    if i >= 1 and doc[i].tag_ == "POS":
        if superlative or any(t.tag_ in ("JJS", "RBS") for t in mods):
            return mods, None  # "Australia's youngest store manager": the possessive is the scope of a superlative
        mi = index.of(doc[i - 1])
        return mods, (mi if mi >= 0 and mi != person and _is_organisation(index, mi) else None)
    if i >= 0 and not destination:
        mi = index.of(doc[i])
        linked = mi >= 0 and (doc[i].head.i in zone or doc[index.roots[mi]].head.i in zone
                              or _flat_before(doc, index, mi, span, person))
        if named_gap and mi >= 0 and (index.mentions[mi].kind == "demonym" or index.mentions[mi].label == "NORP"):
            return mods, None  # "Scottish Conservative leader" leads the party, not Scotland
        if linked and mi != person and _is_organisation(index, mi):
            first = doc.char_span(index.mentions[mi].start, index.mentions[mi].end, alignment_mode="expand").start
            if _scope_of_a_firms_title(doc, index, mi, first, span):
                return mods, None  # "Nintendo UK general manager", "chief US economist at HFE": the place is a scope
            if first > 0 and doc[first - 1].lower_ in modifiers:  # "former Buckingham Palace press spokesman"
                mods.insert(0, doc[first - 1])
            return mods, mi
    return mods, None


def _scope_of_a_firms_title(doc: Doc, index: TokenMentions, mi: int, first: int, span: Span) -> bool:
    """A place inside a title that an organisation owns: "Nintendo UK general manager", "Game's UK sales
    director", "chief US economist at High Frequency Economics"; the title is the firm's, the place its scope."""
    m = index.mentions[mi]
    if not (m.kind == "demonym" or m.label in _PLACES) or m.cue == "ORG" and m.label not in _PLACES:
        return False
    before = first - 1 - (first >= 2 and doc[first - 1].tag_ == "POS")
    if before >= 0 and index.of(doc[before]) >= 0 and index.mentions[index.of(doc[before])].label == "ORG":
        return True
    after = span.end
    if after + 1 >= len(doc) or doc[after].lower_ not in ("at", "for", "of"):
        return False
    firm = doc[after + 1 + (doc[after + 1].lower_ in _DETERMINERS)] if after + 2 < len(doc) else doc[after + 1]
    firm = next((t for t in doc[firm.i : firm.i + 4] if index.of(t) >= 0), firm)  # "of filtering firm Ciphertrust"
    owner = index.of(firm)
    # an organisation, or after "at"/"for" a proper name the model left untagged ("European director at CompTIA")
    if owner >= 0:
        return index.mentions[owner].label == "ORG"
    return doc[after].lower_ != "of" and firm.pos_ == "PROPN"


def _flat_before(doc: Doc, index: TokenMentions, mi: int, span: Span, person: int) -> bool:
    """"Arizona Senator Barry Goldwater": the parse may hang the place, the title and the name each on the name's last
    word (a flat compound) rather than the place on the title; written right before the title (the walk left stops
    there), the place then modifies it as when the parse says so."""
    person_root = index.roots[person]
    return span.root.head.i == person_root and doc[index.roots[mi]].head.i == person_root


def _hyphen_joined(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a hyphen written between two lowercase words with no space ("reform-minded")."""
    return 0 < i < len(doc) - 1 and doc[i].text == "-" and not doc[i].whitespace_ and not doc[i - 1].whitespace_ \
        and doc[i - 1].is_lower and doc[i + 1].is_lower


def _is_organisation(index: TokenMentions, mi: int) -> bool:
    if index.mentions[mi].name.lower() in PORTFOLIOS or index.mentions[mi].name.lower() in PORTFOLIO_NAMES:
        return False  # "Home Affairs spokesman": a portfolio the model called an organisation
    m = index.mentions[mi]
    return index.is_place_or_org(mi) or m.kind == "demonym" or (m.label == "NORP" and m.kind == "name")


def _of_after(doc: Doc, span: Span, index: TokenMentions) -> int | None:
    """"head of MI6", "president of France"."""
    i = span.end
    if i + 1 >= len(doc) or doc[i].lower_ != "of":
        return None
    j = i + 1 + (doc[i + 1].lower_ in _DETERMINERS)
    if j >= len(doc):
        return None
    # The head of the phrase, not its modifier: "editor of UK magazine Mac Format", "of the state Republican Party"
    pobj = next((c for c in doc[i].children if c.dep_ == "pobj"), None)
    named = next((index.of(c) for c in pobj.children if c.dep_ == "appos" and index.of(c) >= 0
                  and _is_organisation(index, index.of(c))), -1) if pobj is not None and pobj.pos_ == "NOUN" else -1
    if named >= 0:
        return named  # "chairman of Spain's most powerful bank, Santander Central Hispano": the bank's name
    # not the holder's own name, which the parse may make the object ("Chairman of the Federal Reserve Alan Greenspan")
    mi = index.of(pobj) if pobj is not None and index.of(pobj) >= 0 and not index.is_person(index.of(pobj)) \
        else index.of(doc[j])
    if mi < 0:
        return None
    end = doc.char_span(index.mentions[mi].start, index.mentions[mi].end, alignment_mode="expand").end
    if end < len(doc) and doc[end].tag_ == "POS":
        return None  # "head of the ICC's anti-corruption unit" heads the unit, not the ICC
    if _is_organisation(index, mi):
        return mi
    text = index.mentions[mi].text
    if text.isupper() or any(c.isdigit() for c in text):  # "MI6", "GCHQ": acronyms are organisations
        return mi
    return None
