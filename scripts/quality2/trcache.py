import sys, pickle, json
from collections import Counter
import numpy as np
from newsbrief.evaluate.train import _lines, _prepare, rouge_tokens, density
from newsbrief.errors import NewsbriefError
from newsbrief.score import candidates, features
from newsbrief.screen import screen
from newsbrief.segment import segment
from newsbrief.text import content_terms
a, b = int(sys.argv[1]), int(sys.argv[2])
out = []
for n, line in enumerate(_lines('../shared/data/multi_news/train.jsonl.gz', b)):
    if n < a: continue
    try:
        rec, arts = _prepare(line)
    except NewsbriefError:
        continue
    kept = screen(arts).kept
    sents = [s for x in kept for s in segment(x)]
    cands, terms = candidates(sents)
    if not cands: continue
    x, _ = features(cands, terms)
    ref = rouge_tokens(rec["summary"])
    ru, rb = Counter(ref), Counter(zip(ref, ref[1:]))
    y = np.array([density(s.text, ru, rb) for s in cands])
    out.append(dict(sum=sorted(set(content_terms(rec["summary"]))), cands=cands, x=x.astype(np.float32), y=y, arts=[s.article for s in cands], terms=terms, pos=[s.position for s in cands]))
pickle.dump(out, open(f'/tmp/q2/tr_{a}_{b}.pkl', 'wb'))
print(len(out))
