import sys, time, gzip, json, numpy as np
from newsbrief.ingest import story_from_documents
from newsbrief.pipeline import summarize_story
from newsbrief.model import Options
from newsbrief.errors import NewsbriefError
lines = [json.loads(l) for _, l in zip(range(600), gzip.open("../shared/data/multi_news/val.jsonl.gz", "rt"))]
stories = []
for r in lines:
    try: stories.append(story_from_documents(str(r["id"]), r["documents"]))
    except NewsbriefError: pass
on, off = Options(words=230, analysis=False), Options(words=230, analysis=False, rerank=False)
for o in (on, off):
    for s in stories[:50]:
        try: summarize_story(s, o)
        except NewsbriefError: pass
t = {True: 0.0, False: 0.0}
for rep in range(3):
    for s in stories:
        for o in (on, off):
            t0 = time.perf_counter()
            try: summarize_story(s, o)
            except NewsbriefError: pass
            t[o.rerank] += time.perf_counter() - t0
n = 3 * len(stories)
print("ms/story rerank %.3f greedy %.3f ratio %.3f" % (t[True] / n * 1e3, t[False] / n * 1e3, t[True] / t[False]))
