"""Patch: rerank.features gets 8 more columns about the candidate as ROUGE reads it: alphanumeric
tokens (what ROUGE counts; whitespace words also count Multi-News's spaced punctuation), their
share of the words, the stopword share, the distinct-token share; then each less the greedy's."""
import re

import numpy as np

from newsbrief import rerank
from newsbrief.text import STOPWORDS

_orig = rerank.features
_TOK = re.compile(r"[a-z0-9]+")


def _stats(text):
    toks = _TOK.findall(text.lower())
    return toks


def features(scored, rows, cands, words):
    x = _orig(scored, rows, cands, words)
    if not cands:
        return x
    cache = {}
    out = np.empty((len(cands), 4))
    for r, c in enumerate(cands):
        toks, nwords = [], 0
        for i in c.chosen:
            if i not in cache:
                s = scored.sentences[i]
                cache[i] = (_stats(s.text), s.words)
            toks += cache[i][0]
            nwords += cache[i][1]
        n = len(toks)
        out[r] = (n, n / max(nwords, 1), sum(t in STOPWORDS for t in toks) / max(n, 1),
                  len(set(toks)) / max(n, 1))
    return np.hstack([x, out, out - out[0]])


rerank.features = features
