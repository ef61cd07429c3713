"""Shared fixtures: the real model, the seeds and their graph (built once per session), the GraphML schema."""
from __future__ import annotations

import os
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = (ROOT / ".." / "shared").resolve()
XSD = SHARED / "schemas" / "graphml" / "graphml.xsd"
BBC = SHARED / "corpora" / "bbc-news"
IN_CI = bool(os.environ.get("CI"))


@pytest.fixture(scope="session", autouse=True)
def _gazetteer_index_folder(tmp_path_factory):
    """Tests (and the kg processes they start) keep the gazetteer index file in a folder of this session,
    not in the user's cache; a developer can point KG_GAZETTEER_CACHE at one to skip the first build."""
    if "KG_GAZETTEER_CACHE" not in os.environ:
        os.environ["KG_GAZETTEER_CACHE"] = str(tmp_path_factory.mktemp("gazetteer"))
    yield


def need_shared(path: Path) -> Path:
    """Shared data is always there in CI; on a developer machine without it, skip visibly."""
    if not path.exists():
        if IN_CI:
            pytest.fail(f"{path} is missing: CI must run with ../shared beside the repo")
        pytest.skip(f"{path} not found (../shared is not beside this checkout)")
    return path


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seeds_result():
    """The seeds built once with the default options (co-occurrence on)."""
    import kg

    return kg.build([str(SEEDS)])


@pytest.fixture(scope="session")
def seeds_graph(seeds_result) -> nx.MultiDiGraph:
    return seeds_result.graph


@pytest.fixture(scope="session")
def graphml_schema():
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(need_shared(XSD))))


def node_by_label(graph: nx.MultiDiGraph, label: str) -> str | None:
    """The id of the node whose label (or one of whose aliases) is ``label``."""
    for node, data in graph.nodes(data=True):
        if data.get("label") == label:
            return node
    for node, data in graph.nodes(data=True):
        if label in str(data.get("aliases", "")).split(" | "):
            return node
    return None
