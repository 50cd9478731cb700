import sys; sys.path.insert(0, __import__("os").path.dirname(__file__))
import numpy as np, lightgbm as lgb, h
from fe import P, test, y, g, x0
from stack import stacked, POS, first_stage
from artm import art_table, rel, article_model, article_columns, density_target
oof = np.load("/tmp/q4/oof.npy")
first = lgb.train(P, lgb.Dataset(x0, y), 150)
A, inv, agrp, cnt = art_table(x0, g)
aoof, amodel = article_model(A, density_target(inv, agrp, cnt), agrp)
X2 = np.hstack([x0, stacked(oof, x0[:, POS], g), rel(aoof, agrp, inv)])
P2 = dict(P, num_leaves=31, learning_rate=0.05)
b = lgb.train(P2, lgb.Dataset(X2[~test], y[~test]), 400)
print("combo pearson", round(np.corrcoef(b.predict(X2[test]), y[test])[0,1], 4), flush=True)
second = lgb.train(P2, lgb.Dataset(X2, y), 400)
for name in ("vA", "vB"):
    print("combo", name, h.run(name, lambda dd: second.predict(np.hstack(
        [dd["x"], first_stage(first, dd["x"]), article_columns(amodel, dd["x"])]))), flush=True)
