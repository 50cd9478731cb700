"""Cache pipeline stages up to scoring for val stories [a,b)."""
import sys, pickle, gzip, json
from itertools import chain, islice
from newsbrief.evaluate.data import read_stories
from newsbrief.ingest import story_from_documents
from newsbrief.pipeline import _as_articles
from newsbrief.clean import clean
from newsbrief.segment import segment
from newsbrief.screen import screen
from newsbrief.score import candidates, features, score
from newsbrief.errors import NewsbriefError

a, b = int(sys.argv[1]), int(sys.argv[2])
out = []
for st in islice(read_stories('../shared/data/multi_news/val.jsonl.gz', b), a, b):
    rec = {'id': st.id, 'refs': st.references}
    try:
        story = story_from_documents(st.id, st.documents)
        arts = _as_articles(story.articles)
        cleaned = [clean(x).article for x in arts]
        sents = {x.id: segment(x) for x in cleaned}
        toks = {k: list(chain.from_iterable(s.tokens for s in ss)) for k, ss in sents.items()}
        scr = screen(cleaned, toks)
        kept = [s for x in scr.kept for s in sents[x.id]]
        cands, terms = candidates(kept)
        x, vec = features(cands, terms) if cands else (None, None)
        sc = score(kept)
        rec.update(kept=kept, cands=cands, terms=terms, x=x, vec=vec, scores=sc.scores)
    except NewsbriefError:
        rec.update(kept=[], cands=())
    out.append(rec)
pickle.dump(out, open(f'/tmp/q2/cache_{a}_{b}.pkl', 'wb'))
print(len(out))
