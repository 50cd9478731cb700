"""Trigram prior experiment: count cross-fitted trigram tables (as pairs of pseudo-tokens),
dump extra training columns aligned with rows.npz, and val features for vA/vB."""
import sys, json, pickle
import numpy as np
from newsbrief.evaluate import train as T
from newsbrief import pair_prior, score as score_mod
from newsbrief.text import words
path = "../shared/data/multi_news/train.jsonl.gz"
folds = 5
vocab = {}
seen_parts, hit_parts, seen_fold, hit_fold = [], [], [], []
S = 1 << 21
def codes(tris):
    return np.fromiter(((a << 42) | (b << 21) | c for a, b, c in tris), np.int64, len(tris))
for n, line in enumerate(T._lines(path, 10**9)):
    rec = json.loads(line)
    found = set()
    for d in rec["documents"]:
        if isinstance(d, str):
            ids = [vocab.setdefault(t, len(vocab)) % S for t in words(d)]
            found.update(zip(ids, ids[1:], ids[2:]))
    ids = [vocab.setdefault(t, len(vocab)) % S for t in words(rec.get("summary") or "")]
    hit = found & set(zip(ids, ids[1:], ids[2:]))
    seen_parts.append(codes(found)); hit_parts.append(codes(hit))
    seen_fold.append(len(found)); hit_fold.append(len(hit))
print("vocab", len(vocab), flush=True)
fold_of = np.arange(len(seen_fold)) % folds
seen = np.concatenate(seen_parts); hits = np.concatenate(hit_parts)
del seen_parts, hit_parts
uniq, inv = np.unique(seen, return_inverse=True)
seen_counts = np.bincount(inv * folds + np.repeat(fold_of, seen_fold), minlength=len(uniq) * folds).reshape(-1, folds)
del seen, inv
hit_counts = np.bincount(np.searchsorted(uniq, hits) * folds + np.repeat(fold_of, hit_fold), minlength=len(uniq) * folds).reshape(-1, folds)
names = [""] * S
for t, i in vocab.items(): names[i % S] = t
MIN = int(sys.argv[1]) if len(sys.argv) > 1 else 5
totals = (seen_counts.sum(axis=0), hit_counts.sum(axis=0))
listed = np.flatnonzero(seen_counts.sum(axis=1) >= MIN)
def key(c):
    a, b, cc = names[c >> 42], names[(c >> 21) & (S - 1)], names[c & (S - 1)]
    return f"{a}\x01{b} {b}\x01{cc}"
keys = [key(c) for c in uniq[listed].tolist()]
sc, hc = seen_counts[listed], hit_counts[listed]
print("trigrams listed", len(keys), flush=True)
k = score_mod.PRIOR_SMOOTHING
whole = pair_prior.from_counts(keys, sc.sum(1), hc.sum(1), int(totals[0].sum()), int(totals[1].sum()), k)
pair_prior.write(whole, f"/tmp/q4/tri_prior_{MIN}.npz")
fold_tabs = []
for f in range(folds):
    rest = [j for j in range(folds) if j != f]
    fold_tabs.append(pair_prior.from_counts(keys, sc[:, rest].sum(1), hc[:, rest].sum(1), int(totals[0][rest].sum()), int(totals[1][rest].sum()), k))
    fold_tabs[-1].packed
print("tables built", flush=True)
def pseudo(toks):
    return [a + "\x01" + b for a, b in zip(toks, toks[1:])]
# training columns, aligned with rows.npz: recompute candidates exactly like _sentence_rows
from newsbrief.errors import NewsbriefError
from newsbrief.score import TRAIN_MAX_WORDS, candidates
from newsbrief.screen import screen
from newsbrief.segment import segment
import multiprocessing as mp
def task(a):
    n, line = a
    try:
        rec, arts = T._prepare(line)
    except NewsbriefError:
        return np.zeros((0, 6))
    kept = screen(arts).kept
    sents = [s for a_ in kept for s in segment(a_)]
    cands, terms = candidates(sents, TRAIN_MAX_WORDS)
    if not cands:
        return np.zeros((0, 6))
    # must mirror rows: rows were only emitted when y non-empty, i.e. cands non-empty
    return pair_prior.features([pseudo(s.tokens) for s in cands], fold_tabs[n % folds])
with mp.get_context("fork").Pool(2) as pool:
    parts = [p for p in pool.imap(task, enumerate(T._lines(path, 45000)), chunksize=16) if len(p)]
X = np.vstack(parts)
np.save(f"/tmp/q4/tri_train_{MIN}.npy", X)
print("train cols", X.shape, flush=True)
for name in ("vA", "vB"):
    data = pickle.load(open(f"/tmp/q4/{name}.pkl", "rb"))
    cols = [None if d is None else pair_prior.features([pseudo(s.tokens) for s in d["sc"].sentences], whole) for d in data]
    pickle.dump(cols, open(f"/tmp/q4/tri_{name}_{MIN}.pkl", "wb"))
print("done")
