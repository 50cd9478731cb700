"""Dump the sentence forest's training rows (x, y, groups) as newsbrief train builds them."""
import sys, tempfile
from pathlib import Path
import numpy as np
from newsbrief.evaluate import train as T
from newsbrief import pair_prior, score as score_mod

path = "../shared/data/multi_news/train.jsonl.gz"
stories = int(sys.argv[1]) if len(sys.argv) > 1 else 45000
folds = T.count_prior(path)
with tempfile.TemporaryDirectory() as tmp:
    for k in range(len(folds)):
        p = Path(tmp) / f"fold{k}.tsv.gz"
        T.write_prior(T.merge_counts(folds[:k] + folds[k + 1:]), p)
        T._PRIORS.append(score_mod.read_prior(p))
pairs, pstories, pseen, phit, (fs, fh) = T.count_pair_prior(path, len(folds))
for k in range(len(folds)):
    rest = [j for j in range(len(folds)) if j != k]
    T._PAIR_PRIORS.append(pair_prior.from_counts(pairs, pseen[:, rest].sum(axis=1), phit[:, rest].sum(axis=1), int(fs[rest].sum()), int(fh[rest].sum()), score_mod.PRIOR_SMOOTHING))
    T._PAIR_PRIORS[-1].packed
del pairs, pseen, phit
x, y, g = T._collect(T._sentence_rows, enumerate(T._lines(path, stories)), 2)
np.savez("/tmp/q4/rows.npz", x=x, y=y, g=g)
print(x.shape, y.mean())
