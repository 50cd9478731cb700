"""The compiled kernels (``newsbrief/_kernels.c``) when this install has them.

They do the per-story arithmetic that numpy would otherwise do in about a hundred calls on
tiny arrays, and the word counting that Python would do token by token (see the C file's
header). Every caller keeps its numpy or Python version: it runs when the extension was not
built (no C compiler at install time) or when ``NEWSBRIEF_PURE_PYTHON`` is set in the
environment, and ``tests/test_native.py`` holds the two to the same results.
"""

from __future__ import annotations

import os
from types import ModuleType

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
