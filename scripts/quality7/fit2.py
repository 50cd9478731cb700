"""fit2.py DATA.npz MODE [OUT]: MODE heldout -> held-out gains for reg, lambdarank, blends;
MODE save:<spec> -> fit on all, write a forest file (blend merged into one forest)."""
import sys, numpy as np, lightgbm as lgb
d = np.load(sys.argv[1])
x, y, g, r1, r2 = d["x"], d["y"], d["g"], d["r1"], d["r2"]
SEED = 13
BASE = {"verbose": -1, "seed": SEED, "deterministic": True, "num_threads": 2, "num_leaves": 15,
        "max_depth": 5, "learning_rate": 0.1, "min_data_in_leaf": 200, "feature_fraction": 0.8}
def sizes(gg):
    return np.diff(np.r_[np.flatnonzero(np.r_[True, gg[1:] != gg[:-1]]), len(gg)])
grade = np.clip(np.floor(y) + 2, 0, 6).astype(int)
def fit_reg(m, rounds=300, lr=0.1, seed=SEED):
    return lgb.train({**BASE, "objective": "regression", "learning_rate": lr, "seed": seed}, lgb.Dataset(x[m], y[m]), rounds)
def fit_lr(m):
    return lgb.train({**BASE, "objective": "lambdarank", "lambdarank_truncation_level": 3,
                      "label_gain": list(range(7))}, lgb.Dataset(x[m], grade[m], group=sizes(g[m])), 300)
def report(name, pred, m):
    gt, a1, a2 = g[m], r1[m], r2[m]
    st = np.r_[np.flatnonzero(np.r_[True, gt[1:] != gt[:-1]]), len(gt)]
    pick = np.array([a + int(np.argmax(pred[a:b])) for a, b in zip(st, st[1:])])
    print(f"{name}: R1 {a1[pick].mean():.3f} R2 {a2[pick].mean():.3f} sum {a1[pick].mean()+a2[pick].mean():.3f}", flush=True)
mode = sys.argv[2]
if mode == "heldout":
    rng = np.random.default_rng(SEED)
    ids = np.unique(g)
    held = set(rng.choice(ids, size=max(1, len(ids) // 10), replace=False).tolist())
    test = np.array([gr in held for gr in g])
    reg = fit_reg(~test).predict(x[test])
    report("reg", reg, test)
    reg2 = fit_reg(~test, seed=7).predict(x[test])
    report("reg seed7", reg2, test)
    report("reg 2 seeds", reg + reg2, test)
    lr = fit_lr(~test).predict(x[test])
    report("lambdarank", lr, test)
    for c in (0.5, 1, 2, 4):
        report(f"reg + {c} x lr (scaled by std)", reg / reg.std() + c * lr / lr.std(), test)
else:
    from newsbrief import rerank, trees
    from newsbrief.score import MODEL_FEATURES
    names = list(rerank.feature_names(MODEL_FEATURES))
    spec = mode.split(":")[1]
    allm = np.ones(len(y), bool)
    dump = fit_reg(allm).dump_model()
    if spec.startswith("blend"):
        c = float(spec[5:])
        b2 = fit_lr(allm)
        s_reg = fit_reg(allm).predict(x[::7]).std(); s_lr = b2.predict(x[::7]).std()
        k = c * s_reg / s_lr
        def scale(node):
            if "leaf_value" in node: node["leaf_value"] *= k
            else: scale(node["left_child"]); scale(node["right_child"])
        t2 = b2.dump_model()["tree_info"]
        for t in t2: scale(t["tree_structure"])
        dump["tree_info"] = dump["tree_info"] + t2
    trees.save(trees.from_lightgbm(dump, names, {}), sys.argv[3])
    print("saved", sys.argv[3])
