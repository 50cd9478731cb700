"""mbr.py L u|soft EVAL-ARGS: ``newsbrief eval`` picking by the forest's score plus L times a
candidate's agreement with the others (words of shared sentences over the mean size), the
others weighted equally (``u``) or by the softmax of their scores (``soft``)."""
import sys

import numpy as np

from pick import argmax, run

L = float(sys.argv[1])
MODE = sys.argv[2]


def pick(scored, cands, ranks):
    w = [s.words for s in scored.sentences]
    sets = [set(c.chosen) for c in cands]
    size = [sum(w[i] for i in s) for s in sets]
    n = len(cands)
    if MODE == "soft":
        p = np.exp(ranks - ranks.max())
        p /= p.sum()
    else:
        p = np.ones(n) / n
    m = np.zeros(n)
    for a in range(n):
        for b in range(n):
            if a != b:
                shared = sum(w[i] for i in sets[a] & sets[b])
                m[a] += p[b] * 2 * shared / (size[a] + size[b])
    return argmax(ranks + L * m)


run(pick, ["eval", *sys.argv[3:]])
