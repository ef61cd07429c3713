"""Running the per-article step over a stream of articles: cache first, then parse what is left.

``extract_all`` looks every article up in the extraction cache (by content digest), sends the
misses in batches to an executor (this process, worker processes, or Dask), stores what comes
back and yields one Extraction per article. Nothing holds the corpus: articles are dropped once
extracted, and at most a few batches are in flight. Output order may differ from input order;
the global step sorts by article name, so the graph does not depend on it.
"""
from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from kg.cache import ExtractionCache, open_cache
from kg.errors import KgError
from kg.model import Article, Extraction
from kg.run.executors import Executor, Result, default_workers, make_executor
from kg.serialize import DecodeError, decode_extraction, encode_extraction

# Below this many articles to parse, worker processes cost more (start-up, model load) than they save.
AUTO_MIN_ARTICLES = 20
LOOKUP_BATCH = 128  # articles looked up in the cache per query


@dataclass
class RunStats:
    """What the extraction step did (for the build report, and for tests that count parses)."""

    articles: int = 0
    cached: int = 0
    parsed: int = 0
    workers: int = 0  # processes (or Dask threads) that parsed; 0 when nothing was parsed
    # Article.digest() of each extraction yielded, in the order yielded (what the graph's cache key names).
    digests: list[str] = field(default_factory=list)


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class _Run:
    """State of one extract_all call; split out so the generator stays readable."""

    def __init__(self, model: str, workers: int | None, scheduler: str | None, store: ExtractionCache | None,
                 key: str, stats: RunStats) -> None:
        self.model, self.workers, self.scheduler = model, workers, scheduler
        self.store, self.key, self.stats = store, key, stats
        self.executor: Executor | None = None
        self.waiting: deque[tuple[str, Article]] = deque()  # misses not yet sent to the executor
        self.waiting_chars = 0
        self.sent: deque[list[str]] = deque()  # digests of each batch in flight, oldest first
        self.ramp = 0  # first batches hold one article each, so that every worker starts at once

    def add(self, digest: str, article: Article) -> None:
        self.waiting.append((digest, article))
        self.waiting_chars += len(article.text)

    def _start(self, final: bool) -> bool:
        if self.executor is not None:
            return True
        if self.scheduler is None and not final and len(self.waiting) < (self.workers or AUTO_MIN_ARTICLES):
            return False  # too early to tell how many processes are worth starting
        workers = self.workers
        if workers is None:
            workers = default_workers() if len(self.waiting) >= AUTO_MIN_ARTICLES else 1
        elif final:  # every article to parse is known: `--workers 64` on three articles starts three processes
            workers = max(1, min(workers, len(self.waiting)))
        self.executor = make_executor(self.model, workers, self.key, self.scheduler)
        self.stats.workers = getattr(self.executor, "workers", 1)
        self.ramp = self.stats.workers if self.stats.workers > 1 else 0
        return True

    def _next_batch(self, final: bool) -> list[tuple[str, Article]] | None:
        ex = self.executor
        assert ex is not None
        full = len(self.waiting) >= ex.batch_articles or self.waiting_chars >= ex.batch_chars
        if not self.waiting or not (final or full or self.ramp):
            return None
        batch: list[tuple[str, Article]] = []
        chars = 0
        limit = 1 if self.ramp else ex.batch_articles
        while self.waiting and len(batch) < limit and (not batch or chars + len(self.waiting[0][1].text) <= ex.batch_chars):
            digest, article = self.waiting.popleft()
            batch.append((digest, article))
            chars += len(article.text)
        self.waiting_chars -= chars
        self.ramp = max(0, self.ramp - 1)
        return batch

    def send(self, final: bool = False) -> Iterator[Extraction]:
        """Submit every full batch (every batch when ``final``), waiting for results when too many are out."""
        if not self.waiting or not self._start(final):
            return
        ex = self.executor
        assert ex is not None
        while (batch := self._next_batch(final)) is not None:
            while ex.pending() >= ex.capacity:
                yield from self._finish(ex.take())
            ex.submit([article for _, article in batch])
            self.sent.append([digest for digest, _ in batch])
            yield from self.collect(block=False)

    def collect(self, block: bool) -> Iterator[Extraction]:
        ex = self.executor
        while ex is not None and ex.pending() and (block or ex.ready()):
            yield from self._finish(ex.take())

    def _finish(self, taken: tuple[str, list[Result]]) -> Iterator[Extraction]:
        key, results = taken
        digests = self.sent.popleft()
        if len(digests) != len(results):
            raise KgError(f"the extraction step returned {len(results)} results for {len(digests)} articles")
        rows: list[tuple[str, bytes]] = []
        extractions: list[Extraction] = []
        writing = self.store is not None and self.store.usable
        for digest, result in zip(digests, results):
            if isinstance(result, Extraction):
                extractions.append(result)
                if writing:
                    rows.append((digest, encode_extraction(result)))
                continue
            try:
                extractions.append(decode_extraction(result))
            except DecodeError as exc:
                raise KgError(f"a worker returned an extraction this kg cannot read ({exc}); "
                              f"install the same kg version on every worker") from None
            rows.append((digest, result))
        if rows and self.store is not None:
            self.store.store(rows, key=key)
        self.stats.parsed += len(extractions)
        self.stats.digests += digests
        yield from extractions


def extract_all(
    articles: Iterable[Article],
    *,
    model: str,
    workers: int | None = 1,
    cache: str | os.PathLike[str] | None = None,
    scheduler: str | None = None,
    stats: RunStats | None = None,
    store: ExtractionCache | None = None,
) -> Iterator[Extraction]:
    """One Extraction per article, from the cache or parsed by ``workers`` processes (None: by corpus
    size and cores) or on the Dask cluster at ``scheduler``. Streams; order is not preserved.

    ``store``: a cache already opened (with this model's extraction key), used instead of ``cache`` and
    left open for the caller."""
    from kg.run.worker import extraction_key  # imports spaCy (not the model: a warm run never loads it)

    stats = stats if stats is not None else RunStats()
    key = extraction_key(model)
    owned = store is None
    if owned:
        store = open_cache(cache, key) if cache is not None else None
    run = _Run(model, workers, scheduler, store, key, stats)
    try:
        for group in _batches(articles, LOOKUP_BATCH):
            keyed = [(article.digest(), article) for article in group]
            stats.articles += len(keyed)
            found = store.lookup(keyed) if store is not None else [None] * len(keyed)
            del group
            for (digest, article), cached in zip(keyed, found):
                if cached is None:
                    run.add(digest, article)
                else:
                    stats.cached += 1
                    stats.digests.append(digest)
                    yield cached
            del keyed, found
            yield from run.send()
        yield from run.send(final=True)
        yield from run.collect(block=True)
        if run.executor is not None:
            run.executor.close()
    except BaseException:
        if run.executor is not None:
            run.executor.abort()
        raise
    finally:
        if store is not None and owned:
            store.close()
