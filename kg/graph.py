"""Turn resolved entities and claims into a networkx MultiDiGraph.

This is the one place where node and edge attributes are set (see the README's
"Graph contract"). Every string is cleaned of characters XML cannot hold, so all
exporters can trust the graph.
"""
from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

import networkx as nx

from kg.display import clean_label
from kg.model import KIND_RANK, Claim, Entity, Extraction
from kg.resolve import Resolution
from kg.style import color_of, rgb_of

LIST_SEP = " | "
COOCCURRENCE = "co-occurrence"
MAX_EVIDENCE = 10
# Co-occurrence: each entity of a sentence pairs with at most this many entities named after it.
COOCCURRENCE_WINDOW = 10
# Not allowed in XML 1.0: C0 controls but tab/newline/CR, surrogates, U+FFFE/U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def join_list(items: Iterable[str]) -> str:
    return LIST_SEP.join(clean_text(i).replace(LIST_SEP, " / ") for i in items)


def label_text(text: str) -> str:
    """A label, alias, title or relation as shown: no controls, bidi overrides or invisible characters."""
    return clean_label(clean_text(text))


def join_labels(items: Iterable[str]) -> str:
    return join_list(dict.fromkeys(x for x in map(label_text, items) if x))


def claims_from_relations(extractions: Iterable[Extraction], resolution: Resolution) -> Iterator[Claim]:
    for ex in extractions:
        for rel in ex.relations:
            source = resolution.entity_of(ex.article, rel.subject)
            target = resolution.entity_of(ex.article, rel.object)
            if source and target and source != target:
                yield Claim(source, target, rel.relation, rel.kind, ex.article, ex.sentence(rel.sent), rel.negated)


def claims_from_cooccurrence(extractions: Iterable[Extraction], resolution: Resolution) -> Iterator[Claim]:
    """One claim per sentence in which two different entities are named close together (see cooccurring_pairs)."""
    for ex in extractions:
        by_sentence: dict[int, dict[str, None]] = defaultdict(dict)  # entity ids in the order first named
        for i, m in enumerate(ex.mentions):
            eid = resolution.entity_of(ex.article, i)
            # Pronouns and bare titles only count where a relation needs them: a wrong guess must not spread.
            if eid and m.kind in ("name", "demonym"):
                by_sentence[m.sent].setdefault(eid)
        for sent, ids in sorted(by_sentence.items()):
            sentence = ex.sentence(sent)
            for a, b in cooccurring_pairs(list(ids)):
                yield Claim(a, b, "co-occurs with", COOCCURRENCE, ex.article, sentence)


def cooccurring_pairs(ids: Sequence[str], window: int = COOCCURRENCE_WINDOW) -> Iterator[tuple[str, str]]:
    """Pairs (smaller id first) of entities named in one sentence, ``ids`` in the order first named.

    Every pair when the sentence names at most ``window + 1`` entities (any news sentence); in a longer
    one (a list of 40 countries, a 100,000-character "sentence" with no full stop) each entity pairs
    with the ``window`` entities named after it, so the pairs grow linearly with the sentence, not with
    its square, and the nearest names still connect.
    """
    for i, a in enumerate(ids):
        for b in ids[i + 1 : i + 1 + window]:
            yield (a, b) if a < b else (b, a)


def build_graph_from(entities: Iterable[Entity], claims: Iterable[Claim]) -> nx.MultiDiGraph:
    """Nodes from entities, one edge per (source, relation, kind, target) with its claims aggregated."""
    graph = nx.MultiDiGraph()
    for entity in sorted(entities, key=lambda e: e.id):
        graph.add_node(entity.id, **node_attributes(entity))
    grouped: dict[tuple[str, str, str, str, bool], list[Claim]] = defaultdict(list)
    for c in claims:
        if c.source in graph and c.target in graph:
            grouped[(c.source, c.target, c.kind, c.relation, c.negated)].append(c)
    for key in sorted(grouped, key=lambda k: (k[0], k[1], KIND_RANK.get(k[2], 99), k[3], k[4])):
        attrs = edge_attributes(grouped[key])
        graph.add_edge(key[0], key[1], key=attrs["id"], **attrs)
    return graph


def node_attributes(entity: Entity) -> dict[str, object]:
    r, g, b = rgb_of(entity.type)
    attrs: dict[str, object] = {
        "label": label_text(entity.label) or entity.id,
        "type": entity.type,
        "aliases": join_labels(entity.aliases),
        "titles": join_labels(entity.titles),
        "mentions": int(entity.mentions),
        "articles": len(entity.articles),
        "sources": join_list(entity.articles),
        "evidence": clean_text(entity.evidence),
        "size": round(10.0 + 6.0 * math.log2(1 + entity.mentions), 3),
        "r": r,
        "g": g,
        "b": b,
        "color": color_of(entity.type),
        "event_type": entity.event_type,
        "date": entity.date,
        "date_text": clean_text(entity.date_text),
    }
    attrs.update((k, clean_text(v)) for k, v in entity.extra)
    # Gephi skips empty values anyway; leaving them out keeps one type per attribute name.
    return {k: v for k, v in attrs.items() if v != ""}


def _evidence_rank(support: tuple[str, str]) -> tuple[int, str, str]:
    # The clearest sentence: close to a typical news sentence length, neither a fragment nor a run-on.
    article, sentence = support
    return (abs(len(sentence) - 140), article, sentence)


def edge_attributes(claims: Sequence[Claim]) -> dict[str, object]:
    first = claims[0]
    supports = {(c.article, c.sentence) for c in claims}  # one per supporting sentence
    ranked = sorted((s for s in supports if s[1]), key=_evidence_rank)
    best_article, best_sentence = ranked[0] if ranked else ("", "")
    ident = "\x1f".join((first.source, first.target, first.kind, first.relation, str(first.negated)))
    relation = label_text(first.relation) or first.kind
    if first.negated and not relation.startswith("not "):
        relation = "not " + relation
    attrs: dict[str, object] = {
        "id": "e-" + hashlib.sha1(ident.encode("utf-8", "surrogatepass")).hexdigest()[:16],
        "relation": relation,
        "label": relation,
        "kind": first.kind,
        "weight": float(len(supports)),
        "negated": int(first.negated),
        "evidence": clean_text(best_sentence),
        "evidence_source": clean_text(best_article),
        "evidence_count": len(ranked),
        "evidence_all": clean_text("\n".join(f"{a}\t{s}" for a, s in ranked[:MAX_EVIDENCE])),
        "sources": join_list(sorted({c.article for c in claims})),
    }
    return {k: v for k, v in attrs.items() if v != ""}
