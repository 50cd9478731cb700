"""Conflicts the analysis reports on unaltered Multi-News validation stories, for judging by hand.

    PYTHONPATH=. python scripts/dump_conflicts.py --skip 4100 --limit 1200 \
        --jsonl all.jsonl --sample-out sample.md --seed 1

Reads stories as ``newsbrief.bench_conflicts`` does (Multi-News+ masks applied, articles of
fewer than 20 words dropped), runs ``analyse`` once per story (no injections, so the set
reported does not depend on the injection benchmark's random draws), writes every conflict
as one JSON line (story, kind, subject, values with each source's sentence) and a seeded
sample of ``--sample`` of them as a Markdown table to judge. The sample is drawn with
``random.Random(seed).sample`` from the conflicts in reading order. ``--lines
5722-6000,7801-8000`` reads the stories of those line ranges instead (ranges left between
earlier dumps).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from newsbrief.analyse import analyse, nlp
from newsbrief.bench_conflicts import Story, _sample_markdown, load, sentences_of


def _context(text: str, start: int, end: int) -> str:
    lo = max(0, text.rfind(".", 0, start) + 1)
    hi = text.find(".", end)
    hi = len(text) if hi < 0 else hi + 1
    return " ".join(text[lo:hi].split())[:400]


def _line_ranges(text: str) -> list[tuple[int, int]]:
    """'5722-6000,7801-8000' -> [(5722, 6000), (7801, 8000)]; ValueError if malformed."""
    out = []
    for part in text.split(","):
        lo, hi = (int(x) for x in part.split("-"))
        if not 0 <= lo < hi:
            raise ValueError(part)
        out.append((lo, hi))
    return out


def _stories(data: str, mask: str, args: argparse.Namespace,
             ranges: list[tuple[int, int]]) -> Iterator[Story]:
    if not ranges:
        yield from load(data, mask, args.limit, args.skip)
        return
    for lo, hi in ranges:
        for story in load(data, mask, 10**9, lo):
            if int(story.id.rsplit("-", 1)[1]) >= hi:
                break
            yield story


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", default="../shared/data/multi_news/val.jsonl.gz")
    p.add_argument("--skip", type=int, default=4100)
    p.add_argument("--limit", type=int, default=1200)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--sample", type=int, default=30)
    p.add_argument("--lines", default=None,
                   help="instead of --skip/--limit, the stories of these line ranges, end "
                        "excluded: '5722-6000,7801-8000' (story ids are '<split>-<line>')")
    p.add_argument("--jsonl", default=None, help="write every conflict here, one JSON a line")
    p.add_argument("--sample-out", default=None, help="write the seeded sample here (Markdown)")
    args = p.parse_args(argv)
    ranges: list[tuple[int, int]] = []
    if args.lines:
        try:
            ranges = _line_ranges(args.lines)
        except ValueError:
            p.error(f"--lines must be ranges like 5722-6000,7801-8000, got {args.lines!r}")
    if not Path(args.data).is_file():
        p.error(f"no data file at {args.data!r} (run from the repository root, beside ../shared, "
                "or give --data)")
    mask = args.data.replace(".jsonl.gz", ".cleansed_mask.jsonl.gz")
    if nlp.available():
        nlp.tag(["Warm-up sentence for the tagger in Paris."])
    found = []
    rows = []
    stories = 0
    t0 = time.perf_counter()
    for story in _stories(args.data, mask, args, ranges):
        stories += 1
        out = analyse(story.articles, sentences_of(story.articles))
        by_id = {a.id: a for a in story.articles}
        for c in out.conflicts:
            found.append((story, c))
            vals = []
            for v in c.values:
                s = v.sources[0]
                vals.append({"text": v.text, "article": s.article,
                             "context": _context(by_id[s.article].text, s.start, s.end)})
            rows.append({"story": story.id, "kind": c.kind, "subject": c.subject,
                         "compatible": c.compatible, "values": vals})
    print(json.dumps({"stories": stories, "conflicts": len(found),
                      "by_kind": {k: sum(r["kind"] == k for r in rows)
                                  for k in sorted({r["kind"] for r in rows})},
                      "seconds": round(time.perf_counter() - t0, 1)}))
    if args.jsonl:
        Path(args.jsonl).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    if args.sample_out:
        rng = random.Random(args.seed)
        sample = rng.sample(found, min(args.sample, len(found)))
        Path(args.sample_out).write_text(_sample_markdown(sample), encoding="utf-8")
        print(f"wrote {len(sample)} conflicts to {args.sample_out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
