"""Per-story time of the newsbrief system, in-process: python scripts/quality3/time_brief.py ROOT
(ROOT: a checkout whose package is imported; PAIRS=1 turns the pair features of pair_prior.patch on)."""
import sys, gzip, json, time, os
root = sys.argv[1]
sys.path.insert(0, root)
if os.environ.get("PAIRS"): os.environ["NEWSBRIEF_PAIR_FEATURES"] = "1"
import newsbrief; assert newsbrief.__file__.startswith(root), newsbrief.__file__
from newsbrief.evaluate import systems
lines = []
with gzip.open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../shared/data/multi_news/val.jsonl.gz'), 'rt') as f:
    for i, l in enumerate(f):
        if i >= 1000: break
        lines.append(l)
fn = systems.newsbrief_system()
t0 = time.perf_counter(); fn(lines[0], 230); first = time.perf_counter() - t0
for l in lines[:200]: fn(l, 230)
best = []
for rep in range(3):
    t = time.perf_counter()
    for l in lines: fn(l, 230)
    best.append((time.perf_counter() - t) / len(lines) * 1000)
print(root, "first call %.3f s" % first, "ms/story", " ".join("%.3f" % b for b in best), "words", sum(len(" ".join(fn(l,230).sentences).split()) for l in lines[:200]))
