"""Word-level helpers."""

from newsbrief.text import content_terms, words


def test_content_terms_are_stemmed_words_without_stopwords():
    text = "The defectors said the army's defecting officers defected; the army was said to split."
    assert words(text)[:5] == ["the", "defectors", "said", "the", "army's"]
    assert content_terms(text) == ["defector", "army", "defect", "officer", "defect", "army",
                                   "split"]  # "the", "said", "was", "to" are stopwords


def test_terms_of_known_and_unseen_words_alike():
    import newsbrief.text as text

    toks = ["the", "army", "defected", "zqxwvunseen", "a", "generals", "army"]
    text._TERMS.pop("zqxwvunseen", None)  # a word not yet in the word -> term table
    cold = text.terms_of(toks)
    assert cold == ["army", "defect", "zqxwvunseen", "general", "army"]
    assert text.terms_of(toks) == cold  # every word in the table now: the same terms
    assert text.terms_of([]) == [] and text.terms_of(("the", "a")) == []
