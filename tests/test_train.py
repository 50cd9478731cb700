"""``newsbrief train``'s term-prior counting, on a hand-written train file."""

from __future__ import annotations

import json

import pytest

from newsbrief.evaluate import train as train_mod
from newsbrief.score import read_prior


def write(path, stories):
    path.write_text("".join(json.dumps(s) + "\n" for s in stories), encoding="utf-8")


STORIES = [
    {"id": "0", "documents": ["Tornado hits town."], "summary": "A tornado hit a town."},
    {"id": "1", "documents": ["Storm floods the valley.", "The storm closed roads."],
     "summary": "A storm flooded the valley."},
    {"id": "2", "documents": ["The storm passed quickly, she told reporters."],
     "summary": "Nothing much happened."},
]


def test_prior_counts_every_story_and_smooths_the_ratio(tmp_path, monkeypatch):
    monkeypatch.setattr(train_mod, "PRIOR_MIN_STORIES", 1)
    data = tmp_path / "train.jsonl"
    write(data, STORIES)
    counts = train_mod.merge_counts(train_mod.count_prior(str(data), folds=2))
    assert counts[0] == 3
    out = tmp_path / "prior.tsv.gz"
    terms = train_mod.write_prior(counts, out)
    prior = read_prior(out)
    assert len(prior) == terms
    # 'tornado' is in one story's articles and its summary; 'storm' in two stories' articles
    # and one summary; 'pass' in one, in no summary.
    assert prior["tornado"] > prior["storm"] > prior["pass"]
    k, base = 5.0, prior.base
    assert prior["storm"] == pytest.approx((1 + k * base) / (2 + k))


def test_each_fold_counts_only_its_own_stories(tmp_path):
    data = tmp_path / "train.jsonl"
    write(data, STORIES)
    folds = train_mod.count_prior(str(data), folds=2)
    # Story n is in fold n % 2: stories 0 and 2 in fold 0, story 1 in fold 1.
    assert [f[0] for f in folds] == [2, 1]
    assert folds[0][1]["tornado"] == 1 and "tornado" not in folds[1][1]
    assert folds[1][2]["valley"] == 1 and "valley" not in folds[0][1]
    # The prior a fold-1 story's rows are computed with never contains its own summary.
    others = train_mod.merge_counts(folds[:1])
    assert "valley" not in others[1] and others[2]["storm"] == 0


def test_rare_terms_are_left_to_the_base_rate(tmp_path, monkeypatch):
    monkeypatch.setattr(train_mod, "PRIOR_MIN_STORIES", 2)
    data = tmp_path / "train.jsonl"
    write(data, [{"id": "1", "documents": ["Storm floods valley."], "summary": "Storm."},
                 {"id": "2", "documents": ["Storm passes."], "summary": "Calm."}])
    out = tmp_path / "prior.tsv.gz"
    train_mod.write_prior(train_mod.merge_counts(train_mod.count_prior(str(data))), out)
    prior = read_prior(out)
    assert set(prior) == {"storm"}
    # The base rate still counts every term: 1 hit (storm in story 1) of 5 term-stories.
    assert prior.base == pytest.approx(1 / 5)


def test_pair_prior_counts_adjacent_tokens_per_fold(tmp_path):
    data = tmp_path / "train.jsonl"
    write(data, STORIES)
    pairs, stories, seen, hit, (fold_seen, fold_hit) = train_mod.count_pair_prior(
        str(data), folds=2, min_stories=1)
    assert stories.tolist() == [2, 1]
    at = {p: i for i, p in enumerate(pairs)}
    # "the storm": story 1 ("The storm closed roads", fold 1) and story 2 (fold 0); neither
    # summary has it. "the valley": story 1's articles and its summary.
    assert seen[at["the storm"]].tolist() == [1, 1] and hit[at["the storm"]].tolist() == [0, 0]
    assert seen[at["the valley"]].tolist() == [0, 1] and hit[at["the valley"]].tolist() == [0, 1]
    # Pairs are counted once per story, and the fold totals count every pair.
    assert fold_seen.tolist() == seen.sum(axis=0).tolist()
    assert fold_hit.tolist() == hit.sum(axis=0).tolist()
    # Asking for pairs seen in two stories spells out only those, but keeps every total.
    few, _, seen2, _, (fold_seen2, _) = train_mod.count_pair_prior(str(data), folds=2,
                                                                   min_stories=2)
    assert few == ["the storm"] and seen2.tolist() == [[1, 1]]
    assert fold_seen2.tolist() == fold_seen.tolist()


def test_the_reranker_learns_each_candidates_gain_and_reports_what_it_picks():
    np = pytest.importorskip("numpy")
    pytest.importorskip("lightgbm")
    rng = np.random.default_rng(0)
    # 400 stories of 6 candidates; the greedy's (first) gains 0 by definition; column 0 is the
    # gain itself plus noise, column 1 is noise. Picking by the prediction should find most of
    # the best candidates' gain, and say how often it left the greedy.
    stories, k = 400, 6
    gains = rng.normal(0, 3, (stories, k))
    gains[:, 0] = 0.0
    x = np.stack([gains + rng.normal(0, 0.5, gains.shape), rng.normal(0, 1, gains.shape)], -1)
    x, y = x.reshape(-1, 2), gains.ravel()
    groups = np.repeat(np.arange(stories), k)
    params = {"rounds": 50, "num_leaves": 7, "learning_rate": 0.2, "min_data_in_leaf": 10}
    booster, metrics = train_mod._fit_rerank(x, y, groups, params)
    assert booster.params["objective"] == "regression"
    assert set(metrics) == {"heldout_gain", "heldout_best_gain", "heldout_switched"}
    assert metrics["heldout_best_gain"] > 3.0  # the best of five N(0, 3) draws, or the greedy
    assert metrics["heldout_gain"] > 0.8 * metrics["heldout_best_gain"]
    assert 0.5 < metrics["heldout_switched"] <= 1.0
    pred = booster.predict(np.array([[5.0, 0.0], [-5.0, 0.0]]))
    assert pred[0] > 2.0 > -2.0 > pred[1]


def test_the_sentence_target_weighs_the_pair_share_by_its_setting():
    from collections import Counter

    ref = train_mod.rouge_tokens("The storm flooded the valley overnight.")
    uni, bi = Counter(ref), Counter(zip(ref, ref[1:]))
    # Tokens: the, storm, flood, a, town -> 3 of 5 in the summary; pairs: (the storm),
    # (storm flood) -> 2 of 4.
    text = "The storm flooded a town."
    assert train_mod.density(text, uni, bi, pair_weight=1.0) == pytest.approx(3 / 5 + 2 / 4)
    assert train_mod.density(text, uni, bi, pair_weight=0.0) == pytest.approx(3 / 5)
    assert train_mod.density(text, uni, bi) == pytest.approx(
        3 / 5 + train_mod.PAIR_SHARE_WEIGHT * 2 / 4)
    assert train_mod.density("", uni, bi) == 0.0


def test_the_rerankers_gain_counts_rouge2_by_its_setting():
    from collections import Counter

    ref = train_mod.rouge_tokens("a storm hit the town")
    uni, bi = Counter(ref), Counter(zip(ref, ref[1:]))
    mine = train_mod.rouge_tokens("the storm hit a city")
    # ROUGE-1: 4 of 5 tokens on each side (the, storm, hit, a); ROUGE-2: (storm hit) 1 of 4.
    r1, r2 = 100 * 0.8, 100 * 0.25
    assert train_mod._rouge12(mine, uni, bi, r2_weight=1.0) == pytest.approx(r1 + r2)
    assert train_mod._rouge12(mine, uni, bi, r2_weight=0.0) == pytest.approx(r1)
    assert train_mod._rouge12(mine, uni, bi) == pytest.approx(r1 + train_mod.RERANK_R2_WEIGHT * r2)
