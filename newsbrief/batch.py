"""Brief many stories from a JSONL file, one output line per input line, in input order.

A story that fails becomes ``{"id": ..., "error": "..."}`` and the batch goes on. With several
jobs, stories are briefed in worker processes; ``imap`` keeps the output order, so the output
is identical whatever the number of jobs.
"""

from __future__ import annotations

import json
import multiprocessing as mp
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from .errors import InputError, NewsbriefError
from .ingest import iter_jsonl, story_from_record
from .model import Options
from .pipeline import summarize_story


@dataclass(frozen=True)
class BatchResult:
    briefs: int
    errors: int


def brief_record(line_no: int, record: Any, options: Options,
                 allow_private: bool = False) -> dict[str, Any]:
    """One output object for one input record: the brief, or an error record."""
    default_id = f"line-{line_no}"
    story_id = (str(record.get("id")) if isinstance(record, dict) and record.get("id")
                else default_id)
    if isinstance(record, InputError):
        return {"id": default_id, "error": str(record)}
    try:
        story = story_from_record(record, default_id=default_id, allow_private=allow_private)
        return summarize_story(story, options).to_dict()
    except NewsbriefError as e:
        return {"id": story_id, "error": str(e)}
    except Exception as e:  # noqa: BLE001 - one bad story must not stop an archive run
        return {"id": story_id, "error": f"internal error: {type(e).__name__}: {e}"}


def _work(args: tuple[int, Any, Options, bool]) -> tuple[bool, str]:
    """(whether it failed, the output line)."""
    result = brief_record(*args)
    return "error" in result, json.dumps(result, ensure_ascii=False)


def count_lines(path: str) -> int | None:
    """Non-blank lines in a JSONL file (for the progress bar); None for standard input."""
    if path == "-":
        return None
    try:
        return sum(1 for n, _ in iter_jsonl(path))
    except NewsbriefError:
        return None


def run_batch(path: str, out: TextIO, options: Options, *, jobs: int = 1,
              allow_private: bool = False,
              progress: Callable[[], None] | None = None) -> BatchResult:
    """Brief every story of ``path`` into ``out``; returns how many briefs and errors."""
    tasks: Iterator[tuple[int, Any, Options, bool]] = (
        (n, rec, options, allow_private) for n, rec in iter_jsonl(path)
    )
    briefs = errors = 0

    def emit(failed: bool, line: str) -> None:
        nonlocal briefs, errors
        out.write(line + "\n")
        if failed:
            errors += 1
        else:
            briefs += 1
        if progress:
            progress()

    if jobs <= 1:
        for t in tasks:
            emit(*_work(t))
    else:
        with mp.get_context("fork").Pool(jobs) as pool:
            for failed, line in pool.imap(_work, tasks, chunksize=4):
                emit(failed, line)
    return BatchResult(briefs, errors)
