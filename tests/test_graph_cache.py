"""kg.graph_cache: a rebuild from the same extractions takes its graph from the cache, byte for byte the same;
other extractions, options or code resolve again."""
from __future__ import annotations

import ast
import math
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

import kg
import kg.graph_cache
from kg.cache import DERIVED_KEPT, open_cache
from kg.graph_cache import (GRAPH_LIBRARIES, STRUCTURE, CachedStructure, code_fingerprint, decode_graph, encode_graph,
                            structure_key)
from kg.serialize import DecodeError

from conftest import ROOT

FORMATS = ("graphml", "gexf", "json", "html")
# Third-party libraries that shape only what is read or parsed (so the extraction key, or the article's
# digest, names them), or only how a graph is shown: not part of the graph's key.
NOT_GRAPH_LIBRARIES = {"spacy", "typer", "tqdm", "lxml", "trafilatura", "dateparser", "yaml", "jinja2", "markupsafe",
                       "distributed", "dask", "charset_normalizer"}


@pytest.fixture()
def corpus(tmp_path: Path, seeds_dir: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(seeds_dir, folder)
    return folder


def _outputs(graph: nx.MultiDiGraph, folder: Path, name: str) -> dict[str, bytes]:
    folder.mkdir(exist_ok=True)
    out = {}
    for fmt in FORMATS:
        path = folder / f"{name}.{fmt}"
        kg.write_graph(graph, path, title="t")
        out[fmt] = path.read_bytes()
    return out


def _same_graph(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    """Equal and in the same order: nodes, keyed edges, adjacency both ways, attributes and their types."""
    assert a.graph == b.graph
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))
    assert all(list(a.pred[n]) == list(b.pred[n]) and list(a.succ[n]) == list(b.succ[n]) for n in a)
    for (_, x), (_, y) in zip(a.nodes(data=True), b.nodes(data=True)):
        assert [(k, type(v)) for k, v in x.items()] == [(k, type(v)) for k, v in y.items()]
    for (*_, x), (*_, y) in zip(a.edges(keys=True, data=True), b.edges(keys=True, data=True)):
        assert [(k, type(v)) for k, v in x.items()] == [(k, type(v)) for k, v in y.items()]


def _no_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.resolve

    def fail(*_args, **_kwargs):  # noqa: ANN202
        raise AssertionError("the graph was resolved again")

    monkeypatch.setattr(kg.resolve, "resolve_entities", fail)


def test_rebuild_takes_the_graph_from_the_cache_byte_identical(tmp_path: Path, corpus: Path, monkeypatch) -> None:
    db = tmp_path / "cache.sqlite"
    uncached = kg.build([str(corpus)], workers=1)
    cold = kg.build([str(corpus)], cache=db, workers=1)
    assert "resolve" in cold.report.phases and "store graph" in cold.report.phases
    _no_resolution(monkeypatch)
    warm = kg.build([str(corpus)], cache=db, workers=1)
    assert "cached graph" in warm.report.phases and "resolve" not in warm.report.phases
    assert warm.report.cached == warm.report.articles == 5
    _same_graph(warm.graph, uncached.graph)
    _same_graph(cold.graph, uncached.graph)
    expected = _outputs(uncached.graph, tmp_path / "out", "uncached")
    assert _outputs(cold.graph, tmp_path / "out", "cold") == expected
    assert _outputs(warm.graph, tmp_path / "out", "warm") == expected


def test_other_extractions_or_options_are_resolved_again(tmp_path: Path, corpus: Path) -> None:
    db = tmp_path / "cache.sqlite"
    kg.build([str(corpus)], cache=db, workers=1)
    # Same content under another name: every extraction is a cache hit, but the graph's sources change.
    first = sorted(corpus.glob("*.txt"))[0]
    first.rename(corpus / "renamed.txt")
    moved = kg.build([str(corpus)], cache=db, workers=1)
    assert moved.report.cached == 5 and "resolve" in moved.report.phases
    assert any("renamed.txt" in data.get("sources", "") for _, data in moved.graph.nodes(data=True))
    _same_graph(moved.graph, kg.build([str(corpus)], workers=1).graph)
    # Another option: resolved again, and right.
    plain = kg.build([str(corpus)], cache=db, workers=1, cooccurrence=False)
    assert "resolve" in plain.report.phases
    assert all(d["kind"] != "co-occurrence" for *_, d in plain.graph.edges(data=True))
    # Aliases: part of the key, so a rule file resolves again, and the same rules come from the cache.
    rules = tmp_path / "aliases.csv"
    rules.write_text("alias,canonical\nBlair,Gordon Brown\n", encoding="utf-8")
    forced = kg.build([str(corpus)], cache=db, workers=1, aliases=rules)
    assert "resolve" in forced.report.phases
    assert "cached graph" in kg.build([str(corpus)], cache=db, workers=1, aliases=rules).report.phases
    rules.write_text("alias,canonical\nBlair,Michael Howard\n", encoding="utf-8")
    assert "resolve" in kg.build([str(corpus)], cache=db, workers=1, aliases=rules).report.phases
    # Changed text: parsed and resolved again, the same graph as without a cache.
    first = sorted(corpus.glob("*.txt"))[1]
    first.write_text(first.read_text(encoding="utf-8") + "\n\nMarianne Vogt-Larsen, a Danish banker, visited Oslo.\n",
                     encoding="utf-8")
    changed = kg.build([str(corpus)], cache=db, workers=1)
    assert changed.report.cached == 4 and "resolve" in changed.report.phases
    _same_graph(changed.graph, kg.build([str(corpus)], workers=1).graph)


def test_graph_of_another_code_version_is_ignored(tmp_path: Path, corpus: Path, monkeypatch) -> None:
    db = tmp_path / "cache.sqlite"
    cold = kg.build([str(corpus)], cache=db, workers=1)
    monkeypatch.setattr(kg.graph_cache, "code_fingerprint", lambda: "another kg")
    again = kg.build([str(corpus)], cache=db, workers=1)
    assert "resolve" in again.report.phases
    _same_graph(again.graph, cold.graph)


def test_code_fingerprint_covers_resolution_code_data_and_libraries(tmp_path: Path, monkeypatch) -> None:
    copy = tmp_path / "kg"
    shutil.copytree(ROOT / "kg", copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(kg.graph_cache, "_KG", copy)
    fingerprint = code_fingerprint.__wrapped__
    seen = {fingerprint()}
    for edited in ("resolve/people.py", "graph.py", "structure.py", "data/names.json"):
        with open(copy / edited, "a", encoding="utf-8") as fh:
            fh.write("\n")
        seen.add(fingerprint())
    monkeypatch.setattr(kg.graph_cache, "GRAPH_LIBRARIES", (*GRAPH_LIBRARIES, "no-such-library-kg"))
    seen.add(fingerprint())
    assert len(seen) == 6
    assert fingerprint() == fingerprint()
    monkeypatch.setattr(kg.graph_cache, "_KG", tmp_path / "nowhere")  # sources that cannot be read: never the same
    assert fingerprint() != fingerprint()


def test_every_library_kg_imports_is_in_the_key_or_shapes_no_graph() -> None:
    imported: set[str] = set()
    for path in (ROOT / "kg").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    third_party = {name for name in imported if name not in sys.stdlib_module_names and name not in ("kg", "__future__")}
    assert third_party - set(GRAPH_LIBRARIES) - NOT_GRAPH_LIBRARIES == set()


def test_damaged_graph_row_is_computed_again_and_replaced(tmp_path: Path, corpus: Path) -> None:
    db = tmp_path / "cache.sqlite"
    cold = kg.build([str(corpus)], cache=db, workers=1)
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE derived SET data = substr(data, 1, 40)")  # the header survives, the rest is cut
    again = kg.build([str(corpus)], cache=db, workers=1)
    assert "resolve" in again.report.phases
    _same_graph(again.graph, cold.graph)
    warm = kg.build([str(corpus)], cache=db, workers=1)
    assert "cached graph" in warm.report.phases
    _same_graph(warm.graph, cold.graph)


def test_only_the_latest_results_of_each_kind_are_kept(tmp_path: Path) -> None:
    cache = open_cache(tmp_path / "c.sqlite", "key")
    assert cache is not None
    cache.store_derived("structure", "old", b"s")
    for i in range(DERIVED_KEPT + 3):
        cache.store_derived("graph", f"graph-{i}", b"x")
    assert cache.load_derived("graph", "graph-0") is None and cache.load_derived("graph", f"graph-{DERIVED_KEPT + 2}") == b"x"
    assert sum(cache.load_derived("graph", f"graph-{i}") is not None for i in range(DERIVED_KEPT + 3)) == DERIVED_KEPT
    assert cache.load_derived("structure", "old") == b"s"  # another kind keeps its own
    assert cache.load_derived("structure", "graph-9") is None
    cache.close()


def test_codec_gives_back_every_value_as_it_was() -> None:
    graph = nx.MultiDiGraph()
    graph.graph["article_dates"] = {"a.txt": "2025-01-02"}
    graph.add_node("person:ana", label="Ana \u00f1 \ud83d\ude00 \ud800", mentions=3, size=12.5, flag=True)
    graph.add_node("org:x", label="X")
    graph.add_edge("org:x", "person:ana", key="e-2", weight=2.0, negated=0)
    graph.add_edge("person:ana", "org:x", key="e-1", weight=1.0)
    data = encode_graph(graph)
    assert data is not None
    _same_graph(decode_graph(data), graph)


@pytest.mark.parametrize("value", [("a", "b"), ["a"], math.nan, None, b"bytes"])
def test_a_value_json_would_change_is_not_cached(value: object) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("n", odd=value)
    assert encode_graph(graph) is None


@pytest.mark.parametrize("data", [b"", b"KGG1", b"KGG1not zlib", b"other bytes"])
def test_bytes_that_are_no_graph_do_not_decode(data: bytes) -> None:
    with pytest.raises(DecodeError):
        decode_graph(data)


def test_cached_rebuild_does_not_import_resolution(tmp_path: Path, corpus: Path) -> None:
    """A graph from the cache needs neither resolution, events and graph building nor their libraries."""
    db = tmp_path / "cache.sqlite"
    kg.build([str(corpus)], cache=db, workers=1)
    modules = ("kg.resolve", "kg.events", "kg.graph", "kg.structure", "kg.gazetteer", "rapidfuzz", "nicknames", "spacy")
    code = (
        "import sys, kg; r = kg.build([sys.argv[1]], cache=sys.argv[2], workers=1); "
        f"kg.write_graph(r.graph, sys.argv[3]); print(r.report.cached, *(m in sys.modules for m in {modules!r}))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(corpus), str(db), str(tmp_path / "g.graphml")],
                         capture_output=True, text=True, check=True).stdout.split()
    assert out == ["5", *["False"] * len(modules)]


def _links(weight: float = 2.0) -> nx.Graph:
    links = nx.Graph()
    links.add_nodes_from(["a", "b", "c", "d", "e"])
    links.add_weighted_edges_from([("a", "b", weight), ("b", "c", 1.0), ("a", "c", 1.0), ("d", "e", 3.0)])
    return links


def _no_louvain(monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.structure

    def fail(*_args, **_kwargs):  # noqa: ANN202
        raise AssertionError("communities were computed again")

    monkeypatch.setattr(kg.structure, "communities", fail)


def test_structure_is_read_back_for_the_same_links_only(tmp_path: Path, monkeypatch) -> None:
    from kg.structure import communities, pageranks

    cache = open_cache(tmp_path / "c.sqlite", "key")
    assert cache is not None
    first = CachedStructure(cache)
    expected = communities(_links()), pageranks(_links())
    assert first(_links()) == expected and first.hits == 0
    with monkeypatch.context() as patched:
        _no_louvain(patched)
        again = CachedStructure(cache)
        assert again(_links()) == expected and again.hits == 1
    other = CachedStructure(cache)
    assert other(_links(weight=5.0)) == (communities(_links(5.0)), pageranks(_links(5.0))) and other.hits == 0
    monkeypatch.setattr(kg.graph_cache, "structure_fingerprint", lambda: "another kg.structure")
    stale = CachedStructure(cache)
    assert stale(_links()) == expected and stale.hits == 0
    cache.close()


def test_structure_key_names_the_exact_adjacency() -> None:
    reordered = nx.Graph()
    reordered.add_nodes_from(["a", "b", "c", "d", "e"])
    reordered.add_weighted_edges_from([("a", "c", 1.0), ("a", "b", 2.0), ("b", "c", 1.0), ("d", "e", 3.0)])
    assert sorted(reordered.edges(data=True)) == sorted(_links().edges(data=True))
    assert structure_key(reordered) != structure_key(_links())  # Louvain visits neighbours in this order
    assert structure_key(_links()) == structure_key(_links())
    assert structure_key(_links(weight=2.0000001)) != structure_key(_links())
    assert structure_key(nx.Graph([(1, 2)])) is None  # ids JSON would turn into strings


def test_damaged_structure_row_is_computed_again(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    cache = open_cache(db, "key")
    assert cache is not None
    expected = CachedStructure(cache)(_links())
    for damage in (b"not json", b'[{"a": 1}, {}]', b'[[1], [2]]'):
        cache.store_derived(STRUCTURE, structure_key(_links()), damage)
        again = CachedStructure(cache)
        assert again(_links()) == expected and again.hits == 0
    cache.close()


def test_renamed_article_resolves_again_but_reads_its_structure_back(tmp_path: Path, corpus: Path, monkeypatch) -> None:
    db = tmp_path / "cache.sqlite"
    kg.build([str(corpus)], cache=db, workers=1)
    first = sorted(corpus.glob("*.txt"))[0]
    first.rename(corpus / ("000_" + first.name))  # still first in order: the same links
    expected = kg.build([str(corpus)], workers=1)
    _no_louvain(monkeypatch)
    moved = kg.build([str(corpus)], cache=db, workers=1)
    assert "resolve" in moved.report.phases
    _same_graph(moved.graph, expected.graph)
    assert _outputs(moved.graph, tmp_path / "out", "moved") == _outputs(expected.graph, tmp_path / "out", "expected")


def test_a_graph_built_by_worker_processes_is_found_by_a_serial_rebuild(tmp_path: Path, corpus: Path) -> None:
    """Parsed in workers or read from the cache, an extraction is named by the same digest in the key."""
    db = tmp_path / "cache.sqlite"
    parallel = kg.build([str(corpus)], cache=db, workers=2)
    assert parallel.report.workers == 2 and "store graph" in parallel.report.phases
    serial = kg.build([str(corpus)], cache=db, workers=1)
    assert "cached graph" in serial.report.phases
    _same_graph(serial.graph, parallel.graph)
