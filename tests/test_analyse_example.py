"""The example story end to end: the differences the issue lists, with their sources."""

from pathlib import Path

import pytest

from newsbrief import read_inputs, render, summarize
from newsbrief.analyse import nlp

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "syria-military-police-chief"


@pytest.fixture(scope="module", params=["spacy", "rules"])
def brief(request):
    if request.param == "spacy" and not nlp.available():
        pytest.skip("spaCy model not installed (pip install '.[analysis]')")
    mp = pytest.MonkeyPatch()
    if request.param == "rules":
        mp.setattr(nlp, "_model", lambda: None)
    story = read_inputs([str(EXAMPLE)])
    try:
        yield summarize(story.articles, story_id=story.id)
    finally:
        mp.undo()


def by_kind(brief, kind):
    return [c for c in brief.extra["conflicts"] if c["kind"] == kind]


def outlets(value):
    return {s["article"][:3] for s in value["sources"]}


def test_general_is_one_person_with_all_spellings(brief):
    people = [e for e in brief.extra["entities"] if e["kind"] == "person"
              and any("Shal" in v for v in e["variants"])]
    assert len(people) == 1
    assert {"Abdul Aziz Jassim al-Shallal", "Abdul-Aziz Jassem al-Shallal",
            "Abulaziz al-Shalal"} <= set(people[0]["variants"])
    names = {c["subject"]: c for c in by_kind(brief, "name")}
    general = next(c for s, c in names.items() if "Shallal" in s)
    assert {v["text"] for v in general["values"]} == {
        "Abdul Aziz Jassim al-Shallal", "Abdul-Aziz Jassem al-Shallal", "Abulaziz al-Shalal"}


def test_spokesman_spellings_merged(brief):
    spokesman = [c for c in by_kind(brief, "name")
                 if {v["text"] for v in c["values"]} == {"Louai Miqdad", "Loay Mokdad"}]
    assert len(spokesman) == 1
    assert outlets(spokesman[0]["values"][0]) | outlets(spokesman[0]["values"][1]) == {
        "000", "001", "002"}


def test_rank_differs(brief):
    [rank] = by_kind(brief, "title")
    values = {v["text"]: outlets(v) for v in rank["values"]}
    # 002 gives the rank only in its photo caption, which cleaning removes.
    assert values == {"Maj. Gen.": {"000", "001"}, "Lt Gen": {"003"}}


def test_death_toll_as_worded_by_each_outlet(brief):
    tolls = [c for c in by_kind(brief, "number") if "killed" in c["subject"]]
    assert len(tolls) == 1
    values = {v["text"]: outlets(v) for v in tolls[0]["values"]}
    # The 100,000 of the 2014 photo caption is cleaned out of article 000 as boilerplate.
    assert values == {"More than 40,000": {"000"}, "at least 40,000": {"001"}}
    assert tolls[0]["compatible"] is True


def test_escape_accounts(brief):
    [account] = by_kind(brief, "account")
    texts = " | ".join(v["text"] for v in account["values"])
    assert "three hours" in texts and "scooter" in texts
    assert "four days" in texts and "horses" in texts


def test_no_false_conflicts_and_nothing_from_set_aside_articles(brief):
    # 3,300 refugees vs 147,107 Syrians, Wednesday's 164 vs the war's 40,000: not conflicts.
    assert len(brief.extra["conflicts"]) == 5
    aside = {x.article for x in brief.set_aside}
    for c in brief.extra["conflicts"]:
        for v in c["values"]:
            for s in v["sources"]:
                assert s["article"] not in aside
                assert brief.article(s["article"]).text[s["start"]:s["end"]] == s["text"]


def test_support_on_every_sentence(brief):
    used = len(brief.articles) - len(brief.set_aside)
    for s in brief.sentences:
        k, n = s.support
        assert n == used and 1 <= k <= n
    assert any(s.support[0] >= 2 for s in brief.sentences)


def test_rendered_in_text_markdown_and_json(brief):
    text = render(brief, "text")
    assert "Where the sources differ:" in text
    assert "Lt Gen" in text and " outlets]" in text
    assert "### Where the sources differ" in render(brief, "markdown")
    assert '"conflicts"' in render(brief, "json")
