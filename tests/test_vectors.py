"""Count and TF-IDF matrices: the term-list and term-count forms give the same numbers."""

from collections import Counter

import numpy as np

from newsbrief.vectors import bag_matrix, count_matrix, tfidf_bags, tfidf_matrix

DOCS = [["storm", "coast", "storm", "power"], [], ["power", "crew", "coast", "coast"], ["crew"]]


def test_count_matrix_columns_in_first_occurrence_order():
    counts, vocab = count_matrix(DOCS)
    assert vocab == ["storm", "coast", "power", "crew"]
    assert counts.tolist() == [[2, 1, 1, 0], [0, 0, 0, 0], [0, 2, 1, 1], [0, 0, 0, 1]]
    empty, none = count_matrix([[], []])
    assert none == [] and empty.shape == (2, 1) and not empty.any()
    assert count_matrix([])[0].shape == (0, 1)


def test_bag_matrix_equals_count_matrix_of_the_same_documents():
    bags = [Counter(d) for d in DOCS]
    a, va = count_matrix(DOCS)
    b, vb = bag_matrix(bags)
    assert va == vb and np.array_equal(a, b)
    idf = {"storm": 3.0, "coast": 1.5, "crew": 2.0}
    for table in (idf, None):
        x, y = tfidf_matrix(DOCS, table), tfidf_bags(bags, table)
        assert x.tobytes() == y.tobytes()
    assert np.allclose(np.linalg.norm(tfidf_bags(bags, idf), axis=1), [1, 0, 1, 1])
