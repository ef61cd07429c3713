"""Where the per-article step runs: in this process, in worker processes, or on a Dask cluster.

Every executor takes batches of articles and gives back, oldest batch first, the extraction
key of the code that ran and one result per article: an :class:`Extraction` (in-process) or its
encoded bytes (from another process, ready for the cache). At most ``capacity`` batches are in flight, so memory stays flat on any corpus.
"""
from __future__ import annotations

import json
import os
from collections import deque
from typing import TYPE_CHECKING, Protocol

from kg.errors import KgError
from kg.model import Article, Extraction
from kg.signals import interrupts_held

if TYPE_CHECKING:  # multiprocessing is imported only when workers start: a cached run needs none
    from concurrent.futures import Future

Result = Extraction | bytes


class Executor(Protocol):
    capacity: int  # batches in flight before submit() must wait for take()
    batch_chars: int  # about how much text to put into one batch
    batch_articles: int

    def submit(self, articles: list[Article]) -> None: ...
    def ready(self) -> bool: ...  # the oldest batch has finished
    def take(self) -> tuple[str, list[Result]]: ...  # the oldest batch's key and results, waiting if needed
    def pending(self) -> int: ...
    def close(self) -> None: ...  # after the last take()
    def abort(self) -> None: ...  # stop now (Ctrl-C, an error): drop what is in flight


def check_compatible(expected: str, got: str, where: str) -> None:
    """Refuse results of another model, extractor version or codec (another kg install on a worker).

    The code fingerprint may differ: a worker started after a source edit runs the newer code, and its
    rows are stored under the key it reports, so the cache still says which code made each row.
    """
    if [json.loads(got)[i] for i in (0, 1, 3)] != [json.loads(expected)[i] for i in (0, 1, 3)]:
        raise KgError(
            f"{where} extracts with {got}, this kg with {expected}; install the same kg and spaCy pipeline "
            f"everywhere (pip install -e . on each worker)"
        )


class SerialExecutor:
    """Parse in this process; results are Extractions (no encoding unless the cache asks)."""

    capacity = 1
    batch_chars = 400_000
    batch_articles = 64  # one nlp.pipe batch

    def __init__(self, model: str, key: str) -> None:
        self.model = model
        self.key = key
        self._done: deque[list[Result]] = deque()

    def submit(self, articles: list[Article]) -> None:
        from kg.run.worker import extract_batch_local

        self._done.append(list(extract_batch_local(self.model, articles)))

    def ready(self) -> bool:
        return bool(self._done)

    def take(self) -> tuple[str, list[Result]]:
        return self.key, self._done.popleft()

    def pending(self) -> int:
        return len(self._done)

    def close(self) -> None:
        self._done.clear()

    abort = close


def start_method() -> str:
    """forkserver where there is one (POSIX): workers start from a clean process, safe with threads."""
    import multiprocessing

    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


class PoolExecutor:
    """``workers`` processes, each loading the pipeline once; batches travel as pickled Articles."""

    # ~8 news articles, a second of parsing: the last batch, which one worker parses while the other
    # waits, stays short (on a folder of a few hundred articles that wait was 5% of the build).
    batch_chars = 20_000
    batch_articles = 16

    def __init__(self, model: str, workers: int, key: str, *, method: str | None = None) -> None:
        from kg.run import worker

        self.model = model
        self.key = key
        self.workers = workers
        self.capacity = 2 * workers  # one batch parsing, one queued, per worker
        self._extract = worker.extract_batch
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context(method or os.environ.get("KG_START_METHOD") or start_method())
        if context.get_start_method() == "forkserver":
            context.set_forkserver_preload(["kg.run.worker"])  # spaCy is imported once, in the server
        self._pool = ProcessPoolExecutor(workers, mp_context=context, initializer=worker.init_process, initargs=(os.getpid(),))
        self._futures: deque[Future[tuple[str, list[bytes]]]] = deque()
        self._start_all()

    def _start_all(self) -> None:
        """Start every worker now, with Ctrl-C held back meanwhile.

        The pool starts workers lazily, one per submit; a Ctrl-C landing while one is being started left
        a process the pool did not know of: it was never stopped, printed a traceback once the pool's
        semaphores were gone, and kept the interpreter from exiting.
        """
        with interrupts_held() as caught:
            for _ in range(2 * self.workers):
                if len(getattr(self._pool, "_processes", None) or {}) >= self.workers:
                    break
                self._pool.submit(os.getpid)  # a no-op task: submitting is what starts a worker
        if caught:
            self.abort()
            raise KeyboardInterrupt

    def submit(self, articles: list[Article]) -> None:
        self._futures.append(self._pool.submit(self._extract, self.model, articles))

    def ready(self) -> bool:
        return bool(self._futures) and self._futures[0].done()

    def take(self) -> tuple[str, list[Result]]:
        from concurrent.futures.process import BrokenProcessPool as BrokenProcessPoolError

        future = self._futures.popleft()
        try:
            key, blobs = future.result()
        except BrokenProcessPoolError:
            raise KgError(
                "a worker process died (out of memory, or killed); run again with fewer --workers"
            ) from None
        check_compatible(self.key, key, "a worker process")
        return key, list(blobs)

    def pending(self) -> int:
        return len(self._futures)

    def close(self) -> None:
        self._pool.shutdown(wait=True)

    def abort(self) -> None:
        # Python < 3.14 has no public terminate: stop workers mid-parse instead of waiting for their batch.
        # Workers go first, while the pool's queues and semaphores still exist (a worker still starting
        # up would fail on them with a traceback).
        processes = list((getattr(self._pool, "_processes", None) or {}).values())
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=2)
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._futures.clear()


def default_workers() -> int:
    """Processes for a large corpus when --workers is not given: the usable cores, at most 4."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))


def make_executor(model: str, workers: int, key: str, scheduler: str | None) -> Executor:
    if scheduler:
        from kg.run.cluster import DaskExecutor

        return DaskExecutor(scheduler, model, key)
    if workers <= 1:
        return SerialExecutor(model, key)
    return PoolExecutor(model, workers, key)
