import gzip, json, sys, pickle
import numpy as np
from newsbrief.ingest import story_from_documents
from newsbrief.clean import clean
from newsbrief.screen import screen
from newsbrief.segment import segment
from newsbrief.score import score, features
from newsbrief import pair_prior
from newsbrief.errors import NewsbriefError
path, a, b, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
f = gzip.open(path, "rt")
data = []
for i, line in enumerate(f):
    if i < a: continue
    if i >= b: break
    rec = json.loads(line)
    try:
        story = story_from_documents(str(i), rec["documents"])
    except NewsbriefError:
        data.append(None); continue
    arts = [clean(a_).article for a_ in story.articles]
    kept = screen(arts).kept
    sents = [s for a_ in kept for s in segment(a_)]
    sc = score(sents)
    if not len(sc.sentences):
        data.append(None); continue
    x, _ = features(sc.sentences, sc.terms)
    px = pair_prior.features([s.tokens for s in sc.sentences], pair_prior.shipped())
    data.append(dict(summary=rec["summary"], texts=[s.text for s in sc.sentences],
        words=[s.words for s in sc.sentences], art=[s.article for s in sc.sentences],
        pos=[s.position for s in sc.sentences], vec=sc.vectors, terms=sc.terms,
        scores=sc.scores, x=np.hstack([x, px]), sc=sc))
pickle.dump(data, open(out, "wb"))
print(len(data), sum(d is None for d in data))
