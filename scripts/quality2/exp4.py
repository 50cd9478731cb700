import sys; sys.path.insert(0,'/tmp/q2')
import numpy as np, ev, emb, trim
emb.load()
for a,c in [(0,500),(500,1500)]:
    d=ev.load(a,c)
    res={'base':ev.run(d).round(2), 'trim_all':ev.run(d, trim.make(dash=True,conj=True,suffix=True)).round(2), 'trim_suffix':ev.run(d, trim.make(suffix=True)).round(2)}
    orig={id(r):r.get('vec') for r in d}
    for wt in (0.3,0.5):
        for r in d:
            if not r['cands']: continue
            E,_=emb.sent_emb(r['terms'])
            v=np.hstack([np.sqrt(1-wt)*orig[id(r)], np.sqrt(wt)*E])
            r['vec']=v/np.maximum(np.linalg.norm(v,axis=1,keepdims=True),1e-12)
        res[f'embred{wt}']=ev.run(d).round(2)
        for r in d: r['vec']=orig[id(r)]
    print(a,c,res,flush=True)
