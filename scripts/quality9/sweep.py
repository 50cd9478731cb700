"""The greedy's settings re-checked with the round-19 scores (the cached shipped scores of vA /
vB): length power, MMR penalty, strict redundancy limit, one at a time."""
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import h
from newsbrief import select as S

base = (S.LENGTH_POWER, S.MMR_PENALTY, S.STRICT_REDUNDANCY)
def at(power, mmr, strict):
    S.LENGTH_POWER, S.MMR_PENALTY, S.STRICT_REDUNDANCY = power, mmr, strict
    try:
        return h.run("vA", lambda d: d["scores"]), h.run("vB", lambda d: d["scores"])
    finally:
        S.LENGTH_POWER, S.MMR_PENALTY, S.STRICT_REDUNDANCY = base
print("shipped", base, at(*base), flush=True)
grid = [tuple(float(x) for x in a.split(",")) for a in sys.argv[1:]] or [
    (0.0, 0.3, 0.4), (0.3, 0.3, 0.4), (0.15, 0.0, 0.4), (0.15, 0.6, 0.4), (0.15, 0.3, 0.35),
    (0.15, 0.3, 0.45)]
for v in grid:
    print(v, at(*v), flush=True)
