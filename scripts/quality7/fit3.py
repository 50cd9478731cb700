import sys, numpy as np, lightgbm as lgb

exec(open("scripts/quality7/fit.py").read().split("grade = lambda")[0])
run("regression + story-relative cols", extra(x, g), y, obj="regression")
run("regression min_data 50", x, y, obj="regression", min_data_in_leaf=50)
run("regression ff 0.5", x, y, obj="regression", feature_fraction=0.5)
