"""The figure pre-check of ``newsbrief.analyse.facts``: it may only skip what NUMBER skips."""

from __future__ import annotations

import pytest

from newsbrief.analyse.facts import NUMBER, may_have_number

TEXTS = [
    "More than 40,000 people have been killed.",
    "The trip took four days by motorcycle and horse.",
    "TWENTY-ONE officers crossed the border.",
    "He waited for a dozen years.",
    "ſix men were held.",  # long s: re.I matches it as "six"
    "The general said the army had become gangs of murder.",
    "Dozens of people gathered outside.",
    "It was a twentyfold increase.",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_pre_check_never_skips_a_sentence_with_a_figure(text: str) -> None:
    if NUMBER.search(text):
        assert may_have_number(text)


def test_pre_check_skips_sentences_without_figures() -> None:
    assert not may_have_number("The general said the army had become gangs of murder.")
    assert not may_have_number("Dozens of people gathered outside.")
    assert may_have_number("More than 40,000 people have been killed.")
    assert may_have_number("He waited for a dozen years.")


@pytest.mark.parametrize("text", [
    "The general defected on Tuesday.",
    "He left Syria on Dec. 25, 2012.",
    "The video aired late last night.",
    "ſunday prayers were cancelled.",
    "The mayor spoke to reporters.",
    "",
])
def test_date_pre_check_never_skips_a_sentence_with_a_date(text: str) -> None:
    from newsbrief.analyse.facts import DATE, may_have_date

    if DATE.search(text):
        assert may_have_date(text)
    assert may_have_date(text) is (text != "The mayor spoke to reporters." and text != "")


def _quantities(text: str):
    from newsbrief.analyse.facts import quantities
    from newsbrief.model import Article
    from newsbrief.segment import segment
    art = Article(id="a0", index=0, text=text, raw=text, outlet="Outlet")
    return quantities([art], list(segment(art)))


@pytest.mark.parametrize("text, figure, unit, value", [
    # a currency sign glued to the figure, as real pages write it (Multi-News spaces it out)
    ("The IPO values Facebook at $104 billion, the largest ever.", "$104 billion", "money:$",
     104e9),
    ("The deal was worth $3.6 million in cash.", "$3.6 million", "money:$", 3.6e6),
    ("The club paid £5m for the striker.", "£5m", "money:£", 5e6),
    ("It raised $2bn from investors.", "$2bn", "money:$", 2e9),
    ("Police said $ 800,000 in cash was found.", "$ 800,000", "money:$", 8e5),
])
def test_money_is_read_with_or_without_a_space_after_the_sign(text, figure, unit, value) -> None:
    [q] = _quantities(text)
    assert (q.text, q.unit) == (figure, unit) and q.value == pytest.approx(value)


@pytest.mark.parametrize("text", [
    "His pumpkin, which weighed 2,232 pounds, won the prize.",
    "The largest pumpkin tipped the scales at more than 2,200 pounds this year.",
    "Police seized 275 pounds of gold at the border.",
])
def test_pounds_of_weight_are_not_money(text) -> None:
    assert not [q for q in _quantities(text) if q.unit.startswith("money")]


def test_a_figure_glued_to_another_unit_is_not_read() -> None:
    assert _quantities("The runners covered 5km before noon.") == []


@pytest.mark.parametrize("text, measure", [
    ("He is charged with shooting eight people in the Kalamazoo area on Saturday.", "shot"),
    ("Police said 12 people were stabbed at the station.", "stabbed"),
    ("In the shooting 12 people were killed.", "killed"),  # the event, not the measure
    ("A gunman shot and killed 12 people.", "killed"),
    ("A plane carrying 295 people was shot down over Ukraine.", ""),  # the plane was
    ("On Wednesday alone, eight people were shot to death in Chicago.", "killed"),
    ("Two officers were shot dead in the attack.", "killed"),
    ("An assailant entered the home and shot three people to death.", "killed"),
    ("Police said 12 people were shot and killed at the party.", "killed"),
    ("Four people were shot and wounded outside the bar.", "injured"),
    ("In a shooting at a bar downtown 12 people were hurt.", "injured"),
])
def test_people_shot_or_stabbed_are_not_people_killed(text, measure) -> None:
    [q] = _quantities(text)
    assert q.measure == measure


@pytest.mark.parametrize("text, threshold", [
    ("Not included are shootings where three or fewer people were shot.", True),
    ("The tracker counts shootings in which four or more people are killed.", True),
    ("Seven people were shot inside the club.", False),
])
def test_a_bound_written_after_the_figure_is_a_threshold_not_a_count(text, threshold) -> None:
    [q] = _quantities(text)
    assert q.hedged == threshold


@pytest.mark.parametrize("text, unit, part", [
    # an age written half-hyphenated, as scraped text often has it, is an age, not a duration
    ("Pearl Moen, the 18-year old charged with attempted murder, was shy.", "age", ""),
    ("The 18-year-old was charged with attempted murder.", "age", ""),
    ("He was sentenced to 15 years in prison.", "duration", ""),
    # the smaller half of a compound duration whose larger half is "one" or "a"
    ("Chef Matt McCallister is one year and two weeks sober.", "duration", "compound"),
    ("She has been in custody a year and 10 months.", "duration", "compound"),
    ("He attended rehab for six weeks in Arizona.", "duration", ""),
    # a difference between two times, or how far along a pregnancy is: not a length of time
    ("She won by 10 hours ahead of the second-place runner.", "duration", "relative"),
    ("Young adults on the drugs will live 10 years longer than before.", "duration", "relative"),
    ("She was born 13 weeks premature on May 10.", "duration", "relative"),
    ("They left when she was 23 weeks pregnant.", "duration", "stage"),
    ("The flight landed 40 minutes late.", "duration", "relative"),
    ("The filibuster went on for 11 hours.", "duration", ""),
])
def test_what_a_duration_is(text, unit, part) -> None:
    [q] = _quantities(text)
    assert (q.unit, q.part) == (unit, part)


@pytest.mark.parametrize("text, hedged", [
    # after the figure, a word in "-ing" tells what those counted are doing
    ("Since 1975, 90 percent of its graduates seeking employment found jobs.", False),
    ("Officials said 200 migrants hoping to cross the river were stopped.", False),
    ("He was held for nearly two hours, repeatedly asking him about his religion.", False),
    # a hedge before the figure, or a participle after it, still hedges it
    ("The college hopes 90 percent of its graduates find jobs.", True),
    ("The plant will add 200 jobs expected to pay well.", True),
])
def test_a_word_in_ing_after_the_figure_does_not_hedge_it(text, hedged) -> None:
    [q] = _quantities(text)
    assert q.hedged == hedged


@pytest.mark.parametrize("text, unit", [
    ("They seized cocaine worth $ 14 million nz dollars in Auckland.", "money:$NZ"),
    ("They seized cocaine worth NZ$14 million in Auckland.", "money:$NZ"),
    ("The painting sold for A$5m at auction.", "money:$AU"),
    ("It cost $3.6 million ($4.5 million Australian).", "money:$AU"),
    ("He paid US$5 million for the house.", "money:$"),
    # "a" before a spaced-out sign is the article, and a country word must name the currency
    ("He paid a $ 5 million fine.", "money:$"),
    ("It was a $ 5 million canadian company.", "money:$"),
])
def test_dollars_of_another_country_are_another_currency(text, unit) -> None:
    assert _quantities(text)[-1].unit == unit


@pytest.mark.parametrize("text, figure, total", [
    ("A jury found him guilty on one count of the 48 counts against him.", "48", True),
    ("Three members of the 12 jurors voted to acquit.", "12", True),
    ("They found unity on just one of the 24 counts.", "24", True),
    ("He was charged with 24 counts of fraud.", "24", False),
])
def test_a_group_some_of_which_are_counted_is_a_whole(text, figure, total) -> None:
    [q] = [q for q in _quantities(text) if q.text == figure]
    assert q.total == total


@pytest.mark.parametrize("text, measure", [
    # how many times it was done: the verb before, not what the subject's clause says after
    ("The white officer who shot a black teen 31 times has been charged and jailed.", "shot"),
    ("The video shows an officer shooting 17-year-old Laquan McDonald 16 times in 2014.", "shot"),
    ("Police say she stabbed a woman approximately 40 times.", "stabbed"),
    # a measure word of the clause before "and" is that clause's figure's
    ("The fire has left one person dead and has destroyed an estimated 224 homes.", ""),
    # a figure inside a dash-set aside does not end the search for this figure's measure
    ("All 22 people aboard -- 15 passengers and the pilot -- were killed.", "killed"),
])
def test_what_happened_to_those_counted(text, measure) -> None:
    q = next(q for q in _quantities(text) if q.unit == "count")  # the first count
    assert q.measure == measure


@pytest.mark.parametrize("text, offset", [
    ("The first pocket shark was found 61 years ago off Peru.", "ago"),
    ("He was spared just 60 minutes before he was due to die.", "before"),
    ("She has been force-fed for the past 7 years.", "past"),
    ("Sue Klebold has lived with the grief for the last 16 years.", "past"),
    ("Mugabe resigned after 37 years in charge.", "after N"),  # how long his rule lasted
    ("Her body was found four days after she was reported missing.", "after"),
    ("He must act within 30 days.", "within N"),
    ("The ship sank about 1,100 years ago.", "ago"),
    ("The filibuster went on for 11 hours.", ""),  # not an offset
])
def test_what_a_time_offset_is_counted_from(text, offset) -> None:
    [q] = [q for q in _quantities(text) if q.unit == "duration"]
    assert q.offset == offset
    assert (q.part == "relative") == bool(offset)


@pytest.mark.parametrize("text, parts", [
    # figures listed with one unit are several quantities
    ("She is into ultra running, crazy long distances: 100 miles, 200 miles.", ["list", "list"]),
    ("Who got away with $5 million, $40 million, or even $100 million worth of bitcoins?",
     ["list", "list", "list"]),
    ("It killed 12 people, 30 people were hurt.", ["", ""]),  # two clauses, not a list
    ("It cost $5 million, $2 million more than planned.", ["", ""]),
    # a first figure the story goes on to add to
    ("The initial 2,600 officers were not enough to handle the crowd.", ["initial"]),
    ("They beat the previous mark of 5,234 feet.", ["initial"]),
    # a stock index's move in points, other than at the close
    ("The Dow Jones industrials were recently up 97 points.", ["intraday"]),
    ("The Dow closed down 97 points.", [""]),
    ("The team scored 97 points in the final.", [""]),
])
def test_how_a_figure_is_tied_to_others(text, parts) -> None:
    assert [q.part for q in _quantities(text)] == parts


@pytest.mark.parametrize("text, hedged", [
    ("If we had lived 3 million years ago, beach visits would not have been pleasant.", True),
    ("A prehistoric bird that lived six million years ago had a huge wingspan.", False),
    ("If confirmed, he will convert about 2 million deferred shares to cash.", False),
])
def test_a_supposition_is_not_a_report(text, hedged) -> None:
    [q] = _quantities(text)
    assert q.hedged == hedged


def test_the_stage_of_a_count_is_a_point_in_time_and_not_a_share():
    text = ("With 90 percent of the vote in, Smith had 52 percent. "
            "The bill passed with 60 percent of the votes cast in the county.")
    got = {q.text: (q.part, q.times) for q in _quantities(text)}
    assert got["90 percent"] == ("tally", frozenset({"count:90percent"}))
    assert got["52 percent"] == ("", frozenset({"count:90percent"}))
    # A share of the votes cast in a place is a share, not a stage of the count.
    assert got["60 percent"] == ("", frozenset())
