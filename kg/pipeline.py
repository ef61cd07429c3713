"""The library API: articles in, graph out. The CLI is a thin layer over this.

    >>> import kg
    >>> graph = kg.build_graph(["seeds/"])
    >>> kg.write_graph(graph, "output/graph.graphml")
"""
from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import networkx as nx

from kg.cache import ExtractionCache, open_cache
from kg.ingest import Inputs, Skip, check_not_input, discover, iter_articles
from kg.model import Article, Extraction
from kg.pipelines import DEFAULT_MODEL
from kg.run import RunStats, extract_all

# Resolution, events and graph building (and the libraries they use) are imported where they run: a
# rebuild whose graph comes from the cache never needs them.
if TYPE_CHECKING:
    from kg.aliases import Aliases
    from kg.graph import StructureOf


# The report keeps this many skipped items of each kind (a million empty records are counted, not kept).
KEPT_SKIPS_PER_KIND = 1000


@dataclass
class BuildReport:
    """What a build did, for the CLI's summary line."""

    articles: int = 0
    cached: int = 0  # articles whose extraction came from the cache (not parsed)
    workers: int = 0  # processes that parsed (0: nothing to parse)
    words: int = 0
    entities: int = 0
    edges: int = 0  # relations: edges of the in-memory MultiDiGraph (GraphML/GEXF hold one per ordered pair)
    seconds: float = 0.0
    skipped: list[Skip] = field(default_factory=list)  # the first KEPT_SKIPS_PER_KIND of each kind
    skip_counts: dict[str, int] = field(default_factory=dict)  # every skip, by kind
    # Wall seconds per step, in order: read + extract (cache or parse), resolve, relations, events, graph;
    # and the CPU seconds of this process in each (on a busy machine they tell work from waiting).
    phases: dict[str, float] = field(default_factory=dict)
    cpu_phases: dict[str, float] = field(default_factory=dict)

    @property
    def skip_count(self) -> int:
        return sum(self.skip_counts.values())

    def add_skip(self, item: Skip) -> None:
        seen = self.skip_counts.get(item.kind, 0)
        self.skip_counts[item.kind] = seen + 1
        if seen < KEPT_SKIPS_PER_KIND:
            self.skipped.append(item)


@dataclass
class BuildResult:
    graph: nx.MultiDiGraph
    report: BuildReport


def extract_articles(
    articles: Iterable[Article],
    *,
    model: str = DEFAULT_MODEL,
    workers: int | None = 1,
    cache: str | os.PathLike[str] | None = None,
    dask: str | None = None,
    stats: RunStats | None = None,
    store: ExtractionCache | None = None,
) -> Iterator[Extraction]:
    """Parse and extract each article; a pure per-article step, streamed (in any order).

    ``workers``: processes that parse (None: up to 4 by cores, 1 below 20 articles to parse);
    ``cache``: SQLite file of earlier extractions (None: no cache), or ``store`` one already open;
    ``dask``: a Dask scheduler address that runs the step on its workers instead. See kg.run.
    """
    return extract_all(articles, model=model, workers=workers, cache=cache, scheduler=dask, stats=stats, store=store)


class _Clock:
    """Adds the wall (and CPU) time since the last tick to a named phase."""

    def __init__(self, phases: dict[str, float], cpu: dict[str, float] | None = None) -> None:
        self.phases, self.cpu = phases, cpu if cpu is not None else {}
        self.last, self.last_cpu = time.perf_counter(), time.process_time()

    def tick(self, phase: str) -> None:
        now, now_cpu = time.perf_counter(), time.process_time()
        self.phases[phase] = self.phases.get(phase, 0.0) + now - self.last
        self.cpu[phase] = self.cpu.get(phase, 0.0) + now_cpu - self.last_cpu
        self.last, self.last_cpu = now, now_cpu

    def restart(self) -> None:
        """Leave the time since the last tick out of every phase."""
        self.last, self.last_cpu = time.perf_counter(), time.process_time()


def graph_from_extractions(
    extractions: Sequence[Extraction], *, cooccurrence: bool = True, aliases: Aliases | None = None,
    phases: dict[str, float] | None = None, cpu_phases: dict[str, float] | None = None,
    structure: StructureOf | None = None,
) -> nx.MultiDiGraph:
    """The global step: resolve entities across articles, then build the graph.

    ``aliases``: forced merges and separations (kg.aliases.load_aliases), over automatic decisions.
    ``phases``/``cpu_phases``: if given, receive the wall/CPU seconds of each step (kg build --timings).
    ``structure``: gives communities and PageRank (kg.graph.build_graph_from; default: computed).
    """
    clock = _Clock(phases if phases is not None else {}, cpu_phases)
    with _no_cyclic_gc():
        return _graph_from(extractions, cooccurrence, aliases, clock, structure)


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """The global step makes plain data, no reference cycles, by the hundred thousand objects; Python's cycle
    collector would scan them all again and again (a tenth of a cached rebuild). Reference counting still
    frees everything; the collector's previous state comes back afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _graph_from(extractions: Sequence[Extraction], cooccurrence: bool, aliases: Aliases | None,
                clock: _Clock, structure: StructureOf | None) -> nx.MultiDiGraph:
    from kg.events import resolve_events
    from kg.graph import build_graph_from, claims_from_cooccurrence, claims_from_gazetteer, claims_from_relations
    from kg.resolve import resolve_entities

    ordered = sorted(extractions, key=lambda e: e.article)  # input order must not change the graph
    resolution = resolve_entities(ordered, aliases=aliases)
    clock.tick("resolve")
    claims = list(claims_from_relations(ordered, resolution))
    if cooccurrence:
        claims.extend(claims_from_cooccurrence(ordered, resolution))
    clock.tick("relations")
    event_entities, event_claims = resolve_events(ordered, resolution)
    claims.extend(event_claims)
    clock.tick("events")
    entities = {**resolution.entities, **{e.id: e for e in event_entities}}  # named EVENTs gain type and date
    claims.extend(claims_from_gazetteer(entities.values()))
    dates = {ex.article: ex.date for ex in ordered}  # undated articles ("") give no time
    graph = build_graph_from(entities.values(), claims, dates, structure)
    clock.tick("graph")
    return graph


def build(
    inputs: Sequence[str] | Inputs,
    *,
    model: str = DEFAULT_MODEL,
    workers: int | None = None,
    cache: str | os.PathLike[str] | None = None,
    dask: str | None = None,
    cooccurrence: bool = True,
    strict: bool = False,
    on_skip: Callable[[Skip], None] | None = None,
    on_article: Callable[[Extraction], None] | None = None,
    aliases: Aliases | str | os.PathLike[str] | None = None,
) -> BuildResult:
    """Build a graph from INPUT paths (files, folders, globs, "-") or an :class:`Inputs` already discovered
    (not walked again), with a report of what happened.

    A ``cache`` path that is one of the inputs is refused (InputError) before any work; an existing cache
    inside an input folder is never read as an article.
    """
    started, started_cpu = time.perf_counter(), time.process_time()
    report = BuildReport()
    if aliases is not None:
        from kg.aliases import Aliases, load_aliases

        if not isinstance(aliases, Aliases):
            aliases = load_aliases(aliases)  # a malformed file fails before any parsing
    found = inputs if isinstance(inputs, Inputs) else discover(inputs, exclude=[cache] if cache is not None else [])
    if cache is not None:
        check_not_input(found, cache, "cache")

    def skip(item: Skip) -> None:
        report.add_skip(item)
        if on_skip:
            on_skip(item)

    articles = iter_articles(found, on_skip=skip, strict=strict)
    stats = RunStats()
    extractions: list[Extraction] = []
    store = _open_store(cache, model)
    try:
        for extraction in extract_articles(articles, model=model, workers=workers, dask=dask, stats=stats, store=store):
            extractions.append(extraction)
            report.articles += 1
            report.words += extraction.words
            if on_article:
                on_article(extraction)
        report.cached, report.workers = stats.cached, stats.workers
        report.phases["read+extract"] = time.perf_counter() - started
        report.cpu_phases["read+extract"] = time.process_time() - started_cpu
        graph = _graph_once(store, extractions, stats.digests, cooccurrence, aliases, report)
    finally:
        if store is not None:
            store.close()
    report.entities = graph.number_of_nodes()
    report.edges = graph.number_of_edges()
    report.seconds = time.perf_counter() - started
    return BuildResult(graph, report)


def _open_store(cache: str | os.PathLike[str] | None, model: str) -> ExtractionCache | None:
    """The cache for both the extractions and the graph built from them (one file, one connection)."""
    if cache is None:
        return None
    from kg.run.worker import extraction_key

    return open_cache(cache, extraction_key(model))


def _graph_once(store: ExtractionCache | None, extractions: Sequence[Extraction], digests: Sequence[str],
                cooccurrence: bool, aliases: Aliases | None, report: BuildReport) -> nx.MultiDiGraph:
    """The graph of ``extractions``: from the cache when this kg built it from the same ones before, else
    computed (and stored). Either way the same graph, so the same bytes in every output."""
    if store is None or not store.usable:
        return graph_from_extractions(extractions, cooccurrence=cooccurrence, aliases=aliases, phases=report.phases,
                                      cpu_phases=report.cpu_phases)
    from kg.graph_cache import GRAPH, CachedStructure, encode_graph, graph_key, sources_of

    caching = _Clock({}, {})  # the key, the lookup and the storing: one step, after the ones they surround
    key = graph_key(store.key, sources_of(extractions, digests), cooccurrence=cooccurrence, aliases=aliases)
    graph = _cached_graph(store, key)
    step = "cached graph" if graph is not None else "store graph"
    if graph is None:
        caching.tick(step)
        graph = graph_from_extractions(extractions, cooccurrence=cooccurrence, aliases=aliases, phases=report.phases,
                                       cpu_phases=report.cpu_phases, structure=CachedStructure(store))
        caching.restart()
        encoded = encode_graph(graph)
        if encoded is not None:
            store.store_derived(GRAPH, key, encoded)
    caching.tick(step)
    report.phases[step], report.cpu_phases[step] = caching.phases[step], caching.cpu[step]
    return graph


def _cached_graph(store: ExtractionCache, key: str) -> nx.MultiDiGraph | None:
    """The graph stored under ``key``; None when there is none, or its row is damaged (computed again, replaced)."""
    from kg.graph_cache import GRAPH, decode_graph
    from kg.serialize import DecodeError

    data = store.load_derived(GRAPH, key)
    if data is None:
        return None
    try:
        return decode_graph(data)
    except DecodeError:
        return None


def build_graph(inputs: Sequence[str] | str, **options: object) -> nx.MultiDiGraph:
    """Build the knowledge graph of the articles at ``inputs``; see :func:`build` for options."""
    if isinstance(inputs, str):
        inputs = [inputs]
    return build(inputs, **options).graph  # type: ignore[arg-type]
