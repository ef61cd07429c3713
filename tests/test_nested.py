"""Places named inside an organisation's or a building's name (kg/extract/nested.py)."""
from __future__ import annotations

import pytest

from conftest import typed_relations
from kg.extract.nested import extract_nested_places
from kg.model import Mention


def _mention(text: str, name: str, label: str, sent: int = 0) -> Mention:
    start = text.index(name)
    return Mention(text=name, name=name, label=label, start=start, end=start + len(name), sent=sent)


TEXT = "Staff of the University of Sheffield, the Toronto Star and the Volgograd Arena met Acme Phoenix Ltd."


def test_a_place_opening_a_name_or_closing_it_after_of_is_found_with_its_relation():
    mentions = [_mention(TEXT, "University of Sheffield", "ORG"), _mention(TEXT, "Toronto Star", "ORG"),
                _mention(TEXT, "Volgograd Arena", "FAC")]
    found = list(extract_nested_places(mentions, TEXT))
    assert [(p.name, p.label, p.cue, TEXT[p.start:p.end]) for p, _ in found] == [
        ("Sheffield", "GPE", "GPE", "Sheffield"), ("Toronto", "GPE", "GPE", "Toronto"), ("Volgograd", "GPE", "GPE", "Volgograd")]
    assert [(r.subject, r.object, r.rtype) for _, r in found] == [(0, 3, "based_in"), (1, 4, "based_in"), (2, 5, "located_in")]


def test_no_place_for_a_person_a_place_alone_a_place_named_beside_it_or_a_place_inside_a_word():
    text = "Paris Hilton, Toronto, the Toronto Star in Toronto and Acme Phoenix Ltd."
    mentions = [Mention(text="Paris Hilton", name="Paris Hilton", label="PERSON", start=0, end=12, sent=0),
                Mention(text="Toronto", name="Toronto", label="GPE", start=14, end=21, sent=0),
                Mention(text="Toronto Star", name="Toronto Star", label="ORG", start=27, end=39, sent=0),
                Mention(text="Acme Phoenix Ltd", name="Acme Phoenix Ltd", label="ORG", start=55, end=71, sent=0)]
    assert list(extract_nested_places(mentions, text)) == []


def test_no_place_where_the_article_uses_the_name_for_an_organisation():
    text = "The Indianapolis Colts won. Indianapolis beat Houston."
    mentions = [Mention(text="Indianapolis Colts", name="Indianapolis Colts", label="ORG", start=4, end=22, sent=0),
                Mention(text="Indianapolis", name="Indianapolis", label="ORG", start=28, end=40, sent=1, cue="ORG")]
    assert list(extract_nested_places(mentions, text)) == []


def test_no_place_inside_a_team_name():
    text = "The Indianapolis Colts won."
    for label in ("ORG", "FAC"):
        mentions = [Mention(text="Indianapolis Colts", name="Indianapolis Colts", label=label, start=4, end=22, sent=0)]
        assert list(extract_nested_places(mentions, text)) == []


def test_no_place_where_the_article_writes_the_name_alone_even_untagged():
    text = "Fans filled the Toronto Stadium. Toronto won again."
    mentions = [Mention(text="Toronto Stadium", name="Toronto Stadium", label="FAC", start=16, end=31, sent=0)]
    assert list(extract_nested_places(mentions, text)) == []


def test_a_town_too_small_to_outweigh_a_company_name_is_no_place():
    text = "Santa Fe Pacific Gold rose."
    mentions = [Mention(text="Santa Fe Pacific Gold", name="Santa Fe Pacific Gold", label="ORG", start=0, end=21, sent=0)]
    assert list(extract_nested_places(mentions, text)) == []


def test_a_place_a_places_name_opens_where_the_name_says_it_lies_there():
    text = "Votes in Kowloon West and Mexico City were counted."
    mentions = [_mention(text, "Kowloon West", "LOC"), _mention(text, "Mexico City", "GPE")]
    found = list(extract_nested_places(mentions, text))
    assert [(p.name, p.label, text[p.start:p.end]) for p, _ in found] == [("Kowloon", "GPE", "Kowloon"),
                                                                         ("Mexico", "GPE", "Mexico")]
    assert [(r.subject, r.object, r.rtype) for _, r in found] == [(0, 2, "located_in"), (1, 3, "located_in")]


@pytest.mark.parametrize("name", ["New York State", "Jersey City", "South Georgia", "Kansas City", "Kowloon"])
def test_no_place_in_a_places_name_that_does_not_say_it_lies_there(name):
    # a state named after its city, a city not in the country its first word names, a compass word before the name
    text = f"Snow fell on {name} today."
    assert list(extract_nested_places([_mention(text, name, "GPE")], text)) == []


def test_a_compass_word_before_the_place_closing_an_institutions_name_is_the_regions():
    text = "The exhibit opened at the University of Southern Indiana."
    found = list(extract_nested_places([_mention(text, "University of Southern Indiana", "ORG")], text))
    assert [(p.name, text[p.start:p.end]) for p, _ in found] == [("Southern Indiana", "Southern Indiana")]


def test_end_to_end_the_university_is_based_in_its_city(nlp):
    text = "She studied at the University of Sheffield for three years."
    assert ("University of Sheffield", "Sheffield") in typed_relations(nlp, text, "based_in")


@pytest.mark.parametrize("text, pair", [
    ("She studied at the University of Sheffield for three years.", ("University of Sheffield", "Sheffield")),
    ("The Texas Department of Agriculture said Texas farms were dry.", ("Texas Department of Agriculture", "Texas")),
])
def test_a_base_read_from_the_name_says_so_in_its_phrase(nlp, text, pair):
    from kg.extract.article import extract_doc

    mentions, rels, _, _ = extract_doc(nlp(text))
    # what the department said is about Texas too (a statement); the base is read from the name
    phrases = {r.relation for r in rels if (mentions[r.subject].name, mentions[r.object].name) == pair
               and r.kind != "statement"}
    assert phrases == {"based in (by its name)"}, phrases


def test_a_built_graph_keeps_the_state_apart_from_the_institute_and_types_the_city_a_place(tmp_path):
    from conftest import node_by_label
    from kg.pipeline import build_graph

    (tmp_path / "a.txt").write_text(
        "Researchers at the Massachusetts Institute of Technology published the study on Monday.\n\n"
        "The final was played at the Volgograd Arena, where the Volgograd Arena staff cheered.\n", encoding="utf-8")
    graph = build_graph(str(tmp_path), cache=None)
    institute, state, city = (node_by_label(graph, n) for n in
                              ("Massachusetts Institute of Technology", "Massachusetts", "Volgograd"))
    assert institute and state and city and institute != state
    assert graph.nodes[institute]["type"] == "ORG" and graph.nodes[city]["type"] == "GPE"
    assert "Massachusetts" not in str(graph.nodes[institute].get("aliases", "")).split(" | ")
    assert [d["type"] for _, v, d in graph.out_edges(institute, data=True) if v == state] == ["based_in"]
