"""Re-split cached kept sentences at quote boundaries ('. " x'), offsets kept valid."""
import re, sys
from dataclasses import replace
sys.path.insert(0, 'scripts/quality2')
import ev
import numpy as np
import newsbrief.score as SC
BOUND = re.compile(r'[.!?]\s+(")\s*(?=\S)|[.!?]\s*(")\s+(?=\S)')
def resplit(kept):
    out = []; pos = {}
    for s in kept:
        t = s.text; cuts = [0]
        for m in BOUND.finditer(t):
            q = m.start(1) if m.group(1) else m.start(2)
            opening = t[:q].count('"') % 2 == 0
            c = q if opening else q + 1
            while c < len(t) and t[c] == ' ': c += 1
            if 0 < c < len(t): cuts.append(c)
        cuts.append(len(t))
        for a, b in zip(cuts, cuts[1:]):
            seg = t[a:b].rstrip()
            if not seg.strip(): continue
            p = pos.get(s.article, 0); pos[s.article] = p + 1
            out.append(replace(s, start=s.start + a, end=s.start + a + len(seg), text=seg, position=p))
    return out
if __name__ == '__main__':
    a, b = int(sys.argv[1]), int(sys.argv[2])
    d = ev.load(a, b)
    for r in d:
        if r['cands']: r['kept'] = resplit(r['kept'])
    for mx in [80, 150]:
        SC.MAX_WORDS = mx
        print(a, b, 'resplit', mx, ev.run2(d).round(2), flush=True)
