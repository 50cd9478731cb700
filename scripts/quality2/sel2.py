import numpy as np
from newsbrief import select as S
from newsbrief.evaluate.systems import cut
from newsbrief.evaluate.rouge import rouge

def select(cands, scores, vec, terms, w, words, beta=0.0, q=1.0, mode='add'):
    n = len(cands)
    lengths = np.array([s.words for s in cands])
    value = (scores * lengths.astype(float) ** S.LENGTH_POWER).tolist()
    size = lengths.tolist()
    tsets = [set(t) for t in terms]
    covered = set()
    chosen = []; used = 0; max_sim = [0.0]*n
    pairs = S._PairSets(terms); repeats = [False]*n
    for limit in (S.STRICT_REDUNDANCY, S.REDUNDANCY):
        strict = limit == S.STRICT_REDUNDANCY
        available = [True]*n
        for i in chosen: available[i] = False
        while True:
            left = words - used
            best, bg = -1, 0.0
            for i in range(n):
                if not available[i]: continue
                if not (size[i] <= left and max_sim[i] <= limit) or (strict and repeats[i]):
                    available[i] = False; continue
                g = value[i] * (1.0 - S.MMR_PENALTY * max_sim[i])
                if beta:
                    tot = sum(w.get(t, 0.0) for t in tsets[i])
                    new = sum(w.get(t, 0.0) for t in tsets[i] - covered)
                    if mode == 'add':
                        g += beta * new / size[i] ** q
                    else:  # mult: scale by the share of its weight still new
                        g *= (new / tot if tot > 0 else 1.0) ** beta
                if best < 0 or g > bg: best, bg = i, g
            if best < 0: break
            available[best] = False; chosen.append(best); used += size[best]
            covered |= tsets[best]
            sims = (vec @ vec[best]).tolist()
            max_sim = [m if m >= x else x for m, x in zip(max_sim, sims)]
            if strict and pairs[best]:
                mine = pairs[best]
                for i in range(n):
                    if available[i] and len(pairs[i] & mine) >= S.SHARED_PAIRS: repeats[i] = True
    return chosen

def run(data, wfn, words=230, key='scores', **kw):
    tot = np.zeros(3); n = 0
    for r in data:
        n += 1
        if not r['cands']: continue
        cands = r['cands']; sc = r[key]
        w = wfn(r) if wfn else {}
        picked = select(cands, sc, r['vec'], r['terms'], w, words, **kw)
        if not picked: continue
        lead = max(range(len(picked)), key=lambda k: (cands[picked[k]].position == 0, sc[picked[k]]))
        o = S.order(lead, [cands[i].position for i in picked])
        tot += rouge(cut([cands[picked[k]].text for k in o], words), r['refs'])
    return tot / n
