"""Statements on hand-built parses: venue, addressee, interview, stated outcome, quote."""
from __future__ import annotations

import pytest

from test_roles import doc_from, edges, run


def test_wrote_in_a_newspaper_keeps_the_quote():
    # '" Peace now , " Starmer wrote in the Daily Telegraph .'
    doc = doc_from([
        ('"', 6, "punct", "PUNCT", "``", '"', "O"),
        ("Peace", 6, "ccomp", "NOUN", "NN", "peace", "O"),
        ("now", 1, "advmod", "ADV", "RB", "now", "O"),
        (",", 6, "punct", "PUNCT", ",", ",", "O"),
        ('"', 6, "punct", "PUNCT", "''", '"', "O"),
        ("Starmer", 6, "nsubj", "PROPN", "NNP", "Starmer", "B-PERSON"),
        ("wrote", 6, "ROOT", "VERB", "VBD", "write", "O"),
        ("in", 6, "prep", "ADP", "IN", "in", "O"),
        ("the", 10, "det", "DET", "DT", "the", "B-ORG"),
        ("Daily", 10, "compound", "PROPN", "NNP", "Daily", "I-ORG"),
        ("Telegraph", 7, "pobj", "PROPN", "NNP", "Telegraph", "I-ORG"),
        (".", 6, "punct", "PUNCT", ".", ".", "O"),
    ])
    mentions, relations = run(doc)
    assert edges(mentions, relations, "statement") == {("Starmer", "wrote in", "Daily Telegraph", False)}
    assert [r.quote for r in relations if r.kind == "statement"] == ["Peace now ,"]


def test_told_an_addressee_through_a_participle_clause():
    # "Zelensky refused , telling the Associated Press ."
    doc = doc_from([
        ("Zelensky", 1, "nsubj", "PROPN", "NNP", "Zelensky", "B-PERSON"),
        ("refused", 1, "ROOT", "VERB", "VBD", "refuse", "O"),
        (",", 1, "punct", "PUNCT", ",", ",", "O"),
        ("telling", 1, "advcl", "VERB", "VBG", "tell", "O"),
        ("the", 6, "det", "DET", "DT", "the", "B-ORG"),
        ("Associated", 6, "compound", "PROPN", "NNP", "Associated", "I-ORG"),
        ("Press", 3, "dobj", "PROPN", "NNP", "Press", "I-ORG"),
        (".", 1, "punct", "PUNCT", ".", ".", "O"),
    ])
    mentions, relations = run(doc)
    assert edges(mentions, relations, "statement") == {("Zelensky", "told", "Associated Press", False)}


def test_interview_with_a_broadcaster():
    # "In an interview with Fox News , Witkoff confirmed talks ."
    doc = doc_from([
        ("In", 8, "prep", "ADP", "IN", "in", "O"),
        ("an", 2, "det", "DET", "DT", "an", "O"),
        ("interview", 0, "pobj", "NOUN", "NN", "interview", "O"),
        ("with", 2, "prep", "ADP", "IN", "with", "O"),
        ("Fox", 5, "compound", "PROPN", "NNP", "Fox", "B-ORG"),
        ("News", 3, "pobj", "PROPN", "NNP", "News", "I-ORG"),
        (",", 8, "punct", "PUNCT", ",", ",", "O"),
        ("Witkoff", 8, "nsubj", "PROPN", "NNP", "Witkoff", "B-PERSON"),
        ("confirmed", 8, "ROOT", "VERB", "VBD", "confirm", "O"),
        ("talks", 8, "dobj", "NOUN", "NNS", "talk", "O"),
        (".", 8, "punct", "PUNCT", ".", ".", "O"),
    ])
    mentions, relations = run(doc)
    assert edges(mentions, relations, "statement") == {("Witkoff", "interviewed by", "Fox News", False)}


def test_a_place_is_not_a_venue():
    # "Starmer said in Paris ."
    doc = doc_from([
        ("Starmer", 1, "nsubj", "PROPN", "NNP", "Starmer", "B-PERSON"),
        ("said", 1, "ROOT", "VERB", "VBD", "say", "O"),
        ("in", 1, "prep", "ADP", "IN", "in", "O"),
        ("Paris", 2, "pobj", "PROPN", "NNP", "Paris", "B-GPE"),
        (".", 1, "punct", "PUNCT", ".", ".", "O"),
    ])
    mentions, relations = run(doc)
    assert edges(mentions, relations) == set()


def test_stated_outcome_of_an_agentless_passive_keeps_negation():
    # "Hegseth stated that troops would not be sent to Ukraine ."
    doc = doc_from([
        ("Hegseth", 1, "nsubj", "PROPN", "NNP", "Hegseth", "B-PERSON"),
        ("stated", 1, "ROOT", "VERB", "VBD", "state", "O"),
        ("that", 7, "mark", "SCONJ", "IN", "that", "O"),
        ("troops", 7, "nsubjpass", "NOUN", "NNS", "troop", "O"),
        ("would", 7, "aux", "AUX", "MD", "would", "O"),
        ("not", 7, "neg", "PART", "RB", "not", "O"),
        ("be", 7, "auxpass", "AUX", "VB", "be", "O"),
        ("sent", 1, "ccomp", "VERB", "VBN", "send", "O"),
        ("to", 7, "prep", "ADP", "IN", "to", "O"),
        ("Ukraine", 8, "pobj", "PROPN", "NNP", "Ukraine", "B-GPE"),
        (".", 1, "punct", "PUNCT", ".", ".", "O"),
    ])
    mentions, relations = run(doc)
    assert edges(mentions, relations) == {("Hegseth", "send troops to", "Ukraine", True)}
    assert {r.kind for r in relations} == {"statement"}


def test_a_stated_outcome_keeps_the_hedge_of_its_own_clause(nlp):
    from conftest import relations_in

    text = "Any countries that do not comply could be dragged to the World Trade Organisation, the EU warned."
    assert ("EU", "statement", "World Trade Organisation", "could") in relations_in(nlp, text)


def test_an_open_question_states_no_outcome(nlp):
    from conftest import relations_in

    text = ("Michael Stephenson would not confirm however whether the new info cards ID system will be built into "
            "Microsoft's Longhorn.")
    assert not {r for r in relations_in(nlp, text) if r[0] == "Michael Stephenson"}


@pytest.mark.parametrize("text, expected", [
    ("Mr Greenspan said the US trade deficit is set to stabilise.", {("Greenspan", "said about", "US")}),
    ("Mike Powell says BA's surcharge revenues fall short of its fuel costs.", {("Mike Powell", "said about", "BA")}),
    # where it happened is no subject of the claim
    ("Xinhua said the crackdown on internet cafes in China was meant to create a safer environment.", set()),
])
def test_a_speaker_said_something_about_the_names_of_the_reported_clause(nlp, text, expected):
    from kg.extract.article import extract_doc

    mentions, rels, _, _ = extract_doc(nlp(text))
    found = {(mentions[r.subject].name, r.relation, mentions[r.object].name) for r in rels if r.kind == "statement"}
    assert found == expected, found


def test_no_claim_about_a_pronoun_or_a_nationality():
    from test_roles import doc_from, run

    # "Smith said American troops would help him ." -- "American" a nationality, "him" a pronoun
    doc = doc_from([
        ("Smith", 1, "nsubj", "PROPN", "NNP", "Smith", "B-PERSON"),
        ("said", 1, "ROOT", "VERB", "VBD", "say", "O"),
        ("American", 3, "amod", "ADJ", "JJ", "american", "B-NORP"),
        ("troops", 5, "nsubj", "NOUN", "NNS", "troop", "O"),
        ("would", 5, "aux", "AUX", "MD", "would", "O"),
        ("help", 1, "ccomp", "VERB", "VB", "help", "O"),
        ("him", 5, "dobj", "PRON", "PRP", "he", "O"),
        (".", 1, "punct", "PUNCT", ".", ".", "O"),
    ])
    mentions, relations = run(doc, {"American": "United States"})
    assert not [r for r in relations if r.relation == "said about"], relations
