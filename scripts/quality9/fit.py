"""Sentence forest refitted on /tmp/q9/rows.npz with the shipped parameters: without the cue
columns (control: must equal the shipped scores) and with them; held-out Pearson as
``train._fit`` reports it; then val A / B with the greedy and with the reranker."""
import os, sys
import numpy as np
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import h
import cues
from newsbrief.evaluate import train as T

BASE = 47
spec = sys.argv[1] if len(sys.argv) > 1 else "all"
z = np.load("/tmp/q9/rows.npz")
x, y, g = z["x"], z["y"], z["g"]
cols = {"control": list(range(BASE)), "all": list(range(x.shape[1])),
        "first8": list(range(BASE)) + list(range(BASE, BASE + 6)) + [BASE + 23, BASE + 24],
        "apsplit": list(range(BASE)) + [BASE + cues.NAMES.index(n) for n in ("ap_dateline", "ap_name", "story_ap")],
        "apsplit1": list(range(BASE)) + [BASE + cues.NAMES.index(n) for n in ("ap", "ap_dateline", "story_ap")],
        "more": list(range(BASE)) + [BASE + cues.NAMES.index(n) for n in ("ap_dateline", "ap_name", "story_ap", "ap_photo", "reuters_dateline", "cnn_dateline", "afp_dateline", "any_dateline")],
        "noindex": list(range(BASE + 25)), "ap": list(range(BASE)) + [BASE, BASE + 23],
        "apwire": list(range(BASE)) + [BASE, BASE + 1, BASE + 2, BASE + 23, BASE + 24], "index": list(range(BASE)) + [BASE + 25, BASE + 26]}[spec]
params = dict(T.SENTENCE_PARAMS)
if len(sys.argv) > 2:
    import json; params.update(json.loads(sys.argv[2]))
booster, metrics = T._fit(x[:, cols], y, g, "regression", params)
print(spec, metrics, flush=True)
imp = booster.feature_importance("gain"); tot = imp.sum()
print("gain share of the cue columns:", round(float(imp[BASE:].sum() / tot), 4) if len(cols) > BASE else 0)

def scorer(d):
    rows = np.hstack([d["sc"].rows[:, :BASE], d["extra"]])[:, cols]
    return booster.predict(rows)

print("greedy", h.run("vA", scorer), h.run("vB", scorer), flush=True)
print("rerank", h.run_rerank("vA", scorer), h.run_rerank("vB", scorer), flush=True)
