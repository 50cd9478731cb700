import sys, numpy as np, lightgbm as lgb
exec(open("scripts/quality7/fit.py").read().split("grade = lambda")[0])
from newsbrief import trees
X = extra(x, g)
params = {"objective": "regression", "verbose": -1, "seed": SEED, "deterministic": True, "num_threads": 2,
          "num_leaves": 15, "max_depth": 5, "learning_rate": 0.1, "min_data_in_leaf": 200, "feature_fraction": 0.8}
b = lgb.train(params, lgb.Dataset(X, y), 300)
trees.save(trees.from_lightgbm(b.dump_model(), [f"c{i}" for i in range(X.shape[1])], {}), "/tmp/s20/rr_ext.npz")
print("saved")
