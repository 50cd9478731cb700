import sys, json, pickle; sys.path.insert(0, __import__("os").path.dirname(__file__))
import numpy as np, lightgbm as lgb, h
d = np.load("/tmp/q4/rows.npz"); x0, y, g = d["x"], d["y"], d["g"]
P = {"objective": "regression", "verbose": -1, "seed": 13, "deterministic": True, "num_threads": 2,
     "num_leaves": 15, "max_depth": 6, "learning_rate": 0.1, "min_data_in_leaf": 100, "feature_fraction": 0.8}
rng = np.random.default_rng(13); ids = np.unique(g)
held = rng.choice(ids, size=len(ids)//10, replace=False); test = np.isin(g, held)
def fit(x, rounds=150, **kw):
    p = dict(P, **kw)
    b = lgb.train(p, lgb.Dataset(x[~test], y[~test]), rounds)
    r = np.corrcoef(b.predict(x[test]), y[test])[0, 1]
    return lgb.train(p, lgb.Dataset(x, y), rounds), r
def evaluate(tag, booster, extra=None):
    for name in ("vA", "vB"):
        ex = extra[name] if extra else None
        def sc(dd, _i=[0]):
            pass
        data = h.load(name)
        preds = {}
        for i, dd in enumerate(data):
            if dd is None: continue
            xx = dd["x"] if ex is None else np.hstack([dd["x"], ex[i]])
            preds[id(dd)] = booster.predict(xx)
        print(tag, name, h.run(name, lambda dd: preds[id(dd)]), flush=True)
if __name__ == "__main__":
    which = sys.argv[1]
    if which == "control":
        b, r = fit(x0); print("control pearson", round(r, 4)); evaluate("control", b)
    else:
        MIN = which
        xt = np.load(f"/tmp/q4/tri_train_{MIN}.npy")
        b, r = fit(np.hstack([x0, xt])); print("tri", MIN, "pearson", round(r, 4))
        extra = {n: pickle.load(open(f"/tmp/q4/tri_{n}_{MIN}.pkl", "rb")) for n in ("vA", "vB")}
        evaluate(f"tri{MIN}", b, extra)
