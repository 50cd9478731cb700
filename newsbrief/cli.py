"""The ``newsbrief`` command. Translates arguments and prints results; holds no logic."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .errors import NewsbriefError
from .model import DEFAULT_WORDS

app = typer.Typer(
    name="newsbrief",
    help="Turn many news articles about one story into one short, attributed brief.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def fail(message: str, code: int = 1) -> None:
    """Print a one-line error and exit; never a traceback for input a user could give."""
    typer.echo(f"newsbrief: error: {message}", err=True)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsbrief {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version,
                                                    is_eager=True, help="Show the version.")] = None,
) -> None:
    pass


Words = Annotated[int, typer.Option("--words", "-w", min=1, max=5000,
                                    help="Word budget: the brief never exceeds it.")]
AllowPrivate = Annotated[bool, typer.Option(
    "--allow-private", help="Allow URLs on loopback, private and link-local addresses.")]
Analysis = Annotated[bool, typer.Option(
    "--analysis/--no-analysis",
    help="Cross-source analysis: entities, where the sources differ, support counts "
         "(loads spaCy when installed: about 2 s once per process).")]
Rerank = Annotated[bool, typer.Option(
    "--rerank/--no-rerank",
    help="Choose among whole candidate summaries with the shipped reranker (the default: "
         "closer to an editor's summary) or, with --no-rerank, keep the greedy "
         "sentence-by-sentence choice (faster, 0.36 ROUGE-1 lower on validation).")]


@app.command()
def brief(
    inputs: Annotated[list[str], typer.Argument(metavar="INPUT",
        help="Files, folders (files in name order), URLs, or - for standard input "
             "(one article, or a Multi-News line with ||||| separators).", show_default=False)],
    words: Words = DEFAULT_WORDS,
    fmt: Annotated[str, typer.Option("--format", "-f",
                                     help="text, markdown or json.")] = "text",
    explain: Annotated[bool, typer.Option(
        "--explain", help="Also show what was set aside and what boilerplate was removed.")]
    = False,
    output: Annotated[Optional[Path], typer.Option("--output", "-o",
                                                   help="Write to this file.")] = None,
    allow_private: AllowPrivate = False,
    analysis: Analysis = True,
    rerank: Rerank = True,
) -> None:
    """Brief one story from its articles."""
    from .ingest import read_inputs
    from .model import Options
    from .pipeline import summarize_story
    from .render import FORMATS, render

    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}", 2)
    try:
        story = read_inputs(inputs, stdin=sys.stdin, allow_private=allow_private)
        result = summarize_story(story, Options(words=words, analysis=analysis,
                                                       rerank=rerank))
    except NewsbriefError as e:
        fail(str(e))
    text = render(result, fmt, explain=explain)
    if output:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as e:
            fail(f"{output}: cannot write ({e.strerror or e})")
    else:
        typer.echo(text, nl=False)


@app.command()
def batch(
    source: Annotated[str, typer.Argument(
        help="JSONL (or .jsonl.gz) of stories, one per line: {\"id\", \"documents\": [...]} or "
             "{\"id\", \"articles\": [{\"text\"|\"html\"|\"url\", ...}]}; - for standard input.",
        show_default=False)],
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="Write briefs here (JSONL); default standard output.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes.")] = 1,
    words: Words = DEFAULT_WORDS,
    allow_private: AllowPrivate = False,
    analysis: Analysis = True,
    rerank: Rerank = True,
) -> None:
    """Brief many stories: one JSON brief per line, in input order, with a progress bar."""
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeRemainingColumn)

    from .batch import count_lines, run_batch
    from .model import Options

    console = Console(stderr=True)
    try:
        total = count_lines(source)
        out = open(output, "w", encoding="utf-8") if output else sys.stdout
    except NewsbriefError as e:
        fail(str(e))
    except OSError as e:
        fail(f"{output}: cannot write ({e.strerror or e})")
    with Progress(TextColumn("briefing"), BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), console=console, transient=True) as bar:
        task = bar.add_task("briefing", total=total)
        try:
            result = run_batch(source, out, Options(words=words, analysis=analysis,
                                                       rerank=rerank), jobs=jobs,
                               allow_private=allow_private,
                               progress=lambda: bar.advance(task))
        except NewsbriefError as e:
            fail(str(e))
        finally:
            if output:
                out.close()
    console.print(f"{result.briefs} briefs, {result.errors} errors"
                  + (f" -> {output}" if output else ""), highlight=False)
    if result.briefs == 0 and result.errors > 0:
        raise typer.Exit(1)


@app.command()
def serve(
    host: Annotated[Optional[str], typer.Option(
        help="Address to listen on (default 127.0.0.1; 0.0.0.0 for every interface). "
             "Env: NEWSBRIEF_HOST.", show_default=False)] = None,
    port: Annotated[Optional[int], typer.Option(
        help="Port (default 8000). Env: NEWSBRIEF_PORT.", show_default=False)] = None,
    workers: Annotated[Optional[int], typer.Option(
        min=1, help="Worker processes (default 1). Env: NEWSBRIEF_WORKERS.",
        show_default=False)] = None,
) -> None:
    """Serve the HTTP API (POST /v1/briefs) and the web page at /. Limits and other settings
    come from NEWSBRIEF_* environment variables (see the README)."""
    try:
        from .service import Settings, run  # lazy: keeps `newsbrief brief` start-up fast
    except ImportError as e:
        fail(f"the server needs its extra dependencies ({e.name} is missing): "
             "pip install 'newsbrief[serve]'")
    try:
        settings = Settings.from_env(host=host, port=port, workers=workers)
    except NewsbriefError as e:
        fail(str(e), 2)
    run(settings)


# eval, train and bench live with the evaluation code; their heavy imports stay inside them.
from .evaluate.commands import register as _register_eval  # noqa: E402

_register_eval(app)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("newsbrief: interrupted", err=True)
        sys.exit(130)
