"""The compiled kernels (``newsbrief/_kernels.c``) when this install has them.

They do the per-story arithmetic that numpy would otherwise do in about a hundred calls on
tiny arrays, and the word counting that Python would do token by token (see the C file's
header). Every caller keeps its numpy or Python version: it runs when the extension was not
built (no C compiler at install time) or when ``NEWSBRIEF_PURE_PYTHON`` is set in the
environment, and ``tests/test_native.py`` holds the two to the same results.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from types import ModuleType
from typing import Any

ENV_PURE = "NEWSBRIEF_PURE_PYTHON"

try:
    from . import _kernels as _compiled  # type: ignore[attr-defined]
except ImportError:  # built without a C compiler: the numpy versions run
    _compiled = None

# Read by callers at call time, so tests can switch the kernels off (``monkeypatch``).
KERNELS: ModuleType | None = None if os.environ.get(ENV_PURE) else _compiled


def available() -> bool:
    """Whether this install has the compiled kernels (used or not)."""
    return _compiled is not None


def describe() -> str:
    """How this process runs the per-story arithmetic, for benchmark reports."""
    if KERNELS is not None:
        return "compiled kernels"
    if _compiled is not None:
        return f"numpy (compiled kernels switched off by {ENV_PURE})"
    return "numpy (this install has no compiled kernels)"


# (the tables packed, the tables themselves) by the tables' ids: the tables are kept with
# their packed copy so an id is never reused while the copy is cached.
_PACKED: dict[tuple[int, ...], tuple[Any, tuple[Mapping[str, float], ...]]] = {}


def term_table(tables: tuple[Mapping[str, float], ...]) -> Any:
    """The kernels' packed copy of one or two term -> number tables (``_kernels.term_table``),
    made once per set of tables, which must not change afterwards: looked up there, a story's
    terms read one cache line each instead of the three of a big dict. The tables themselves
    when the kernels are off or cannot pack them (``index_terms`` takes either)."""
    if KERNELS is None:
        return tables
    key = tuple(map(id, tables))
    hit = _PACKED.get(key)
    if hit is None:
        try:
            packed = KERNELS.term_table(tables)
        except (TypeError, ValueError):  # a key that is not a str, a value not a number
            packed = tables
        if len(_PACKED) >= 8:  # training passes a new prior table per fold
            _PACKED.clear()
        hit = _PACKED[key] = (packed, tables)
    return hit[0]
