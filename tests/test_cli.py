"""The `kg build` command as a user runs it: real processes, real exit codes, real files."""
from __future__ import annotations

import json
import re
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SEEDS


def run_kg(*args: str, cwd: Path | None = None, stdin: str | None = None, timeout: int = 240) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=cwd, input=stdin, capture_output=True, text=True,
                          timeout=timeout, env=env)


def assert_clean_error(proc: subprocess.CompletedProcess, *needles: str) -> None:
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert lines and lines[-1].startswith("Error: "), proc.stderr
    assert "Traceback" not in proc.stderr
    for needle in needles:
        assert needle in proc.stderr


def test_help_explains_commands_and_options():
    top = run_kg("--help")
    assert top.returncode == 0 and "build" in top.stdout and "Example" in top.stdout
    sub = run_kg("build", "--help")
    assert sub.returncode == 0
    for option in ("--output", "--model", "--workers", "--quiet", "--strict", "--no-cooccurrence", "INPUT"):
        assert option in sub.stdout, option
    assert "kg build seeds/" in sub.stdout


def test_build_default_outputs_and_summary(tmp_path):
    proc = run_kg("build", str(SEEDS), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    html, graphml = tmp_path / "output" / "graph.html", tmp_path / "output" / "graph.graphml"
    assert html.stat().st_size > 10_000 and graphml.stat().st_size > 1_000
    summary = proc.stderr.strip().splitlines()[-1]
    assert summary.startswith("kg: 5 articles, ") and "entities" in summary and "edges" in summary
    assert "output/graph.html" in summary and "output/graph.graphml" in summary
    # no progress bar when stderr is not a terminal
    assert "\r" not in proc.stderr


def test_build_several_outputs_by_extension_and_no_cooccurrence(tmp_path):
    out_json, out_gexf = tmp_path / "a" / "g.json", tmp_path / "b" / "g.gexf"
    proc = run_kg("build", str(SEEDS), "-o", str(out_json), "--output", str(out_gexf), "--no-cooccurrence", "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # --quiet: nothing but errors
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data["nodes"] and all(e["kind"] != "co-occurrence" for e in data["edges"])
    assert out_gexf.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_stdin_input(tmp_path):
    text = "Keir Starmer met Emmanuel Macron in Paris on Monday. Starmer later flew to Washington."
    out = tmp_path / "g.json"
    proc = run_kg("build", "-", "-o", str(out), stdin=text)
    assert proc.returncode == 0, proc.stderr
    labels = {n["label"] for n in json.loads(out.read_text())["nodes"]}
    assert "Paris" in labels and any("Macron" in label for label in labels)


@pytest.mark.parametrize(
    "args,needle",
    [
        (["build", "seeds", "-o", "graph.png"], "extensions"),
        (["build", "seeds", "-o", "."], "folder"),
        (["build", "no/such/path.txt", "-o", "x.json"], "no/such/path.txt"),
        (["build", "seeds", "--model", "no_such_model_xyz", "-o", "x.json"], "no_such_model_xyz"),
    ],
)
def test_bad_invocations_are_one_line_errors(args, needle, tmp_path):
    proc = run_kg(*[a if a != "seeds" else str(SEEDS) for a in args], cwd=tmp_path)
    assert_clean_error(proc, needle)


def test_bad_output_is_reported_before_any_parsing(tmp_path):
    started = time.perf_counter()
    proc = run_kg("build", str(SEEDS), "-o", str(tmp_path / "ok.json"), "-o", str(tmp_path / "bad.xlsx"))
    assert_clean_error(proc, "bad.xlsx")
    assert not (tmp_path / "ok.json").exists()
    assert time.perf_counter() - started < 30


def test_skips_are_named_and_strict_fails(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Keir Starmer met Emmanuel Macron in Paris.\n", encoding="utf-8")
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (corpus / "broken.jsonl").write_text('{"text": "Olaf Scholz spoke in Berlin."}\n{not json\n', encoding="utf-8")
    (corpus / "latin1.txt").write_bytes("Gordon Brown promised \xa3300m to the NHS in Manchester.\n".encode("latin-1"))
    out = tmp_path / "g.json"
    proc = run_kg("build", str(corpus), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "image.txt" in proc.stderr and "broken.jsonl:2" in proc.stderr
    assert "2 skipped" in proc.stderr.strip().splitlines()[-1]
    graph = json.loads(out.read_text(encoding="utf-8"))
    labels = {n["label"] for n in graph["nodes"]}
    assert {"Berlin", "Paris", "Manchester"} <= labels  # every good article, the Latin-1 one included
    out.unlink()
    strict = run_kg("build", str(corpus), "-o", str(out), "--strict")
    assert_clean_error(strict)
    assert not out.exists()


@pytest.mark.parametrize("workers", ["1", "2"], ids=["in-process", "worker-processes"])
def test_ctrl_c_exits_promptly_and_leaves_earlier_output(tmp_path, workers):
    corpus = tmp_path / "many"
    corpus.mkdir()
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir()))
    for i in range(60):
        (corpus / f"a{i:03}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "g.graphml"
    out.write_text("EARLIER")
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out), "--no-cache",
                             "--workers", workers], stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    # Interrupt once it is parsing, judged by CPU time used, not after a fixed time: on a loaded machine six
    # seconds may not even see the imports finish.
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None and not _parsing(proc.pid, in_process=workers == "1"):
        time.sleep(0.5)
    assert proc.poll() is None, "the build finished before it could be interrupted"
    workers = _descendants(proc.pid)
    proc.send_signal(signal.SIGINT)
    started = time.perf_counter()
    _, err = proc.communicate(timeout=60)
    assert time.perf_counter() - started < 15
    assert proc.returncode == 130
    assert "Interrupted" in err and "Traceback" not in err
    assert out.read_text() == "EARLIER"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.graphml", "many"]
    time.sleep(1)
    assert not [w for w in workers if _running(w)], "worker processes outlived the build"


def _descendants(pid: int) -> list[int]:
    import psutil

    try:
        return [c.pid for c in psutil.Process(pid).children(recursive=True)]
    except psutil.Error:
        return []


def _running(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def _parsing(pid: int, *, in_process: bool) -> bool:
    """The build is parsing: in-process, it has used more CPU than start-up and model load take (about 3 s
    here; the 60 articles need a minute); with workers, a worker has used 2 s (its model load and more)."""
    import psutil

    try:
        main = psutil.Process(pid)
        processes = [main] if in_process else main.children(recursive=True)
        times = [p.cpu_times() for p in processes]
    except psutil.Error:
        return False
    return any(t.user + t.system >= (8.0 if in_process else 2.0) for t in times)


def test_progress_bar_on_a_terminal(tmp_path):
    """With stderr on a terminal, a progress bar is drawn; --quiet suppresses it."""
    import pty

    def run_on_tty(*extra: str) -> str:
        import fcntl
        import struct
        import termios

        main, sub = pty.openpty()
        fcntl.ioctl(sub, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))  # a real terminal has a size
        proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(SEEDS), "-o", str(tmp_path / "g.json"), *extra],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=sub, env={**os.environ, "COLUMNS": "120"})
        os.close(sub)
        chunks = []
        while True:
            try:
                data = os.read(main, 4096)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        proc.wait(timeout=240)
        os.close(main)
        assert proc.returncode == 0
        return b"".join(chunks).decode("utf-8", "replace")

    shown = run_on_tty()
    assert re.search(r"\d/5 \[", shown), shown  # a tqdm bar over the 5 seed files
    assert run_on_tty("--quiet") == ""


def test_html_max_nodes_and_title(tmp_path):
    out = tmp_path / "small.html"
    proc = run_kg("build", str(SEEDS), "-o", str(out), "--html-max-nodes", "5", "--title", "Ukraine <story>", "--quiet")
    assert proc.returncode == 0, proc.stderr
    html = out.read_text(encoding="utf-8")
    assert re.search(r"\d+ nodes not shown \(of \d+\)", html)
    assert "<title>Ukraine &lt;story&gt;</title>" in html
