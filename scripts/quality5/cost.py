"""Cost per story of the shipped selection, of all candidate generators, and of the prototype features."""
import sys, time; sys.path.insert(0, "scripts/quality4"); sys.path.insert(0, "scripts/quality5")
import numpy as np, h, cands
from newsbrief.select import select
data = [d for d in h.load("vA") if d is not None][:800]
t = time.perf_counter()
for d in data: select(d["sc"], 230)
t1 = time.perf_counter()
gs = [cands.gen(d) for d in data]
t2 = time.perf_counter()
for d, g in zip(data, gs): cands.feats(d, g)
t3 = time.perf_counter()
n = len(data)
print("one select %.1f us; all generators %.0f us (%.1f candidates); features (numpy prototype) %.0f us per story"
      % ((t1 - t) / n * 1e6, (t2 - t1) / n * 1e6, np.mean([len(g) for g in gs]), (t3 - t2) / n * 1e6))
