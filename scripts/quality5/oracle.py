"""The best-of-candidates ceiling: ROUGE-1 / ROUGE-2 (stemmed tokens) of the shipped selection and
of the best candidate by the reference (all of ``cands.gen``'s, and the grid's alone), over the
first N stories of a half. usage: oracle.py vA 400"""
import sys; sys.path.insert(0, "scripts/quality4"); sys.path.insert(0, "scripts/quality5")
import numpy as np, h
from collections import Counter
from cands import gen, order, r12
from newsbrief.evaluate.systems import cut
from newsbrief.evaluate.train import rouge_tokens
name, lim = sys.argv[1], int(sys.argv[2])
ship, best, best_grid, sizes, n = np.zeros(2), np.zeros(2), np.zeros(2), [], 0
for d in h.load(name)[:lim]:
    n += 1
    if d is None: continue
    cands = gen(d)
    if not cands: continue
    ref = rouge_tokens(d["summary"]); U, B = Counter(ref), Counter(zip(ref, ref[1:]))
    got = [(np.array(r12(rouge_tokens(" ".join(cut([d["texts"][k] for k in order(d, list(c))], 230))), U, B)), drop)
           for c, (_, drop) in cands]
    ship += got[0][0]
    best += max((g for g, _ in got), key=sum)
    best_grid += max((g for g, drop in got if not drop), key=sum)
    sizes.append(len(got))
print(name, lim, "ship", np.round(100 * ship / n, 2), "oracle", np.round(100 * best / n, 2),
      "oracle-grid", np.round(100 * best_grid / n, 2), "distinct mean", round(float(np.mean(sizes)), 2))
