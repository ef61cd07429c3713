"""Run the per-article step on an existing Dask cluster (``kg build --dask tcp://host:8786``).

Batches of articles go to the workers as tasks of :func:`kg.run.worker.extract_batch`; each
worker process loads the spaCy pipeline once and keeps it. Resolution and export stay here,
on the client. Workers need kg and the same pipeline installed (``pip install -e .``).
"""
from __future__ import annotations

import re
from collections import deque
from typing import Any

from kg.errors import KgError
from kg.model import Article
from kg.run.executors import Result, check_compatible

CONNECT_TIMEOUT = "5s"
_ADDRESS = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?:\[[^\]]+\]|[^:/\s]+):\d+/?$", re.I)


def check_address(address: str) -> str:
    if not _ADDRESS.match(address.strip()):
        raise KgError(
            f"{address!r} is not a Dask scheduler address; give one like tcp://host:8786 "
            f"(printed by `dask scheduler` when it starts)"
        )
    return address.strip()


class DaskExecutor:
    batch_chars = 40_000
    batch_articles = 32

    def __init__(self, address: str, model: str, key: str, *, timeout: str = CONNECT_TIMEOUT) -> None:
        address = check_address(address)
        try:
            from distributed import Client
        except ImportError:  # pragma: no cover - distributed is a dependency
            raise KgError("--dask needs the 'distributed' package; pip install 'dask[distributed]'") from None
        from kg.run.worker import extract_batch

        try:
            self.client = Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise KgError(
                f"cannot reach Dask scheduler at {address}: {exc}; start one with `dask scheduler` "
                f"and workers with `dask worker {address}`, or check the address"
            ) from None
        self.address = address
        self.model = model
        self.key = key
        self._extract = extract_batch
        threads = sum(self.client.nthreads().values())
        self.workers = max(1, threads)
        self.capacity = max(4, 2 * threads)  # every worker thread busy, plus one batch queued each
        self._futures: deque[Any] = deque()

    def submit(self, articles: list[Article]) -> None:
        self._futures.append(self.client.submit(self._extract, self.model, articles, pure=False))

    def ready(self) -> bool:
        return bool(self._futures) and self._futures[0].done()

    def take(self) -> tuple[str, list[Result]]:
        future = self._futures.popleft()
        try:
            key, blobs = future.result()
        except KgError:
            raise
        except Exception as exc:  # a worker without kg or the model, a lost worker, ...
            raise KgError(
                f"a Dask worker of {self.address} failed ({type(exc).__name__}: {exc}); check that kg and the "
                f"spaCy pipeline are installed on every worker"
            ) from None
        finally:
            future.release()
        check_compatible(self.key, key, f"a Dask worker of {self.address}")
        return key, list(blobs)

    def pending(self) -> int:
        return len(self._futures)

    def close(self) -> None:
        self.client.close()

    def abort(self) -> None:
        try:
            if self._futures:
                self.client.cancel(list(self._futures))
        finally:
            self._futures.clear()
            self.client.close(timeout=2)
