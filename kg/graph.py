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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache

import networkx as nx

from kg import gazetteer
from kg.display import LIST_SEP, clean_label
from kg.model import KIND_RANK, Claim, Entity, Extraction
from kg.resolve import Resolution
from kg.structure import communities, pageranks, undirected_weights
from kg.style import color_of, rgb_of
from kg.vocab import load_data

COOCCURRENCE = "co-occurrence"
GAZETTEER = "gazetteer"
GAZETTEER_SOURCE = "(gazetteer)"
MAX_EVIDENCE = 10
# Communities and PageRank per node of the undirected links (kg.structure).
StructureOf = Callable[[nx.Graph], tuple[dict[str, int], dict[str, float]]]
# Co-occurrence: each entity of a sentence pairs with at most this many entities named after it.
COOCCURRENCE_WINDOW = 10
_PERSONAL_PLACES = frozenset({"lives_in", "citizen_of", "born_in"})  # relations only a person holds to a place
# Not allowed in XML 1.0: C0 controls but tab/newline/CR, surrogates, U+FFFE/U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@lru_cache(maxsize=1 << 16)  # the same sentences, names and relations come back on edge after edge
def clean_text(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def join_list(items: Iterable[str]) -> str:
    return LIST_SEP.join(clean_text(i).replace(LIST_SEP, " / ") for i in items)


@lru_cache(maxsize=1 << 16)  # relation names and aliases repeat on edge after edge
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
            if not (source and target and source != target):
                continue
            fitted = _fitted_to_subject(rel.relation, rel.rtype, resolution.entities[source].type)
            if fitted is not None:
                yield Claim(source, target, fitted[0], rel.kind, ex.article, ex.sentence(rel.sent), rel.negated,
                            fitted[1], rel.modality)


def _fitted_to_subject(phrase: str, rtype: str, subject_type: str) -> tuple[str, str] | None:
    """(phrase, type) of a relation for the type its subject resolved to across the corpus; None when that type
    cannot hold it. Extraction read the mention's label in one article: where resolution makes the "person" who
    lives in a country an organisation ("Indian drugmaker Dr Reddy's"), it is based there; a product lives nowhere
    and has no citizenship ("Sony's Playstation Portable is the top UK gadget")."""
    if rtype == "works_for" and subject_type == "PRODUCT":
        return "owned by", "owned_by"  # "Sony's Playstation Portable": a product works for no one, its maker owns it
    if rtype not in _PERSONAL_PLACES:
        return phrase, rtype
    if subject_type == "PRODUCT":
        return None
    if subject_type == "ORG" and rtype != "born_in":
        return "based in", "based_in"
    # A place or an event the model mistook for a person keeps what its clause said ("Copland, who was born in
    # Brooklyn": the model calls Copland a place, the clause a person).
    return phrase, rtype


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


def claims_from_gazetteer(entities: Iterable[Entity]) -> Iterator[Claim]:
    """A city and its country, both nodes: `located in`, from the gazetteer (its evidence says so)."""
    places = [e for e in entities if e.type == "GPE"]
    countries = {e.label: e.id for e in places if gazetteer.country_of(e.label)}
    for e in sorted(places, key=lambda x: x.id):
        if e.label in countries:
            continue
        city = gazetteer.city_of(e.label, alternates=False)
        if city is not None and city.country in countries and countries[city.country] != e.id \
                and not gazetteer.means_other_place(e.label, city):
            yield Claim(e.id, countries[city.country], "located in", GAZETTEER, GAZETTEER_SOURCE,
                        f"{city.name} is a city of {city.country} (gazetteer: geonames, population {city.population:,})",
                        rtype="located_in")


def build_graph_from(
    entities: Iterable[Entity], claims: Iterable[Claim], dates: Mapping[str, str] | None = None,
    structure: StructureOf | None = None,
) -> nx.MultiDiGraph:
    """Nodes from entities, one edge per (source, relation, kind, target, negated, modality) with its claims aggregated.

    ``dates`` maps article names to their ISO publication dates ("" or absent: undated); they give
    every node and edge the dates it was seen on (see :func:`time_attributes`). ``structure``: what
    gives the communities and PageRank of the links (default: :func:`compute_structure`).
    """
    dates = dates or {}
    graph = nx.MultiDiGraph()
    for entity in sorted(entities, key=lambda e: e.id):
        graph.add_node(entity.id, **node_attributes(entity), **time_attributes(entity.articles, dates))
    grouped: dict[tuple[str, str, str, str, bool, str], list[Claim]] = defaultdict(list)
    for c in claims:
        if c.source in graph and c.target in graph:
            grouped[(c.source, c.target, c.kind, c.relation, c.negated, c.modality)].append(c)
    countries: dict[str, bool] = {}  # target node -> is a country (asked once per node, not per edge)
    for key in sorted(grouped, key=lambda k: (k[0], k[1], KIND_RANK.get(k[2], 99), k[3], k[4], k[5])):
        if key[1] not in countries:
            countries[key[1]] = gazetteer.country_of(graph.nodes[key[1]]["label"]) is not None
        attrs = edge_attributes(grouped[key], country_target=countries[key[1]])
        attrs.update(time_attributes([c.article for c in grouped[key] if c.article != GAZETTEER_SOURCE], dates))
        graph.add_edge(key[0], key[1], key=attrs["id"], **attrs)
    add_structure_attributes(graph, structure)
    # For the HTML's time slider ("N of M articles"); the file formats carry the dates on nodes and edges.
    graph.graph["article_dates"] = {a: d for a, d in sorted(dates.items()) if d}
    return graph


def relation_type(claim: Claim) -> str:
    """The claim's type in the relation vocabulary (kg/data/relations.json): its own, else its kind's."""
    return claim.rtype or load_data("relations.json")["kinds"].get(claim.kind, "action")


def wikidata_of(rtype: str, *, country_target: bool = False) -> str:
    if rtype == "located_in" and country_target:
        return "P17"  # country
    return load_data("relations.json")["types"].get(rtype, {}).get("wikidata", "")


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
        "merges": join_list(entity.merges),
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


def edge_attributes(claims: Sequence[Claim], *, country_target: bool = False) -> dict[str, object]:
    first = claims[0]
    supports = {(c.article, c.sentence) for c in claims}  # one per supporting sentence
    ranked = sorted((s for s in supports if s[1]), key=_evidence_rank)
    best_article, best_sentence = ranked[0] if ranked else ("", "")
    ident = "\x1f".join((first.source, first.target, first.kind, first.relation, str(first.negated))
                         + ((first.modality,) if first.modality else ()))
    relation = label_text(first.relation) or first.kind
    rtype = relation_type(first)
    if first.negated and not relation.startswith("not "):
        relation = "not " + relation
    attrs: dict[str, object] = {
        "id": "e-" + hashlib.sha1(ident.encode("utf-8", "surrogatepass")).hexdigest()[:16],
        "relation": relation,
        "label": relation,
        "kind": first.kind,
        "type": rtype,
        "wikidata": wikidata_of(rtype, country_target=country_target),
        "weight": float(len(supports)),
        "negated": int(first.negated),
        "modality": clean_text(first.modality),
        "evidence": clean_text(best_sentence),
        "evidence_source": clean_text(best_article),
        "evidence_count": len(ranked),
        "evidence_all": "\n".join(f"{clean_text(a)}\t{clean_text(s)}" for a, s in ranked[:MAX_EVIDENCE]),
        "sources": join_list(sorted({c.article for c in claims})),
    }
    return {k: v for k, v in attrs.items() if v != ""}


def time_attributes(articles: Iterable[str], dates: Mapping[str, str]) -> dict[str, str]:
    """When the articles that mention a node (or support an edge) were published.

    ``first_seen`` and ``last_seen`` are the earliest and latest of their dates, ``seen_dates`` every
    distinct date (sorted, joined with LIST_SEP). Undated articles add nothing: a node only undated
    articles mention has none of the three.
    """
    seen = sorted({dates[a] for a in articles if dates.get(a)})
    if not seen:
        return {}
    return {"first_seen": seen[0], "last_seen": seen[-1], "seen_dates": LIST_SEP.join(seen)}


def compute_structure(links: nx.Graph) -> tuple[dict[str, int], dict[str, float]]:
    """Communities and PageRank of ``links``, computed (kg.structure)."""
    return communities(links), pageranks(links)


def add_structure_attributes(graph: nx.MultiDiGraph, structure: StructureOf | None = None) -> None:
    """``community`` (Louvain, 0 = the largest) and ``pagerank`` on every node; see kg.structure.

    ``structure``: computes both from the links (kg.graph_cache.CachedStructure reads them from the cache)."""
    links = undirected_weights(graph)
    groups, ranks = (structure or compute_structure)(links)
    for node, data in graph.nodes(data=True):
        data["community"] = groups[node]
        data["pagerank"] = ranks[node]
