"""newsbrief: many news articles about one story in, one short attributed brief out.

    >>> from newsbrief import summarize
    >>> brief = summarize([text_a, text_b, text_c], words=120)
    >>> print(brief.text)
"""

from __future__ import annotations

import os as _os

# The matrices of one story are small (tens to hundreds of rows): a multi-threaded BLAS spends
# more time waking its threads than multiplying, 3x slower per story on 2 busy cores. Set
# before numpy is first imported; a caller that set its own value keeps it.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    _os.environ.setdefault(_var, "1")

__version__ = "0.1.0"

from .errors import FetchError, InputError, NewsbriefError, UnsupportedLanguage
from .ingest import Story, read_inputs, story_from_record
from .model import Article, Brief, BriefSentence, Options, SetAside, SourceSpan
from .pipeline import summarize, summarize_story
from .render import render

__all__ = [
    "Article",
    "Brief",
    "BriefSentence",
    "FetchError",
    "InputError",
    "NewsbriefError",
    "Options",
    "SetAside",
    "SourceSpan",
    "Story",
    "UnsupportedLanguage",
    "read_inputs",
    "render",
    "story_from_record",
    "summarize",
    "summarize_story",
]
