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


def in_ci() -> bool:
    """CI sets CI=true (GitHub, GitLab and most others); CI=false or an empty value is not CI."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def need_shared(path: Path) -> Path:
    """Shared data is always there in CI (a missing file fails the test); elsewhere its absence skips the
    test, with the reason."""
    if not path.exists():
        if in_ci():
            pytest.fail(f"{path} is missing: CI must run with ../shared beside the repo (CI=true)")
        pytest.skip(f"{path} not found: these tests need ../shared beside the checkout (see README, Tests)")
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
