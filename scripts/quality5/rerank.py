"""Fit a summary reranker on train candidate files; report the fast-metric gain on cA / cB.
usage: rerank.py OBJ LEAVES ROUNDS MINLEAF train1.pkl [train2.pkl ...]"""
import os, sys, pickle; import numpy as np, lightgbm as lgb
obj, leaves, rounds, minleaf = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
parts = [pickle.load(open(f, "rb")) for f in sys.argv[5:]]
X = np.vstack([p[0] for p in parts]); Y = np.concatenate([p[1] for p in parts])
G = np.concatenate([p[2] + 100000 * k for k, p in enumerate(parts)])
first = np.r_[True, G[1:] != G[:-1]]
P = {"verbose": -1, "seed": 13, "deterministic": True, "num_threads": 2, "num_leaves": leaves,
     "learning_rate": 0.05, "min_data_in_leaf": minleaf, "feature_fraction": 0.8}
if obj == "reg":
    m = lgb.train(dict(P, objective="regression"), lgb.Dataset(X[~first], Y[~first]), rounds)
else:  # lambdarank over all candidates of a story, graded by their gain
    grade = np.clip(np.floor(Y / 1.0) + 2, 0, 6).astype(int)  # <=-2 .. >=+4 in steps of 1
    sizes = np.diff(np.r_[np.where(first)[0], len(G)])
    m = lgb.train(dict(P, objective="lambdarank", lambdarank_truncation_level=3, label_gain=list(range(0, 64))[:7]),
                  lgb.Dataset(X, grade, group=sizes), rounds)
SUFFIX = os.environ.get("Q5_SUFFIX", "")  # "_b": the candidate files made with Q5_BOOSTS
pickle.dump(m, open(f"/tmp/q5/rr_{obj}_{leaves}_{rounds}{SUFFIX}.pkl", "wb"))
for name in ("cA", "cB"):
    Xv, Yv, Gv, _ = pickle.load(open(f"/tmp/q5/{name}{SUFFIX}.pkl", "rb"))
    fv = np.r_[True, Gv[1:] != Gv[:-1]]; p = m.predict(Xv)
    starts = list(np.where(fv)[0]) + [len(Gv)]
    res = []
    for tau in (0.0, 0.5, 1.0) if obj == "reg" else (None, 0.1, 0.3):
        tot = 0; sw = 0
        for a, b in zip(starts, starts[1:]):
            q = p[a:b].copy()
            if obj == "reg": q[0] = tau
            elif tau is not None: q[0] += tau
            i = int(np.argmax(q)); tot += Yv[a + i]; sw += i > 0
        res.append("tau %s gain %.3f sw %.2f" % (tau, tot / (len(starts) - 1), sw / (len(starts) - 1)))
    print(name, obj, leaves, rounds, minleaf, " | ".join(res), flush=True)
