"""margin.py M CLI-ARGS: the greedy's summary unless a candidate is predicted M points better."""
import sys

from pick import argmax, run

M = float(sys.argv[1])


def pick(scored, cands, ranks):
    b = argmax(ranks)
    return b if ranks[b] - ranks[0] >= M else 0


run(pick, sys.argv[2:])
