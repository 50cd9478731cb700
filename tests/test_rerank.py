import dataclasses

import numpy as np
import pytest

from conftest import sent
from test_native import both
from newsbrief import native, rerank
from newsbrief.model import Options
from newsbrief.score import MODEL_FEATURES, Scored
from newsbrief.select import Setting, select, select_many
from newsbrief.text import content_terms
from newsbrief.trees import Forest

TEXTS = [
    ("a", "The storm cut power to forty thousand homes on the coast of Maine on Monday."),
    ("a", "Crews from three states worked through the night to restore the lines."),
    ("b", "Forty thousand homes on the Maine coast lost power when the storm hit."),
    ("b", "The governor declared an emergency and opened shelters in four towns."),
    ("c", "Schools in Portland stayed closed on Tuesday as the roads were cleared."),
    ("c", "A bakery in Bangor gave away bread to neighbours without power."),
]


def story(scores=(0.9, 0.5, 0.85, 0.6, 0.4, 0.2), width=4):
    """Six sentences of three articles, scored as given; TF-IDF-like unit rows in which the
    two power-cut sentences (0 and 2) are close and the others apart."""
    sents = tuple(sent(a, i, t) for i, (a, t) in enumerate(TEXTS))
    vec = np.eye(len(sents))
    vec[2] = 0.0
    vec[2, 0], vec[2, 2] = 0.8, 0.6
    terms = tuple(content_terms(t) for _, t in TEXTS)
    rows = np.arange(len(sents) * width, dtype=float).reshape(len(sents), width)
    return Scored(sents, np.array(scores, dtype=float), vec, terms, 0, rows)


@pytest.mark.skipif(native._compiled is None, reason="compiled kernels not built")
def test_every_setting_chooses_the_same_with_and_without_the_kernels(monkeypatch):
    sc = story()
    settings = [Setting(), *(Setting(*g) for g in rerank.GENERATORS),
                Setting(scores=np.array([0.0, 0.5, 0.85, 0.6, 0.4, 0.2]))]
    for words in (15, 30, 60, 200):
        fast, slow = both(monkeypatch, select_many, sc, words, settings, True)
        assert fast == slow
        assert fast[0] == select(sc, words)
        # Then one run per sentence of the first, without it.
        assert len(fast) == len(settings) + len(fast[0])
        for i, chosen in zip(fast[0], fast[len(settings):]):
            scores = sc.scores.copy()
            scores[i] = 0.0
            assert chosen == select_many(sc, words, [Setting(scores=scores)])[0]


def test_a_strict_limit_equal_to_the_lax_one_still_has_a_strict_pass(monkeypatch):
    # The strict pass keeps out a sentence sharing three word pairs with a chosen one, even
    # when both passes have the same cosine limit.
    sents = tuple(sent("a", i, t) for i, t in enumerate(["one two three four five six",
                                                         "seven eight nine ten eleven twelve",
                                                         "thirteen fourteen fifteen sixteen"]))
    terms = (("gang", "murder", "destruct", "city"), ("mayor", "gang", "murder", "destruct",
                                                      "city"), ("storm", "coast"))
    sc = Scored(sents, np.array([0.9, 0.8, 0.1]), np.eye(3), terms)
    setting = [Setting(strict=0.5)]
    if native._compiled is not None:
        fast, slow = both(monkeypatch, select_many, sc, 100, setting)
        assert fast == slow
    assert select_many(sc, 100, setting) == [[0, 2, 1]]


def test_candidates_start_with_the_greedys_summary_and_fit_the_budget():
    sc = story()
    cands = rerank.candidates(sc, 30)
    assert cands[0].chosen == tuple(select(sc, 30))
    assert cands[0].dropped == 0
    assert len({c.chosen for c in cands}) == len(cands)
    for c in cands:
        assert sum(sc.sentences[i].words for i in c.chosen) <= 30
    # Each of the greedy's sentences taken out gives a summary without it, when that summary
    # is new.
    for c in cands:
        if c.dropped:
            assert cands[0].chosen[c.dropped - 1] not in c.chosen[:1]


def test_summary_features_read_the_chosen_sentences():
    sc = story()
    cands = [rerank.Candidate((0, 1), (0.15, 0.3, 0.4)),
             rerank.Candidate((0, 3, 4), (0.0, 0.3, 0.4), 2)]
    names = rerank.feature_names(("w", "x", "y", "z"))
    x = rerank.features(sc, sc.rows, cands, 40)
    assert x.shape == (2, len(names))
    col = dict(zip(names, x.T))
    words = [s.words for s in sc.sentences]
    assert col["sentences"].tolist() == [2, 3]
    assert col["articles_used"].tolist() == [1, 3]
    assert col["fill"].tolist() == [min(words[0] + words[1], 40) / 40,
                                    min(words[0] + words[3] + words[4], 40) / 40]
    assert col["leads"].tolist() == [1, 1]  # sentence 0 opens article a; 3 and 4 do not
    assert col["dropped"].tolist() == [0, 2]
    assert col["length_power"].tolist() == [0.15, 0.0]
    # The sentence rows averaged over the chosen words.
    expect = (sc.rows[[0, 3, 4]] * np.array(words)[[0, 3, 4], None]).sum(0) / \
        sum(words[i] for i in (0, 3, 4))
    assert np.allclose([col[f"mean_{f}"][1] for f in "wxyz"], expect)
    # The greedy's own row differs from itself by nothing.
    assert not x[0, len(names) // 2:].any()
    assert np.allclose(x[1, len(names) // 2:], x[1, :len(names) // 2] - x[0, :len(names) // 2])


def stump(names, column, left, right):
    """A one-split forest: ``left`` when the column is <= 2.5, else ``right``."""
    return Forest(tuple(names), feature=np.array([names.index(column), 0, 0], np.int32),
                  threshold=np.array([2.5, np.inf, np.inf]), left=np.array([1, 0, 0], np.int32),
                  right=np.array([2, 0, 0], np.int32), value=np.array([0.0, left, right]),
                  roots=np.array([0], np.int32), depth=1, meta={})


def test_choose_takes_the_candidate_the_forest_ranks_highest():
    sc = story()
    names = list(rerank.feature_names(("w", "x", "y", "z")))
    cands = rerank.candidates(sc, 40)
    assert len(cands) > 1
    # A forest that prefers summaries of three sentences or more.
    want = next(c.chosen for c in cands if len(c.chosen) >= 3)
    picked = rerank.choose(sc, 40, stump(names, "sentences", 0.0, 1.0))
    assert len(picked) >= 3
    assert tuple(picked) == next(c.chosen for c in cands if len(c.chosen) >= 3) == want
    # Equal ranks everywhere: the greedy's summary.
    assert rerank.choose(sc, 40, stump(names, "sentences", 1.0, 1.0)) == select(sc, 40)
    # No forest, or scores from the fixed weights (no rows): the greedy's summary.
    assert rerank.choose(sc, 40, None) == select(sc, 40)
    plain = Scored(sc.sentences, sc.scores, sc.vectors, sc.terms)
    assert rerank.choose(plain, 40, stump(names, "sentences", 0.0, 1.0)) == select(plain, 40)


def test_the_shipped_reranker_reads_the_shipped_sentence_features():
    forest = rerank.model()
    assert forest is not None
    assert forest.features == rerank.feature_names(MODEL_FEATURES)
    # Multi-News's truncated stories: a few dozen candidate sentences at most.
    assert 20 <= rerank.size_limit(forest) <= 60


def test_a_full_length_story_is_briefed_by_the_greedy_under_rerank(example_dir):
    from newsbrief import read_inputs, summarize_story

    story = read_inputs([str(example_dir)])
    plain = summarize_story(story, Options(words=250, analysis=False))
    ranked = summarize_story(story, Options(words=250, analysis=False, rerank=True))
    assert [s.text for s in ranked.sentences] == [s.text for s in plain.sentences]
    assert any("al-Shalal is one of the highest-ranking" in s.text for s in ranked.sentences)


def test_rerank_is_on_by_default_and_can_be_turned_off(monkeypatch):
    from newsbrief import pipeline

    articles = [" ".join(t for b, t in TEXTS if b == a) for a in "abc"]
    calls = []
    monkeypatch.setattr(pipeline, "choose", lambda sc, words, forest: calls.append(forest)
                        or select(sc, words))
    pipeline.summarize(articles, options=Options(words=60, analysis=False))
    pipeline.summarize(articles, options=Options(words=60, analysis=False, rerank=False))
    assert calls[0] is rerank.model() is not None  # on by default (issue 3, round 20)
    assert calls[1] is None


@pytest.mark.skipif(native._compiled is None, reason="compiled kernels not built")
def test_candidates_are_the_same_with_and_without_the_kernels(monkeypatch):
    for scores in ((0.9, 0.5, 0.85, 0.6, 0.4, 0.2), (0.1, 0.2, 0.3, 0.4, 0.5, 0.6),
                   (0.5, 0.5, 0.5, 0.5, 0.5, 0.5)):
        sc = story(scores)
        for words in (12, 25, 40, 500):
            fast, slow = both(monkeypatch, rerank.candidates, sc, words)
            assert fast == slow
            # One candidate per set of sentences.
            assert len({frozenset(c.chosen) for c in fast}) == len(fast)


@pytest.mark.skipif(native._compiled is None, reason="compiled kernels not built")
def test_features_are_bitwise_the_same_with_and_without_the_kernels(monkeypatch):
    for scores in ((0.9, 0.5, 0.85, 0.6, 0.4, 0.2), (0.5, 0.5, 0.5, 0.5, 0.5, 0.5)):
        sc = story(scores)
        cands = rerank.candidates(sc, 40)
        fast, slow = both(monkeypatch, rerank.features, sc, sc.rows, cands, 40)
        assert np.array_equal(fast, slow)


def test_a_story_larger_than_any_the_forest_was_fitted_on_keeps_the_greedy():
    sc = story()
    names = list(rerank.feature_names(("w", "x", "y", "z")))
    prefer = stump(names, "dropped", 0.0, 1.0)  # the greedy's without its third sentence
    picked = rerank.choose(sc, 40, prefer)
    assert picked != select(sc, 40)  # the forest moves this story off the greedy
    n = len(sc.sentences)
    fitted = dataclasses.replace(prefer, meta={"max_story_sentences": n})
    assert rerank.choose(sc, 40, fitted) == picked  # a story of the largest size fitted: ranked
    smaller = dataclasses.replace(prefer, meta={"max_story_sentences": n - 1})
    assert rerank.choose(sc, 40, smaller) == select(sc, 40)
