"""`kg show GRAPH NAME`: one entity with its aliases, counts, titles and edges; clear errors."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg.model import Extraction, Mention

ROOT = Path(__file__).resolve().parents[1]


def _mention(name, label, sent, text=None, titles=()):
    text = text or name
    return Mention(text=text, name=name, label=label, start=sent * 100, end=sent * 100 + len(text), sent=sent, titles=titles)


@pytest.fixture(scope="module")
def small_graph(tmp_path_factory) -> Path:
    import kg

    ex = Extraction(
        article="a.txt",
        sentences=((0, "Prime Minister Keir Starmer met Donald Trump."), (1, "Sir Keir spoke to Donald Tusk.")),
        mentions=(
            _mention("Keir Starmer", "PERSON", 0, titles=("prime minister",)),
            _mention("Donald Trump", "PERSON", 0),
            _mention("Keir", "PERSON", 1, "Sir Keir"),
            _mention("Donald Tusk", "PERSON", 1),
        ),
    )
    path = tmp_path_factory.mktemp("show") / "graph.graphml"
    kg.write_graph(kg.graph_from_extractions([ex]), path)
    return path


def kg_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_show_by_alias(small_graph):
    result = kg_cli("show", str(small_graph), "sir keir")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Keir Starmer  [PERSON]")
    assert "Sir Keir" in out and "prime minister" in out and "2 in 1 articles" in out.replace("mentions: ", "")
    assert "co-occurs with" in out and "Donald Trump" in out and "Donald Tusk" in out
    assert "Prime Minister Keir Starmer met Donald Trump." in out  # evidence sentence


def test_show_ambiguous_name_lists_matches(small_graph):
    result = kg_cli("show", str(small_graph), "Donald")
    assert result.returncode == 0
    assert "2 entities match" in result.stdout and "Donald Trump" in result.stdout and "Donald Tusk" in result.stdout


def test_show_unknown_name_is_an_error(small_graph):
    result = kg_cli("show", str(small_graph), "Macron")
    assert result.returncode == 1
    assert result.stderr.startswith("Error: no entity named 'Macron'") and "--list" in result.stderr
    assert "Traceback" not in result.stderr


def test_show_list(small_graph):
    result = kg_cli("show", str(small_graph), "--list")
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 3


def test_show_starmer_on_seeds(seeds_graph, tmp_path):
    import kg

    path = tmp_path / "graph.graphml"
    kg.write_graph(seeds_graph, path)
    result = kg_cli("show", str(path), "Starmer")
    assert result.returncode == 0, result.stderr
    head = result.stdout.splitlines()[:2]
    assert head[0].startswith("Keir Starmer  [PERSON]")
    assert {"Starmer", "Sir Keir", "Keir Starmer"} <= set(head[1].split(":", 1)[1].strip().split(" | "))


def test_build_rejects_malformed_aliases_before_parsing(tmp_path):
    bad = tmp_path / "aliases.yaml"
    bad.write_text("merge:\n  - Keir Starmer\n", encoding="utf-8")
    result = kg_cli("build", "seeds", "--aliases", str(bad), "-o", str(tmp_path / "g.graphml"), "--no-cache", "-q")
    assert result.returncode == 1
    assert "aliases.yaml, line 2:" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "g.graphml").exists()


def test_build_with_aliases_forces_a_merge(tmp_path):
    rules = tmp_path / "aliases.csv"
    rules.write_text("alias,canonical\nKremlin,Russia\nDonald Trump,!=,Donald Tusk\n", encoding="utf-8")
    out = tmp_path / "g.graphml"
    result = kg_cli("build", "seeds", "--aliases", str(rules), "-o", str(out), "--no-cache", "-q")
    assert result.returncode == 0, result.stderr
    shown = kg_cli("show", str(out), "Kremlin")
    assert shown.stdout.startswith("Russia  [GPE]")


def test_show_lists_what_happened_before_cooccurrence(tmp_path):
    import kg
    from kg.model import Relation

    ex = Extraction(
        article="a.txt",
        sentences=((0, "French President Emmanuel Macron spoke."), (1, "Macron and France, France, France.")),
        mentions=(_mention("Emmanuel Macron", "PERSON", 0), _mention("France", "GPE", 0), _mention("Macron", "PERSON", 1),
                  _mention("France", "GPE", 1)),
        relations=(Relation(0, 1, "president of", "role", 0),),
    )
    path = tmp_path / "g.json"
    kg.write_graph(kg.graph_from_extractions([ex]), path)
    out = kg_cli("show", str(path), "Macron").stdout
    # the role has weight 1 and co-occurrence weight 2, yet the role is listed first
    assert out.index("president of") < out.index("co-occurs with")


def test_show_explains_merges_and_marks_hedged_and_typed_edges(tmp_path):
    import kg
    from kg.model import Relation

    ex = Extraction(
        article="a.txt",
        sentences=((0, "Microsoft Corp could buy Yahoo."), (1, "Microsoft said so.")),
        mentions=(_mention("Microsoft Corp", "ORG", 0), _mention("Yahoo", "ORG", 0), _mention("Microsoft", "ORG", 1)),
        relations=(Relation(0, 1, "buy", "action", 0, rtype="acquired", modality="could"),),
    )
    path = tmp_path / "g.graphml"
    kg.write_graph(kg.graph_from_extractions([ex]), path)
    out = kg_cli("show", str(path), "Microsoft").stdout
    assert "-> buy [acquired] -> Yahoo" in out and "HEDGED (could)" in out
    yahoo = kg_cli("show", str(path), "Yahoo").stdout
    assert "<- buy [acquired] <- Microsoft" in yahoo


def test_show_prints_first_and_last_seen_community_and_pagerank(tmp_path):
    import kg

    exs = [
        Extraction(article="a.txt", date="2005-01-10", sentences=((0, "Tony Blair met Gordon Brown."),),
                   mentions=(_mention("Tony Blair", "PERSON", 0), _mention("Gordon Brown", "PERSON", 0))),
        Extraction(article="b.txt", date="2005-03-02", sentences=((0, "Tony Blair met John Prescott."),),
                   mentions=(_mention("Tony Blair", "PERSON", 0), _mention("John Prescott", "PERSON", 0))),
        Extraction(article="c.txt", sentences=((0, "Michael Howard spoke."),), mentions=(_mention("Michael Howard", "PERSON", 0),)),
    ]
    for suffix in (".graphml", ".json"):
        path = tmp_path / f"g{suffix}"
        kg.write_graph(kg.graph_from_extractions(exs), path)
        out = kg_cli("show", str(path), "Tony Blair").stdout
        assert "  seen:     2005-01-10 to 2005-03-02 (on 2 dates)" in out
        assert "  community: 0 (3 entities; most central: Tony Blair, " in out
        assert "  pagerank: " in out and "(#1 of 4)" in out
        assert "(weight 1, seen on 2005-01-10)" in out  # the edge to Gordon Brown
        assert "  seen:     on 2005-01-10" in kg_cli("show", str(path), "Gordon Brown").stdout
        assert "  seen:     only in undated articles" in kg_cli("show", str(path), "Michael Howard").stdout


def test_show_on_an_undated_graph_says_so(small_graph):
    assert "  seen:     - (the articles carry no dates)" in kg_cli("show", str(small_graph), "Keir Starmer").stdout
