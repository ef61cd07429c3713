"""Precision sample of relation edges (roles, actions, statements) on the BBC politics corpus.

Builds the graph of ``../shared/corpora/bbc-news/politics`` without co-occurrence
edges, samples 40 role/action/statement edges with a fixed random seed and writes them, with their
evidence sentences, to ``bench/precision_sample.md`` for a person to judge.

    python bench/precision.py                      # parse (a minute or two) and sample
    python bench/precision.py --docs /tmp/docs.bin # keep the parsed Docs: later runs skip parsing

``--docs`` stores spaCy DocBins so extraction rules can be iterated on without
re-parsing; delete the file when the model changes.
"""
from __future__ import annotations

import argparse
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

CORPUS = ROOT / ".." / "shared" / "corpora" / "bbc-news" / "politics"
OUT = ROOT / "bench" / "precision_sample.md"


def parsed(corpus: Path, docs: Path | None):
    """(article, [(offset, Doc)]) for every article, from the DocBin cache when there is one."""
    nlp = load_model()
    if docs and docs.exists():
        meta = pickle.loads(docs.with_suffix(".meta").read_bytes())
        bin_docs = list(DocBin().from_bytes(docs.read_bytes()).get_docs(nlp.vocab))
        grouped: dict[str, tuple] = {}
        for (article, offset), doc in zip(meta, bin_docs):
            grouped.setdefault(article.name, (article, []))[1].append((offset, doc))
        return list(grouped.values())
    out = list(parse_articles(nlp, iter_articles([str(corpus)])))
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--docs", type=Path, default=None, help="DocBin file to reuse/keep parsed Docs")
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--seed", type=int, default=20250217)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--kinds", default="role,action,statement",
                        help="edge kinds to sample (event edges come from kg/extract/events.py)")
    args = parser.parse_args()

    extractions = [extract_article(article, chunks) for article, chunks in parsed(args.corpus.resolve(), args.docs)]
    graph = graph_from_extractions(extractions, cooccurrence=False)
    wanted = set(args.kinds.split(","))
    edges = sorted((d["id"], u, v, d) for u, v, d in graph.edges(data=True) if d["kind"] in wanted)
    kinds: dict[str, int] = {}
    for _, _, _, d in edges:
        kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
    sample = random.Random(args.seed).sample(edges, min(args.sample, len(edges)))
    label = {n: graph.nodes[n].get("label", n) for n in graph}
    lines = [
        "# Precision sample: relation edges on BBC politics",
        "",
        f"{len(extractions)} articles; {len(edges)} relation edges ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}); "
        f"{len(sample)} sampled with seed {args.seed}. Judge: Y (correct), N (wrong).",
        "",
    ]
    for i, (_, u, v, d) in enumerate(sample, 1):
        lines += [
            f"## {i}. {label[u]} --[{d['relation']}]--> {label[v]}  ({d['kind']})",
            f"- source: {d.get('evidence_source', '')}",
            f"- evidence: {d.get('evidence', '')}",
            "- judgement: ",
            "",
        ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"{len(edges)} relation edges, {kinds}; wrote {args.out}")


if __name__ == "__main__":
    main()
