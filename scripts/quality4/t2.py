import sys; sys.path.insert(0, __import__("os").path.dirname(__file__))
import h, numpy as np
from collections import Counter
STOP = set("the a an of to in and or for on at by with from is was are were be been that this it as he she they his her their its said says has have had not but who which will would".split())
def variant(kind):
    def f(d):
        U, B, toks = h.targets(d)
        allc = Counter(t for ts in toks for t in ts)
        totw = max(1, sum(allc.values()))
        out = []
        for ts in toks:
            if not ts: out.append(0.0); continue
            uni = Counter(ts); bi = Counter(zip(ts, ts[1:]))
            if kind == "uni":
                out.append(sum(min(c, U[t]) for t, c in uni.items()) / len(ts)); continue
            if kind == "bi":
                out.append(sum(min(c, B[t]) for t, c in bi.items()) / max(1, len(ts)-1)); continue
            if kind == "sat":
                e = lambda t: allc[t] * 230 / totw
                u = sum(min(c, U[t]) * min(1.0, U[t] / max(e(t), 1e-9)) for t, c in uni.items()) / len(ts)
                bb = sum(min(c, B[t]) for t, c in bi.items()) / max(1, len(ts)-1)
                out.append(u + bb); continue
            if kind == "nostop":
                u = sum(min(c, U[t]) for t, c in uni.items() if t not in STOP) / len(ts)
                bb = sum(min(c, B[t]) for t, c in bi.items()) / max(1, len(ts)-1)
                out.append(u + bb); continue
        return out
    return f
for k in sys.argv[1:]:
    print(k, h.run("vA", variant(k), limit=500))
