"""Command line: a thin Typer layer over the library (kg.pipeline, kg.export)."""
from __future__ import annotations

import gc
import os
import signal
import sys
import time
from pathlib import Path
from enum import Enum
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer
from typer.core import TyperCommand

from kg.display import printable, quote
from kg.errors import KgError

if TYPE_CHECKING:
    from kg.export import Written
    from kg.pipeline import BuildReport

app = typer.Typer(
    help=(
        "Build a knowledge graph (people, places, organisations, events and how they relate) from news articles.\n\n"
        "Example:  kg build seeds/ -o output/graph.html -o output/graph.graphml"
    ),
    add_completion=False,
    pretty_exceptions_enable=False,
)

DEFAULT_OUTPUTS = ("output/graph.html", "output/graph.graphml")
# Skipped items of one kind named on stderr before the rest of that kind is only counted.
SKIPS_SHOWN_PER_KIND = 5


class _Command(TyperCommand):
    """A command whose every usage mistake prints the usage line: click raises "Option '-o' requires an
    argument" without the command's context, and so without that line."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except typer.TyperException as exc:  # typer's click keeps UsageError private; it is the one with .ctx
            if getattr(exc, "ctx", ...) is None:
                exc.ctx = ctx  # type: ignore[attr-defined]
                exc.cmd = ctx.command  # type: ignore[attr-defined]
            raise


class Period(str, Enum):
    day = "day"
    week = "week"
    month = "month"


def _version(value: bool) -> None:
    if value:
        from kg import __version__

        typer.echo(f"kg {__version__}")
        raise typer.Exit(0)


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", is_eager=True, callback=_version, help="Print kg's version and exit.")] = False,
) -> None:
    """Commands: build (articles -> graph files)."""
    if ctx.invoked_subcommand is None:  # `kg` alone: what it can do, not an error
        typer.echo(ctx.get_help())
        raise typer.Exit(0)


def _say(message: str) -> None:
    typer.echo(message, err=True)


class _SkipLog:
    """Names the first few skipped items of each kind on stderr; the rest of a kind is counted at the end."""

    def __init__(self, shown: int = SKIPS_SHOWN_PER_KIND) -> None:
        self.shown = shown
        self.counts: dict[str, int] = {}

    def __call__(self, item) -> None:  # noqa: ANN001 - kg.ingest.Skip
        seen = self.counts.get(item.kind, 0)
        self.counts[item.kind] = seen + 1
        if seen < self.shown:
            _say(f"Skipped {quote(item.item)}: {item.reason}")

    def finish(self) -> None:
        from kg.ingest.items import SKIP_KINDS

        for kind, count in self.counts.items():
            if count > self.shown:
                _say(f"Skipped {count - self.shown:,} more {SKIP_KINDS.get(kind, kind)} (not listed; {count:,} in all)")


@app.command(
    cls=_Command,
    help=(
        "Read articles and write the graph.\n\n"
        "INPUT is a file (.txt .md .html .json .jsonl), a folder (read recursively), a glob, or - for stdin.\n\n"
        "Examples:\n\n"
        "  kg build seeds/                       (writes output/graph.html and output/graph.graphml)\n\n"
        "  kg build 'news/*.jsonl' -o out/ukraine.html -o out/ukraine.gexf --workers 2"
    ),
)
def build(
    inputs: Annotated[list[str], typer.Argument(metavar="INPUT", help="Article files, folders, globs, or - for stdin.", show_default=False)],
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
    from kg.export import OutputsInterrupted, check_outputs, write_graphs
    from kg.ingest import check_not_input, discover
    from kg.pipeline import build as run_build

    outputs = list(dict.fromkeys(output or DEFAULT_OUTPUTS))
    check_outputs(outputs)
    alias_rules = None
    if aliases:  # a malformed file fails before parsing
        from kg.aliases import load_aliases

        alias_rules = load_aliases(aliases)
    cache_path = None if no_cache else (cache or Path(outputs[0]).parent / ".kg-cache.sqlite")
    _check_cache_is_no_output(cache_path, outputs)
    # One walk of the inputs (a missing input fails here, before the model loads); this run's outputs and
    # cache are left out of it, and none of them may be an input.
    found = discover(inputs, exclude=[*outputs, *([cache_path] if cache_path else [])])
    for path in outputs:
        check_not_input(found, path, "output")
    if cache_path is not None:
        check_not_input(found, cache_path, "cache")
    # One article per file unless a file holds records (JSON/JSONL, stdin): then the total is unknown.
    multi = any(f.path == "-" or f.path.lower().endswith((".json", ".jsonl")) for f in found.files)
    bar = _progress_bar(quiet, None if multi else len(found.files))
    skips = _SkipLog()
    try:
        result = run_build(
            found,  # already discovered: the folders are not walked a second time
            model=model,
            workers=workers,
            cache=cache_path,
            dask=dask,
            cooccurrence=cooccurrence,
            strict=strict,
            on_skip=skips,
            on_article=(lambda _: bar.update(1)) if bar else None,
            aliases=alias_rules,
        )
    finally:
        if bar:
            bar.close()
        skips.finish()
    if result.report.articles == 0:
        raise KgError("no article could be read from the inputs; see the skipped files above")
    started, started_cpu = time.perf_counter(), time.process_time()
    try:
        written = write_graphs(result.graph, outputs, title=title or _title_of(inputs), max_nodes=html_max_nodes)
    except OutputsInterrupted as exc:
        # Said here: past this point Typer turns every Ctrl-C into exit code 130, and main() would say "no output".
        _interrupted_after(exc.replaced)
    try:
        result.report.phases["write"] = time.perf_counter() - started
        result.report.cpu_phases["write"] = time.process_time() - started_cpu
        _summary(result.report, written, timings=timings, quiet=quiet)
    except KeyboardInterrupt:  # every output is in place: main()'s "no output was written" would be false
        _interrupted_after([w.path for w in written])


def _interrupted_after(replaced: list[str]) -> NoReturn:
    _say(f"Interrupted after every output was written ({', '.join(map(quote, replaced))}).")
    sys.exit(130)


def _summary(r: BuildReport, written: list[Written], *, timings: bool, quiet: bool) -> None:
    if timings:
        cpu = r.cpu_phases
        _say("kg: timings: " + ", ".join(f"{name} {seconds:.3f} s (cpu {cpu.get(name, 0.0):.3f} s)"
                                         for name, seconds in r.phases.items()))
    if not quiet:
        skipped = f", {r.skip_count:,} skipped" if r.skip_count else ""
        cached = f" ({r.cached} from the cache)" if r.cached else ""
        files = ", ".join(f"{printable(w.path)} ({w.nodes} nodes, {w.edges} edges)" for w in written)
        _say(f"kg: {r.articles} articles{cached}{skipped}, {r.entities} entities, {r.edges} relations "
             f"in {r.seconds:.1f} s -> {files}")


def _check_cache_is_no_output(cache: Path | None, outputs: list[str]) -> None:
    if cache is None:
        return
    for path in outputs:
        if os.path.realpath(cache) == os.path.realpath(path) or _same_file(cache, path):
            raise KgError(f"the cache {quote(cache)} is also an output ({quote(path)}); give --cache another path (or --no-cache)")


def _same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """One existing file under both names (a hard link too), which realpath cannot see."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # either is not there yet
        return False


@app.command(
    cls=_Command,
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
    cls=_Command,
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
        _say(f"{quote(graph_file)}: {note}")


def _title_of(inputs: list[str]) -> str:
    first = Path(inputs[0]).name or inputs[0] if inputs and inputs[0] != "-" else "stdin"
    more = f" and {len(inputs) - 1} more" if len(inputs) > 1 else ""
    return f"kg: {first}{more}"


def _progress_bar(quiet: bool, total: int | None):  # noqa: ANN202 - tqdm or None
    if quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit=" articles", file=sys.stderr, leave=False, dynamic_ncols=True)


def main(args: list[str] | None = None) -> None:
    """Console entry point: KgError becomes 'Error: ...' and exit 1, a usage mistake the usage line and exit 2,
    Ctrl-C exit 130 with a line saying which outputs (if any) were replaced."""
    # `kill` (SIGTERM) stops a build like Ctrl-C does: workers stopped, no partial output.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        code = app(args=args, standalone_mode=False)
        # Without standalone mode typer returns exit codes instead of raising; Ctrl-C comes back as 130.
        if code == 130:
            raise KeyboardInterrupt
        if isinstance(code, int) and code:
            sys.exit(code)
    except KgError as exc:
        _say(f"Error: {printable(str(exc))}")  # one line, whatever an OS or library message it carries
        sys.exit(1)
    except KeyboardInterrupt:
        _say("Interrupted: no output was written (earlier outputs are unchanged).")
        sys.exit(130)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        _say("Aborted.")
        sys.exit(130)
    except typer.TyperException as exc:  # Typer's own click: usage mistakes (exit 2) and the like
        show = getattr(exc, "show", None)
        if callable(show):
            show()  # "Usage: kg build [OPTIONS] ...", "Try 'kg build --help' for help.", "Error: ..."
        else:
            _say(f"Error: {exc.format_message()}")
        sys.exit(exc.exit_code)
    except Exception as exc:
        if os.environ.get("KG_DEBUG"):
            raise
        # A bug in kg, not in the input: still one line, with a way to get the details.
        _say(f"Error: internal error ({type(exc).__name__}: {printable(str(exc))}); rerun with KG_DEBUG=1 for the traceback and report it")
        sys.exit(1)


def run() -> None:
    """The program (``kg``, ``python -m kg``): :func:`main`, then an exit without Python's last cycle collection.

    Exiting, the interpreter runs the cycle collector over everything still alive (the spaCy model, every
    extraction, the graph): nearly a second of a cold build, a sixth of a cached one, to free memory the
    process is about to hand back whole. Frozen objects are left out of it. Exit handlers (logging, temporary
    files, worker pools) still run, and every output is written and closed before main returns.
    """
    try:
        main()
    finally:
        gc.freeze()


if __name__ == "__main__":
    main()
