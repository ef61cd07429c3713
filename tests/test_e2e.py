"""End to end on seeds/ with the real model: the files a user gets, checked by independent readers."""
from __future__ import annotations

import igraph
from lxml import etree

import kg
from conftest import node_by_label


def test_seeds_graph_has_the_main_people_and_countries(seeds_graph):
    expected = {
        "Keir Starmer": "PERSON",
        "Vladimir Putin": "PERSON",
        "Emmanuel Macron": "PERSON",
        "Donald Trump": "PERSON",
        "Marco Rubio": "PERSON",
        "Ukraine": "GPE",
        "Russia": "GPE",
        "France": "GPE",
        "Paris": "GPE",
        "NATO": "ORG",
    }
    for label, etype in expected.items():
        node = node_by_label(seeds_graph, label)
        assert node is not None, f"no node for {label}"
        assert seeds_graph.nodes[node]["type"] == etype, label


def test_every_node_has_provenance(seeds_graph):
    for node, data in seeds_graph.nodes(data=True):
        assert data["mentions"] >= 1 and data["articles"] >= 1, node
        assert data["sources"], node
    for _, _, data in seeds_graph.edges(data=True):
        assert data["evidence"] and data["sources"] and data["weight"] >= 1


def test_seeds_graphml_is_valid_and_igraph_reads_every_attribute(seeds_graph, tmp_path, graphml_schema):
    out = tmp_path / "graph.graphml"
    kg.write_graph(seeds_graph, out)
    graphml_schema.assertValid(etree.parse(str(out)))
    g = igraph.Graph.Read_GraphML(str(out))
    assert g.vcount() == seeds_graph.number_of_nodes()
    for attr in ("label", "type", "aliases", "mentions", "articles", "sources", "size", "r", "g", "b"):
        assert attr in g.vs.attributes(), attr
    for attr in ("relation", "kind", "weight", "evidence", "sources"):
        assert attr in g.es.attributes(), attr
    assert "Keir Starmer" in g.vs["label"]


def test_seeds_report_counts(seeds_result):
    report = seeds_result.report
    assert report.articles == 5 and not report.skipped
    assert report.entities == seeds_result.graph.number_of_nodes()
    assert report.words > 2500


def test_the_slim_pipeline_writes_the_same_bytes_as_the_full_one(seeds_dir, tmp_path):
    """What kg skips of spaCy's pipeline (kg.nlp.slim_pipeline) must not change the graph: byte for byte."""
    import os
    import subprocess
    import sys

    outputs = {}
    for mode in ("0", "1"):
        out = tmp_path / f"full-{mode}.graphml"
        env = {**os.environ, "KG_FULL_PIPELINE": mode}
        done = subprocess.run([sys.executable, "-m", "kg", "build", str(seeds_dir), "-o", str(out), "-o",
                               str(out.with_suffix(".json")), "--no-cache", "--workers", "1", "-q"],
                              env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        outputs[mode] = (out.read_bytes(), out.with_suffix(".json").read_bytes())
    assert outputs["0"] == outputs["1"]
    assert b"<edge" in outputs["0"][0]


def test_names_in_results_tables_datelines_and_capital_headlines_are_kept(tmp_path):
    """Rows of a results table, a dateline and a headline in capitals are no sub-headings to drop: their names are
    the article's; a headline's common word in capitals ("DOWNHILL") is no name."""
    (tmp_path / "results.txt").write_text(
        "SKIING - ZURBRIGGEN WINS WOMEN'S DOWNHILL.\nVAL D'ISERE , France 1996-12-06\n"
        "Results of the women's World Cup downhill on Saturday:\n1. Heidi Zurbriggen ( Switzerland ) 1:19.03\n"
        "2. Katja Seizinger ( Germany ) 1:19.25\nGOLF - DODDS LEADS IN SOUTH AFRICA.\n"
        "Trevor Dodds ( Namibia ) 72 69\nErnie Els ( South Africa ) 70 71\n", encoding="utf-8")
    graph = kg.build([str(tmp_path)]).graph
    labels = {d["label"]: d["type"] for _, d in graph.nodes(data=True)}
    for name in ("Heidi Zurbriggen", "Katja Seizinger", "Trevor Dodds", "Ernie Els"):
        assert labels.get(name) == "PERSON", name
    assert {"France", "Switzerland", "Namibia", "South Africa"} <= set(labels)
    assert "DOWNHILL" not in labels
