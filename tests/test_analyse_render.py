"""The "Where the sources differ" section in text and Markdown."""

from newsbrief.analyse.render import differences_markdown, differences_text
from newsbrief.model import Article, Brief, BriefSentence, SourceSpan

ARTS = (Article(id="a", index=0, text="x", outlet="CNN", published="2012-12-26"),
        Article(id="b", index=1, text="y", outlet="BBC"))
CONFLICT = {
    "kind": "title", "subject": "Walter Brennan", "compatible": False,
    "values": [
        {"text": "Maj. Gen.", "sources": [{"article": "a", "start": 0, "end": 9,
                                           "text": "Maj. Gen."}]},
        {"text": "Lt. Gen.", "sources": [{"article": "b", "start": 0, "end": 8,
                                          "text": "Lt. Gen."}]},
    ],
}


def brief(**extra):
    return Brief(id="s", sentences=(BriefSentence("x", (SourceSpan("a", 0, 1),), (1, 2)),),
                 articles=ARTS, extra=extra)


def test_nothing_when_the_analysis_did_not_run():
    assert differences_text(brief()) == ""
    assert differences_markdown(brief()) == ""


def test_says_so_when_there_are_no_differences():
    text = differences_text(brief(conflicts=[], entities=[]))
    assert text.startswith("Where the sources differ:")
    assert "No differences found" in text


def test_each_value_with_its_outlets_and_dates():
    text = differences_text(brief(conflicts=[CONFLICT]))
    assert "Title or rank: Walter Brennan" in text
    assert "“Maj. Gen.” [CNN (published 2012-12-26)]" in text
    assert "“Lt. Gen.” [BBC]" in text
    md = differences_markdown(brief(conflicts=[CONFLICT]))
    assert md.startswith("### Where the sources differ")
    assert "**Title or rank: Walter Brennan**" in md


def test_figures_show_the_claim_and_compatibility():
    c = {"kind": "number", "subject": "people killed", "compatible": True, "values": [
        {"text": "more than 40,000", "sources": [{"article": "a", "start": 0, "end": 30,
                                                  "text": "more than 40,000 people killed"}]},
        {"text": "at least 40,000", "sources": [{"article": "b", "start": 0, "end": 20,
                                                 "text": "at least 40,000 dead"}]}]}
    text = differences_text(brief(conflicts=[c]))
    assert "(compatible: worded differently)" in text
    assert "“more than 40,000 people killed” [CNN" in text


def test_degraded_mode_is_announced():
    text = differences_text(brief(conflicts=[], analysis={"backend": "rules"}))
    assert "spaCy is not installed" in text
