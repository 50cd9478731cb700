import sys, numpy as np
from newsbrief import rerank, pipeline, trees
forest = trees.load_file(sys.argv[1])
def choose(scored, words, f=None):
    cands = rerank.candidates(scored, words)
    x = rerank.features(scored, scored.rows, cands, words)
    ranks = forest.predict(x)
    names = rerank._shipped_names()
    for c, r in zip(cands, ranks):
        print(f"{r:7.3f} set={c.setting} drop={c.dropped} n={len(c.chosen)}")
    b = int(np.argmax(ranks))
    print("picked", b)
    for i in cands[b].chosen:
        if i not in cands[0].chosen: print("  +", scored.sentences[i].text[:90], round(float(scored.scores[i]),3))
    for i in cands[0].chosen:
        if i not in cands[b].chosen: print("  -", scored.sentences[i].text[:90], round(float(scored.scores[i]),3))
    for col in ("story_sentences", "fill", "sentences", "articles_used", "density", "mean_position"):
        j = names.index(col); print(col, x[0, j], x[b, j])
    return list(cands[b].chosen)
pipeline.choose = choose

from newsbrief.ingest import read_inputs
from newsbrief.model import Options
story = read_inputs(["examples/syria-military-police-chief"], stdin=None)
pipeline.summarize_story(story, Options(words=int(sys.argv[2]), analysis=False, rerank=True))
