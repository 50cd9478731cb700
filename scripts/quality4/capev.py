import sys, json; sys.path.insert(0, __import__("os").path.dirname(__file__))
import numpy as np
from fe import fit, evaluate, x0
for spec in sys.argv[1:]:
    p = json.loads(spec); r = p.pop("rounds")
    b, pr = fit(x0, r, **p); print(spec, "pearson", round(pr, 4), flush=True)
    evaluate(spec, b)
