"""The HTML view in a real headless Chromium: draws offline, escapes article text, finds, filters, explains."""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest

from kg.export.html import DEFAULT_MAX_NODES, write_html
from kg.style import color_of

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "output"
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = "</script><script>alert(1)</script>"


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        message = "Chromium not installed: apt-get install -y chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Opened:
    page: object
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture
def open_page(browser):
    """Open an HTML file offline; record any request that leaves file://, errors and alert() dialogs."""
    contexts = []

    def _open(path: Path) -> Opened:
        context = browser.new_context(viewport={"width": 1400, "height": 850})
        contexts.append(context)
        page = context.new_page()
        opened = Opened(page)

        def route(r):
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                opened.requests.append(r.request.url)
                r.abort()

        def dialog(d):
            opened.dialogs.append(d.message)
            d.dismiss()

        page.route("**/*", route)
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: opened.errors.append(str(e)))
        page.on("dialog", dialog)
        page.goto(path.resolve().as_uri())
        page.wait_for_function("window.kgReady === true", timeout=30_000)
        return opened

    yield _open
    for context in contexts:
        context.close()


def add_node(g: nx.MultiDiGraph, node: str, label: str, type_: str, mentions: int = 1, **attrs) -> None:
    g.add_node(node, label=label, type=type_, mentions=mentions, articles=1, sources="bbc/1.txt",
               color=color_of(type_), **attrs)


def add_edge(g: nx.MultiDiGraph, u: str, v: str, relation: str, kind: str, eid: str, evidence: str,
             weight: float = 1.0, more: str = "") -> None:
    lines = f"bbc/1.txt\t{evidence}" + (f"\nbbc/2.txt\t{more}" if more else "")
    g.add_edge(u, v, key=eid, id=eid, relation=relation, label=relation, kind=kind, weight=weight, negated=0,
               evidence=evidence, evidence_source="bbc/1.txt", evidence_count=2 if more else 1,
               evidence_all=lines, sources="bbc/1.txt")


@pytest.fixture
def news_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    add_node(g, "person:emmanuel-macron", "Emmanuel Macron", "PERSON", 9,
             aliases=f"Macron | {XSS_IMG}", titles="president")
    add_node(g, "gpe:france", "France", "GPE", 12)
    add_node(g, "person:keir-starmer", "Keir Starmer", "PERSON", 8, aliases="Starmer")
    add_node(g, "gpe:united-kingdom", "United Kingdom", "GPE", 10, aliases="UK | Britain")
    add_node(g, "org:nato", "NATO", "ORG", 4)
    add_node(g, "event:meeting-paris-2025-02-17", "Meeting in Paris (2025-02-17)", "EVENT", 3,
             event_type="meeting", date="2025-02-17", date_text="Monday")
    add_edge(g, "person:emmanuel-macron", "gpe:france", "president of", "role", "e-role1",
             "French President Emmanuel Macron said so.", 2.0, more=f"Macron spoke {XSS_SCRIPT} later.")
    add_edge(g, "person:keir-starmer", "gpe:united-kingdom", "prime minister of", "role", "e-role2",
             "UK Prime Minister Keir Starmer arrived.")
    add_edge(g, "person:emmanuel-macron", "event:meeting-paris-2025-02-17", "hosts", "event", "e-event1",
             "Macron hosted the meeting in Paris.")
    add_edge(g, "person:keir-starmer", "event:meeting-paris-2025-02-17", "attends", "event", "e-event2",
             f"Starmer attended {XSS_IMG} the talks.")
    add_edge(g, "gpe:france", "org:nato", "member of", "action", "e-action1", "France is in NATO.")
    add_edge(g, "gpe:france", "gpe:united-kingdom", "co-occurs with", "co-occurrence", "e-cooc1",
             "France and the UK agreed.", 3.0)
    return g


def visible_nodes(page) -> int:
    return page.evaluate("kgNetwork.body.data.nodes.get({filter: n => !n.hidden}).length")


def assert_clean(opened: Opened) -> None:
    assert opened.requests == [], "the page tried to fetch something"
    assert opened.errors == []
    assert opened.dialogs == [], "article text ran as script"


def test_draws_offline_without_errors(open_page, news_graph, tmp_path):
    path = tmp_path / "g.html"
    write_html(news_graph, path, title="Test graph")
    opened = open_page(path)
    page = opened.page
    assert page.evaluate("kgNetwork.body.data.nodes.length") == 6
    # Co-occurrence is off by default when other kinds exist.
    assert page.evaluate("kgNetwork.body.data.edges.get({filter: e => !e.hidden}).length") == 5
    assert not page.is_checked('[data-kind="co-occurrence"]')
    assert page.is_checked('[data-kind="role"]')
    legend = page.inner_text("#kg-legend")
    assert "Person" in legend and "Country / city" in legend and "Event" in legend
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "screenshot-test.png"))
    assert_clean(opened)


def test_hostile_article_text_shows_as_text(open_page, news_graph, tmp_path):
    path = tmp_path / "g.html"
    write_html(news_graph, path, title=XSS_SCRIPT)
    opened = open_page(path)
    page = opened.page
    page.evaluate("kg.selectNode('person:emmanuel-macron')")
    panel = page.inner_text("#kg-panel")
    assert XSS_IMG in panel
    page.evaluate("kg.selectEdge('e-role1')")
    assert XSS_SCRIPT in page.inner_text("#kg-panel")
    page.evaluate("kg.selectNode('person:keir-starmer')")
    assert f"Starmer attended {XSS_IMG} the talks." in page.inner_text("#kg-panel")
    assert page.locator("#kg-panel img").count() == 0
    assert page.locator("script").count() == 3
    assert page.title() == XSS_SCRIPT
    # Hover tooltips are plain text too.
    assert XSS_IMG in page.evaluate("kgNetwork.body.data.nodes.get('person:emmanuel-macron').title")
    page.wait_for_timeout(200)
    assert_clean(opened)


def test_search_by_alias_selects_and_highlights(open_page, news_graph, tmp_path):
    path = tmp_path / "g.html"
    write_html(news_graph, path)
    opened = open_page(path)
    page = opened.page
    options = page.eval_on_selector_all("#kg-suggestions option", "os => os.map(o => o.value)")
    assert "Britain" in options and "Emmanuel Macron" in options and XSS_IMG in options
    page.fill("#kg-search", "britain")
    page.press("#kg-search", "Enter")
    page.wait_for_function("window.kgSelected !== null")
    assert page.evaluate("window.kgSelected") == "gpe:united-kingdom"
    assert page.evaluate("kgNetwork.getSelectedNodes()") == ["gpe:united-kingdom"]
    # The node and its drawn neighbours stay lit; the rest is dimmed.
    assert page.evaluate("window.kgFocus") == ["gpe:united-kingdom", "person:keir-starmer"]
    assert "United Kingdom" in page.inner_text("#kg-panel h2")
    page.fill("#kg-search", "nobody at all")
    page.press("#kg-search", "Enter")
    assert page.inner_text("#kg-search-status") == "not found"
    page.keyboard.press("Escape")
    assert page.evaluate("window.kgSelected") is None
    assert page.evaluate("window.kgFocus") is None
    assert page.is_hidden("#kg-panel")
    assert_clean(opened)


def test_filters_hide_types_kinds_and_light_edges(open_page, news_graph, tmp_path):
    path = tmp_path / "g.html"
    write_html(news_graph, path)
    opened = open_page(path)
    page = opened.page
    page.uncheck('[data-type="PERSON"]')
    assert visible_nodes(page) == 4
    assert page.evaluate("kgNetwork.body.data.nodes.get('person:keir-starmer').hidden") is True
    # Edges of hidden nodes go too: only France -> NATO is left.
    assert page.evaluate("kg.visibleEdgeCount()") == 1
    page.check('[data-type="PERSON"]')
    assert visible_nodes(page) == 6
    page.check('[data-kind="co-occurrence"]')
    assert page.evaluate("kg.visibleEdgeCount()") == 6
    page.uncheck('[data-kind="role"]')
    assert page.evaluate("kg.visibleEdgeCount()") == 4
    page.eval_on_selector("#kg-min-weight", "s => { s.value = '3'; s.dispatchEvent(new Event('input')); }")
    assert page.evaluate("kg.visibleEdgeCount()") == 1  # only the weight-3 co-occurrence edge
    assert page.inner_text("#kg-min-weight-value") == "3"
    assert_clean(opened)


def test_clicking_a_node_opens_its_panel_with_evidence(open_page, news_graph, tmp_path):
    path = tmp_path / "g.html"
    write_html(news_graph, path)
    opened = open_page(path)
    page = opened.page
    point = page.evaluate("""() => {
        const p = kgNetwork.canvasToDOM(kgNetwork.getPosition('person:emmanuel-macron'));
        const r = document.querySelector('#kg-graph canvas').getBoundingClientRect();
        return {x: r.left + p.x, y: r.top + p.y};
    }""")
    page.mouse.click(point["x"], point["y"])
    page.wait_for_function("window.kgSelected === 'person:emmanuel-macron'")
    panel = page.inner_text("#kg-panel")
    assert "Emmanuel Macron" in panel and "Person" in panel and "president" in panel
    assert "French President Emmanuel Macron said so." in panel
    assert "bbc/1.txt" in panel
    assert "Role (1)" in panel and "Event (1)" in panel
    # From the panel, a relation's other node is one click away; the edge shows all its evidence.
    page.click("#kg-panel li[data-edge='e-role1'] button.kg-link:has-text('all 2 sentences')")
    assert page.evaluate("window.kgSelectedEdge") == "e-role1"
    panel = page.inner_text("#kg-panel")
    assert "French President Emmanuel Macron said so." in panel and "bbc/2.txt" in panel
    page.click("#kg-panel button.kg-link:has-text('France')")
    assert page.evaluate("window.kgSelected") == "gpe:france"
    page.evaluate("kg.selectNode('event:meeting-paris-2025-02-17')")
    panel = page.inner_text("#kg-panel")
    assert "meeting" in panel and "2025-02-17" in panel and "Monday" in panel
    assert_clean(opened)


def test_big_graph_shows_how_many_nodes_are_not_shown(open_page, tmp_path):
    g = nx.MultiDiGraph()
    for i in range(60):
        add_node(g, f"person:p-{i:02d}", f"Person {i}", "PERSON", mentions=i + 1)
    for i in range(59):
        add_edge(g, f"person:p-{i:02d}", f"person:p-{i + 1:02d}", "meets", "action", f"e-{i}", "They met.")
    path = tmp_path / "big.html"
    write_html(g, path, max_nodes=25)
    opened = open_page(path)
    page = opened.page
    assert page.evaluate("kgNetwork.body.data.nodes.length") == 25
    assert page.is_visible("#kg-notice")
    assert "35 nodes not shown (of 60)" in page.inner_text("#kg-notice")
    assert_clean(opened)


def test_empty_graph_page(open_page, tmp_path):
    path = tmp_path / "empty.html"
    write_html(nx.MultiDiGraph(), path)
    opened = open_page(path)
    assert opened.page.evaluate("kgNetwork.body.data.nodes.length") == 0
    assert "The graph is empty" in opened.page.inner_text("#kg-notice")
    assert_clean(opened)


def test_seeds_graph_end_to_end(open_page, seeds_dir, tmp_path):
    from kg import build_graph

    graph = build_graph([str(seeds_dir)])
    assert graph.number_of_nodes() > 10
    path = tmp_path / "seeds.html"
    write_html(graph, path, title="seeds")
    opened = open_page(path)
    page = opened.page
    assert page.evaluate("kgNetwork.body.data.nodes.length") == min(graph.number_of_nodes(), DEFAULT_MAX_NODES)
    page.wait_for_timeout(300)
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "seeds-graph.png"))
    # The most mentioned node can be found by its label and explained.
    top = max(graph.nodes, key=lambda n: (graph.nodes[n].get("mentions", 0), n))
    page.fill("#kg-search", graph.nodes[top]["label"])
    page.press("#kg-search", "Enter")
    page.wait_for_function("window.kgSelected !== null")
    assert page.evaluate("window.kgSelected") == top
    page.wait_for_timeout(600)
    page.screenshot(path=str(OUTPUT / "seeds-graph-selected.png"))
    assert_clean(opened)


def test_search_prefers_the_most_mentioned_entity_of_that_name(open_page, tmp_path):
    g = nx.MultiDiGraph()
    add_node(g, "person:blair", "Blair", "PERSON", mentions=3, aliases="Blair")
    add_node(g, "person:tony-blair", "Tony Blair", "PERSON", mentions=500, aliases="Blair | Mr Blair | Tony Blair")
    path = tmp_path / "g.html"
    write_html(g, path)
    opened = open_page(path)
    page = opened.page
    page.fill("#kg-search", "blair")
    page.press("#kg-search", "Enter")
    page.wait_for_function("window.kgSelected !== null")
    assert page.evaluate("window.kgSelected") == "person:tony-blair"
    assert_clean(opened)
