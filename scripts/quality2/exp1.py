import sys; sys.path.insert(0,'/tmp/q2')
import numpy as np, fit, emb, ev
emb.load(sys.argv[1] if len(sys.argv)>1 else '/tmp/q2/vec64.npz')
files=['/tmp/q2/tr_0_8000.pkl']
vals={k:ev.load(*k) for k in [(0,500),(500,1500)]}
for use in (False, True):
    X,Y=fit.trainset(files,use)
    b=fit.fit(X,Y)
    res=[]
    for k,d in vals.items():
        fit.valscores(d,b,use)
        res.append(ev.run(d, scores_fn=lambda r:r['pred']).round(2))
    print('emb' if use else 'base', X.shape, res, flush=True)
    if use:
        imp=b.feature_importance('gain'); print((imp[-8:]/imp.sum()).round(3))
