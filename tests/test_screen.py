from newsbrief.model import Article
from newsbrief.screen import screen

STORM = [
    "A powerful storm hit the coast of Maine on Tuesday, cutting power to 40,000 homes. "
    "Schools in three counties were closed and the governor declared a state of emergency. "
    "Utility crews from four states are working to restore electricity to coastal towns.",
    "The governor of Maine declared a state of emergency after a storm knocked out power to "
    "tens of thousands of homes along the coast. Utility crews are restoring electricity, and "
    "schools stayed closed in several counties on Tuesday as the storm moved north.",
    "Tens of thousands of Maine homes lost power when a storm struck the coast Tuesday. "
    "Emergency crews and utility workers worked through the night while schools closed and "
    "the governor declared an emergency for the coastal counties hit hardest.",
]
OFF = ("The championship final drew a record crowd at the stadium on Sunday as the home team "
       "won the trophy with a late goal. Fans celebrated in the streets of the city until dawn, "
       "and the coach praised his players for their courage in the second half of the match.")


def arts(texts):
    return [Article(id=f"a{i}", index=i, text=t) for i, t in enumerate(texts)]


def test_offtopic_article_set_aside_with_reason_and_score():
    result = screen(arts(STORM + [OFF]))
    assert [a.id for a in result.kept] == ["a0", "a1", "a2"]
    (x,) = result.set_aside
    assert x.article == "a3" and x.reason == "about a different story"
    assert x.score is not None and x.score < 0.65


def test_copy_is_set_aside_but_remembered_for_credit():
    copy = STORM[0] + " Advertisement."
    result = screen(arts(STORM + [copy]))
    assert "a3" in result.copies or "a0" in result.copies
    dup = [x for x in result.set_aside if x.reason.startswith("near-duplicate")]
    assert len(dup) == 1


def test_short_and_non_english_articles_set_aside():
    french = ("Le gouvernement a annoncé mardi une nouvelle série de mesures pour soutenir les "
              "agriculteurs, qui manifestent depuis plusieurs semaines contre la baisse de leurs "
              "revenus et la concurrence étrangère, selon les syndicats.")
    result = screen(arts(STORM[:2] + ["Too short.", french]))
    reasons = {x.article: x.reason for x in result.set_aside}
    assert reasons["a2"].startswith("too little text")
    assert reasons["a3"].startswith("not English")
    assert [a.id for a in result.kept] == ["a0", "a1"]


def test_two_article_story_keeps_both():
    assert len(screen(arts(STORM[:2])).kept) == 2


def test_digit_and_vocabulary_counts_from_word_counts():
    from collections import Counter

    from newsbrief.screen import _JUNK_WORDS, _count_of, _digit_tokens
    from newsbrief.text import words

    toks = words("In 2019, 3,000 cookies and 12 apps: 9am trains, 0.5 m, a1 b2 share 'twitter'.")
    counts = Counter(toks)
    assert _digit_tokens(counts) == sum(1 for w in toks if w[0].isdigit()) == 7
    assert _count_of(counts, _JUNK_WORDS) == sum(1 for w in toks if w in _JUNK_WORDS) == 3


def test_words_and_terms_given_by_the_caller_screen_the_same():
    """The pipeline hands screening each article's words and content terms (its sentences'
    joined); screening from those must equal screening from the text alone."""
    from newsbrief.screen import article_features, _Bag, _features
    from newsbrief.text import content_terms, words

    articles = arts(STORM + [OFF, STORM[0] + " Advertisement."])
    tokens = {a.id: words(a.text) for a in articles}
    terms = {a.id: content_terms(a.text) for a in articles}
    assert screen(articles, tokens, terms) == screen(articles)
    given = _features(articles, [_Bag.of(tokens[a.id], terms[a.id]) for a in articles])
    assert (given == article_features(articles)).all()
