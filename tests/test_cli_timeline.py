"""`kg timeline GRAPH`: dated events in order, with place and participants."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kg.export import write_graph
from kg.graph import build_graph_from
from kg.model import Claim, Entity

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", "timeline", *args], capture_output=True, text=True, cwd=ROOT)


def sections(stdout: str) -> dict[str, list[str]]:
    """Section heading -> its lines (without the indent)."""
    out: dict[str, list[str]] = {}
    current = None
    for line in stdout.splitlines():
        if line.startswith("  "):
            out[current].append(line[2:])
        else:
            current = line
            out[current] = []
    return out


def _small_graph():
    entities = [
        Entity("person:a-b", "Anna Berg", "PERSON"), Entity("person:c-d", "Carl Dahl", "PERSON"),
        Entity("gpe:paris", "Paris", "GPE"), Entity("gpe:kyiv", "Kyiv", "GPE"),
        Entity("event:late", "Meeting in Paris (2025-02-17)", "EVENT", event_type="meeting", date="2025-02-17", articles=("x",)),
        Entity("event:early", "Visit to Kyiv", "EVENT", event_type="visit", date="2025-01", articles=("x",)),
        Entity("event:nodate", "Call: Berg – Dahl", "EVENT", event_type="call", articles=("x",)),
    ]
    claims = [
        Claim("person:a-b", "event:late", "attends", "event", "x", "s1"),
        Claim("person:c-d", "event:late", "convenes", "event", "x", "s1"),
        Claim("person:a-b", "event:late", "co-occurs with", "co-occurrence", "x", "s1"),  # parallel edge: GraphML merges
        Claim("event:late", "gpe:paris", "held in", "event", "x", "s1"),
        Claim("person:c-d", "event:early", "participates in", "event", "x", "s2"),
        Claim("event:early", "gpe:kyiv", "held in", "event", "x", "s2"),
        Claim("person:a-b", "event:nodate", "participates in", "event", "x", "s3"),
    ]
    return build_graph_from(entities, claims)


def test_timeline_orders_dated_events_and_lists_undated_after(tmp_path) -> None:
    for suffix in (".graphml", ".json"):
        path = tmp_path / f"g{suffix}"
        write_graph(_small_graph(), str(path))
        result = _run(str(path))
        assert result.returncode == 0, result.stderr
        assert list(sections(result.stdout)) == ["Events"]  # the articles carry no dates: nobody "enters"
        lines = sections(result.stdout)["Events"]
        assert [line.split()[0] for line in lines] == ["2025-01", "2025-02-17", "undated"]
        assert "no first appearances: the articles carry no dates" in result.stderr
        assert "Visit to Kyiv" in lines[0] and "Kyiv" in lines[0] and "Carl Dahl" in lines[0]
        assert "Paris" in lines[1] and "Anna Berg" in lines[1] and "Carl Dahl" in lines[1]


def test_timeline_can_omit_undated(tmp_path) -> None:
    path = tmp_path / "g.graphml"
    write_graph(_small_graph(), str(path))
    result = _run(str(path), "--no-undated")
    assert result.returncode == 0
    assert len(sections(result.stdout)["Events"]) == 2
    assert "1 undated" in result.stderr


def test_timeline_missing_file_is_one_line_error(tmp_path) -> None:
    result = _run(str(tmp_path / "none.graphml"))
    assert result.returncode == 1
    assert result.stderr.startswith("Error: ") and "Traceback" not in result.stderr


def test_timeline_on_seeds(seeds_graph, tmp_path) -> None:
    path = tmp_path / "graph.graphml"
    write_graph(seeds_graph, str(path))
    result = _run(str(path))
    assert result.returncode == 0, result.stderr
    lines = sections(result.stdout)["Events"]
    paris = next(i for i, line in enumerate(lines) if "Paris" in line and line.startswith("2025-02-17"))
    riyadh = next(i for i, line in enumerate(lines) if "Riyadh" in line and line.startswith("2025-02"))
    assert "Emmanuel Macron" in lines[paris] and "Olaf Scholz" in lines[paris]
    assert "Sergey Lavrov" in lines[riyadh]
    kyiv = [line for line in lines if "Kyiv" in line]
    assert kyiv and "Volodymyr Zelensky" in kyiv[0]
    # "2025-02" (month) sorts before "2025-02-17": the month-precise talks come first, both before undated ones.
    assert riyadh < paris < next(i for i, line in enumerate(lines) if line.startswith("undated"))


def test_seeds_timeline_dates_the_kyiv_visit_once_its_article_has_a_date(tmp_path) -> None:
    """Seed 004 carries no publication date, so its Kyiv meeting is undated; given one, it takes its place in order."""
    import shutil

    corpus = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", corpus)
    kyiv = corpus / "004_65df9e5d923d9b07.txt"
    kyiv.write_text("date 2025-01-16\n" + kyiv.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "graph.graphml"
    build = subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out), "-q", "--no-cache"],
                           capture_output=True, text=True, cwd=ROOT)
    assert build.returncode == 0, build.stderr
    lines = sections(_run(str(out)).stdout)["Events"]
    dated = [line for line in lines if not line.startswith("undated")]
    kyiv_line = next(i for i, line in enumerate(dated) if "Kyiv" in line and "Meeting" in line)
    paris_line = next(i for i, line in enumerate(dated) if "Meeting in Paris" in line)
    riyadh_line = next(i for i, line in enumerate(dated) if "Riyadh" in line or "Saudi Arabia" in line)
    assert dated[kyiv_line].startswith("2025-01")
    assert kyiv_line < paris_line and kyiv_line < riyadh_line
    assert "Keir Starmer" in dated[kyiv_line] and "Volodymyr Zelensky" in dated[kyiv_line]
    assert "Emmanuel Macron" in dated[paris_line]


def _dated_graph():
    dates = {"a.txt": "2005-01-03", "b.txt": "2005-01-05", "c.txt": "2005-02-14", "d.txt": ""}
    people = [("tony-blair", "Tony Blair", ("a.txt", "b.txt"), 50), ("gordon-brown", "Gordon Brown", ("a.txt",), 30),
              ("michael-howard", "Michael Howard", ("b.txt", "c.txt"), 40), ("liam-fox", "Liam Fox", ("c.txt",), 3),
              ("ruth-kelly", "Ruth Kelly", ("c.txt",), 1), ("nobody", "Undated Person", ("d.txt",), 9)]
    entities = [Entity(f"person:{i}", label, "PERSON", mentions=m, articles=arts) for i, label, arts, m in people]
    return build_graph_from(entities, [], dates)


def test_first_appearances_say_who_enters_the_story_when(tmp_path) -> None:
    path = tmp_path / "g.graphml"
    write_graph(_dated_graph(), str(path))
    result = _run(str(path))
    assert result.returncode == 0, result.stderr
    entered = sections(result.stdout)["First appearances (who enters the story when)"]
    assert entered == [
        "2005-01-03  Tony Blair (PERSON, 50), Gordon Brown (PERSON, 30)",
        "2005-01-05  Michael Howard (PERSON, 40)",  # first seen in b.txt
        "2005-02-14  Liam Fox (PERSON, 3), Ruth Kelly (PERSON, 1)",
    ]
    assert "Undated Person" not in result.stdout  # never given a date it does not have
    assert "no events" in result.stderr


def test_first_appearances_by_month_top_and_min_mentions(tmp_path) -> None:
    path = tmp_path / "g.json"
    write_graph(_dated_graph(), str(path))
    result = _run(str(path), "--by", "month", "--top", "1", "--no-events")
    assert result.returncode == 0, result.stderr
    assert sections(result.stdout)["First appearances (who enters the story when)"] == [
        "2005-01     Tony Blair (PERSON, 50) and 2 more",
        "2005-02     Liam Fox (PERSON, 3) and 1 more",
    ]
    assert "no events" not in result.stderr
    few = _run(str(path), "--min-mentions", "2", "--no-events", "--by", "week")
    assert "Ruth Kelly" not in few.stdout and "Liam Fox" in few.stdout
    assert "2005-01-03  Tony Blair" in few.stdout and "2005-01-03  Michael Howard" not in few.stdout  # one week
    week = sections(few.stdout)["First appearances (who enters the story when)"]
    assert week[0].startswith("2005-01-03  Tony Blair (PERSON, 50), Michael Howard (PERSON, 40), Gordon Brown")


def test_timeline_usage_mistakes_exit_2(tmp_path) -> None:
    path = tmp_path / "g.graphml"
    write_graph(_dated_graph(), str(path))
    for args in (["--by", "weekly"], ["--top", "0"]):
        result = _run(str(path), *args)
        assert result.returncode == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr and "Invalid value" in result.stderr
