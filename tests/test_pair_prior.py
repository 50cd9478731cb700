"""The token-pair summary prior (``newsbrief.pair_prior``): the table from counts, its file,
and the six columns it gives the forest, on tables and sentences written here by hand."""

from __future__ import annotations

import numpy as np
import pytest

from newsbrief import native, pair_prior
from newsbrief.pair_prior import FEATURES, from_counts, python_features, read, write

PAIRS = ["the attack", "was arrested", "police said", "rare pair"]
SEEN = [10, 7, 7, 2]
HIT = [5, 2, 6, 1]


def table(min_stories: int = 5):
    # 100 stories' worth of pairs in all (seen), 20 of them also in the summary (hit).
    return from_counts(PAIRS, np.array(SEEN), np.array(HIT), 100, 20, 5.0, min_stories)


def test_rare_pairs_are_left_out_and_make_the_base_rate():
    prior = table()
    assert len(prior) == 3
    # Most seen first, ties by the pair's words.
    assert prior.keys == b"the attack\npolice said\nwas arrested\n"
    # Left out: every pair's counts less the listed ones' (100 - 24 seen, 20 - 13 hit).
    assert prior.base == pytest.approx(7 / 76)
    rate = 20 / 100
    assert prior.table[("police", "said")] == pytest.approx((6 + 5 * rate) / (7 + 5))
    assert ("rare", "pair") not in prior.table
    assert len(table(min_stories=1)) == 4


def test_written_table_reads_back_the_same(tmp_path):
    prior = table()
    path = tmp_path / "pairs.npz"
    write(prior, path)
    back = read(path)
    assert back.keys == prior.keys and back.base == prior.base
    assert back.values.tolist() == prior.values.tolist()
    assert back.table == prior.table


def test_features_count_each_distinct_pair_once():
    prior = table()
    tp = prior.table
    sents = [
        # "the attack" twice, "attack was" (unknown: base), "was arrested".
        ["the", "attack", "was", "arrested", "the", "attack"],
        ["police", "said"],
        ["one"],  # no pair at all
    ]
    x = python_features(sents, prior)
    assert x.shape == (3, len(FEATURES))
    first = [tp[("the", "attack")], prior.base, tp[("was", "arrested")], prior.base]
    # distinct pairs: the attack, attack was, was arrested, arrested the
    assert x[0, 0] == pytest.approx(sum(first) / 4)
    assert x[0, 1] == pytest.approx(max(first))
    assert x[0, 2] == pytest.approx(sum(first))
    assert x[0, 3] == pytest.approx(2 / 4)
    assert x[1, :4].tolist() == pytest.approx([tp[("police", "said")]] * 3 + [1.0])
    assert x[2, :4].tolist() == [0.0] * 4
    # Rank of the mean, best first, over n - 1; gap to the best mean.
    assert x[:, 4].tolist() == [0.5, 0.0, 1.0]
    assert x[:, 5].tolist() == pytest.approx([x[1, 0] - x[0, 0], 0.0, x[1, 0]])


def test_no_table_gives_zero_columns_but_the_ranks(monkeypatch):
    monkeypatch.setattr(native, "KERNELS", None)
    x = pair_prior.features([["a", "b"], ["c", "d"]], pair_prior.empty())
    assert x[:, :4].tolist() == [[0.0] * 4] * 2 and x[:, 4].tolist() == [0.0, 1.0]
    assert pair_prior.features([], pair_prior.empty()).shape == (0, len(FEATURES))


def test_shipped_table_knows_what_editors_keep():
    prior = pair_prior.shipped()
    assert len(prior) > 100_000
    # Wire attribution survives in summaries more than a photo caption's words do.
    assert prior.table[("according", "to")] > prior.base
    assert prior.table.get(("photo", "caption"), prior.base) < prior.table[("according", "to")]
