"""Word-level helpers."""

from collections import Counter

from newsbrief.text import content_terms, term_counts, words


def test_term_counts_match_the_content_terms_of_the_text():
    text = "The defectors said the army's defecting officers defected; the army was said to split."
    expected = Counter(content_terms(text))
    got = term_counts(Counter(words(text)))
    assert got == expected
    # In order of first occurrence, as a Counter of the term list would list them.
    assert list(got) == list(expected)
    assert got["defect"] == 2 and got["army"] == 2 and "the" not in got and "said" not in got


def test_terms_of_known_and_unseen_words_alike():
    import newsbrief.text as text

    toks = ["the", "army", "defected", "zqxwvunseen", "a", "generals", "army"]
    text._TERMS.pop("zqxwvunseen", None)  # a word not yet in the word -> term table
    cold = text.terms_of(toks)
    assert cold == ["army", "defect", "zqxwvunseen", "general", "army"]
    assert text.terms_of(toks) == cold  # every word in the table now: the same terms
    assert text.terms_of([]) == [] and text.terms_of(("the", "a")) == []
