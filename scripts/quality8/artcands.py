"""Patch: rerank.candidates also offers, per article, the greedy's summary with that article's
scores raised by ART_BOOST (env, default 1.3). Import before the pipeline runs."""
import os

import numpy as np

from newsbrief import rerank
from newsbrief.rerank import Candidate
from newsbrief.select import Setting, select_many

BOOSTS = [float(b) for b in os.environ.get("ART_BOOST", "1.3").split(",")]
_orig = rerank.candidates


def candidates(scored, words):
    cands = _orig(scored, words)
    if not cands:
        return cands
    arts = {}
    for i, s in enumerate(scored.sentences):
        arts.setdefault(s.article, []).append(i)
    if len(arts) < 2:
        return cands
    seen = {frozenset(c.chosen) for c in cands}
    settings = []
    for boost in BOOSTS:
        for idx in arts.values():
            sc = np.array(scored.scores, dtype=np.float64)
            sc[idx] *= boost
            settings.append(Setting(scores=sc))
    greedy = cands[0].setting
    for k, chosen in enumerate(select_many(scored, words, settings)):
        key = frozenset(chosen)
        if chosen and key not in seen:
            seen.add(key)
            cands.append(Candidate(tuple(chosen), greedy, -1 - k // len(arts)))
    return cands


rerank.candidates = candidates
