import sys, re; sys.path.insert(0,'scripts/quality2'); sys.path.insert(0,'scripts/quality2b')
import numpy as np, ev, trim2
from dataclasses import replace
rng = sys.argv[1:3] if len(sys.argv) > 2 else ['0','500']
d = ev.load(int(rng[0]), int(rng[1]))
# the trimmed text drops the final '.', which 'cut' and ROUGE do not care about much; add '.' via text only
def withdot(fn):
    def g(t):
        s, e = fn(t); return s, e
    return g
res = {}
res['base'] = ev.run(d).round(2)
for name, fn in [('sfx', trim2.make(acc=False)), ('sfx_acc', trim2.make()), ('lead_only', trim2.make(sfx=False, acc=False))]:
    res[name] = ev.run(d, fn).round(2)
    print(rng, name, res[name], flush=True)
res['sfx_acc_rescore'] = ev.run2(d, trim2.make()).round(2)
res['base_rescore'] = ev.run2(d, None).round(2)
print(rng, res, flush=True)
