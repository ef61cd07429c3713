"""The library API: articles in, graph out. The CLI is a thin layer over this.

    >>> import kg
    >>> graph = kg.build_graph(["seeds/"])
    >>> kg.write_graph(graph, "output/graph.graphml")
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import networkx as nx

from kg.graph import build_graph_from, claims_from_cooccurrence, claims_from_relations
from kg.ingest import Inputs, Skip, check_not_input, discover, iter_articles
from kg.model import Article, Extraction
from kg.pipelines import DEFAULT_MODEL
from kg.events import resolve_events
from kg.aliases import Aliases, load_aliases
from kg.resolve import resolve_entities
from kg.run import RunStats, extract_all


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
) -> Iterator[Extraction]:
    """Parse and extract each article; a pure per-article step, streamed (in any order).

    ``workers``: processes that parse (None: up to 4 by cores, 1 below 20 articles to parse);
    ``cache``: SQLite file of earlier extractions (None: no cache); ``dask``: a Dask scheduler
    address that runs the step on its workers instead. See kg.run.
    """
    return extract_all(articles, model=model, workers=workers, cache=cache, scheduler=dask, stats=stats)


def graph_from_extractions(
    extractions: Sequence[Extraction], *, cooccurrence: bool = True, aliases: Aliases | None = None
) -> nx.MultiDiGraph:
    """The global step: resolve entities across articles, then build the graph.

    ``aliases``: forced merges and separations (kg.aliases.load_aliases), over automatic decisions.
    """
    ordered = sorted(extractions, key=lambda e: e.article)  # input order must not change the graph
    resolution = resolve_entities(ordered, aliases=aliases)
    claims = list(claims_from_relations(ordered, resolution))
    if cooccurrence:
        claims.extend(claims_from_cooccurrence(ordered, resolution))
    event_entities, event_claims = resolve_events(ordered, resolution)
    claims.extend(event_claims)
    entities = {**resolution.entities, **{e.id: e for e in event_entities}}  # named EVENTs gain type and date
    return build_graph_from(entities.values(), claims)


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
    started = time.perf_counter()
    report = BuildReport()
    if aliases is not None and not isinstance(aliases, Aliases):
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
    for extraction in extract_articles(articles, model=model, workers=workers, cache=cache, dask=dask, stats=stats):
        extractions.append(extraction)
        report.articles += 1
        report.words += extraction.words
        if on_article:
            on_article(extraction)
    report.cached, report.workers = stats.cached, stats.workers
    graph = graph_from_extractions(extractions, cooccurrence=cooccurrence, aliases=aliases)
    report.entities = graph.number_of_nodes()
    report.edges = graph.number_of_edges()
    report.seconds = time.perf_counter() - started
    return BuildResult(graph, report)


def build_graph(inputs: Sequence[str] | str, **options: object) -> nx.MultiDiGraph:
    """Build the knowledge graph of the articles at ``inputs``; see :func:`build` for options."""
    if isinstance(inputs, str):
        inputs = [inputs]
    return build(inputs, **options).graph  # type: ignore[arg-type]
