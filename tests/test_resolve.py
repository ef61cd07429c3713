"""Entity resolution: hand-made extractions for each rule (no model), then the seeds with the real model."""
from __future__ import annotations

import random

import pytest

from kg.aliases import Aliases
from kg.model import Extraction, Mention
from kg.resolve import Resolution, resolve_entities


def ex(article: str, *mentions: tuple) -> Extraction:
    """Mentions as (name, label[, sent[, text[, kind]]]); each in its own sentence unless given."""
    built = []
    for i, spec in enumerate(mentions):
        name, label = spec[0], spec[1]
        sent = spec[2] if len(spec) > 2 else i
        text = spec[3] if len(spec) > 3 else name
        kind = spec[4] if len(spec) > 4 else "name"
        built.append(Mention(text=text, name=name, label=label, start=i * 10, end=i * 10 + len(text), sent=sent, kind=kind))
    return Extraction(article=article, mentions=tuple(built), sentences=tuple((m.sent, f"s{m.sent}") for m in built))


def entity(res: Resolution, article: str, index: int):
    return res.entities[res.entity_of(article, index)]


def same(res: Resolution, a: tuple[str, int], b: tuple[str, int]) -> bool:
    return res.entity_of(*a) == res.entity_of(*b)


def test_surname_joins_full_name_in_article():
    res = resolve_entities([ex("a", ("Keir Starmer", "PERSON"), ("Starmer", "PERSON"), ("Starmer", "ORG"))])
    assert same(res, ("a", 0), ("a", 1)) and same(res, ("a", 0), ("a", 2))
    e = entity(res, "a", 1)
    assert (e.label, e.type, e.mentions) == ("Keir Starmer", "PERSON", 3)


def test_surname_joins_full_name_across_corpus():
    res = resolve_entities([ex("a", ("Keir Starmer", "PERSON")), ex("b", ("Starmer", "PERSON"))])
    assert same(res, ("a", 0), ("b", 0))


def test_ambiguous_surname_stays_apart():
    res = resolve_entities([ex("a", ("Boris Johnson", "PERSON")), ex("b", ("Lyndon Johnson", "PERSON")),
                            ex("c", ("Johnson", "PERSON"))])
    assert len({res.entity_of("a", 0), res.entity_of("b", 0), res.entity_of("c", 0)}) == 3
    assert entity(res, "c", 0).type == "PERSON"


def test_article_local_resolution_wins():
    res = resolve_entities([ex("a", ("Boris Johnson", "PERSON")), ex("b", ("Lyndon Johnson", "PERSON"), ("Johnson", "PERSON"))])
    assert same(res, ("b", 0), ("b", 1)) and not same(res, ("a", 0), ("b", 1))


def test_first_name_only_and_honorific():
    res = resolve_entities([ex("a", ("Keir Starmer", "PERSON"), ("Keir", "PERSON", 1, "Sir Keir")),
                            ex("b", ("Keir", "PERSON", 0, "Sir Keir"))])
    assert same(res, ("a", 0), ("a", 1)) and same(res, ("a", 0), ("b", 0))
    assert "Sir Keir" in entity(res, "a", 0).aliases and entity(res, "a", 0).label == "Keir Starmer"


def test_trump_and_tusk_are_two_people():
    res = resolve_entities([ex("a", ("Donald Trump", "PERSON"), ("Donald Tusk", "PERSON"), ("Trump", "PERSON"), ("Tusk", "PERSON"))])
    assert not same(res, ("a", 0), ("a", 1))
    assert same(res, ("a", 0), ("a", 2)) and same(res, ("a", 1), ("a", 3))


def test_first_name_shared_by_two_people_is_ambiguous():
    res = resolve_entities([ex("a", ("Donald Trump", "PERSON"), ("Donald Tusk", "PERSON"), ("Donald", "PERSON"))])
    assert res.entity_of("a", 2) not in {res.entity_of("a", 0), res.entity_of("a", 1)}


def test_transliteration_variants_merge():
    res = resolve_entities([ex("a", ("Volodymyr Zelensky", "PERSON"), ("Zelensky", "PERSON", 1, "Mr Zelensky")),
                            ex("b", ("Volodymyr Zelenskyy", "PERSON"), ("Zelenskyy", "PERSON"))])
    ids = {res.entity_of(a, i) for a in "ab" for i in (0, 1)}
    assert len(ids) == 1
    e = entity(res, "a", 0)
    assert e.label == "Volodymyr Zelensky" and {"Mr Zelensky", "Zelenskyy"} <= set(e.aliases)


def test_variants_named_in_one_sentence_stay_apart():
    res = resolve_entities([ex("a", ("Ivan Petrenko", "PERSON", 0), ("Ivan Petrenkov", "PERSON", 0))])
    assert not same(res, ("a", 0), ("a", 1))


def test_junior_is_not_senior():
    res = resolve_entities([ex("a", ("Donald Trump", "PERSON"), ("Donald Trump Jr", "PERSON"))])
    assert not same(res, ("a", 0), ("a", 1))


def test_org_case_variants_merge():
    res = resolve_entities([ex("a", ("NATO", "ORG")), ex("b", ("Nato", "ORG"), ("NATO", "ORG"))])
    assert same(res, ("a", 0), ("b", 0))
    assert entity(res, "a", 0).label == "NATO"


def test_acronym_joins_its_long_form():
    res = resolve_entities([ex("a", ("European Union", "ORG"), ("EU", "ORG")), ex("b", ("EU", "ORG"))])
    assert same(res, ("a", 0), ("a", 1)) and same(res, ("a", 0), ("b", 0))


def test_acronym_never_seen_beside_long_form_stays():
    res = resolve_entities([ex("a", ("European Union", "ORG")), ex("b", ("EU", "ORG"))])
    assert not same(res, ("a", 0), ("b", 0))


def test_countries_cities_and_demonyms():
    res = resolve_entities([
        ex("a", ("US", "GPE"), ("United States", "GPE"), ("America", "GPE"), ("United States", "GPE", 3, "American", "demonym")),
        ex("b", ("UK", "GPE"), ("Britain", "GPE"), ("United Kingdom", "GPE", 2, "British", "demonym"), ("Kyiv", "PERSON"),
           ("Ukraine", "GPE"), ("Paris", "GPE"), ("France", "GPE")),
    ])
    assert len({res.entity_of("a", i) for i in range(4)}) == 1
    assert entity(res, "a", 0).label == "United States"
    assert len({res.entity_of("b", i) for i in range(3)}) == 1
    assert entity(res, "b", 0).label == "United Kingdom" and "British" in entity(res, "b", 0).aliases
    kyiv = entity(res, "b", 3)
    assert kyiv.type == "GPE" and kyiv.label == "Kyiv" and not same(res, ("b", 3), ("b", 4))
    assert not same(res, ("b", 5), ("b", 6))


def test_type_vote_person_known_elsewhere():
    res = resolve_entities([ex("a", ("Donald Trump", "PERSON")), ex("b", ("Trump", "ORG"), ("Trump", "ORG"))])
    assert same(res, ("a", 0), ("b", 0)) and entity(res, "b", 1).type == "PERSON"


def test_org_with_no_person_evidence_stays_org():
    res = resolve_entities([ex("a", ("Harrison Ford", "PERSON"), ("Reuters", "ORG")),
                            ex("b", ("Reuters", "ORG"), ("Reuters", "PERSON"))])
    assert entity(res, "b", 1).type == "ORG" and same(res, ("b", 0), ("b", 1)) and same(res, ("a", 1), ("b", 1))


def test_references_follow_their_name():
    res = resolve_entities([ex("a", ("Keir Starmer", "PERSON"), ("Keir Starmer", "PERSON", 1, "he", "pronoun"))])
    assert same(res, ("a", 0), ("a", 1)) and "he" not in entity(res, "a", 0).aliases


def test_aliases_force_and_forbid():
    data = [ex("a", ("Keir Starmer", "PERSON")), ex("b", ("Keir", "PERSON", 0, "Sir Keir")),
            ex("c", ("Donald Trump", "PERSON"), ("Donald Trump", "PERSON", 1, "Donald Trump")),
            ex("d", ("Volodymyr Zelensky", "PERSON")), ex("e", ("Volodymyr Zelenskyy", "PERSON"))]
    auto = resolve_entities(data)
    assert same(auto, ("d", 0), ("e", 0))
    aliases = Aliases(merge={"Keir Starmer": ("Sir Keir",), "The Donald": ("Donald Trump",)},
                      separate=(("Volodymyr Zelensky", "Volodymyr Zelenskyy"),))
    res = resolve_entities(data, aliases=aliases)
    assert same(res, ("a", 0), ("b", 0))
    assert entity(res, "c", 0).label == "The Donald"
    assert not same(res, ("d", 0), ("e", 0))


def test_aliases_separate_names_sharing_a_key():
    data = [ex("a", ("Donald Trump", "PERSON"), ("Donald J. Trump", "PERSON"))]
    assert same(resolve_entities(data), ("a", 0), ("a", 1))
    res = resolve_entities(data, aliases=Aliases(separate=(("Donald Trump", "Donald J. Trump"),)))
    assert not same(res, ("a", 0), ("a", 1))


def test_shuffled_order_gives_identical_resolution():
    data = [ex("a", ("Keir Starmer", "PERSON"), ("Starmer", "ORG"), ("NATO", "ORG")),
            ex("b", ("Boris Johnson", "PERSON"), ("Johnson", "PERSON"), ("Nato", "ORG")),
            ex("c", ("Johnson", "PERSON"), ("Lyndon Johnson", "PERSON"), ("EU", "ORG"), ("European Union", "ORG")),
            ex("d", ("Kyiv", "PERSON"), ("Zelensky", "PERSON"), ("Volodymyr Zelenskyy", "PERSON"))]
    expected = resolve_entities(data)
    rng = random.Random(7)
    for _ in range(5):
        shuffled = data[:]
        rng.shuffle(shuffled)
        assert resolve_entities(shuffled) == expected


# --- the seeds, real model -------------------------------------------------------------------

def _nodes(graph, label):
    return [n for n, d in graph.nodes(data=True) if d.get("label") == label]


@pytest.mark.parametrize(
    "label, type_, aliases",
    [
        ("Keir Starmer", "PERSON", {"Starmer", "Sir Keir", "Keir Starmer"}),
        ("Vladimir Putin", "PERSON", {"Putin"}),
        ("Donald Trump", "PERSON", {"Trump", "Mr Trump"}),
        ("Volodymyr Zelensky", "PERSON", {"Zelensky", "Mr Zelensky", "Zelenskyy"}),
        ("United Kingdom", "GPE", {"UK", "Britain", "British"}),
        ("United States", "GPE", {"US", "U.S.", "America"}),
        ("Russia", "GPE", {"Russian"}),
        ("NATO", "ORG", {"Nato"}),
    ],
)
def test_seeds_one_node_per_entity(seeds_graph, label, type_, aliases):
    (node,) = _nodes(seeds_graph, label)
    data = seeds_graph.nodes[node]
    assert data["type"] == type_
    assert aliases <= set(data["aliases"].split(" | "))
    for alias in aliases - {label}:  # no other node claims the alias
        others = [n for n, d in seeds_graph.nodes(data=True) if n != node and alias in str(d.get("aliases", "")).split(" | ")]
        assert others == [], (alias, others)


def test_seeds_strangers_stay_apart(seeds_graph):
    assert len(_nodes(seeds_graph, "Donald Tusk")) == 1 and len(_nodes(seeds_graph, "Donald Trump")) == 1
    (kyiv,) = _nodes(seeds_graph, "Kyiv")
    assert seeds_graph.nodes[kyiv]["type"] == "GPE" and _nodes(seeds_graph, "Ukraine") != [kyiv]
    (paris,) = _nodes(seeds_graph, "Paris")
    assert _nodes(seeds_graph, "France") != [paris]


def test_seeds_no_noise_nodes(seeds_graph):
    labels = [d.get("label", "") for _, d in seeds_graph.nodes(data=True)]
    for bad in ("British", "Russian", "Keir", "State", "Starmer", "Trump", "U.S.-Russia"):
        assert bad not in labels
    assert not [x for x in labels if "\n" in x or "/" in x]
    assert not [x for x in labels if x in {"Send U.K. Peacekeeping Troops", "Pledges Long-Term Support for Ukraine", "Rare Earth Deal"}]


def test_pronoun_references_join_but_do_not_count_as_mentions():
    res = resolve_entities([ex("a", ("Keir Starmer", "PERSON"), ("Keir Starmer", "PERSON", 1, "He", "pronoun"))])
    assert same(res, ("a", 0), ("a", 1))
    e = entity(res, "a", 0)
    assert e.mentions == 1 and "He" not in e.aliases
