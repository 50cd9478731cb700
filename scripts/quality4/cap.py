import sys, json, numpy as np, lightgbm as lgb
d = np.load("/tmp/q4/rows.npz"); x, y, g = d["x"], d["y"], d["g"]
rng = np.random.default_rng(13); ids = np.unique(g)
held = rng.choice(ids, size=len(ids)//10, replace=False)
test = np.isin(g, held)
for spec in sys.argv[1:]:
    p = json.loads(spec)
    base = {"objective": "regression", "verbose": -1, "seed": 13, "deterministic": True, "num_threads": 2,
            "num_leaves": 15, "max_depth": 6, "learning_rate": 0.1, "min_data_in_leaf": 100, "feature_fraction": 0.8}
    base.update(p); r = base.pop("rounds", 150)
    b = lgb.train(base, lgb.Dataset(x[~test], y[~test]), r)
    pred = b.predict(x[test])
    # within-story pearson: demean by story
    gt = g[test]; u, inv = np.unique(gt, return_inverse=True)
    def dm(v): return v - (np.bincount(inv, v) / np.bincount(inv))[inv]
    print(spec, round(np.corrcoef(pred, y[test])[0,1], 4), "within", round(np.corrcoef(dm(pred), dm(y[test]))[0,1], 4), flush=True)
