import sys; sys.path.insert(0, __import__("os").path.dirname(__file__))
import numpy as np, lightgbm as lgb, h
from fe import P, test, y, g, x0
from stack import art_ids, POS
def art_table(x, grp):
    art = art_ids(x[:, POS], grp)
    u, inv, cnt = np.unique(art, return_inverse=True, return_counts=True)
    k = len(u)
    sums = np.zeros((k, x.shape[1])); np.add.at(sums, inv, x)
    mean = sums / cnt[:, None]
    mx = np.full((k, x.shape[1]), -np.inf); np.maximum.at(mx, inv, x)
    first = np.zeros((k, x.shape[1])); firsts = np.r_[0, np.flatnonzero(np.diff(art)) + 1]
    first = x[firsts]
    agrp = grp[firsts]
    # story-relative: article mean minus story mean of article means (per column subset)
    A = np.hstack([mean, mx, first, cnt[:, None]])
    return A, inv, agrp, cnt
def rel(v, agrp, inv):
    # per story: v, v - max, rank
    out = np.zeros((len(v), 3))
    for s in np.unique(agrp):
        m = agrp == s; vv = v[m]
        out[m, 0] = vv; out[m, 1] = vv.max() - vv
        out[m, 2] = np.argsort(np.argsort(-vv, kind="stable"), kind="stable") / max(1, m.sum() - 1)
    return out[inv]
def demean(v, agrp):
    """Each article's value less the mean over its story's articles."""
    return v - (np.bincount(agrp, v) / np.maximum(np.bincount(agrp), 1))[agrp]
def density_target(inv, agrp, cnt):
    """The article's mean density less the mean over its story's articles."""
    return demean(np.bincount(inv, y) / cnt, agrp)
def article_model(A, ya, agrp):
    """(out-of-fold predictions, model fitted on all) of the article forest for target ya."""
    PA = dict(P, min_data_in_leaf=50)
    oof = np.zeros(len(ya)); fold = agrp % 5
    for f in range(5):
        tr = fold != f
        oof[~tr] = lgb.train(PA, lgb.Dataset(A[tr], ya[tr]), 200).predict(A[~tr])
    return oof, lgb.train(PA, lgb.Dataset(A, ya), 200)
def article_columns(amodel, x):
    """The article forest's 3 sentence columns for one validation story's rows."""
    Av, iv, ag, _ = art_table(x, np.zeros(len(x), np.int64))
    return rel(amodel.predict(Av), ag, iv)
if __name__ == "__main__":
    A, inv, agrp, cnt = art_table(x0, g)
    ya_rel = density_target(inv, agrp, cnt)
    oof, amodel = article_model(A, ya_rel, agrp)
    print("article model oof pearson (rel)", round(np.corrcoef(oof, ya_rel)[0,1], 4), "n", len(ya_rel), flush=True)
    S = rel(oof, agrp, inv)
    X2 = np.hstack([x0, S])
    b = lgb.train(P, lgb.Dataset(X2[~test], y[~test]), 150)
    print("sentence pearson", round(np.corrcoef(b.predict(X2[test]), y[test])[0,1], 4), flush=True)
    second = lgb.train(P, lgb.Dataset(X2, y), 150)
    for name in ("vA", "vB"):
        print("artmodel", name, h.run(name, lambda dd: second.predict(
            np.hstack([dd["x"], article_columns(amodel, dd["x"])]))), flush=True)
