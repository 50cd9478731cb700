"""Titles and ranks: parsed to a canonical form, compared within their family only."""

from newsbrief.analyse import titles


def test_parse_abbreviations_and_qualifiers():
    t = titles.parse("Maj. Gen.")
    assert (t.canonical, t.family, t.current) == ("major general", "rank", True)
    assert titles.parse("Lt Gen").canonical == "lieutenant general"
    assert titles.parse("former Sen.").current is False
    assert titles.parse("spokesman") is None


def test_compatibility():
    c = titles.compatible
    p = titles.parse
    assert not c(p("Maj. Gen."), p("Lt Gen"))
    assert c(p("Gen."), p("Maj. Gen."))  # a second reference shortens the rank
    assert c(p("Col."), p("Lt. Col."))
    assert not c(p("Col."), p("Gen."))
    assert not c(p("Sen."), p("Rep."))
    assert not c(p("Vice President"), p("President"))
    assert not c(p("Lt. Gov."), p("Gov."))
    assert c(p("Rep."), p("Congressman"))
    assert c(p("former Sen."), p("Rep."))  # not a current title
    assert c(p("President"), p("Gen."))  # different families: one person, two roles


def test_title_before_name_needs_a_capitalised_name():
    found = [(m.group("title"), m.group("name")) for m in titles.TITLE_BEFORE_NAME.finditer(
        "Maj. Gen. Abdul Aziz Jassim al-Shallal spoke. It was a major strategic gain. "
        "Prime Minister Riyad Hijab left.")]
    assert found == [("Maj. Gen.", "Abdul Aziz Jassim al-Shallal"),
                     ("Prime Minister", "Riyad Hijab")]


def test_title_read_back_before_a_name_and_in_an_appositive():
    text = "Lt Gen Abulaziz al-Shalal is one of them."
    start, t = titles.before(text, text.index("Abulaziz"))
    assert text[start:start + len(t.text)] == "Lt Gen"
    text = "Manaf Tlass, a brigadier general and a former friend"
    s, e, t = titles.appositive(text, len("Manaf Tlass"))
    assert text[s:e] == "brigadier general"
