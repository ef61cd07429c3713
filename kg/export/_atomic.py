"""Write a file so that readers see the old content or the new, never a half-written one."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from kg.display import quote
from kg.errors import OutputError, WriteError


@contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; on success rename it over ``path``.

    On any exception (including KeyboardInterrupt) the temporary file is removed
    and ``path`` keeps whatever it held before.
    """
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"output path {quote(target)} is a folder; give a file name such as {quote(target / 'graph.html')}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # Part of the name only: a temporary name built on a long one would be too long to create.
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise _write_error(target, exc, "check the folder exists and is writable") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _write_error(target, exc, "free space or fix the folder's permissions and run again") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_error(path: str | os.PathLike[str], exc: OSError, fix: str) -> WriteError:
    reason = exc.strerror or str(exc)
    return WriteError(f"cannot write {quote(path)}: {reason}; {fix}", os.fspath(path), reason)


def write_atomic(path: str | os.PathLike[str], write: Callable[[IO[bytes]], None]) -> None:
    """Call ``write`` with a binary file object, then move the result into place."""
    with atomic_path(path) as tmp:
        try:
            with open(tmp, "wb") as fh:
                write(fh)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise _write_error(path, exc, "free space or fix the folder's permissions and run again") from None


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    write_atomic(path, lambda fh: fh.write(text.encode("utf-8")))
