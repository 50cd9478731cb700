"""Shipped tree models: applied with numpy alone, and in step with the features computed."""

from __future__ import annotations

import numpy as np

from newsbrief import pair_prior, score, screen, sources
from newsbrief.trees import from_lightgbm, load_file, save, shipped

# A LightGBM-style dump of two hand-made trees over features (a, b).
DUMP = {"tree_info": [
    {"tree_structure": {"split_feature": 0, "threshold": 1.0, "decision_type": "<=",
                        "left_child": {"leaf_value": -1.0},
                        "right_child": {"split_feature": 1, "threshold": 0.0,
                                        "decision_type": "<=",
                                        "left_child": {"leaf_value": 2.0},
                                        "right_child": {"leaf_value": 3.0}}}},
    {"tree_structure": {"leaf_value": 0.5}},
]}


def test_forest_walks_every_tree_for_every_row():
    f = from_lightgbm(DUMP, ["a", "b"], {"threshold": 0.3})
    x = np.array([[0.0, 9.0], [1.0, 9.0], [2.0, -1.0], [2.0, 0.5]])
    assert f.predict(x).tolist() == [-0.5, -0.5, 2.5, 3.5]  # <= goes left, as in LightGBM
    assert f.predict(np.zeros((0, 2))).shape == (0,)


def test_save_and_load_round_trip(tmp_path):
    f = from_lightgbm(DUMP, ["a", "b"], {"threshold": 0.3})
    path = tmp_path / "m.npz"
    save(f, str(path))
    g = load_file(path)
    assert g.features == ("a", "b") and g.meta == {"threshold": 0.3} and g.depth == f.depth
    x = np.array([[2.0, 0.5]])
    assert g.predict(x).tolist() == f.predict(x).tolist()


def test_shipped_models_match_the_features_the_code_computes():
    # A model fitted on an older feature list would be silently ignored: catch it here.
    assert shipped(score.MODEL_FILE).features == score.MODEL_FEATURES
    assert score.MODEL_FEATURES == score.FEATURES + pair_prior.FEATURES + sources.FEATURES
    assert shipped(screen.MODEL_FILE).features == screen.ARTICLE_FEATURES
    assert shipped("no-such-model.npz") is None


def test_heap_layout_predicts_what_the_pointer_walk_does():
    # The DUMP forest is unbalanced (a depth-1 leaf beside depth-2 ones, a single-leaf tree):
    # padding must not change any prediction, including at thresholds and for NaN.
    f = from_lightgbm(DUMP, ["a", "b"], {})
    assert f._heap is not None
    x = np.array([[1.0, 0.0], [1.0 + 1e-12, 0.0], [5.0, np.nan], [np.nan, 1.0], [-3.0, -3.0]])
    assert f.predict(x).tolist() == f._walk(x).tolist()
    rng = np.random.default_rng(0)
    for name in (score.MODEL_FILE, screen.MODEL_FILE):
        model = shipped(name)
        x = rng.normal(scale=3.0, size=(50, len(model.features)))
        assert np.array_equal(model.predict(x), model._walk(x))


def test_feature_indices_are_packed_to_a_byte_only_when_every_one_fits():
    f = from_lightgbm(DUMP, ["a", "b"], {})
    assert f._heap.packed_feature.dtype == np.uint8
    assert f._heap.packed_feature.tolist() == f._heap.feature.tolist()
    # A split on column 300 of a 301-column row cannot be one byte: intp, as laid out.
    wide = {"tree_info": [{"tree_structure": {
        "split_feature": 300, "threshold": 0.0, "decision_type": "<=",
        "left_child": {"leaf_value": 1.0}, "right_child": {"leaf_value": 2.0}}}]}
    g = from_lightgbm(wide, [f"c{j}" for j in range(301)], {})
    assert g._heap.packed_feature is g._heap.feature
    x = np.zeros((5, 301))
    x[2, 300] = 1.0
    assert g.predict(x).tolist() == [1.0, 1.0, 2.0, 1.0, 1.0]


def test_a_forest_too_deep_for_the_heap_is_walked():
    # A chain of splits deeper than MAX_HEAP_DEPTH: x <= 0 -> 0, x <= 1 -> 1, ... else 99.
    from newsbrief.trees import MAX_HEAP_DEPTH

    node: dict = {"leaf_value": 99.0}
    for k in reversed(range(MAX_HEAP_DEPTH + 2)):
        node = {"split_feature": 0, "threshold": float(k), "decision_type": "<=",
                "left_child": {"leaf_value": float(k)}, "right_child": node}
    f = from_lightgbm({"tree_info": [{"tree_structure": node}]}, ["a"], {})
    assert f._heap is None
    x = np.array([[-1.0], [0.5], [5.0], [100.0]])
    assert f.predict(x).tolist() == [0.0, 1.0, 5.0, 99.0]


def test_tiled_per_tree_arrays_grow_and_are_sliced_for_fewer_rows():
    f = from_lightgbm(DUMP, ["a", "b"], {})
    heap = f._heap
    starts, rows, shift = heap.tiled(3)
    trees = heap.offsets.size
    assert len(starts) >= 3 * trees and len(starts) == len(rows) == len(shift)
    assert starts[: 2 * trees].tolist() == heap.offsets.tolist() * 2
    assert shift[: 2 * trees].tolist() == heap.leaf_shift.tolist() * 2
    assert rows[: 2 * trees].tolist() == [0] * trees + [1] * trees
    assert heap.tiled(2)[0] is starts  # cached: no rebuild for fewer rows
    big = heap.tiled(len(starts) // trees + 1)[0]
    assert len(big) > len(starts) and big[: len(starts)].tolist() == starts.tolist()
    # Predictions do not depend on which cached size served them.
    rng = np.random.default_rng(1)
    for n in (1, 70, 5, 200):
        x = rng.normal(size=(n, 2))
        assert f.predict(x).tolist() == f._walk(x).tolist()
