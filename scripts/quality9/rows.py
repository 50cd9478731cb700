"""The sentence forest's training rows as ``newsbrief train --only sentences`` builds them, plus
the source-cue columns (cues.py) -> /tmp/q9/rows.npz."""
import os, sys
from collections import Counter
import numpy as np
from newsbrief.evaluate import train as T
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "quality4"))
from folds import fold_priors
import cues


def rows(task):
    from newsbrief import pair_prior
    from newsbrief.errors import NewsbriefError
    from newsbrief.score import TRAIN_MAX_WORDS, candidates, features
    from newsbrief.screen import screen
    from newsbrief.segment import segment
    n, line = task
    try:
        rec, arts = T._prepare(line)
    except NewsbriefError:
        return np.zeros((0, 0)), np.zeros(0)
    kept = screen(arts).kept
    sents = [s for a in kept for s in segment(a)]
    cands, terms = candidates(sents, TRAIN_MAX_WORDS)
    if not cands:
        return np.zeros((0, 0)), np.zeros(0)
    x, _ = features(cands, terms, T._PRIORS[n % len(T._PRIORS)])
    pairs = pair_prior.features([s.tokens for s in cands], T._PAIR_PRIORS[n % len(T._PAIR_PRIORS)])
    extra = cues.columns([s.article for s in cands], cues.article_flags(kept))
    ref = T.rouge_tokens(rec["summary"])
    ref_uni, ref_bi = Counter(ref), Counter(zip(ref, ref[1:]))
    y = np.array([T.density(s.text, ref_uni, ref_bi) for s in cands])
    return np.hstack([x, pairs, extra]), y


if __name__ == "__main__":
    path = "../shared/data/multi_news/train.jsonl.gz"
    stories = int(sys.argv[1]) if len(sys.argv) > 1 else 45000
    fold_priors(path)
    x, y, g = T._collect(rows, enumerate(T._lines(path, stories)), 2)
    os.makedirs("/tmp/q9", exist_ok=True)
    np.savez("/tmp/q9/rows.npz", x=x, y=y, g=g)
    print(x.shape, y.mean())
