import numpy as np
from newsbrief.score import Scored
from newsbrief import select as S
from newsbrief.evaluate.systems import cut
from newsbrief.evaluate.rouge import rouge
from newsbrief.text import content_terms

def cover_select(cands, terms, scores, vec, wfn, words=230, q=1.0, alpha=0.0, p=0.15, redund=None):
    n = len(cands)
    L = [c.words for c in cands]
    tsets = [set(t) for t in terms]
    w = wfn  # dict term->weight
    covered = set(); chosen = []; used = 0
    avail = [True]*n
    maxsim = np.zeros(n)
    while True:
        best, bg = -1, -1e9
        for i in range(n):
            if not avail[i] or L[i] > words - used: continue
            if redund is not None and maxsim[i] > redund: continue
            g = sum(w.get(t, 0.0) for t in tsets[i] - covered) / (L[i] ** q) + alpha * scores[i] * L[i] ** p
            if g > bg: best, bg = i, g
        if best < 0: break
        avail[best] = False; chosen.append(best); used += L[best]; covered |= tsets[best]
        if redund is not None: maxsim = np.maximum(maxsim, vec @ vec[best])
    return chosen

def run(data, wfn_story, words=230, **kw):
    tot = np.zeros(3); n = 0
    for r in data:
        n += 1
        if not r['cands']: continue
        cands = r['cands']; sc = r.get('pred', r['scores'])
        w = wfn_story(r)
        picked = cover_select(cands, r['terms'], sc, r['vec'], w, words, **kw)
        if not picked: continue
        lead = max(range(len(picked)), key=lambda k: (cands[picked[k]].position == 0, sc[picked[k]]))
        o = S.order(lead, [cands[i].position for i in picked])
        tot += rouge(cut([cands[picked[k]].text for k in o], words), r['refs'])
    return tot / n
