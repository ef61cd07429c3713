"""Hand-judged sample of entity nodes (type, merges, noise) on BBC corpus folders.

Builds the graph of ``../shared/corpora/bbc-news/<folder>`` for each folder given, samples entity nodes with
a fixed random seed and writes each with its type, aliases, mention count and a few sentences that mention
it (with their source file), for a person to judge its type and merges.

    python bench/entity_sample.py --corpus business,tech --limit 150
                                            # 160 nodes -> bench/entities_sample_business_tech.md
    python bench/entity_sample.py --corpus tech --n 50 --out /tmp/tech.md --graph /tmp/tech.json
                                            # also keep the graph (for kg show, or to look for missed merges)

``--limit N`` takes the first N files of each folder by name (a whole folder takes minutes).
"""
from __future__ import annotations

import argparse
import bisect
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402

from kg.extract import extract_article  # noqa: E402
from kg.ingest import iter_articles  # noqa: E402
from kg.model import Extraction  # noqa: E402
from kg.nlp import load_model, parse_articles  # noqa: E402
from kg.pipeline import graph_from_extractions  # noqa: E402
from kg.resolve import resolve_entities  # noqa: E402

BBC = ROOT / ".." / "shared" / "corpora" / "bbc-news"
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT")
EXAMPLES = 3

Sentences = list[tuple[int, int, str]]  # (start, end, text) of an article's sentences, by start


def corpus_files(folder: Path, limit: int | None) -> list[str]:
    """The folder's .txt files by name (the first ``limit`` of them)."""
    files = sorted(folder.glob("*.txt"))
    return [str(f) for f in (files[:limit] if limit else files)]


def extract(files: list[str]) -> tuple[list[Extraction], dict[str, Sentences]]:
    """Extractions and each article's sentences (offsets as the mentions', into the parsed text)."""
    nlp = load_model()
    extractions: list[Extraction] = []
    sentences: dict[str, Sentences] = {}
    for article, chunks in parse_articles(nlp, iter_articles(files)):
        chunks = list(chunks)  # consumed before the next article is asked for
        extractions.append(extract_article(article, chunks))
        sentences[article.name] = [(offset + s.start_char, offset + s.end_char, s.text)
                                   for offset, doc in chunks for s in doc.sents]
    return extractions, sentences


def sample_nodes(graph: nx.MultiDiGraph, n: int, seed: int) -> list[str]:
    """``n`` entity nodes (ENTITY_TYPES) drawn with ``seed``; the same graph and seed give the same nodes."""
    nodes = sorted(node for node, d in graph.nodes(data=True) if d.get("type") in ENTITY_TYPES)
    return random.Random(seed).sample(nodes, min(n, len(nodes)))


def sentence_at(sentences: Sentences, start: int) -> str:
    """The sentence holding character ``start``, on one line."""
    i = bisect.bisect_right([s for s, _, _ in sentences], start) - 1
    return " ".join(sentences[i][2].split()) if i >= 0 else ""


def examples(node: str, extractions: list[Extraction], assignment: dict[tuple[str, int], str],
             sentences: dict[str, Sentences]) -> list[tuple[str, str, str]]:
    """Up to EXAMPLES (article, surface form, sentence) for the node's name mentions, one article each first."""
    found = []
    for ex in sorted(extractions, key=lambda e: e.article):
        for i, m in enumerate(ex.mentions):
            if assignment.get((ex.article, i)) == node and m.kind in ("name", "demonym"):
                found.append((ex.article, m.text, sentence_at(sentences[ex.article], m.start)))
    first, seen = [], set()
    for item in found:  # one per article, then repeats, so the examples span articles
        if item[0] not in seen:
            seen.add(item[0])
            first.append(item)
    rest = [item for item in found if item not in first]
    return (first + rest)[:EXAMPLES]


def _relative(source: str) -> str:
    """An article's path as the repository sees it (``../shared/...``), never this machine's absolute path."""
    return os.path.relpath(source, ROOT) if os.path.isabs(source) else source


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="business,tech", help="comma-separated BBC folder names")
    parser.add_argument("--n", type=int, default=160, help="entity nodes to sample")
    parser.add_argument("--limit", type=int, default=None, help="only the first N files of each folder, by name")
    parser.add_argument("--seed", type=int, default=20250217)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "entities_sample_business_tech.md")
    parser.add_argument("--graph", nargs="*", default=[], help="also write the graph (.json, .graphml, ...)")
    args = parser.parse_args()

    folders = [BBC / name for name in args.corpus.split(",")]
    files = [f for folder in folders for f in corpus_files(folder.resolve(), args.limit)]
    extractions, sentences = extract(files)
    graph = graph_from_extractions(extractions)
    # The graph keeps no mention -> node map; resolution is deterministic, so resolving again gives the graph's ids.
    assignment = resolve_entities(sorted(extractions, key=lambda e: e.article)).assignment
    if args.graph:
        from kg.export import write_graphs

        write_graphs(graph, args.graph)
    sample = sample_nodes(graph, args.n, args.seed)
    population = sum(1 for _, d in graph.nodes(data=True) if d.get("type") in ENTITY_TYPES)
    command = (f"python3 bench/entity_sample.py --corpus {args.corpus} --n {args.n} --seed {args.seed}"
               + (f" --limit {args.limit}" if args.limit else ""))
    scope = f"the first {args.limit} of each folder by file name" if args.limit else "every file"
    lines = [
        f"# Entity sample: {len(sample)} nodes on BBC {' and '.join(f.name for f in folders)}",
        "",
        f"{len(extractions)} articles ({scope}); "
        f"{population} entity nodes ({', '.join(ENTITY_TYPES)}); {len(sample)} sampled with seed {args.seed}. "
        f"Command: `{command}`.",
        "",
        "Judge each node: type right/wrong (the right type), merge fine / missed (the other node) / wrong "
        "(the other entity in its aliases), or not an entity.",
        "",
    ]
    for i, node in enumerate(sample, 1):
        d = graph.nodes[node]
        lines += [f"## {i}. {d.get('label', node)}  ({d['type']})",
                  f"- id: `{node}`; mentions: {d.get('mentions', 0)} in {d.get('articles', 0)} articles",
                  f"- aliases: {d.get('aliases', '')}"]
        for article, text, sentence in examples(node, extractions, assignment, sentences):
            lines.append(f"- {_relative(article)} ({text}): {sentence}")
        lines += ["- judgement: ", ""]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"{len(extractions)} articles, {population} entity nodes; wrote {args.out}")


if __name__ == "__main__":
    main()
