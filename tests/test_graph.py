from __future__ import annotations

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
