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
    assert c(p("Judge"), p("Justice"))  # a justice is a judge ("Mr Justice Mitting")
    assert not c(p("Justice"), p("Chief Justice"))
    assert p("lt. Governor").canonical == "lieutenant governor"


def test_title_before_name_needs_a_capitalised_name():
    found = [(m.group("title"), m.group("name")) for m in titles.TITLE_BEFORE_NAME.finditer(
        "Maj. Gen. Abdul Aziz Jassim al-Shallal spoke. It was a major strategic gain. "
        "Prime Minister Riyad Hijab left.")]
    assert found == [("Maj. Gen.", "Abdul Aziz Jassim al-Shallal"),
                     ("Prime Minister", "Riyad Hijab")]


def test_the_rest_of_a_cut_off_title_is_not_a_name():
    # train-4886 (judged false): "Army lt. Gen." and "maj. Gen." with the name cut off were
    # two titles, lt. and maj., of someone called Gen.
    for text in ("Army lt. Gen.", "Here is the original interview: maj. Gen."):
        assert [m.group("name") for m in titles.TITLE_BEFORE_NAME.finditer(text)] == ["Gen"]
        assert titles.names_after_titles(text) == []
    found = titles.names_after_titles("Lt Gen Abulaziz al-Shalal and Rep. King spoke.")
    assert [(m.group("title"), m.group("name")) for m in found] == [
        ("Lt Gen", "Abulaziz al-Shalal"), ("Rep.", "King")]  # a name that is a title in full


def test_title_before_name_reads_accented_names_and_stops_at_a_possessive():
    found = [(m.group("title"), m.group("name")) for m in titles.TITLE_BEFORE_NAME.finditer(
        "President Enrique Peña Nieto spoke. Gen. Óscar Naranjo left. President Felipe "
        "Calderon's National Action Party lost. Sen. Conan O'Brien won.")]
    assert found == [("President", "Enrique Peña Nieto"), ("Gen.", "Óscar Naranjo"),
                     ("President", "Felipe Calderon"), ("Sen.", "Conan O'Brien")]


def test_title_read_back_before_a_name_and_in_an_appositive():
    text = "Lt Gen Abulaziz al-Shalal is one of them."
    start, t = titles.before(text, text.index("Abulaziz"))
    assert text[start:start + len(t.text)] == "Lt Gen"
    text = "Manaf Tlass, a brigadier general and a former friend"
    s, e, t = titles.appositive(text, len("Manaf Tlass"))
    assert text[s:e] == "brigadier general"


def test_a_title_then_a_comma_is_not_the_named_persons_title():
    # train-5688 and train-4680 (both judged false): "italy's premier, trump said" is the
    # premier's title, not Trump's; "gov, obama on monday" is a scrap of the page before.
    for text, name in [("Speaking beside italy's premier, trump said he would meet them.", "trump"),
                       ("gov, obama on monday gave a defense of the law.", "obama")]:
        assert titles.before(text, text.index(name)) is None
        assert titles.titled(text, {name: 1}) == []
    text = "Speaking beside italy's premier trump said"  # the control: no comma, a title
    assert titles.before(text, text.index("trump"))[1].canonical == "premier"


def test_an_office_run_for_is_not_held():
    text = "Republican candidate for president Chris Christie follows."
    _, t = titles.before(text, text.index("Chris"))
    assert t.canonical == "president" and not t.current
    text = "A spokesman for President Barack Obama said."  # "for" alone: the office is held
    _, t = titles.before(text, text.index("Barack"))
    assert t.current


def test_then_titles_are_compared_only_with_then_titles():
    c = titles.compatible
    p = titles.parse
    assert p("then-Vice President").current and p("then-Vice President").then
    assert not c(p("then Vice President"), p("then President"))
    assert c(p("then-Vice President"), p("President"))  # then and now can both be right
    # The late president was the president: "late" does not make a title a past one.
    assert not c(p("late Vice President"), p("President"))
    assert not p("former President").current


def test_titled_finds_titles_before_known_names_in_any_case_and_across_a_break():
    text = ("Protests against vice president bashar assad went on. Recall wisconsin gov. Scott "
            "walker, the papers said.")
    found = titles.titled(text, {"bashar assad": 1, "scott walker": 2, "cuomo": 3})
    assert [(k, text[s:e], t.canonical) for k, s, e, t in found] == [
        (1, "vice president", "vice president"), (2, "gov.", "governor")]
    assert titles.titled("Bashar Assad spoke.", {"bashar assad": 1}) == []


def test_titled_reads_past_a_middle_initial_and_not_an_office_as_a_rank():
    from newsbrief.analyse.conflicts import _with_initials

    forms = _with_initials({"andrew cuomo": 1, "jeff sessions": 2})
    text = "Gov. Andrew M. Cuomo spoke. Attorney General Jeff Sessions did not."
    found = titles.titled(text, forms)
    assert [(k, t.canonical) for k, _, _, t in found] == [(1, "governor")]


def test_premier_and_prime_minister_are_one_office():
    assert titles.compatible(titles.parse("premier"), titles.parse("Prime Minister"))
    assert not titles.compatible(titles.parse("premier"), titles.parse("Deputy Prime Minister"))


def test_crown_prince_is_prince_on_second_reference():
    p = titles.parse
    assert titles.compatible(p("Crown Prince"), p("Prince"))
    assert not titles.compatible(p("King"), p("Crown Prince"))


def test_commander_beside_a_land_rank_is_a_role():
    # "rebel military commander Abdel Fatah Younes" / "Gen. Younes"; "detective commander
    # ... Major Dennis Fleming": commander is what they do, the other is their rank.
    p = titles.parse
    assert titles.compatible(p("Gen."), p("commander"))
    assert titles.compatible(p("commander"), p("Major"))
    # The navy's ranks still differ from the navy's commander, and Lt. Cmdr. is a commander
    # shortened, as before.
    assert not titles.compatible(p("Capt."), p("Cmdr."))
    assert not titles.compatible(p("Adm."), p("commander"))
    assert titles.compatible(p("Lt. Cmdr."), p("Commander"))
    assert not titles.compatible(p("Gen."), p("Col."))
