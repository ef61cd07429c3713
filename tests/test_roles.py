"""Roles and titles on hand-built parses (the rules, not the model); helpers shared by the relation tests."""
from __future__ import annotations

from collections.abc import Sequence

import pytest
import spacy
from spacy.tokens import Doc

from conftest import relations_in
from kg.extract.actions import extract_actions
from kg.extract.coref import extract_references
from kg.extract.phrases import TokenMentions
from kg.extract.roles import extract_roles, find_roles, title_matcher, titles_by_mention
from kg.extract.sentences import SentenceIndex
from kg.extract.statements import extract_statements
from kg.model import Mention, Relation

VOCAB = spacy.blank("en").vocab
Row = tuple[str, int, str, str, str, str, str]  # word, head index, dep, pos, tag, lemma, IOB entity


def doc_from(rows: Sequence[Row]) -> Doc:
    words, heads, deps, pos, tags, lemmas, ents = (list(x) for x in zip(*rows))
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas, ents=ents)


def mentions_of(doc: Doc, demonyms: dict[str, str] | None = None) -> list[Mention]:
    """Mentions as kg.extract.mentions makes them: demonyms become country mentions."""
    demonyms = demonyms or {}
    index = SentenceIndex(doc)
    out = []
    for ent in doc.ents:
        text = ent.text[4:] if ent.text.startswith("the ") else ent.text
        kind = "demonym" if text in demonyms else "name"
        out.append(Mention(text=ent.text, name=demonyms.get(text, text), label="GPE" if kind == "demonym" else ent.label_,
                           start=ent.start_char, end=ent.end_char, sent=index.of(ent.start), kind=kind))
    return out


def run(doc: Doc, demonyms: dict[str, str] | None = None) -> tuple[list[Mention], list[Relation]]:
    """The relation steps as kg.extract.extract_doc runs them."""
    named = mentions_of(doc, demonyms)
    sentences = SentenceIndex(doc)
    findings = find_roles(doc, named, sentences=sentences)
    titles = titles_by_mention(findings)
    named = [Mention(**{**m.__dict__, "titles": titles.get(i, ())}) for i, m in enumerate(named)]
    mentions = named + list(extract_references(doc, named, sentences=sentences, findings=findings))
    index = TokenMentions(doc, mentions)
    relations = [*extract_roles(doc, mentions, sentences=sentences, findings=findings),
                 *extract_actions(doc, mentions, sentences=sentences, index=index),
                 *extract_statements(doc, mentions, sentences=sentences, index=index)]
    return mentions, relations


def edges(mentions: Sequence[Mention], relations: Sequence[Relation], kind: str | None = None) -> set[tuple]:
    return {(mentions[r.subject].name, r.relation, mentions[r.object].name, r.negated)
            for r in relations if kind is None or r.kind == kind}


# "French President Emmanuel Macron convened talks ."
MACRON = [
    ("French", 1, "amod", "ADJ", "JJ", "french", "B-NORP"),
    ("President", 3, "compound", "PROPN", "NNP", "President", "O"),
    ("Emmanuel", 3, "compound", "PROPN", "NNP", "Emmanuel", "B-PERSON"),
    ("Macron", 4, "nsubj", "PROPN", "NNP", "Macron", "I-PERSON"),
    ("convened", 4, "ROOT", "VERB", "VBD", "convene", "O"),
    ("talks", 4, "dobj", "NOUN", "NNS", "talk", "O"),
    (".", 4, "punct", "PUNCT", ".", ".", "O"),
]


def test_title_before_name_gives_role_of_demonym_country_and_title():
    mentions, relations = run(doc_from(MACRON), {"French": "France"})
    assert edges(mentions, relations, "role") == {("Emmanuel Macron", "president of", "France", False)}
    assert [m.titles for m in mentions if m.name == "Emmanuel Macron"] == [("president",)]


def test_possessive_title_in_apposition_before_name():
    # "Russia 's foreign minister , Sergey Lavrov , will attend ."
    doc = doc_from([
        ("Russia", 3, "poss", "PROPN", "NNP", "Russia", "B-GPE"),
        ("'s", 0, "case", "PART", "POS", "'s", "O"),
        ("foreign", 3, "amod", "ADJ", "JJ", "foreign", "O"),
        ("minister", 10, "nsubj", "NOUN", "NN", "minister", "O"),
        (",", 3, "punct", "PUNCT", ",", ",", "O"),
        ("Sergey", 6, "compound", "PROPN", "NNP", "Sergey", "B-PERSON"),
        ("Lavrov", 3, "appos", "PROPN", "NNP", "Lavrov", "I-PERSON"),
        (",", 3, "punct", "PUNCT", ",", ",", "O"),
        ("will", 10, "aux", "AUX", "MD", "will", "O"),
        ("soon", 10, "advmod", "ADV", "RB", "soon", "O"),
        ("attend", 10, "ROOT", "VERB", "VB", "attend", "O"),
        (".", 10, "punct", "PUNCT", ".", ".", "O"),
    ])
    mentions, relations = run(doc)
    assert edges(mentions, relations, "role") == {("Sergey Lavrov", "foreign minister of", "Russia", False)}


def test_apposition_after_name_with_of_and_acronym_labelled_person():
    # "John Sawers , former head of MI6 , warned ." -- the model calls MI6 a PERSON
    doc = doc_from([
        ("John", 1, "compound", "PROPN", "NNP", "John", "B-PERSON"),
        ("Sawers", 8, "nsubj", "PROPN", "NNP", "Sawers", "I-PERSON"),
        (",", 1, "punct", "PUNCT", ",", ",", "O"),
        ("former", 4, "amod", "ADJ", "JJ", "former", "O"),
        ("head", 1, "appos", "NOUN", "NN", "head", "O"),
        ("of", 4, "prep", "ADP", "IN", "of", "O"),
        ("MI6", 5, "pobj", "PROPN", "NNP", "MI6", "B-PERSON"),
        (",", 1, "punct", "PUNCT", ",", ",", "O"),
        ("warned", 8, "ROOT", "VERB", "VBD", "warn", "O"),
        (".", 8, "punct", "PUNCT", ".", ".", "O"),
    ])
    mentions, relations = run(doc)
    assert edges(mentions, relations, "role") == {("John Sawers", "former head of", "MI6", False)}
    assert mentions[0].titles == ("former head",)


def test_title_without_organisation_is_kept_on_the_mention_only():
    # "Defense Secretary Pete Hegseth spoke ."
    doc = doc_from([
        ("Defense", 1, "compound", "PROPN", "NNP", "Defense", "O"),
        ("Secretary", 3, "compound", "PROPN", "NNP", "Secretary", "O"),
        ("Pete", 3, "compound", "PROPN", "NNP", "Pete", "B-PERSON"),
        ("Hegseth", 4, "nsubj", "PROPN", "NNP", "Hegseth", "I-PERSON"),
        ("spoke", 4, "ROOT", "VERB", "VBD", "speak", "O"),
        (".", 4, "punct", "PUNCT", ".", ".", "O"),
    ])
    mentions, relations = run(doc)
    assert edges(mentions, relations, "role") == set()
    assert mentions[0].titles == ("defense secretary",)


def test_envoy_is_not_envoy_of_the_country_he_is_sent_to():
    # "Trump 's Ukraine envoy , Keith Kellogg , spoke ."
    doc = doc_from([
        ("Trump", 3, "poss", "PROPN", "NNP", "Trump", "B-PERSON"),
        ("'s", 0, "case", "PART", "POS", "'s", "O"),
        ("Ukraine", 3, "compound", "PROPN", "NNP", "Ukraine", "B-GPE"),
        ("envoy", 8, "nsubj", "NOUN", "NN", "envoy", "O"),
        (",", 3, "punct", "PUNCT", ",", ",", "O"),
        ("Keith", 6, "compound", "PROPN", "NNP", "Keith", "B-PERSON"),
        ("Kellogg", 3, "appos", "PROPN", "NNP", "Kellogg", "I-PERSON"),
        (",", 3, "punct", "PUNCT", ",", ",", "O"),
        ("spoke", 8, "ROOT", "VERB", "VBD", "speak", "O"),
        (".", 8, "punct", "PUNCT", ".", ".", "O"),
    ])
    mentions, relations = run(doc)
    assert edges(mentions, relations, "role") == set()
    assert [m.titles for m in mentions if m.name == "Keith Kellogg"] == [("envoy",)]


def test_a_diplomat_serves_the_country_named_before_the_title():
    # "U.S. diplomat Felix Bloch resigned ."
    doc = doc_from([
        ("U.S.", 1, "compound", "PROPN", "NNP", "U.S.", "B-GPE"),
        ("diplomat", 3, "compound", "NOUN", "NN", "diplomat", "O"),
        ("Felix", 3, "compound", "PROPN", "NNP", "Felix", "B-PERSON"),
        ("Bloch", 4, "nsubj", "PROPN", "NNP", "Bloch", "I-PERSON"),
        ("resigned", 4, "ROOT", "VERB", "VBD", "resign", "O"),
        (".", 4, "punct", "PUNCT", ".", ".", "O"),
    ])
    mentions, relations = run(doc)
    assert edges(mentions, relations, "role") == {("Felix Bloch", "diplomat of", "U.S.", False)}


def test_a_hyphenated_modifier_is_passed_over_to_the_possessor():
    # "Louisiana 's reform - minded governor , Buddy Roemer , won ."
    doc = doc_from([
        ("Louisiana", 5, "poss", "PROPN", "NNP", "Louisiana", "B-GPE"),
        ("'s", 0, "case", "PART", "POS", "'s", "O"),
        ("reform", 4, "npadvmod", "NOUN", "NN", "reform", "O"),
        ("-", 4, "punct", "PUNCT", "HYPH", "-", "O"),
        ("minded", 5, "amod", "ADJ", "JJ", "minded", "O"),
        ("governor", 10, "nsubj", "NOUN", "NN", "governor", "O"),
        (",", 5, "punct", "PUNCT", ",", ",", "O"),
        ("Buddy", 8, "compound", "PROPN", "NNP", "Buddy", "B-PERSON"),
        ("Roemer", 5, "appos", "PROPN", "NNP", "Roemer", "I-PERSON"),
        (",", 5, "punct", "PUNCT", ",", ",", "O"),
        ("won", 10, "ROOT", "VERB", "VBD", "win", "O"),
        (".", 10, "punct", "PUNCT", ".", ".", "O"),
    ])
    words = [t.text for t in doc]
    doc = Doc(VOCAB, words=words, spaces=[w not in ("reform", "-") and i + 1 < len(words) for i, w in enumerate(words)],
              heads=[t.head.i for t in doc], deps=[t.dep_ for t in doc], pos=[t.pos_ for t in doc],
              tags=[t.tag_ for t in doc], lemmas=[t.lemma_ for t in doc],
              ents=[f"{'B' if t.ent_iob_ == 'B' else 'I' if t.ent_iob_ == 'I' else 'O'}{'-' + t.ent_type_ if t.ent_type_ else ''}"
                    for t in doc])
    mentions, relations = run(doc)
    assert edges(mentions, relations, "role") == {("Buddy Roemer", "governor of", "Louisiana", False)}


def test_the_person_in_apposition_after_a_whole_title_phrase():
    # "The head of Queensland Transplant Service , Russell Strong , said so ."
    doc = doc_from([
        ("The", 1, "det", "DET", "DT", "the", "O"),
        ("head", 10, "nsubj", "NOUN", "NN", "head", "O"),
        ("of", 1, "prep", "ADP", "IN", "of", "O"),
        ("Queensland", 5, "compound", "PROPN", "NNP", "Queensland", "B-ORG"),
        ("Transplant", 5, "compound", "PROPN", "NNP", "Transplant", "I-ORG"),
        ("Service", 2, "pobj", "PROPN", "NNP", "Service", "I-ORG"),
        (",", 1, "punct", "PUNCT", ",", ",", "O"),
        ("Russell", 8, "compound", "PROPN", "NNP", "Russell", "B-PERSON"),
        ("Strong", 1, "appos", "PROPN", "NNP", "Strong", "I-PERSON"),
        (",", 1, "punct", "PUNCT", ",", ",", "O"),
        ("said", 10, "ROOT", "VERB", "VBD", "say", "O"),
        ("so", 10, "advmod", "ADV", "RB", "so", "O"),
        (".", 10, "punct", "PUNCT", ".", ".", "O"),
    ])
    mentions, relations = run(doc)
    assert edges(mentions, relations, "role") == {("Russell Strong", "head of", "Queensland Transplant Service", False)}


def _court_title(first: str, first_label: str) -> Doc:
    # "<first> Bankruptcy Judge George Proctor ruled ."
    return doc_from([
        (first, 2, "compound", "PROPN", "NNP", first, f"B-{first_label}"),
        ("Bankruptcy", 2, "compound", "PROPN", "NNP", "Bankruptcy", "O"),
        ("Judge", 4, "compound", "PROPN", "NNP", "Judge", "O"),
        ("George", 4, "compound", "PROPN", "NNP", "George", "B-PERSON"),
        ("Proctor", 5, "nsubj", "PROPN", "NNP", "Proctor", "I-PERSON"),
        ("ruled", 5, "ROOT", "VERB", "VBD", "rule", "O"),
        (".", 5, "punct", "PUNCT", ".", ".", "O"),
    ])


def test_a_capitalised_portfolio_between_a_place_and_the_title():
    mentions, relations = run(_court_title("U.S.", "GPE"))
    assert edges(mentions, relations, "role") == {("George Proctor", "bankruptcy judge of", "U.S.", False)}
    # a nationality before a capitalised word may be part of a name the model missed ("Scottish Conservative leader")
    mentions, relations = run(_court_title("Scottish", "NORP"))
    assert edges(mentions, relations, "role") == set()


def _flat_title(words_before: Sequence[Row]) -> Doc:
    """"... Arizona Senator Barry Goldwater spoke ." with the place, the title and the first name each hung on the
    surname (a flat compound), as the model often parses it."""
    n = len(words_before)
    return doc_from([
        *words_before,
        ("Senator", n + 2, "compound", "PROPN", "NNP", "Senator", "O"),
        ("Barry", n + 2, "compound", "PROPN", "NNP", "Barry", "B-PERSON"),
        ("Goldwater", n + 3, "nsubj", "PROPN", "NNP", "Goldwater", "I-PERSON"),
        ("spoke", n + 3, "ROOT", "VERB", "VBD", "speak", "O"),
        (".", n + 3, "punct", "PUNCT", ".", ".", "O"),
    ])


def test_a_place_in_a_flat_compound_before_the_title():
    mentions, relations = run(_flat_title([("Arizona", 3, "compound", "PROPN", "NNP", "Arizona", "B-GPE")]))
    assert edges(mentions, relations, "role") == {("Barry Goldwater", "senator of", "Arizona", False)}


def test_a_place_the_parse_hangs_elsewhere_is_not_the_titles():
    # "In Arizona Senator Barry Goldwater spoke .": the place is where he spoke
    mentions, relations = run(_flat_title([("In", 5, "prep", "ADP", "IN", "in", "O"),
                                           ("Arizona", 0, "pobj", "PROPN", "NNP", "Arizona", "B-GPE")]))
    assert edges(mentions, relations, "role") == set()


def test_names_in_a_list_get_no_title():
    # "Macron , Scholz and Tusk met ."
    doc = doc_from([
        ("Macron", 5, "nsubj", "PROPN", "NNP", "Macron", "B-PERSON"),
        (",", 0, "punct", "PUNCT", ",", ",", "O"),
        ("Scholz", 0, "conj", "PROPN", "NNP", "Scholz", "B-PERSON"),
        ("and", 2, "cc", "CCONJ", "CC", "and", "O"),
        ("Tusk", 2, "conj", "PROPN", "NNP", "Tusk", "B-PERSON"),
        ("met", 5, "ROOT", "VERB", "VBD", "meet", "O"),
    ])
    mentions, relations = run(doc)
    assert all(not m.titles for m in mentions)
    assert edges(mentions, relations, "role") == set()


def test_title_matcher_is_built_once_per_vocab():
    assert title_matcher(VOCAB) is title_matcher(VOCAB)


@pytest.mark.parametrize("text", ["Nintendo UK general manager David Yarnton said sales were up.",
                                  "Game's UK sales director Anthony Jones said it sold well.",
                                  "Ian Shepherdson, chief US economist at High Frequency Economics, said so.",
                                  "John Ross, European director at CompTIA, said so."])
def test_a_place_inside_a_firms_title_is_its_scope_not_the_employer(nlp, text):
    found = relations_in(nlp, text)
    assert not any(o in ("UK", "US", "Europe") for _, _, o, _ in found), found


def test_a_place_before_a_title_no_firm_owns_is_still_the_office(nlp):
    found = relations_in(nlp, "UK Prime Minister Keir Starmer spoke. Lord Smith, the UK minister for Europe, spoke.")
    assert {s for s, _, o, _ in found if o == "UK"} == {"Keir Starmer", "Smith"}


def test_a_title_in_apposition_after_post_nominal_letters_is_the_persons(nlp):
    from kg.extract.article import extract_doc

    mentions, _, _, _ = extract_doc(nlp("Jane Doe OBE, the chair of the trust, spoke."))
    assert [m.titles for m in mentions if m.name == "Jane Doe"] == [("chair",)]


def test_a_title_of_a_noun_named_in_apposition_is_held_at_that_name(nlp):
    text = ("Emilio Botin, the chairman of Spain's most powerful bank, Santander Central Hispano, orchestrated the "
            "merger.")
    rels = relations_in(nlp, text)
    assert ("Emilio Botin", "role", "Santander Central Hispano", "") in rels, rels
    assert not any(o == "Spain" and t == "role" for _s, t, o, _m in rels), rels


# "Chairman of the Federal Reserve Alan Greenspan said rates would rise ." -- the parse makes the name the object
GREENSPAN = [
    ("Chairman", 7, "nsubj", "PROPN", "NNP", "Chairman", "O"),
    ("of", 0, "prep", "ADP", "IN", "of", "O"),
    ("the", 6, "det", "DET", "DT", "the", "B-ORG"),
    ("Federal", 4, "compound", "PROPN", "NNP", "Federal", "I-ORG"),
    ("Reserve", 6, "compound", "PROPN", "NNP", "Reserve", "I-ORG"),
    ("Alan", 6, "compound", "PROPN", "NNP", "Alan", "B-PERSON"),
    ("Greenspan", 1, "pobj", "PROPN", "NNP", "Greenspan", "I-PERSON"),
    ("said", 7, "ROOT", "VERB", "VBD", "say", "O"),
    ("rates", 10, "nsubj", "NOUN", "NNS", "rate", "O"),
    ("would", 10, "aux", "AUX", "MD", "would", "O"),
    ("rise", 7, "ccomp", "VERB", "VB", "rise", "O"),
    (".", 7, "punct", "PUNCT", ".", ".", "O"),
]


def test_name_right_after_a_titles_of_phrase_holds_the_title():
    mentions, relations = run(doc_from(GREENSPAN))
    assert edges(mentions, relations, "role") == {("Alan Greenspan", "chairman of", "Federal Reserve", False)}


def test_name_after_a_verb_does_not_hold_the_title_of_the_phrase_before_it():
    # "The chairman of the Federal Reserve praised Alan Greenspan ."
    doc = doc_from([
        ("The", 1, "det", "DET", "DT", "the", "O"),
        ("chairman", 6, "nsubj", "NOUN", "NN", "chairman", "O"),
        ("of", 1, "prep", "ADP", "IN", "of", "O"),
        ("the", 5, "det", "DET", "DT", "the", "B-ORG"),
        ("Federal", 5, "compound", "PROPN", "NNP", "Federal", "I-ORG"),
        ("Reserve", 2, "pobj", "PROPN", "NNP", "Reserve", "I-ORG"),
        ("praised", 6, "ROOT", "VERB", "VBD", "praise", "O"),
        ("Alan", 8, "compound", "PROPN", "NNP", "Alan", "B-PERSON"),
        ("Greenspan", 6, "dobj", "PROPN", "NNP", "Greenspan", "I-PERSON"),
        (".", 6, "punct", "PUNCT", ".", ".", "O"),
    ])
    mentions, relations = run(doc)
    assert not any(s == "Alan Greenspan" for s, *_ in edges(mentions, relations, "role"))


@pytest.mark.parametrize(("text", "holder", "title", "org"), [
    ("Chairman of the Federal Reserve Alan Greenspan said rates would rise.", "Alan Greenspan", "chairman of",
     "Federal Reserve"),
    ("President of France Jacques Chirac met the prime minister.", "Jacques Chirac", "president of", "France"),
])
def test_title_of_phrase_before_a_name_with_the_real_model(nlp, text, holder, title, org):
    from kg.extract.article import extract_doc

    mentions, rels, _, _ = extract_doc(nlp(text))
    found = {(mentions[r.subject].name, r.relation, mentions[r.object].name) for r in rels if r.kind == "role"}
    assert (holder, title, org) in found, found
