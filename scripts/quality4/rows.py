"""Dump the sentence forest's training rows (x, y, groups) as newsbrief train builds them."""
import os, sys
import numpy as np
from newsbrief.evaluate import train as T
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from folds import fold_priors

path = "../shared/data/multi_news/train.jsonl.gz"
stories = int(sys.argv[1]) if len(sys.argv) > 1 else 45000
fold_priors(path)
x, y, g = T._collect(T._sentence_rows, enumerate(T._lines(path, stories)), 2)
np.savez("/tmp/q4/rows.npz", x=x, y=y, g=g)
print(x.shape, y.mean())
