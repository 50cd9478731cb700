import sys, numpy as np
from newsbrief import pipeline, trees, rerank
f = trees.load_file(sys.argv[1])
pipeline.rerank_model = lambda: f
orig = rerank.features
def features(scored, rows, cands, words):
    x = orig(scored, rows, cands, words)
    own = x[:, : x.shape[1] // 2]
    return np.hstack([x, own - own.max(0), own - own.mean(0)])
rerank.features = features
sys.argv = ["newsbrief"] + sys.argv[2:]
from newsbrief.cli import main
main()
