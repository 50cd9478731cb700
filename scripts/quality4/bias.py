import gzip, json, sys
import numpy as np
from collections import Counter
from newsbrief.ingest import story_from_documents
from newsbrief.clean import clean
from newsbrief.screen import screen
from newsbrief.segment import segment
from newsbrief.score import score, features, candidates, FEATURES
from newsbrief.select import select
from newsbrief.evaluate.train import rouge_tokens, density
lines = gzip.open("../shared/data/multi_news/val.jsonl.gz","rt").readlines()
rows = []
for i in range(int(sys.argv[1]), int(sys.argv[2])):
    rec = json.loads(lines[i])
    try:
        story = story_from_documents(str(i), rec["documents"])
    except Exception: continue
    arts = [clean(a).article for a in story.articles]
    kept = screen(arts).kept
    sents = [s for a in kept for s in segment(a)]
    sc = score(sents)
    if not len(sc.sentences): continue
    ch = set(select(sc, 230))
    ref = rouge_tokens(rec["summary"]); U, B = Counter(ref), Counter(zip(ref, ref[1:]))
    x, _ = features(sc.sentences, sc.terms)
    for k, s in enumerate(sc.sentences):
        t = s.text.lstrip()
        q = t[:1] in "\"“'`"
        rows.append((i, k in ch, q, x[k, FEATURES.index("quotes")] > 0, sc.scores[k], density(s.text, U, B), s.words))
r = np.array(rows, dtype=float)
ch, qs, qa, p, t = r[:,1]>0, r[:,2]>0, r[:,3]>0, r[:,4], r[:,5]
for name, m in [("all", np.ones(len(r),bool)), ("quote_start", qs), ("has quotes", qa), ("no quotes", ~qa)]:
    print(f"{name:12s} n={m.sum():6d} pred={p[m].mean():.3f} true={t[m].mean():.3f} | chosen n={(m&ch).sum():5d} pred={p[m&ch].mean():.3f} true={t[m&ch].mean():.3f}")
