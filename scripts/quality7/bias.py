import sys, numpy as np
from newsbrief import rerank
from newsbrief.evaluate import commands
B = float(sys.argv[1])
orig_predict = None
def choose(scored, words, forest=None):
    if forest is None or scored.rows is None:
        return rerank.select(scored, words)
    cands = rerank.candidates(scored, words)
    if len(cands) < 2:
        return list(cands[0].chosen) if cands else []
    ranks = forest.predict(rerank.features(scored, scored.rows, cands, words))
    ranks[0] += B
    return list(cands[int(np.argmax(ranks))].chosen)
from newsbrief import pipeline
pipeline.choose = choose
sys.argv = ["newsbrief", "eval"] + sys.argv[2:]
from newsbrief.cli import main
main()
