"""Shipped tree models: applied with numpy alone, and in step with the features computed."""

from __future__ import annotations

import numpy as np

from newsbrief import score, screen
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
    assert shipped(score.MODEL_FILE).features == score.FEATURES
    assert shipped(screen.MODEL_FILE).features == screen.ARTICLE_FEATURES
    assert shipped("no-such-model.npz") is None
