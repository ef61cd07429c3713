"""Resolution on a real corpus: the 30 most-mentioned people with their aliases, and timings.

    python bench/people.py                       # ../shared/corpora/bbc-news/politics
    python bench/people.py DIR --pickle FILE     # save the extractions; later runs with the same
                                                 # --pickle reuse them and only time resolution
"""
from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT = ROOT / ".." / "shared" / "corpora" / "bbc-news" / "politics"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT))
    parser.add_argument("--pickle", help="cache of the per-article extractions (read if present, else written)")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()

    from kg.ingest import iter_articles
    from kg.pipeline import extract_articles
    from kg.resolve import resolve_entities

    cached = Path(args.pickle) if args.pickle else None
    if cached and cached.exists():
        extractions = pickle.loads(cached.read_bytes())
        print(f"{len(extractions)} extractions from {cached}")
    else:
        started = time.perf_counter()
        extractions = list(extract_articles(iter_articles([args.corpus]), workers=args.workers, cache=None))
        print(f"parsed {len(extractions)} articles in {time.perf_counter() - started:.1f} s")
        if cached:
            cached.write_bytes(pickle.dumps(extractions))
    started = time.perf_counter()
    resolution = resolve_entities(extractions)
    seconds = time.perf_counter() - started
    mentions = sum(len(e.mentions) for e in extractions)
    print(f"resolved {mentions} mentions into {len(resolution.entities)} entities in {seconds:.2f} s")
    people = sorted((e for e in resolution.entities.values() if e.type == "PERSON"), key=lambda e: (-e.mentions, e.id))
    for rank, person in enumerate(people[: args.top], 1):
        print(f"{rank:2}. {person.label}  ({person.mentions} mentions, {len(person.articles)} articles)")
        print(f"      aliases: {' | '.join(person.aliases)}")


if __name__ == "__main__":
    main()
