import numpy as np

from conftest import sent
from newsbrief.score import MAX_WORDS, Scored, is_candidate, score
from newsbrief.select import order, select
from newsbrief.text import content_terms


def scored(texts_scores, vectors):
    sents = tuple(sent("a", i, t) for i, (t, _) in enumerate(texts_scores))
    return Scored(sents, np.array([s for _, s in texts_scores]),
                  np.array(vectors, dtype=np.float32))


def test_never_exceeds_budget_and_skips_what_does_not_fit():
    sc = scored([("one two three four five six seven eight", 0.9),
                 ("one two three four five six", 0.8),
                 ("one two three four", 0.1)],
                [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    picked = select(sc, 11)
    assert sum(sc.sentences[i].words for i in picked) <= 11
    assert picked == [0]  # 8 words chosen; neither 6 nor 4 more fit in the 3 left
    assert select(sc, 12) == [0, 2]


def test_redundant_sentence_skipped():
    sc = scored([("alpha beta gamma delta epsilon zeta", 0.9),
                 ("alpha beta gamma delta epsilon eta", 0.85),
                 ("different words entirely about else here", 0.5)],
                [[1, 0], [0.99, 0.14], [0, 1]])
    assert select(sc, 100) == [0, 2]


def test_order_puts_lead_first_then_positions():
    assert order(2, [3.0, 1.0, 5.0, 0.5]) == [2, 3, 1, 0]


def test_candidates_exclude_fragments_questions_and_run_ons():
    assert not is_candidate(sent("a", 0, "He said."))
    assert not is_candidate(sent("a", 0, "Do you not see what they have done to us?"))
    assert not is_candidate(sent("a", 0, " ".join(["word"] * (MAX_WORDS + 10))))
    assert is_candidate(sent("a", 0, "The council approved the budget on Monday night."))


def test_score_prefers_sentences_other_articles_support():
    shared = "The storm cut power to forty thousand homes across the coast of Maine."
    a = [sent("a", 0, shared), sent("a", 1, "A local bakery gave away free bread to neighbours today.")]
    b = [sent("b", 0, "Forty thousand homes on the coast of Maine lost power in the storm.")]
    sc = score(a + b, articles=())
    by_text = dict(zip((s.text for s in sc.sentences), sc.scores))
    assert by_text[shared] > by_text["A local bakery gave away free bread to neighbours today."]


def test_shared_phrase_repeat_waits_for_the_lax_pass():
    texts = ["one two three four five six", "seven eight nine ten eleven twelve",
             "thirteen fourteen fifteen sixteen seventeen eighteen"]
    sents = tuple(sent("a", i, t) for i, t in enumerate(texts))
    terms = (("gang", "murder", "destruct", "city"),
             ("mayor", "gang", "murder", "destruct", "city"),
             ("storm", "coast", "power", "school"))
    sc = Scored(sents, np.array([0.9, 0.8, 0.1]), np.eye(3, dtype=np.float32), terms)
    # Sentence 1 shares three word pairs (SHARED_PAIRS) with 0: a repeat while 2 can still
    # fill the budget.
    assert select(sc, 100) == [0, 2, 1]
    assert select(sc, 12) == [0, 2]
    unrelated = Scored(sents, sc.scores, sc.vectors, terms[:1] + (("a", "b"), terms[2]))
    assert select(unrelated, 100) == [0, 1, 2]


def by_terms(texts, scores=(0.9, 0.8, 0.1)):
    """Sentences of one article scored as given, no two alike by cosine (identity vectors)."""
    sents = tuple(sent("a", i, t) for i, t in enumerate(texts))
    return Scored(sents, np.array(scores), np.eye(len(texts), dtype=np.float32),
                  tuple(content_terms(t) for t in texts))


def test_two_sentences_quoting_the_same_words_are_a_repeat():
    texts = ["The army turned into “gangs of murder”, the general said in a video.",
             "In the video, he said the army had become “gangs of murder and destruction.”",
             "Rebels said the trip across the border took four days by motorcycle."]
    # One shared pair ("gang", "murder") is far under SHARED_PAIRS, but it is quoted in both:
    # the second sentence waits for the lax pass.
    assert select(by_terms(texts), 100) == [0, 2, 1]
    unquoted = [t.replace("“", "").replace("”", "") for t in texts]
    assert select(by_terms(unquoted), 100) == [0, 1, 2]


def test_spaced_multi_news_quotes_count_as_quotes():
    texts = ['the army became " gangs of murder, " the general said in a statement.',
             'he left because the army turned to " gangs of murder and destruction. "',
             "rebels said the trip across the border took four days by motorcycle."]
    assert select(by_terms(texts), 100) == [0, 2, 1]


def test_length_values_are_numpys_array_powers_within_and_beyond_the_table():
    from newsbrief import select as sel

    lengths = [*range(0, 200), 1023, 1024, 1500, 40000]
    expected = (np.array(lengths, dtype=float) ** sel.LENGTH_POWER).tolist()
    powers = sel._powers(sel.LENGTH_POWER)
    table = [powers[k] if k < len(powers) else sel._power(k, sel.LENGTH_POWER) for k in lengths]
    # (Python's own pow differs from these in the last bit on CPUs where numpy vectorises it.)
    assert table == expected
