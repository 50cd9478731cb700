import numpy as np
from collections import defaultdict
from newsbrief.score import term_prior
P = term_prior()
def stats(r):
    arts = {}
    tart = defaultdict(set); tcnt = defaultdict(int); tfirst = {}
    for s, ts in zip(r['cands'], r['terms']):
        arts.setdefault(s.article, len(arts))
        for t in ts:
            tart[t].add(s.article); tcnt[t] += 1
            tfirst[t] = min(tfirst.get(t, 99), s.position)
    return len(arts), tart, tcnt, tfirst
def make(kind, a=1.0, b=1.0):
    def f(r):
        na, tart, tcnt, tfirst = stats(r)
        w = {}
        for t in tart:
            p = P.get(t, P.base)
            sh = len(tart[t]) / na
            if kind == 'prior': w[t] = p
            elif kind == 'prior_share': w[t] = p ** a * sh ** b
            elif kind == 'prior_cnt': w[t] = p ** a * np.log1p(tcnt[t]) ** b
            elif kind == 'prior_cnt_share': w[t] = p ** a * np.log1p(tcnt[t]) ** b * sh
        return w
    return f
