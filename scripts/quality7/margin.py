import sys, numpy as np
from newsbrief import rerank, pipeline
M = float(sys.argv[1])
def choose(scored, words, forest=None):
    if forest is None or scored.rows is None:
        return rerank.select(scored, words)
    cands = rerank.candidates(scored, words)
    if len(cands) < 2:
        return list(cands[0].chosen) if cands else []
    ranks = forest.predict(rerank.features(scored, scored.rows, cands, words))
    b = int(np.argmax(ranks))
    if ranks[b] - ranks[0] < M: b = 0
    return list(cands[b].chosen)
pipeline.choose = choose
sys.argv = ["newsbrief"] + sys.argv[2:]
from newsbrief.cli import main
main()
