"""Reranker variants on /tmp/q6/r*.pkl (candidates.py outputs): a LambdaRank forest fitted on rtr6k, rtr18k, rtr30k, scored on rvA / rvB; KDROPS keeps only the last K drop candidates, NGEN the first N generators; env MD (max depth), SEED. usage: fit.py LEAVES ROUNDS LR KDROPS NGEN [real]"""
import sys, pickle; sys.path.insert(0, "scripts/quality4")
import numpy as np, lightgbm as lgb
leaves, rounds, lr, kd, ngen = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
from newsbrief.rerank import GENERATORS
keepgen = {tuple(np.round(g, 2)) for g in GENERATORS[:ngen]}
def filt(X, Y, G, C=None):
    first = np.r_[True, G[1:] != G[:-1]]
    starts = np.flatnonzero(first)
    nsent = np.repeat(X[starts, 8], np.diff(np.r_[starts, len(G)]))
    drop = X[:, 23]; gen = [tuple(np.round(r, 2)) for r in X[:, 20:23]]
    ok = first | ((drop == 0) & np.array([g in keepgen for g in gen])) | ((drop > 0) & (drop > nsent - kd))
    if C is not None:
        Cn = {}; 
        for s in starts:
            g = int(G[s]); idx = np.flatnonzero((G == g) & ok) - s; Cn[g] = [C[g][i] for i in idx]
        return X[ok], Y[ok], G[ok], Cn
    return X[ok], Y[ok], G[ok]
parts = [filt(*pickle.load(open(f"/tmp/q6/rtr{k}.pkl", "rb"))[:3]) for k in ("6k", "18k", "30k")]
X = np.vstack([p[0] for p in parts]); Y = np.concatenate([p[1] for p in parts])
G = np.concatenate([p[2] + 100000 * k for k, p in enumerate(parts)]); del parts
first = np.r_[True, G[1:] != G[:-1]]
grade = np.clip(np.floor(Y) + 2, 0, 6).astype(int); sizes = np.diff(np.r_[np.where(first)[0], len(G)])
P = {"objective": "lambdarank", "lambdarank_truncation_level": 3, "label_gain": list(range(7)),
     "verbose": -1, "seed": int(__import__("os").environ.get("SEED", "13")), "deterministic": True, "num_threads": 2, "num_leaves": leaves, "max_depth": int(__import__("os").environ.get("MD", "-1")),
     "learning_rate": lr, "min_data_in_leaf": 200, "feature_fraction": 0.8}
m = lgb.train(P, lgb.Dataset(X, grade, group=sizes), rounds)
tag = "_".join(sys.argv[1:6])
import h
from newsbrief.evaluate.rouge import rouge
from newsbrief.evaluate.systems import cut
for name in ("vA", "vB"):
    Xv, Yv, Gv, C = filt(*pickle.load(open(f"/tmp/q6/r{name}.pkl", "rb")))
    p = m.predict(Xv); fv = np.r_[True, Gv[1:] != Gv[:-1]]; st = list(np.where(fv)[0]) + [len(Gv)]
    picks = {}; tot = 0
    for a, b in zip(st, st[1:]):
        i = int(np.argmax(p[a:b])); tot += Yv[a + i]; picks[int(Gv[a])] = C[int(Gv[a])][i]
    line = f"{name} {tag} rows/story {len(Gv)/(len(st)-1):.1f} gain {tot / (len(st) - 1):.3f}"
    if "real" in sys.argv:
        data = h.load(name); r = np.zeros(3)
        for i, d in enumerate(data):
            if d is None or i not in picks: continue
            ch = list(picks[i]); ch = [ch[0], *sorted(ch[1:], key=lambda k: d["pos"][k])]
            r += rouge(cut([d["texts"][k] for k in ch], 230), [d["summary"]])
        line += " real %s" % np.round(r / len(data), 2)
    print(line, flush=True)
