"""Holding Ctrl-C (and `kill`) back for the few steps that must not be cut in half."""
from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def interrupts_held() -> Iterator[list[int]]:
    """Within the block, SIGINT and SIGTERM are only noted (the yielded list); the caller acts on them after.

    A no-op outside the main thread, where Python delivers no signals anyway.
    """
    caught: list[int] = []
    previous: dict[int, Any] = {}
    try:
        for sig in (signal.SIGINT, signal.SIGTERM):
            previous[sig] = signal.signal(sig, lambda signum, frame: caught.append(signum))
    except ValueError:  # not the main thread
        pass
    try:
        yield caught
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
