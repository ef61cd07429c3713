"""Shared fixtures: the real model, the seeds and their graph (built once per session), the XML schemas, graphology."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = (ROOT / ".." / "shared").resolve()
XSD = SHARED / "schemas" / "graphml" / "graphml.xsd"
GEXF_XSD = SHARED / "schemas" / "gexf-1.3" / "gexf.xsd"
# graphology-gexf is the GEXF reader of Gephi Lite; npm installs it once into a cache outside the repo.
NODE_PACKAGES = ("graphology@0.26.0", "graphology-gexf@0.13.2")
NODE_CACHE = Path(os.environ.get("KG_NODE_CACHE") or Path.home() / ".cache" / "kg-tests" / "node")
BBC = SHARED / "corpora" / "bbc-news"


def in_ci() -> bool:
    """CI sets CI=true (GitHub, GitLab and most others); CI=false or an empty value is not CI."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


@pytest.fixture(scope="session", autouse=True)
def _gazetteer_index_folder(tmp_path_factory):
    """Tests (and the kg processes they start) keep the gazetteer index file in a folder of this session,
    not in the user's cache; a developer can point KG_GAZETTEER_CACHE at one to skip the first build."""
    if "KG_GAZETTEER_CACHE" not in os.environ:
        os.environ["KG_GAZETTEER_CACHE"] = str(tmp_path_factory.mktemp("gazetteer"))
    yield


def _tree_cpu(pid: int) -> float:
    """CPU seconds a process and its live descendants have used, with the children it has already reaped."""
    import psutil

    total = 0.0
    try:
        main = psutil.Process(pid)
        processes = [main, *main.children(recursive=True)]
    except psutil.Error:
        return total
    for process in processes:
        try:
            t = process.cpu_times()
        except psutil.Error:
            continue
        total += t.user + t.system + t.children_user + t.children_system
    return total


def as_from_a_terminal() -> None:
    """``preexec_fn`` for a build a test will interrupt: Ctrl-C back to its default action in the child.

    A shell without job control starts background commands with SIGINT ignored, and a child inherits that:
    ``CI=true bash .ci/run &`` would run every build with Ctrl-C ignored, as a user's ``nohup`` does (Python
    then installs no KeyboardInterrupt handler, rightly). A terminal's foreground process never has it ignored.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


def interrupt(proc: subprocess.Popen, sig: int, *, hang_seconds: float = 120) -> tuple[str, float]:
    """Send ``sig`` to a running build, wait for it, and return (its stderr, the CPU seconds it and every process
    under it used after the signal).

    CPU time, not wall time, says whether a build stops promptly: on two loaded cores a build that stops at
    once may still need many wall seconds to be scheduled, while a build that parses on after the signal
    uses CPU whatever the load. The process tree is sampled until the build exits (its workers are children
    of a fork server, which the build never reaps, so the kernel's accounting of reaped children misses
    them). ``hang_seconds`` catches a build that never ends.
    """
    import threading

    before = _tree_cpu(proc.pid)
    latest = [before]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            latest[0] = max(latest[0], _tree_cpu(proc.pid))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    proc.send_signal(sig)
    try:
        _, err = proc.communicate(timeout=hang_seconds)
    finally:
        done.set()
        sampler.join()
    return err, latest[0] - before


def relations_in(nlp, text: str) -> set[tuple[str, str, str, str]]:
    """(subject, relation type, object, modality) of every non-co-occurrence relation extracted from ``text``."""
    from kg.extract.article import extract_doc

    mentions, rels, _, _ = extract_doc(nlp(text))
    return {(mentions[r.subject].name, r.rtype or r.kind, mentions[r.object].name, r.modality) for r in rels}


def typed_relations(nlp, text: str, rtype: str) -> set[tuple[str, str]]:
    """(subject, object) names of every relation of type ``rtype`` extracted from ``text``."""
    return {(s, o) for s, t, o, _ in relations_in(nlp, text) if t == rtype}


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


@pytest.fixture(scope="session")
def gexf_schema():
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(need_shared(GEXF_XSD))))


def _need_tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        message = f"{name} not found: install Node.js and npm (apt-get install -y nodejs npm)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def read_with_graphology() -> Callable[[Path], dict]:
    """A function that loads a GEXF file with graphology-gexf in Node and returns what it read."""
    node, npm = _need_tool("node"), _need_tool("npm")
    folder = NODE_CACHE / "-".join(p.replace("@", "_") for p in NODE_PACKAGES)
    if not (folder / "node_modules" / "graphology-gexf" / "package.json").is_file():
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".install-", dir=folder.parent))
        result = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(staging), *NODE_PACKAGES],
                                capture_output=True, text=True, timeout=600)
        if result.returncode != 0:
            shutil.rmtree(staging, ignore_errors=True)
            pytest.fail(f"npm install {' '.join(NODE_PACKAGES)} failed: {result.stderr[-2000:]}")
        shutil.rmtree(folder, ignore_errors=True)
        staging.rename(folder)  # a half-finished install is never taken for a cache
    script = ROOT / "tests" / "fixtures" / "node" / "read_gexf.js"
    env = {**os.environ, "NODE_PATH": str(folder / "node_modules")}

    def read(path: Path) -> dict:
        result = subprocess.run([node, str(script), str(path)], capture_output=True, text=True, env=env, timeout=120)
        assert result.returncode == 0, f"graphology-gexf could not read {path}: {result.stderr[-2000:]}"
        return json.loads(result.stdout)

    return read


BBC_POLITICS = BBC / "politics"
STAND_IN_START = dt.date(2004, 11, 1)
STAND_IN_END = dt.date(2005, 3, 31)


@dataclass
class Corpus:
    graph: nx.MultiDiGraph  # as a user's build gives it: the BBC files carry no dates
    dated: nx.MultiDiGraph  # the same extractions with stand-in dates
    dates: dict[str, str]


@pytest.fixture(scope="session")
def bbc_politics(tmp_path_factory) -> Corpus:
    """BBC politics parsed once (cache in a temporary folder), then resolved twice.

    The BBC files carry no dates, so the time slider has nothing to act on in a user's build. For the
    slider tests the same extractions get stand-in dates, spread evenly over November 2004 to March 2005
    in file order (the dataset's period); the tests compare the page against those dates.
    """
    from kg.ingest import iter_articles
    from kg.pipeline import extract_articles, graph_from_extractions

    corpus = need_shared(BBC_POLITICS)
    cache = tmp_path_factory.mktemp("bbc-cache") / "cache.sqlite"
    extractions = sorted(extract_articles(iter_articles([str(corpus)]), workers=None, cache=cache),
                         key=lambda e: e.article)
    assert len(extractions) == 417
    span = (STAND_IN_END - STAND_IN_START).days
    dates = {e.article: (STAND_IN_START + dt.timedelta(days=i * span // (len(extractions) - 1))).isoformat()
             for i, e in enumerate(extractions)}
    dated = graph_from_extractions([replace(e, date=dates[e.article]) for e in extractions])
    return Corpus(graph_from_extractions(extractions), dated, dates)


def node_by_label(graph: nx.MultiDiGraph, label: str) -> str | None:
    """The id of the node whose label (or one of whose aliases) is ``label``."""
    for node, data in graph.nodes(data=True):
        if data.get("label") == label:
            return node
    for node, data in graph.nodes(data=True):
        if label in str(data.get("aliases", "")).split(" | "):
            return node
    return None
