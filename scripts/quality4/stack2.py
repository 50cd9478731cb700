import sys, pickle; sys.path.insert(0, __import__("os").path.dirname(__file__))
import numpy as np, lightgbm as lgb, h
from fe import P, test, y, g, x0
from stack import stacked, POS, oof_first, first_stage
oof = oof_first(x0, y, g)
np.save("/tmp/q4/oof.npy", oof)
first = lgb.train(P, lgb.Dataset(x0, y), 150)
S = stacked(oof, x0[:, POS], g)
names = ["pred","a_mean","a_max","s_gap","s_dm","a_rank","s_rank","prev","nxt","a_gap"]
for spec in sys.argv[1:]:
    cols, rounds, leaves = spec.split(":")
    cols = [names.index(c) for c in cols.split(",")]
    X2 = S[:, cols]
    p2 = dict(P, num_leaves=int(leaves), feature_fraction=1.0)
    b = lgb.train(p2, lgb.Dataset(X2[~test], y[~test]), int(rounds))
    r = np.corrcoef(b.predict(X2[test]), y[test])[0, 1]
    second = lgb.train(p2, lgb.Dataset(X2, y), int(rounds))
    imp = second.feature_importance("gain"); imp = imp / imp.sum()
    print(spec, "pearson", round(r, 4), dict(zip([names[c] for c in cols], np.round(imp, 3))), flush=True)
    for name in ("vA", "vB"):
        print(" ", name, h.run(name, lambda dd: second.predict(first_stage(first, dd["x"])[:, cols])), flush=True)
