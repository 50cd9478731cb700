"""Each validation story's candidates and shipped scores, as quality4/cache.py, plus which
articles carry a wire-agency cue in their raw text (before cleaning)."""
import gzip, json, sys, pickle, re
import numpy as np
from newsbrief.ingest import story_from_documents
from newsbrief.clean import clean
from newsbrief.screen import screen
from newsbrief.segment import segment
from newsbrief.score import score
from newsbrief.errors import NewsbriefError
import os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cues as cue_cols

CUES = {"ap": r"\(\s*ap\s*\)|associated press", "reuters": r"\breuters\b",
        "afp": r"\bafp\b|agence france", "cnn": r"\bcnn\b",
        "nyt": r"new york times|nytimes", "wapo": r"washington post"}
path, a, b, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
data = []
with gzip.open(path, "rt") as f:
    for i, line in enumerate(f):
        if i < a: continue
        if i >= b: break
        rec = json.loads(line)
        try:
            story = story_from_documents(str(i), rec["documents"])
        except NewsbriefError:
            data.append(None); continue
        arts = [clean(a_).article for a_ in story.articles]
        kept = screen(arts).kept
        flags = cue_cols.article_flags(kept)
        cues = {k: {aid for aid, f in flags.items() if f[k]} for k in CUES}
        sents = [s for a_ in kept for s in segment(a_)]
        sc = score(sents, articles=kept)
        if not len(sc.sentences):
            data.append(None); continue
        data.append(dict(summary=rec["summary"], texts=[s.text for s in sc.sentences],
            words=[s.words for s in sc.sentences], art=[s.article for s in sc.sentences],
            pos=[s.position for s in sc.sentences], scores=sc.scores, sc=sc, cues=cues,
            n_articles=len(story.articles), extra=cue_cols.columns([s.article for s in sc.sentences], flags)))
pickle.dump(data, open(out, "wb"))
print(len(data), sum(d is None for d in data))
