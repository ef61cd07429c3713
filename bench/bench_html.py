"""How fast the HTML view of a big graph renders and becomes interactive (target: under 5 s).

Builds a random graph of 2,000 nodes and 10,000 edges that follows the graph contract
(fixed seed; dates over four months, communities and PageRank as kg.graph sets them), writes it
with max_nodes=2000, opens it in headless Chromium (Debian's /usr/bin/chromium through Playwright,
every non-file request blocked) and prints: render time in Python (layout included), file size,
page load, time until ``window.kgReady`` (the first drawing), the labels drawn at the opening zoom,
and the time a search selection, a time-slider change and the switch to community colours take.

    python bench/bench_html.py [--nodes 2000] [--edges 10000]
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.export.html import render_html, write_html  # noqa: E402
from kg.graph import LIST_SEP, add_structure_attributes  # noqa: E402
from kg.style import TYPE_COLORS, color_of  # noqa: E402

START = dt.date(2004, 11, 1)
DAYS = 120

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
KINDS = ["role", "event", "action", "statement", "co-occurrence", "co-occurrence"]


def random_graph(n_nodes: int, n_edges: int, seed: int = 7) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    types = list(TYPE_COLORS)
    ids = []
    for i in range(n_nodes):
        t = rng.choice(types)
        node = f"{t.lower()}:entity-{i:05d}"
        ids.append(node)
        mentions = int(rng.paretovariate(1.2))
        graph.add_node(node, label=f"Entity {i}", type=t, mentions=mentions, articles=max(1, mentions // 2),
                       aliases=f"E{i} | Alias {i}", sources="bbc/001.txt | bbc/002.txt", color=color_of(t),
                       **_seen(rng, min(mentions, 8)))
    # Preferential attachment flavour: some hubs, many leaves, like news graphs.
    weights = [graph.nodes[n]["mentions"] for n in ids]
    for j in range(n_edges):
        u, v = rng.choices(ids, weights=weights, k=2)
        if u == v:
            v = ids[(ids.index(u) + 1) % n_nodes]
        kind = rng.choice(KINDS)
        if kind == "co-occurrence" and u > v:
            u, v = v, u
        sentence = f"Entity {u} and entity {v} were mentioned together in sentence {j}."
        eid = f"e-{j:016x}"
        graph.add_edge(u, v, key=eid, id=eid, relation="co-occurs with" if kind == "co-occurrence" else "meets",
                       kind=kind, weight=float(1 + int(rng.paretovariate(2))), negated=0, evidence=sentence,
                       evidence_source="bbc/001.txt", evidence_count=1, evidence_all=f"bbc/001.txt\t{sentence}",
                       sources="bbc/001.txt", **_seen(rng, 1))
    add_structure_attributes(graph)
    graph.graph["article_dates"] = {f"bbc/{i:03d}.txt": (START + dt.timedelta(days=i % DAYS)).isoformat() for i in range(400)}
    return graph


def _seen(rng: random.Random, count: int) -> dict[str, str]:
    dates = sorted({(START + dt.timedelta(days=rng.randrange(DAYS))).isoformat() for _ in range(max(1, count))})
    return {"first_seen": dates[0], "last_seen": dates[-1], "seen_dates": LIST_SEP.join(dates)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--edges", type=int, default=10000)
    args = parser.parse_args()
    graph = random_graph(args.nodes, args.edges)
    t0 = time.perf_counter()
    render_html(graph, max_nodes=args.nodes)
    render_s = time.perf_counter() - t0
    print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
    print(f"render_html (layout included): {render_s:.2f} s")

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.html"
        write_html(graph, path, max_nodes=args.nodes)
        print(f"file size: {path.stat().st_size / 1e6:.2f} MB")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            blocked: list[str] = []
            errors: list[str] = []
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                       else (blocked.append(r.request.url), r.abort()))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            t0 = time.perf_counter()
            page.goto(path.as_uri())
            load_s = time.perf_counter() - t0
            page.wait_for_function("window.kgReady === true", timeout=120_000)
            ready_s = time.perf_counter() - t0
            in_page_ms = page.evaluate("window.kgReadyTime")
            drawn = page.evaluate("kgNetwork.body.data.nodes.length")
            t1 = time.perf_counter()
            page.fill("#kg-search", "Entity 0")
            page.press("#kg-search", "Enter")
            page.wait_for_function("window.kgSelected !== null")
            page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            select_s = time.perf_counter() - t1
            page.evaluate("kg.clearSelection()")
            labels = page.evaluate("kg.labels().length")
            frame_ms = page.evaluate("(() => { const t = performance.now(); kgNetwork.redraw(); return performance.now() - t; })()")
            t2 = time.perf_counter()
            page.evaluate("kg.setTime(30, 60)")
            page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            slider_s = time.perf_counter() - t2
            shown = page.evaluate("kg.visibleNodeCount()")
            t3 = time.perf_counter()
            page.evaluate("kg.setColorBy('community')")
            page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            colour_s = time.perf_counter() - t3
            browser.close()
    print(f"page load event: {load_s:.2f} s")
    print(f"interactive (window.kgReady, first drawing): {ready_s:.2f} s wall, {in_page_ms / 1000:.2f} s in page")
    print(f"search + select + highlight + redraw: {select_s:.2f} s")
    print(f"labels drawn at the opening zoom: {labels}; one full redraw: {frame_ms:.0f} ms")
    print(f"time slider to a 30-day window + redraw: {slider_s:.2f} s ({shown} nodes shown)")
    print(f"colour by community + redraw: {colour_s:.2f} s")
    print(f"nodes drawn: {drawn}; blocked requests: {len(blocked)}; page errors: {len(errors)}")
    print(f"target: interactive < 5 s -> {'OK' if ready_s < 5 else 'TOO SLOW'}")


if __name__ == "__main__":
    main()
