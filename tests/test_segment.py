from newsbrief.model import Article
from newsbrief.segment import segment, split_spans


def texts(text: str) -> list[str]:
    return [text[s:e] for s, e, _ in split_spans(text)]


def test_abbreviations_and_initials_do_not_end_sentences():
    t = "Maj. Gen. Abdul Aziz al-Shallal left. George W. Bush spoke at 3 p.m. Friday. The U.S. Army left."
    assert texts(t) == [
        "Maj. Gen. Abdul Aziz al-Shallal left.",
        "George W. Bush spoke at 3 p.m. Friday.",
        "The U.S. Army left.",
    ]


def test_initials_run_together_do_not_end_sentences():
    t = "The first book by George R.R. Martin sold well. George H.W. Bush and J.K. Rowling met."
    assert texts(t) == [
        "The first book by George R.R. Martin sold well.",
        "George H.W. Bush and J.K. Rowling met.",
    ]


def test_plural_titles_and_company_and_street_abbreviations_do_not_end_sentences():
    t = ("Sens. John McCain and Lindsey Graham met Fr. Benedict on Spruce Ave. Tuesday. "
         "Warner Bros. Television agreed.")
    assert texts(t) == [
        "Sens. John McCain and Lindsey Graham met Fr. Benedict on Spruce Ave. Tuesday.",
        "Warner Bros. Television agreed.",
    ]


def test_closing_quotes_stay_with_their_sentence():
    t = '"We urge them to defect now," he said. "It will be too late!" She agreed.'
    assert texts(t) == ['"We urge them to defect now," he said.', '"It will be too late!"',
                        "She agreed."]


def test_multi_news_spaced_quotes_split_before_an_opening_and_after_a_closing_quote():
    # Multi-News writes quote marks as tokens and lowercases the word after them.
    t = ('He will not step down. " i have no intention, " weiner said outside. '
         '" this is up to my constituents. " weiner has been at the center. He left the u.s. " ok')
    assert texts(t) == ["He will not step down.", '" i have no intention, " weiner said outside.',
                        '" this is up to my constituents. "', "weiner has been at the center.",
                        'He left the u.s. " ok']


def test_a_photo_credit_or_player_notice_ends_the_caption_glued_before_the_first_sentence():
    t = ("The coin sold for a record... ( associated press ) a dime made in 1873 sold for $1.6 "
         "million. Police at the scene. ( photo: mark humphrey, ap ) rio police say a man died. "
         "Media playback is unsupported on your device Media caption Aid arrived in Madaya")
    assert texts(t) == ["The coin sold for a record... ( associated press )",
                        "a dime made in 1873 sold for $1.6 million.",
                        "Police at the scene. ( photo: mark humphrey, ap )",
                        "rio police say a man died.",
                        "Media playback is unsupported on your device",
                        "Media caption Aid arrived in Madaya"]
    # A parenthesis that is no credit, or a credit-like word inside a sentence, cuts nothing.
    t = "He took a photo (his first) and the Associated Press (AP) ran it. Next (Photo: AP) one"
    assert texts(t) == ["He took a photo (his first) and the Associated Press (AP) ran it.",
                        "Next (Photo: AP) one"]
    # In cased text a credit followed by a capital still ends the caption.
    assert texts("Officials near the body (Photo: Mark Humphrey, AP) RIO DE JANEIRO — Police "
                 "say a man died.") == ["Officials near the body (Photo: Mark Humphrey, AP)",
                                        "RIO DE JANEIRO — Police say a man died."]


def test_credits_are_found_in_any_case_and_on_any_line(monkeypatch):
    # The credit regex runs only on lines that contain one of its key words: in upper case,
    # on a later line, or spelt with a long s (which re.IGNORECASE reads as "s" and str.lower
    # does not), a credit must still end the caption.
    from newsbrief import native, segment as seg

    cases = {
        "A man near the scene (ASSOCIATED PRESS) The mayor spoke.":
            ["A man near the scene (ASSOCIATED PRESS)", "The mayor spoke."],
        "First line.\nA dog (Getty Images/AFP) He won.":
            ["First line.", "A dog (Getty Images/AFP)", "He won."],
        "A man near the scene (a\u017f\u017fociated pre\u017f\u017f) The mayor spoke.":
            ["A man near the scene (a\u017f\u017fociated pre\u017f\u017f)", "The mayor spoke."],
        "A man (his son) and more (in the rain) The mayor spoke.":
            ["A man (his son) and more (in the rain) The mayor spoke."],
    }
    for kernels in (native.KERNELS, None):
        monkeypatch.setattr(native, "KERNELS", kernels)
        for text, expected in cases.items():
            assert texts(text) == expected, (kernels, text)
    # Every phrase the regex can match contains a key (what the pre-check relies on).
    for phrase in ("(associated press)", "( ap photo: x )", "(Photos by Jo)", "(photo credit: x)",
                   "(AP Photo/Jo)", "(Getty Images)", "(reuters photo: x)", "(AFP photo by x)",
                   "media playback is unsupported on your device"):
        assert seg._CREDIT.search(phrase), phrase
        assert any(k in phrase.lower() for k in seg._CREDIT_KEYS), phrase


def test_line_breaks_end_sentences_and_number_paragraphs():
    t = "First line without stop\nSecond para. Still second.\n\nThird."
    spans = split_spans(t)
    assert [t[s:e] for s, e, _ in spans] == ["First line without stop", "Second para.",
                                              "Still second.", "Third."]
    assert [p for _, _, p in spans] == [0, 1, 1, 2]


def test_lowercase_after_stop_is_not_a_boundary():
    # Multi-News is lowercased except at sentence starts: "vs. the" must not split.
    assert texts("He ran vs. the champion. Then left.") == ["He ran vs. the champion.", "Then left."]


def test_segment_offsets_point_into_article_text():
    text = "  One sentence here.  Another one there!\nA third?"
    art = Article(id="a", index=0, text=text)
    sents = segment(art)
    assert [s.text for s in sents] == ["One sentence here.", "Another one there!", "A third?"]
    for s in sents:
        assert text[s.start:s.end] == s.text
    assert [s.position for s in sents] == [0, 1, 2]


def test_missing_space_after_stop_still_splits_but_domains_and_files_do_not():
    t = "She is not one to be messed with.on wednesday, she sued in 2013.in september, he left."
    assert texts(t) == ["She is not one to be messed with.", "on wednesday, she sued in 2013.",
                        "in september, he left."]
    t = "Visit cnn.com for more. See nytimes.com/x and report.pdf today. Version 2.0 is out."
    assert texts(t) == ["Visit cnn.com for more.", "See nytimes.com/x and report.pdf today.",
                        "Version 2.0 is out."]


def test_an_articles_words_are_its_sentences_words_joined():
    # The pipeline hands screening each article's words as its sentences' words joined: no
    # token may cross a sentence boundary, whatever the punctuation around it.
    from itertools import chain

    from newsbrief.model import Article
    from newsbrief.text import words

    texts = ["He said 'go.' Then they left. Mr. Smith's dog.on wednesday it ran!",
             "Prices rose 3.5% in the U.S. \u201cWe\u2019re done,\u201d she said.\nNew line's here",
             "messed with.on Wednesday, the singer (at example.com) said: 'it's over.'",
             'down. " i have no intention, " he said. " this is it. " weiner left.']
    for text in texts:
        joined = list(chain.from_iterable(s.tokens
                                          for s in segment(Article(id="a", index=0, text=text))))
        assert joined == words(text)
