"""Scale the scores of sentences from articles with a wire-agency cue; re-select; ROUGE."""
import sys, os
sys.path.insert(0, os.path.dirname(__file__))
import h, numpy as np

def boosted(cue_names, factor):
    def sc(d):
        p = np.asarray(d["scores"], float)
        flagged = set().union(*(d["cues"][c] for c in cue_names))
        if not flagged:
            return p
        m = np.array([a in flagged for a in d["art"]])
        if m.all():
            return p
        return np.where(m, p * factor, p)
    return sc

if __name__ == "__main__":
    share = [sum(1 for d in h.load(n) if d and d["cues"]["ap"]) for n in ("vA", "vB")]
    print("stories with an AP cue:", share)
    print("base", h.run("vA", lambda d: d["scores"]), h.run("vB", lambda d: d["scores"]), flush=True)
    for cues, fac in [(("ap",), 1.1), (("ap",), 1.2), (("ap", "reuters", "afp"), 1.1)]:
        print(cues, fac, h.run("vA", boosted(cues, fac)), h.run("vB", boosted(cues, fac)), flush=True)
