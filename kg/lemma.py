"""Lemmas on demand: ``lemma_of(token)``, the one way extraction code reads a token's lemma.

kg's pipeline does not run the lemmatizer over every token (it costs about a tenth of the parse, and
extraction reads the lemmas of a few words per sentence: verbs, event nouns). ``kg.nlp.load_model``
keeps the model's own rule lemmatizer loaded but disabled and registers it here; :func:`lemma_of` asks it
for the one token it is given. Same tables, same rules, same inputs (the tagger's POS and the
attribute ruler's morphology, which still run): the result is what ``token.lemma_`` would hold after
the full pipeline, and the graph is byte-identical either way (``KG_FULL_PIPELINE=1`` runs the full
pipeline; tests/test_lemma.py and tests/test_e2e.py check both agree).

**Write ``lemma_of(token)`` wherever you would write ``token.lemma_``** (``lemma_of(verb).lower()`` for
``verb.lemma_.lower()``). ``token.lemma_`` on kg's Docs is empty or partial.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Token
    from spacy.vocab import Vocab

# vocab -> (vocab, the disabled lemmatizer of the pipeline that owns it, its answers); holding the vocab
# keeps it alive, so its id is never reused while it is registered.
_LEMMATIZERS: dict[int, tuple[Vocab, Any, dict[tuple[int, int, int], str]]] = {}


def register_lemmatizer(vocab: Vocab, lemmatizer: Any) -> None:
    """Answer :func:`lemma_of` for tokens of ``vocab`` with ``lemmatizer`` (a spaCy rule or lookup Lemmatizer)."""
    _LEMMATIZERS[id(vocab)] = (vocab, lemmatizer, {})


def lemma_of(token: Token) -> str:
    """The lemma the model's lemmatizer gives ``token`` ("met" -> "meet"), computed only when asked.

    A lemma already set on the token wins, as in spaCy's own lemmatizer (which never overwrites):
    the attribute ruler's exceptions ("'d" -> "would"), a full pipeline, or a hand-built Doc with
    ``lemmas=``. Tokens of a pipeline kg did not load give ``token.lemma_`` unchanged.
    """
    if token.lemma:
        return token.lemma_
    registered = _LEMMATIZERS.get(id(token.vocab))
    if registered is None:
        return token.lemma_
    # spaCy's rule lemmatizer reads the text, POS and morphology only, but remembers just some of its
    # answers (not base forms, which it re-derives from the morphology each time): remember them all.
    _, lemmatizer, known = registered
    key = (token.orth, token.pos, token.morph.key)
    found = known.get(key)
    if found is None:
        found = known[key] = lemmatizer.lemmatize(token)[0]
    return found
