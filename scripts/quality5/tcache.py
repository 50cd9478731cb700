"""Train-story cache for the summary reranker: train lines A..B-1 scored as at inference, but
with the fold priors (no story sees its own summary) and a sentence forest fitted on the rows
(/tmp/q4/rows.npz) of the other stories, so the scores are out-of-sample as on validation.
usage: tcache.py A:B OUT.pkl. The forest is fitted after the pool has forked: LightGBM's OpenMP
threads deadlock a pool forked after them."""
import sys, pickle, multiprocessing as mp
sys.path.insert(0, "scripts/quality4")
import numpy as np, lightgbm as lgb
from newsbrief.evaluate import train as T
from newsbrief import pair_prior
from folds import fold_priors
from newsbrief.score import Scored, _candidates, features, MAX_WORDS
from newsbrief.screen import screen
from newsbrief.segment import segment
from newsbrief.errors import NewsbriefError
path = "../shared/data/multi_news/train.jsonl.gz"
A0, N = map(int, sys.argv[1].split(":")); out = sys.argv[2]
fold_priors(path)
def one(task):
    n, line = task
    try:
        rec, arts = T._prepare(line)
    except NewsbriefError:
        return None
    kept = screen(arts).kept
    sents = [s for a in kept for s in segment(a)]
    cands, terms, elig = _candidates(sents, MAX_WORDS)
    if not cands:
        return None
    xx, vec = features(cands, terms, T._PRIORS[n % 5])
    px = pair_prior.features([s.tokens for s in cands], T._PAIR_PRIORS[n % 5])
    return dict(summary=rec["summary"], texts=[c.text for c in cands], pos=[c.position for c in cands],
                x=np.hstack([xx, px]), sc=Scored(cands, np.zeros(len(cands)), vec, terms, elig))
with mp.get_context("fork").Pool(2) as pool:
    data = list(pool.imap(one, enumerate(T._lines(path, N - A0, A0), A0), chunksize=16))
from dataclasses import replace
d = np.load("/tmp/q4/rows.npz"); x, y, g = d["x"], d["y"], d["g"]
use = (g < A0) | (g >= N)
P = {"objective": "regression", "verbose": -1, "seed": 13, "deterministic": True, "num_threads": 2,
     "num_leaves": 15, "max_depth": 6, "learning_rate": 0.1, "min_data_in_leaf": 100, "feature_fraction": 0.8}
B = lgb.train(P, lgb.Dataset(x[use], y[use]), 150)
del d, x, y, g
print("forest fitted", flush=True)
for v in data:
    if v is not None:
        v["sc"] = replace(v["sc"], scores=B.predict(v["x"]).astype(np.float64))
pickle.dump(data, open(out, "wb"))
print(len(data), sum(v is None for v in data))
