"""Apply a shipped forest of regression trees with numpy alone.

The trees are fitted offline (``newsbrief train``, with LightGBM, which is only an ``eval``-extra
dependency) and shipped as flat arrays in an ``.npz`` file: one row per node, all trees
concatenated. For prediction each tree is laid out again as a perfect binary tree of the
forest's depth (a shallower leaf is padded with splits whose both children are that leaf), so
a node's children sit at heap positions ``2h + 1`` and ``2h + 2``: every row walks every tree
for the same number of steps, all trees at once, without a Python loop over trees or rows,
and each step needs no child-pointer lookups.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

import numpy as np

from . import native
from .resources import read_shipped


@dataclass(frozen=True)
class Forest:
    features: tuple[str, ...]  # input column names, in order
    feature: np.ndarray  # int32, per node: the column it splits on (0 for a leaf)
    threshold: np.ndarray  # float64, per node: go left when x <= threshold (+inf for a leaf)
    left: np.ndarray  # int32, per node
    right: np.ndarray  # int32, per node
    value: np.ndarray  # float64, per node: the leaf value (0 for a split)
    roots: np.ndarray  # int32, per tree
    depth: int
    # Extra settings fitted or chosen with the model (e.g. a decision threshold).
    meta: dict[str, Any]

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Raw score per row: the sum of the leaf values over the trees."""
        n, width = x.shape
        if n == 0:
            return np.zeros(0)
        kernels = native.KERNELS
        heap = self._heap
        if kernels is not None:  # the same walk and sum in C: bitwise the same predictions
            out = np.empty(n)
            x = np.ascontiguousarray(x, dtype=np.float64)
            if heap is not None:
                kernels.heap_predict(x, width, heap.packed_feature, heap.threshold, heap.value,
                                     heap.offsets.size, self.depth, out)
            else:
                kernels.forest_predict(x, width, *self._pointers, out)
            return out
        if heap is None:
            return self._walk(x)
        # Flat ``take`` on a contiguous copy is about 40% faster than 2-D fancy indexing.
        flat = np.ascontiguousarray(x, dtype=np.float64).ravel()
        # One (row, tree) pair per element, rows major. A story has a dozen rows, so the cost
        # is numpy's per call, not per element: each level is five calls into buffers made
        # once, with the tiled per-tree arrays sliced from a cache instead of built.
        size = n * heap.offsets.size
        starts, rows, shift = heap.tiled(n)
        node = starts[:size].copy()
        base = rows[:size] * width
        at = np.empty(size, np.intp)
        value = np.empty(size)
        limit = np.empty(size)
        go_left = np.empty(size, np.bool_)
        feature, threshold, right = heap.feature, heap.threshold, heap.right
        for _ in range(self.depth):
            feature.take(node, out=at, mode="clip")  # indices are always in range:
            at += base  # "clip" only spares take the copy it makes to check them
            flat.take(at, out=value, mode="clip")
            threshold.take(node, out=limit, mode="clip")
            np.less_equal(value, limit, out=go_left)  # NaN goes right, as in LightGBM
            right.take(node, out=node, mode="clip")
            node -= go_left  # the left child sits just before the right one
        node += shift[:size]
        return heap.value.take(node).reshape(n, -1).sum(axis=1)

    def _walk(self, x: np.ndarray) -> np.ndarray:
        """``predict`` by following child pointers (forests too deep for the heap layout)."""
        n, width = x.shape
        flat = np.ascontiguousarray(x, dtype=np.float64).ravel()
        base = (np.arange(n) * width)[:, None]
        feature, threshold, left, right = self.feature, self.threshold, self.left, self.right
        node = np.broadcast_to(self.roots, (n, self.roots.size))
        for _ in range(self.depth):
            go_left = flat.take(base + feature.take(node)) <= threshold.take(node)
            node = np.where(go_left, left.take(node), right.take(node))
        return self.value.take(node).sum(axis=1)

    @cached_property
    def _pointers(self) -> tuple[np.ndarray, ...]:
        """The node arrays as the compiled walk reads them (contiguous, int32 and float64),
        with each node's two children side by side and each tree's depth."""
        i32, f64 = (lambda a: np.ascontiguousarray(a, np.int32)), np.ascontiguousarray
        kids = np.stack([self.left, self.right], axis=1).ravel()  # left, right of node g at 2g
        return (i32(self.feature), f64(self.threshold, np.float64), i32(kids),
                f64(self.value, np.float64), i32(self.roots), i32(self._depths()))

    def _depths(self) -> list[int]:
        """How deep each tree is (its deepest leaf's number of splits above it)."""
        out = []
        for root in self.roots.tolist():
            deepest, todo = 0, [(root, 0)]
            while todo:
                node, d = todo.pop()
                if self.left[node] == node:
                    deepest = max(deepest, d)
                else:
                    todo += [(int(self.left[node]), d + 1), (int(self.right[node]), d + 1)]
            out.append(deepest)
        return out

    @cached_property
    def _heap(self) -> _Heap | None:
        return heap_layout(self) if self.depth <= MAX_HEAP_DEPTH else None


# Beyond this depth the perfect-tree layout (2^depth leaves per tree) costs too much memory;
# such a forest is walked by its child pointers instead.
MAX_HEAP_DEPTH = 10


@dataclass(frozen=True)
class _Heap:
    """A forest as perfect binary trees of one depth, concatenated; index arrays are ``intp``
    so ``take`` needs no conversion."""

    feature: np.ndarray  # intp, per split slot
    threshold: np.ndarray  # float64, per split slot (+inf for a padding split)
    value: np.ndarray  # float64, per leaf slot
    offsets: np.ndarray  # intp, per tree: where its splits start
    leaf_shift: np.ndarray  # intp, per tree: final heap index + this = its leaf slot
    # intp, per split slot g of a tree starting at offset o: its right child's index,
    # 2(g - o) + 2 + o; the left child is one before it.
    right: np.ndarray
    # (rows it covers, per-tree starts tiled, row numbers repeated, leaf shift tiled): the
    # largest built so far, sliced for fewer rows.
    _tiles: list[tuple[int, np.ndarray, np.ndarray, np.ndarray]] = field(
        default_factory=list, compare=False, repr=False)

    @cached_property
    def packed_feature(self) -> np.ndarray:
        """``feature`` as the compiled walk reads it: one byte a split when every column
        index fits (a tree's splits then share one or two cache lines, not eight), else intp."""
        if self.feature.size and int(self.feature.max()) > 255:
            return self.feature
        return self.feature.astype(np.uint8)

    def tiled(self, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``offsets`` and ``leaf_shift`` repeated for ``n`` or more rows (row-major, as
        ``np.tile``), and each element's row number; only the first ``n * trees`` apply."""
        if self._tiles and self._tiles[0][0] >= n:
            return self._tiles[0][1:]
        rows = 1 << max(5, (n - 1).bit_length())  # room to grow: rebuilt rarely
        built = (rows, np.tile(self.offsets, rows), np.repeat(np.arange(rows, dtype=np.intp),
                 self.offsets.size), np.tile(self.leaf_shift, rows))
        self._tiles[:] = [built]
        return built[1:]


def heap_layout(forest: Forest) -> _Heap:
    """``forest`` as perfect binary trees of depth ``forest.depth``: the same predictions
    (padding splits have both children equal, so their outcome never matters)."""
    depth, trees = forest.depth, forest.roots.size
    splits, leaves = 2 ** depth - 1, 2 ** depth
    feature = np.zeros((trees, splits), np.intp)
    threshold = np.full((trees, splits), np.inf)
    value = np.zeros((trees, leaves))
    for t, root in enumerate(forest.roots.tolist()):
        stack = [(root, 0, 0)]  # (node, heap position, level)
        while stack:
            node, h, level = stack.pop()
            if level == depth:
                value[t, h - splits] = forest.value[node]
                continue
            lo, hi = forest.left[node], forest.right[node]
            if lo != node:  # a split (a leaf points to itself)
                feature[t, h] = forest.feature[node]
                threshold[t, h] = forest.threshold[node]
            stack += [(int(lo), 2 * h + 1, level + 1), (int(hi), 2 * h + 2, level + 1)]
    offsets = np.arange(trees, dtype=np.intp) * splits
    # After ``depth`` steps a row sits at g = offset + splits + leaf, and tree t's leaves
    # start at t * leaves in ``value``: leaf slot = g + t - splits.
    shift = np.arange(trees, dtype=np.intp) - splits
    right = (2 * np.arange(trees * splits, dtype=np.intp).reshape(trees, splits)
             + (2 - offsets)[:, None]).ravel()
    return _Heap(feature.ravel(), threshold.ravel(), value.ravel(), offsets, shift, right)


def from_lightgbm(dump: dict[str, Any], features: list[str], meta: dict[str, Any]) -> Forest:
    """A ``Forest`` from ``lightgbm.Booster.dump_model()`` (numerical splits, no missing
    values: every feature we compute is a finite number)."""
    feature: list[int] = []
    threshold: list[float] = []
    left: list[int] = []
    right: list[int] = []
    value: list[float] = []
    roots: list[int] = []
    depth = 0

    def add(node: dict[str, Any], d: int) -> int:
        nonlocal depth
        i = len(feature)
        feature.append(0)
        threshold.append(np.inf)
        left.append(i)
        right.append(i)
        value.append(0.0)
        if "leaf_value" in node:
            value[i] = float(node["leaf_value"])
            depth = max(depth, d)
            return i
        if node.get("decision_type", "<=") != "<=":
            raise ValueError("only numerical '<=' splits are supported")
        feature[i] = int(node["split_feature"])
        threshold[i] = float(node["threshold"])
        left[i] = add(node["left_child"], d + 1)
        right[i] = add(node["right_child"], d + 1)
        return i

    for tree in dump["tree_info"]:
        roots.append(add(tree["tree_structure"], 0))
    return Forest(tuple(features), np.array(feature, np.int32), np.array(threshold),
                  np.array(left, np.int32), np.array(right, np.int32), np.array(value),
                  np.array(roots, np.int32), depth, meta)


def save(forest: Forest, path: str) -> None:
    import json

    np.savez_compressed(
        path, feature=forest.feature, threshold=forest.threshold, left=forest.left,
        right=forest.right, value=forest.value, roots=forest.roots,
        depth=np.array(forest.depth), features=np.array(json.dumps(list(forest.features))),
        meta=np.array(json.dumps(forest.meta)),
    )


def load_file(path: Any) -> Forest:
    import json

    with np.load(path) as z:
        return Forest(tuple(json.loads(str(z["features"]))), z["feature"], z["threshold"],
                      z["left"], z["right"], z["value"], z["roots"], int(z["depth"]),
                      json.loads(str(z["meta"])))


@lru_cache(maxsize=4)
def shipped(name: str) -> Forest | None:
    """A forest shipped in ``newsbrief/data``; None when the file is not there."""
    return read_shipped(name, load_file)
