"""kg.cache: the SQLite extraction cache (hits, misses, damaged and locked files) and warm rebuilds."""
from __future__ import annotations

import logging
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import kg
import kg.cache
import kg.run.worker
from kg.cache import open_cache, relabel
from kg.model import Article, Extraction, Mention
from kg.serialize import encode_extraction

from conftest import BBC, ROOT, need_shared

KEY = '["test-model==1", "1", "abc", "def"]'


def _article(name: str, text: str = "Keir Starmer met Emmanuel Macron in Paris.") -> Article:
    return Article(name=name, text=text, title="T", date="2025-02-17", url=f"https://example.org/{name}")


def _extraction(article: Article) -> Extraction:
    return Extraction(article=article.name, date=article.date, title=article.title, url=article.url,
                      sentences=((0, article.text),),
                      mentions=(Mention("Keir Starmer", "Keir Starmer", "PERSON", 0, 12, 0),), words=9)


def _stored(path: Path, *articles: Article, key: str = KEY) -> None:
    cache = open_cache(path, key)
    assert cache is not None
    cache.store([(a.digest(), encode_extraction(_extraction(a))) for a in articles])
    cache.close()


def _lookup(path: Path, *articles: Article, key: str = KEY) -> list[Extraction | None]:
    cache = open_cache(path, key)
    assert cache is not None
    try:
        return cache.lookup([(a.digest(), a) for a in articles])
    finally:
        cache.close()


def _graphml(graph, path: Path) -> bytes:
    kg.write_graph(graph, path)
    return path.read_bytes()


def test_hit_miss_and_key(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    a, b = _article("a.txt"), _article("b.txt", "Another text entirely.")
    _stored(db, a)
    hit, miss = _lookup(db, a, b)
    assert hit == _extraction(a) and miss is None
    assert _lookup(db, a, key=KEY.replace("1", "2")) == [None]  # another model/extractor version: a miss


def test_same_content_under_another_name_is_relabelled(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    a = _article("old/a.txt")
    _stored(db, a)
    moved = Article(name="new/a.txt", text=a.text, title=a.title, date=a.date, url="https://example.org/moved")
    [found] = _lookup(db, moved)
    assert found is not None and found.article == "new/a.txt" and found.url == "https://example.org/moved"
    assert found.mentions == _extraction(a).mentions
    assert relabel(_extraction(a), a) is not None


def test_row_that_does_not_decode_is_a_miss(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    a = _article("a.txt")
    _stored(db, a)
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE extractions SET data = ?", (b"KGX-damaged",))
    assert _lookup(db, a) == [None]
    _stored(db, a)  # a new extraction replaces the damaged row
    assert _lookup(db, a) == [_extraction(a)]


def test_garbage_file_is_reported_moved_aside_and_rebuilt(tmp_path: Path, caplog) -> None:
    db = tmp_path / "c.sqlite"
    db.write_bytes(b"\x89 this is not a database \x00" * 500)
    with caplog.at_level(logging.WARNING, logger="kg.cache"):
        _stored(db, _article("a.txt"))
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and str(db) in warnings[0] and "\n" not in warnings[0]
    assert (tmp_path / "c.sqlite.corrupt").read_bytes().startswith(b"\x89 this is not")
    assert _lookup(db, _article("a.txt")) == [_extraction(_article("a.txt"))]


def test_damaged_database_pages_are_never_trusted(tmp_path: Path, caplog) -> None:
    db = tmp_path / "c.sqlite"
    _stored(db, *[_article(f"{i}.txt", f"Text number {i}. " * 50) for i in range(200)])
    data = bytearray(db.read_bytes())
    data[4096:] = b"\xde\xad" * ((len(data) - 4096) // 2)  # keep the header, wreck every page after it
    db.write_bytes(bytes(data))
    with caplog.at_level(logging.WARNING, logger="kg.cache"):
        found = _lookup(db, _article("3.txt", "Text number 3. " * 50))
    assert found == [None]
    assert any(str(db) in r.getMessage() for r in caplog.records)


def test_locked_cache_is_bypassed_with_one_warning(tmp_path: Path, caplog, monkeypatch) -> None:
    monkeypatch.setattr(kg.cache, "LOCK_TIMEOUT", 0.2)
    db = tmp_path / "c.sqlite"
    _stored(db, _article("a.txt"))
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another build in the middle of writing
    try:
        cache = open_cache(db, KEY)
        with caplog.at_level(logging.WARNING, logger="kg.cache"):
            assert cache is not None
            cache.store([(_article("b.txt", "New.").digest(), encode_extraction(_extraction(_article("b.txt", "New."))))])
            cache.store([(_article("c.txt", "New.").digest(), b"x")])
            assert not cache.usable
            assert cache.lookup([(_article("a.txt").digest(), _article("a.txt"))]) == [None]  # bypassed
        warnings = [r.getMessage() for r in caplog.records]
        assert len(warnings) == 1 and "locked" in warnings[0] and str(db) in warnings[0]
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_folder_as_cache_path_is_reported(tmp_path: Path, caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="kg.cache"):
        assert open_cache(tmp_path, KEY) is None
    assert "is a folder" in caplog.text


def test_warm_build_never_loads_the_model_and_gives_the_same_graph(tmp_path: Path, seeds_dir, monkeypatch) -> None:
    db = tmp_path / "cache.sqlite"
    cold = kg.build([str(seeds_dir)], cache=db, workers=1)
    assert cold.report.cached == 0 and db.exists()

    def no_model(name: str):  # noqa: ANN202
        raise AssertionError("a fully cached build loaded the spaCy model")

    from kg import nlp

    monkeypatch.setattr(nlp, "load_model", no_model)
    monkeypatch.setattr(kg.run.worker, "_MODELS", {})
    warm = kg.build([str(seeds_dir)], cache=db, workers=1)
    assert warm.report.cached == warm.report.articles == cold.report.articles
    assert warm.report.words == cold.report.words
    assert _graphml(warm.graph, tmp_path / "warm.graphml") == _graphml(cold.graph, tmp_path / "cold.graphml")


def test_rebuild_with_ten_new_articles_parses_only_the_ten(tmp_path: Path, monkeypatch) -> None:
    files = sorted(need_shared(BBC / "politics").glob("*.txt"))[:15]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in files[:5]:
        shutil.copy(f, corpus / f.name)
    db = tmp_path / "cache.sqlite"
    parsed: list[str] = []
    from kg.extract import article as extract_module

    real = extract_module.extract_article

    def counting(article, chunks):  # noqa: ANN001, ANN202
        parsed.append(article.name)
        return real(article, chunks)

    monkeypatch.setattr(extract_module, "extract_article", counting)
    first = kg.build([str(corpus)], cache=db, workers=1)
    assert len(parsed) == 5 and first.report.cached == 0
    for f in files[5:]:
        shutil.copy(f, corpus / f.name)
    parsed.clear()
    second = kg.build([str(corpus)], cache=db, workers=1)
    assert sorted(Path(p).name for p in parsed) == sorted(f.name for f in files[5:])
    assert second.report.articles == 15 and second.report.cached == 5


def test_changed_extractor_version_is_a_miss(tmp_path: Path, seeds_dir, monkeypatch) -> None:
    db = tmp_path / "cache.sqlite"
    first = kg.build([str(seeds_dir)], cache=db, workers=1)
    monkeypatch.setattr(kg.run.worker, "EXTRACTION_VERSION", "test-bumped")
    again = kg.build([str(seeds_dir)], cache=db, workers=1)
    assert again.report.cached == 0 and again.report.articles == first.report.articles


def test_cli_cache_beside_output_and_no_cache(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "kg", "build", "seeds", *args], cwd=ROOT,
                              capture_output=True, text=True, timeout=300)

    out = tmp_path / "a" / "g.graphml"
    first = run("-o", str(out), "--workers", "1")
    assert first.returncode == 0, first.stderr
    assert (out.parent / ".kg-cache.sqlite").is_file()
    second = run("-o", str(out))
    assert second.returncode == 0 and "(5 from the cache)" in second.stderr, second.stderr

    other = tmp_path / "b" / "g.graphml"
    third = run("-o", str(other), "--no-cache")
    assert third.returncode == 0, third.stderr
    assert not (other.parent / ".kg-cache.sqlite").exists()
    assert other.read_bytes() == out.read_bytes()


def test_warm_build_does_not_even_import_spacy(tmp_path: Path, seeds_dir) -> None:
    """Importing spaCy alone costs a second or more: a fully cached rebuild must not pay it, nor (for a
    GraphML file; the HTML view's layout needs them) NumPy's and SciPy's imports, which networkx's
    PageRank would pay: kg.structure computes it in plain Python."""
    import subprocess
    import sys

    db = tmp_path / "cache.sqlite"
    kg.build([str(seeds_dir)], cache=db, workers=1)
    code = (
        "import sys, kg; r = kg.build([sys.argv[1]], cache=sys.argv[2], workers=1); "
        "kg.write_graph(r.graph, sys.argv[3]); print(r.report.cached, *(m in sys.modules for m in ('spacy', 'numpy', 'scipy')))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(seeds_dir), str(db), str(tmp_path / "g.graphml")],
                         capture_output=True, text=True, check=True).stdout.split()
    assert out == ["5", "False", "False", "False"]


def _read_only_cache_as_another_user(folder: Path, path: Path) -> str:
    """Open the cache as a user who may read but not write ``folder``: as root, in a child that gives up root."""
    import os

    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            with_log = _open_logging(path)
        finally:
            folder.chmod(0o755)
        return with_log
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: everything is imported already, so nothing under /root is needed
        try:
            os.close(read_end)
            os.setgid(65534)
            os.setuid(65534)
            message = _open_logging(path)
            os.write(write_end, message.encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as fh:
        message = fh.read().decode()
    os.waitpid(pid, 0)
    return message


def _open_logging(path: Path) -> str:
    import io

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    kg.cache.log.addHandler(handler)
    try:
        cache = open_cache(path, KEY)
        found = cache.lookup([(a.digest(), a) for a in [_article("a")]]) if cache else None
        return f"{'none' if cache is None else 'opened'} {found}\n{stream.getvalue()}"
    finally:
        kg.cache.log.removeHandler(handler)


def test_a_healthy_cache_in_a_read_only_folder_is_called_read_only_and_skipped() -> None:
    import os
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="kg-ro-"))  # not under pytest's root-only tmp folder
    try:
        folder.chmod(0o755)
        path = folder / "cache.sqlite"
        _stored(path, _article("a"))
        before = path.read_bytes()
        folder.chmod(0o555)
        message = _read_only_cache_as_another_user(folder, path)
        assert message.startswith("none"), message
        assert "read-only" in message and "damaged" not in message and "continuing without it" in message
        assert path.read_bytes() == before and sorted(os.listdir(folder)) == ["cache.sqlite"]  # nothing moved aside
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def test_a_read_only_database_error_is_called_read_only(tmp_path: Path, caplog, monkeypatch) -> None:
    """A read-only file system (or a file owned by someone else) shows as SQLITE_READONLY when writing."""
    path = tmp_path / "cache.sqlite"
    _stored(path, _article("a"))

    def read_only(_path):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(kg.cache, "_connect", read_only)
    with caplog.at_level(logging.WARNING, logger="kg.cache"):
        assert open_cache(path, KEY) is None
    assert "read-only" in caplog.text and "damaged" not in caplog.text
    assert not (tmp_path / "cache.sqlite.corrupt").exists()


def test_a_healthy_cache_on_a_read_only_file_system_is_called_so_and_left_alone(tmp_path: Path, caplog, monkeypatch) -> None:
    import os

    path = tmp_path / "cache.sqlite"
    _stored(path, _article("a"))
    before = path.read_bytes()
    real_statvfs = os.statvfs

    class ReadOnly:  # what os.statvfs says of a read-only mount (root writes anywhere else)
        def __init__(self, folder):
            self.f_flag = real_statvfs(folder).f_flag | os.ST_RDONLY

    monkeypatch.setattr(os, "statvfs", ReadOnly)
    with caplog.at_level(logging.WARNING, logger="kg.cache"):
        assert open_cache(path, KEY) is None
    assert "read-only file system" in caplog.text and "damaged" not in caplog.text and "continuing without it" in caplog.text
    assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["cache.sqlite"]


def test_a_cache_path_that_is_a_fifo_is_bypassed_not_opened(tmp_path: Path, caplog) -> None:
    import os
    import threading

    path = tmp_path / "cache.sqlite"
    os.mkfifo(path)
    result: list = []
    with caplog.at_level(logging.WARNING, logger="kg.cache"):
        thread = threading.Thread(target=lambda: result.append(open_cache(path, KEY)), daemon=True)
        thread.start()
        thread.join(timeout=20)
    assert not thread.is_alive(), "opening the cache hung on a FIFO"
    assert result == [None] and "not a file" in caplog.text


def test_a_cache_name_too_long_is_bypassed_with_a_warning(tmp_path: Path, caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="kg.cache"):
        assert open_cache(tmp_path / ("c" * 300 + ".sqlite"), KEY) is None
    assert "File name too long" in caplog.text and "continuing without it" in caplog.text
