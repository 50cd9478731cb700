import sys, pickle; sys.path.insert(0,'/tmp/q2')
import numpy as np, fit, emb, ev
emb.load()
# probe on 8000-20000
Es=[];Ys=[]
for r in pickle.load(open('/tmp/q2/tr_8000_20000.pkl','rb')):
    E,_=emb.sent_emb(r['terms']); Es.append(E); Ys.append(r['y']-r['y'].mean())
E=np.vstack(Es); Y=np.concatenate(Ys)
probe=np.linalg.solve(E.T@E+10*np.eye(E.shape[1]), E.T@Y)
print('probe corr', np.corrcoef(E@probe, Y)[0,1])
vals={k:ev.load(*k) for k in [(0,500),(500,1500)]}
X,Y=fit.trainset(['/tmp/q2/tr_0_8000.pkl'],True,probe)
b=fit.fit(X,Y)
res=[]
for k,d in vals.items():
    fit.valscores(d,b,True,probe)
    res.append(ev.run(d, scores_fn=lambda r:r['pred']).round(2))
print('emb+probe', res)
imp=b.feature_importance('gain'); print((imp[-9:]/imp.sum()).round(3))
