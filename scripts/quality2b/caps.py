import sys; sys.path.insert(0,'scripts/quality2')
import numpy as np, ev
import newsbrief.score as SC
a, b = int(sys.argv[1]), int(sys.argv[2])
d = ev.load(a, b)
for mn, mx in [(int(x.split(",")[0]), int(x.split(",")[1])) for x in sys.argv[3:]]:
    SC.MIN_WORDS, SC.MAX_WORDS = mn, mx
    print(a, b, mn, mx, ev.run2(d).round(2), flush=True)
