import gzip, json, sys, time
import numpy as np, scipy.sparse as sp
from sklearn.utils.extmath import randomized_svd
from newsbrief.segment import split_spans
from newsbrief.text import content_terms
t0=time.time()
vocab=[]
with gzip.open('newsbrief/data/term_prior.tsv.gz','rt') as f:
    f.readline()
    for line in f: vocab.append(line.split('\t')[0])
V=len(vocab); idx={t:i for i,t in enumerate(vocab)}
a,b,K=int(sys.argv[1]),int(sys.argv[2]),int(sys.argv[3])
M=sp.csr_matrix((V,V),dtype=np.float64)
rows=[];cols=[]
def flush():
    global M,rows,cols
    if rows:
        r=np.concatenate(rows);c=np.concatenate(cols)
        M=M+sp.csr_matrix((np.ones(len(r)),(r,c)),shape=(V,V))
    rows=[];cols=[]
with gzip.open('../shared/data/multi_news/train.jsonl.gz','rt') as f:
    for n,line in enumerate(f):
        if n<a: continue
        if n>=b: break
        rec=json.loads(line)
        for d in rec['documents']:
            if not isinstance(d,str): continue
            for s,e,_ in split_spans(d[:20000]):
                ids=np.unique([idx[t] for t in content_terms(d[s:e]) if t in idx])
                if len(ids)<2 or len(ids)>60: continue
                I,J=np.meshgrid(ids,ids); m=I!=J
                rows.append(I[m]);cols.append(J[m])
        if n%1000==0: flush(); print(n, time.time()-t0, flush=True)
flush()
M=M.tocsr(); tot=M.sum(); rs=np.asarray(M.sum(1)).ravel(); cs=rs**0.75; cs/=cs.sum()
M=M.tocoo()
pmi=np.log(M.data*1.0/tot/(rs[M.row]/tot)/cs[M.col])
keep=pmi>0
P=sp.csr_matrix((pmi[keep],(M.row[keep],M.col[keep])),shape=(V,V))
U,S,_=randomized_svd(P,K,random_state=13,n_iter=5)
W=U*np.sqrt(S); W/=np.maximum(np.linalg.norm(W,axis=1,keepdims=True),1e-9)
np.savez_compressed(f'/tmp/q2/vec{K}.npz',W=W.astype(np.float16),vocab=np.array(vocab))
print('done',time.time()-t0, P.nnz)
