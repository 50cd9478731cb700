"""Dump the reranker's train rows (as `newsbrief train --only rerank`), with R1 and R2 gains apart."""
import sys, time, numpy as np
from collections import Counter
import artcands  # noqa
import newsbrief.evaluate.train as T

PATH = "../shared/data/multi_news/train.jsonl.gz"

def r12(tokens, ref_uni, ref_bi):
    out = []
    for mine, ref in ((Counter(tokens), ref_uni), (Counter(zip(tokens, tokens[1:])), ref_bi)):
        hit = sum((mine & ref).values())
        if hit:
            p, r = hit / sum(mine.values()), hit / sum(ref.values())
            out.append(100 * 2 * p * r / (p + r))
        else:
            out.append(0.0)
    return out

def patched_rouge12(tokens, ref_uni, ref_bi):
    a, b = r12(tokens, ref_uni, ref_bi)
    SPLIT.append((a, b))
    return a + b

SPLIT = []
T._rouge12 = patched_rouge12
t = time.time()
T._fold_tables(PATH)
rows = T._collect(T._sentence_rows, enumerate(T._lines(PATH, 45000)), 2)
print("sentence rows", len(rows[1]), time.time() - t, flush=True)
x, y, g = T._rerank_rows(PATH, int(sys.argv[2]), rows, 2, print)
s = np.array(SPLIT)
assert len(s) == len(y)
# per-story gains of R1 and R2 separately over the greedy (first row of each story)
starts = np.r_[np.flatnonzero(np.r_[True, g[1:] != g[:-1]])]
first = np.repeat(starts, np.diff(np.r_[starts, len(g)]))
r1 = s[:, 0] - s[first, 0]
r2 = s[:, 1] - s[first, 1]
np.savez(sys.argv[1], x=x, y=y, g=g, r1=r1, r2=r2)
print("done", x.shape, time.time() - t)
