"""Which articles editors follow: for train stories [skip, skip + n) (``outlet.py N SKIP``), how often
the article with the largest share of the summary's word pairs names an outlet in its raw text."""
import gzip, json, re, sys, collections
import numpy as np
CUES = {
 'ap': r"\(\s*ap\s*\)|associated press",
 'reuters': r"reuters",
 'cnn': r"\bcnn\b",
 'nyt': r"new york times|nytimes",
 'wapo': r"washington post",
 'bbc': r"\bbbc\b",
 'guardian': r"\bguardian\b",
 'afp': r"\bafp\b|agence france",
 'bloomberg': r"bloomberg",
 'usatoday': r"usa today",
 'wsj': r"wall street journal",
 'copyright': r"copyright|©|all rights reserved",
 'photo': r"\bphoto\b|image caption|getty",
 'advert': r"advertisement",
}
W = re.compile(r"[a-z0-9]+")
def bigr(t):
    w = W.findall(t.lower()); return set(zip(w, w[1:])), len(w)
n = int(sys.argv[1]); skip = int(sys.argv[2]) if len(sys.argv) > 2 else 0
rows = []
with gzip.open('../shared/data/multi_news/train.jsonl.gz', 'rt') as f:
    for k, line in enumerate(f):
        if k < skip: continue
        if k >= skip + n: break
        d = json.loads(line); docs = [x for x in d['documents'] if x.strip()]
        if len(docs) < 2: continue
        sb, _ = bigr(d['summary'])
        if not sb: continue
        sc = []
        for doc in docs:
            db, L = bigr(doc)
            sc.append(len(db & sb) / len(sb))
        sc = np.array(sc); best = int(np.argmax(sc))
        for i, doc in enumerate(docs):
            low = doc.lower()
            cues = {c: bool(re.search(p, low)) for c, p in CUES.items()}
            rows.append((k, i, len(docs), sc[i] - sc.mean(), i == best, cues, len(W.findall(low))))

best = np.array([r[4] for r in rows]); dev = np.array([r[3] for r in rows]); idx = np.array([r[1] for r in rows])
print(len(rows), 'articles; base best-rate', round(best.mean(), 3))
for c in list(CUES) + ['first']:
    col = np.array([r[5][c] for r in rows]) if c != 'first' else (idx == 0)
    print(f"{c:10s} share {col.mean():.3f}  best-rate with {best[col].mean():.3f} without {best[~col].mean():.3f}  dev with {dev[col].mean():+.4f} without {dev[~col].mean():+.4f}")
words = np.array([r[6] for r in rows]); ns = np.array([r[2] for r in rows])
# rank of length within the story
from collections import defaultdict
by = defaultdict(list)
for j, r in enumerate(rows): by[r[0]].append(j)
longest = np.zeros(len(rows), bool)
for js in by.values():
    longest[max(js, key=lambda j: words[j])] = True
print('longest share', longest.mean(), 'best-rate longest', best[longest].mean(), 'not', best[~longest].mean())
for c in ['ap', 'reuters', 'cnn', 'nyt', 'photo', 'copyright', 'advert', 'first']:
    col = np.array([r[5][c] for r in rows]) if c != 'first' else (idx == 0)
    for L in (True, False):
        m = longest == L
        print(f"{c:10s} longest={L!s:5s} n={int((col&m).sum()):5d} best with {best[col&m].mean():.3f} without {best[~col&m].mean():.3f}")
