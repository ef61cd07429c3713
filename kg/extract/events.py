"""Described events (meetings, talks, calls, visits, attacks, ...) found in one parsed Doc.

An event word (noun or verb, listed in ``kg/data/events.json``) becomes an :class:`Event` when its
clause names at least one participant and a place or a time; a phone call needs two participants.
Participants come from subjects, objects, conjuncts, appositions and phrases like "leaders of France
and Germany", "talks between Washington and Moscow", "US and Russian officials"; roles from the verb
that governs an event noun ("Macron convened talks": convener). Event words linked by the parse
("join ... after Macron convened talks") are one event. A definite event noun with nothing of its own
("will attend the talks") refers back to the last event of its family a few sentences before.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from importlib import resources

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is only needed to parse; cached builds never import it
    from spacy.tokens import Doc, Span, Token

from kg import gazetteer
from kg.extract.dates import resolve_date
from kg.extract.sentences import SentenceIndex
from kg.model import PLACE_LABELS, Event, Mention
from kg.lemma import lemma_of

PARTICIPANT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
ROLE_RANK = {"convener": 0, "host": 1, "attendee": 2, "participant": 3}
# Clauses that are about something else: their places and dates are not the event's.
_OTHER_CLAUSE = frozenset({"advcl", "ccomp", "relcl", "parataxis", "csubj", "acl", "conj", "xcomp", "pcomp", "advmod"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Where a clause's in/at phrase can hang: on the verb, its objects and their lists ("join X and leaders in Paris").
_PLACE_PATH = frozenset({"dobj", "conj", "appos", "npadvmod", "dative", "attr", "oprd", "advmod", "cc"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
ANAPHORA_WINDOW = 3  # sentences back to look for the event a definite "the talks" refers to


@lru_cache(maxsize=1)
def event_words() -> dict:
    """The word lists of kg/data/events.json."""
    return json.loads(resources.files("kg").joinpath("data/events.json").read_text(encoding="utf-8"))


def family_of(event_type: str) -> str:
    """Event types that can describe one event share a family ("talks" and "summit" are meetings)."""
    return event_words()["families"].get(event_type, event_type)


def extract_events(
    doc: Doc, mentions: Sequence[Mention], *, sentences: SentenceIndex | None = None, article_date: str = ""
) -> Iterator[Event]:
    """Events described in ``doc``; mention indices refer to ``mentions`` (offsets relative to the Doc)."""
    sentences = sentences or SentenceIndex(doc)
    owner = _mention_of_token(doc, mentions)
    recent: list[Event] = []
    for index, sent in enumerate(sentences.sents):
        for group in _trigger_groups(sent, owner, mentions):
            event = _describe(group, index, owner, mentions, article_date)
            if event is None:
                continue
            if not _is_complete(event):
                event = _resolve_anaphora(event, group, recent)
                if event is None:
                    continue
            recent.append(event)
            yield event


def _mention_of_token(doc: Doc, mentions: Sequence[Mention]) -> list[int | None]:
    owner: list[int | None] = [None] * len(doc)
    for i, m in enumerate(mentions):
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        for t in span:
            if owner[t.i] is None or mentions[owner[t.i]].kind != "name":  # a name wins over a reference
                owner[t.i] = i
    return owner


def trigger_type(token: Token, owner: Sequence[int | None] = (), mentions: Sequence[Mention] = ()) -> str:
    """The event type ``token`` signals, or "" when it is no event word here."""
    words = event_words()
    if token.pos_ not in ("NOUN", "PROPN", "ADJ", "VERB"):
        return ""  # before the lemma, which costs
    lemma = lemma_of(token).lower()
    exclude = words["exclude"].get(lemma, {})
    if token.pos_ in ("NOUN", "PROPN") or (token.pos_ == "ADJ" and lemma in words["nouns"]):
        etype = words["nouns"].get(lemma) or words["nouns"].get(token.lower_, "")
        if token.pos_ in exclude.get("pos", ()):
            return ""
    elif token.pos_ == "VERB":
        etype = words["verbs"].get(lemma, "")
    else:
        return ""
    if not etype:
        return ""
    children = list(token.children)
    if any(c.dep_ == "prep" and c.lower_ in exclude.get("preps", ()) for c in children):
        return ""
    if any(c.dep_ in ("prt", "advmod") and c.lower_ in exclude.get("preps", ()) for c in children):
        return ""
    if token.pos_ == "VERB" and any(c.dep_ in exclude.get("deps", ()) for c in children):
        return ""
    needs = exclude.get("needs_preps")
    if needs and not any(c.dep_ == "prep" and c.lower_ in needs for c in children):
        return ""  # "Yushchenko is to speak": a speech, not a call with anyone
    if any(c.dep_ in ("dobj", "attr") and lemma_of(c).lower() in exclude.get("objects", ()) for c in children):
        return ""
    if any(c.dep_ == "compound" and c.lower_ in exclude.get("compounds", ()) for c in children):
        return ""
    for c in children:
        if c.dep_ in ("compound", "amod") and c.lower_ in words["compound_types"]:
            etype = words["compound_types"][c.lower_]
    if token.pos_ == "VERB" and lemma == "join" and not _joins_people(token, owner, mentions):
        return ""
    return etype


def _joins_people(token: Token, owner: Sequence[int | None], mentions: Sequence[Mention]) -> bool:
    """"join Scholz and Tusk in Paris" is a meeting; "join NATO" is not."""
    for child in token.children:
        if child.dep_ != "dobj":
            continue
        if child.pos_ == "NOUN" and child.tag_ == "NNS":
            return True
        return any(mentions[i].label == "PERSON" for i in _expand(child, owner, mentions))
    return False


def _anchor(token: Token) -> Token:
    """The verb whose clause an event word belongs to (itself for a verb)."""
    t = token
    while t.pos_ not in ("VERB", "AUX") and t.head is not t and t.dep_ not in ("ROOT",):
        t = t.head
    return t


def _trigger_groups(sent: Span, owner: Sequence[int | None], mentions: Sequence[Mention]) -> list[list[tuple[Token, str]]]:
    """Event words of one sentence, grouped when one sits in the other's clause and they are one family."""
    triggers = [(t, etype) for t in sent if (etype := trigger_type(t, owner, mentions))]
    groups: list[list[tuple[Token, str]]] = []
    for token, etype in triggers:
        anchor = _anchor(token)
        for group in groups:
            g_token, g_type = group[0]
            g_anchor = _anchor(g_token)
            related = anchor.i in _region(g_anchor) or g_anchor.i in _region(anchor)
            same_family = family_of(g_type) == family_of(etype) or "join" in (lemma_of(token), lemma_of(g_token))
            if related and same_family:
                group.append((token, etype))
                break
        else:
            groups.append([(token, etype)])
    return groups


def _region(anchor: Token) -> set[int]:
    """Tokens of a clause, with the clauses of verbs that take part in an event ("after Macron convened talks")."""
    words = event_words()
    region: set[int] = set()
    stack = [anchor]
    while stack:
        t = stack.pop()
        if t.i in region:
            continue
        region.add(t.i)
        for c in t.children:
            if c.dep_ not in _OTHER_CLAUSE or c.pos_ != "VERB" or (lemma := lemma_of(c).lower()) in words["roles"] or lemma in words["verbs"]:
                stack.append(c)
    return region


def _expand(token: Token, owner: Sequence[int | None], mentions: Sequence[Mention]) -> list[int]:
    """Mentions a noun phrase names: itself, its conjuncts and appositions; for a common noun
    ("officials", "leaders") the names that qualify it ("US and Russian officials", "leaders of France")."""
    found: list[int] = []
    stack = [token]
    seen: set[int] = set()
    while stack:
        t = stack.pop()
        if t.i in seen:
            continue
        seen.add(t.i)
        m = owner[t.i] if t.i < len(owner) else None
        if m is not None:
            if mentions[m].label in PARTICIPANT_LABELS and m not in found:
                found.append(m)
        elif t.pos_ in ("NOUN", "PRON", "PROPN", "ADJ"):
            for c in t.children:
                if c.dep_ in ("compound", "amod", "nmod", "poss") and owner[c.i] is not None:
                    stack.append(c)
                elif c.dep_ == "prep" and c.lower_ in ("of", "from") and t.pos_ == "NOUN":
                    stack.extend(p for p in c.children if p.dep_ == "pobj")
        for c in t.children:
            if c.dep_ in ("conj", "appos"):
                stack.append(c)
    return found


def _subjects(verb: Token) -> list[Token]:
    """Subjects of a verb, including the controller of "X is expected to meet"."""
    t = verb
    while True:
        subjects = [c for c in t.children if c.dep_ in _SUBJECTS]
        if subjects and t.dep_ == "relcl" and all(c.tag_ in ("WP", "WDT") for c in subjects):
            return [t.head]  # "Starmer, who is expected to meet ...": the noun the clause describes
        if subjects or t.dep_ not in ("xcomp", "conj", "relcl") or t.head is t:
            return subjects
        t = t.head


def _listed_with(place: int, doc, owner, mentions) -> Iterator[int]:
    """Places coordinated with the event's place ("the UK, Germany, the Czech Republic and Ireland")."""
    for t in doc:
        if owner[t.i] == place:
            for c in t.conjuncts:
                other = owner[c.i]
                if other is not None and other != place and _is_place(mentions[other]):
                    yield other


def _participants(token: Token, etype: str, owner, mentions) -> tuple[list[tuple[int, str]], list[Token]]:
    """(mention, role) pairs for one event word, and the tokens whose in/at phrases may give the place."""
    words = event_words()
    found: list[tuple[int, str]] = []
    heads: list[Token] = [token]

    def add(t: Token, role: str) -> None:
        found.extend((m, role) for m in _expand(t, owner, mentions))

    def add_preps(t: Token, role: str) -> None:
        for c in t.children:
            if c.dep_ in ("prep", "agent") and c.lower_ in words["participant_preps"]:
                if c.lower_ in ("of", "from") and t.pos_ == "VERB":
                    continue
                for p in c.children:
                    if p.dep_ == "pobj":
                        add(p, "attendee" if c.dep_ == "agent" else "participant")

    if token.pos_ == "VERB":
        lemma = lemma_of(token).lower()
        role = words["roles"].get(lemma, "participant") if lemma in ("host", "convene", "join") else "participant"
        passive = any(c.dep_ == "auxpass" for c in token.children)
        for s in _subjects(token):
            add(s, "participant" if passive else ("attendee" if lemma == "join" else role))
        for c in token.children:
            if c.dep_ in ("dobj", "dative"):
                add(c, "attendee" if lemma == "join" else "participant")
        add_preps(token, "participant")
    else:
        for c in token.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod") and owner[c.i] is not None:
                add(c, "participant")
        add_preps(token, "participant")
        verb = token.head
        if token.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and verb.pos_ in ("VERB", "AUX"):
            role = words["roles"].get(lemma_of(verb).lower())
            if token.dep_ == "dobj" and role:
                for s in _subjects(verb):
                    add(s, role)
                add_preps(verb, "participant")
                heads.append(verb)
            elif token.dep_ in ("nsubj", "nsubjpass") and role == "attendee":
                for c in verb.children:
                    if c.dep_ == "dobj":
                        add(c, "attendee")
                heads.append(verb)
    return found, heads


def _place(heads: Sequence[Token], etype: str, owner, mentions) -> int | None:
    """The first place named by an in/at phrase (to, for a visit) of the event words' clauses, shallowest first."""
    words = event_words()
    preps = words["visit_preps"] if family_of(etype) == "visit" else words["place_preps"]
    for t in _breadth_first(heads, lambda c: c.dep_ in _PLACE_PATH):
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                for p in c.children:
                    m = owner[p.i] if p.dep_ == "pobj" else None
                    if m is not None and _is_place(mentions[m]):
                        return m
            if c.dep_ == "dobj" and family_of(etype) == "visit" and t.pos_ == "VERB":
                m = owner[c.i]
                if m is not None and _is_place(mentions[m]):
                    return m
    return None


def _breadth_first(heads: Sequence[Token], follow: Callable[[Token], bool]) -> Iterator[Token]:
    """Tokens from ``heads`` down the children ``follow`` accepts, shallowest first, each once."""
    queue = list(heads)
    seen: set[int] = set()
    while queue:
        t = queue.pop(0)
        if t.i in seen:
            continue
        seen.add(t.i)
        yield t
        queue.extend(c for c in t.children if follow(c))


def _is_place(mention: Mention) -> bool:
    # The model often calls a city a person ("Kyiv"); after "in"/"to" a known place name is a place.
    return mention.label in PLACE_LABELS or (mention.label != "NORP" and gazetteer.is_place(mention.name))


def _date_text(heads: Sequence[Token], *, climb: bool = True) -> str:
    """Words of a DATE entity attached to the event's clause, or failing that to a clause above it."""
    for t in _breadth_first(heads, lambda c: c.dep_ not in _OTHER_CLAUSE or c.ent_type_ == "DATE"):
        if t.ent_type_ == "DATE":
            return _entity_text(t)
    if not climb:
        return ""
    for ancestor in heads[0].ancestors:
        for c in ancestor.children:
            if c.ent_type_ == "DATE" and c.dep_ in ("npadvmod", "tmod", "nmod"):
                return _entity_text(c)
            if c.dep_ == "prep" and c.lower_ in ("on", "in", "during", "at", "last", "this"):
                for p in c.children:
                    if p.ent_type_ == "DATE":
                        return _entity_text(p)
    return ""


def _entity_text(token: Token) -> str:
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent.text
    return token.text


def _tense(token: Token) -> str:
    """ "future" / "past" / "": which way a bare weekday points from the article date."""
    future = set(event_words()["future_verbs"])
    t = _anchor(token)
    for step in [t, *t.ancestors][:4]:
        for c in step.children:
            if c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall", "wo"):
                return "future"
        if lemma_of(step).lower() in future and step is not t:
            return "future"
        if step.tag_ == "VBD" or any(c.dep_ == "aux" and lemma_of(c) == "have" for c in step.children):
            return "past"
        if step.tag_ in ("VBZ", "VBP") and step is t:
            return ""
    return ""


def _describe(group, sent_index: int, owner, mentions, article_date: str) -> Event | None:
    main_token, etype = next(((t, e) for t, e in group if t.pos_ != "VERB"), group[0])
    participants: dict[int, str] = {}
    heads: list[Token] = []
    for token, ttype in group:
        found, token_heads = _participants(token, ttype, owner, mentions)
        heads.extend(token_heads)
        for m, role in found:
            if m not in participants or ROLE_RANK.get(role, 9) < ROLE_RANK.get(participants[m], 9):
                participants[m] = role
    place = _place(heads, etype, owner, mentions)
    if place is not None:
        participants.pop(place, None)
        for other in _listed_with(place, main_token.doc, owner, mentions):
            participants.pop(other, None)  # "visited the UK, Germany and Ireland": other stops, not participants
    # A date on a clause above ("stunned allies last week when he announced he had held a call") is the
    # event's only when the event names its own participants; else it is the date of something else.
    date_text = _date_text(heads, climb=bool(participants))
    date = resolve_date(date_text, article_date, tense=_tense(group[0][0])) if date_text else ""
    named = owner[main_token.i]
    named = named if named is not None and mentions[named].label == "EVENT" else None
    return Event(
        event_type=etype,
        trigger=main_token.text,
        sent=sent_index,
        participants=tuple(sorted(participants.items())),
        place=place,
        date=date,
        date_text=date_text,
        mention=named,
    )


def _is_complete(event: Event) -> bool:
    if event.event_type in event_words()["two_party"]:
        return len(event.participants) >= 2 or (bool(event.participants) and bool(event.date_text))
    return bool(event.participants) and (event.place is not None or bool(event.date_text))


def _resolve_anaphora(event: Event, group, recent: Sequence[Event]) -> Event | None:
    """ "the talks" with no place or date of its own takes them from the last event of its family."""
    main = next((t for t, _ in group if t.pos_ != "VERB"), None)
    if main is None or not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in main.children):
        return None
    for previous in reversed(recent):
        if event.sent - previous.sent > ANAPHORA_WINDOW:
            break
        if family_of(previous.event_type) == family_of(event.event_type):
            return Event(
                event_type=event.event_type, trigger=event.trigger, sent=event.sent,
                participants=event.participants,
                place=event.place if event.place is not None else previous.place,
                date=event.date or previous.date, date_text=event.date_text or previous.date_text,
                mention=event.mention,
            )
    return None
