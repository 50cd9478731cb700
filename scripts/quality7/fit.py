"""Fit reranker variants on the dumped rows; report held-out (10% of train stories) gain in R1, R2."""
import sys, json, numpy as np, lightgbm as lgb
d = np.load("/tmp/s20/rr.npz")
x, y, g, r1, r2 = d["x"], d["y"], d["g"], d["r1"], d["r2"]
SEED = 13
rng = np.random.default_rng(SEED)
ids = np.unique(g)
held = set(rng.choice(ids, size=max(1, len(ids) // 10), replace=False).tolist())
test = np.array([gr in held for gr in g])

def groupsizes(gg):
    return np.diff(np.r_[np.flatnonzero(np.r_[True, gg[1:] != gg[:-1]]), len(gg)])

def extra(x, g):
    """per-story relative columns: value minus the story's max and mean."""
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    own = x[:, : x.shape[1] // 2]
    mx = np.maximum.reduceat(own, starts, axis=0)
    mn = np.add.reduceat(own, starts, axis=0) / np.diff(np.r_[starts, len(g)])[:, None]
    rep = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(g)]))
    return np.hstack([x, own - mx[rep], own - mn[rep]])

def run(name, X, label, obj="lambdarank", rounds=300, **kw):
    params = {"objective": obj, "verbose": -1, "seed": SEED, "deterministic": True, "num_threads": 2,
              "num_leaves": 15, "max_depth": 5, "learning_rate": 0.1, "min_data_in_leaf": 200,
              "feature_fraction": 0.8}
    if obj == "lambdarank":
        params.update({"lambdarank_truncation_level": 3, "label_gain": list(range(7))})
    params.update(kw)
    if obj == "lambdarank":
        ds = lgb.Dataset(X[~test], label[~test], group=groupsizes(g[~test]))
    else:
        ds = lgb.Dataset(X[~test], label[~test])
    b = lgb.train(params, ds, rounds)
    pred = b.predict(X[test])
    gt, a1, a2 = g[test], r1[test], r2[test]
    st = np.r_[np.flatnonzero(np.r_[True, gt[1:] != gt[:-1]]), len(gt)]
    pick = np.array([a + int(np.argmax(pred[a:bb])) for a, bb in zip(st, st[1:])])
    print(f"{name}: gain R1 {a1[pick].mean():.3f} R2 {a2[pick].mean():.3f} sum {a1[pick].mean()+a2[pick].mean():.3f} switched {(pick != st[:-1]).mean():.3f}", flush=True)
    return b, pred

grade = lambda v: np.clip(np.floor(v) + 2, 0, 6).astype(int)
which = sys.argv[1:]
if "base" in which: run("base", x, grade(y))
if "r1w" in which: run("r1 1.5 + r2", x, grade(1.5 * r1 + r2))
if "r1" in which: run("r1 only x2", x, grade(2 * r1))
if "ext" in which: run("extra cols", extra(x, g), grade(y))
if "long" in which: run("600 @0.05", x, grade(y), rounds=600, learning_rate=0.05)
if "t1" in which: run("trunc 1", x, grade(y), lambdarank_truncation_level=1)
if "reg" in which: run("regression", x, y, obj="regression")
if "half" in which: run("half-point grades", x, np.clip(np.floor(2 * y) + 4, 0, 12).astype(int), label_gain=list(range(13)))
if "reg600" in which: run("regression 600@0.05", x, y, obj="regression", rounds=600, learning_rate=0.05)
if "regd6" in which: run("regression 31 leaves d6", x, y, obj="regression", num_leaves=31, max_depth=6)
if "huber" in which: run("huber", x, y, obj="huber", alpha=3.0)
if "regr1" in which: run("regression 1.3r1+r2", x, 1.3 * r1 + r2, obj="regression")
if "regclip" in which and "save" not in which: run("regression clip 8", x, np.clip(y, -8, 8), obj="regression")
if "save" in which:
    import newsbrief.trees as trees
    from newsbrief import rerank
    from newsbrief.score import MODEL_FEATURES
    names = list(rerank.feature_names(MODEL_FEATURES))
    kind = sys.argv[-1]
    obj = {"reg": "regression", "huber": "huber", "reg600": "regression", "regr1": "regression", "regclip": "regression"}[kind]
    test[:] = False  # fit on all
    params = {"objective": obj, "verbose": -1, "seed": SEED, "deterministic": True, "num_threads": 2,
              "num_leaves": 15, "max_depth": 5, "learning_rate": 0.1, "min_data_in_leaf": 200,
              "feature_fraction": 0.8}
    if obj == "huber": params["alpha"] = 3.0
    rounds = 300
    if kind == "reg600": params["learning_rate"] = 0.05; rounds = 600
    lab = {"regr1": 1.3 * r1 + r2, "regclip": np.clip(y, -8, 8)}.get(kind, y)
    b = lgb.train(params, lgb.Dataset(x, lab), rounds)
    trees.save(trees.from_lightgbm(b.dump_model(), names, {}), f"/tmp/s20/rr_{kind}.npz")
    print("saved")
