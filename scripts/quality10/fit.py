"""The sentence forest refitted on /tmp/q10/rows.npz with the shipped parameters and the target
u + W * b (W = 1 is the shipped target: must reproduce the shipped scores' ROUGE); held-out
Pearson as ``train._fit`` reports it, against its own target and against u + b; then val A / B
(the quality9 caches) with the greedy and with the shipped reranker.
Usage: fit.py W [PARAMS_JSON] [--save PATH]"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "quality9"))
import h  # noqa: E402
from newsbrief.evaluate import train as T  # noqa: E402

w = float(sys.argv[1])
params = dict(T.SENTENCE_PARAMS)
if len(sys.argv) > 2 and not sys.argv[2].startswith("--"):
    params.update(json.loads(sys.argv[2]))
z = np.load("/tmp/q10/rows.npz")
x, u, b, g = z["x"], z["u"], z["b"], z["g"]
y = u + w * b
booster, metrics = T._fit(x, y, g, "regression", params)
print("W", w, params, metrics, flush=True)
if "--save" in sys.argv:
    booster.save_model(sys.argv[sys.argv.index("--save") + 1])


def scorer(d):
    return booster.predict(d["sc"].rows)


print("greedy", h.run("vA", scorer), h.run("vB", scorer), flush=True)
if "--rerank" in sys.argv:
    print("rerank", h.run_rerank("vA", scorer), h.run_rerank("vB", scorer), flush=True)
