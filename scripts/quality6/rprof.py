import sys, time, gzip, json, numpy as np
from newsbrief import rerank, pipeline, score as S
from newsbrief.select import select
from newsbrief.ingest import story_from_documents
from newsbrief.errors import NewsbriefError
# capture scored objects through the pipeline
caught = []
orig = pipeline.choose
pipeline.choose = lambda sc, w, f: (caught.append(sc), orig(sc, w, f))[1]
from newsbrief.model import Options
lines = [json.loads(l) for _, l in zip(range(600), gzip.open("../shared/data/multi_news/val.jsonl.gz", "rt"))]
for r in lines:
    try: pipeline.summarize_story(story_from_documents(str(r["id"]), r["documents"]), Options(words=230, analysis=False))
    except NewsbriefError: pass
f = rerank.model()
T = np.zeros(6)
for rep in range(3):
    for sc in caught:
        t0 = time.perf_counter(); select(sc, 230)
        t1 = time.perf_counter(); c = rerank.candidates(sc, 230)
        t2 = time.perf_counter(); X = rerank.features(sc, sc.rows, c, 230) if len(c) > 1 else None
        t3 = time.perf_counter(); f.predict(X) if X is not None else None
        t4 = time.perf_counter(); rerank.model()
        t5 = time.perf_counter(); rerank.feature_names(S.MODEL_FEATURES)
        t6 = time.perf_counter()
        T += [t1-t0, t2-t1, t3-t2, t4-t3, t5-t4, t6-t5]
print("us: select %.0f candidates %.0f features %.0f predict %.0f model() %.0f names %.0f" % tuple(T / (3*len(caught)) * 1e6))
print("cands/story", np.mean([len(rerank.candidates(sc, 230)) for sc in caught]), "depth", f.depth, len(f.roots))
