"""Candidates, features and labels with newsbrief.rerank, from round 14/15 caches.
usage: candidates.py SRC OUT [limit]"""
import sys, pickle, multiprocessing as mp; sys.path.insert(0, "scripts/quality5"); sys.path.insert(0, "scripts/quality4")
import numpy as np
from collections import Counter
from newsbrief import rerank
from newsbrief.evaluate.systems import cut
from newsbrief.evaluate.train import rouge_tokens
from cands import order, r12  # scripts/quality5: the same labels and reading order
DATA = None
def one(n):
    d = DATA[n]
    if d is None: return None
    sc = d["sc"]; cands = rerank.candidates(sc, 230)
    if not cands: return None
    X = rerank.features(sc, d["x"], cands, 230)
    ref = rouge_tokens(d["summary"]); U, B = Counter(ref), Counter(zip(ref, ref[1:]))
    y = []
    for c in cands:
        toks = rouge_tokens(" ".join(cut([d["texts"][k] for k in order(d, list(c.chosen))], 230)))
        a, b = r12(toks, U, B); y.append(a + b)
    y = np.array(y) * 100
    return X, y - y[0], [c.chosen for c in cands]
if __name__ == "__main__":
    src, out = sys.argv[1], sys.argv[2]
    DATA = pickle.load(open(src if src.endswith(".pkl") else f"/tmp/q4/{src}.pkl", "rb"))
    if len(sys.argv) > 3: DATA = DATA[:int(sys.argv[3])]
    with mp.get_context("fork").Pool(2) as pool:
        res = pool.map(one, range(len(DATA)), chunksize=64)
    Xs, Ys, Gs, C = [], [], [], {}
    for n, r in enumerate(res):
        if r is None: continue
        Xs.append(r[0]); Ys.append(r[1]); Gs.append(np.full(len(r[1]), n)); C[n] = r[2]
    X, Y, G = np.vstack(Xs), np.concatenate(Ys), np.concatenate(Gs)
    pickle.dump((X, Y, G, C), open(out, "wb"))
    print(out, X.shape, "per story %.1f" % (len(G) / len(C)), "oracle gain %.3f" % np.mean([max(r[1]) for r in res if r]), flush=True)
