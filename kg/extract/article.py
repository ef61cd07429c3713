"""Per-article extraction: a pure function of one article's parsed chunks.

``extract_article`` runs every extractor over each chunk (Doc) of an article and
concatenates their results, shifting offsets, sentence and mention indices so
that they refer to the whole article.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from spacy.tokens import Doc

from kg.extract.events import extract_events
from kg.extract.named_events import add_named_events
from kg.extract.nested import extract_nested_places
from kg.extract.actions import extract_actions
from kg.extract.coref import extract_references
from kg.extract.links import extract_links
from kg.extract.mentions import defined_acronyms, extract_mentions
from kg.extract.phrases import TokenMentions
from kg.extract.roles import extract_roles, find_roles, titles_by_mention
from kg.extract.sentences import SentenceIndex, clean_sentence
from kg.extract.statements import extract_statements
from kg.model import Article, Event, Extraction, Mention, Relation

def extract_doc(doc: Doc, *, article_date: str = "") -> tuple[list[Mention], list[Relation], list[Event], SentenceIndex]:
    """Everything taken from one Doc; offsets and indices are relative to the Doc."""
    sentences = SentenceIndex(doc)
    mentions = add_named_events(list(extract_mentions(doc, sentences=sentences)), doc, sentences=sentences)
    mentions, relations = _relations(doc, mentions, sentences)
    events = list(extract_events(doc, mentions, sentences=sentences, article_date=article_date))
    # Appended last, so that no other extractor reads a place inside a name as a name of its own.
    for place, relation in list(extract_nested_places(mentions, sentences.text)):
        mentions.append(place)
        relations.append(relation)
    return mentions, relations, events, sentences


def _relations(doc: Doc, named: list[Mention], sentences: SentenceIndex) -> tuple[list[Mention], list[Relation]]:
    """Titles on mentions, resolved pronoun/title mentions appended, then role, action and statement edges."""
    named_index = TokenMentions(doc, named)
    findings = find_roles(doc, named, sentences=sentences, index=named_index)
    titles = titles_by_mention(findings)
    mentions = [dataclasses.replace(m, titles=tuple(dict.fromkeys(m.titles + titles[i]))) if i in titles else m
                for i, m in enumerate(named)]
    mentions += extract_references(doc, named, sentences=sentences, findings=findings, index=named_index)
    index = TokenMentions(doc, mentions)
    relations = [*extract_roles(doc, mentions, sentences=sentences, findings=findings),
                 *extract_actions(doc, mentions, sentences=sentences, index=index),
                 *extract_links(doc, mentions, sentences=sentences, index=index),
                 *extract_statements(doc, mentions, sentences=sentences, index=index)]
    return mentions, relations


def extract_article(article: Article, chunks: Iterable[tuple[int, Doc]]) -> Extraction:
    """Extraction for one article from its parsed (offset, Doc) chunks, read once and in order (a stream:
    each Doc may be dropped once extracted)."""
    mentions: list[Mention] = []
    relations: list[Relation] = []
    events: list[Event] = []
    acronyms: dict[tuple[str, str], None] = {}
    sentences: dict[int, str] = {}
    sent_base = 0
    words = 0
    for offset, doc in chunks:
        m, r, e, index = extract_doc(doc, article_date=article.date)
        base = len(mentions)
        used = {x.sent for x in m} | {x.sent for x in r} | {x.sent for x in e}
        for i in sorted(used):
            span = index.sents[i]
            sentences[sent_base + i] = clean_sentence(article.text[offset + span.start_char : offset + span.end_char])
        mentions.extend(
            dataclasses.replace(x, start=x.start + offset, end=x.end + offset, sent=x.sent + sent_base,
                                text=article.text[x.start + offset : x.end + offset])
            for x in m
        )
        relations.extend(
            dataclasses.replace(x, subject=x.subject + base, object=x.object + base, sent=x.sent + sent_base) for x in r
        )
        events.extend(_shift_event(x, base, sent_base) for x in e)
        acronyms.update(dict.fromkeys(defined_acronyms(doc)))
        sent_base += len(index)
        words += len(doc)
    return Extraction(
        article=article.name,
        date=article.date,
        title=article.title,
        url=article.url,
        sentences=tuple(sorted(sentences.items())),
        mentions=tuple(mentions),
        relations=tuple(relations),
        events=tuple(events),
        acronyms=tuple(acronyms),
        words=words,
    )


def _shift_event(event: Event, base: int, sent_base: int) -> Event:
    return dataclasses.replace(
        event,
        sent=event.sent + sent_base,
        participants=tuple((i + base, role) for i, role in event.participants),
        place=None if event.place is None else event.place + base,
        mention=None if event.mention is None else event.mention + base,
    )
