"""Word-level helpers shared by the stages: tokens, content words, a light stemmer."""

from __future__ import annotations

import re
from functools import lru_cache

STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are aren't as at be because been
    before being below between both but by can could couldn't did didn't do does doesn't doing
    don't down during each few for from further had hadn't has hasn't have haven't having he he'd
    he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if in
    into is isn't it it's its itself just let's me more most mustn't my myself no nor not now of
    off on once only or other ought our ours ourselves out over own same shan't she she'd she'll
    she's should shouldn't so some such than that that's the their theirs them themselves then
    there there's these they they'd they'll they're they've this those through to too under until
    up very was wasn't we we'd we'll we're we've were weren't what what's when when's where
    where's which while who who's whom why why's will with won't would wouldn't you you'd you'll
    you're you've your yours yourself yourselves said says say told one two new like get got
    may might must us mr mrs ms per via yet still even back well much many s t
    """.split()
)

# English function words that almost every English paragraph uses; their share tells English
# from other languages without a model (a French or German page scores near zero).
ENGLISH_MARKERS = frozenset(
    "the and of to in is that for it was on with as he be by at are this from have".split()
)

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def words(text: str) -> list[str]:
    """Lowercased word tokens (letters and digits), apostrophes kept inside words."""
    return _WORD.findall(text.lower().replace("’", "'"))


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A light suffix stripper: enough to match "defects"/"defected"/"defecting"."""
    for suffix in ("ations", "ation", "ings", "ing", "edly", "ed", "ies", "es", "ly", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def content_terms(text: str) -> list[str]:
    """Stemmed words of ``text`` without stopwords or one-letter tokens."""
    return [stem(w[:-2] if w.endswith("'s") else w) for w in words(text)
            if w not in STOPWORDS and len(w) > 1]


@lru_cache(maxsize=20_000)
def sentence_terms(text: str) -> tuple[str, ...]:
    """``content_terms`` of a sentence, cached: scoring, selection and attribution all ask for
    the terms of the same sentences (whole articles go uncached through ``content_terms``)."""
    return tuple(content_terms(text))


def english_share(text: str) -> float:
    """Share of the tokens that are common English function words (about 0.2 to 0.35 in
    English news, under 0.05 in most other languages)."""
    toks = words(text[:20_000])
    if not toks:
        return 0.0
    return sum(1 for t in toks if t in ENGLISH_MARKERS) / len(toks)
