import sys, pickle; sys.path.insert(0,'/tmp/q2')
import numpy as np, lightgbm as lgb, fit, term, ev, sel2
from sklearn.metrics import roc_auc_score
# out-of-fold sentence scores for train 0-8000: forest on 8000-20000 base features
X,Y = fit.trainset(['/tmp/q2/tr_8000_20000.pkl'], False)
sb = fit.fit(X, Y)
tr = pickle.load(open('/tmp/q2/tr_0_8000.pkl','rb'))
TX=[];TY=[]
for r in tr:
    pred = sb.predict(r['x'])
    vocab, x = term.feats(r['arts'], r['terms'], r['pos'], pred)
    s = set(r['sum'])
    TX.append(x); TY.append(np.array([t in s for t in vocab], float))
TX=np.vstack(TX); TY=np.concatenate(TY)
print('term rows', TX.shape, TY.mean())
params={'objective':'binary','verbose':-1,'seed':13,'num_threads':2,'num_leaves':15,'learning_rate':0.1,'min_data_in_leaf':100,'feature_fraction':0.9}
n=len(TY); cut=int(n*0.9)
b=lgb.train(params, lgb.Dataset(TX[:cut],TY[:cut]), 150)
print('heldout AUC', roc_auc_score(TY[cut:], b.predict(TX[cut:])), 'prior-only AUC', roc_auc_score(TY[cut:], TX[cut:,0]))
b=lgb.train(params, lgb.Dataset(TX,TY), 150)
b.save_model('/tmp/q2/termmodel.txt')
imp=b.feature_importance('gain'); print(dict(zip(term.NAMES,(imp/imp.sum()).round(3))))
for a,c in [(0,500),(500,1500)]:
    d=ev.load(a,c)
    for r in d:
        if not r['cands']: continue
        vocab, x = term.feats([s.article for s in r['cands']], r['terms'], [s.position for s in r['cands']], r['scores'])
        r['w'] = dict(zip(vocab, b.predict(x)))
    out=[]
    for beta in (0.3, 1.0, 2.0):
        for q in (1.0,):
            out.append((beta, q, sel2.run(d, lambda r: r['w'], beta=beta, q=q).round(2)))
    print(a, c, out, flush=True)
