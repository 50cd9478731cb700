import numpy as np
from newsbrief.resources import idf_table
_z = None
def load(path='/tmp/q2/vec64.npz'):
    global _z
    z = np.load(path); W = z['W'].astype(np.float64)
    _z = (W, {t: i for i, t in enumerate(z['vocab'].tolist())})
    return _z
NAMES = ['emb_centrality', 'emb_art_centrality', 'emb_support', 'emb_max_other', 'emb_mean_sim',
         'emb_rank_centrality', 'emb_gap_centrality', 'emb_coverage']
def sent_emb(terms, W=None, ix=None):
    if W is None: W, ix = _z
    idf = idf_table(); unk = getattr(idf, 'unknown', 10.0)
    E = np.zeros((len(terms), W.shape[1])); cov = np.zeros(len(terms))
    for i, ts in enumerate(terms):
        ids = []; ws = []
        for t in set(ts):
            j = ix.get(t)
            if j is not None:
                ids.append(j); ws.append(idf.get(t, unk))
        if ids:
            E[i] = np.asarray(ws) @ W[ids]
        cov[i] = len(ids) / max(1, len(set(ts)))
    nr = np.linalg.norm(E, axis=1, keepdims=True); nr[nr == 0] = 1
    return E / nr, cov
def feats(arts, terms):
    E, cov = sent_emb(terms)
    n = len(arts)
    ids = {}; a = np.array([ids.setdefault(x, len(ids)) for x in arts]); na = len(ids)
    c = E.sum(0); cn = np.linalg.norm(c)
    cent = E @ (c / cn) if cn > 0 else np.zeros(n)
    oh = np.zeros((n, na)); oh[np.arange(n), a] = 1
    ac = oh.T @ E
    acn = ac / np.maximum(np.linalg.norm(ac, axis=1, keepdims=True), 1e-12)
    artc = np.einsum('ij,ij->i', E, acn[a])
    sim = E @ E.T
    if na > 1:
        other = c[None, :] - ac[a]
        other /= np.maximum(np.linalg.norm(other, axis=1, keepdims=True), 1e-12)
        sup = np.einsum('ij,ij->i', E, other)
        mo = np.where(a[:, None] == a[None, :], -1.0, sim).max(1)
    else:
        sup = np.zeros(n); mo = np.zeros(n)
    ms = (sim.sum(1) - np.einsum('ii->i', sim)) / max(1, n - 1)
    rank = np.argsort(np.argsort(-cent, kind='stable'), kind='stable') / max(1, n - 1)
    gap = cent.max() - cent
    return np.column_stack([cent, artc, sup, mo, ms, rank, gap, cov]), E
