"""One very long article: does kg's time and memory grow like the parser's (linearly), not faster?

    python bench/bench_article.py                   # 1 and 5 MB (about 10 minutes on 2 cores)
    nice -n 10 python bench/bench_article.py --sizes 1,5,50   # the README figures (50 MB: hours)

Each size is a one-line article of ordinary news sentences (bodies of ../shared/corpora/bbc-news articles,
or of seeds/ without it, joined by spaces until the size is reached). Every figure is measured in this run,
each in its own subprocess:
- bare spaCy: the same text, cut into the same pieces (kg.nlp.split_text) and parsed in the same batches
  (kg.nlp.pipe_in_batches) with the same pipeline; spaCy cannot take 50 MB at once;
- kg: `kg build ARTICLE -o graph.graphml --workers 1` with a new, empty cache (as a first run does): reading,
  cleaning, parsing, extraction, storing it in the cache, resolution, graph and writing.
Times are wall-clock including process start and model load; peak memory is the child's maximum resident
set (getrusage via wait4). Targets: kg's time at most 1.25x bare spaCy's, kg's peak at most bare's peak
plus 25% of it, at every size (so both grow like the parser's). Results are printed and written to
bench/results/ (gitignored).
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / ".." / "shared" / "corpora" / "bbc-news"
SEEDS = ROOT / "seeds"
RESULTS = ROOT / "bench" / "results"
MB = 1_000_000
TARGET_TIME_RATIO = 1.25
TARGET_MEMORY_RATIO = 1.25


@dataclass
class Run:
    seconds: float
    peak_mb: float
    output: str


def run(command: list[str]) -> Run:
    started = time.perf_counter()
    # This checkout's kg, for both the baseline and the build, whatever kg is installed.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)}
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    output = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed with exit {code}:\n{output[-2000:]}")
    return Run(seconds, usage.ru_maxrss / 1024, output)


def bodies(corpus: Path) -> list[str]:
    """Article bodies (the first line of a BBC file is its headline) with their lines joined."""
    files = sorted(corpus.rglob("*.txt")) if corpus.is_dir() else []
    if not files:
        files = sorted(SEEDS.glob("*.txt"))
    texts = []
    for path in files:
        lines = [line.strip() for line in path.read_bytes().decode("utf-8", "replace").split("\n")]
        texts.append(" ".join(line for line in lines[1:] if line and not line.lower().startswith("date ")))
    return [t for t in texts if t]


def make_article(path: Path, size: int, corpus: Path) -> int:
    """Write a one-line article of ``size`` characters (cut at a space); its whitespace word count."""
    parts: list[str] = []
    total = 0
    for body in itertools.cycle(bodies(corpus)):
        parts.append(body)
        total += len(body) + 1
        if total >= size:
            break
    text = " ".join(parts)[:size].rsplit(" ", 1)[0] + "\n"
    path.write_text(text, encoding="utf-8")
    return len(text.split())


def bare_spacy(article: str, model: str) -> None:
    """The baseline, in a subprocess: the same pieces, the same batches, the same pipeline."""
    from kg.nlp import CHUNK_CHARS, load_model, normalise_text, pipe_in_batches, split_text

    started = time.perf_counter()
    nlp = load_model(model)
    loaded = time.perf_counter()
    text = Path(article).read_text(encoding="utf-8")
    pieces = split_text(normalise_text(text), min(CHUNK_CHARS, nlp.max_length))
    tokens = sum(len(doc) for doc, _ in pipe_in_batches(nlp, ((piece, None) for _, piece in pieces)))
    print(json.dumps({"tokens": tokens, "pieces": len(pieces), "load": loaded - started,
                      "parse": time.perf_counter() - loaded}))


def measure(size_mb: float, model: str, work: Path, corpus: Path) -> dict[str, object]:
    article = work / f"article-{size_mb:g}mb.txt"
    words = make_article(article, int(size_mb * MB), corpus)
    print(f"bench: {size_mb:g} MB article, {words:,} words", file=sys.stderr)

    def step(name: str, command: list[str]) -> Run:
        print(f"bench:   {name} ...", file=sys.stderr, end="", flush=True)
        result = run(command)
        print(f" {result.seconds:.1f} s, peak {result.peak_mb:,.0f} MB", file=sys.stderr)
        return result

    bare = step("bare spaCy", [sys.executable, __file__, "--bare", str(article), "--model", model])
    info = json.loads(bare.output.strip().splitlines()[-1])
    out = work / f"graph-{size_mb:g}mb.graphml"
    kg = step("kg build", [sys.executable, "-m", "kg", "build", str(article), "-o", str(out), "--cache",
                           str(work / "cache.sqlite"), "--workers", "1", "--model", model])
    summary = kg.output.strip().splitlines()[-1] if kg.output.strip() else ""
    article.unlink()
    return {"mb": size_mb, "words": words, "tokens": info["tokens"], "pieces": info["pieces"], "bare": bare,
            "kg": kg, "summary": summary}


def verdict(name: str, value: float, target: float) -> str:
    if value <= target:
        return f"- {name}: {value:.2f} (target <= {target:g}) met"
    return f"- {name}: {value:.2f} (target <= {target:g}) MISSED by {(value - target) / target:.0%}"


def table(rows: list[dict[str, object]], load: tuple[float, float]) -> str:
    lines = [
        "| article | words | bare spaCy s | kg s | kg / bare time | bare peak MB | kg peak MB | kg / bare memory |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    notes: list[str] = []
    for r in rows:
        bare, kg = r["bare"], r["kg"]
        time_ratio, memory_ratio = kg.seconds / bare.seconds, kg.peak_mb / bare.peak_mb
        lines.append(
            f"| {r['mb']:g} MB | {r['words']:,} | {bare.seconds:,.1f} | {kg.seconds:,.1f} | {time_ratio:.2f} "
            f"| {bare.peak_mb:,.0f} | {kg.peak_mb:,.0f} | {memory_ratio:.2f} |"
        )
        notes.append(f"{r['mb']:g} MB ({r['pieces']} pieces parsed, {r['tokens']:,} tokens): {r['summary']}")
        notes.append(verdict("kg / bare spaCy time", time_ratio, TARGET_TIME_RATIO))
        notes.append(verdict("kg / bare spaCy peak memory", memory_ratio, TARGET_MEMORY_RATIO))
    machine = (f"machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
               f"load average {load[0]:.2f} before, {load[1]:.2f} after")
    return "\n".join(lines) + "\n\n" + "\n".join(notes) + "\n\n" + machine + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,5", help="article sizes in MB, e.g. 1,5,50")
    parser.add_argument("--model", default="en_core_web_sm")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--bare", metavar="ARTICLE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare:
        bare_spacy(args.bare, args.model)
        return
    sizes = sorted({float(s) for s in args.sizes.split(",")})
    load_before = os.getloadavg()[0]
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-article-") as tmp:
        for size in sizes:
            work = Path(tmp) / f"s{size:g}"
            work.mkdir()
            rows.append(measure(size, args.model, work, args.corpus))
    report = table(rows, (load_before, os.getloadavg()[0]))
    print(report)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"bench-article-{time.strftime('%Y%m%d-%H%M%S')}.md"
    out.write_text(report, encoding="utf-8")
    print(f"bench: written to {out.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
