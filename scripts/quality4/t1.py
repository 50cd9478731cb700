import sys; sys.path.insert(0, __import__("os").path.dirname(__file__))
import h, numpy as np
from collections import Counter
from newsbrief.evaluate.train import density
for name in ("vA", "vB"):
    print(name, "shipped", h.run(name, lambda d: d["scores"]))
    print(name, "true density", h.run(name, lambda d: [density(t, *h.targets(d)[:2]) for t in d["texts"]]))
