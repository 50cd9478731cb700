"""The story objects: frozen, with a sentence's word count computed once."""

from dataclasses import FrozenInstanceError, replace

import pytest

from newsbrief.model import Article, Sentence


def test_sentence_words_are_counted_once_and_leave_equality_alone():
    s = Sentence(article="a", index=0, start=0, end=24, text="The  police\tsaid on Monday.")
    assert "words" not in vars(s)
    assert s.words == 5  # whitespace-separated, as the word budget counts
    assert vars(s)["words"] == 5  # kept: the next read is a plain attribute
    assert s == Sentence(article="a", index=0, start=0, end=24, text="The  police\tsaid on Monday.")
    assert replace(s, text="Two words.").words == 2  # a copy counts its own text
    with pytest.raises(FrozenInstanceError):
        s.text = "changed"  # type: ignore[misc]


def test_sentence_tokens_and_terms_are_kept_and_leave_equality_alone():
    s = Sentence(article="a", index=0, start=0, end=32, text="The police arrested 12 suspects.")
    assert "tokens" not in vars(s) and "terms" not in vars(s)
    assert s.tokens == ("the", "police", "arrested", "12", "suspects")
    assert s.terms == ("police", "arrest", "12", "suspect")
    assert vars(s)["tokens"] is s.tokens and vars(s)["terms"] is s.terms
    assert s == Sentence(article="a", index=0, start=0, end=32,
                         text="The police arrested 12 suspects.")
    assert replace(s, text="Armies fled.").terms == ("army", "fled")


def test_sentence_init_sets_every_field_as_a_dataclass_would():
    import inspect
    from dataclasses import fields

    names = [f.name for f in fields(Sentence)]
    assert list(inspect.signature(Sentence.__init__).parameters)[1:] == names
    s = Sentence("a", 3, 10, 20, "Ten chars.", 2, 1)
    assert {n: getattr(s, n) for n in names} == {
        "article": "a", "index": 3, "start": 10, "end": 20, "text": "Ten chars.",
        "paragraph": 2, "position": 1}
    assert Sentence("a", 3, 10, 20, "Ten chars.") == Sentence(
        article="a", index=3, start=10, end=20, text="Ten chars.", paragraph=0, position=0)
    assert replace(s, position=5).position == 5 and replace(s, position=5).text == s.text
    assert hash(s) == hash(Sentence("a", 3, 10, 20, "Ten chars.", 2, 1))
    with pytest.raises(FrozenInstanceError):
        s.position = 0  # type: ignore[misc]


def test_article_init_sets_every_field_as_a_dataclass_would():
    import inspect
    from dataclasses import fields

    names = [f.name for f in fields(Article)]
    assert list(inspect.signature(Article.__init__).parameters)[1:] == names
    values = ["a1", 2, "Text.", "Raw text.", "/p", "http://x", "X", "Y", "T", "2012-12-26"]
    a = Article(*values)
    assert [getattr(a, n) for n in names] == values
    assert Article("a1", 2, "Text.") == Article(id="a1", index=2, text="Text.", raw="",
                                                path=None, url=None, outlet=None, author=None,
                                                title=None, published=None)
    assert replace(a, text="New.").text == "New." and replace(a, text="New.").outlet == "X"
    with pytest.raises(FrozenInstanceError):
        a.text = "changed"  # type: ignore[misc]
