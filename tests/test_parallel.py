"""kg.run: worker processes give the same graph as one process; batching is bounded; Ctrl-C stops promptly."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kg
import kg.run
from kg.errors import KgError
from kg.model import Article, Extraction
from kg.run import RunStats, extract_all
from kg.run.executors import check_compatible, default_workers

from conftest import BBC, ROOT, as_from_a_terminal, interrupt, need_shared


def _graphml(graph, path: Path) -> bytes:
    kg.write_graph(graph, path)
    return path.read_bytes()


def test_workers_1_and_2_give_identical_graphml(tmp_path: Path, seeds_dir) -> None:
    one = kg.build([str(seeds_dir)], workers=1)
    two = kg.build([str(seeds_dir)], workers=2)
    assert one.report.workers == 1 and two.report.workers == 2
    assert two.report.articles == one.report.articles == 5
    assert _graphml(two.graph, tmp_path / "two.graphml") == _graphml(one.graph, tmp_path / "one.graphml")


def test_workers_fill_the_cache_for_a_later_serial_run(tmp_path: Path, seeds_dir) -> None:
    db = tmp_path / "cache.sqlite"
    parallel = kg.build([str(seeds_dir)], workers=2, cache=db)
    serial = kg.build([str(seeds_dir)], workers=1, cache=db)
    assert serial.report.cached == 5
    assert _graphml(serial.graph, tmp_path / "s.graphml") == _graphml(parallel.graph, tmp_path / "p.graphml")


def test_worker_errors_reach_the_caller(seeds_dir) -> None:
    with pytest.raises(KgError, match="no_such_pipeline"):
        kg.build([str(seeds_dir)], workers=2, model="no_such_pipeline")


@pytest.mark.parametrize("part", [0, 1, 3])
def test_workers_with_another_model_or_extractor_are_refused(part: int) -> None:
    ours = ["model==1/spacy-3", "1", "code", "schema"]
    theirs = list(ours)
    theirs[part] = "other"
    with pytest.raises(KgError, match="same kg"):
        check_compatible(json.dumps(ours), json.dumps(theirs), "a worker process")
    check_compatible(json.dumps(ours), json.dumps(ours[:2] + ["newer code"] + ours[3:]), "a worker process")


class FakeExecutor:
    """Stands in for worker processes: records how many batches were in flight at once."""

    capacity = 3
    batch_chars = 1_000
    batch_articles = 4
    workers = 2

    def __init__(self) -> None:
        self.queue: list[list[Article]] = []
        self.most_in_flight = 0
        self.sizes: list[int] = []
        self.closed = self.aborted = False

    def submit(self, articles: list[Article]) -> None:
        self.queue.append(articles)
        self.sizes.append(len(articles))
        self.most_in_flight = max(self.most_in_flight, len(self.queue))

    def ready(self) -> bool:
        return False

    def take(self) -> tuple[str, list[Extraction]]:
        return "key", [Extraction(article=a.name, words=len(a.text.split())) for a in self.queue.pop(0)]

    def pending(self) -> int:
        return len(self.queue)

    def close(self) -> None:
        self.closed = True

    def abort(self) -> None:
        self.aborted = True


def _articles(n: int, start: int = 0) -> list[Article]:
    return [Article(name=f"a{i:04}", text=f"Article number {i} text. " * 10) for i in range(start, start + n)]


def _fake(monkeypatch, created: list) -> FakeExecutor:  # noqa: ANN001
    fake = FakeExecutor()

    def make(model: str, workers: int, key: str, scheduler: str | None) -> FakeExecutor:
        created.append(workers)
        return fake

    monkeypatch.setattr(kg.run, "make_executor", make)
    return fake


def test_batches_are_bounded_and_every_article_comes_back_once(monkeypatch) -> None:
    created: list[int] = []
    fake = _fake(monkeypatch, created)
    consumed: list[str] = []

    def stream():  # noqa: ANN202 - a lazy input: the run must not read far ahead of its results
        for article in _articles(500):
            consumed.append(article.name)
            yield article

    out = extract_all(stream(), model="m", workers=2)
    seen = []
    for extraction in out:
        seen.append(extraction.article)
        # at most: one lookup group read ahead, the batches in flight and the one being handed out
        assert len(consumed) - len(seen) <= kg.run.LOOKUP_BATCH + (fake.capacity + 1) * fake.batch_articles
    assert sorted(seen) == [a.name for a in _articles(500)]
    assert fake.most_in_flight <= fake.capacity
    assert fake.sizes[:2] == [1, 1]  # first batches small, so that every worker starts at once
    assert max(fake.sizes) <= fake.batch_articles
    assert fake.closed and not fake.aborted and created == [2]


def test_auto_workers_by_corpus_size(monkeypatch) -> None:
    created: list[int] = []
    _fake(monkeypatch, created)
    stats = RunStats()
    list(extract_all(_articles(kg.run.AUTO_MIN_ARTICLES - 1), model="m", workers=None, stats=stats))
    list(extract_all(_articles(kg.run.AUTO_MIN_ARTICLES), model="m", workers=None))
    assert created == [1, default_workers()]
    assert stats.parsed == stats.articles == kg.run.AUTO_MIN_ARTICLES - 1


def test_an_error_while_consuming_aborts_the_workers(monkeypatch) -> None:
    created: list[int] = []
    fake = _fake(monkeypatch, created)
    out = extract_all(_articles(50), model="m", workers=2)
    next(out)
    out.close()  # what a KeyboardInterrupt in the consumer does to the generator
    assert fake.aborted and not fake.closed


def test_default_workers_is_sensible() -> None:
    assert 1 <= default_workers() <= 4


def _children(pid: int) -> list[int]:
    import psutil

    return [p.pid for p in psutil.Process(pid).children(recursive=True)]


def _busy_workers(pid: int, cpu_seconds: float) -> list[int]:
    """Children of ``pid`` that have used ``cpu_seconds`` of CPU: loading the model and parsing, however loaded
    the machine is (an instant CPU share says little on two busy cores)."""
    import psutil

    busy = []
    for child in _children(pid):
        try:
            times = psutil.Process(child).cpu_times()
        except psutil.Error:
            continue
        if times.user + times.system >= cpu_seconds:
            busy.append(child)
    return busy


def _start_parallel_build(out: Path) -> tuple[subprocess.Popen, list[int]]:
    """A 2-worker build of a BBC folder, returned once both workers are parsing, with every child pid."""
    corpus = need_shared(BBC / "business")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out), "--workers", "2", "--no-cache"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=as_from_a_terminal,
    )
    deadline = time.monotonic() + 240  # a loaded machine is slow to start; the checks below are not relaxed
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2 and proc.poll() is None:
        time.sleep(0.5)
        workers = _busy_workers(proc.pid, cpu_seconds=2.0)
    assert proc.poll() is None, "the build ended before it could be interrupted"
    assert len(workers) >= 2, "the worker processes never started parsing"
    return proc, _children(proc.pid)


def _alive(pids: list[int]) -> list[int]:
    import psutil

    return [p for p in pids if psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE]


@pytest.mark.slow
def test_killing_the_parent_outright_stops_the_workers(tmp_path: Path) -> None:
    """SIGKILL gives the parent no chance to clean up: the workers must notice and stop, not parse on as orphans."""
    proc, everyone = _start_parallel_build(tmp_path / "g.graphml")
    proc.kill()
    proc.wait(timeout=10)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and _alive(everyone):
        time.sleep(0.5)
    assert not _alive(everyone)


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
def test_ctrl_c_during_a_parallel_build_stops_promptly_with_no_output(tmp_path: Path, sig: int) -> None:
    out = tmp_path / "g.graphml"
    proc, everyone = _start_parallel_build(out)
    err, cpu_after_signal = interrupt(proc, sig)
    assert cpu_after_signal < 10, "the build or its workers went on parsing after the signal"
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "Interrupted" in err
    assert not out.exists() and not list(tmp_path.iterdir())
    time.sleep(0.5)
    assert not _alive(everyone)


def test_no_more_processes_start_than_there_are_articles_to_parse(monkeypatch) -> None:
    import kg.run as run

    started: list[int] = []
    real = run.make_executor

    def no_pool(model, workers, key, scheduler):
        started.append(workers)
        return real(model, 1, key, scheduler)  # parse in this process; only the count matters

    monkeypatch.setattr(run, "make_executor", no_pool)
    articles = [Article(name=f"a{i}.txt", text=f"Keir Starmer met Emmanuel Macron in Paris {i}.") for i in range(3)]
    assert len(list(extract_all(articles, model="en_core_web_sm", workers=64))) == 3
    assert started == [3]
