"""The ``eval``, ``train`` and ``bench`` commands. Registered on the main CLI app by
``register``; everything heavy is imported inside the commands so ``newsbrief brief`` starts
as fast as before."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

DEFAULT_EVAL_WORDS = 230


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"newsbrief: error: {message}", err=True)
    raise typer.Exit(code)


def _need_eval_extra() -> None:
    try:
        import lexrank  # noqa: F401
        import rouge_score  # noqa: F401
        import sumy  # noqa: F401
    except ImportError as e:
        _fail(f"the eval extra is not installed ({e.name}): pip install 'newsbrief[eval]'")


def eval_command(
    data: Annotated[str, typer.Argument(
        help="JSONL (or .jsonl.gz) of stories: {\"id\", \"documents\", \"summary\"} or "
             "\"summaries\": [...].", show_default=False)],
    words: Annotated[int, typer.Option("--words", "-w", min=1, max=5000,
                                       help="Word budget for every system.")] = DEFAULT_EVAL_WORDS,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes.")] = 1,
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", min=1,
                                                 help="Only the first N stories.")] = None,
    systems: Annotated[str, typer.Option(
        "--systems", help="Comma-separated: newsbrief, lead, lexrank, textrank; also "
                          "newsbrief-greedy (newsbrief with --no-rerank).")]
    = "newsbrief,lead,lexrank,textrank",
    masks: Annotated[Optional[str], typer.Option(
        "--masks", help="Multi-News+ keep masks (default: *.cleansed_mask.jsonl.gz beside DATA).")]
    = None,
    report: Annotated[Optional[Path], typer.Option(
        "--report", help="Write the table into this Markdown file's summary-quality section.")]
    = None,
    json_out: Annotated[Optional[Path], typer.Option(
        "--json", help="Write the full results (per-story scores included) as JSON here.")] = None,
    memory: Annotated[bool, typer.Option(
        "--memory/--no-memory", help="Measure each system's peak memory in a fresh process.")]
    = True,
) -> None:
    """Score newsbrief and the reference systems (lead, LexRank, TextRank) with ROUGE."""
    _need_eval_extra()
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    from ..errors import NewsbriefError
    from .report import markdown, write_section
    from .run import evaluate

    console = Console(stderr=True)
    names = [s.strip() for s in systems.split(",") if s.strip()]
    with Progress(TextColumn("evaluating"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), TimeRemainingColumn(), console=console,
                  transient=True) as bar:
        task = bar.add_task("eval", total=limit)

        def progress(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        try:
            result = evaluate(data, words=words, limit=limit, jobs=jobs, systems=names,
                              masks=masks, memory=memory, keep_per_story=json_out is not None,
                              progress=progress)
        except NewsbriefError as e:
            _fail(str(e))
    typer.echo(markdown(result), nl=False)
    if report:
        write_section(report, result)
        console.print(f"table written to {report}", highlight=False)
    if json_out:
        payload = result.to_dict()
        payload["per_story"] = result.per_story
        json_out.write_text(json.dumps(payload, indent=1), encoding="utf-8")




def train_command(
    data: Annotated[str, typer.Argument(
        help="The Multi-News train split (JSONL, plain or gzipped); its "
             "*.cleansed_mask.jsonl.gz must sit beside it.", show_default=False)],
    stories: Annotated[int, typer.Option(
        "--stories", min=10,
        help="Fit on the first N train stories (the figure-pair model: on N stories after "
             "the first 10,000, which hold the hand-judged conflict samples).")] = 20_000,
    only: Annotated[str, typer.Option(
        "--only", help="all, screen, sentences, figures or rerank (the sentence and figure-pair "
                       "models are fitted on what the screen keeps: refit them after the screen; "
                       "the summary reranker on the sentence forest's rows: refit it after the "
                       "sentences).")]
    = "all",
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes.")] = 2,
    out_dir: Annotated[Optional[Path], typer.Option(
        "--out", help="Folder for the model files (default: the package's data folder).")]
    = None,
) -> None:
    """Refit the shipped screening, sentence-scoring, figure-pair and summary-reranking models
    from the train split."""
    try:
        import lightgbm  # noqa: F401
        import nltk  # noqa: F401
        import sklearn  # noqa: F401
    except ImportError as e:
        _fail(f"training needs the eval extra ({e.name} is missing): pip install 'newsbrief[eval]'")
    from .train import DATA_DIR, train

    if only not in ("all", "screen", "sentences", "figures", "rerank"):
        _fail("--only must be all, screen, sentences, figures or rerank", 2)
    if only in ("all", "figures"):
        from ..analyse import nlp

        if not nlp.available():
            _fail("the figure-pair model is fitted on what the statistical tagger reads: "
                  "pip install 'newsbrief[analysis]' (or --only screen / sentences)")
    if not Path(data).is_file():
        _fail(f"{data}: no such file")
    train(data, stories=stories, jobs=jobs, what=only, out_dir=out_dir or DATA_DIR,
          log=typer.echo)


def bench_command(
    story: Annotated[str, typer.Argument(help="A folder of articles (default: the example story).")]
    = "examples/syria-military-police-chief",
    repeat: Annotated[int, typer.Option("--repeat", min=1, help="Warm runs to time.")] = 20,
    words: Annotated[int, typer.Option("--words", "-w", min=1)] = 250,
) -> None:
    """Warm latency, CLI cold start and peak memory for one story (no analysis extra needed)."""
    from .bench import bench, format_bench

    typer.echo(format_bench(bench(story, repeat=repeat, words=words)))


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)
    app.command("train")(train_command)
    app.command("bench")(bench_command)
