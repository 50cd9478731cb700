"""The summary-prior features of ``newsbrief.score``, on hand-built sentences and tables."""

from __future__ import annotations

import gzip

import pytest

from conftest import sent
from newsbrief.score import (FEATURES, PRIOR_SMOOTHING, TermPrior, candidates, features,
                             read_prior, term_prior)


STORY = [
    sent("a", 0, "Police arrested the suspect after the shooting at the school on Monday."),
    sent("a", 1, "I think it was a very nice photo, she told me over coffee."),
    sent("b", 0, "The suspect was arrested by police hours after the school shooting."),
]


def table(values: dict[str, float], base: float) -> TermPrior:
    t = TermPrior(values)
    t.base = base
    return t


def column(x, name):
    return x[:, FEATURES.index(name)]


def test_read_prior_smooths_toward_the_base_rate(tmp_path):
    path = tmp_path / "prior.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write("#stories\t4\t100\t25\n")  # base rate 25 / 100
        f.write("killed\t10\t10\n")
        f.write("photo\t20\t0\n")
    prior = read_prior(path)
    assert prior.base == pytest.approx(0.25)
    assert prior["killed"] == pytest.approx((10 + PRIOR_SMOOTHING * 0.25) / (10 + PRIOR_SMOOTHING))
    assert prior["photo"] == pytest.approx((0 + PRIOR_SMOOTHING * 0.25) / (20 + PRIOR_SMOOTHING))
    assert prior["photo"] < prior.base < prior["killed"]
    assert "unseen" not in prior


def test_sentences_of_summary_words_get_the_higher_prior():
    prior = table({"police": 0.8, "arrest": 0.9, "suspect": 0.7, "shoot": 0.9, "school": 0.6,
                   "think": 0.05, "nice": 0.02, "photo": 0.03, "coffee": 0.05}, 0.3)
    x, _ = features(*candidates(STORY), prior)
    mean = column(x, "prior_mean")
    assert mean[0] > mean[1] and mean[2] > mean[1]
    assert column(x, "prior_max")[1] < 0.9 <= column(x, "prior_max")[0]
    # The best sentence of the story ranks first and has no gap to the best.
    best = int(mean.argmax())
    assert column(x, "rank_prior")[best] == 0.0
    assert column(x, "gap_prior")[best] == 0.0
    assert (column(x, "gap_prior") >= 0).all()


def test_terms_the_table_has_not_seen_take_the_base_rate():
    x, _ = features(*candidates(STORY), table({}, 0.3))
    assert column(x, "prior_mean") == pytest.approx([0.3, 0.3, 0.3])
    # The sum counts terms: the same rate over more terms is a larger expected overlap.
    assert column(x, "prior_sum")[0] > column(x, "prior_mean")[0]


def test_the_shipped_table_is_loaded():
    prior = term_prior()
    if not prior:
        pytest.skip("no term_prior.tsv.gz in this checkout")
    assert 0.0 < prior.base < 1.0
    assert all(0.0 < prior[t] < 1.0 for t in ("year", "people"))


def test_surface_features_of_one_sentence():
    from newsbrief.score import _SURFACE, _surface

    s = sent("a", 3, '"We said 12 things," he told 2 reporters!')
    toks = s.tokens  # we said 12 things he told 2 reporters
    got = dict(zip(_SURFACE, _surface(s, toks, 4)))
    assert got["position"] == 3 and got["inverse_position"] == 1.0 / 4.0
    assert got["words"] == 8 and got["terms"] == 4 and got["content_share"] == 4 / 8
    assert got["quotes"] == 2 and got["quote_start"]
    assert got["first_person"] == 1 / 8  # "we"
    assert got["attribution"]  # "said", "told"
    assert got["digits"] == 2 / 8  # "12", "2"
    assert not got["pronoun_start"] and got["exclaim"]
    plain = dict(zip(_SURFACE, _surface(sent("a", 0, "He left."), ("he", "left"), 1)))
    assert plain["pronoun_start"] and not plain["quote_start"] and not plain["attribution"]
    assert plain["digits"] == 0.0 and not plain["exclaim"]


def test_pair_support_counts_only_other_articles():
    from newsbrief.score import _pair_support

    p = {("a", "b"), ("b", "c")}
    pairs = [p, {("a", "b")}, set(), {("x", "y")}]
    mean, most = _pair_support(pairs, [0, 0, 1, 2], 3)
    # Sentence 0 (article 0): article 1 has none of its pairs, article 2 none either.
    assert mean[0] == 0.0 and most[0] == 0.0
    assert mean[2] == 0.0 and most[2] == 0.0  # no pairs of its own
    mean, most = _pair_support([p, {("a", "b")}, {("b", "c"), ("q", "r")}], [0, 1, 2], 3)
    assert most[0] == 0.5 and mean[0] == 0.5  # half its pairs in article 1, half in 2
    assert most[1] == 1.0 and mean[1] == 0.5  # all in article 0, none in article 2
    assert _pair_support([p], [0], 1) == ([0.0], [0.0])  # one article: no support


def test_a_huge_story_scores_only_the_earliest_sentences_of_each_article(monkeypatch):
    import newsbrief.score as score_module

    story = [sent(a, p, f"Sentence {p} of article {a} says the council met again today.")
             for a in ("a", "b", "c") for p in range(4)]
    # Under the cap nothing is dropped.
    assert len(candidates(story)[0]) == 12
    monkeypatch.setattr(score_module, "MAX_CANDIDATES", 5)
    cands, terms = candidates(story)
    # Every article's first sentence, then the second ones in article order, until 5; the
    # kept ones stay in story order and keep their terms.
    assert [(s.article, s.position) for s in cands] == [("a", 0), ("a", 1), ("b", 0), ("b", 1),
                                                        ("c", 0)]
    assert len(terms) == 5 and all(terms)
