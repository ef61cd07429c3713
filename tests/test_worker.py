"""kg.run.worker's process settings for a parse: objects frozen during a batch, the parser's arrays from the heap."""
from __future__ import annotations

import gc
import platform

import pytest

import kg.extract.article
import kg.nlp
import kg.run.worker as worker


@pytest.fixture
def unfrozen():
    if gc.get_freeze_count():
        pytest.skip("objects already frozen in this process")
    yield
    gc.unfreeze()


def test_objects_are_frozen_during_a_batch_and_handed_back(unfrozen) -> None:
    with worker.objects_frozen():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_objects_someone_else_froze_stay_frozen(unfrozen) -> None:
    gc.freeze()
    before = gc.get_freeze_count()
    with worker.objects_frozen():
        pass
    assert gc.get_freeze_count() >= before


def test_a_batch_is_extracted_with_the_model_frozen(monkeypatch, unfrozen) -> None:
    seen: list[int] = []
    monkeypatch.setattr(worker, "get_model", lambda model: object())
    monkeypatch.setattr(kg.nlp, "parse_articles", lambda nlp, articles: ((a, iter(())) for a in articles))
    monkeypatch.setattr(kg.extract.article, "extract_article", lambda a, chunks: seen.append(gc.get_freeze_count()) or a)
    assert worker.extract_batch_local("m", ["a", "b"]) == ["a", "b"]
    assert len(seen) == 2 and all(seen)
    assert gc.get_freeze_count() == 0


def test_loading_a_model_settles_the_process_once(monkeypatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(worker, "_MODELS", {})
    monkeypatch.setattr(kg.nlp, "load_model", lambda model: f"nlp:{model}")
    monkeypatch.setattr(worker, "set_mmap_threshold", calls.append)
    assert worker.get_model("x") == worker.get_model("x") == "nlp:x"
    assert calls == [worker.PARSER_MMAP_THRESHOLD]


@pytest.mark.skipif(platform.system() != "Linux" or platform.libc_ver()[0] != "glibc", reason="glibc only")
def test_the_mmap_threshold_is_set_on_glibc() -> None:
    assert worker.set_mmap_threshold(worker.PARSER_MMAP_THRESHOLD) is True


def test_no_glibc_is_no_error(monkeypatch) -> None:
    def missing(name: str) -> None:
        raise OSError(name)

    monkeypatch.setattr(worker.ctypes, "CDLL", missing)
    assert worker.set_mmap_threshold(1 << 20) is False


def test_extraction_joins_a_docs_text_once(nlp, seeds_dir) -> None:
    """Doc.text joins every token each time it is read; the extractors share the one SentenceIndex.text."""
    from spacy.tokens import Doc

    from kg.extract.article import extract_doc

    class CountingDoc(Doc):
        reads = 0

        @property
        def text(self) -> str:
            CountingDoc.reads += 1
            return super().text

    parsed = nlp(kg.nlp.normalise_text(sorted(seeds_dir.glob("*.txt"))[0].read_text(encoding="utf-8")))
    doc = CountingDoc(parsed.vocab).from_bytes(parsed.to_bytes())
    mentions, relations, _, sentences = extract_doc(doc)
    assert mentions and relations
    assert CountingDoc.reads == 1 and sentences.text == parsed.text
    assert (mentions, relations) == extract_doc(parsed)[:2]
