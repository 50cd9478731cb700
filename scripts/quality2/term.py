import numpy as np
from newsbrief.score import term_prior
from newsbrief.resources import idf_table
P = term_prior(); IDF = idf_table(); UNK = getattr(IDF, 'unknown', 10.0)
NAMES = ['prior', 'lcount', 'art_share', 'narts', 'sent_share', 'first_pos', 'in_lead', 'max_score',
         'mean_score', 'rank_max', 'idf', 'rank_weight', 'nterms']
def feats(arts, terms, pos, scores):
    ix = {}; rows = []
    aid = {}
    for a in arts: aid.setdefault(a, len(aid))
    na = len(aid); n = len(terms)
    cnt = {}; tart = {}; nsent = {}; first = {}; mx = {}; sm = {}
    for i, ts in enumerate(terms):
        s = scores[i]
        for t in ts:
            cnt[t] = cnt.get(t, 0) + 1
        for t in set(ts):
            tart.setdefault(t, set()).add(arts[i])
            nsent[t] = nsent.get(t, 0) + 1
            first[t] = min(first.get(t, 999), pos[i])
            mx[t] = max(mx.get(t, -1e9), s); sm[t] = sm.get(t, 0.0) + s
    vocab = list(cnt)
    X = np.zeros((len(vocab), len(NAMES)))
    for k, t in enumerate(vocab):
        idf = IDF.get(t, UNK)
        X[k] = [P.get(t, P.base), np.log1p(cnt[t]), len(tart[t]) / na, na, nsent[t] / n, min(first[t], 50),
                first[t] == 0, mx[t], sm[t] / nsent[t], 0, idf, cnt[t] * idf, len(vocab)]
    if len(vocab):
        for c, r in ((7, 9), (11, 11)):
            v = X[:, c]
            X[:, r] = np.argsort(np.argsort(-v, kind='stable'), kind='stable') / max(1, len(vocab) - 1)
    return vocab, X
