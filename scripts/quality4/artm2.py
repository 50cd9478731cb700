import sys; sys.path.insert(0, __import__("os").path.dirname(__file__))
import numpy as np, lightgbm as lgb, h
from fe import P, test, y, g, x0
from artm import art_table, rel, article_model, article_columns, demean
from stack import art_ids, POS
A, inv, agrp, cnt = art_table(x0, g)
def top_share(k):
    out = np.zeros(len(cnt))
    order = np.lexsort((-y, g))
    gs = g[order]; starts = np.r_[0, np.flatnonzero(np.diff(gs)) + 1]; ends = np.r_[starts[1:], len(gs)]
    for s, e in zip(starts, ends):
        top = order[s:min(e, s + k)]
        np.add.at(out, inv[top], 1.0 / len(top))
    return out
def top_mean(k):
    out = np.zeros(len(cnt))
    order = np.lexsort((-y, inv)); ia = inv[order]
    starts = np.r_[0, np.flatnonzero(np.diff(ia)) + 1]; ends = np.r_[starts[1:], len(ia)]
    for s, e in zip(starts, ends):
        out[ia[s]] = y[order[s:min(e, s + k)]].mean()
    return out
targets = {"top5share": top_share(5), "top3mean": demean(top_mean(3), agrp), "top8share": top_share(8)}
for tname in sys.argv[1:]:
    ya = targets[tname]
    oof, amodel = article_model(A, ya, agrp)
    X2 = np.hstack([x0, rel(oof, agrp, inv)])
    b = lgb.train(P, lgb.Dataset(X2[~test], y[~test]), 150)
    print(tname, "art pearson", round(np.corrcoef(oof, ya)[0,1], 4), "sentence pearson", round(np.corrcoef(b.predict(X2[test]), y[test])[0,1], 4), flush=True)
    second = lgb.train(P, lgb.Dataset(X2, y), 150)
    for name in ("vA", "vB"):
        print(" ", tname, name, h.run(name, lambda dd: second.predict(
            np.hstack([dd["x"], article_columns(amodel, dd["x"])]))), flush=True)
