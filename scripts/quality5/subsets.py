"""Forward selection of candidate generators (choose on vA, check on vB) for a fitted reranker.
usage: subsets.py MODEL.pkl"""
import pickle, sys, numpy as np
m = pickle.load(open(sys.argv[1], "rb"))
def prep(name):
    X, Y, G, C = pickle.load(open(f"/tmp/q5/{name}.pkl", "rb"))
    p = m.predict(X); first = np.r_[True, G[1:] != G[:-1]]
    w = X.shape[1] // 2; gen = [tuple(np.round(r, 2)) for r in X[:, w - 7:w - 3]]  # lp, mmr, strict, drop
    return Y, p, gen, list(np.where(first)[0]) + [len(G)]
# A candidate made by several generators carries the code of the first that made it (cands.gen
# dedups), so a subset's gain is approximate: it misses candidates first made by a generator
# outside the subset.
def gain(D, keep):
    Y, p, gen, starts = D; tot = 0
    for a, b in zip(starts, starts[1:]):
        best = a
        for i in range(a + 1, b):
            if gen[i] in keep and p[i] > p[best]: best = i
        tot += Y[best]
    return tot / (len(starts) - 1)
A = prep("cA"); B = prep("cB")
allg = sorted(set(A[2])); chosen = set()
print("all: A %.3f B %.3f" % (gain(A, set(allg)), gain(B, set(allg))))
for step in range(10):
    best = max((g for g in allg if g not in chosen), key=lambda g: gain(A, chosen | {g}))
    chosen.add(best)
    print(step + 1, best, "A %.3f B %.3f" % (gain(A, chosen), gain(B, chosen)), flush=True)
