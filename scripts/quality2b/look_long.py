import sys; sys.path.insert(0,'scripts/quality2')
import ev, newsbrief.score as SC
from newsbrief.score import score
from newsbrief import select as S
SC.MAX_WORDS = 150
d = ev.load(0, 500)
n=0; nl=0; tot=0
for r in d[:200]:
    if not r['cands']: continue
    s = score(r['kept']); p = S.select(s, 230)
    tot += 1
    longs = [s.sentences[i] for i in p if s.sentences[i].words > 80]
    if longs:
        nl += 1
        if n < 4:
            n += 1; print(longs[0].words, longs[0].text[:700]); print('---')
print('stories with a >80-word sentence chosen', nl, 'of', tot)
