"""Fit the shipped reranker (regression, 15 leaves x 300) on dumped rows; report the held-out gain
(10% of the training stories, the same draw as ``train._fit_rerank``) and the best possible.
Usage: fit.py ROWS.npz [OUT_MODEL.npz]  (with OUT, refit on all rows and save)."""
import sys

import lightgbm as lgb
import numpy as np

d = np.load(sys.argv[1])
x, y, g, r1, r2 = d["x"], d["y"], d["g"], d["r1"], d["r2"]
SEED = 13
rng = np.random.default_rng(SEED)
ids = np.unique(g)
held = set(rng.choice(ids, size=max(1, len(ids) // 10), replace=False).tolist())
test = np.array([gr in held for gr in g])
params = {"objective": "regression", "verbose": -1, "seed": SEED, "deterministic": True,
          "num_threads": 2, "num_leaves": 15, "max_depth": 5, "learning_rate": 0.1,
          "min_data_in_leaf": 200, "feature_fraction": 0.8}
b = lgb.train(params, lgb.Dataset(x[~test], y[~test]), 300)
pred = b.predict(x[test])
gt, a1, a2, yt = g[test], r1[test], r2[test], y[test]
st = np.r_[np.flatnonzero(np.r_[True, gt[1:] != gt[:-1]]), len(gt)]
pick = np.array([a + int(np.argmax(pred[a:bb])) for a, bb in zip(st, st[1:])])
best = np.array([yt[a:bb].max() for a, bb in zip(st, st[1:])])
print(f"{sys.argv[1]}: rows {len(y)} stories {len(ids)} cands/story {len(y)/len(ids):.2f}; "
      f"held out R1 {a1[pick].mean():.3f} R2 {a2[pick].mean():.3f} "
      f"sum {a1[pick].mean() + a2[pick].mean():.3f} best {best.mean():.3f} "
      f"switched {(pick != st[:-1]).mean():.3f}", flush=True)
if len(sys.argv) > 2:
    from newsbrief import rerank, trees
    from newsbrief.score import MODEL_FEATURES
    names = list(rerank.feature_names(MODEL_FEATURES))
    names += [f"extra_{i}" for i in range(x.shape[1] - len(names))]  # patched-in columns
    b = lgb.train(params, lgb.Dataset(x, y), 300)
    trees.save(trees.from_lightgbm(b.dump_model(), names, {}), sys.argv[2])
    print("saved", sys.argv[2])
