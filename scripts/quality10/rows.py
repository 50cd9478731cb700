"""The sentence forest's training rows exactly as ``newsbrief train --only sentences`` builds
them (``train._sentence_rows``), with the target's two halves kept apart: the share of the
sentence's tokens in the summary (u) and of its token pairs (b); the shipped target is u + b.
-> /tmp/q10/rows.npz (x, u, b, g)."""
import os
import sys
from collections import Counter

import numpy as np

from newsbrief.evaluate import train as T


def rows(task):
    from newsbrief.errors import NewsbriefError
    from newsbrief.score import TRAIN_MAX_WORDS, candidates, features, model_rows
    from newsbrief.screen import screen
    from newsbrief.segment import segment
    n, line = task
    try:
        rec, arts = T._prepare(line)
    except NewsbriefError:
        return np.zeros((0, 0)), np.zeros((0, 2))
    kept = screen(arts).kept
    sents = [s for a in kept for s in segment(a)]
    cands, terms = candidates(sents, TRAIN_MAX_WORDS)
    if not cands:
        return np.zeros((0, 0)), np.zeros((0, 2))
    x, _ = features(cands, terms, T._PRIORS[n % len(T._PRIORS)])
    x = model_rows(cands, x, kept, T._PAIR_PRIORS[n % len(T._PAIR_PRIORS)])
    ref = T.rouge_tokens(rec["summary"])
    ref_uni, ref_bi = Counter(ref), Counter(zip(ref, ref[1:]))
    return x, np.array([T.shares(s.text, ref_uni, ref_bi) for s in cands])


if __name__ == "__main__":
    path = "../shared/data/multi_news/train.jsonl.gz"
    stories = int(sys.argv[1]) if len(sys.argv) > 1 else 45000
    T._fold_tables(path)
    x, y, g = T._collect(rows, enumerate(T._lines(path, stories)), 2)
    os.makedirs("/tmp/q10", exist_ok=True)
    np.savez("/tmp/q10/rows.npz", x=x, u=y[:, 0], b=y[:, 1], g=g)
    print(x.shape, y.mean(axis=0))
