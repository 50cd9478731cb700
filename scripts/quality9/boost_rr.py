import sys, os
sys.path.insert(0, os.path.dirname(__file__))
import h
from boost import boosted
print("rerank base", h.run_rerank("vA", lambda d: d["scores"]), h.run_rerank("vB", lambda d: d["scores"]), flush=True)
for cues, fac in [(("ap",), 1.1), (("ap",), 1.2)]:
    print(cues, fac, h.run_rerank("vA", boosted(cues, fac)), h.run_rerank("vB", boosted(cues, fac)), flush=True)
