"""Candidate summaries per story (greedy variants), their summary-level features, and labels."""
import os, sys, itertools, pickle; sys.path.insert(0, "scripts/quality4")
import h
import numpy as np
from collections import Counter
from dataclasses import replace
import newsbrief.select as S
from newsbrief.evaluate.systems import cut
from newsbrief.evaluate.train import rouge_tokens
GRID = list(itertools.product([0.0, 0.15, 0.3, 0.5], [0.0, 0.3, 0.6], [0.3, 0.4, 0.5]))
SHIP = (0.15, 0.3, 0.4)
# Score boosts for the one-article candidates (Q5_BOOSTS="0.3,0.6"); none by default.
BOOSTS = [float(x) for x in os.environ.get("Q5_BOOSTS", "").split(",") if x]
def setp(lp, mmr, strict):
    S.LENGTH_POWER = lp; S._POWERS = (np.arange(1024, dtype=float) ** lp).tolist()
    S.MMR_PENALTY = mmr; S.STRICT_REDUNDANCY = strict
def r12(toks, U, B):
    u = Counter(toks); b = Counter(zip(toks, toks[1:]))
    def f(c, r):
        o = sum((c & r).values())
        if not o: return 0.0
        p, q = o / sum(c.values()), o / sum(r.values()); return 2*p*q/(p+q)
    return f(u, U), f(b, B)
def order(d, ch):
    first, rest = ch[0], sorted(ch[1:], key=lambda k: d["pos"][k]); return [first, *rest]
def gen(d):
    """[(chosen tuple, generator code)], shipped first."""
    out = {}
    setp(*SHIP); ship = tuple(S.select(d["sc"], 230))
    if not ship: return []
    out[ship] = (SHIP, 0)
    for g in GRID:
        setp(*g); c = tuple(S.select(d["sc"], 230))
        if c: out.setdefault(c, (g, 0))
    setp(*SHIP)
    for r, i in enumerate(ship):
        s = d["sc"].scores.copy(); s[i] = 0.0
        c = tuple(S.select(replace(d["sc"], scores=s), 230))
        if c: out.setdefault(c, (SHIP, r + 1))
    # one article followed: its sentences' scores raised (code 100 + the article's order)
    arts = list(dict.fromkeys(x.article for x in d["sc"].sentences))
    for boost in BOOSTS:
        for k, a in enumerate(arts[:5]):
            s = d["sc"].scores * np.array([1.0 + boost * (x.article == a) for x in d["sc"].sentences])
            c = tuple(S.select(replace(d["sc"], scores=s), 230))
            if c: out.setdefault(c, (SHIP, 100 + k))
    return list(out.items())
def feats(d, cands):
    sc = d["sc"]; s = sc.scores; w = np.array([x.words for x in sc.sentences], float)
    V = sc.vectors; art = [x.article for x in sc.sentences]; arts = sorted(set(art))
    ai = np.array([arts.index(a) for a in art]); pos = np.array(d["pos"], float)
    cent = (V * w[:, None]).sum(0); cent /= np.linalg.norm(cent) or 1
    cs = (V * (w * s)[:, None]).sum(0); cs /= np.linalg.norm(cs) or 1
    rank = np.argsort(np.argsort(-s))
    # consensus: in how many articles each content term and content-term pair occurs
    tdf, pdf = Counter(), Counter()
    if sc.terms:
        for a in arts:
            ts = set(t for i in range(len(art)) if art[i] == a for t in sc.terms[i])
            ps = set(pr for i in range(len(art)) if art[i] == a for pr in zip(sc.terms[i], sc.terms[i][1:]))
            tdf.update(ts); pdf.update(ps)
    tw = sum(v - 1 for v in tdf.values()) or 1; pw = sum(v - 1 for v in pdf.values()) or 1
    t2 = sum(v >= 2 for v in tdf.values()) or 1
    rows = []
    for c, ((lp, mmr, st), drop) in cands:
        c = list(c); wc = w[c]; used = min(wc.sum(), 230)
        v = (V[c] * wc[:, None]).sum(0); nv = np.linalg.norm(v) or 1; v = v / nv
        G = V[c] @ V[c].T; k = len(c)
        off = G[~np.eye(k, dtype=bool)] if k > 1 else np.zeros(1)
        share = np.bincount(ai[c], weights=wc, minlength=len(arts)) / wc.sum()
        terms = [t for i in c for t in sc.terms[i]] if sc.terms else []
        ct = set(t for i in c for t in sc.terms[i]) if sc.terms else set()
        cp = set(pr for i in c for pr in zip(sc.terms[i], sc.terms[i][1:])) if sc.terms else set()
        cons = [sum(tdf[t] - 1 for t in ct) / tw, sum(pdf[q] - 1 for q in cp) / pw,
                sum(tdf[t] >= 2 for t in ct) / t2, np.mean([tdf[t] for t in ct]) if ct else 0.0,
                sum(pdf[q] >= 2 for q in cp) / max(1, len(cp))]
        xa = cons + list((d["x"][c] * wc[:, None]).sum(0) / wc.sum()) if "x" in d else []
        rows.append(xa + [(s[c] * wc).sum() / 230, s[c].mean(), s[c].min(), s[c].max(), used, k,
                     len(set(ai[c].tolist())), len(arts), share.max(), v @ cent, v @ cs,
                     off.mean(), off.max(), pos[c].mean(), (pos[c] == 0).sum(), rank[c].mean(), rank[c].max(),
                     len(set(terms)) / max(1, len(terms)), lp, mmr, st, drop, len(s), s.max(), s.std()])
    X = np.array(rows)
    return np.hstack([X, X - X[0]])
def build(data, lim=None):
    Xs, Ys, Gs, C = [], [], [], []
    for n, d in enumerate(data[:lim]):
        if d is None: continue
        cands = gen(d)
        if not cands: continue
        ref = rouge_tokens(d["summary"]); U, B = Counter(ref), Counter(zip(ref, ref[1:]))
        y = []
        for c, _ in cands:
            toks = rouge_tokens(" ".join(cut([d["texts"][k] for k in order(d, list(c))], 230)))
            a, b = r12(toks, U, B); y.append(a + b)
        y = np.array(y) * 100; y = y - y[0]
        Xs.append(feats(d, cands)); Ys.append(y); Gs.append(np.full(len(y), n)); C.append([c for c, _ in cands])
    return np.vstack(Xs), np.concatenate(Ys), np.concatenate(Gs), C
if __name__ == "__main__":
    src, out = sys.argv[1], sys.argv[2]
    data = pickle.load(open(src, "rb")) if src.endswith(".pkl") else h.load(src)
    X, Y, G, C = build(data)
    pickle.dump((X, Y, G, C), open(out, "wb"))
    print(X.shape, (Y > 0).mean(), flush=True)
