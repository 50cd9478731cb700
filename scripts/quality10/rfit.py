"""The reranker refitted on an rrows.py dump with the target (ROUGE-1 gain + V * ROUGE-2
gain) and the shipped parameters (or PARAMS_JSON's); held-out mean gain of the pick in R1 and
R2 separately; then val A / B through it, with the sentence scores of the forest saved by
``fit.py --save`` (or the shipped scores).
Usage: rfit.py ROWS.npz V [PARAMS_JSON] [--sentences MODEL.txt]; NODROPS=1 as rrows.py."""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "quality9"))
import h  # noqa: E402
from newsbrief import rerank  # noqa: E402
from newsbrief.evaluate import train as T  # noqa: E402
from newsbrief.score import MODEL_FEATURES  # noqa: E402
from newsbrief.trees import from_lightgbm  # noqa: E402

z = np.load(sys.argv[1])
v = float(sys.argv[2])
params = dict(T.RERANK_PARAMS)
if len(sys.argv) > 3 and not sys.argv[3].startswith("--"):
    params.update(json.loads(sys.argv[3]))
params.pop("objective")
x, r1, r2, g = z["x"], z["r1"], z["r2"], z["g"]
booster, m = T._fit_rerank(x, r1 + v * r2, g, params)
# The held-out pick's R1 and R2 gains apart (the same split as _fit_rerank).
import lightgbm as lgb  # noqa: E402
rng = np.random.default_rng(T.SEED)
ids = np.unique(g)
held = set(rng.choice(ids, size=max(1, len(ids) // 10), replace=False).tolist())
test = np.array([gr in held for gr in g])
base = {"objective": "regression", "verbose": -1, "seed": T.SEED, "deterministic": True,
        "num_threads": 2, **params}
rounds = base.pop("rounds")
b2 = lgb.train(base, lgb.Dataset(x[~test], (r1 + v * r2)[~test]), rounds)
pred, gt = b2.predict(x[test]), g[test]
starts = np.r_[np.flatnonzero(np.r_[True, gt[1:] != gt[:-1]]), len(gt)]
pick = [a + int(np.argmax(pred[a:b])) for a, b in zip(starts, starts[1:])]
print("V", v, params, m, "held-out pick R1", r1[test][pick].mean(), "R2", r2[test][pick].mean(),
      flush=True)
forest = from_lightgbm(booster.dump_model(), list(rerank.feature_names(MODEL_FEATURES)),
                       {"max_story_sentences": rerank.model().meta.get("max_story_sentences")})
if "--sentences" in sys.argv:
    sent = lgb.Booster(model_file=sys.argv[sys.argv.index("--sentences") + 1])
    scorer = lambda d: sent.predict(d["sc"].rows)  # noqa: E731
else:
    scorer = lambda d: d["scores"]  # noqa: E731
if os.environ.get("NODROPS"):
    _all = rerank.candidates
    rerank.candidates = lambda sc, w: [c for c in _all(sc, w) if c.dropped == 0]
if os.environ.get("MAXDROP"):
    _every = rerank.candidates
    rerank.candidates = lambda sc, w: [c for c in _every(sc, w)
                                       if c.dropped <= int(os.environ["MAXDROP"])]
q4 = h.q4
greedy = q4.select
q4.select = lambda sc, w: rerank.choose(sc, w, forest)
try:
    print("rerank", h.run("vA", scorer), h.run("vB", scorer), flush=True)
finally:
    q4.select = greedy
