from __future__ import annotations

import json
from pathlib import Path

import igraph
import networkx as nx
import pytest
from lxml import etree

from kg.errors import InputError, OutputError
from kg.export import check_outputs, format_of, read_graph, write_graph
from kg.export.collapse import collapse_parallel_edges
from kg.graph import build_graph_from
from kg.model import Claim, Entity

HOSTILE = 'Café <b>&"x"</b> \u202e INFOSYS </script><img src=x onerror=alert(1)>'


@pytest.fixture()
def small_graph() -> nx.MultiDiGraph:
    entities = [
        Entity(id="person:emmanuel-macron", label="Emmanuel Macron", type="PERSON", aliases=("Macron", "Emmanuel Macron"), titles=("president",), mentions=4, articles=("a1",), evidence=HOSTILE),
        Entity(id="gpe:france", label="France", type="GPE", aliases=("France", "French"), mentions=6, articles=("a1", "a2")),
        Entity(id="event:meeting-paris", label="Meeting in Paris", type="EVENT", mentions=1, articles=("a2",), event_type="meeting", date="2025-02-17", date_text="on Monday"),
    ]
    claims = [
        Claim("person:emmanuel-macron", "gpe:france", "president of", "role", "a1", "French President Emmanuel Macron spoke."),
        Claim("person:emmanuel-macron", "gpe:france", "co-occurs with", "co-occurrence", "a1", "French President Emmanuel Macron spoke."),
        Claim("person:emmanuel-macron", "event:meeting-paris", "convener of", "event", "a2", HOSTILE),
    ]
    return build_graph_from(entities, claims)


def test_graphml_validates_and_loads_in_igraph(small_graph, tmp_path, graphml_schema):
    out = tmp_path / "g.graphml"
    write_graph(small_graph, out)
    graphml_schema.assertValid(etree.parse(str(out)))
    g = igraph.Graph.Read_GraphML(str(out))
    assert g.vcount() == 3
    # the two relations between Macron and France survive as one edge naming both
    assert g.ecount() == 2
    labels = set(g.vs["label"])
    assert {"Emmanuel Macron", "France", "Meeting in Paris"} == labels
    for attr in ("label", "type", "aliases", "mentions", "articles", "sources", "size", "r", "g", "b"):
        assert attr in g.vs.attributes()
    for attr in ("relation", "relations", "kind", "kinds", "weight", "evidence", "sources"):
        assert attr in g.es.attributes()
    e = g.es.find(relation="president of")
    assert e["relations"] == "president of | co-occurs with"
    assert e["kinds"] == "role | co-occurrence"
    assert e["weight"] == 2.0


def test_graphml_one_type_per_attribute_name_and_unique_edge_ids(small_graph, tmp_path):
    out = tmp_path / "g.graphml"
    write_graph(small_graph, out)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    tree = etree.parse(str(out))
    keys = tree.findall("g:key", ns)
    names = [(k.get("for"), k.get("attr.name")) for k in keys]
    assert len(names) == len(set(names))
    assert {k.get("attr.type") for k in keys} <= {"boolean", "int", "long", "float", "double", "string"}
    ids = [e.get("id") for e in tree.iter("{http://graphml.graphdrawing.org/xmlns}edge")]
    assert all(ids) and len(ids) == len(set(ids))


def test_graphml_round_trips_text_exactly(small_graph, tmp_path):
    out = tmp_path / "g.graphml"
    write_graph(small_graph, out)
    back = read_graph(out)
    assert back.nodes["person:emmanuel-macron"]["evidence"] == HOSTILE


def test_writing_does_not_touch_the_callers_graph(small_graph, tmp_path):
    small_graph.graph["id"] = "keep-me"
    before = nx.node_link_data(small_graph, edges="edges")
    for ext in ("graphml", "gexf", "json"):
        write_graph(small_graph, tmp_path / f"g.{ext}")
    assert nx.node_link_data(small_graph, edges="edges") == before


def test_json_keeps_every_relation_and_round_trips(small_graph, tmp_path):
    out = tmp_path / "g.json"
    write_graph(small_graph, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["edges"]) == 3
    back = read_graph(out)
    assert back.number_of_edges() == 3
    assert back.nodes["event:meeting-paris"]["date"] == "2025-02-17"


def test_gexf_has_gephi_viz_attributes(small_graph, tmp_path, gexf_schema):
    out = tmp_path / "g.gexf"
    write_graph(small_graph, out)
    tree = etree.parse(str(out))
    gexf_schema.assertValid(tree)
    assert len(tree.findall(".//{http://gexf.net/1.3/viz}color")) == 3
    assert len(tree.findall(".//{http://gexf.net/1.3/viz}size")) == 3
    back = nx.read_gexf(out)
    assert back.number_of_nodes() == 3


def test_collapse_keeps_strongest_relation_first(small_graph):
    flat = collapse_parallel_edges(small_graph)
    data = flat.edges["person:emmanuel-macron", "gpe:france"]
    assert data["relation"] == "president of" and data["kind"] == "role"


def test_format_follows_extension_and_unknown_is_an_error(tmp_path):
    assert format_of("x.GRAPHML") == "graphml"
    assert format_of("x.htm") == "html"
    with pytest.raises(OutputError, match="extensions"):
        format_of("graph.png")
    with pytest.raises(OutputError, match="folder"):
        check_outputs([str(tmp_path)])
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="is a file"):
        check_outputs([str(blocker / "sub" / "g.graphml")])


def test_failed_write_leaves_earlier_output_intact(small_graph, tmp_path, monkeypatch):
    out = tmp_path / "g.graphml"
    out.write_text("EARLIER")
    import kg.export.graphml as mod

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(mod, "graphml_bytes", lambda g: b"<partial")
    monkeypatch.setattr(mod, "write_atomic", lambda path, fn: (fn(open(tmp_path / "ignored", "wb")), boom()))
    with pytest.raises(KeyboardInterrupt):
        write_graph(small_graph, out)
    assert out.read_text() == "EARLIER"


def test_atomic_write_interrupted_midway_leaves_no_temp_file(tmp_path):
    from kg.export._atomic import write_atomic

    out = tmp_path / "g.graphml"
    out.write_text("EARLIER")

    def half(fh):
        fh.write(b"<graphml")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(out, half)
    assert out.read_text() == "EARLIER"
    assert [p.name for p in tmp_path.iterdir()] == ["g.graphml"]


def test_read_graph_errors_are_clear(tmp_path):
    with pytest.raises(InputError, match="not found"):
        read_graph(tmp_path / "missing.graphml")
    bad = tmp_path / "bad.graphml"
    bad.write_text("<graphml")
    with pytest.raises(InputError, match="cannot read graph"):
        read_graph(bad)


OUTPUT_NAMES = ("g.html", "g.graphml", "g.json", "g.gexf")


def _earlier_outputs(folder):
    for name in OUTPUT_NAMES:
        (folder / name).write_text("EARLIER")


def test_ctrl_c_just_after_the_first_output_is_renamed_still_replaces_them_all(small_graph, tmp_path, monkeypatch):
    import os
    import signal

    from kg.export import OutputsInterrupted, write_graphs

    _earlier_outputs(tmp_path)
    real_replace = os.replace
    renamed: list[str] = []

    def replace_then_ctrl_c(src, dst):
        real_replace(src, dst)
        if os.path.basename(dst) not in OUTPUT_NAMES:
            return  # a writer putting its own temporary file in place
        renamed.append(os.path.basename(dst))
        if len(renamed) == 1:
            os.kill(os.getpid(), signal.SIGINT)  # the user presses Ctrl-C right after the first rename

    monkeypatch.setattr(os, "replace", replace_then_ctrl_c)
    with pytest.raises(OutputsInterrupted) as caught:
        write_graphs(small_graph, [str(tmp_path / n) for n in OUTPUT_NAMES])
    assert renamed == list(OUTPUT_NAMES)
    assert [os.path.basename(p) for p in caught.value.replaced] == list(OUTPUT_NAMES)
    assert all((tmp_path / n).read_text(encoding="utf-8") != "EARLIER" for n in OUTPUT_NAMES)  # all new
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(OUTPUT_NAMES)  # no temporary file left


def test_ctrl_c_while_outputs_are_written_replaces_none(small_graph, tmp_path, monkeypatch):
    import kg.export as export

    _earlier_outputs(tmp_path)
    real = export.write_graph
    written: list[str] = []

    def write_then_ctrl_c(graph, path, **options):
        real(graph, path, **options)
        written.append(path)
        if len(written) == 3:
            raise KeyboardInterrupt

    monkeypatch.setattr(export, "write_graph", write_then_ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        export.write_graphs(small_graph, [str(tmp_path / n) for n in OUTPUT_NAMES])
    assert all((tmp_path / n).read_text() == "EARLIER" for n in OUTPUT_NAMES)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(OUTPUT_NAMES)


def test_ctrl_c_while_the_outputs_are_counted_replaces_none(small_graph, tmp_path, monkeypatch):
    # Counting what each file holds once took place after the renames: Ctrl-C there left all outputs new
    # while the CLI said "no output was written".
    import kg.export as export

    _earlier_outputs(tmp_path)

    def ctrl_c(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(export, "counts_of", ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        export.write_graphs(small_graph, [str(tmp_path / n) for n in OUTPUT_NAMES])
    assert all((tmp_path / n).read_text() == "EARLIER" for n in OUTPUT_NAMES)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(OUTPUT_NAMES)


def test_a_full_disk_names_the_output_not_its_temporary_file_and_replaces_none(small_graph, tmp_path, monkeypatch):
    import os

    from kg.export import write_graphs

    _earlier_outputs(tmp_path)

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError) as caught:
        write_graphs(small_graph, [str(tmp_path / n) for n in OUTPUT_NAMES])
    assert str(caught.value).startswith(f"cannot write '{tmp_path / OUTPUT_NAMES[0]}': No space left on device; free space")
    assert ".kg-" not in str(caught.value) and "no output was replaced" in str(caught.value)
    assert all((tmp_path / n).read_text() == "EARLIER" for n in OUTPUT_NAMES)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(OUTPUT_NAMES)


def test_an_output_under_a_broken_folder_link_is_refused_by_name(tmp_path):
    import os

    from kg.export import check_outputs

    os.symlink("loop", tmp_path / "loop")
    os.symlink("nowhere", tmp_path / "gone")
    for folder in ("loop", "gone"):
        with pytest.raises(OutputError, match=f"'{tmp_path / folder}' is a broken symbolic link"):
            check_outputs([str(tmp_path / folder / "sub" / "g.html")])


def test_an_output_path_that_is_a_fifo_is_refused(tmp_path):
    import os

    from kg.export import check_outputs

    os.mkfifo(tmp_path / "g.html")
    with pytest.raises(OutputError, match="is a pipe or device, not a file"):
        check_outputs([str(tmp_path / "g.html")])


def test_an_output_name_as_long_as_the_system_allows_is_written(small_graph, tmp_path):
    from kg.export import check_outputs, write_graphs

    names = ["g" * 250 + ".html", "g" * 250 + ".json"]  # 255 bytes: a temporary name built on it would not fit
    check_outputs([str(tmp_path / n) for n in names])
    write_graphs(small_graph, [str(tmp_path / n) for n in names])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)


def test_an_output_name_too_long_is_refused_before_any_work_and_a_graph_name_too_long_is_no_internal_error(tmp_path):
    from kg.export import check_outputs

    with pytest.raises(OutputError, match="is too long"):
        check_outputs([str(tmp_path / ("g" * 256 + ".html"))])
    with pytest.raises(InputError, match="File name too long"):
        read_graph(tmp_path / ("g" * 300 + ".graphml"))


def test_a_failed_rename_says_exactly_which_outputs_were_replaced(small_graph, tmp_path, monkeypatch):
    import os

    from kg.export import write_graphs

    _earlier_outputs(tmp_path)
    real_replace = os.replace

    def full_disk_on_the_third(src, dst):
        if os.path.basename(dst) == "g.json":
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", full_disk_on_the_third)
    with pytest.raises(OutputError) as caught:
        write_graphs(small_graph, [str(tmp_path / n) for n in OUTPUT_NAMES])
    message = str(caught.value)
    assert "No space left on device" in message
    assert f"replaced: '{tmp_path / 'g.html'}', '{tmp_path / 'g.graphml'}'" in message
    assert f"left as they were: '{tmp_path / 'g.json'}', '{tmp_path / 'g.gexf'}'" in message
    assert (tmp_path / "g.json").read_text() == "EARLIER" and (tmp_path / "g.html").read_text() != "EARLIER"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(OUTPUT_NAMES)


def test_each_written_file_says_what_it_holds(small_graph, tmp_path):
    from kg.export import write_graphs

    written = {Path(w.path).suffix: (w.nodes, w.edges) for w in write_graphs(small_graph, [str(tmp_path / n) for n in OUTPUT_NAMES])}
    pairs = len({(u, v) for u, v in small_graph.edges()})
    assert pairs < small_graph.number_of_edges()  # the fixture has two relations between one pair
    assert written[".graphml"] == (small_graph.number_of_nodes(), pairs)
    assert (tmp_path / "g.graphml").read_text().count("<edge ") == pairs
    assert written[".gexf"] == (small_graph.number_of_nodes(), pairs)
    assert written[".json"] == (small_graph.number_of_nodes(), small_graph.number_of_edges())
    assert len(json.loads((tmp_path / "g.json").read_text())["edges"]) == small_graph.number_of_edges()
    html = (tmp_path / "g.html").read_text()
    assert f"{written['.html'][0]} nodes · {written['.html'][1]} edges" in html


def test_every_html_page_carries_the_mark_the_reader_knows():
    from kg.export.html import render_html
    from kg.marks import HTML_GENERATOR_META, own_file_kind

    page = render_html(nx.MultiDiGraph(), title="t")
    assert HTML_GENERATOR_META in page and own_file_kind(page.encode()) == "a graph page written by kg"
