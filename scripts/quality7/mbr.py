import sys, os, numpy as np
from newsbrief import rerank, pipeline
L = float(sys.argv[1]); MODE = sys.argv[2]
def choose(scored, words, forest=None):
    if forest is None or scored.rows is None:
        return rerank.select(scored, words)
    cands = rerank.candidates(scored, words)
    if len(cands) < 2:
        return list(cands[0].chosen) if cands else []
    ranks = forest.predict(rerank.features(scored, scored.rows, cands, words))
    w = [s.words for s in scored.sentences]
    sets = [set(c.chosen) for c in cands]
    size = [sum(w[i] for i in s) for s in sets]
    n = len(cands)
    m = np.zeros(n)
    if MODE == "soft":
        p = np.exp(ranks - ranks.max()); p /= p.sum()
    else:
        p = np.ones(n) / n
    for a in range(n):
        tot = 0.0
        for b in range(n):
            if a == b: continue
            sh = sum(w[i] for i in sets[a] & sets[b])
            tot += p[b] * 2 * sh / (size[a] + size[b])
        m[a] = tot
    return list(cands[int(np.argmax(ranks + L * m))].chosen)
pipeline.choose = choose
sys.argv = ["newsbrief", "eval"] + sys.argv[3:]
from newsbrief.cli import main
main()
