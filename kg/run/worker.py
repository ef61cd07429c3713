"""The per-article step as a task: articles in, encoded extractions out.

The same function runs in-process, in worker processes and on Dask workers. Each process
loads the spaCy pipeline once (``_MODELS``) and keeps it for every later task.
"""
from __future__ import annotations

import ctypes
import gc
import hashlib
import importlib.metadata
import json
import os
import signal
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from typing import TYPE_CHECKING

from kg.extract import EXTRACTION_VERSION
from kg.model import Article, Extraction
from kg.pipelines import REPUBLISHED
from kg.serialize import SCHEMA, encode_extraction

if TYPE_CHECKING:  # spaCy is imported only when something must be parsed
    from spacy.language import Language

_KG = Path(__file__).resolve().parents[1]
# The code and data that decide what an extraction holds; an edit to any of them is a new cache key.
_EXTRACTION_SOURCES = ("extract/**/*.py", "data/**/*", "nlp.py", "lemma.py", "attribute_rules.py", "model.py", "serialize.py")

_MODELS: dict[str, Language] = {}
# glibc's mallopt parameter, and the size below which the parser's arrays stay in the heap (see settle_for_parsing).
_M_MMAP_THRESHOLD = -3
PARSER_MMAP_THRESHOLD = 128 * 2**20
# One parse at a time per process: a spaCy pipeline is not documented as thread-safe, and a
# Dask worker may run several tasks in threads (run workers with --nthreads 1 for speed).
_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of kg's extraction code and data, so a changed extractor never reuses old results."""
    h = hashlib.sha256(EXTRACTION_VERSION.encode())
    files = sorted({p for pattern in _EXTRACTION_SOURCES for p in _KG.glob(pattern) if p.is_file() and p.suffix != ".pyc"})
    for path in files:
        h.update(path.relative_to(_KG).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


@lru_cache(maxsize=8)
def model_key(model: str) -> str:
    """Names the pipeline and its version without loading it (so a fully cached run never loads spaCy)."""
    spacy_version = importlib.metadata.version("spacy")
    path = Path(model)
    meta = path / "meta.json"
    if meta.is_file():  # a pipeline folder: its meta names it, and an edit to it changes the key
        return f"path:{path.resolve()}#{hashlib.sha256(meta.read_bytes()).hexdigest()[:12]}/spacy-{spacy_version}"
    for package in (model, REPUBLISHED.get(model, "")):
        if not package:
            continue
        try:
            return f"{package}=={importlib.metadata.version(package)}/spacy-{spacy_version}"
        except importlib.metadata.PackageNotFoundError:
            continue
    return f"{model}/spacy-{spacy_version}"  # not an installed package: loading it will say so


def extraction_key(model: str) -> str:
    """Everything an extraction depends on besides the article: model, kg's extractor, the codec."""
    return json.dumps([model_key(model), EXTRACTION_VERSION, code_fingerprint(), SCHEMA])


def get_model(model: str) -> Language:
    nlp = _MODELS.get(model)
    if nlp is None:
        from kg.nlp import load_model

        nlp = _MODELS[model] = load_model(model)
        settle_for_parsing()
    return nlp


def settle_for_parsing() -> None:
    """Let the parser's arrays up to 128 MB come from the heap; changes no result.

    glibc maps a block above its mapping threshold (adaptive, at most 32 MB) afresh and returns it on free,
    so every batch's largest arrays cost new zeroed pages from the kernel, and the extraction between
    batches keeps the adaptive threshold from settling: about 40% of a cold build's page faults, a second
    of system time on BBC politics. The process keeps up to that much freed memory for the next batch.
    """
    set_mmap_threshold(PARSER_MMAP_THRESHOLD)


@contextmanager
def objects_frozen() -> Iterator[None]:
    """Leave what already lives (the model's hundred thousand objects, the imports) out of the cycle
    collector while a batch is parsed: each full collection during a parse scanned them all again (half
    the collector's time). They are handed back to it afterwards, unless someone else froze objects first."""
    already = gc.get_freeze_count()
    gc.freeze()
    try:
        yield
    finally:
        if not already:
            gc.unfreeze()


def set_mmap_threshold(size: int) -> bool:
    """glibc's ``mallopt(M_MMAP_THRESHOLD, size)``; False where there is no glibc (macOS, musl, Windows)."""
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, size))


def extract_batch_local(model: str, articles: Sequence[Article]) -> list[Extraction]:
    """Parse and extract ``articles`` in this process (each Doc is dropped as soon as it is extracted)."""
    from kg.extract.article import extract_article
    from kg.nlp import parse_articles

    with _LOCK:
        nlp = get_model(model)
        with objects_frozen():
            return [extract_article(article, chunks) for article, chunks in parse_articles(nlp, articles)]


def extract_batch(model: str, articles: Sequence[Article]) -> tuple[str, list[bytes]]:
    """The task sent to worker processes and Dask: this worker's extraction key and one blob per article."""
    return extraction_key(model), [encode_extraction(x) for x in extract_batch_local(model, articles)]


def init_process(parent: int | None = None) -> None:
    """Worker processes leave Ctrl-C to the parent, which stops them (no half-finished tracebacks).

    If the parent dies without stopping them (killed with SIGKILL), they stop too instead of
    parsing on as orphans.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent,), daemon=True, name="kg-parent-watch").start()


def _exit_with(parent: int, interval: float = 1.0) -> None:
    while True:
        time.sleep(interval)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:  # alive, owned by someone else: cannot happen for our own parent, keep watching
            pass
