"""The extraction cache: one SQLite row per (article content, extractor), so a rebuild parses only new text.

A row is keyed by ``Article.digest()`` and the extraction key (model package and version, kg's
``EXTRACTION_VERSION``, a hash of the extraction code, the codec schema). Rows are only ever a
speed-up: a row that does not decode is a miss, a damaged file is moved aside and started
afresh, and a locked or unwritable cache is bypassed; each is reported in one warning line.
Writes are batched in transactions, in WAL mode, so several builds can share one file. The same file
keeps the last few results derived from such extractions (kg.graph_cache: the graph, its communities
and PageRank), so a rebuild does not compute them again.
"""
from __future__ import annotations

import dataclasses
import logging
import os
import sqlite3
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from kg.display import quote
from kg.model import Article, Extraction
from kg.serialize import DecodeError, decode_extraction

log = logging.getLogger(__name__)

DEFAULT_NAME = ".kg-cache.sqlite"
SCHEMA_VERSION = "1"
# A concurrent build holds the write lock for one batch (milliseconds); wait that long, not forever.
LOCK_TIMEOUT = 10.0
_MAX_PARAMS = 500  # below SQLite's limit on host parameters in one statement
_SQLITE_HEADER = b"SQLite format 3\x00"

_CREATE = (
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS extractions ("
    " digest TEXT NOT NULL, extractor TEXT NOT NULL, data BLOB NOT NULL, written REAL NOT NULL,"
    " PRIMARY KEY (digest, extractor)) WITHOUT ROWID",
    # Results derived from extractions, by kind ("graph", "structure") and a key of all they depend on (kg.graph_cache).
    "CREATE TABLE IF NOT EXISTS derived (kind TEXT NOT NULL, key TEXT NOT NULL, data BLOB NOT NULL, written REAL NOT NULL,"
    " PRIMARY KEY (kind, key)) WITHOUT ROWID",
)
# Derived results kept per kind (the most recently written): one per corpus, option set and kg version built lately.
DERIVED_KEPT = 8

# Article fields copied into an Extraction: equal content under another name or URL is still a hit.
_RELABEL = {"article": "name", "date": "date", "title": "title", "url": "url"}


def relabel(extraction: Extraction, article: Article) -> Extraction:
    """A cached extraction as if it had been made from ``article`` (same content, maybe another name)."""
    fields = {f.name for f in dataclasses.fields(Extraction)}
    changes = {ours: getattr(article, theirs) for ours, theirs in _RELABEL.items() if ours in fields}
    if all(getattr(extraction, k) == v for k, v in changes.items()):
        return extraction
    return dataclasses.replace(extraction, **changes)


def _is_locked(exc: sqlite3.Error) -> bool:
    return getattr(exc, "sqlite_errorname", "") in ("SQLITE_BUSY", "SQLITE_LOCKED") or "locked" in str(exc)


class ExtractionCache:
    """Extractions by article digest, for one extraction key. Use :func:`open_cache`."""

    def __init__(self, path: Path, key: str, connection: sqlite3.Connection) -> None:
        self.path = path
        self.key = key
        self._db: sqlite3.Connection | None = connection
        self.hits = 0
        self.misses = 0
        self.written = 0

    @property
    def usable(self) -> bool:
        return self._db is not None

    def _give_up(self, doing: str, exc: sqlite3.Error) -> None:
        """Bypass the cache for the rest of this run, with one warning line."""
        if self._db is None:
            return
        reason = "is locked by another process" if _is_locked(exc) else "cannot be used"
        log.warning("extraction cache %s %s while %s (%s); continuing without it", quote(self.path), reason, doing, exc)
        self.close()

    def lookup(self, articles: Sequence[tuple[str, Article]]) -> list[Extraction | None]:
        """The cached extraction of each ``(digest, article)`` pair, or None; rows that do not decode are misses."""
        if self._db is None or not articles:
            self.misses += len(articles)
            return [None] * len(articles)
        digests = sorted({d for d, _ in articles})
        rows: list[tuple[str, bytes]] = []
        try:
            for i in range(0, len(digests), _MAX_PARAMS):
                part = digests[i : i + _MAX_PARAMS]
                rows += self._db.execute(
                    f"SELECT digest, data FROM extractions WHERE extractor = ? AND digest IN ({','.join('?' * len(part))})",
                    (self.key, *part),
                ).fetchall()
        except sqlite3.Error as exc:
            self._give_up("reading", exc)
            rows = []
        decoded: dict[str, Extraction] = {}
        for digest, data in rows:
            try:
                decoded[digest] = decode_extraction(data)
            except DecodeError:
                continue  # a damaged row is a miss; the new extraction replaces it
        found: list[Extraction | None] = []
        for digest, article in articles:
            cached = decoded.get(digest)
            found.append(None if cached is None else relabel(cached, article))
        hits = sum(x is not None for x in found)
        self.hits += hits
        self.misses += len(found) - hits
        return found

    def store(self, rows: Iterable[tuple[str, bytes]], *, key: str | None = None) -> None:
        """Write ``(digest, encoded extraction)`` rows in one transaction, under ``key`` (default: this cache's)."""
        if self._db is None:
            return
        now = time.time()
        extractor = key or self.key
        batch = [(digest, extractor, data, now) for digest, data in rows]
        if not batch:
            return
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO extractions (digest, extractor, data, written) VALUES (?, ?, ?, ?)", batch
                )
            self.written += len(batch)
        except sqlite3.Error as exc:
            self._give_up("writing", exc)

    def load_derived(self, kind: str, key: str) -> bytes | None:
        """The result of ``kind`` stored under ``key`` (kg.graph_cache), or None."""
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT data FROM derived WHERE kind = ? AND key = ?", (kind, key)).fetchone()
        except sqlite3.Error as exc:
            self._give_up("reading", exc)
            return None
        return None if row is None else row[0]

    def store_derived(self, kind: str, key: str, data: bytes) -> None:
        """Store a result of ``kind`` under ``key``, keeping the DERIVED_KEPT most recent of that kind (a graph is megabytes)."""
        if self._db is None:
            return
        try:
            with self._db:
                self._db.execute("INSERT OR REPLACE INTO derived (kind, key, data, written) VALUES (?, ?, ?, ?)",
                                 (kind, key, data, time.time()))
                self._db.execute("DELETE FROM derived WHERE kind = ? AND key NOT IN"
                                 " (SELECT key FROM derived WHERE kind = ? ORDER BY written DESC LIMIT ?)",
                                 (kind, kind, DERIVED_KEPT))
        except sqlite3.Error as exc:
            self._give_up("writing", exc)

    def close(self) -> None:
        db, self._db = self._db, None
        if db is not None:
            try:
                db.close()
            except sqlite3.Error:
                pass


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=LOCK_TIMEOUT, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a crash loses at most the last batch
        for statement in _CREATE:
            db.execute(statement)
        row = db.execute("SELECT value FROM meta WHERE name = 'schema'").fetchone()
        if row is None:
            db.execute("INSERT OR IGNORE INTO meta (name, value) VALUES ('schema', ?)", (SCHEMA_VERSION,))
        elif row[0] != SCHEMA_VERSION:
            raise sqlite3.DatabaseError(f"cache schema {row[0]}, this kg writes schema {SCHEMA_VERSION}")
        db.isolation_level = "DEFERRED"  # from here on, `with db:` is one transaction per batch
        return db
    except BaseException:
        db.close()
        raise


def _move_aside(path: Path) -> Path:
    aside = path.with_name(path.name + ".corrupt")
    os.replace(path, aside)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return aside


def _read_only(target: Path) -> str:
    """Why the cache at ``target`` cannot be written ("the file is read-only", ...), or "" when it can.

    SQLite in WAL mode writes two files beside the cache, so a read-only folder is as bad as a read-only file.
    """
    folder = target.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if _on_read_only_mount(folder):
        return f"it is on a read-only file system ({quote(folder)})"
    if target.exists() and not os.access(target, os.W_OK):
        return "the file is read-only"
    if not os.access(folder, os.W_OK):
        return f"its folder {quote(folder)} is read-only"
    return ""


def _on_read_only_mount(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs (Windows): os.access above tells
        return False


def _is_read_only_error(exc: sqlite3.Error) -> bool:
    return getattr(exc, "sqlite_errorname", "").startswith("SQLITE_READONLY") or "readonly" in str(exc)


def open_cache(path: str | os.PathLike[str], key: str) -> ExtractionCache | None:
    """Open (or create) the cache at ``path``; None, after one warning line, when it cannot be used."""
    target = Path(path)
    try:
        os.stat(target)
    except (FileNotFoundError, NotADirectoryError):
        pass  # created below, or reported when its folder cannot be
    except OSError as exc:  # a name too long, a loop in the path: every check below would raise it again
        log.warning("extraction cache %s cannot be used (%s); continuing without it", quote(target), exc.strerror or exc)
        return None
    if target.is_dir():
        log.warning("extraction cache %s is a folder; give a file name such as %s (continuing without a cache)",
                    quote(target), quote(target / DEFAULT_NAME))
        return None
    if target.exists() and not target.is_file():  # a FIFO would block SQLite's open
        log.warning("extraction cache %s is a pipe or device, not a file; continuing without a cache (give --cache "
                    "a file name)", quote(target))
        return None
    read_only = _read_only(target)
    if read_only:
        log.warning("extraction cache %s is read-only (%s); continuing without it (give --cache a writable path)",
                    quote(target), read_only)
        return None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        return ExtractionCache(target, key, _connect(target))
    except OSError as exc:
        log.warning("extraction cache %s cannot be created (%s); continuing without it", quote(target), exc.strerror or exc)
        return None
    except sqlite3.Error as exc:
        if _is_locked(exc):
            log.warning("extraction cache %s is locked by another process (%s); continuing without it", quote(target), exc)
            return None
        if _is_read_only_error(exc):  # a read-only file system, or files owned by someone else
            log.warning("extraction cache %s is read-only (%s); continuing without it (give --cache a writable path)",
                        quote(target), exc)
            return None
        first_error = exc
    # Not a database, or a damaged one: keep the bytes for inspection, start a new cache.
    try:
        with open(target, "rb") as fh:
            header = fh.read(len(_SQLITE_HEADER))
        aside = _move_aside(target)
        cache = ExtractionCache(target, key, _connect(target))
    except (OSError, sqlite3.Error) as exc:
        log.warning("extraction cache %s is damaged (%s) and cannot be replaced (%s); continuing without it",
                    quote(target), first_error, exc)
        return None
    what = "is damaged" if header == _SQLITE_HEADER else "is not a kg cache"
    log.warning("extraction cache %s %s (%s); moved it to %s and started a new one", quote(target), what, first_error, quote(aside.name))
    return cache
