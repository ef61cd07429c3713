"""Build ../shared/corpora/bbc-news twice, the second time with the file list reversed, and compare GraphML bytes.

    python3 bench/determinism.py [--corpus PATH] [--workers N] [--limit N]

Exit status 0 when the two files are byte-identical, 1 otherwise (with the first differing line).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT / ".." / "shared" / "corpora" / "bbc-news"


def build(files: list[str], out: Path, workers: int) -> float:
    started = time.perf_counter()
    cmd = [sys.executable, "-m", "kg", "build", *files, "-o", str(out), "--no-cache", "--quiet", "--workers", str(workers)]
    subprocess.run(cmd, check=True, cwd=ROOT)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="only the first N files (quick check)")
    args = parser.parse_args()
    files = sorted(str(p) for p in args.corpus.rglob("*.txt"))
    if args.limit:
        files = files[: args.limit]
    with tempfile.TemporaryDirectory() as tmp:
        forward, backward = Path(tmp) / "forward.graphml", Path(tmp) / "reversed.graphml"
        t1 = build(files, forward, args.workers)
        t2 = build(list(reversed(files)), backward, args.workers)
        a, b = forward.read_bytes(), backward.read_bytes()
        print(f"{len(files)} articles; forward {t1:.1f} s, reversed {t2:.1f} s; GraphML {len(a):,} bytes")
        if a == b:
            print("identical: yes")
            return 0
        for i, (la, lb) in enumerate(zip(a.splitlines(), b.splitlines()), 1):
            if la != lb:
                print(f"identical: NO — first difference at line {i}:\n  {la[:200]!r}\n  {lb[:200]!r}")
                break
        return 1


if __name__ == "__main__":
    sys.exit(main())
