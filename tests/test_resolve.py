"""Entity resolution: hand-made extractions for each rule (no model), then the seeds with the real model."""
from __future__ import annotations

import random

import pytest

from kg.aliases import Aliases
from kg.events import resolve_events
from kg.model import Event, Extraction, Mention
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


def test_acronym_joins_the_one_long_form_of_the_corpus():
    res = resolve_entities([ex("a", ("Associated Press", "ORG")), ex("b", ("AP", "ORG"))])
    assert same(res, ("a", 0), ("b", 0))
    assert any("acronym" in line for line in entity(res, "a", 0).merges)


def test_acronym_that_spells_two_long_forms_of_the_corpus_stays():
    res = resolve_entities([ex("a", ("Associated Press", "ORG")), ex("b", ("Air Products", "ORG")), ex("c", ("AP", "ORG"))])
    assert len({res.entity_of("a", 0), res.entity_of("b", 0), res.entity_of("c", 0)}) == 3


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


def _blairs(tony: int, cherie: int, leo: int = 1) -> list[Extraction]:
    """Articles naming Tony Blair ``tony`` times, Cherie Blair ``cherie`` times, Leo Blair ``leo`` times."""
    return ([ex(f"t{i}", ("Tony Blair", "PERSON")) for i in range(tony)]
            + [ex(f"c{i}", ("Cherie Blair", "PERSON")) for i in range(cherie)]
            + [ex(f"l{i}", ("Leo Blair", "PERSON")) for i in range(leo)])


def test_lone_surname_joins_the_full_name_that_dominates_the_corpus():
    res = resolve_entities(_blairs(12, 2) + [ex("x", ("Blair", "PERSON", 0, "Mr Blair")), ex("y", ("Blair", "PERSON"))])
    assert same(res, ("t0", 0), ("x", 0)) and same(res, ("t0", 0), ("y", 0))
    assert not same(res, ("t0", 0), ("c0", 0)) and not same(res, ("t0", 0), ("l0", 0))  # a shared surname only


def test_lone_surname_stays_apart_without_a_clear_majority():
    res = resolve_entities(_blairs(6, 2) + [ex("x", ("Blair", "PERSON"))])  # 6 of 9 (67%), 3x the next: not enough
    assert res.entity_of("x", 0) not in {res.entity_of(a, 0) for a in ("t0", "c0", "l0")}
    assert entity(res, "x", 0).type == "PERSON"


def test_female_honorific_never_joins_a_man():
    data = [ex("a", ("Michael Howard", "PERSON"), ("Howard", "PERSON", 1, "Mr Howard"), ("Howard", "PERSON", 2, "Mrs Howard")),
            ex("b", ("Michael Howard", "PERSON"), ("Howard", "PERSON", 1, "Mr Howard")),
            ex("c", ("Howard", "PERSON", 0, "Mrs Howard"), ("Howard", "PERSON", 1, "Mr Howard"))]
    res = resolve_entities(data)
    assert same(res, ("a", 0), ("a", 1)) and same(res, ("a", 0), ("c", 1))
    assert not same(res, ("a", 0), ("a", 2)) and not same(res, ("a", 0), ("c", 0))
    assert same(res, ("a", 2), ("c", 0)) and entity(res, "c", 0).type == "PERSON"
    assert "Mrs Howard" not in entity(res, "a", 0).aliases


def test_male_honorific_never_joins_a_woman():
    res = resolve_entities([ex("a", ("Barbara Castle", "PERSON", 0, "Dame Barbara Castle")), ex("b", ("Castle", "PERSON", 0, "Mr Castle")),
                            ex("c", ("Castle", "PERSON", 0, "Ms Castle"))])
    assert not same(res, ("a", 0), ("b", 0)) and same(res, ("a", 0), ("c", 0))


def test_gendered_surname_picks_the_person_of_its_gender_among_a_corpus_majority():
    data = _blairs(16, 4) + [ex("m", ("Tony Blair", "PERSON"), ("Blair", "PERSON", 1, "Mr Blair")),
                            ex("w", ("Blair", "PERSON", 0, "Mrs Blair"))]
    res = resolve_entities(data)  # Tony is a man (Mr Blair beside him); Cherie dominates the rest
    assert same(res, ("w", 0), ("c0", 0)) and not same(res, ("w", 0), ("t0", 0))


def test_first_name_says_nothing_about_gender():
    res = resolve_entities([ex("a", ("Leslie Smith", "PERSON"), ("Smith", "PERSON", 1, "Mrs Smith"))])
    assert same(res, ("a", 0), ("a", 1))


def test_party_tagged_person_is_a_group_and_singular_joins_plural():
    data = [ex("a", ("Lib Dems", "NORP"), ("Lib Dem", "PERSON")), ex("b", ("Lib Dems", "NORP"), ("Lib Dem", "PERSON")),
            ex("c", ("Lib Dem", "PERSON"), ("Lib Dem", "PERSON"), ("Lib Dem", "PERSON"))]
    res = resolve_entities(data)
    assert same(res, ("a", 0), ("a", 1)) and same(res, ("a", 0), ("c", 0))
    assert entity(res, "a", 0).type == "NORP"


def test_name_that_starts_with_a_group_is_not_a_person():
    data = [ex("a", ("Lib Dems", "NORP"), ("Lib Dem Treasury", "PERSON"), ("Treasury", "ORG")), ex("b", ("Lib Dems", "NORP"), ("Treasury", "ORG"))]
    res = resolve_entities(data)
    assert entity(res, "a", 1).type != "PERSON" and entity(res, "b", 1).type == "ORG"
    assert not same(res, ("a", 1), ("b", 1))


def test_person_name_used_as_a_modifier_stays_a_person():
    res = resolve_entities([ex("a", ("Tony Blair", "PERSON"), ("Blair", "PERSON")), ex("b", ("Blair", "NORP"), ("Blair", "PERSON"))])
    assert same(res, ("a", 0), ("b", 0)) and entity(res, "b", 0).type == "PERSON"


def test_one_word_name_the_model_calls_a_person_but_once_a_place_is_one_person():
    # "their nine-month-old child, Gloria" tagged GPE once (there is a small Gloria in Brazil), PERSON everywhere else
    res = resolve_entities([ex("a", ("Gloria", "GPE"), ("Gloria", "PERSON"), ("Gloria", "PERSON"), ("Gloria", "PERSON"))])
    assert all(same(res, ("a", 0), ("a", i)) for i in (1, 2, 3))
    assert entity(res, "a", 0).type == "PERSON"


def test_a_name_in_a_context_that_says_organisation_stays_an_organisation_however_often_the_model_says_person():
    dell = Mention("Dell", "Dell", "ORG", 0, 4, 0, cue="ORG")
    people = tuple(Mention("Dell", "Dell", "PERSON", 10 * i, 10 * i + 4, i) for i in (1, 2, 3))
    a = Extraction(article="a", mentions=(dell, *people), sentences=tuple((i, f"s{i}") for i in range(4)))
    res = resolve_entities([a])
    assert entity(res, "a", 0).type == "ORG"


def test_a_common_given_name_of_the_census_makes_a_rarely_seen_name_a_person():
    res = resolve_entities([ex("a", ("Dean Kamen", "ORG"))])  # "founded by Dean Kamen", tagged ORG
    assert entity(res, "a", 0).type == "PERSON"


@pytest.mark.parametrize("name", ["Geneva Motor Show", "Tracey Island"])
def test_a_given_name_that_is_a_city_or_opens_an_area_lends_no_weight_to_person(name):
    res = resolve_entities([ex("a", (name, "PERSON"), (name, "LOC"), (name, "LOC"))])  # half as many votes suffice after a given name
    assert entity(res, "a", 0).type != "PERSON"


@pytest.mark.parametrize("name", ["Ethel Barrymore Theatre", "Jesse Owens Awards", "Sydney Morning Herald", "Wembley Stadium"])
def test_a_building_an_event_or_an_institution_named_after_a_person_is_no_person(name):
    res = resolve_entities([ex("a", (name, "PERSON"), (name, "ORG"))])
    assert entity(res, "a", 0).type != "PERSON"


def test_a_place_only_the_model_says_is_an_organisation_where_its_context_says_firm():
    shares = Mention("Gazprom", "Gazprom", "GPE", 0, 7, 0, cue="ORG")  # "Gazprom shares"
    plain = tuple(Mention("Gazprom", "Gazprom", "GPE", 10 * i, 10 * i + 7, i) for i in (1, 2, 3, 4))
    res = resolve_entities([Extraction(article="a", mentions=(shares, *plain), sentences=tuple((i, f"s{i}") for i in range(5)))])
    assert entity(res, "a", 0).type == "ORG"


def test_a_place_only_the_model_says_is_a_product_where_its_context_says_product_and_a_real_place_stays():
    for name, expected in (("Cabir", "PRODUCT"), ("Paris", "GPE")):
        virus = Mention(name, name, "GPE", 0, 5, 0, cue="PRODUCT")  # "the Cabir virus"
        plain = tuple(Mention(name, name, "GPE", 10 * i, 10 * i + 5, i) for i in (1, 2, 3, 4))
        ex_ = Extraction(article="a", mentions=(virus, *plain), sentences=tuple((i, f"s{i}") for i in range(5)))
        assert entity(resolve_entities([ex_]), "a", 0).type == expected, name


def test_a_given_name_that_is_also_a_groups_word_opens_a_persons_name_the_model_agrees_on():
    res = resolve_entities([ex("a", ("Christian", "NORP"), ("Christian", "NORP"), ("Christian", "NORP")),
                            ex("b", ("Christian Slater", "PERSON"), ("Christian Slater", "PERSON"))])
    assert entity(res, "b", 0).type == "PERSON"


def test_a_surname_spelt_like_an_institutions_word_after_a_given_name_is_a_person_the_model_agrees_on():
    res = resolve_entities([ex("a", ("Charlotte Church", "PERSON"), ("Charlotte Church", "PERSON"))])
    assert entity(res, "a", 0).type == "PERSON"


def test_described_event_has_no_alias_of_its_own_label():
    mentions = (Mention("Keir Starmer", "Keir Starmer", "PERSON", 0, 12, 0), Mention("Emmanuel Macron", "Emmanuel Macron", "PERSON", 17, 32, 0),
                Mention("Paris", "Paris", "GPE", 36, 41, 0))
    a = Extraction(article="a", sentences=((0, "Keir Starmer and Emmanuel Macron met in Paris."),), mentions=mentions,
                   events=(Event("meeting", "met", 0, ((0, "participant"), (1, "participant")), 2, "2025-02-17", "Monday"),))
    (event,), _ = resolve_events([a], resolve_entities([a]))
    assert event.label.startswith("Meeting in Paris") and event.aliases == ()


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


def exc(article: str, *mentions: tuple, acronyms: tuple = ()) -> Extraction:
    """Like ex(), with a cue per mention as a 6th field and the article's defined acronyms."""
    base = ex(article, *[m[:5] for m in mentions])
    ms = tuple(Mention(**{**m.__dict__, "cue": spec[5] if len(spec) > 5 else ""}) for m, spec in zip(base.mentions, mentions))
    return Extraction(article=article, mentions=ms, sentences=base.sentences, acronyms=acronyms)


def test_initials_middle_names_and_nicknames_name_one_person():
    res = resolve_entities([ex("a", ("Regina M. Benjamin", "PERSON"), ("Benjamin", "PERSON")),
                            ex("b", ("Regina Benjamin", "PERSON")), ex("c", ("Fred LaRue", "PERSON")),
                            ex("d", ("Frederick C. LaRue", "PERSON")), ex("e", ("W. Mark Felt", "PERSON")),
                            ex("f", ("Mark Felt", "PERSON"))])
    assert same(res, ("a", 0), ("b", 0)) and same(res, ("a", 0), ("a", 1))
    assert same(res, ("c", 0), ("d", 0)) and same(res, ("e", 0), ("f", 0))
    assert any("given names" in line for line in entity(res, "c", 0).merges)


def test_an_initial_that_fits_two_people_joins_neither():
    res = resolve_entities([ex("a", ("John Smith", "PERSON")), ex("b", ("Jane Smith", "PERSON")), ex("c", ("J. Smith", "PERSON"))])
    assert len({res.entity_of(a, 0) for a in "abc"}) == 3


def test_two_word_surname_is_the_tail_of_the_full_name():
    res = resolve_entities([ex("a", ("Cheryl Boone Isaacs", "PERSON"), ("Boone Isaacs", "PERSON"))])
    assert same(res, ("a", 0), ("a", 1))


def test_person_named_in_full_is_a_person_whatever_one_first_name_vote():
    res = resolve_entities([ex("a", ("Regina Benjamin", "PERSON"), ("Regina", "GPE"), ("Regina", "GPE")),
                            ex("b", ("Madeline Kafoury", "ORG"), ("Madeline Kafoury", "PERSON"), ("Kafoury", "GPE"))])
    assert entity(res, "a", 0).type == "PERSON"
    assert entity(res, "b", 0).type == "PERSON" and same(res, ("b", 0), ("b", 2))


def test_acronym_defined_in_brackets_joins_its_long_form():
    res = resolve_entities([exc("a", ("India Petrochemicals Limited", "ORG"), ("IPCL", "ORG"),
                                acronyms=(("IPCL", "India Petrochemicals Limited"),)), ex("b", ("IPCL", "ORG"))])
    assert same(res, ("a", 0), ("a", 1)) and same(res, ("a", 0), ("b", 0))
    assert "acronym defined in brackets" in " ".join(entity(res, "a", 0).merges)


def test_legal_form_and_short_form_of_an_organisation():
    res = resolve_entities([ex("a", ("Microsoft Corp", "ORG"), ("Microsoft", "ORG")),
                            ex("b", ("Morningside Recovery Center", "ORG"), ("Morningside", "ORG")),
                            ex("c", ("Indianapolis Colts", "ORG"), ("Colts", "ORG"))])
    assert same(res, ("a", 0), ("a", 1)) and same(res, ("b", 0), ("b", 1)) and same(res, ("c", 0), ("c", 1))


def test_longer_forms_finds_exactly_what_comparing_every_pair_finds():
    from kg.resolve.orgs import LongerForms, short_form_of, tail_form_of, word_prefix_of

    rng = random.Random(14)
    vocab = ["Morningside", "Recovery", "Center", "Colts", "Indianapolis", "Yugansk", "Yuganskneftegaz", "of", "the",
             "Deutsche", "Boerse", "Bank", "bank", "Morn", "Morningsidex", "YUGANSKNEFT", "Éclair", "éclairs",
             "France", "Steven", "F."]
    names = sorted({" ".join(rng.choice(vocab) for _ in range(rng.randint(1, 4))) for _ in range(600)})
    index = LongerForms((n, n) for n in names)
    assert any(tail_form_of(s, n) for s in names for n in names)  # the sample holds tail forms to find
    for short in names + ["Yuganskn", "morningside", "Center", "the"]:
        expected = {n for n in names if short_form_of(short, n) or word_prefix_of(short, n) or tail_form_of(short, n)}
        assert {n for n, _ in index.of(short)} == expected, short
        assert {n for n, _ in index.tails(short)} == {n for n in names if tail_form_of(short, n)}, short
        assert {n for n, _ in index.word_prefixed(short)} == {n for n in names if word_prefix_of(short, n)}, short


def test_short_forms_of_one_long_article_are_looked_up_not_compared_pairwise(monkeypatch):
    """A 2 MB article with thousands of names spent a minute comparing every pair; the checks must grow
    with the names, not with their square (counted, not timed)."""
    from kg.resolve.evidence import Evidence

    calls = {"is_org": 0}
    real_is_org = Evidence.is_org

    def is_org(self, name):
        calls["is_org"] += 1
        return real_is_org(self, name)

    monkeypatch.setattr(Evidence, "is_org", is_org)

    def names(n):
        return [(f"Zorvex{i} Holdings", "ORG") for i in range(n)] + [(f"Qualtrin{i}", "ORG") for i in range(n)]

    counts = []
    for n in (100, 400):
        calls["is_org"] = 0
        res = resolve_entities([ex("a", *names(n), ("Zorvex7", "ORG"))])
        assert same(res, ("a", 7), ("a", 2 * n))  # the short form still joins its long form
        counts.append(calls["is_org"])
    small, large = counts
    assert large <= 4 * small + 50, counts  # linear: 4x the names, about 4x the checks


def test_acronyms_of_one_long_article_are_looked_up_not_tried_on_every_name(monkeypatch):
    """Every acronym of an article was tried on every long name (spells()), quadratic on one long article;
    the initials computed must grow with the names, not with names x acronyms (counted, not timed)."""
    import kg.resolve.org_merges as org_merges
    import kg.resolve.orgs as orgs

    calls = [0]
    real_initials = orgs.initials

    def initials(name):
        calls[0] += 1
        return real_initials(name)

    monkeypatch.setattr(orgs, "initials", initials)
    monkeypatch.setattr(org_merges, "initials", initials)
    letters = "BCDFGHJKLMNPQRSTVWXZ"

    def names(n):
        acronyms = [f"{letters[i % 20]}{letters[i // 20 % 20]}{letters[i // 400]}X" for i in range(n)]
        longs = [f"{a[0]}ovo {a[1]}ara {a[2]}ule Xeno" for a in acronyms]
        return [(name, "ORG") for pair in zip(longs, acronyms) for name in pair]

    counts = []
    for n in (100, 400):
        calls[0] = 0
        res = resolve_entities([ex("a", *names(n))])
        assert same(res, ("a", 0), ("a", 1))  # "Bovo Bara Bule Xeno" and "BBBX" still join
        counts.append(calls[0])
    small, large = counts
    assert large <= 4 * small + 50, counts  # linear: 4x the names, about 4x the initials


def test_a_region_is_no_short_form_of_an_organisation():
    res = resolve_entities([ex("a", ("Lycos Europe", "ORG"), ("Europe", "LOC"))])
    assert not same(res, ("a", 0), ("a", 1))


def test_a_country_code_the_model_calls_a_company_is_no_country():
    res = resolve_entities([ex("a", ("BT", "ORG"), ("BT", "ORG"), ("BT", "GPE")), ex("b", ("Bhutan", "GPE"))])
    e = entity(res, "a", 0)
    assert e.type == "ORG" and e.label == "BT" and same(res, ("a", 0), ("a", 2)) and not same(res, ("a", 0), ("b", 0))


def test_a_city_name_in_company_context_is_a_company():
    res = resolve_entities([exc("a", ("Nokia", "GPE", 0, "Nokia", "name", "ORG"), ("Nokia", "ORG"), ("Nokia", "GPE"))])
    assert entity(res, "a", 0).type == "ORG"


def test_a_longer_company_name_in_the_article_beats_the_gazetteer():
    res = resolve_entities([ex("a", ("Santa Fe Pacific Gold", "ORG"), ("Santa Fe", "GPE"))])
    assert same(res, ("a", 0), ("a", 1)) and entity(res, "a", 1).type == "ORG"


def test_kyiv_tagged_person_is_still_the_city():
    res = resolve_entities([ex("a", ("Kyiv", "PERSON"), ("Kyiv", "PERSON"))])
    assert entity(res, "a", 0).type == "GPE"


def test_nations_of_the_uk_stay_apart_from_it():
    res = resolve_entities([ex("a", ("England", "GPE"), ("England", "GPE", 1, "English", "demonym"), ("United Kingdom", "GPE"))])
    assert same(res, ("a", 0), ("a", 1)) and not same(res, ("a", 0), ("a", 2))


def test_product_votes_make_a_product():
    res = resolve_entities([exc("a", ("Xbox", "ORG", 0, "Xbox", "name", "PRODUCT"), ("Xbox", "PRODUCT"))])
    assert entity(res, "a", 0).type == "PRODUCT"


def test_a_rarely_seen_name_that_reads_as_a_person_is_one():
    res = resolve_entities([ex("a", ("Annie Oakley", "ORG")), ex("b", ("Virginia Tech", "ORG"), ("Virginia Tech", "ORG"),
                                                                     ("Virginia Tech", "ORG")), ex("c", ("Morgan Bank", "ORG"))])
    assert entity(res, "a", 0).type == "PERSON"
    assert entity(res, "b", 0).type == "ORG" and entity(res, "c", 0).type == "ORG"


def test_given_name_spelled_two_ways_with_a_long_surname():
    from kg.resolve.people import fuzzy_pairs, person_key

    keys = [person_key(n) for n in ("Kristen Wilkins", "Kristin Wilkins", "Michael Jackson", "Michelle Jackson",
                                     "Maria Rossiter", "Mario Rossiter", "Dan Wilkins", "Don Wilkins")]
    assert fuzzy_pairs(keys) == [(person_key("Kristen Wilkins"), person_key("Kristin Wilkins"))]


def test_senior_suffix_is_left_out_of_the_surname_junior_is_not():
    from kg.resolve.people import person_key

    assert person_key("W. Mark Felt Sr") == person_key("W. Mark Felt")
    assert person_key("Mark Felt Jr") != person_key("Mark Felt")


@pytest.mark.parametrize("a, b", [("Mt Cook", "Mount Cook"), ("Mt. Cook", "Mount Cook"), ("Kennedy Space Centre", "Kennedy Space Center")])
def test_word_variants_fold_to_one_key(a, b):
    from kg.resolve.orgs import org_fold

    assert org_fold(a) == org_fold(b)


def test_labour_and_labor_parties_stay_two():
    from kg.resolve.orgs import org_fold

    assert org_fold("Labour Party") != org_fold("Labor Party")


def test_a_newspaper_the_model_calls_a_person_is_no_person():
    res = resolve_entities([ex("a", ("Sydney Morning Herald", "PERSON"), ("Sydney Morning Herald", "PERSON")),
                            ex("b", ("Sydney Morning Herald", "ORG"))])
    assert entity(res, "a", 0).type == "ORG"


def test_people_named_like_words_stay_people():
    res = resolve_entities([ex("a", ("Kristen Wilkins", "PERSON")), ex("b", ("Kristin Wilkins", "PERSON"))])
    assert same(res, ("a", 0), ("b", 0)) and entity(res, "a", 0).type == "PERSON"


def test_a_two_letter_code_the_model_calls_a_place_is_no_country():
    res = resolve_entities([ex("a", ("BT", "GPE"), ("BT", "GPE"), ("BT", "ORG")), ex("b", ("Bhutan", "GPE"))])
    assert entity(res, "a", 0).label == "BT" and not same(res, ("a", 0), ("b", 0))
    res = resolve_entities([ex("a", ("UK", "GPE"))])
    assert entity(res, "a", 0).label == "United Kingdom"


def test_a_quoted_nickname_joins_the_name_he_goes_by():
    res = resolve_entities([
        ex("a", ("Luis Gerardo Ortiz", "PERSON", 0, 'Luis Gerardo "Jerry" Ortiz')),
        ex("b", ("Jerry Ortiz", "PERSON"), ("Rosa Ortiz", "PERSON")),
    ])
    assert same(res, ("a", 0), ("b", 0)) and not same(res, ("a", 0), ("b", 1))
    # a nickname that is no one's given name here joins nobody
    res = resolve_entities([ex("a", ("Vincent Gigante", "PERSON", 0, 'Vincent "Chin" Gigante')),
                            ex("b", ("Louis Gigante", "PERSON"))])
    assert not same(res, ("a", 0), ("b", 0))


def test_surnames_that_differ_by_a_silent_e_with_one_given_name():
    res = resolve_entities([ex("a", ("Duncan Rait", "PERSON"), ("Rait", "PERSON")),
                            ex("b", ("Duncan Raite", "PERSON"), ("Raite", "PERSON")), ex("c", ("Susan Raite", "PERSON"))])
    assert same(res, ("a", 0), ("b", 0)) and same(res, ("a", 1), ("b", 1))
    assert not same(res, ("a", 0), ("c", 0))  # another given name: another person
    res = resolve_entities([ex("a", ("Duncan Rait", "PERSON")), ex("b", ("Duncan Raits", "PERSON"))])
    assert not same(res, ("a", 0), ("b", 0))  # only a silent "e" is a spelling


def test_a_person_s_name_spelt_another_way_and_mistyped_joins_the_person():
    res = resolve_entities([ex("a", ("Heydar Alishvandi", "PERSON"), ("Heydar Alishvandi", "PERSON")),
                            ex("b", ("Heydar Alishbandi", "FAC"))])
    assert same(res, ("a", 0), ("b", 0)) and entity(res, "b", 0).type == "PERSON"
    # a name the model calls something else again and again is that thing
    res = resolve_entities([ex("a", ("Heydar Alishvandi", "PERSON")),
                            ex("b", ("Heydar Alishbandi", "FAC"), ("Heydar Alishbandi", "FAC"), ("Heydar Alishbandi", "FAC"))])
    assert not same(res, ("a", 0), ("b", 0))


def test_a_name_without_its_generic_last_word():
    res = resolve_entities([ex("a", ("Staunton Police Department", "ORG")), ex("b", ("Staunton Police", "ORG")),
                            ex("c", ("Qeshm", "GPE"), ("Qeshm Island", "LOC"))])
    assert same(res, ("a", 0), ("b", 0)) and same(res, ("c", 0), ("c", 1))
    # one word is no organisation's name on its own ("Labour" and the "Labour Party" join by other rules, if at all)
    res = resolve_entities([ex("a", ("Staunton Police", "ORG")), ex("b", ("Staunton", "GPE"))])
    assert not same(res, ("a", 0), ("b", 0))


def test_a_country_named_for_its_team_is_not_the_country():
    team = Mention(text="Belgium", name="Belgium", label="ORG", start=0, end=7, sent=0, cue="ORG")
    res = resolve_entities([Extraction(article="a", mentions=(team,), sentences=((0, "s0"),)), ex("b", ("Belgium", "GPE"))])
    assert not same(res, ("a", 0), ("b", 0)) and entity(res, "a", 0).type == "ORG"
    res = resolve_entities([ex("a", ("Belgium", "ORG")), ex("b", ("Belgium", "GPE"))])
    assert same(res, ("a", 0), ("b", 0))  # the model's ORG alone does not outweigh the gazetteer


def test_a_continent_or_a_us_state_is_no_town_abroad_of_the_same_name(tmp_path):
    from conftest import node_by_label
    from kg.pipeline import build_graph

    (tmp_path / "a.txt").write_text(
        "Sales grew fastest in Asia and in Virginia, the company said. Its plant in Washington is closing. "
        "Demand in South Africa and the Philippines was flat.\n", encoding="utf-8")
    graph = build_graph(str(tmp_path), cache=None)
    for name, abroad in (("Asia", "Philippines"), ("Virginia", "South Africa")):
        node = node_by_label(graph, name)
        assert node is not None and graph.nodes[node]["type"] in ("GPE", "LOC"), name
        assert not [v for _, v, d in graph.out_edges(node, data=True)
                    if d.get("kind") == "gazetteer" and graph.nodes[v]["label"] == abroad], name
    washington = node_by_label(graph, "Washington")
    assert washington is not None and graph.nodes[washington]["type"] == "GPE"


def test_an_honorific_picks_the_namesake_whose_given_name_is_of_its_gender():
    res = resolve_entities([ex("a", ("John Jenkin", "PERSON"), ("Katie Jenkin", "PERSON"),
                               ("Jenkin", "PERSON", 2, "Miss Jenkin"), ("Jenkin", "PERSON", 3, "Mr Jenkin"))])
    assert same(res, ("a", 1), ("a", 2)) and same(res, ("a", 0), ("a", 3))
    assert not same(res, ("a", 0), ("a", 1))


def test_a_given_name_both_genders_bear_lends_no_gender():
    res = resolve_entities([ex("a", ("Jordan Jenkin", "PERSON"), ("Leslie Jenkin", "PERSON"), ("Katie Jenkin", "PERSON"),
                               ("Jenkin", "PERSON", 3, "Mr Jenkin"))])
    # Katie is no Mr Jenkin; Jordan and Leslie may each be: the surname stays apart
    assert not any(same(res, ("a", 3), ("a", i)) for i in range(3))


def test_an_organisation_named_after_a_place_or_person_is_also_named_without_it():
    res = resolve_entities([ex("a", ("United Kingdom Home Office", "ORG"), ("Home Office", "ORG")),
                            ex("b", ("Steven F. Udvar-Hazy Center", "PERSON"), ("Udvar-Hazy Center", "ORG"))])
    assert same(res, ("a", 0), ("a", 1)) and same(res, ("b", 0), ("b", 1))
    assert entity(res, "b", 0).type == "ORG"


def test_a_tail_form_two_longer_names_end_with_joins_neither():
    res = resolve_entities([ex("a", ("United States Air Force", "ORG"), ("Iraq Air Force", "ORG"), ("Air Force", "ORG"))])
    assert not same(res, ("a", 2), ("a", 0)) and not same(res, ("a", 2), ("a", 1))


@pytest.mark.parametrize("short, long, expected", [
    ("Home Office", "UK Home Office", True),
    ("Stock Exchange", "New York Stock Exchange", True),
    ("Kennedy Space Center", "John F. Kennedy Space Center", True),
    ("Motor Company", "Ford Motor Company", False),  # a given name alone may be the firm's own name
    ("National Party", "Scottish National Party", False),  # a demonym is part of the name
    ("Office", "UK Home Office", False),  # one word: every name ends with some word
    ("Home Office", "Home Office", False),
])
def test_tail_forms(short, long, expected):
    from kg.resolve.orgs import tail_form_of

    assert tail_form_of(short, long) is expected


def test_an_acronym_defined_after_a_place_joins_the_whole_name():
    res = resolve_entities([exc("a", ("US Equal Employment Opportunity Commission", "ORG"), ("EEOC", "ORG"),
                                acronyms=(("EEOC", "US Equal Employment Opportunity Commission"),))])
    assert same(res, ("a", 0), ("a", 1))


def test_a_firm_is_not_its_product_named_after_it():
    res = resolve_entities([ex("a", ("Apple", "ORG"), ("Apple iPod", "ORG"), ("iPod", "ORG")),
                            ex("b", ("Morningside Recovery Center", "ORG"), ("Morningside", "ORG"))])
    assert not same(res, ("a", 0), ("a", 1)) and same(res, ("b", 0), ("b", 1))


def test_a_towns_name_still_stands_for_its_team_named_alone_too():
    res = resolve_entities([exc("a", ("Indianapolis Colts", "ORG"), ("Indianapolis", "ORG", 1, "Indianapolis", "name", "ORG"),
                                ("Colts", "ORG"))])
    assert same(res, ("a", 0), ("a", 1)) and same(res, ("a", 0), ("a", 2))


def test_a_given_name_before_a_word_the_model_calls_a_person_alone_makes_a_person_whatever_its_label():
    # "Ed Balls hinted at a Budget giveaway" (NORP), then "Mr Balls" as a person
    res = resolve_entities([ex("a", ("Ed Balls", "NORP"), ("Balls", "PERSON"), ("Balls", "PERSON"), ("Balls", "PERSON"))])
    assert entity(res, "a", 0).type == "PERSON" and same(res, ("a", 0), ("a", 1))


def test_a_name_its_context_calls_an_organisation_stays_one_whatever_its_surname_does_elsewhere():
    # "a deal with literary agency Curtis Brown", and Gordon Brown's "Brown" in other articles
    agency = Mention("Curtis Brown", "Curtis Brown", "ORG", 0, 12, 0, cue="ORG")
    res = resolve_entities([Extraction(article="a", mentions=(agency,), sentences=((0, "s0"),)),
                            ex("b", ("Gordon Brown", "PERSON"), ("Brown", "PERSON"), ("Brown", "PERSON"), ("Brown", "PERSON"))])
    assert entity(res, "a", 0).type == "ORG"


def test_a_word_the_model_calls_a_person_only_now_and_then_makes_no_surname():
    res = resolve_entities([ex("a", ("Morgan Stanley", "ORG"), ("Morgan Stanley", "ORG"), ("Morgan Stanley", "ORG"),
                               ("Stanley", "PERSON"), ("Stanley", "ORG"), ("Stanley", "ORG"))])
    assert entity(res, "a", 0).type == "ORG"


def test_a_lone_surname_bridges_to_another_article_only_as_that_article_spells_it():
    res = resolve_entities([ex("a", ("Adam Curry", "PERSON"), ("Curry", "PERSON")),
                            ex("b", ("Currie", "PERSON"), ("Currie", "PERSON")),
                            ex("c", ("Curry", "PERSON"))])
    assert not same(res, ("a", 0), ("b", 0))
    assert same(res, ("a", 0), ("c", 0))


def test_two_model_numbers_of_one_name_stay_two_things_though_a_short_form_joins_each():
    res = resolve_entities([ex("a", ("PlayStation 2", "PRODUCT"), ("PlayStation", "PRODUCT")),
                            ex("b", ("PlayStation 3", "PRODUCT"), ("PlayStation", "PRODUCT"))])
    assert not same(res, ("a", 0), ("b", 0))
    assert same(res, ("a", 0), ("a", 1)) or same(res, ("b", 0), ("b", 1))


def test_a_name_misspelt_once_joins_the_entity_its_article_spells_it_for():
    res = resolve_entities([ex("a", ("Kathryn Waters", "PERSON"), ("Waters", "PERSON"), ("Water", "PERSON"))])
    assert same(res, ("a", 0), ("a", 2))
    assert any("Water + Kathryn Waters: a one-letter misspelling" in m for m in entity(res, "a", 0).merges)
    res = resolve_entities([ex("a", ("United Nations", "ORG")), ex("b", ("United Nations", "ORG"), ("Untied Nations", "ORG"))])
    assert same(res, ("b", 0), ("b", 1))  # its article names the UN once, the corpus twice


def test_names_a_slip_apart_stay_apart_when_written_on_purpose_or_ambiguous():
    cases = [
        [ex("a", ("Kathryn Waters", "PERSON"), ("Waters", "PERSON"), ("Water", "PERSON"), ("Water", "PERSON"))],  # twice
        [ex("a", ("Iran", "GPE"), ("Iran", "GPE"), ("Iraq", "GPE"))],  # short, and places
        [ex("a", ("PlayStation 2", "PRODUCT"), ("PlayStation 2", "PRODUCT"), ("PlayStation 3", "PRODUCT"))],
        [ex("a", ("Texas", "GPE"), ("Texas", "GPE"), ("Texans", "NORP"))],  # a nationality
        [ex("a", ("Jane Hansen", "PERSON"), ("Hansen", "PERSON"), ("Tom Hanson", "PERSON"), ("Hanson", "PERSON"),
            ("Hansn", "PERSON"))],  # one slip from two people
        [ex("a", ("Morgan Stanley", "ORG"), ("Morgan Stanley", "ORG")), ex("b", ("Morgan Stanely", "ORG"))],  # elsewhere
        [ex("a", ("Kathryn Waters", "PERSON"), ("Water", "ORG"))],  # another family, and named once
    ]
    for extractions in cases:
        res = resolve_entities(extractions)
        last_article = extractions[-1].article
        last = len(extractions[-1].mentions) - 1
        assert not same(res, (extractions[0].article, 0), (last_article, last)), extractions
        assert not any("misspelling" in m for e in res.entities.values() for m in e.merges), extractions


def test_a_romanised_chinese_or_korean_name_the_model_calls_a_firm_is_a_person():
    res = resolve_entities([ex("a", ("Lam Cheuk-ting", "ORG"), ("Moon Jae-in", "GPE"), ("Coca-cola Hellenic", "ORG"))])
    assert [entity(res, "a", i).type for i in range(3)] == ["PERSON", "PERSON", "ORG"]
