"""Time the systems as ``newsbrief eval`` does, in one process, on a range of stories.

    PYTHONPATH=. python scripts/eval_like.py ../shared/data/multi_news/val.jsonl.gz 0 700 &
    PYTHONPATH=. python scripts/eval_like.py ../shared/data/multi_news/val.jsonl.gz 700 1400

Each story goes through every system in ``eval``'s rotating order, and each brief is scored by
ROUGE right after the call that made it, so every system finds its tables as cold as in
``eval``. Run two copies at once on two ranges (as above) to share the last-level cache as
``eval --jobs 2``'s two workers do. A copy prints each system's mean time a story and
newsbrief's throughput ratio to TextRank's. About a minute for 700 stories, against 5.5 for a
full ``eval``, so an A/B of two builds can be alternated several times in the same hour (put
each build first on ``PYTHONPATH``); only ratios from runs in the same minutes compare.
Issue 3's round 21 used it ("docs/benchmarks.md").
"""

from __future__ import annotations

import argparse
import gzip
import itertools
from collections import Counter

from newsbrief.evaluate import run
from newsbrief.evaluate.data import parse_story

NAMES = ("newsbrief", "newsbrief-greedy", "lead", "lexrank", "textrank")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("data")
    p.add_argument("start", type=int)
    p.add_argument("stop", type=int)
    p.add_argument("--words", type=int, default=230)
    args = p.parse_args()
    opener = gzip.open if args.data.endswith(".gz") else open
    with opener(args.data, "rt", encoding="utf-8") as f:  # type: ignore[operator]
        stories = [parse_story(line) for line in itertools.islice(f, args.start, args.stop)]
    # eval's own worker: the systems made and warmed once, then each story through all of
    # them in the rotated order, each call timed and its brief scored right after it.
    run._init(NAMES)
    seconds: Counter[str] = Counter()
    for idx, story in enumerate(stories):
        _, out = run._one((idx, story, args.words))
        for name, res in out.items():
            seconds[name] += res["seconds"]
    n = max(1, len(stories))
    print(f"{len(stories)} stories (lines {args.start}-{args.stop - 1}); ms a story: "
          + ", ".join(f"{name} {seconds[name] / n * 1e3:.3f}" for name in NAMES))
    for name in ("newsbrief", "newsbrief-greedy"):
        print(f"{name} throughput / TextRank's: {seconds['textrank'] / seconds[name]:.3f}x")


if __name__ == "__main__":
    main()
