import sys; sys.path.insert(0,'/tmp/q2')
import numpy as np, lightgbm as lgb, ev, fit
from newsbrief.evaluate.train import SENTENCE_PARAMS
X,Y = fit.trainset(['/tmp/q2/tr_0_8000.pkl','/tmp/q2/tr_8000_20000.pkl'], False)
print(X.shape, flush=True)
bs=[]
for seed in (1,2,3):
    p=dict(SENTENCE_PARAMS); r=p.pop('rounds')
    base={'objective':'regression','verbose':-1,'seed':seed,'deterministic':True,'num_threads':2,'bagging_fraction':0.8,'bagging_freq':1,**p}
    bs.append(lgb.train(base, lgb.Dataset(X,Y), r))
for a,c in [(0,500),(500,1500)]:
    d=ev.load(a,c)
    for r in d:
        if r['cands']:
            r['p3']=np.mean([b.predict(r['x']) for b in bs],axis=0)
            r['p4']=(3*r['p3']+r['scores'])/4
            r['p1']=bs[0].predict(r['x'])
    print(a,c,{k:ev.run(d, scores_fn=lambda r,k=k:r[k]).round(2) for k in ('p1','p3','p4')}, flush=True)
