from __future__ import annotations

import pytest

from kg.graph import build_graph_from, claims_from_cooccurrence, claims_from_relations, clean_text
from kg.model import Claim, Entity, Extraction, Mention, Relation
from kg.resolve import Resolution
from kg.style import rgb_of


def _entities():
    return [
        Entity(id="person:keir-starmer", label="Keir Starmer", type="PERSON", aliases=("Keir Starmer", "Starmer"), mentions=3, articles=("a1", "a2")),
        Entity(id="gpe:ukraine", label="Ukraine", type="GPE", aliases=("Ukraine",), mentions=5, articles=("a1",)),
    ]


def test_nodes_carry_the_contract_attributes():
    graph = build_graph_from(_entities(), [])
    data = graph.nodes["person:keir-starmer"]
    assert data["label"] == "Keir Starmer"
    assert data["type"] == "PERSON"
    assert data["aliases"] == "Keir Starmer | Starmer"
    assert data["mentions"] == 3 and data["articles"] == 2
    assert data["sources"] == "a1 | a2"
    assert (data["r"], data["g"], data["b"]) == rgb_of("PERSON")
    assert "event_type" not in data  # empty values are left out, not written as ""
    # more mentions, bigger node
    assert graph.nodes["gpe:ukraine"]["size"] > data["size"]


def test_claims_aggregate_into_one_edge_with_weight_and_evidence():
    s1 = "Starmer offered to send troops to Ukraine."
    s2 = "Keir Starmer said he would send troops to Ukraine as part of a peace deal."
    claims = [
        Claim("person:keir-starmer", "gpe:ukraine", "send troops to", "action", "a1", s1),
        Claim("person:keir-starmer", "gpe:ukraine", "send troops to", "action", "a2", s2),
        Claim("person:keir-starmer", "gpe:ukraine", "send troops to", "action", "a2", s2),  # same sentence twice
        Claim("person:keir-starmer", "gpe:ukraine", "co-occurs with", "co-occurrence", "a1", s1),
    ]
    graph = build_graph_from(_entities(), claims)
    edges = list(graph.edges(data=True, keys=True))
    assert len(edges) == 2
    action = next(d for _, _, _, d in edges if d["kind"] == "action")
    assert action["weight"] == 2.0
    assert action["evidence_count"] == 2
    assert action["sources"] == "a1 | a2"
    assert action["evidence"] in {s1, s2}
    assert action["evidence_all"].count("\n") == 1
    assert action["relation"] == action["label"] == "send troops to"
    assert len({k for _, _, k, _ in edges}) == 2  # unique ids as keys


def test_negated_claims_keep_the_negation_in_the_relation():
    claims = [Claim("person:keir-starmer", "gpe:ukraine", "reject", "action", "a1", "He did not reject Ukraine.", negated=True)]
    graph = build_graph_from(_entities(), claims)
    (_, _, data), = graph.edges(data=True)
    assert data["relation"] == "not reject" and data["negated"] == 1


def test_claims_to_unknown_nodes_are_dropped():
    claims = [Claim("person:keir-starmer", "org:nobody", "met", "action", "a1", "x")]
    assert build_graph_from(_entities(), claims).number_of_edges() == 0


def test_cooccurrence_and_relation_claims_from_extractions():
    ex = Extraction(
        article="a1",
        sentences=((0, "Starmer visited Ukraine."), (1, "Ukraine thanked him.")),
        mentions=(
            Mention("Starmer", "Starmer", "PERSON", 0, 7, 0),
            Mention("Ukraine", "Ukraine", "GPE", 16, 23, 0),
            Mention("Ukraine", "Ukraine", "GPE", 25, 32, 1),
        ),
        relations=(Relation(0, 1, "visit", "action", 0),),
    )
    res = Resolution(
        entities={e.id: e for e in _entities()},
        assignment={("a1", 0): "person:keir-starmer", ("a1", 1): "gpe:ukraine", ("a1", 2): "gpe:ukraine"},
    )
    co = list(claims_from_cooccurrence([ex], res))
    assert [(c.source, c.target, c.sentence) for c in co] == [("gpe:ukraine", "person:keir-starmer", "Starmer visited Ukraine.")]
    rel = list(claims_from_relations([ex], res))
    assert [(c.source, c.relation, c.target) for c in rel] == [("person:keir-starmer", "visit", "gpe:ukraine")]


def test_clean_text_strips_xml_illegal_characters():
    assert clean_text("a\x00b\x0bc\ufffed\ud800e\tf\ng") == "abcde\tf\ng"


def test_pronoun_references_make_no_cooccurrence_edges():
    ex = Extraction(
        article="a1",
        sentences=((0, "He visited Ukraine."),),
        mentions=(
            Mention("Starmer", "Starmer", "PERSON", 0, 7, 0),
            Mention("He", "Starmer", "PERSON", 20, 22, 1, kind="pronoun"),
            Mention("Ukraine", "Ukraine", "GPE", 31, 38, 1),
        ),
    )
    res = Resolution(
        entities={e.id: e for e in _entities()},
        assignment={("a1", 0): "person:keir-starmer", ("a1", 1): "person:keir-starmer", ("a1", 2): "gpe:ukraine"},
    )
    assert list(claims_from_cooccurrence([ex], res)) == []


def test_first_and_last_seen_come_from_the_dates_of_the_articles():
    dates = {"a1": "2025-02-03", "a2": "2025-01-20", "a3": ""}
    entities = _entities() + [Entity(id="org:undated", label="Undated", type="ORG", mentions=1, articles=("a3",))]
    claims = [
        Claim("person:keir-starmer", "gpe:ukraine", "visit", "action", "a1", "Starmer visited Ukraine."),
        Claim("person:keir-starmer", "gpe:ukraine", "visit", "action", "a3", "He went to Ukraine."),
        Claim("person:keir-starmer", "org:undated", "lead", "action", "a3", "Starmer leads it."),
    ]
    graph = build_graph_from(entities, claims, dates)
    starmer = graph.nodes["person:keir-starmer"]  # in a1 and a2
    assert (starmer["first_seen"], starmer["last_seen"]) == ("2025-01-20", "2025-02-03")
    assert starmer["seen_dates"] == "2025-01-20 | 2025-02-03"
    ukraine = graph.nodes["gpe:ukraine"]  # in a1 only
    assert (ukraine["first_seen"], ukraine["last_seen"], ukraine["seen_dates"]) == ("2025-02-03",) * 3
    # Only an undated article mentions it: no date is invented, and no empty value is written.
    assert not {"first_seen", "last_seen", "seen_dates"} & set(graph.nodes["org:undated"])
    (visit,) = [d for _, _, d in graph.edges(data=True) if d["relation"] == "visit"]
    assert (visit["first_seen"], visit["last_seen"]) == ("2025-02-03", "2025-02-03")  # a3 is undated
    (lead,) = [d for _, _, d in graph.edges(data=True) if d["relation"] == "lead"]
    assert "first_seen" not in lead
    assert graph.graph["article_dates"] == {"a1": "2025-02-03", "a2": "2025-01-20"}


def test_without_dates_nothing_is_dated():
    graph = build_graph_from(_entities(), [Claim("person:keir-starmer", "gpe:ukraine", "visit", "action", "a1", "x")])
    assert all("first_seen" not in d for _, d in graph.nodes(data=True))
    assert all("first_seen" not in d for _, _, d in graph.edges(data=True))


def _two_groups() -> tuple[list[Entity], list[Claim]]:
    """Two triangles of people joined by one weak link, and one person alone."""
    names = ["a", "b", "c", "x", "y", "z", "loner"]
    ents = [Entity(id=f"person:{n}", label=n.upper(), type="PERSON", mentions=1, articles=("a1",)) for n in names]
    pairs = [("a", "b", 3), ("b", "c", 3), ("a", "c", 3), ("x", "y", 2), ("y", "z", 2), ("x", "z", 2), ("c", "x", 1)]
    cls = [Claim(f"person:{u}", f"person:{v}", "co-occurs with", "co-occurrence", "a1", f"{u} and {v} {i}.")
           for u, v, w in pairs for i in range(w)]
    return ents, cls


def test_communities_group_densely_linked_nodes_and_number_the_largest_first():
    ents, cls = _two_groups()
    ents.append(Entity(id="person:d", label="D", type="PERSON", mentions=1, articles=("a1",)))
    cls += [Claim("person:d", f"person:{o}", "co-occurs with", "co-occurrence", "a1", f"d {o}.") for o in "abc"]
    graph = build_graph_from(ents, cls)
    community = {n.split(":")[1]: d["community"] for n, d in graph.nodes(data=True)}
    assert community["a"] == community["b"] == community["c"] == community["d"] == 0  # the group of four
    assert community["x"] == community["y"] == community["z"] == 1
    assert community["loner"] == 2  # no link: a community of its own
    assert all(isinstance(d["community"], int) for _, d in graph.nodes(data=True))


def test_pagerank_ranks_the_hub_first_and_sums_to_one():
    ents = [Entity(id=f"person:{n}", label=n, type="PERSON", mentions=1, articles=("a1",)) for n in "hijkl"]
    # Co-occurrence edges point from the smaller id to the larger: direction must not make "l" important.
    cls = [Claim("person:h", f"person:{o}", "co-occurs with", "co-occurrence", "a1", f"h {o}.") for o in "ijkl"]
    graph = build_graph_from(ents, cls)
    ranks = {n: d["pagerank"] for n, d in graph.nodes(data=True)}
    assert max(ranks, key=ranks.get) == "person:h"
    assert ranks["person:i"] == ranks["person:l"]
    assert sum(ranks.values()) == pytest.approx(1.0, abs=1e-4)


def test_communities_and_pagerank_do_not_depend_on_input_order():
    ents, cls = _two_groups()
    first = build_graph_from(ents, cls)
    again = build_graph_from(list(reversed(ents)), list(reversed(cls)))
    for node in first:
        assert first.nodes[node]["community"] == again.nodes[node]["community"]
        assert first.nodes[node]["pagerank"] == again.nodes[node]["pagerank"]


def _resolution_for(count: int) -> tuple[Extraction, Resolution]:
    entities = [Entity(id=f"gpe:c{i:03}", label=f"C{i}", type="GPE", mentions=1, articles=("a1",)) for i in range(count)]
    ex = Extraction(article="a1", sentences=((0, "A long list."),),
                    mentions=tuple(Mention(f"C{i}", f"C{i}", "GPE", i * 5, i * 5 + 3, 0) for i in range(count)))
    assignment = {("a1", i): f"gpe:c{i:03}" for i in range(count)}
    return ex, Resolution(entities={e.id: e for e in entities}, assignment=assignment)


def test_cooccurrence_in_an_ordinary_sentence_pairs_every_entity():
    ex, res = _resolution_for(11)  # up to COOCCURRENCE_WINDOW + 1 entities: every pair
    pairs = {(c.source, c.target) for c in claims_from_cooccurrence([ex], res)}
    assert len(pairs) == 11 * 10 // 2


def test_cooccurrence_pairs_grow_linearly_with_a_very_long_sentence():
    from kg.graph import COOCCURRENCE_WINDOW

    ex, res = _resolution_for(2000)  # a 100,000-character "sentence" with no full stop
    claims = list(claims_from_cooccurrence([ex], res))
    assert len(claims) <= 2000 * COOCCURRENCE_WINDOW  # not 2000 * 1999 / 2 = 1,999,000
    pairs = {(c.source, c.target) for c in claims}
    assert ("gpe:c000", "gpe:c001") in pairs and ("gpe:c998", "gpe:c999") in pairs  # neighbours connect
    assert ("gpe:c000", "gpe:c500") not in pairs
    assert all(a < b for a, b in pairs)


def test_claims_look_sentences_up_by_index_not_by_scanning():
    class Counted(tuple):
        scans = 0

        def __iter__(self):
            type(self).scans += 1
            return super().__iter__()

    sentences = Counted((i, f"Sentence {i}.") for i in range(1000))
    ex = Extraction(article="a1", sentences=sentences)
    assert [ex.sentence(i) for i in (0, 999, 500, 1000)] == ["Sentence 0.", "Sentence 999.", "Sentence 500.", ""]
    for i in range(1000):
        ex.sentence(i)
    assert Counted.scans <= 1  # one pass builds the index; a scan per call made long articles quadratic


def test_labels_aliases_titles_and_relations_are_shown_clean():
    spoof = Entity(id="gpe:israel", label="\u202eIsrael\u202c", type="GPE", aliases=("\u202eIsrael\u202c", "Israel\u200b"),
                   titles=("\u2066president\u2069",), mentions=1, articles=("a1",))
    blank = Entity(id="person:x", label="\u3164\u200b", type="PERSON", mentions=1, articles=("a1",))
    claim = Claim("gpe:israel", "person:x", "\u202ewarned\u202c", "action", "a1", "Israel warned him.")
    graph = build_graph_from([spoof, blank], [claim])
    data = graph.nodes["gpe:israel"]
    assert (data["label"], data["aliases"], data["titles"]) == ("Israel", "Israel", "president")
    assert graph.nodes["person:x"]["label"] == "person:x"  # nothing visible left: the id, never a blank node
    (edge,) = [d for _, _, d in graph.edges(data=True)]
    assert edge["relation"] == edge["label"] == "warned"


def test_a_place_of_a_person_fits_the_type_its_subject_resolved_to():
    """Extraction saw a person in one article; resolution may make the name an organisation or a product."""
    sentence = "Indian drugmaker Dr Reddy's and India's top gadget, the Nova phone, did well."
    ex = Extraction(
        article="a1",
        sentences=((0, sentence),),
        mentions=(Mention("Dr Reddy's", "Reddy", "PERSON", 17, 27, 0), Mention("India", "India", "GPE", 32, 37, 0),
                  Mention("Nova", "Nova", "PERSON", 56, 60, 0), Mention("Keir", "Keir", "PERSON", 0, 0, 0)),
        relations=(Relation(0, 1, "citizen of", "role", 0, rtype="citizen_of"),
                   Relation(2, 1, "lives in", "role", 0, rtype="lives_in"),
                   Relation(3, 1, "lives in", "role", 0, rtype="lives_in"),
                   Relation(2, 0, "works for", "role", 0, rtype="works_for")),
    )
    entities = [Entity(id="org:reddy", label="Dr Reddy's", type="ORG"), Entity(id="gpe:india", label="India", type="GPE"),
                Entity(id="product:nova", label="Nova", type="PRODUCT"), Entity(id="person:keir", label="Keir", type="PERSON")]
    res = Resolution(entities={e.id: e for e in entities},
                     assignment={("a1", 0): "org:reddy", ("a1", 1): "gpe:india", ("a1", 2): "product:nova",
                                 ("a1", 3): "person:keir"})
    assert [(c.source, c.relation, c.rtype, c.target) for c in claims_from_relations([ex], res)] == [
        ("org:reddy", "based in", "based_in", "gpe:india"), ("person:keir", "lives in", "lives_in", "gpe:india"),
        ("product:nova", "owned by", "owned_by", "org:reddy")]
