"""Benchmark `kg build` against bare spaCy, across workers and the extraction cache.

    python bench/bench_build.py --limit 100               # a quick run (about a minute)
    python bench/bench_build.py --fractions 0.25,0.5,1    # the full table for the README (many minutes)

Every figure is measured in this run, each in its own subprocess (so peak memory is per build):
- bare: `nlp.pipe` over the same files with the same pipeline (all its components, as kg uses them);
- kg cold: `kg build --workers 1` with an empty cache (the cache is written: that cost is kg's);
- kg warm: the same command again (every article from the cache);
- kg x2: `kg build --workers 2 --no-cache`.
Throughput for both is whitespace words of the input files per second of wall time (process start,
imports and model load included), so the ratio is the ratio of times. Peak memory: the largest
process (getrusage of the child) and the sum over the process tree (sampled with psutil).
Targets: kg >= 0.85x bare, x2 >= 1.6x x1, warm >= 20x cold, peak < 1.5 GB. A missed target is
reported with the shortfall. Results are printed and written to bench/results/ (gitignored).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / ".." / "shared" / "corpora" / "bbc-news"
RESULTS = ROOT / "bench" / "results"
TARGET_BARE_RATIO = 0.85
TARGET_WORKERS_SPEEDUP = 1.6
TARGET_WARM_SPEEDUP = 20.0
TARGET_PEAK_MB = 1536.0


@dataclass
class Run:
    seconds: float
    peak_mb: float  # largest single process
    tree_mb: float  # sum over the process tree, sampled
    output: str


def run(command: list[str], *, cwd: Path = ROOT) -> Run:
    """Run ``command``; wall time, peak RSS of the child (wait4) and of its process tree (sampled)."""
    import psutil

    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    tree_peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal tree_peak
        while not stop.is_set():
            try:
                root = psutil.Process(proc.pid)
                total = root.memory_info().rss + sum(
                    c.memory_info().rss for c in root.children(recursive=True) if c.is_running()
                )
                tree_peak = max(tree_peak, total)
            except psutil.Error:
                pass
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed with exit {proc.returncode}:\n{output[-2000:]}")
    return Run(seconds, usage.ru_maxrss / 1024, tree_peak / 2**20, output)


def select(corpus: Path, count: int | None, fraction: float) -> list[Path]:
    """A deterministic share of the corpus, taken round-robin over its folders (all topics at every size)."""
    folders = sorted(p for p in corpus.iterdir() if p.is_dir())
    lists = [sorted(f.rglob("*.txt")) for f in folders] or [sorted(corpus.rglob("*.txt"))]
    interleaved = [files[i] for i in range(max(map(len, lists))) for files in lists if i < len(files)]
    n = round(len(interleaved) * fraction)
    if count is not None:
        n = min(n, count)
    return interleaved[:n]


def bare_spacy(folder: str, model: str) -> None:
    """The baseline, run in a subprocess: read the files, nlp.pipe them, count tokens."""
    from kg.nlp import BATCH_SIZE, load_model

    started = time.perf_counter()
    nlp = load_model(model)  # spacy.load with every component, as kg runs it
    loaded = time.perf_counter()
    texts = (p.read_bytes().decode("utf-8", "replace") for p in sorted(Path(folder).iterdir()))
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=BATCH_SIZE))
    print(json.dumps({"tokens": tokens, "load": loaded - started, "parse": time.perf_counter() - loaded,
                      "components": nlp.pipe_names}))


def kg_build(folder: Path, out: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "kg", "build", str(folder), "-o", str(out), "-q", *options]


def measure(corpus: Path, count: int | None, fraction: float, model: str, work: Path) -> dict[str, object]:
    files = select(corpus, count, fraction)
    folder = work / f"corpus-{len(files)}"
    folder.mkdir()
    words = 0
    for i, path in enumerate(files):
        (folder / f"{i:05}-{path.parent.name}-{path.name}").symlink_to(path.resolve())
        words += len(path.read_bytes().split())
    print(f"bench: {len(files)} articles, {words:,} words", file=sys.stderr)

    def step(name: str, command: list[str]) -> Run:
        print(f"bench:   {name} ...", file=sys.stderr, end="", flush=True)
        result = run(command)
        print(f" {result.seconds:.1f} s, peak {result.peak_mb:.0f} MB (tree {result.tree_mb:.0f} MB)", file=sys.stderr)
        return result

    bare = step("bare spaCy", [sys.executable, __file__, "--bare", str(folder), "--model", model])
    bare_info = json.loads(bare.output.strip().splitlines()[-1])
    cache = work / f"cache-{len(files)}.sqlite"
    cold = step("kg --workers 1 (cold cache)", kg_build(folder, work / "cold.graphml", "--workers", "1", "--cache", str(cache), "--model", model))
    warm = step("kg --workers 1 (warm cache)", kg_build(folder, work / "warm.graphml", "--workers", "1", "--cache", str(cache), "--model", model))
    two = step("kg --workers 2 (no cache)", kg_build(folder, work / "two.graphml", "--workers", "2", "--no-cache", "--model", model))
    same = (work / "cold.graphml").read_bytes() == (work / "warm.graphml").read_bytes() == (work / "two.graphml").read_bytes()
    return {"articles": len(files), "words": words, "tokens": bare_info["tokens"], "bare": bare,
            "bare_load": bare_info["load"], "cold": cold, "warm": warm, "two": two, "same": same,
            "components": bare_info["components"]}


def verdict(name: str, value: float, target: float, higher_is_better: bool = True) -> str:
    ok = value >= target if higher_is_better else value <= target
    if ok:
        return f"- {name}: {value:.3g} (target {'>=' if higher_is_better else '<'} {target:g}) met"
    short = (target - value) / target if higher_is_better else (value - target) / target
    return f"- {name}: {value:.3g} (target {'>=' if higher_is_better else '<'} {target:g}) MISSED by {short:.0%}"


def table(rows: list[dict[str, object]], load: tuple[float, float]) -> str:
    head = (
        "| articles | words | bare spaCy s (w/s) | kg x1 cold s (w/s) | kg / bare | kg x2 s | x2 speed-up "
        "| warm s | warm speed-up | peak MB x1 | peak MB x2 (tree) | same GraphML |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|"
    )
    lines = [head]
    notes: list[str] = []
    for r in rows:
        words = r["words"]
        bare, cold, warm, two = r["bare"], r["cold"], r["warm"], r["two"]
        ratio = bare.seconds / cold.seconds
        speedup = cold.seconds / two.seconds
        warm_speedup = cold.seconds / warm.seconds
        lines.append(
            f"| {r['articles']:,} | {words:,} | {bare.seconds:.1f} ({words / bare.seconds:,.0f}) "
            f"| {cold.seconds:.1f} ({words / cold.seconds:,.0f}) | {ratio:.2f} | {two.seconds:.1f} | {speedup:.2f} "
            f"| {warm.seconds:.1f} | {warm_speedup:.1f} | {cold.peak_mb:,.0f} | {two.tree_mb:,.0f} "
            f"| {'yes' if r['same'] else 'NO'} |"
        )
        notes.append(f"{r['articles']:,} articles:")
        notes.append(verdict("kg / bare spaCy words per second", ratio, TARGET_BARE_RATIO))
        notes.append(verdict("--workers 2 speed-up", speedup, TARGET_WORKERS_SPEEDUP))
        notes.append(verdict("warm cache speed-up", warm_speedup, TARGET_WARM_SPEEDUP))
        notes.append(verdict("peak MB, one process", cold.peak_mb, TARGET_PEAK_MB, higher_is_better=False))
        if not r["same"]:
            notes.append("- the three builds wrote DIFFERENT GraphML: a bug")
    machine = (
        f"{platform.node() and 'machine'}: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"load average {load[0]:.2f} before, {load[1]:.2f} after; pipeline components: "
        f"{', '.join(rows[0]['components'])}" if rows else ""
    )
    return "\n".join(lines) + "\n\n" + "\n".join(notes) + "\n\n" + machine + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--fractions", default="1", help="shares of the corpus to run, e.g. 0.25,0.5,1")
    parser.add_argument("--limit", type=int, default=None, help="at most this many articles per run (quick runs)")
    parser.add_argument("--model", default="en_core_web_sm")
    parser.add_argument("--bare", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare:
        bare_spacy(args.bare, args.model)
        return
    if not args.corpus.is_dir():
        raise SystemExit(f"bench: corpus {args.corpus} not found; pass --corpus FOLDER")
    fractions = sorted({float(f) for f in args.fractions.split(",")})
    load_before = os.getloadavg()[0]
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        for fraction in fractions:
            work = Path(tmp) / f"f{fraction:g}"
            work.mkdir()
            rows.append(measure(args.corpus, args.limit, fraction, args.model, work))
    report = table(rows, (load_before, os.getloadavg()[0]))
    print(report)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"bench-build-{time.strftime('%Y%m%d-%H%M%S')}.md"
    out.write_text(report, encoding="utf-8")
    print(f"bench: written to {out.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
