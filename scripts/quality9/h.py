import pickle, numpy as np
from collections import Counter
from dataclasses import replace
from newsbrief.select import select
from newsbrief.evaluate.rouge import rouge
from newsbrief.evaluate.systems import cut
from newsbrief.evaluate.train import rouge_tokens
_cache = {}
def load(name):
    if name not in _cache:
        _cache[name] = pickle.load(open(f"/tmp/q9/{name}.pkl", "rb"))
    return _cache[name]
def run(name, scorer, words=230, limit=None):
    data = load(name)[:limit]
    tot = np.zeros(3); n = 0
    for d in data:
        n += 1
        if d is None: continue
        s = np.asarray(scorer(d), dtype=np.float64)
        sc = replace(d["sc"], scores=s)
        ch = select(sc, words)
        if not ch: continue
        first, rest = ch[0], sorted(ch[1:], key=lambda k: d["pos"][k])
        out = cut([d["texts"][k] for k in [first, *rest]], words)
        tot += rouge(out, [d["summary"]])
    return tuple(np.round(tot / n, 2))
def targets(d):
    ref = rouge_tokens(d["summary"]); U, B = Counter(ref), Counter(zip(ref, ref[1:]))
    toks = [rouge_tokens(t) for t in d["texts"]]
    return U, B, toks
def run_rerank(name, scorer, words=230, limit=None):
    """As ``run``, with the shipped reranker choosing among the candidates built from the
    given scores (the forest reads ``sc.rows`` as shipped)."""
    from newsbrief import rerank
    model = rerank.model()
    data = load(name)[:limit]
    tot = np.zeros(3); n = 0
    for d in data:
        n += 1
        if d is None: continue
        s = np.asarray(scorer(d), dtype=np.float64)
        sc = replace(d["sc"], scores=s)
        ch = rerank.choose(sc, words, model)
        if not ch: continue
        first, rest = ch[0], sorted(ch[1:], key=lambda k: d["pos"][k])
        out = cut([d["texts"][k] for k in [first, *rest]], words)
        tot += rouge(out, [d["summary"]])
    return tuple(float(x) for x in np.round(tot / n, 2))
