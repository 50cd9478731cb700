"""The analysis never fails on odd input and its spans always point into the article text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsbrief.analyse import analyse, nlp
from newsbrief.model import Article
from newsbrief.segment import segment

WORDS = st.sampled_from(
    "the said Maj. Gen. Lt Sen. President al-Shallal Shalal Miqdad Mokdad killed dead at least "
    "more than nearly about 40,000 3,300 25 % percent $ 1.5 million four days three hours "
    "Monday Dec. 7 March 2011 since in of and , . ; ( ) \" - 911 1,039,032 -year-old 17-month-old "
    "people refugees Syrians Turkey Qahtaniya X".split()
)
TEXT = st.lists(WORDS, min_size=0, max_size=60).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(TEXT, min_size=1, max_size=4))
def test_any_text_gives_valid_spans(monkeypatch, texts):
    monkeypatch.setattr(nlp, "_model", lambda: None)
    arts = [Article(id=f"a{i}", index=i, text=t, raw=t) for i, t in enumerate(texts)]
    sents = [s for a in arts for s in segment(a)]
    result = analyse(arts, sents)
    by_id = {a.id: a.text for a in arts}
    for c in result.conflicts:
        assert len(c.values) >= 2
        for v in c.values:
            for s in v.sources:
                assert by_id[s.article][s.start:s.end] == s.text
    for e in result.entities:
        for m in e.mentions:
            assert by_id[m.article][m.start:m.end] == m.text
