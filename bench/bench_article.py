"""One very long article: does kg's time and memory grow like the parser's (linearly), not faster?

    python bench/bench_article.py                   # 1 and 5 MB, side by side (about 15 minutes on 2 cores)
    python bench/bench_article.py --sizes 50 --bare-up-to 5 --kg-timeout 3600   # 50 MB: kg only, an hour at most

Each size is a one-line article of ordinary news sentences (bodies of ../shared/corpora/bbc-news articles,
or of seeds/ without it, joined by spaces until the size is reached). Every figure is measured in this run,
side by side, each in its own subprocess:
- bare spaCy, pieces: ``spacy.load(model)`` as spaCy gives it (every component) and ``nlp.pipe`` over the same
  text cut into the pieces kg cuts (kg.nlp.split_text, at most 100,000 characters), two pieces per batch as kg
  parses them; this is the baseline at every size (spaCy cannot take 50 MB as one Doc);
- bare spaCy, one Doc (sizes up to ``--whole-up-to`` MB): ``nlp(text)`` on the whole text, ``nlp.max_length``
  raised to its length, for comparison;
- kg: `kg build ARTICLE -o graph.graphml --workers 1` with a new, empty cache (as a first run does): reading,
  cleaning, parsing, extraction, storing it in the cache, resolution, graph and writing.
Times are wall-clock including process start and model load. Peak memory is the largest total resident set of
the child and all its descendants, sampled with psutil every 0.1 s (and at least the child's own maximum from
wait4's rusage, which no sample can miss). The load average is noted before and after every step. Targets:
kg's time at most 1.25x bare spaCy's (pieces), kg's peak at most 1.25x bare's, at every size (so both grow like
the parser's). Results are printed and written to bench/results/ (gitignored).
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
import threading
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
    load: tuple[float, float]  # one-minute load average before and after
    cpu: float = 0.0  # user + system seconds of the child and its reaped descendants
    finished: bool = True  # False: killed at the time limit; the figures are up to then
    memory: tuple[tuple[float, float], ...] = ()  # (seconds, resident MB of the process tree), once a minute


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (a worker process counts too)."""
    import psutil

    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except psutil.Error:  # it ended between listing and reading
            pass
    return total


def sample_peak(pid: int, stop: threading.Event, peak: list[int], timeline: list[tuple[float, float]]) -> None:
    started = time.perf_counter()
    while not stop.wait(0.1):
        rss = tree_rss(pid)
        peak[0] = max(peak[0], rss)
        elapsed = time.perf_counter() - started
        if elapsed >= 60 * (len(timeline) + 1):  # whether memory keeps growing through a long run
            timeline.append((elapsed, rss / 2**20))


def run(command: list[str], timeout: float | None = None) -> Run:
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    # This checkout's kg, for both the baseline and the build, whatever kg is installed.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)}
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    peak, stop, timeline = [0], threading.Event(), []
    sampler = threading.Thread(target=sample_peak, args=(proc.pid, stop, peak, timeline), daemon=True)
    sampler.start()
    timer = threading.Timer(timeout, proc.kill) if timeout else None
    if timer:
        timer.start()
    output = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    if timer:
        timer.cancel()
    code = os.waitstatus_to_exitcode(status)
    killed = timeout is not None and seconds >= timeout and code < 0
    if code != 0 and not killed:
        raise SystemExit(f"bench: {' '.join(command)} failed with exit {code} after {seconds:.0f} s:\n{output[-2000:]}")
    peak_bytes = max(peak[0], usage.ru_maxrss * 1024)  # ru_maxrss is in KiB on Linux
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, peak_bytes / 2**20, output, (load_before, os.getloadavg()[0]), cpu, not killed, tuple(timeline))


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


def bare_spacy(article: str, model: str, whole: bool) -> None:
    """The baseline, in a subprocess: plain spaCy, every component, on the same text (pieces or one Doc)."""
    import spacy

    from kg.nlp import BATCH_CHARS, CHUNK_CHARS, split_text
    from kg.pipelines import REPUBLISHED

    started = time.perf_counter()
    try:
        nlp = spacy.load(model)
    except OSError:  # the republished package name, as kg.nlp.load_model tries it
        nlp = spacy.load(REPUBLISHED[model])
    loaded = time.perf_counter()
    text = Path(article).read_text(encoding="utf-8")
    if whole:
        nlp.max_length = len(text) + 1
        pieces, tokens = 1, len(nlp(text))
    else:
        cut = [piece for _, piece in split_text(text, CHUNK_CHARS)]
        # kg's batches hold about BATCH_CHARS characters: two pieces of 100,000.
        pieces, tokens = len(cut), sum(len(doc) for doc in nlp.pipe(cut, batch_size=BATCH_CHARS // CHUNK_CHARS))
    print(json.dumps({"tokens": tokens, "pieces": pieces, "load": loaded - started,
                      "parse": time.perf_counter() - loaded}))


def measure(size_mb: float, model: str, work: Path, corpus: Path, whole: bool, bare_too: bool,
            kg_timeout: float | None) -> dict[str, object]:
    article = work / f"article-{size_mb:g}mb.txt"
    words = make_article(article, int(size_mb * MB), corpus)
    print(f"bench: {size_mb:g} MB article, {words:,} words", file=sys.stderr)

    def step(name: str, command: list[str], timeout: float | None = None) -> Run:
        print(f"bench:   {name} ...", file=sys.stderr, end="", flush=True)
        result = run(command, timeout)
        print(f" {result.seconds:.1f} s (CPU {result.cpu:.1f} s), peak {result.peak_mb:,.0f} MB, "
              f"load {result.load[0]:.2f}-{result.load[1]:.2f}{'' if result.finished else ', KILLED at the time limit'}",
              file=sys.stderr)
        return result

    bare_command = [sys.executable, __file__, "--bare", str(article), "--model", model]
    bare = step("bare spaCy, pieces", bare_command) if bare_too else None
    if bare:
        info = json.loads(bare.output.strip().splitlines()[-1])
    else:  # the pieces are cheap to count; the tokens need the parse
        from kg.nlp import CHUNK_CHARS, split_text

        info = {"tokens": None, "pieces": len(split_text(article.read_text(encoding="utf-8"), CHUNK_CHARS))}
    one_doc = step("bare spaCy, one Doc", [*bare_command, "--whole"]) if whole else None
    out = work / f"graph-{size_mb:g}mb.graphml"
    kg = step("kg build", [sys.executable, "-m", "kg", "build", str(article), "-o", str(out), "--cache",
                           str(work / "cache.sqlite"), "--workers", "1", "--model", model], kg_timeout)
    summary = kg.output.strip().splitlines()[-1] if kg.output.strip() and kg.finished else "(not finished)"
    article.unlink()
    return {"mb": size_mb, "words": words, "tokens": info["tokens"], "pieces": info["pieces"], "bare": bare,
            "one_doc": one_doc, "kg": kg, "summary": summary}


def verdict(name: str, value: float, target: float) -> str:
    if value <= target:
        return f"- {name}: {value:.2f} (target <= {target:g}) met"
    return f"- {name}: {value:.2f} (target <= {target:g}) MISSED by {(value - target) / target:.0%}"


def table(rows: list[dict[str, object]], load: tuple[float, float]) -> str:
    lines = [
        "| article | words | bare spaCy s (CPU s) | bare peak MB | kg s (CPU s) | kg peak MB | kg / bare time (CPU) "
        "| kg / bare memory | load during kg |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    notes: list[str] = []
    for r in rows:
        bare, kg = r["bare"], r["kg"]
        killed = "" if kg.finished else " (killed)"
        kg_cells = f"{kg.seconds:,.1f}{killed} ({kg.cpu:,.1f}) | {kg.peak_mb:,.0f}"
        if bare:
            time_ratio, cpu_ratio, memory_ratio = kg.seconds / bare.seconds, kg.cpu / bare.cpu, kg.peak_mb / bare.peak_mb
            lines.append(
                f"| {r['mb']:g} MB | {r['words']:,} | {bare.seconds:,.1f} ({bare.cpu:,.1f}) | {bare.peak_mb:,.0f} "
                f"| {kg_cells} | {time_ratio:.2f} ({cpu_ratio:.2f}) | {memory_ratio:.2f} | {kg.load[0]:.1f}-{kg.load[1]:.1f} |"
            )
        else:
            lines.append(f"| {r['mb']:g} MB | {r['words']:,} | not run | not run | {kg_cells} | | | "
                         f"{kg.load[0]:.1f}-{kg.load[1]:.1f} |")
        tokens = f"{r['tokens']:,} tokens" if r["tokens"] is not None else "tokens not counted"
        notes.append(f"{r['mb']:g} MB ({r['pieces']} pieces parsed, {tokens}): {r['summary']}")
        if r["one_doc"]:
            one = r["one_doc"]
            notes.append(f"- bare spaCy on the whole text as one Doc: {one.seconds:,.1f} s (CPU {one.cpu:,.1f} s), "
                         f"peak {one.peak_mb:,.0f} MB")
        if kg.memory and (not kg.finished or kg.seconds > 600):
            notes.append("- kg's resident memory, minute by minute: "
                         + ", ".join(f"{mb:,.0f}" for _, mb in kg.memory) + " MB")
        if bare and kg.finished:
            notes.append(verdict("kg / bare spaCy time", time_ratio, TARGET_TIME_RATIO))
            notes.append(verdict("kg / bare spaCy CPU time", cpu_ratio, TARGET_TIME_RATIO))
            notes.append(verdict("kg / bare spaCy peak memory", memory_ratio, TARGET_MEMORY_RATIO))
    machine = (f"machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
               f"load average {load[0]:.2f} before, {load[1]:.2f} after")
    return "\n".join(lines) + "\n\n" + "\n".join(notes) + "\n\n" + machine + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,5", help="article sizes in MB, e.g. 1,5,50")
    parser.add_argument("--model", default="en_core_web_sm")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--whole-up-to", type=float, default=1.0,
                        help="also parse the whole text as one Doc for sizes up to this many MB (0: never)")
    parser.add_argument("--bare-up-to", type=float, default=float("inf"),
                        help="run the bare spaCy baseline only for sizes up to this many MB")
    parser.add_argument("--kg-timeout", type=float, default=None, help="kill kg build after this many seconds")
    parser.add_argument("--bare", metavar="ARTICLE", help=argparse.SUPPRESS)
    parser.add_argument("--whole", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare:
        bare_spacy(args.bare, args.model, args.whole)
        return
    sizes = sorted({float(s) for s in args.sizes.split(",")})
    load_before = os.getloadavg()[0]
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-article-") as tmp:
        for size in sizes:
            work = Path(tmp) / f"s{size:g}"
            work.mkdir()
            rows.append(measure(size, args.model, work, args.corpus, size <= args.whole_up_to,
                                size <= args.bare_up_to, args.kg_timeout))
    report = table(rows, (load_before, os.getloadavg()[0]))
    print(report)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"bench-article-{time.strftime('%Y%m%d-%H%M%S')}.md"
    out.write_text(report, encoding="utf-8")
    print(f"bench: written to {out.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
