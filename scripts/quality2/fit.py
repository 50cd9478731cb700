import pickle, sys, numpy as np, lightgbm as lgb
sys.path.insert(0, '/tmp/q2')
import emb, ev
from newsbrief.evaluate.train import SENTENCE_PARAMS
def trainset(files, use_emb, probe=None):
    X=[];Y=[]
    for fn in files:
        for r in pickle.load(open(fn,'rb')):
            x = r['x']
            if use_emb:
                f, E = emb.feats(r['arts'], r['terms'])
                extra=[f]
                if probe is not None: extra.append((E@probe)[:,None])
                x = np.hstack([x, *extra])
            X.append(x); Y.append(r['y'])
    return np.vstack(X), np.concatenate(Y)
def fit(X, Y):
    p=dict(SENTENCE_PARAMS); rounds=p.pop('rounds')
    base={'objective':'regression','verbose':-1,'seed':13,'deterministic':True,'num_threads':2,**p}
    return lgb.train(base, lgb.Dataset(X,Y), rounds)
def valscores(data, booster, use_emb, probe=None):
    for r in data:
        if not r['cands']: continue
        x = r['x']
        if use_emb:
            f, E = emb.feats([s.article for s in r['cands']], r['terms'])
            extra=[f]
            if probe is not None: extra.append((E@probe)[:,None])
            x = np.hstack([x,*extra])
        r['pred'] = booster.predict(x)
