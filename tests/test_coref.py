"""Pronoun and bare-title resolution on hand-built parses."""
from __future__ import annotations

from test_roles import doc_from, edges, run

HEGSETH = [
    ("Pete", 1, "compound", "PROPN", "NNP", "Pete", "B-PERSON"),
    ("Hegseth", 2, "nsubj", "PROPN", "NNP", "Hegseth", "I-PERSON"),
    ("spoke", 2, "ROOT", "VERB", "VBD", "speak", "O"),
    (".", 2, "punct", "PUNCT", ".", ".", "O"),
]


def _he_sent(base: int) -> list:
    # "He sent troops to Ukraine ."
    return [
        ("He", base + 1, "nsubj", "PRON", "PRP", "he", "O"),
        ("sent", base + 1, "ROOT", "VERB", "VBD", "send", "O"),
        ("troops", base + 1, "dobj", "NOUN", "NNS", "troop", "O"),
        ("to", base + 1, "prep", "ADP", "IN", "to", "O"),
        ("Ukraine", base + 3, "pobj", "PROPN", "NNP", "Ukraine", "B-GPE"),
        (".", base + 1, "punct", "PUNCT", ".", ".", "O"),
    ]


def test_pronoun_resolves_to_the_only_person_of_the_previous_sentence():
    mentions, relations = run(doc_from(HEGSETH + _he_sent(4)))
    refs = [m for m in mentions if m.kind == "pronoun"]
    assert [(m.text, m.name, m.label, m.sent) for m in refs] == [("He", "Pete Hegseth", "PERSON", 1)]
    assert edges(mentions, relations, "action") == {("Pete Hegseth", "send troops to", "Ukraine", False)}


def test_pronoun_is_left_out_when_two_people_are_equally_likely():
    # "Trump and Putin spoke . He sent troops to Ukraine ."
    doc = doc_from([
        ("Trump", 3, "nsubj", "PROPN", "NNP", "Trump", "B-PERSON"),
        ("and", 0, "cc", "CCONJ", "CC", "and", "O"),
        ("Putin", 0, "conj", "PROPN", "NNP", "Putin", "B-PERSON"),
        ("spoke", 3, "ROOT", "VERB", "VBD", "speak", "O"),
        (".", 3, "punct", "PUNCT", ".", ".", "O"),
    ] + _he_sent(5))
    mentions, relations = run(doc)
    assert [m for m in mentions if m.kind == "pronoun"] == []
    assert {e for e in edges(mentions, relations) if e[2] == "Ukraine"} == set()


def test_pronoun_prefers_the_main_subject_and_respects_gender():
    # "Mrs May met Trump . He sent troops to Ukraine ." -> He is Trump (May is "Mrs")
    doc = doc_from([
        ("Mrs", 1, "compound", "PROPN", "NNP", "Mrs", "O"),
        ("May", 2, "nsubj", "PROPN", "NNP", "May", "B-PERSON"),
        ("met", 2, "ROOT", "VERB", "VBD", "meet", "O"),
        ("Trump", 2, "dobj", "PROPN", "NNP", "Trump", "B-PERSON"),
        (".", 2, "punct", "PUNCT", ".", ".", "O"),
    ] + _he_sent(5))
    mentions, relations = run(doc)
    assert [m.name for m in mentions if m.kind == "pronoun"] == ["Trump"]


def test_bare_title_resolves_to_the_one_person_given_it():
    # "Prime Minister Keir Starmer spoke . The prime minister sent troops to Ukraine ."
    doc = doc_from([
        ("Prime", 1, "compound", "PROPN", "NNP", "Prime", "O"),
        ("Minister", 3, "compound", "PROPN", "NNP", "Minister", "O"),
        ("Keir", 3, "compound", "PROPN", "NNP", "Keir", "B-PERSON"),
        ("Starmer", 4, "nsubj", "PROPN", "NNP", "Starmer", "I-PERSON"),
        ("spoke", 4, "ROOT", "VERB", "VBD", "speak", "O"),
        (".", 4, "punct", "PUNCT", ".", ".", "O"),
        ("The", 8, "det", "DET", "DT", "the", "O"),
        ("prime", 8, "amod", "ADJ", "JJ", "prime", "O"),
        ("minister", 9, "nsubj", "NOUN", "NN", "minister", "O"),
        ("sent", 9, "ROOT", "VERB", "VBD", "send", "O"),
        ("troops", 9, "dobj", "NOUN", "NNS", "troop", "O"),
        ("to", 9, "prep", "ADP", "IN", "to", "O"),
        ("Ukraine", 11, "pobj", "PROPN", "NNP", "Ukraine", "B-GPE"),
        (".", 9, "punct", "PUNCT", ".", ".", "O"),
    ])
    mentions, relations = run(doc)
    assert [(m.text, m.name, m.kind) for m in mentions if m.kind == "title"] == [("prime minister", "Keir Starmer", "title")]
    assert edges(mentions, relations, "action") == {("Keir Starmer", "send troops to", "Ukraine", False)}


def test_bare_title_held_by_two_people_is_left_out():
    # "President Trump met President Putin . The president sent troops to Ukraine ."
    doc = doc_from([
        ("President", 1, "compound", "PROPN", "NNP", "President", "O"),
        ("Trump", 2, "nsubj", "PROPN", "NNP", "Trump", "B-PERSON"),
        ("met", 2, "ROOT", "VERB", "VBD", "meet", "O"),
        ("President", 4, "compound", "PROPN", "NNP", "President", "O"),
        ("Putin", 2, "dobj", "PROPN", "NNP", "Putin", "B-PERSON"),
        (".", 2, "punct", "PUNCT", ".", ".", "O"),
        ("The", 7, "det", "DET", "DT", "the", "O"),
        ("president", 8, "nsubj", "NOUN", "NN", "president", "O"),
        ("sent", 8, "ROOT", "VERB", "VBD", "send", "O"),
        ("troops", 8, "dobj", "NOUN", "NNS", "troop", "O"),
        ("to", 8, "prep", "ADP", "IN", "to", "O"),
        ("Ukraine", 10, "pobj", "PROPN", "NNP", "Ukraine", "B-GPE"),
        (".", 8, "punct", "PUNCT", ".", ".", "O"),
    ])
    mentions, relations = run(doc)
    assert [m for m in mentions if m.kind == "title"] == []
    assert edges(mentions, relations, "action") == {("Trump", "meet", "Putin", False)}
