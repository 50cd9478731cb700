"""Evaluation stories: ``{"id", "documents", "summary"}`` or ``"summaries": [...]`` per line,
plain or gzipped, with the optional Multi-News+ ``keep`` masks beside them."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError


@dataclass(frozen=True)
class EvalStory:
    id: str
    documents: tuple[str, ...]
    references: tuple[str, ...]
    # The JSON line as read: systems are timed from it, so their reading is part of their time.
    raw: str


def _open(path: Path):  # type: ignore[no-untyped-def]
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def parse_story(line: str, line_no: int = 0) -> EvalStory:
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(f"line {line_no}: not valid JSON ({e.msg})") from None
    if not isinstance(rec, dict) or not isinstance(rec.get("documents"), list):
        raise InputError(f"line {line_no}: expected an object with a 'documents' list")
    refs = rec.get("summaries")
    if refs is None:
        refs = [rec.get("summary")]
    if not isinstance(refs, list) or not refs or not all(isinstance(r, str) and r.strip()
                                                          for r in refs):
        raise InputError(f"line {line_no}: needs a non-empty 'summary' or 'summaries'")
    docs = tuple(d if isinstance(d, str) else "" for d in rec["documents"])
    return EvalStory(str(rec.get("id") or f"line-{line_no}"), docs, tuple(refs), line)


def read_stories(path: str | Path, limit: int | None = None) -> Iterator[EvalStory]:
    """Stories of an evaluation file in order; at most ``limit`` of them."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{path}: no such file")
    count = 0
    try:
        with _open(p) as f:
            for n, line in enumerate(f, 1):
                if limit is not None and count >= limit:
                    return
                if not line.strip():
                    continue
                yield parse_story(line, n)
                count += 1
    except (OSError, EOFError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: read failed ({e})") from None


def mask_path(data_path: str | Path) -> Path:
    """Where the Multi-News+ masks of a split live: ``val.jsonl.gz`` ->
    ``val.cleansed_mask.jsonl.gz`` in the same folder."""
    p = Path(data_path)
    name = p.name
    for suffix in (".jsonl.gz", ".jsonl"):
        if name.endswith(suffix):
            return p.with_name(name[: -len(suffix)] + ".cleansed_mask.jsonl.gz")
    return p.with_name(name + ".cleansed_mask.jsonl.gz")


def read_masks(path: str | Path) -> dict[str, tuple[bool, ...]]:
    """story id -> per-document keep flags (``False``: judged off-topic or junk)."""
    p = Path(path)
    out: dict[str, tuple[bool, ...]] = {}
    with _open(p) as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                out[str(rec["id"])] = tuple(bool(k) for k in rec["keep"])
    return out
