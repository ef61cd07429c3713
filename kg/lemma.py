"""Lemmas on demand: ``lemma_of(token)``, the one way extraction code reads a token's lemma.

kg's pipeline does not run the lemmatizer over every token (it costs about a tenth of the parse, and
extraction reads the lemmas of a few words per sentence: verbs, event nouns). ``kg.nlp.load_model``
keeps the model's own rule lemmatizer loaded but disabled and registers it here; :func:`lemma_of` asks it
(a copy with its word lists as sets, :func:`with_indexed_words`) for the one token it is given. Same tables,
same rules, same inputs (the tagger's POS and the attribute ruler's morphology, which still run): the
result is what ``token.lemma_`` would hold after the full pipeline, and the graph is byte-identical either
way (``KG_FULL_PIPELINE=1`` runs the full pipeline; tests/test_lemma.py and tests/test_e2e.py check both
agree).

**Write ``lemma_of(token)`` wherever you would write ``token.lemma_``** (``lemma_of(verb).lower()`` for
``verb.lemma_.lower()``). ``token.lemma_`` on kg's Docs is empty or partial.
"""
from __future__ import annotations

import copy
import types
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Token
    from spacy.vocab import Vocab

_INDEXED_POS = ("noun", "verb", "adj", "adv")
_INFLECTIONS = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"))
# vocab -> (vocab, the disabled lemmatizer of the pipeline that owns it, its answers); holding the vocab
# keeps it alive, so its id is never reused while it is registered.
_LEMMATIZERS: dict[int, tuple[Vocab, Any, dict[tuple[int, int, int], str]]] = {}
# vocab -> (vocab, the lemmatizer's word lists by part of speech), for is_dictionary_word
_WORD_LISTS: dict[int, tuple[Vocab, dict[str, frozenset[str]]]] = {}


def register_lemmatizer(vocab: Vocab, lemmatizer: Any) -> None:
    """Answer :func:`lemma_of` for tokens of ``vocab`` with ``lemmatizer`` (a spaCy rule or lookup Lemmatizer)."""
    _LEMMATIZERS[id(vocab)] = (vocab, with_indexed_words(lemmatizer), {})


def with_indexed_words(lemmatizer: Any) -> Any:
    """A copy of ``lemmatizer`` whose word lists (``lemma_index``: the known nouns, verbs, adjectives) are sets.

    spaCy's rule lemmatizer asks ``form in index`` of each candidate form, and the index is a list (57,000
    nouns): a scan per candidate, most of the lemmatizer's time. Membership is all it asks, so a set gives
    the same lemmas. The loaded component keeps its own tables (lists, as it saves them).
    """
    from spacy.lookups import Lookups, Table

    index = lemmatizer.lookups.get_table("lemma_index", None)
    if index is None:
        return lemmatizer
    # The keys are already string hashes; the data sizes the table's Bloom filter.
    sets = Table(name=index.name, data={key: frozenset(words) if isinstance(words, list) else words
                                        for key, words in index.items()})
    lookups = Lookups()
    for name in lemmatizer.lookups.tables:
        lookups.set_table(name, sets if name == "lemma_index" else lemmatizer.lookups.get_table(name))
    fast = copy.copy(lemmatizer)
    fast.lookups, fast.cache = lookups, {}
    # The component picks its method once (``lemmatize = self.rule_lemmatize``): bind it to the copy.
    fast.lemmatize = types.MethodType(lemmatizer.lemmatize.__func__, fast)
    return fast


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


def register_word_lists(vocab: Vocab, lemmatizer: Any) -> None:
    """Answer :func:`is_dictionary_word` for ``vocab`` from ``lemmatizer``'s word lists, whether the component
    runs (the full pipeline) or not (kg's slim one): the answer must not depend on which."""
    index = lemmatizer.lookups.get_table("lemma_index", None) if hasattr(lemmatizer, "lookups") else None
    if index is not None:
        _WORD_LISTS[id(vocab)] = (vocab, {pos: frozenset(index.get(pos, ())) for pos in _INDEXED_POS})


def is_dictionary_word(word: str, vocab: Vocab, parts: Sequence[str] = _INDEXED_POS) -> bool:
    """True when the lemmatizer's word lists hold ``word`` in lowercase, or its base form ("travels", "investors",
    "hoped"), as a noun, verb, adjective or adverb ("instant", "council"; not "enver"). The lists hold base forms
    only; ``parts`` narrows the parts of speech. False when no word lists are registered for ``vocab``
    (kg.nlp.load_model registers them)."""
    registered = _WORD_LISTS.get(id(vocab))
    if registered is None:
        return False
    index = registered[1]
    form = word.lower()
    forms = {form, *(form[: -len(end)] + base for end, base in _INFLECTIONS
                     if form.endswith(end) and len(form) > len(end) + 2)}
    return any(f in index[pos] for pos in parts for f in forms)
