"""Real ROUGE (rouge-score, as newsbrief eval) of the reranker's picks on vA / vB.
usage: realeval.py MODEL.pkl TAU|none vA [vB]"""
import os, sys, pickle; sys.path.insert(0, "scripts/quality4"); sys.path.insert(0, "scripts/quality5")
import numpy as np, h
from newsbrief.evaluate.rouge import rouge
from newsbrief.evaluate.systems import cut
from cands import order
m = pickle.load(open(sys.argv[1], "rb")); tau = None if sys.argv[2] == "none" else float(sys.argv[2])
for name in sys.argv[3:]:
    X, Y, G, C = pickle.load(open(f"/tmp/q5/c{name[1]}{os.environ.get('Q5_SUFFIX', '')}.pkl", "rb"))
    p = m.predict(X); first = np.r_[True, G[1:] != G[:-1]]
    if tau is not None: p[first] = tau
    starts = np.where(first)[0]; pick = {}
    for si, g in enumerate(G[starts]):
        a = starts[si]; b = starts[si + 1] if si + 1 < len(starts) else len(G)
        pick[g] = C[si][int(np.argmax(p[a:b]))]
    data = h.load(name); tot = np.zeros(3); n = 0
    for i, d in enumerate(data):
        n += 1
        if d is None or i not in pick: continue
        out = cut([d["texts"][k] for k in order(d, list(pick[i]))], 230)
        tot += rouge(out, [d["summary"]])
    print(name, "tau", tau, np.round(tot / n, 2), flush=True)
