"""Actions: subject–verb–object edges between entity mentions, from the dependency parse.

For every verb: its subjects (own, or inherited through xcomp/conj/participle
clauses, see :func:`kg.extract.phrases.grammatical_subjects`; the agent of a
passive), and its objects: a direct object or dative that is a mention, a
mention owning the direct object ("reject Starmer's proposal" → Starmer), or a
mention behind a preposition of the verb or of its direct object ("send troops to
Ukraine", "held a call with Putin"). Coordinated subjects and objects each get
an edge. The phrase is lemma + particle + key object noun + preposition,
lowercase, so edges merge across sentences. Negation is kept on the Relation.

Precision first: both ends must be mentions (or pronouns resolved by coref),
paths are one or two arcs long, reporting/cognitive verbs are left to
statements, light verbs (be, have, take, ...) need a noun ("take a role in"),
and location/time prepositions (in, at, during, ...) never make an edge.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from kg.extract.phrases import (TokenMentions, conjuncts, grammatical_subjects, hedge_of, is_conditional, is_negated,
                                load_data, own_subjects, particle, reporting_verbs, verb_phrase)
from kg.extract.sentences import SentenceIndex
from kg.model import Mention, Relation
from kg.lemma import lemma_of
from kg.vocab import HOLDING_NOUNS

# Prepositions that name who/what is acted on; of the verb, or of its direct object.
VERB_PREPOSITIONS = frozenset({"to", "with", "against", "for", "from", "into", "toward", "towards", "over", "on", "onto", "about"})
NOUN_PREPOSITIONS = VERB_PREPOSITIONS | {"of", "between"}
_MAX_PAIRS = 8
_SAID_ARCS = frozenset({"ccomp", "parataxis", "xcomp"})  # "Majumdar said allowing ...": the parse may say xcomp
_INNER_CLAUSES = frozenset({"xcomp", "conj", "advcl", "ccomp", "acomp"})  # "is willing to help Egypt"
_CLAUSE_NOUNS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})
_MAX_CLIMB = 6  # arcs from a verb up to the clause that reports it

Target = tuple[int, "Token | None", "Token | str | None"]  # (mention index, key noun, preposition)


def extract_actions(doc: Doc, mentions: Sequence[Mention], *, sentences: SentenceIndex,
                    index: TokenMentions | None = None) -> Iterator[Relation]:
    """Action edges subject → object for every verb with entity mentions at both ends."""
    index = index or TokenMentions(doc, mentions)
    data = load_data("verbs.json")
    skip = set(data["skip"]) | set(data["addressee"]) | {"say", "write", "tell"}
    light, reciprocal = set(data["light"]), set(data["reciprocal"])
    for verb in doc:
        if verb.pos_ != "VERB" or lemma_of(verb).lower() in skip:
            continue
        yield from _verb_actions(verb, index, sentences, light, reciprocal)


def _verb_actions(verb: Token, index: TokenMentions, sentences: SentenceIndex,
                  light: set[str], reciprocal: set[str]) -> Iterator[Relation]:
    active, passive, agents = own_subjects(verb)
    targets: list[Target] = []
    if passive:
        if not agents:
            return  # "troops would not be sent": no doer named here (statements may attribute it)
        subjects, found_on = agents, verb
        targets.extend((mi, None, None) for mi in _mentions(passive, index))
    elif agents and verb.dep_ == "acl" and verb.tag_ == "VBN":  # "the Mediterranean Foundation headed by Juan Novara"
        subjects, found_on = agents, verb
        targets.extend((mi, None, None) for mi in _mentions([verb.head], index))
    else:
        subjects, found_on = grammatical_subjects(verb)
    subject_ids = _mentions(subjects, index)
    if not subject_ids:
        return
    targets.extend(verb_targets(verb, index))
    if is_conditional(verb, found_on):
        return
    negated = is_negated(verb, found_on)
    modality = hedge_of(verb, found_on) or _attribution(verb, index, subject_ids)
    sent = sentences.of(verb.i)
    lemma = lemma_of(verb).lower()
    over = _state_over(verb, lemma, modality)
    if not targets and lemma in reciprocal and len(subject_ids) > 1:  # "Starmer and Macron met"
        for other in subject_ids[1:]:
            yield Relation(subject_ids[0], other, f"{lemma} with", "action", sent, negated, modality=modality)
        return
    pairs = [(s, t) for s in subject_ids for t in targets if index.mentions[s].name != index.mentions[t[0]].name]
    for s, (obj, noun, prep) in pairs[:_MAX_PAIRS]:
        if lemma in light and noun is None:
            continue
        phrase = verb_phrase(verb, noun, prep)
        denied = negated or (noun is not None and any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children))
        rtype, inverse = action_type(verb, phrase)
        if inverse and over:
            inverse = f"formerly {inverse}"
        if inverse:  # "Branson owns Virgin Blue": Virgin Blue `owned by` Branson
            yield Relation(obj, s, inverse, "action", sent, denied, rtype=rtype, modality=modality)
        else:
            yield Relation(s, obj, phrase, "action", sent, denied, rtype=rtype, modality=modality)


def _state_over(verb: Token, lemma: str, modality: str) -> bool:
    """"In 1999, when BMW still owned Rover": a lasting state in the simple past is over; not in what someone
    said, whose past tense may be the report's ("Google said it owned 10%")."""
    if verb.tag_ != "VBD" or lemma not in load_data("relations.json")["past_states"] or modality:
        return False
    return not (verb.dep_ in ("ccomp", "conj") and lemma_of(verb.head).lower() in reporting_verbs())


def _named_subjects(verb: Token, index: TokenMentions) -> list[int]:
    """The mentions a verb's subject is or names: "Reuters reported", "the Deutsche Welle radio station reported"
    (a name compounded into the subject noun)."""
    found = []
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        found += [index.of(t) for t in (subject, *(c for c in subject.lefts if c.dep_ in ("compound", "poss")))]
    return [m for m in found if m >= 0]


def _attribution(verb: Token, index: TokenMentions, actors: list[int]) -> str:
    """"according to the New York Times" for "..., the New York Times reports" and "according to Reuters": the
    source a reporting clause names, when it is not the actor itself. The source is no actor of the claim."""
    reporting = reporting_verbs()
    names = {index.mentions[a].name for a in actors}
    clause = verb
    for _ in range(_MAX_CLIMB):
        for child in clause.children:
            if child.lower_ == "according" and child.dep_ == "prep":
                for to in (c for c in child.children if c.lower_ == "to"):
                    source = next((index.of(p) for p in to.children if p.dep_ == "pobj" and index.of(p) >= 0), -1)
                    if source >= 0 and index.mentions[source].name not in names:
                        return f"according to {index.mentions[source].name}"
        head = clause.head
        reporter = head if clause.dep_ in _SAID_ARCS and lemma_of(head).lower() in reporting else next(
            (c for c in clause.children if c.dep_ in ("ccomp", "parataxis") and c.i > verb.i
             and lemma_of(c).lower() in reporting), None)  # "Google bought YouTube, the FT reported"
        if reporter is None:
            reporter = _trailing_reporter(verb, index, reporting)
        if reporter is not None:
            sources = [m for m in (*_named_subjects(reporter, index), index.of(reporter.doc[reporter.i - 1])) if m >= 0]
            if sources:  # "Google said it bought YouTube": the actor's own word, as good as the text's
                name = index.mentions[sources[0]].name
                return "" if name in names else f"according to {name}"
            return _unnamed_source(reporter)
        if clause.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN") and head.dep_ in _CLAUSE_NOUNS:
            # "It believes the US, pressed by Europe, is willing": a participle on a noun of the reported clause
            clause = head.head
            continue
        # "Majumdar said allowing FDI is compromising India's reliance": a clause inside what was said is said too
        if clause.dep_ not in _INNER_CLAUSES or head is clause:
            return ""
        clause = head
    return ""


def _unnamed_source(reporter: Token) -> str:
    """"according to analysts" for "analysts said the deal was done", "believes" for "It believes the US is
    willing": a claim whose source is no name is still a claim, never a fact the text states."""
    subject = next((c for c in reporter.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.pos_ == "NOUN":
        words = [t.lower_ for t in subject.lefts if t.dep_ in ("det", "amod", "compound")] + [subject.lower_]
        return "according to " + " ".join(words)
    return reporter.lower_


def _trailing_reporter(verb: Token, index: TokenMentions, reporting: frozenset[str]) -> Token | None:
    """"..., the New York Times reports." read from the words: a reporting verb after a comma and a name, late in
    the verb's sentence (the small model often parses the source as an apposition or a conjunct)."""
    doc = verb.doc
    for tok in doc[verb.i + 1 : verb.sent.end]:
        if tok.pos_ == "VERB" and lemma_of(tok).lower() in reporting and index.of(doc[tok.i - 1]) >= 0:
            source = index.of(doc[tok.i - 1])
            first = index.spans[source][0]
            while first > 0 and doc[first - 1].lower_ == "the":
                first -= 1
            if first > 0 and doc[first - 1].text == ",":
                return tok
    return None


def action_type(verb: Token, phrase: str) -> tuple[str, str]:
    """(relation type, the phrase when the edge runs object -> subject, else "") of an action, from kg/data/relations.json."""
    data = load_data("relations.json")
    lemma = lemma_of(verb).lower()
    with_particle = " ".join(p for p in (lemma, particle(verb)) if p)
    rtype = data["phrases"].get(phrase) or data["verbs"].get(with_particle) or data["verbs"].get(lemma, "")
    if rtype in ("born_in", "lives_in"):
        rtype = ""  # only with a place (kg.extract.links)
    return rtype, data["inverse_verbs"].get(lemma, "") if rtype else ""


def verb_targets(verb: Token, index: TokenMentions) -> list[Target]:
    """Entity mentions a verb acts on, with the noun and preposition that lead to them."""
    out: list[Target] = []
    noun: Token | None = None
    for child in verb.children:
        if child.dep_ in ("dobj", "dative"):
            for obj in conjuncts(child):
                mi = index.of(obj)
                if mi >= 0 and child.dep_ == "dative":  # "sent the Commission a response": sent a response to it
                    out.append((mi, next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None), "to"))
                    continue
                if mi >= 0:
                    out.append((mi, None, None))
                    continue
                named = _appositive_mention(obj, index)
                if named >= 0:  # "killed his son, Stephen", "assassinated the minister, Lord Moyne"
                    out.append((named, None, None))
                    continue
                if child.dep_ == "dobj" and obj.pos_ in ("NOUN", "PROPN") and noun is None:
                    noun = obj
                out.extend(_noun_targets(obj, index))
    if any(noun is None for _mi, noun, _prep in out):
        return out  # "returned Livingstone to the party": the direct object is who is acted on, not the party
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in VERB_PREPOSITIONS:
            out.extend((mi, noun, child) for mi in _pobj_mentions(child, index))
    return out


def _appositive_mention(noun: Token, index: TokenMentions) -> int:
    """The mention in apposition to a common noun ("the minister, Lord Moyne"); -1 if none."""
    if noun.pos_ != "NOUN":
        return -1
    return next((index.of(c) for c in noun.children if c.dep_ == "appos" and index.of(c) >= 0), -1)


def _noun_targets(noun: Token, index: TokenMentions) -> Iterator[Target]:
    """"Starmer's proposal" → (Starmer, proposal, "of"); "a call with Putin" → (Putin, call, with): the owner of
    the object is no object itself ("Fiat will halve GM's stake": Fiat halves the stake of GM, not GM)."""
    for child in noun.children:
        if child.dep_ == "poss":
            mi = index.of(child)
            if mi >= 0:
                yield mi, noun, "of"
        elif child.dep_ == "prep" and (child.lower_ in NOUN_PREPOSITIONS
                                       or child.lower_ == "in" and noun.lower_ in HOLDING_NOUNS):  # "a stake in AOL"
            for mi in _pobj_mentions(child, index, owners=True):
                yield mi, noun, child


def _pobj_mentions(prep: Token, index: TokenMentions, owners: bool = False) -> list[int]:
    """Mentions governed by a preposition; with ``owners``, also the owner of a plain noun ("for Starmer's plan")."""
    tokens = [t for p in prep.children if p.dep_ == "pobj" for t in conjuncts(p)]
    if owners:
        tokens += [c for t in tokens if index.of(t) < 0 for c in t.children if c.dep_ == "poss"]
    return _mentions(tokens, index)


def _mentions(tokens: Sequence[Token], index: TokenMentions) -> list[int]:
    """The mentions the tokens name, or the names in apposition to them ("the sniper Kenneth Millikan")."""
    out: list[int] = []
    for t in tokens:
        mi = index.of(t) if index.of(t) >= 0 else _appositive_mention(t, index)
        if mi >= 0 and mi not in out:
            out.append(mi)
    return out
