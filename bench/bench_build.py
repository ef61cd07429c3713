"""Benchmark `kg build`: against bare spaCy, across workers and the cache, and as the corpus grows.

    python bench/bench_build.py                        # everything (politics, then growth to 10 copies)
    python bench/bench_build.py --quick                # 100 politics articles, copies 1,2 (a few minutes)
    python bench/bench_build.py --no-growth            # only the politics table
    python bench/bench_build.py --no-speed --copies 1,2,5,10

Every figure comes from this one run, each step in its own subprocess (so peak memory is per build).

Speed, on one folder (default ../shared/corpora/bbc-news/politics, 417 articles):
- bare spaCy: the tutorial's parse, ``spacy.load(model)`` with every component and ``nlp.pipe`` over
  the same texts, in a fresh process (start, imports and model load included, as for kg);
- kg cold: ``kg build --workers 1`` with an empty extraction cache (writing it is kg's cost);
- kg cold, full pipeline: the same with ``KG_FULL_PIPELINE=1`` (every spaCy component runs, lemmas
  from the lemmatizer): its GraphML must be byte-identical to kg cold's;
- kg warm: kg cold's command again (every article from the cache);
- kg x2: ``kg build --workers 2 --no-cache``.
Words per second are whitespace words of the input files per second of wall time. CPU seconds (user +
system, over the process and its children) are printed too: on a shared machine they move less than
wall time. kg's gazetteer index file is built before the first timed step (it is built once per
machine, on first use), in a folder of this run (KG_GAZETTEER_CACHE).

Growth, on the whole corpus (2,225 articles) copied 1, 2, 5 and 10 times under other file names:
the cache is filled once by a cold build of one copy (not timed against a target), then every size
is a warm build (every article a cache hit: this times reading, resolution, graph and writing), with
kg's own per-step timings (``--timings``) so a step that grows faster than the corpus shows.

Targets (issue 15): kg cold >= 1.0x bare spaCy's words/s; full and slim GraphML identical;
x2 >= 1.8x x1; warm >= 40x faster than cold; 10 copies <= 12x the time of one copy and peak < 4 GB.
A missed target is reported with the shortfall. The report is printed and written to
bench/results/ (gitignored).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
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
TARGET_BARE_RATIO = 1.0
TARGET_WORKERS_SPEEDUP = 1.8
TARGET_WARM_SPEEDUP = 40.0
TARGET_GROWTH = 12.0  # time of the largest size over one copy, at 10 copies
TARGET_GROWTH_PEAK_MB = 4096.0


@dataclass
class Run:
    seconds: float
    cpu: float  # user + system seconds of the child and its children
    peak_mb: float  # largest single process (the child itself)
    tree_mb: float  # sum over the process tree, sampled
    output: str


def run(command: list[str], *, env: dict[str, str] | None = None) -> Run:
    """Run ``command``; wall time, CPU time, peak RSS of the child (wait4) and of its process tree (sampled)."""
    import psutil

    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, **(env or {})})
    tree_peak = 0
    sampled_cpu: dict[int, float] = {}  # pid -> its own CPU seconds, last seen
    stop = threading.Event()

    def sample() -> None:
        nonlocal tree_peak
        while not stop.is_set():
            try:
                root = psutil.Process(proc.pid)
                kids = [c for c in root.children(recursive=True) if c.is_running()]
                tree_peak = max(tree_peak, root.memory_info().rss + sum(c.memory_info().rss for c in kids))
                for p in [root, *kids]:  # workers may not be reaped by the child (forkserver): sample them
                    t = p.cpu_times()
                    sampled_cpu[p.pid] = t.user + t.system
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
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed with exit {code}:\n{output[-2000:]}")
    # wait4 counts the child and the descendants it reaped; sampling sees the others (last sample).
    cpu = max(usage.ru_utime + usage.ru_stime, sum(sampled_cpu.values()))
    return Run(seconds, cpu, usage.ru_maxrss / 1024, tree_peak / 2**20, output)


def corpus_files(corpus: Path) -> list[Path]:
    """Articles of a folder, round-robin over its topic folders (all topics in any prefix)."""
    folders = sorted(p for p in corpus.iterdir() if p.is_dir())
    lists = [sorted(f.rglob("*.txt")) for f in folders] or [sorted(corpus.rglob("*.txt"))]
    return [files[i] for i in range(max(map(len, lists))) for files in lists if i < len(files)]


def copy_corpus(files: list[Path], folder: Path, copies: int = 1) -> int:
    """``copies`` copies of ``files`` under other names; returns the words of one copy.

    Real copies, not links: kg reads a file once however many names reach it (it knows files by
    device and inode), so symbolic or hard links would make ten "copies" one corpus.
    """
    folder.mkdir(parents=True)
    for copy in range(copies):
        for i, path in enumerate(files):
            shutil.copyfile(path, folder / f"c{copy:02}-{i:05}-{path.parent.name}-{path.name}")
    return sum(len(p.read_bytes().split()) for p in files)


def bare_spacy(folder: str, model: str) -> None:
    """The baseline, run in a subprocess: spaCy's tutorial parse of the same files."""
    import spacy

    from kg.nlp import BATCH_SIZE
    from kg.pipelines import REPUBLISHED

    started = time.perf_counter()
    try:
        nlp = spacy.load(model)
    except OSError:
        nlp = spacy.load(REPUBLISHED[model])
    loaded = time.perf_counter()
    texts = (p.read_bytes().decode("utf-8", "replace") for p in sorted(Path(folder).iterdir()))
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=BATCH_SIZE))
    print(json.dumps({"tokens": tokens, "load": loaded - started, "parse": time.perf_counter() - loaded,
                      "components": nlp.pipe_names}))


def kg_build(folder: Path, out: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "kg", "build", str(folder), "-o", str(out), "-q", *options]


def step(name: str, command: list[str], env: dict[str, str] | None = None) -> Run:
    print(f"bench:   {name} ...", file=sys.stderr, end="", flush=True)
    result = run(command, env=env)
    print(f" {result.seconds:.1f} s (cpu {result.cpu:.1f} s), peak {result.peak_mb:.0f} MB (tree {result.tree_mb:.0f} MB)",
          file=sys.stderr)
    return result


def measure_speed(folder_in: Path, limit: int | None, model: str, work: Path) -> dict[str, object]:
    files = corpus_files(folder_in)[:limit]
    folder = work / "speed-corpus"
    words = copy_corpus(files, folder)
    print(f"bench: speed on {folder_in.name}: {len(files)} articles, {words:,} words", file=sys.stderr)
    bare = step("bare spaCy (every component)", [sys.executable, __file__, "--bare", str(folder), "--model", model])
    bare_info = json.loads(bare.output.strip().splitlines()[-1])
    cache = work / "speed-cache.sqlite"
    m = ["--model", model]
    cold = step("kg --workers 1 (cold cache)", kg_build(folder, work / "cold.graphml", "--workers", "1", "--cache", str(cache), *m))
    full = step("kg --workers 1, KG_FULL_PIPELINE=1 (no cache)",
                kg_build(folder, work / "full.graphml", "--workers", "1", "--no-cache", *m), env={"KG_FULL_PIPELINE": "1"})
    warm = step("kg --workers 1 (warm cache)", kg_build(folder, work / "warm.graphml", "--workers", "1", "--cache", str(cache), *m))
    two = step("kg --workers 2 (no cache)", kg_build(folder, work / "two.graphml", "--workers", "2", "--no-cache", *m))
    outputs = {name: (work / f"{name}.graphml").read_bytes() for name in ("cold", "full", "warm", "two")}
    return {"articles": len(files), "words": words, "bare": bare, "cold": cold, "full": full, "warm": warm, "two": two,
            "same_full": outputs["full"] == outputs["cold"], "same_all": len(set(outputs.values())) == 1,
            "components": bare_info["components"], "folder": folder_in.name}


def _timings(output: str) -> dict[str, float]:
    """CPU seconds of each step from ``kg build --timings`` (steady on a shared machine, unlike wall time)."""
    for line in output.splitlines():
        if line.startswith("kg: timings: "):
            found = re.findall(r"([\w+.\- ]+?) (\d+\.\d+) s \(cpu (\d+\.\d+) s\)(?:, |$)", line[len("kg: timings: "):])
            return {name if not name.startswith("write ") else "write": float(cpu) for name, _, cpu in found}
    return {}


def measure_growth(corpus: Path, copies: list[int], model: str, work: Path) -> list[dict[str, object]]:
    files = corpus_files(corpus)
    cache = work / "growth-cache.sqlite"
    one = work / "growth-fill"
    words = copy_corpus(files, one)
    print(f"bench: growth on {corpus.name}: {len(files)} articles, {words:,} words a copy", file=sys.stderr)
    step("fill the cache (cold, --workers 2; not a target)",
         kg_build(one, work / "fill.graphml", "--workers", "2", "--cache", str(cache), "--model", model))
    rows = []
    for k in copies:
        folder = work / f"growth-{k}"
        copy_corpus(files, folder, k)
        result = step(f"kg warm, {k} cop{'y' if k == 1 else 'ies'} ({k * len(files):,} articles)",
                      kg_build(folder, work / f"growth-{k}.graphml", "--cache", str(cache), "--timings", "--model", model))
        size = (work / f"growth-{k}.graphml").stat().st_size
        rows.append({"copies": k, "articles": k * len(files), "run": result, "phases": _timings(result.output),
                     "graphml_mb": size / 2**20})
        shutil.rmtree(folder)
    return rows


def verdict(name: str, value: float, target: float, higher_is_better: bool = True) -> str:
    ok = value >= target if higher_is_better else value <= target
    sign = ">=" if higher_is_better else "<="
    if ok:
        return f"- {name}: {value:.3g} (target {sign} {target:g}) met"
    short = (target - value) / target if higher_is_better else (value - target) / target
    return f"- {name}: {value:.3g} (target {sign} {target:g}) MISSED by {short:.0%}"


def speed_table(r: dict[str, object]) -> str:
    words = r["words"]
    bare, cold, full, warm, two = (r[k] for k in ("bare", "cold", "full", "warm", "two"))

    def row(name: str, x: Run, note: str = "") -> str:
        return (f"| {name} | {x.seconds:.1f} | {words / x.seconds:,.0f} | {x.cpu:.1f} | {x.peak_mb:,.0f} "
                f"| {x.tree_mb:,.0f} | {note} |")

    ratio = bare.seconds / cold.seconds
    speedup = cold.seconds / two.seconds
    warm_speedup = cold.seconds / warm.seconds
    lines = [
        f"{r['articles']:,} articles of {r['folder']}, {words:,} words",
        "",
        "| step | wall s | words/s | cpu s | peak MB | tree MB | |",
        "|---|---:|---:|---:|---:|---:|---|",
        row("bare spaCy, every component", bare),
        row("kg --workers 1, cold", cold, f"{ratio:.2f}x bare"),
        row("kg --workers 1, cold, KG_FULL_PIPELINE=1", full, f"{bare.seconds / full.seconds:.2f}x bare"),
        row("kg --workers 1, warm", warm, f"{warm_speedup:.1f}x faster than cold"),
        row("kg --workers 2, no cache", two, f"{speedup:.2f}x one worker"),
        "",
        verdict("kg cold / bare spaCy words per second", ratio, TARGET_BARE_RATIO),
        verdict("--workers 2 speed-up", speedup, TARGET_WORKERS_SPEEDUP),
        verdict("warm rebuild speed-up", warm_speedup, TARGET_WARM_SPEEDUP),
        f"- GraphML of the full pipeline {'byte-identical to' if r['same_full'] else 'DIFFERENT from'} kg's "
        f"({'met' if r['same_full'] else 'MISSED: a bug'}); cold, warm and x2 "
        f"{'identical' if r['same_all'] else 'DIFFERENT (a bug)'}",
        f"- bare spaCy ran: {', '.join(r['components'])}",
    ]
    return "\n".join(lines)


def growth_table(rows: list[dict[str, object]]) -> str:
    base = rows[0]
    phases = list(dict.fromkeys(p for r in rows for p in r["phases"]))
    head = "| copies | articles | wall s | x one copy | cpu s | peak MB | GraphML MB | " + " | ".join(phases) + " |"
    lines = [head, "|" + "---:|" * (7 + len(phases))]
    for r in rows:
        x: Run = r["run"]
        b: Run = base["run"]
        lines.append(
            f"| {r['copies']} | {r['articles']:,} | {x.seconds:.1f} | {x.seconds / b.seconds:.2f} | {x.cpu:.1f} "
            f"| {x.peak_mb:,.0f} | {r['graphml_mb']:.0f} | "
            + " | ".join(f"{r['phases'].get(p, 0.0):.2f}" for p in phases) + " |"
        )
    notes = [""]
    last = rows[-1]
    k = last["copies"] / base["copies"]
    if k >= 10:
        notes.append(verdict(f"{last['copies']} copies / {base['copies']} (time)", last["run"].seconds / base["run"].seconds,
                             TARGET_GROWTH, higher_is_better=False))
    notes.append(verdict(f"peak MB at {last['copies']} copies", last["run"].peak_mb, TARGET_GROWTH_PEAK_MB, higher_is_better=False))
    for p in phases:  # a step that grows faster than the corpus, by more than noise
        a, z = base["phases"].get(p, 0.0), last["phases"].get(p, 0.0)
        if a > 0.05 and z / a > 1.25 * k:
            notes.append(f"- step '{p}' grew {z / a:.1f}x for {k:g}x the articles: faster than linear")
    return "\n".join(lines + notes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the whole corpus (growth)")
    parser.add_argument("--subset", default="politics", help="folder of --corpus for the speed table")
    parser.add_argument("--limit", type=int, default=None, help="at most this many articles in the speed table")
    parser.add_argument("--copies", default="1,2,5,10", help="corpus copies for the growth table")
    parser.add_argument("--no-speed", action="store_true", help="skip the speed table")
    parser.add_argument("--no-growth", action="store_true", help="skip the growth table")
    parser.add_argument("--quick", action="store_true", help="--limit 100 --copies 1,2")
    parser.add_argument("--model", default="en_core_web_sm")
    parser.add_argument("--bare", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare:
        bare_spacy(args.bare, args.model)
        return
    if args.quick:
        args.limit, args.copies = args.limit or 100, "1,2"
    if not args.corpus.is_dir():
        raise SystemExit(f"bench: corpus {args.corpus} not found; pass --corpus FOLDER")
    copies = sorted({int(c) for c in args.copies.split(",")})
    load_before = os.getloadavg()
    started = time.time()
    sections = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        work = Path(tmp)
        os.environ["KG_GAZETTEER_CACHE"] = str(work / "gazetteer")
        step("build kg's gazetteer index file (once per machine)",
             [sys.executable, "-c", "import kg.gazetteer as g; g.city_of('Paris')"])
        if not args.no_speed:
            sections.append("## Speed\n\n" + speed_table(measure_speed(args.corpus / args.subset, args.limit, args.model, work)))
        if not args.no_growth:
            sections.append("## Growth (warm builds)\n\n" + growth_table(measure_growth(args.corpus, copies, args.model, work)))
    load_after = os.getloadavg()
    machine = (
        f"Machine: {os.cpu_count()} CPUs, Python {platform.python_version()}; load average (1, 5, 15 min) "
        f"{' '.join(f'{x:.2f}' for x in load_before)} before, {' '.join(f'{x:.2f}' for x in load_after)} after; "
        f"{(time.time() - started) / 60:.0f} minutes."
    )
    report = "\n\n".join(sections) + "\n\n" + machine + "\n"
    print(report)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"bench-build-{time.strftime('%Y%m%d-%H%M%S')}.md"
    out.write_text(report, encoding="utf-8")
    print(f"bench: written to {out.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
