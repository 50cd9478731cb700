import sys; sys.path.insert(0, __import__("os").path.dirname(__file__))
import h, numpy as np
def f(beta, mode):
    def sc(d):
        p = np.asarray(d["scores"], float); art = np.array(d["art"])
        if mode == "top":
            return p * (1 + beta * (art == art[np.argmax(p)]))
        m = {a: p[art == a].mean() for a in set(d["art"])}
        mm = np.array([m[a] for a in art])
        if mode == "dev": return p + beta * (mm - p.mean())
        t3 = {a: np.sort(p[art == a])[-3:].mean() for a in set(d["art"])}
        return p + beta * (np.array([t3[a] for a in art]) - p.mean())
    return sc
for beta, mode in [(0.05,"top"),(0.15,"top"),(0.3,"dev"),(0.6,"dev"),(0.3,"t3")]:
    print(beta, mode, h.run("vA", f(beta, mode), limit=700), h.run("vB", f(beta, mode), limit=700), flush=True)
print("base", h.run("vA", lambda d: d["scores"], limit=700), h.run("vB", lambda d: d["scores"], limit=700))
