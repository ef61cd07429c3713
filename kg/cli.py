"""Command line: a thin Typer layer over the library (kg.pipeline, kg.export)."""
from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path
from enum import Enum
from typing import Annotated, Optional

import typer

from kg.errors import KgError

app = typer.Typer(
    help=(
        "Build a knowledge graph (people, places, organisations, events and how they relate) from news articles.\n\n"
        "Example:  kg build seeds/ -o output/graph.html -o output/graph.graphml"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DEFAULT_OUTPUTS = ("output/graph.html", "output/graph.graphml")


class Period(str, Enum):
    day = "day"
    week = "week"
    month = "month"


@app.callback()
def _root() -> None:
    """Commands: build (articles -> graph files)."""


def _say(message: str) -> None:
    typer.echo(message, err=True)


@app.command(
    help=(
        "Read articles and write the graph.\n\n"
        "INPUT is a file (.txt .md .html .json .jsonl), a folder (read recursively), a glob, or - for stdin.\n\n"
        "Examples:\n\n"
        "  kg build seeds/                       (writes output/graph.html and output/graph.graphml)\n\n"
        "  kg build 'news/*.jsonl' -o out/ukraine.html -o out/ukraine.gexf --workers 2"
    ),
)
def build(
    inputs: Annotated[list[str], typer.Argument(metavar="INPUT...", help="Article files, folders, globs, or - for stdin.", show_default=False)],
    output: Annotated[
        Optional[list[str]],
        typer.Option("--output", "-o", help="Output file; repeat for several. Format from the extension: .html .graphml .gexf .json. Default: output/graph.html and output/graph.graphml."),
    ] = None,
    model: Annotated[str, typer.Option(help="Installed spaCy pipeline to use, e.g. en_core_web_sm, en_core_web_md, en_core_web_trf.")] = "en_core_web_sm",
    workers: Annotated[Optional[int], typer.Option(min=1, show_default=False, help="Processes that parse articles in parallel. Default: the cores, up to 4 (1 below 20 articles to parse).")] = None,
    cache: Annotated[Optional[Path], typer.Option(help="Extraction cache (SQLite): articles parsed before are not parsed again. Default: .kg-cache.sqlite beside the first output.", show_default=False)] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Parse every article; neither read nor write the cache.")] = False,
    dask: Annotated[Optional[str], typer.Option(metavar="SCHEDULER", help="Parse on a running Dask cluster, e.g. tcp://host:8786 (workers need kg and the model installed).", show_default=False)] = None,
    cooccurrence: Annotated[bool, typer.Option("--cooccurrence/--no-cooccurrence", help="Also write 'co-occurs with' edges between entities named in one sentence.")] = True,
    strict: Annotated[bool, typer.Option(help="Fail (exit 1) on the first unreadable article instead of skipping it.")] = False,
    html_max_nodes: Annotated[int, typer.Option(min=1, help="The HTML page shows at most this many nodes (the most mentioned and connected) and says how many it left out; GraphML, GEXF and JSON always keep everything.")] = 400,
    title: Annotated[Optional[str], typer.Option(help="Title of the HTML page. Default: the first INPUT's name.", show_default=False)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary; errors are still printed.")] = False,
    aliases: Annotated[Optional[Path], typer.Option(metavar="FILE", help="Aliases file (.yaml or .csv) forcing merges ('Sir Keir' = 'Keir Starmer') and separations; it wins over automatic decisions.", show_default=False)] = None,
    timings: Annotated[bool, typer.Option("--timings", help="Print the seconds each step took (reading and extraction, resolution, relations, events, graph, each output) on stderr.")] = False,
) -> None:
    from kg.aliases import load_aliases
    from kg.export import check_outputs, write_graph
    from kg.pipeline import build as run_build

    from kg.ingest import discover

    outputs = list(output or DEFAULT_OUTPUTS)
    check_outputs(outputs)
    alias_rules = load_aliases(aliases) if aliases else None  # a malformed file fails before parsing
    files = discover(inputs)  # a missing input fails here, before the model loads
    # One article per file unless a file holds records (JSON/JSONL, stdin): then the total is unknown.
    multi = any(f == "-" or f.lower().endswith((".json", ".jsonl")) for f in files)
    bar = _progress_bar(quiet, None if multi else len(files))

    def on_skip(item) -> None:  # noqa: ANN001 - kg.ingest.Skip
        _say(f"Skipped {item.item}: {item.reason}")

    try:
        result = run_build(
            files,  # already discovered: the folders are not walked a second time
            model=model,
            workers=workers,
            cache=None if no_cache else (cache or Path(outputs[0]).parent / ".kg-cache.sqlite"),
            dask=dask,
            cooccurrence=cooccurrence,
            strict=strict,
            on_skip=on_skip,
            on_article=(lambda _: bar.update(1)) if bar else None,
            aliases=alias_rules,
        )
    finally:
        if bar:
            bar.close()
    if result.report.articles == 0:
        raise KgError("no article could be read from the inputs; see the skipped files above")
    for path in outputs:
        started, started_cpu = time.perf_counter(), time.process_time()
        write_graph(result.graph, path, title=title or _title_of(inputs), max_nodes=html_max_nodes)
        result.report.phases[f"write {Path(path).name}"] = time.perf_counter() - started
        result.report.cpu_phases[f"write {Path(path).name}"] = time.process_time() - started_cpu
    if timings:
        cpu = result.report.cpu_phases
        _say("kg: timings: " + ", ".join(f"{name} {seconds:.3f} s (cpu {cpu.get(name, 0.0):.3f} s)"
                                         for name, seconds in result.report.phases.items()))
    if not quiet:
        r = result.report
        skipped = f", {len(r.skipped)} skipped" if r.skipped else ""
        cached = f" ({r.cached} from the cache)" if r.cached else ""
        _say(
            f"kg: {r.articles} articles{cached}{skipped}, {r.entities} entities, {r.edges} edges "
            f"in {r.seconds:.1f} s -> {', '.join(outputs)}"
        )


@app.command(
    help=(
        "Show one entity of a built graph: label, type, aliases, mention and article counts, titles, and its "
        "edges with evidence, so you can see why names were merged.\n\n"
        "NAME matches a label or alias (any case), else a unique part of one.\n\n"
        "Examples:  kg show output/graph.graphml Starmer      kg show output/graph.graphml --list"
    ),
)
def show(
    graph_file: Annotated[str, typer.Argument(metavar="GRAPH", help="A graph written by kg build (.graphml or .json).")],
    name: Annotated[Optional[str], typer.Argument(metavar="NAME", help="Label or alias of the entity.", show_default=False)] = None,
    list_all: Annotated[bool, typer.Option("--list", help="List every entity, most mentioned first.")] = False,
) -> None:
    from kg.export import read_graph
    from kg.show import list_entities, show as show_entity

    graph = read_graph(graph_file)
    if list_all or not name:
        lines = list_entities(graph)
    else:
        lines = show_entity(graph, name, graph_file)
    for line in lines:
        typer.echo(line)


@app.command(
    help=(
        "The story in order: the dated events of a built graph (with place and participants), then who enters "
        "the story when (each entity on the date of the first dated article that mentions it).\n\n"
        "Example:  kg timeline output/graph.graphml --by week --top 8"
    ),
)
def timeline(
    graph_file: Annotated[str, typer.Argument(metavar="GRAPH", help="A graph written by kg build (.graphml or .json).")],
    undated: Annotated[bool, typer.Option("--undated/--no-undated", help="Also list events with no known date, after the dated ones.")] = True,
    events: Annotated[bool, typer.Option("--events/--no-events", help="List the events.")] = True,
    entrances: Annotated[bool, typer.Option("--entrances/--no-entrances", help="List who enters the story when (first appearances).")] = True,
    by: Annotated[Period, typer.Option(help="Group first appearances by day, week (from Monday) or month.")] = Period.day,
    top: Annotated[int, typer.Option(min=1, help="At most this many entities per period, the most mentioned first.")] = 5,
    min_mentions: Annotated[int, typer.Option(min=1, help="Leave out entities with fewer mentions.")] = 1,
) -> None:
    from kg.export import read_graph
    from kg.timeline import timeline_lines

    lines, notes = timeline_lines(read_graph(graph_file), events=events, undated=undated, entrances=entrances,
                                  by=by.value, top=top, min_mentions=min_mentions)
    for line in lines:
        typer.echo(line)
    for note in notes:
        _say(f"{graph_file}: {note}")


def _title_of(inputs: list[str]) -> str:
    first = Path(inputs[0]).name or inputs[0] if inputs and inputs[0] != "-" else "stdin"
    more = f" and {len(inputs) - 1} more" if len(inputs) > 1 else ""
    return f"kg: {first}{more}"


def _progress_bar(quiet: bool, total: int | None):  # noqa: ANN202 - tqdm or None
    if quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit=" articles", file=sys.stderr, leave=False, dynamic_ncols=True)


def main() -> None:
    """Console entry point: KgError becomes 'Error: ...' and exit 1; Ctrl-C exits 130 with no partial output."""
    # `kill` (SIGTERM) stops a build like Ctrl-C does: workers stopped, no partial output.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        code = app(standalone_mode=False)
        # Without standalone mode typer returns exit codes instead of raising; Ctrl-C comes back as 130.
        if code == 130:
            raise KeyboardInterrupt
        if isinstance(code, int) and code:
            sys.exit(code)
    except KgError as exc:
        _say(f"Error: {exc}")
        sys.exit(1)
    except KeyboardInterrupt:
        _say("Interrupted: no output was written (earlier outputs are unchanged).")
        sys.exit(130)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        _say("Aborted.")
        sys.exit(130)
    except Exception as exc:  # click usage errors come here with standalone_mode=False
        import click

        # Typer 0.29 carries its own copy of click: its usage errors are TyperExceptions, not click's.
        if isinstance(exc, click.exceptions.ClickException | typer.exceptions.TyperException) and hasattr(exc, "show"):
            exc.show()
            sys.exit(exc.exit_code)
        if os.environ.get("KG_DEBUG"):
            raise
        # A bug in kg, not in the input: still one line, with a way to get the details.
        _say(f"Error: internal error ({type(exc).__name__}: {exc}); rerun with KG_DEBUG=1 for the traceback and report it")
        sys.exit(1)


if __name__ == "__main__":
    main()
