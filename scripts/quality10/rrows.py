"""The reranker's training rows as ``newsbrief train --only rerank`` builds them
(``train._rerank_rows``: the first 30,000 train stories, each scored by a sentence forest fitted
outside its chunk), with each candidate's ROUGE-1 and ROUGE-2 gains over the greedy kept apart,
and the chunk forests fitted to the target u + W * b of /tmp/q10/rows.npz.
Usage: rrows.py W OUT.npz [STORIES]; NODROPS=1: without the candidates that re-choose the
greedy's summary without one of its sentences."""
import multiprocessing as mp
import sys
from collections import Counter

import os

import numpy as np

from newsbrief import rerank
from newsbrief.evaluate import train as T
from newsbrief.evaluate.systems import cut
from newsbrief.score import Scored
from newsbrief.select import order


if __name__ == "__main__":
    import lightgbm as lgb
    w, out = float(sys.argv[1]), sys.argv[2]
    n_stories = int(sys.argv[3]) if len(sys.argv) > 3 else T.RERANK_STORIES
    path = "../shared/data/multi_news/train.jsonl.gz"
    T._fold_tables(path)
    z = np.load("/tmp/q10/rows.npz")
    x, y, g = z["x"], z["u"] + w * z["b"], z["g"]
    with mp.get_context("fork").Pool(2) as pool:
        stories = [s for s in pool.imap(T._rerank_story, enumerate(T._lines(path, n_stories)),
                                         chunksize=16) if s is not None]
    bounds = np.linspace(0, n_stories, T.RERANK_CHUNKS + 1).astype(int)
    params = {"objective": "regression", "verbose": -1, "seed": T.SEED, "deterministic": True,
              "num_threads": 2, **T.SENTENCE_PARAMS}
    rounds = params.pop("rounds")
    xs, r1s, r2s, gs = [], [], [], []
    for lo, hi in zip(bounds, bounds[1:]):
        outside = (g < lo) | (g >= hi)
        forest = lgb.train(params, lgb.Dataset(x[outside], y[outside]), rounds)
        for s in [s for s in stories if lo <= s["n"] < hi]:
            sc = s["scored"]
            sc = Scored(sc.sentences, forest.predict(sc.rows).astype(np.float64), sc.vectors,
                        sc.terms, sc.eligible, sc.rows)
            cands = rerank.candidates(sc, T.RERANK_WORDS)
            if os.environ.get("NODROPS"):  # only the generators' runs, none re-chosen
                cands = [c for c in cands if c.dropped == 0]
            if os.environ.get("MAXDROP"):  # re-chosen without one of the first K only
                cands = [c for c in cands if c.dropped <= int(os.environ["MAXDROP"])]
            if len(cands) < 2:
                continue
            ref = T.rouge_tokens(s["summary"])
            ru, rb = Counter(ref), Counter(zip(ref, ref[1:]))
            a1, a2 = [], []
            for c in cands:
                texts = [sc.sentences[c.chosen[k]].text for k in
                         order(0, [sc.sentences[i].position for i in c.chosen])]
                r1, r2 = T.rouge_f1s(T.rouge_tokens(" ".join(cut(texts, T.RERANK_WORDS))), ru, rb)
                a1.append(100.0 * r1)
                a2.append(100.0 * r2)
            xs.append(rerank.features(sc, sc.rows, cands, T.RERANK_WORDS))
            r1s.append(np.array(a1) - a1[0])
            r2s.append(np.array(a2) - a2[0])
            gs.append(np.full(len(cands), s["n"]))
        print("chunk", lo, hi, flush=True)
    np.savez(out, x=np.vstack(xs), r1=np.concatenate(r1s), r2=np.concatenate(r2s),
             g=np.concatenate(gs))
    print(sum(map(len, gs)), "rows")
