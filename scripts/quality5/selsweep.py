"""Sweep of select.py's constants on the cached halves, shipped sentence scores.
usage: selsweep.py vA '{"lp": [0.0, 0.1], "mmr": [0.0, 0.3]}'"""
import sys, time, itertools, json; sys.path.insert(0, "scripts/quality4")
import numpy as np, h
import newsbrief.select as S
def setp(lp=None, mmr=None, strict=None, lax=None, pairs=None):
    if lp is not None:
        S.LENGTH_POWER = lp; S._POWERS = (np.arange(1024, dtype=float) ** lp).tolist()
    if mmr is not None: S.MMR_PENALTY = mmr
    if strict is not None: S.STRICT_REDUNDANCY = strict
    if lax is not None: S.REDUNDANCY = lax
    if pairs is not None: S.SHARED_PAIRS = pairs
shipped = lambda d: d["sc"].scores
name = sys.argv[1]; grid = json.loads(sys.argv[2])
keys = list(grid)
for combo in itertools.product(*grid.values()):
    kw = dict(zip(keys, combo)); setp(**kw)
    t = time.time(); r = h.run(name, shipped)
    print(name, kw, r, round(time.time()-t, 1), flush=True)
