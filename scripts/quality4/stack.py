import sys, pickle; sys.path.insert(0, __import__("os").path.dirname(__file__))
import numpy as np, lightgbm as lgb, h
from fe import P, test, y, g, x0
from newsbrief.score import MODEL_FEATURES
POS = MODEL_FEATURES.index("position")
def art_ids(pos, grp):
    a = np.zeros(len(pos), np.int64); cur = 0
    for i in range(1, len(pos)):
        if grp[i] != grp[i-1]: cur += 1
        elif pos[i] <= pos[i-1]: cur += 1
        a[i] = cur
    return a
def stacked(pred, pos, grp):
    art = art_ids(pos, grp)
    n = len(pred)
    def agg(keys, fn):
        out = np.empty(n)
        order = np.argsort(keys, kind="stable"); k = keys[order]
        bounds = np.flatnonzero(np.diff(k)) + 1
        for seg in np.split(order, bounds):
            out[seg] = fn(pred[seg], seg)
        return out
    a_mean = agg(art, lambda p, s: p.mean()); a_max = agg(art, lambda p, s: p.max())
    s_mean = agg(grp, lambda p, s: p.mean()); s_max = agg(grp, lambda p, s: p.max())
    a_rank = agg(art, lambda p, s: np.argsort(np.argsort(-p, kind="stable"), kind="stable") / max(1, len(p) - 1))
    s_rank = agg(grp, lambda p, s: np.argsort(np.argsort(-p, kind="stable"), kind="stable") / max(1, len(p) - 1))
    prev = np.full(n, -1.0); nxt = np.full(n, -1.0)
    same = art[1:] == art[:-1]
    prev[1:][same] = pred[:-1][same]; nxt[:-1][same] = pred[1:][same]
    # article's rank in the story by mean pred
    return np.column_stack([pred, a_mean, a_max, s_max - pred, pred - s_mean, a_rank, s_rank, prev, nxt, a_max - pred])
def oof_first(x, y, g, rounds=150):
    """Out-of-fold first-stage scores: 5 folds of whole stories (story n in fold n % 5)."""
    oof = np.zeros(len(y)); fold = g % 5
    for f in range(5):
        tr = fold != f
        oof[~tr] = lgb.train(P, lgb.Dataset(x[tr], y[tr]), rounds).predict(x[~tr])
    return oof
def first_stage(first, x):
    """The stacked columns of one validation story from the first forest's scores."""
    p1 = first.predict(x)
    return stacked(p1, x[:, POS], np.zeros(len(p1), np.int64))
if __name__ == "__main__":
    oof = oof_first(x0, y, g)
    first = lgb.train(P, lgb.Dataset(x0, y), 150)
    S = stacked(oof, x0[:, POS], g)
    X2 = np.hstack([x0, S])
    p2 = dict(P)
    b = lgb.train(p2, lgb.Dataset(X2[~test], y[~test]), 150)
    print("stack pearson", round(np.corrcoef(b.predict(X2[test]), y[test])[0, 1], 4), "oof first", round(np.corrcoef(oof[test], y[test])[0,1], 4), flush=True)
    second = lgb.train(p2, lgb.Dataset(X2, y), 150)
    def scorer(dd):
        return second.predict(np.hstack([dd["x"], first_stage(first, dd["x"])]))
    for name in ("vA", "vB"):
        print("stack", name, h.run(name, scorer), flush=True)
