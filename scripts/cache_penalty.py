"""How much slower each system briefs a story when other work runs between its stories.

    PYTHONPATH=. python scripts/cache_penalty.py ../shared/data/multi_news/val.jsonl.gz --every 14

``newsbrief eval`` runs every system on a story, in rotating order, and scores each brief with
ROUGE right after the call that made it, so no system finds its code and tables warm in the CPU
caches as it would in a batch of its own. This times newsbrief and TextRank per story (parse to
sentences, as ``eval`` times them) in five settings, one row each: back to back ("nothing"),
with their own brief scored by ROUGE after every call as ``eval`` does ("rouge"), and with lead,
TextRank or LexRank run on the story just before (a system's own row times it back to back).
All in one process, so only the ratios between rows compare on a shared machine.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import time

from newsbrief.evaluate import systems as S
from newsbrief.evaluate.data import parse_story
from newsbrief.evaluate.rouge import rouge


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("data")
    p.add_argument("--every", type=int, default=14, help="take every n-th story")
    p.add_argument("--words", type=int, default=230)
    args = p.parse_args()
    opener = gzip.open if args.data.endswith(".gz") else open
    with opener(args.data, "rt", encoding="utf-8") as f:  # type: ignore[operator]
        stories = [parse_story(line) for line in itertools.islice(f, 0, None, args.every)]
    systems = {"newsbrief": S.newsbrief, "textrank": S.TextRankSystem(), "lead": S.lead,
               "lexrank": S.LexRankSystem()}
    for s in systems.values():
        s(stories[0].raw, 50)
    print(f"{len(stories)} stories; ms per story of the timed system")
    print("| before each story | newsbrief | textrank | ratio |")
    print("|---|---:|---:|---:|")
    for before in ("nothing", "rouge", "lead", "textrank", "lexrank"):
        ms = {}
        for timed in ("newsbrief", "textrank"):
            total = 0.0
            for st in stories:
                if before not in ("nothing", "rouge") and before != timed:
                    systems[before](st.raw, args.words)
                t0 = time.perf_counter()
                out = systems[timed](st.raw, args.words)
                total += time.perf_counter() - t0
                if before == "rouge":  # as eval does after every call
                    rouge(S.cut(out.sentences, args.words), st.references)
            ms[timed] = 1000 * total / len(stories)
        print(f"| {before} | {ms['newsbrief']:.2f} | {ms['textrank']:.2f} | "
              f"{ms['textrank'] / ms['newsbrief']:.2f}x |")


if __name__ == "__main__":
    main()
