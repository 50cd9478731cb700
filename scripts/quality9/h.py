"""quality4's harness (re-select from any per-sentence scores, order and cut as the pipeline
does, score with ROUGE) over this round's caches in /tmp/q9, and the same with the shipped
reranker choosing (``run_rerank``)."""
import importlib.util
import os
import pickle

_spec = importlib.util.spec_from_file_location(
    "quality4_h", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "quality4", "h.py"))
q4 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(q4)
_cache = {}


def load(name):
    if name not in _cache:
        with open(f"/tmp/q9/{name}.pkl", "rb") as f:
            _cache[name] = pickle.load(f)
    return _cache[name]


q4.load = load
run = q4.run


def run_rerank(name, scorer, words=230, limit=None):
    """``run`` with the shipped reranker choosing among the candidates built from the given
    scores (its forest reads ``sc.rows`` as cached)."""
    from newsbrief import rerank
    model = rerank.model()
    greedy = q4.select
    q4.select = lambda sc, w: rerank.choose(sc, w, model)
    try:
        return q4.run(name, scorer, words, limit)
    finally:
        q4.select = greedy
