"""Word-level helpers shared by the stages: tokens, content words, a light stemmer."""

from __future__ import annotations

import re

from . import native

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
    """Lowercased word tokens (letters and digits), apostrophes kept inside words. The
    compiled kernel, when there is one, makes the same list without the lowered copy."""
    kernels = native.KERNELS
    if kernels is not None:
        return kernels.words(text)  # type: ignore[no-any-return]
    return _WORD.findall(text.lower().replace("’", "'"))


def word_count(text: str) -> int:
    """``len(text.split())``: the budget's words. Counted by the compiled kernel when there is
    one, which makes no list of the words."""
    kernels = native.KERNELS
    return kernels.count_words(text) if kernels is not None else len(text.split())


# Tried in order; the first that leaves at least three letters is stripped ("ies" -> "y").
_SUFFIXES = ("ations", "ation", "ings", "ing", "edly", "ed", "ies", "es", "ly", "s")


def stem(word: str) -> str:
    """A light suffix stripper: enough to match "defects"/"defected"/"defecting"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


# word -> its content term ("" for a stopword or a one-letter token), for the Python path and
# for words that are not ASCII (see ``_rules``). A plain dict, since a cached function call per
# word cost more than the stemming in Python; cleared when it grows too big.
_TERMS: dict[str, str] = {}
_TERMS_MAX = 300_000


def _term(w: str) -> str:
    if w in STOPWORDS or len(w) < 2:
        t = ""
    else:
        t = stem(w[:-2] if w.endswith("'s") else w)
    if len(_TERMS) >= _TERMS_MAX:
        _TERMS.clear()
    _TERMS[w] = t
    return t


def _rules() -> tuple[frozenset[str], tuple[str, ...]]:
    """What the kernels need to compute ``_term`` themselves for an ASCII word. They do so
    every time instead of reading ``_TERMS``: between two stories other work pushes that big
    table out of the CPU cache, and a look-up then costs more than the stemming in C."""
    return STOPWORDS, _SUFFIXES


def terms_of(tokens: list[str]) -> list[str]:
    """Content terms of already tokenized words (see ``content_terms``)."""
    kernels = native.KERNELS
    if kernels is not None:
        return kernels.terms_of(tokens, _TERMS, _term, _rules())  # the same loop in C
    get = _TERMS.get
    out = []
    for w in tokens:
        t = get(w)
        if t is None:
            t = _term(w)
        if t:
            out.append(t)
    return out


def tokens_and_terms(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``words`` of a text and their content terms (``terms_of``), as tuples: what a sentence
    keeps (``model.Sentence``), in one compiled call when there are kernels."""
    kernels = native.KERNELS
    if kernels is not None:
        found = kernels.tokens_and_terms(text, _TERMS, _term, _rules())
        return found  # type: ignore[no-any-return]
    toks = tuple(words(text))
    return toks, tuple(terms_of(toks))  # type: ignore[arg-type]


def content_terms(text: str) -> list[str]:
    """Stemmed words of ``text`` without stopwords or one-letter tokens."""
    return terms_of(words(text))


def english_share(text: str) -> float:
    """Share of the tokens that are common English function words (about 0.2 to 0.35 in
    English news, under 0.05 in most other languages)."""
    toks = words(text[:20_000])
    if not toks:
        return 0.0
    return sum(1 for t in toks if t in ENGLISH_MARKERS) / len(toks)


# Characters that ``re.IGNORECASE`` matches to an ASCII letter but ``str.lower`` does not
# turn into that letter alone (dotted and dotless I, long s).
FOLD_EXCEPTIONS = ("\u0130", "\u0131", "\u017f")


def may_contain_folded(text: str, keys: tuple[str, ...]) -> bool:
    """False only when no key (lowercase ASCII) occurs in ``text`` under case folding: a
    cheap test before a case-insensitive regex whose every match contains one of ``keys``.
    Text with one of ``FOLD_EXCEPTIONS`` always passes (the regex itself decides)."""
    # ``map`` over ``__contains__``: the same tests, without a generator step per key.
    if any(map(text.__contains__, FOLD_EXCEPTIONS)):
        return True
    kernels = native.KERNELS
    if kernels is not None:  # one lowering into bytes, no lowered copy of the text
        return kernels.contains_lowered(text, keys)  # type: ignore[no-any-return]
    return any(map(text.lower().__contains__, keys))
