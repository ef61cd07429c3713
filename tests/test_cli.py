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

from conftest import SEEDS, as_from_a_terminal, interrupt


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


def test_build_timings_name_every_step(tmp_path):
    out = tmp_path / "g.graphml"
    proc = run_kg("build", str(SEEDS), "-o", str(out), "-o", str(tmp_path / "g.json"), "--no-cache", "-q", "--timings")
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.startswith("kg: timings: ")]
    assert len(lines) == 1, proc.stderr
    steps = dict(re.findall(r"([\w+.\- ]+?) (\d+\.\d{3}) s \(cpu \d+\.\d{3} s\)(?:, |$)", lines[0][len("kg: timings: "):]))
    # Outputs are written together (all replaced or none), so they are one step.
    assert list(steps) == ["read+extract", "resolve", "relations", "events", "graph", "write"]
    assert float(steps["read+extract"]) > 0.0
    assert "articles" not in proc.stderr  # -q still drops the summary line


def test_build_several_outputs_by_extension_and_no_cooccurrence(tmp_path):
    out_json, out_gexf = tmp_path / "a" / "g.json", tmp_path / "b" / "g.gexf"
    proc = run_kg("build", str(SEEDS), "-o", str(out_json), "--output", str(out_gexf), "--no-cooccurrence", "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # --quiet: nothing but errors
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data["nodes"] and all(e["kind"] != "co-occurrence" for e in data["edges"])
    gexf = out_gexf.read_text(encoding="utf-8")
    assert gexf.lstrip().startswith("<?xml") and 'version="1.3"' in gexf and 'mode="dynamic"' in gexf


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
                             "--workers", workers], stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
                            preexec_fn=as_from_a_terminal)
    # Interrupt once it is parsing, judged by CPU time used, not after a fixed time: on a loaded machine six
    # seconds may not even see the imports finish.
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None and not _parsing(proc.pid, in_process=workers == "1"):
        time.sleep(0.5)
    assert proc.poll() is None, "the build finished before it could be interrupted"
    workers = _descendants(proc.pid)
    err, cpu_after_signal = interrupt(proc, signal.SIGINT)
    assert cpu_after_signal < 15, "the build went on parsing after Ctrl-C"
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


@pytest.mark.parametrize("args", [["--workers", "0"], ["--html-max-nodes", "0"], ["--no-such-option"]])
def test_usage_mistakes_exit_2_with_click_message(args, tmp_path):
    proc = run_kg("build", str(SEEDS), "-o", str(tmp_path / "g.graphml"), *args)
    assert proc.returncode == 2, proc.stderr
    assert "Usage:" in proc.stderr and "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    assert not (tmp_path / "g.graphml").exists()


# --- usage mistakes, --version ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["biuld"], "No such command 'biuld'"),
        (["build", "--ouput", "x.html", "seeds"], "No such option: --ouput"),
        (["build"], "Missing argument 'INPUT'"),
        (["build", "seeds", "--workers", "0"], "'--workers'"),
        (["build", "seeds", "--workers", "two"], "'--workers'"),
        (["show"], "Missing argument 'GRAPH'"),
        (["timeline", "a.graphml", "extra"], "unexpected extra argument"),
        (["build", "seeds", "-o"], "Option '-o' requires an argument"),  # click raises it without the command
        (["timeline", "a.graphml", "--top"], "Option '--top' requires an argument"),
    ],
)
def test_usage_mistakes_print_the_usage_and_exit_2(args, needle, tmp_path):
    proc = run_kg(*[a if a != "seeds" else str(SEEDS) for a in args], cwd=tmp_path, timeout=60)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert lines[0].startswith("Usage: ") and lines[-1].startswith("Error: "), proc.stderr
    assert needle in lines[-1]
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "output").exists()


def test_kg_alone_prints_help_and_version_is_known():
    alone = run_kg(timeout=60)
    assert alone.returncode == 0 and "build" in alone.stdout and "Usage" in alone.stdout and alone.stderr == ""
    version = run_kg("--version", timeout=60)
    from kg import __version__

    assert version.returncode == 0 and version.stdout.strip() == f"kg {__version__}"


# --- never a lost or overwritten file --------------------------------------------------------------------


@pytest.mark.parametrize("option", [["-o", "feed.json"], ["-o", "page.html"], ["-o", "link.html"], ["--cache", "b.txt"]],
                         ids=["output-json", "output-html", "output-through-a-symlink", "cache"])
def test_an_output_or_cache_that_is_an_input_is_refused_before_any_work(tmp_path, option):
    inputs = {"feed.json": '{"text": "Keir Starmer met Emmanuel Macron in Paris."}',
              "page.html": "<html><body><p>Olaf Scholz spoke in Berlin.</p></body></html>",
              "b.txt": "Donald Tusk spoke in Warsaw.\n"}
    for name, text in inputs.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    os.symlink("page.html", tmp_path / "link.html")
    started = time.perf_counter()
    proc = run_kg("build", "feed.json", "page.html", "b.txt", *option, cwd=tmp_path, timeout=60)
    assert_clean_error(proc, "is also an input", option[1])
    assert time.perf_counter() - started < 30  # refused before the model loads
    assert {n: (tmp_path / n).read_text(encoding="utf-8") for n in inputs} == inputs
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.txt", "feed.json", "link.html", "page.html"]


def test_outputs_inside_the_input_folder_are_never_read_back(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text("Keir Starmer met Emmanuel Macron in Paris on Monday.\n", encoding="utf-8")
    (news / "b.txt").write_text("Olaf Scholz spoke in Berlin on Tuesday.\n", encoding="utf-8")
    outs = ["-o", "news/out/graph.html", "-o", "news/out/graph.json", "-o", "news/out/graph.graphml"]
    first = run_kg("build", "news", *outs, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    (news / "out" / "graph.html").rename(news / "out" / "last-week.html")  # an earlier output under another name
    second = run_kg("build", "news", *outs, cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    summary = second.stderr.strip().splitlines()[-1]
    assert summary.startswith("kg: 2 articles (2 from the cache), 1 skipped"), second.stderr
    assert "Skipped 'news/out/last-week.html': a graph page written by kg, not an article" in second.stderr
    assert first.stderr.strip().splitlines()[-1].split(" in ")[0].replace(" (2 from the cache)", "") == \
        summary.split(" in ")[0].replace(" (2 from the cache), 1 skipped", "")


def test_bad_items_inside_a_folder_are_named_and_the_run_goes_on(tmp_path):
    news = tmp_path / "news"
    (news / "sub").mkdir(parents=True)
    (news / "a.txt").write_text("Keir Starmer met Emmanuel Macron in Paris on Monday.\n", encoding="utf-8")
    os.symlink("nowhere.txt", news / "dangling.txt")
    os.symlink("loop.txt", news / "loop.txt")
    os.symlink("../a.txt", news / "sub" / "same.txt")  # the same article again, through a link
    os.symlink("..", news / "sub" / "up")  # a folder loop
    (news / "evil\nError: forged.txt").write_text("", encoding="utf-8")
    (news / "deep.json").write_text("[" * 1000 + "]" * 1000, encoding="utf-8")
    records = [{"text": "Olaf Scholz spoke in Berlin.", "title": "Lone \ud800 surrogate", "url": "http://x/\udc00"},
               {"text": "Donald Tusk spoke in Warsaw on Sunday."}]
    (news / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    (news / "old.txt").write_text("date 0001-01-01\nMark Rutte spoke in The Hague on Sunday.\n", encoding="utf-8")
    (news / "future.txt").write_text("date 9999-12-31\nAntonio Costa will speak in Lisbon on Sunday.\n", encoding="utf-8")
    out = tmp_path / "g.json"
    proc = run_kg("build", "news", "-o", str(out), "--cache", str(tmp_path / "c.sqlite"), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    skipped = sorted(line.split(":")[0] for line in lines if line.startswith("Skipped"))
    assert skipped == ["Skipped 'news/dangling.txt'", "Skipped 'news/deep.json'", "Skipped 'news/evil\\nError",
                       "Skipped 'news/loop.txt'"]
    assert not any(line.startswith("Error: forged") for line in lines)  # the file name forged no line
    assert lines[-1].startswith("kg: 5 articles, 4 skipped"), lines[-1]  # a, feed#1, feed#2, old, future: a once
    labels = {n["label"] for n in json.loads(out.read_text(encoding="utf-8"))["nodes"]}
    assert {"Paris", "Berlin", "Warsaw", "Lisbon"} <= labels


def test_a_million_skips_of_one_kind_are_counted_not_listed(tmp_path):
    feed = tmp_path / "feed.jsonl"
    with open(feed, "w", encoding="utf-8") as fh:
        fh.write('{"text": "Keir Starmer met Emmanuel Macron in Paris."}\n')
        fh.write("{}\n" * 1_000_000)
        fh.write("not json\n" * 3)
    proc = run_kg("build", str(feed), "-o", str(tmp_path / "g.json"), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = proc.stderr.strip().splitlines()
    named = [line for line in lines if line.startswith("Skipped '")]
    assert len(named) == 5 + 3  # the first five empty records, and the three malformed lines
    assert "Skipped 999,995 more empty articles (not listed; 1,000,000 in all)" in lines
    assert lines[-1].startswith("kg: 1 articles, 1,000,003 skipped")


def test_the_summary_counts_what_each_file_holds(tmp_path):
    outs = [tmp_path / "g.html", tmp_path / "g.graphml", tmp_path / "g.json", tmp_path / "g.gexf"]
    proc = run_kg("build", str(SEEDS), *[x for o in outs for x in ("-o", str(o))], "--html-max-nodes", "20")
    assert proc.returncode == 0, proc.stderr
    summary = proc.stderr.strip().splitlines()[-1]
    said = {Path(path).suffix: (int(nodes), int(edges))
            for path, nodes, edges in re.findall(r"(\S+) \((\d+) nodes, (\d+) edges\)", summary)}
    graphml = outs[1].read_text(encoding="utf-8")
    data = json.loads(outs[2].read_text(encoding="utf-8"))
    assert said[".graphml"] == (graphml.count("<node "), graphml.count("<edge "))
    assert said[".gexf"] == said[".graphml"]
    assert said[".json"] == (len(data["nodes"]), len(data["edges"]))
    assert said[".json"][1] > said[".graphml"][1]  # several relations between one pair are one GraphML edge
    relations = int(re.search(r"(\d+) relations", summary).group(1))
    assert relations == said[".json"][1]
    page = outs[0].read_text(encoding="utf-8")
    shown = json.loads(re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1))
    assert said[".html"] == (len(shown["nodes"]), len(shown["edges"])) and said[".html"][0] == 20
    assert f"{said['.html'][0]} nodes · {said['.html'][1]} edges" in page


def test_ctrl_c_while_outputs_go_into_place_says_they_were_all_written(tmp_path, monkeypatch, capsys):
    import kg.cli

    outs = [tmp_path / "g.graphml", tmp_path / "g.html", tmp_path / "g.json"]
    for out in outs:
        out.write_text("EARLIER")
    real_replace = os.replace

    def replace_then_ctrl_c(src, dst):
        real_replace(src, dst)
        if Path(dst) == outs[0]:
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(os, "replace", replace_then_ctrl_c)
    with pytest.raises(SystemExit) as exit_:
        kg.cli.main(["build", str(SEEDS / "000_f1b37192079235e3.txt"), *[x for o in outs for x in ("-o", str(o))], "--no-cache"])
    assert exit_.value.code == 130
    err = capsys.readouterr().err
    assert "Interrupted after every output was written" in err and "no output was written" not in err
    assert all(o.read_text(encoding="utf-8") != "EARLIER" for o in outs)


def test_a_cache_hard_linked_to_an_output_is_refused_before_any_work(tmp_path):
    (tmp_path / "a.txt").write_text("Keir Starmer met Emmanuel Macron in Paris.\n", encoding="utf-8")
    (tmp_path / "g.html").write_text("EARLIER", encoding="utf-8")
    os.link(tmp_path / "g.html", tmp_path / "cache.db")  # one file, two names: realpath cannot tell
    proc = run_kg("build", "a.txt", "-o", "g.html", "--cache", "cache.db", cwd=tmp_path, timeout=60)
    assert_clean_error(proc, "the cache 'cache.db' is also an output ('g.html')")
    assert (tmp_path / "g.html").read_text(encoding="utf-8") == "EARLIER"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "cache.db", "g.html"]


def test_a_newline_in_an_aliases_file_name_forges_no_line(tmp_path):
    proc = run_kg("build", str(SEEDS), "--aliases", "x\nError: forged.yaml", "-o", str(tmp_path / "g.html"), timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == ["Error: aliases file 'x\\nError: forged.yaml' not found; check the --aliases path"]


def test_ctrl_c_after_every_output_is_in_place_never_says_none_was_written(tmp_path, monkeypatch, capsys):
    import kg.cli

    outs = [tmp_path / "g.graphml", tmp_path / "g.json"]
    for out in outs:
        out.write_text("EARLIER")

    def ctrl_c(*args, **kwargs):
        raise KeyboardInterrupt  # the user presses Ctrl-C while the summary line is printed

    monkeypatch.setattr(kg.cli, "_summary", ctrl_c)
    with pytest.raises(SystemExit) as exit_:
        kg.cli.main(["build", str(SEEDS / "000_f1b37192079235e3.txt"), *[x for o in outs for x in ("-o", str(o))], "--no-cache"])
    assert exit_.value.code == 130
    err = capsys.readouterr().err
    assert all(o.read_text(encoding="utf-8") != "EARLIER" for o in outs)
    assert "Interrupted after every output was written" in err and "no output was written" not in err


@pytest.mark.parametrize("outcome", ["ok", "error"])
def test_the_program_leaves_everything_alive_out_of_the_exit_collection(monkeypatch, outcome):
    """kg.cli.run (``kg``, ``python -m kg``) freezes the objects main leaves alive once it returns or exits, so the
    interpreter's last cycle collection does not scan the model and the graph; main alone (tests, callers) does not."""
    import gc

    import kg.cli

    calls: list[str] = []

    def fake_main() -> None:
        calls.append("main")
        if outcome == "error":
            sys.exit(1)

    monkeypatch.setattr(kg.cli, "main", fake_main)
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    if outcome == "error":
        with pytest.raises(SystemExit):
            kg.cli.run()
    else:
        kg.cli.run()
    assert calls == ["main", "freeze"]
    root = Path(__file__).resolve().parents[1]
    assert 'kg = "kg.cli:run"' in (root / "pyproject.toml").read_text(encoding="utf-8")
    assert "run()" in (root / "kg" / "__main__.py").read_text(encoding="utf-8")
