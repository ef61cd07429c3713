"""Precision sample of relation edges (every kind but co-occurrence) on a BBC corpus folder.

Builds the graph of ``../shared/corpora/bbc-news/<corpus>`` without co-occurrence edges, samples
edges with a fixed random seed and writes them, with their evidence sentences, for a person to judge.

    python bench/precision.py                                   # politics: 40 role/action/statement edges
                                                                # -> bench/precision_sample.md (as before)
    python bench/precision.py --corpus business --n 50 --limit 200
                                                                # every non-co-occurrence kind
                                                                # -> bench/relations_sample_business.md
    python bench/precision.py --corpus /some/folder --n 50      # a path works too
    python bench/precision.py --docs /tmp/docs.bin              # keep the parsed Docs: later runs skip parsing

``--limit N`` takes the first N files of the folder by name (a whole folder takes minutes).

``--docs`` stores spaCy DocBins so extraction rules can be iterated on without
re-parsing; delete the file when the model changes.
"""
from __future__ import annotations

import argparse
import os
import pickle
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from spacy.tokens import DocBin  # noqa: E402

from kg.extract import extract_article  # noqa: E402
from kg.ingest import iter_articles  # noqa: E402
from kg.nlp import load_model, parse_articles  # noqa: E402
from kg.pipeline import graph_from_extractions  # noqa: E402

BBC = ROOT / ".." / "shared" / "corpora" / "bbc-news"
OUT = ROOT / "bench" / "precision_sample.md"
LEGACY_KINDS = "role,action,statement"  # politics' original sample
COOCCURRENCE = "co-occurrence"


def corpus_files(corpus: Path, limit: int | None) -> list[str]:
    """The folder's .txt files by name (the first ``limit`` of them), or the path itself for a file."""
    if corpus.is_file():
        return [str(corpus)]
    files = sorted(corpus.glob("*.txt"))
    return [str(f) for f in (files[:limit] if limit else files)]


def parsed(corpus: Path, docs: Path | None, limit: int | None = None):
    """(article, [(offset, Doc)]) for every article, from the DocBin cache when there is one."""
    nlp = load_model()
    if docs and docs.exists():
        meta = pickle.loads(docs.with_suffix(".meta").read_bytes())
        bin_docs = list(DocBin().from_bytes(docs.read_bytes()).get_docs(nlp.vocab))
        grouped: dict[str, tuple] = {}
        for (article, offset), doc in zip(meta, bin_docs):
            grouped.setdefault(article.name, (article, []))[1].append((offset, doc))
        return list(grouped.values())
    # parse_articles streams: each article's chunks must be consumed before the next article is asked for
    out = [(article, list(chunks)) for article, chunks in parse_articles(nlp, iter_articles(corpus_files(corpus, limit)))]
    if docs:
        db = DocBin(store_user_data=False)
        meta = []
        for article, chunks in out:
            for offset, doc in chunks:
                db.add(doc)
                meta.append((article, offset))
        docs.write_bytes(db.to_bytes())
        docs.with_suffix(".meta").write_bytes(pickle.dumps(meta))
    return out


def describe(label: dict, u: str, v: str, d: dict) -> str:
    """source -[relation phrase, type, modality/negated]-> target"""
    extras = [d["relation"], d.get("type", "") or "no type"]
    if d.get("modality"):
        extras.append(f"hedged: {d['modality']}")
    if int(d.get("negated", 0) or 0):
        extras.append("negated")
    return f"{label[u]} -[{', '.join(extras)}]-> {label[v]}"


def _relative(source: str) -> str:
    """An article's path as the repository sees it (``../shared/...``), never this machine's absolute path."""
    return os.path.relpath(source, ROOT) if os.path.isabs(source) else source


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="politics",
                        help="a BBC folder name (business, tech, politics, ...) or a path to a folder")
    parser.add_argument("--docs", type=Path, default=None, help="DocBin file to reuse/keep parsed Docs")
    parser.add_argument("--n", "--sample", dest="n", type=int, default=None,
                        help="edges to sample (40 for politics' legacy sample, else 50)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N files of the folder, by name")
    parser.add_argument("--seed", type=int, default=20250217)
    parser.add_argument("--out", type=Path, default=None,
                        help="default bench/precision_sample.md for politics' legacy sample, "
                             "else bench/relations_sample_<corpus>.md")
    parser.add_argument("--kinds", default=None,
                        help="comma-separated edge kinds to sample; 'all' = every kind but co-occurrence "
                             "(default: role,action,statement for politics, all otherwise)")
    args = parser.parse_args()

    named = (BBC / args.corpus) if not Path(args.corpus).exists() and "/" not in args.corpus else Path(args.corpus)
    name = named.name if named.is_dir() else named.stem
    legacy = name == "politics" and args.kinds is None and args.n is None and args.out is None
    kinds_arg = args.kinds or (LEGACY_KINDS if legacy else "all")
    n = args.n or (40 if legacy else 50)
    out = args.out or (OUT if legacy else ROOT / "bench" / f"relations_sample_{name}.md")

    extractions = [extract_article(article, chunks)
                   for article, chunks in parsed(named.resolve(), args.docs, args.limit)]
    graph = graph_from_extractions(extractions, cooccurrence=False)
    wanted = None if kinds_arg == "all" else set(kinds_arg.split(","))
    edges = sorted((d["id"], u, v, d) for u, v, d in graph.edges(data=True)
                   if d["kind"] != COOCCURRENCE and (wanted is None or d["kind"] in wanted))
    kinds: dict[str, int] = {}
    for _, _, _, d in edges:
        kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
    sample = random.Random(args.seed).sample(edges, min(n, len(edges)))
    label = {node: graph.nodes[node].get("label", node) for node in graph}
    scope = f"the first {len(extractions)} articles by file name" if args.limit else f"{len(extractions)} articles"
    what = "non-co-occurrence edges" if wanted is None else f"{'/'.join(sorted(wanted))} edges"
    lines = [
        f"# Precision sample: {what} on BBC {name}",
        "",
        f"{scope}; {len(edges)} {what} ({', '.join(f'{k} {c}' for k, c in sorted(kinds.items()))}); "
        f"{len(sample)} sampled with seed {args.seed}. "
        f"Command: `python3 bench/precision.py --corpus {args.corpus} --n {n}"
        + (f" --limit {args.limit}" if args.limit else "") + "`.",
        "",
        "Judge: Y (the sentence says this: both ends the right entities, direction and relation right), "
        "P (partly: right pair but relation phrase or direction off, or an entity name truncated), N (wrong).",
        "",
    ]
    for i, (_, u, v, d) in enumerate(sample, 1):
        lines += [
            f"## {i}. {describe(label, u, v, d)}  ({d['kind']})",
            f"- source: {_relative(d.get('evidence_source', ''))}",
            f"- evidence: {d.get('evidence', '')}",
            "- judgement: ",
            "",
        ]
    out.write_text("\n".join(lines), encoding="utf-8")
    print(f"{len(extractions)} articles, {len(edges)} edges, {kinds}; wrote {out}")


if __name__ == "__main__":
    main()
