"""``newsbrief train``'s term-prior counting, on a hand-written train file."""

from __future__ import annotations

import json

import pytest

from newsbrief.evaluate import train as train_mod
from newsbrief.score import read_prior


def write(path, stories):
    path.write_text("".join(json.dumps(s) + "\n" for s in stories), encoding="utf-8")


def test_prior_counts_only_the_stories_after_the_forests(tmp_path, monkeypatch):
    monkeypatch.setattr(train_mod, "PRIOR_MIN_STORIES", 1)
    data = tmp_path / "train.jsonl"
    write(data, [
        # Skipped: the forest is fitted on it, so its summary must not be in the prior.
        {"id": "0", "documents": ["Tornado hits town."], "summary": "A tornado hit a town."},
        {"id": "1", "documents": ["Storm floods the valley.", "The storm closed roads."],
         "summary": "A storm flooded the valley."},
        {"id": "2", "documents": ["The storm passed quickly, she told reporters."],
         "summary": "Nothing much happened."},
    ])
    out = tmp_path / "prior.tsv.gz"
    stories, terms = train_mod.build_prior(str(data), 1, out)
    assert stories == 2
    prior = read_prior(out)
    assert "tornado" not in prior  # only in the skipped story
    assert len(prior) == terms
    # 'storm' is in both stories' articles and in one summary; 'pass' in one, in no summary;
    # 'valley' in one and in its summary.
    assert prior["valley"] > prior["storm"] > prior["pass"]
    k, base = 5.0, prior.base
    assert prior["storm"] == pytest.approx((1 + k * base) / (2 + k))


def test_rare_terms_are_left_to_the_base_rate(tmp_path, monkeypatch):
    monkeypatch.setattr(train_mod, "PRIOR_MIN_STORIES", 2)
    data = tmp_path / "train.jsonl"
    write(data, [{"id": "1", "documents": ["Storm floods valley."], "summary": "Storm."},
                 {"id": "2", "documents": ["Storm passes."], "summary": "Calm."}])
    out = tmp_path / "prior.tsv.gz"
    train_mod.build_prior(str(data), 0, out)
    prior = read_prior(out)
    assert set(prior) == {"storm"}
    # The base rate still counts every term: 1 hit (storm in story 1) of 5 term-stories.
    assert prior.base == pytest.approx(1 / 5)
