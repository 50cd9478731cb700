"""bias.py B EVAL-ARGS: ``newsbrief eval`` with B added to the greedy's (candidate 0's) score."""
import sys

from pick import argmax, run

B = float(sys.argv[1])


def pick(scored, cands, ranks):
    ranks = ranks.copy()
    ranks[0] += B
    return argmax(ranks)


run(pick, ["eval", *sys.argv[2:]])
