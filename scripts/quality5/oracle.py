"""The best-of-candidates ceiling: ROUGE-1 / ROUGE-2 (stemmed tokens) of the shipped selection and of
the best candidate by the reference, over the first N stories of a half. usage: oracle.py vA 400"""
import sys, time, itertools; sys.path.insert(0, "scripts/quality4")
import numpy as np, h
from collections import Counter
from dataclasses import replace
import newsbrief.select as S
from newsbrief.evaluate.systems import cut
from newsbrief.evaluate.train import rouge_tokens
def setp(lp, mmr, strict):
    S.LENGTH_POWER = lp; S._POWERS = (np.arange(1024, dtype=float) ** lp).tolist()
    S.MMR_PENALTY = mmr; S.STRICT_REDUNDANCY = strict
def r12(toks, U, B):
    u = Counter(toks); b = Counter(zip(toks, toks[1:]))
    def f(c, r):
        o = sum((c & r).values()); 
        if not o: return 0.0
        p, q = o / sum(c.values()), o / sum(r.values()); return 2*p*q/(p+q)
    return f(u, U), f(b, B)
def summ(d, ch, words=230):
    first, rest = ch[0], sorted(ch[1:], key=lambda k: d["pos"][k])
    return cut([d["texts"][k] for k in [first, *rest]], words)
name, lim = sys.argv[1], int(sys.argv[2])
data = h.load(name)[:lim]
grid = list(itertools.product([0.0, 0.15, 0.3, 0.5], [0.0, 0.3, 0.6], [0.3, 0.4, 0.5]))
tot_ship = np.zeros(2); tot_orc = np.zeros(2); tot_orc_g = np.zeros(2); nd = []; n = 0
for d in data:
    n += 1
    if d is None: continue
    ref = rouge_tokens(d["summary"]); U, B = Counter(ref), Counter(zip(ref, ref[1:]))
    cands = {}
    setp(0.15, 0.3, 0.4)
    ship = tuple(S.select(d["sc"], 230))
    if not ship: continue
    cands[ship] = "ship"
    for g in grid:
        setp(*g); c = tuple(S.select(d["sc"], 230)); cands.setdefault(c, "grid")
    setp(0.15, 0.3, 0.4)
    for i in ship:
        s = d["sc"].scores.copy(); s[i] = 0.0
        c = tuple(S.select(replace(d["sc"], scores=s), 230)); cands.setdefault(c, "drop")
    sc = {}
    for c, kind in cands.items():
        if not c: continue
        toks = rouge_tokens(" ".join(summ(d, list(c))))
        sc[c] = (r12(toks, U, B), kind)
    s0 = np.array(sc[ship][0]); tot_ship += s0
    best = max(sc.values(), key=lambda v: v[0][0] + v[0][1])[0]; tot_orc += best
    bg = max((v for v in sc.values() if v[1] != "drop"), key=lambda v: v[0][0] + v[0][1])[0]; tot_orc_g += bg
    nd.append(len(sc))
print(name, lim, "ship", np.round(100*tot_ship/n, 2), "oracle", np.round(100*tot_orc/n, 2), "oracle-grid", np.round(100*tot_orc_g/n, 2), "distinct mean", np.mean(nd))
