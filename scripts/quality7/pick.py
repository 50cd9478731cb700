"""Run the newsbrief CLI with another rule for picking among the reranker's candidates.

``run(pick, args)``: ``pick(scored, cands, ranks)`` returns the index of the candidate to keep
(``ranks``: the shipped forest's predictions; candidate 0 is the greedy's); ``args`` are the
CLI's arguments after ``newsbrief``. Stories without the sentence forest's rows, and stories
with fewer than two candidates, are chosen as ``rerank.choose`` chooses them."""
from collections.abc import Callable, Sequence

import numpy as np

from newsbrief import pipeline, rerank


def run(pick: Callable[..., int], args: Sequence[str]) -> None:
    import sys

    def choose(scored, words, forest=None):
        if forest is None or scored.rows is None:
            return rerank.select(scored, words)
        cands = rerank.candidates(scored, words)
        if len(cands) < 2:
            return list(cands[0].chosen) if cands else []
        ranks = forest.predict(rerank.features(scored, scored.rows, cands, words))
        return list(cands[pick(scored, cands, ranks)].chosen)

    pipeline.choose = choose
    sys.argv = ["newsbrief", *args]
    from newsbrief.cli import main

    main()


def argmax(ranks: np.ndarray) -> int:
    return int(np.argmax(ranks))
