import sys, pickle, re
from dataclasses import replace
import numpy as np
from newsbrief.score import Scored
from newsbrief import select as S
from newsbrief.evaluate.systems import cut
from newsbrief.evaluate.rouge import rouge

def load(a, b):
    return pickle.load(open(f'/tmp/q2/cache_{a}_{b}.pkl', 'rb'))

def trimmed(s, fn):
    if fn is None: return s
    ds, de = fn(s.text)
    if ds == 0 and de == len(s.text): return s
    return replace(s, start=s.start + ds, end=s.start + de, text=s.text[ds:de])

def run(data, fn=None, scores_fn=None, words=230, show=0):
    tot = np.zeros(3); n = 0
    for r in data:
        n += 1
        if not r['cands']:
            continue
        cands = tuple(trimmed(s, fn) for s in r['cands'])
        sc = r['scores'] if scores_fn is None else scores_fn(r)
        scored = Scored(cands, sc, r['vec'], r['terms'])
        picked = S.select(scored, words)
        if not picked: continue
        lead = max(range(len(picked)), key=lambda k: (cands[picked[k]].position == 0, sc[picked[k]]))
        o = S.order(lead, [cands[i].position for i in picked])
        texts = [cands[picked[k]].text for k in o]
        if show and n <= show:
            print('\n'.join(texts)); print('---')
        tot += rouge(cut(texts, words), r['refs'])
    return tot / n

def run2(data, fn=None, words=230):
    from newsbrief.score import score
    tot = np.zeros(3); n = 0
    for r in data:
        n += 1
        if not r['cands']: continue
        kept = [trimmed(s, fn) for s in r['kept']]
        scored = score(kept)
        cands, sc = scored.sentences, scored.scores
        picked = S.select(scored, words)
        if not picked: continue
        lead = max(range(len(picked)), key=lambda k: (cands[picked[k]].position == 0, sc[picked[k]]))
        o = S.order(lead, [cands[i].position for i in picked])
        tot += rouge(cut([cands[picked[k]].text for k in o], words), r['refs'])
    return tot / n
