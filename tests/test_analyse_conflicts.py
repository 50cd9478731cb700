"""Conflicts between articles, built from hand-written articles: what must be found, and the
legitimately different quantities that must not be reported."""

import pytest

from newsbrief.analyse import analyse, nlp
from newsbrief.model import Article, BriefSentence, SourceSpan
from newsbrief.segment import segment


@pytest.fixture(autouse=True, params=["spacy", "rules"])
def backend(request, monkeypatch):
    """Every case runs with the statistical tagger and in the degraded, rules-only mode."""
    if request.param == "spacy":
        if not nlp.available():
            pytest.skip("spaCy model not installed (pip install '.[analysis]')")
    else:
        monkeypatch.setattr(nlp, "_model", lambda: None)
    return request.param


def story(*texts):
    arts = [Article(id=f"a{i}", index=i, text=t, raw=t, outlet=f"Outlet {i}")
            for i, t in enumerate(texts)]
    return arts, [s for a in arts for s in segment(a)]


def kinds(analysis, kind):
    return [c for c in analysis.conflicts if c.kind == kind]


def number_values(*texts):
    """The values of each number conflict the analysis reports between ``texts``."""
    arts, sents = story(*texts)
    return [{v.text for v in c.values} for c in kinds(analyse(arts, sents), "number")]


def check_offsets(analysis, arts):
    text = {a.id: a.text for a in arts}
    for c in analysis.conflicts:
        for v in c.values:
            for s in v.sources:
                assert text[s.article][s.start:s.end] == s.text


def test_number_conflict_found_with_both_sides_and_their_words():
    arts, sents = story(
        "Police said 25 people were killed in the bombing of the market in Kano on Monday.",
        "The bombing of the market in Kano on Monday left 31 people dead, a hospital said.",
    )
    a = analyse(arts, sents)
    [c] = kinds(a, "number")
    assert not c.compatible
    assert {v.text for v in c.values} == {"25", "31"}
    assert {v.sources[0].article for v in c.values} == {"a0", "a1"}
    assert "killed" in c.subject
    check_offsets(a, arts)


def test_tolls_of_different_days_are_not_a_conflict():
    arts, sents = story(
        "On Monday, 25 people were killed in the city, activists said.",
        "On Tuesday, 31 people were killed in the city, activists said.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_different_subjects_are_not_a_conflict():
    arts, sents = story(
        "Among the 3,300 Syrian refugees who have entered Turkey in the past two days, one was "
        "a member of Parliament.",
        "The agency said that 3,900 soldiers were staying in Turkey after fleeing Syria.",
        "The agency said 147,107 Syrians were staying in Turkey after fleeing Syria.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_a_day_toll_and_a_war_toll_are_not_a_conflict():
    arts, sents = story(
        "More than 40,000 people have been killed since March 2011, activists say.",
        "At least 164 people were killed on Wednesday, activists said.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_same_figure_worded_differently_is_marked_compatible():
    arts, sents = story(
        "More than 40,000 people have been killed in the conflict, activists say.",
        "The conflict has left at least 40,000 people dead.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert c.compatible
    assert [v.text for v in c.values] == ["More than 40,000", "at least 40,000"]


def test_an_open_bound_met_by_the_other_figure_is_not_reported():
    arts, sents = story(
        "The storm killed at least 100 people across the region.",
        "The storm killed 164 people across the region.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_rank_conflict_and_its_sources():
    arts, sents = story(
        "Maj. Gen. Walter Brennan said the base was secure.",
        "Lt. Gen. Walter Brennan told reporters the base was secure.",
    )
    a = analyse(arts, sents)
    [c] = kinds(a, "title")
    assert c.subject == "Walter Brennan"
    assert {v.text for v in c.values} == {"Maj. Gen.", "Lt. Gen."}
    check_offsets(a, arts)


def test_a_shortened_rank_is_not_a_conflict():
    arts, sents = story(
        "Maj. Gen. Walter Brennan said the base was secure.",
        "Gen. Walter Brennan said the base was secure.",
    )
    assert kinds(analyse(arts, sents), "title") == []


def test_a_title_split_by_the_segmenter_is_read_whole():
    # "lt. | Governor": the segmenter ends a sentence after "lt.", so the tagger reads
    # "Governor Rebecca Kleefisch"; the article says "lt. Governor", as the other one does.
    arts, sents = story(
        "Speakers included Wisconsin Lieutenant Governor Rebecca Kleefisch on Monday.",
        "Wisconsin's recall-surviving lt. Governor Rebecca Kleefisch spoke last week.",
    )
    assert kinds(analyse(arts, sents), "title") == []
    arts, sents = story(  # control: the governor and the lieutenant governor still differ
        "Speakers included Wisconsin Lieutenant Governor Rebecca Kleefisch on Monday.",
        "Wisconsin's recall-surviving Governor Rebecca Kleefisch spoke last week.",
    )
    assert len(kinds(analyse(arts, sents), "title")) == 1


def test_date_of_one_event_differs():
    arts, sents = story(
        "The cargo ship sank on Dec. 7 off the coast of Sicily after a fire broke out in its "
        "engine room.",
        "The cargo ship sank on Dec. 9 off the coast of Sicily after a fire broke out in its "
        "engine room, the coast guard said.",
    )
    a = analyse(arts, sents)
    [c] = kinds(a, "date")
    assert {v.text for v in c.values} == {"Dec. 7", "Dec. 9"}
    check_offsets(a, arts)


def test_two_dates_told_apart_by_one_article_are_not_a_conflict():
    arts, sents = story(
        "The suspect was arrested on Monday and charged on Tuesday in the city court.",
        "The suspect was charged on Tuesday in the city court.",
    )
    assert kinds(analyse(arts, sents), "date") == []


def test_name_variants_give_a_name_conflict_and_one_entity():
    arts, sents = story(
        "Maj. Gen. Abdul Aziz Jassim al-Shallal announced his defection. Al-Shallal fled.",
        "Lt Gen Abulaziz al-Shalal is one of the highest-ranking officials to defect.",
    )
    a = analyse(arts, sents)
    people = [e for e in a.entities if e.kind == "person"]
    assert len(people) == 1
    assert {"Abdul Aziz Jassim al-Shallal", "Abulaziz al-Shalal"} <= set(people[0].variants)
    assert people[0].articles == ("a0", "a1")
    [c] = kinds(a, "name")
    assert {v.text for v in c.values} == {"Abdul Aziz Jassim al-Shallal", "Abulaziz al-Shalal"}
    assert len(kinds(a, "title")) == 1


def test_namesakes_stay_two_people():
    arts, sents = story(
        "President Bashar al-Assad met the envoy in Damascus.",
        "His father, President Hafez al-Assad, ruled Syria for three decades.",
    )
    a = analyse(arts, sents)
    names = sorted(e.name for e in a.entities if e.kind == "person")
    assert names == ["Bashar al-Assad", "Hafez al-Assad"]
    assert kinds(a, "name") == []


def test_a_word_glued_to_a_name_by_the_scrape_is_not_a_spelling(backend):
    if backend == "rules":
        pytest.skip("the rules-only mode finds no names in lowercased related-story lists")
    arts, sents = story(
        "Democrat Hillary Clinton criticized Donald Trump at a press conference on Thursday. "
        "Clinton said his praise of Putin was unpatriotic.",
        "Hillary Clinton spoke in New York on Thursday. Related: Hillary Rodham Clintondnc "
        "chair quits. Clinton called the comments insulting.",
    )
    assert kinds(analyse(arts, sents), "name") == []


def test_a_respelling_at_the_end_of_a_name_is_still_reported(backend):
    if backend == "rules":
        pytest.skip("the rules-only mode finds no names here")
    arts, sents = story(
        "Democrat Hillary Clinton criticized Donald Trump at a press conference on Thursday. "
        "Clinton said his praise of Putin was unpatriotic.",
        "Hillary Clintonn spoke in New York on Thursday. Clintonn called the comments insulting.",
    )
    [c] = kinds(analyse(arts, sents), "name")
    assert {v.text for v in c.values} == {"Hillary Clinton", "Hillary Clintonn"}


def test_account_told_differently():
    arts, sents = story(
        "Colonel Ahmed Karim planned his escape to Turkey for weeks with the help of rebels, "
        "said Omar Haddad, a spokesman for the rebel army. \"The last three hours of the escape "
        "across the border were on a scooter,\" Haddad said.",
        "Getting Colonel Ahmed Karim into Turkey was a dangerous operation planned by the rebel "
        "army. Omar Haddad, a rebel spokesman, said the trip took four days and a trek across "
        "the border on horses.",
    )
    a = analyse(arts, sents)
    [c] = kinds(a, "account")
    assert len(c.values) == 2
    assert "Ahmed Karim" in c.subject and "Omar Haddad" in c.subject
    check_offsets(a, arts)


def test_one_duration_in_two_units_is_not_an_account_conflict():
    arts, sents = story(
        "Colonel Ahmed Karim planned his escape to Turkey with the help of rebels, said Omar "
        "Haddad, a spokesman for the rebel army. The escape across the border took three "
        "months, Haddad said.",
        "Getting Colonel Ahmed Karim into Turkey was a dangerous operation planned by the rebel "
        "army. Omar Haddad, a rebel spokesman, said the escape across the border took 90 days.",
    )
    assert kinds(analyse(arts, sents), "account") == []


def test_support_counts_articles_that_report_the_sentence():
    arts, sents = story(
        "Police said 25 people were killed in the bombing of the market in Kano on Monday.",
        "Twenty-five people died when the market in Kano was bombed on Monday, police said.",
        "The governor of the state will visit flood victims next week.",
    )
    s = sents[0]
    brief = [BriefSentence(s.text, (SourceSpan(s.article, s.start, s.end),))]
    a = analyse(arts, sents, brief)
    k, n = a.support[0]
    assert n == 3
    assert k == 2


def test_support_drops_an_article_that_contradicts_the_figure():
    arts, sents = story(
        "Police said 25 people were killed in the bombing of the market in Kano on Monday.",
        "Police said 40 people were killed in the bombing of the market in Kano on Monday.",
    )
    s = sents[0]
    brief = [BriefSentence(s.text, (SourceSpan(s.article, s.start, s.end),))]
    assert analyse(arts, sents, brief).support == ((1, 2),)


def test_nothing_to_compare():
    arts, sents = story("A quiet day.")
    a = analyse(arts, sents)
    assert a.conflicts == ()
    assert analyse([], []).entities == ()


def test_a_named_part_is_not_compared_with_the_whole():
    # Twelve students and a teacher: 13 people. Different nouns tied only by "killed".
    arts, sents = story(
        "The gunmen killed twelve students and a teacher at the high school in Littleton.",
        "The gunmen killed 13 people at the high school in Littleton, police said.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_a_whole_is_not_compared_with_a_count_of_part_of_it():
    arts, sents = story(
        "Early voting is offered in 38 states across the country, the report on ballots found.",
        "Ballots from all 50 states across the country will be counted, the report found.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_overlapping_open_bounds_in_opposite_directions_are_not_reported():
    arts, sents = story(
        "The storm dumped more than 4 feet of snow around Buffalo on Tuesday, officials said.",
        "The storm dumped up to 6 feet of snow around Buffalo on Tuesday, officials said.",
    )
    assert kinds(analyse(arts, sents), "number") == []
    # Bounds that cannot both hold are still a conflict.
    arts, sents = story(
        "The storm dumped more than 8 feet of snow around Buffalo on Tuesday, officials said.",
        "The storm dumped up to 5 feet of snow around Buffalo on Tuesday, officials said.",
    )
    assert len(kinds(analyse(arts, sents), "number")) == 1


def test_figures_of_an_earlier_event_told_after_since_when_are_dated_by_it():
    arts, sents = story(
        "It was the first US death in Somalia since May 2017, when one soldier was killed and "
        "two others wounded in a gun battle with al-Shabab west of Mogadishu.",
        "One soldier was killed and four others were wounded on Friday in an attack on "
        "al-Shabab fighters in southwestern Somalia, officials said.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_a_toll_with_a_day_and_one_without_compared_when_told_in_the_same_words():
    arts, sents = story(
        "A heavily armed couple dressed in battle gear opened fire on a holiday banquet for "
        "co-workers on Wednesday, killing 14 people and seriously wounding many others.",
        "A heavily armed couple dressed in battle gear opened fire on a holiday banquet for "
        "co-workers, killing 8 people and seriously wounding many others.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert {v.text for v in c.values} == {"14", "8"}


def test_nested_open_bounds_are_not_a_conflict():
    # "More than 1,400" and "more than 1,000" can both be right: one range contains the other.
    arts, sents = story(
        "More than 1,400 works were found in the Munich apartment of Cornelius Gurlitt.",
        "Gurlitt hoarded more than 1,000 works in his Munich apartment, police said.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_a_hoped_for_figure_is_not_compared_with_what_happened():
    arts, sents = story(
        "Joey Chestnut hopes to win the contest by downing a record 70 hot dogs on Friday.",
        "Joey Chestnut won the contest on Friday, downing 61 hot dogs in ten minutes.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_a_word_that_is_one_figures_lead_still_ties_it_to_the_other():
    # "driving" follows the first figure and stands near the second: with "jailed" before both
    # they are one sentence told twice.
    arts, sents = story(
        "She was jailed for 20 weeks for driving.",
        "A female activist who was jailed for 10 weeks for violating the ban on women driving "
        "is running for office.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert {v.text for v in c.values} == {"20", "10"}


def test_small_counts_told_in_the_same_words_are_compared():
    arts, sents = story(
        "Each casque contained a small key that could be redeemed for one of 6 jewels Preiss "
        "kept in a safe deposit box in New York.",
        "Each casque contained a small key that could be redeemed for one of 12 jewels Preiss "
        "kept in a safe deposit box in New York.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert {v.text for v in c.values} == {"6", "12"}


def test_a_figure_is_compared_with_its_own_match_not_with_another_of_the_article():
    # The second article gives two signature counts; "364,172" needed is matched to "540,208"
    # needed, not dragged into a comparison with the 900,938 collected.
    arts, sents = story(
        "More than 900,000 signatures were collected on petitions to force a vote. It took "
        "364,172 signatures to trigger a recall.",
        "Staff said 900,938 valid signatures were collected on petitions seeking the recall. The "
        "minimum needed to trigger a recall was 540,208 signatures for each of them.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert {v.text for v in c.values} == {"364,172", "540,208"}


def test_a_date_is_not_a_figure_the_article_gives():
    # "June 16" does not mean the first article also gives 16 countries.
    arts, sents = story(
        "Austin, June 16, 2016. A study of 22 countries finds the happiness penalty of parents "
        "is not universal.",
        "In a remarkable study of 16 countries, researchers find the happiness penalty of "
        "parents is not universal.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert {v.text for v in c.values} == {"22", "16"}


def test_measure_word_read_past_a_dash_aside():
    arts, sents = story(
        "At the Orlando nightclub, 49 people -- most of them gay or lesbian -- were killed and "
        "more than 50 others were wounded.",
        "The attack on the Orlando nightclub killed 36 people and wounded 53 others.",
    )
    [c] = [c for c in kinds(analyse(arts, sents), "number") if "killed" in c.subject]
    assert {v.text for v in c.values} == {"49", "36"}


def test_a_figure_dated_to_another_year_is_not_compared():
    arts, sents = story(
        "Matt Stonie, who was second in 2013 with 51 hot dogs, returns for another run.",
        "Matt Stonie finished the contest with 56 hot dogs on Friday.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_ages_of_things_are_compared_like_other_figures():
    arts, sents = story(
        "Archaeologists have found a second ancient village in the Petrified Forest National "
        "Park that is 800 years old.",
        "Two villages in the Petrified Forest National Park estimated to be 1,300 years old have "
        "been found by archaeologists.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert {v.text for v in c.values} == {"800", "1,300"}


def test_below_is_an_open_bound():
    # 7.8 percent is below eight percent: no contradiction.
    arts, sents = story(
        "The jobs report put the unemployment rate at 7.8 percent in September.",
        "Some conservatives doubt the report that put the unemployment rate below eight "
        "percent in September.",
    )
    assert kinds(analyse(arts, sents), "number") == []


# Round 3 (precision): the forms of figure that the judged samples showed reported as false
# conflicts. Each pair below was reported before these rules.


def test_the_end_of_a_range_is_not_compared_with_a_figure():
    arts, sents = story(
        "Men need 7.8 hours of sleep per night, the sleep study of adults found.",
        "Experts recommend seven to nine hours of sleep per night for adults, the study found.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_half_of_a_compound_duration_is_not_compared():
    arts, sents = story(
        "Neal was sentenced in federal court on Tuesday to three years and 10 months in prison "
        "for the bank robbery.",
        "Neal was sentenced in federal court on Tuesday to nearly four years in prison for the "
        "bank robbery.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_time_offsets_are_not_compared_with_each_other_or_as_accounts():
    # Counted from the day each article was written (and short enough for that day to matter):
    # never compared, however alike the sentences read (``test_analyse_figure_pairs``).
    arts, sents = story(
        "Raul Castro took over from his brother Fidel Castro two days ago and began reforms.",
        "Raul Castro took the helm of the country from Fidel Castro more than four days ago.",
    )
    a = analyse(arts, sents)
    assert kinds(a, "number") == [] and kinds(a, "account") == []


def test_a_time_offset_in_one_sentence_copied_with_another_figure_is_a_conflict():
    # The window around the figure is short, so the two share fewer than STRONG_TIE words,
    # but every word they have is the same: one sentence told twice.
    arts, sents = story(
        "Approximately 17 hours later we arrive at our destination, an organic grocery.",
        "Approximately 26 hours later we arrive at our destination, an organic grocery.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert {v.text for v in c.values} == {"Approximately 17", "Approximately 26"}


def test_a_count_of_two_groups_is_not_compared_with_a_count_of_one():
    arts, sents = story(
        "A cruise ship with about 170 passengers and crew members docked in California on Sunday.",
        "Some 158 passengers and 14 crew members on the cruise ship docked in California fell ill.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_counts_of_the_same_two_groups_are_still_compared():
    arts, sents = story(
        "A cruise ship with about 170 passengers and crew members docked in California on Sunday.",
        "A cruise ship with 250 passengers and crew members docked in California on Sunday.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert {v.text for v in c.values} == {"about 170", "250"}


def test_a_verb_with_its_own_figure_after_and_is_not_a_second_group():
    # "killed 49 people and left 53 wounded": "left" takes a count of its own, so the first
    # figure counts people, not "people and left".
    arts, sents = story(
        "A gunman killed 49 people and left 53 wounded at a nightclub in Orlando early Sunday.",
        "A gunman killed 89 people at a nightclub in Orlando early Sunday, police said.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert c.subject == "people killed"
    assert {v.text for v in c.values} == {"49", "89"}


def test_a_datelines_place_does_not_tell_two_tolls_apart():
    # "KANO, Nigeria (AP) —" says where the story was filed, not where the people were killed:
    # it must not make the two tolls counts of two places.
    arts, sents = story(
        "KANO, Nigeria (AP) — Police said 25 people were killed in the bombing of the market "
        "on Monday.",
        "The bombing of the market in Maiduguri on Monday left 31 people dead, a hospital said.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert {v.text for v in c.values} == {"25", "31"}


def test_a_place_named_in_the_sentence_still_tells_two_tolls_apart(backend):
    if backend == "rules":
        pytest.skip("the rules-only mode finds no places in these sentences")
    arts, sents = story(
        "In Kano, police said 25 people were killed in the bombing of the market on Monday.",
        "The bombing of the market in Maiduguri on Monday left 31 people dead, a hospital said.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_a_count_followed_by_one_more_is_a_part():
    # "killing two people outside the center and then a third at a nearby home": two is the
    # toll of one place, not the attack's toll of three.
    arts, sents = story(
        "The man accused of killing three people in attacks at a community center and a "
        "retirement home near Kansas City was charged on Monday.",
        "The man is suspected of killing two people outside the community center and then a "
        "third at a nearby retirement home near Kansas City, police said on Monday.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_a_third_of_something_is_not_one_more():
    arts, sents = story(
        "The man accused of killing three people in attacks at a community center near Kansas "
        "City was charged on Monday.",
        "The man is suspected of killing two people at the community center near Kansas City, "
        "a third of them children, police said on Monday.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert {v.text for v in c.values} == {"three", "two"}


def test_an_open_bound_met_by_another_figure_of_the_article_is_not_a_conflict():
    # The first article gives 156, which "more than 150" allows: its 117 counts something else.
    arts, sents = story(
        "The world happiness report ranks 156 countries by happiness and 117 countries by the "
        "happiness of their immigrants, researchers said on Wednesday.",
        "The world happiness report ranks more than 150 countries by happiness, researchers "
        "said on Wednesday.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_a_higher_toll_later_in_the_article_does_not_hide_its_first_toll():
    # The first article tells the toll rise in two sentences; its first toll still differs
    # from the other outlet's.
    arts, sents = story(
        "Roughly 50 people were killed in the street clashes in the city on Friday, officials "
        "said. By Saturday the officials said 63 people were killed in the clashes.",
        "The street clashes in the city on Friday left more than 60 people killed, officials "
        "said.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert {v.text for v in c.values} >= {"Roughly 50", "more than 60"}


def test_an_open_bound_no_figure_of_the_article_meets_is_still_a_conflict():
    arts, sents = story(
        "The world happiness report ranks 117 countries by happiness, researchers said on "
        "Wednesday.",
        "The world happiness report ranks more than 150 countries by happiness, researchers "
        "said on Wednesday.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert {v.text for v in c.values} == {"117", "more than 150"}


def test_a_count_of_dead_or_missing_is_not_a_death_toll():
    arts, sents = story(
        "So far the ferry disaster off the south coast has claimed 262 lives, officials said on "
        "Monday.",
        "Of the 302 people dead or missing in the ferry disaster off the south coast, 250 were "
        "students, officials said on Monday.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_two_counts_of_dead_or_missing_are_still_compared():
    arts, sents = story(
        "Officials said on Monday that 302 people are dead or missing in the ferry disaster.",
        "Officials said on Monday that 280 people are dead or missing in the ferry disaster.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert {v.text for v in c.values} == {"302", "280"}
    assert c.subject == "people killed or missing"


def test_an_increment_is_not_compared_with_a_total():
    arts, sents = story(
        "Khandelwal beat 45 other finalists from around the world to win the contest.",
        "Khandelwal won the contest from a field of 46 finalists from around the world.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_ages_of_two_people_are_not_compared():
    arts, sents = story(
        "Police said the car hit and killed an 8-year-old girl near the school in Baltimore.",
        "Police in Baltimore said the 14-year-old suspect sped off near the school.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_the_same_persons_age_is_still_compared():
    arts, sents = story(
        "The teacher, identified as 29-year-old Geraldine Alcorn, faces charges of luring.",
        "Police said 28-year-old Geraldine Alcorn was arraigned on charges of luring.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert {v.text for v in c.values} == {"29", "28"}


def test_injuries_of_different_severity_are_not_compared():
    arts, sents = story(
        "At least 27 people were seriously injured in the bombing at the market in Damaturu.",
        "The bombing at the market in Damaturu left 15 people critically wounded.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_clock_minutes_in_tokenized_text_are_not_figures():
    arts, sents = story(
        "Bower was pronounced dead at 6: 36 p. m. after the execution in Texas.",
        "Bower was executed in Texas for killing four people in an airplane hangar.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_a_figure_with_decimals_rounded_to_a_whole_one_agrees():
    arts, sents = story(
        "The researchers found 1.8 % of the cannabis-related reports were heart complications.",
        "The researchers found 2 percent of the cannabis-related reports were heart problems.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_dates_of_two_events_told_in_similar_words_are_not_a_conflict():
    arts, sents = story(
        "Police confirmed that two bodies found Tuesday near the trail in Delphi were the missing "
        "teens Liberty German and Abigail Williams.",
        "Police confirmed Wednesday the identities of the two bodies near the trail in Delphi as "
        "the missing teens Liberty German and Abigail Williams.",
    )
    assert kinds(analyse(arts, sents), "date") == []


def test_photo_date_stamps_are_not_dates_of_the_event():
    arts, sents = story(
        "President Donald Trump speaks at the White House, Tuesday, Feb. 20, 2018, in Washington "
        "about gun control reform at the school.",
        "Demonstrators protest at the White House, Monday, Feb. 19, 2018, in Washington about gun "
        "control reform at the school.",
    )
    assert kinds(analyse(arts, sents), "date") == []


def test_figures_of_two_months_are_not_compared():
    arts, sents = story(
        "Economists expect 203,000 new jobs, compared to 227,000 jobs added in February, the "
        "labor department report said.",
        "The labor department report said the economy added 120,000 jobs in March.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_chart_names_and_radio_frequencies_are_not_figures():
    arts, sents = story(
        "The song reached the top 50 singles chart in Australia, and ESPN radio 100.1 played it.",
        "The song is heading for the Billboard Hot 100 singles chart, and 101.1 fm played it.",
    )
    assert kinds(analyse(arts, sents), "number") == []


# Round 4: from the train 1100-2200 "after" sample and the val dumps.


def test_gallery_counters_are_not_figures():
    arts, sents = story(
        "Photo: usgs image 1 of / 19 caption close image 1 of 19 a swarm of earthquakes have "
        "continued to rock san ramon in the east bay for the past week.",
        "Photo: usgs image 1 of / 16 caption close image 1 of 16 a series of earthquakes struck "
        "near san ramon early tuesday morning.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_an_anticipated_figure_is_not_compared_with_what_happened():
    arts, sents = story(
        "Organizers anticipated 5,000 runners at the charity marathon in Boston on Sunday.",
        "About 3,000 runners took part in the charity marathon in Boston on Sunday.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_the_second_figure_of_a_pair_joined_by_and_is_a_range_end():
    # "22 and 23 weeks": the first figure was already a range end; the second one was compared
    # with the other article's single figure.
    arts, sents = story(
        "Babies born at 22 and 23 weeks of pregnancy rarely survived at the hospital in Iowa, "
        "the study found.",
        "Babies born at 24 weeks of pregnancy rarely survived at the hospital in Iowa, the study "
        "found.",
    )
    assert kinds(analyse(arts, sents), "number") == []
    arts, sents = story(
        "Babies born at 23 weeks of pregnancy rarely survived at the hospital in Iowa, the study "
        "found.",
        "Babies born at 24 weeks of pregnancy rarely survived at the hospital in Iowa, the study "
        "found.",
    )
    assert [sorted(v.text for v in c.values) for c in kinds(analyse(arts, sents), "number")] \
        == [["23", "24"]]


def test_a_figure_after_n_of_is_still_a_whole():
    # Dropping gallery counters must not drop "1 of" from the wholes: "january 1 of over 100
    # drugs" (tokenized text) is all of them, not a count to set against one company's 40.
    arts, sents = story(
        "Trump criticized Pfizer this summer when the company said it would raise prices on about "
        "40 drugs.",
        "Drugmakers raised the prices on january 1 of over 100 drugs, according to a company that "
        "compiled the statistics.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_degrees_on_two_temperature_scales_are_not_compared():
    # One furnace's heat in Fahrenheit and in Celsius (train-31814): two scales, one fact.
    arts, sents = story(
        "Technicians will heat the furnace to more than 2,000 degrees Fahrenheit to pour glass.",
        "The glass will be melted at 1,170 degrees Celsius in the furnace to pour the mirror.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_degrees_on_one_temperature_scale_are_still_compared():
    arts, sents = story(
        "Technicians will heat the furnace to 1,500 degrees Fahrenheit to pour the glass.",
        "Technicians will heat the furnace to 2,100 degrees Fahrenheit to pour the glass.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert {v.text for v in c.values} == {"1,500", "2,100"}


def test_a_duration_in_months_and_in_years_is_one_figure():
    # train-33062: "135 months in prison" and "11 years in prison" are one sentence, converted.
    arts, sents = story(
        "A soldier at Fort Polk was sentenced on Monday to 135 months in prison for the bomb.",
        "A soldier at Fort Polk was sentenced on Monday to 11 years in prison for the bomb.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_two_durations_in_one_unit_still_conflict():
    arts, sents = story(
        "A soldier at Fort Polk was sentenced on Monday to 8 years in prison for the bomb.",
        "A soldier at Fort Polk was sentenced on Monday to 11 years in prison for the bomb.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert {v.text for v in c.values} == {"8", "11"}


def test_a_room_number_is_not_a_count():
    # train-33133: "Four hundred residents ... were evacuated" against "room 926 residents".
    arts, sents = story(
        "Four hundred residents of the hall were evacuated on Tuesday and two students detained.",
        "Police said room 926 residents of the hall were evacuated on Tuesday and two detained.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_what_a_plane_can_carry_is_not_how_many_it_carried():
    # train-32111: 485 passengers aboard, against an A380 "which can carry 525 passengers".
    arts, sents = story(
        "The Airbus A380 had 485 passengers and 25 crew members aboard when the engine failed.",
        "The double-deck Airbus A380, which can carry 525 passengers, landed after the failure.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_block_numbers_of_two_streets_are_two_addresses():
    arts, sents = story(
        "Police said the car was stolen on the 16600 block of Harper on Monday night.",
        "Police said the girl was found on the 9100 block of Lakepointe on Monday night.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_two_block_numbers_of_one_street_still_conflict():
    arts, sents = story(
        "Police said the man was shot on the 1200 block of South Loomis Street on Monday.",
        "Police said the man was shot on the 1300 block of S. Loomis Street on Monday.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert {v.text for v in c.values} == {"1200", "1300"}


def test_durations_of_a_tenure_are_not_an_account():
    # The same two people and many shared words, but no journey: how long someone worked for
    # whom and how often are different durations, not two tellings of one episode.
    arts, sents = story(
        "Neil Wallis, the former deputy editor of the tabloid, worked at Scotland Yard as a "
        "consultant to Sir Paul Stephenson. Wallis was paid to work two days a month as a "
        "consultant to the police commissioner.",
        "Sir Paul Stephenson admitted that Neil Wallis, the former editor of the tabloid, "
        "worked for Scotland Yard. Wallis was employed as a consultant to the police "
        "commissioner for 11 months.",
    )
    assert kinds(analyse(arts, sents), "account") == []


def test_a_count_of_part_of_a_group_is_not_compared_with_the_whole():
    # One county's share of a wildfire toll is not another outlet's toll for the region.
    arts, sents = story(
        "Wildfires in northern California have killed people and destroyed 2,000 structures. "
        "The Sonoma County sheriff's office said 11 of the fatalities were in its jurisdiction.",
        "At least 15 people have died in northern California after the wildfires destroyed "
        "2,000 structures, officials said.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_two_counts_of_part_of_a_group_still_conflict():
    arts, sents = story(
        "Wildfires in northern California have killed people and destroyed 2,000 structures. "
        "The Sonoma County sheriff's office said 11 of the fatalities were in its jurisdiction.",
        "The Sonoma County sheriff's office said 17 of the fatalities of the wildfires were in "
        "its jurisdiction.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert {v.text for v in c.values} == {"11", "17"}


def test_a_count_given_of_them_is_still_compared():
    # "44 of them children" counts the children killed, as the other outlet's 40 does.
    arts, sents = story(
        "The 9 August airstrike obliterated a bus carrying schoolboys on a field trip in northern "
        "Yemen, leaving 40 children and 11 adults dead.",
        "Yemeni health officials said 54 people were killed, 44 of them children, and many more "
        "were wounded.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert {v.text for v in c.values} >= {"40", "44"}


def test_a_margin_between_two_times_is_not_a_duration():
    # "10 hours ahead of" is a margin and "23 weeks pregnant" how far along (below): neither
    # is how long something lasted, which the other outlet's figure is.
    arts, sents = story(
        "Dauwalter finished the 240-mile race in Moab 10 hours ahead of the second-place runner.",
        "Dauwalter finished the 240-mile race in Moab in 24 hours, ahead of the second-place "
        "runner.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_how_early_a_birth_came_is_not_how_far_along_a_pregnancy_was():
    arts, sents = story(
        "Kim was born 13 weeks premature at the hospital in Seoul, her parents said.",
        "Her parents left the hospital in Seoul when Kim's mother was 23 weeks pregnant.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_two_margins_told_alike_still_conflict():
    arts, sents = story(
        "Dauwalter finished the 240-mile race in Moab 10 hours ahead of the second-place runner.",
        "Dauwalter finished the 240-mile race in Moab 14 hours ahead of the second-place runner.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert {v.text for v in c.values} == {"10", "14"}
    arts, sents = story(
        "Kim was born 13 weeks premature at the hospital in Seoul, her parents said.",
        "Kim was born 16 weeks premature at the hospital in Seoul, her parents said.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert {v.text for v in c.values} == {"13", "16"}


def test_the_half_of_a_compound_duration_after_one_year_is_not_compared():
    arts, sents = story(
        "Chef Matt McCallister quietly attended rehab for six weeks in Arizona and is sober.",
        "Chef Matt McCallister, who attended rehab in Arizona, is one year and two weeks sober.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_two_stays_in_rehab_still_conflict():
    arts, sents = story(
        "Chef Matt McCallister quietly attended rehab for six weeks in Arizona and is sober.",
        "Chef Matt McCallister quietly attended rehab for four weeks in Arizona and is sober.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert {v.text for v in c.values} == {"six", "four"}


def test_untied_figures_more_than_twice_apart_are_two_quantities():
    # Train-4730 (judged false): a part of the donations and the whole, 2.4 times apart.
    said = "Garza received {} in campaign donations for the state house seat, records show."
    assert number_values(said.format("$36,500"), said.format("$87,500")) == []
    # The same words with figures within UNTIED_RATIO of each other still conflict.
    assert number_values(said.format("$36,500"), said.format("$57,500")) == [
        {"$36,500", "$57,500"}]


def test_tolls_tied_by_a_measure_word_may_be_further_apart():
    # A developing toll: early and later counts are often more than twice apart.
    arts, sents = story(
        "More than 30 people were killed when the bus plunged into the river near Lima.",
        "Ten people were killed when the bus plunged into the river near Lima.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert {v.text.lower() for v in c.values} == {"more than 30", "ten"}


def test_an_age_written_half_hyphenated_is_not_a_prison_term():
    arts, sents = story(
        "Pearl Moen, the 18-year old charged with attempted murder for the brutal stabbing, "
        "was sentenced on Friday.",
        "Pearl Moen was sentenced to 15 years in prison on Friday for the brutal stabbing.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_two_ages_written_half_hyphenated_still_conflict():
    arts, sents = story(
        "Pearl Moen, the 18-year old charged with attempted murder for the brutal stabbing, "
        "was sentenced on Friday.",
        "Pearl Moen, the 19-year old charged with attempted murder for the brutal stabbing, "
        "was sentenced on Friday.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert {v.text for v in c.values} == {"18", "19"}


def test_a_count_of_people_seeking_something_is_still_a_reported_count():
    # "graduates seeking employment" are who is counted, not a hoped-for figure.
    arts, sents = story(
        "DeVry agreed to stop making its claim that, since 1975, 90 percent of its graduates "
        "seeking employment found jobs in their field within six months of graduation.",
        "The department questioned DeVry's advertised claim that, since 1975, 80 percent of its "
        "graduates found jobs in their field within six months of graduation.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert {v.text for v in c.values} == {"90 percent", "80 percent"}


def test_a_hoped_for_figure_is_still_not_compared_with_a_reported_one():
    arts, sents = story(
        "DeVry hopes that 90 percent of its graduates will find jobs in their field within six "
        "months of graduation.",
        "The department questioned DeVry's advertised claim that, since 1975, 80 percent of its "
        "graduates found jobs in their field within six months of graduation.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_two_stages_of_one_pregnancy_still_conflict():
    arts, sents = story(
        "Two inquiries are under way into the death of a woman who was 12 weeks pregnant, at "
        "University Hospital Galway last month.",
        "Savita Halappanavar, who was 17 weeks pregnant, died of septicaemia at University "
        "Hospital Galway, where she was found to be miscarrying.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert {v.text for v in c.values} == {"12", "17"}


def test_one_sum_in_two_currencies_is_not_a_conflict():
    arts, sents = story(
        "Customs officers seized 46 kilograms of cocaine with a street value of $14 million NZ "
        "dollars in Auckland.",
        "Customs officers seized 46 kilograms of cocaine with a street value of $10 million in "
        "Auckland.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_two_sums_in_one_currency_still_conflict():
    arts, sents = story(
        "Customs officers seized 46 kilograms of cocaine with a street value of $14 million in "
        "Auckland.",
        "Customs officers seized 46 kilograms of cocaine with a street value of $10 million in "
        "Auckland.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert {v.text for v in c.values} == {"$14 million", "$10 million"}


def test_a_sum_given_in_another_currency_too_tells_the_other_outlets_figure_apart():
    arts, sents = story(
        "The couple paid $3.6 million ($4.5 million Australian) for the beachfront house.",
        "The couple paid $4.56 million for the beachfront house.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_two_sizes_of_one_whole_group_conflict():
    # "one count of the 48 counts" and "one of the 24 counts" both give the whole indictment.
    arts, sents = story(
        "A jury found Rod Blagojevich guilty on one count of the 48 counts against him on "
        "Tuesday in his corruption trial.",
        "The jurors could agree on just one of the 24 counts against Rod Blagojevich in his "
        "corruption trial, they said.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert {v.text for v in c.values} == {"48", "24"}


def test_a_whole_group_is_not_compared_with_the_part_counted_of_it():
    arts, sents = story(
        "A jury found Rod Blagojevich guilty on 17 counts on Tuesday in his corruption trial.",
        "A jury found Rod Blagojevich guilty on one count of the 24 counts on Tuesday in his "
        "corruption trial.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_two_counts_of_charges_still_conflict():
    arts, sents = story(
        "Rod Blagojevich was charged with 24 counts in his corruption trial on Tuesday.",
        "Rod Blagojevich was charged with 48 counts in his corruption trial on Tuesday.",
    )
    [c] = kinds(analyse(arts, sents), "number")
    assert {v.text for v in c.values} == {"24", "48"}


@pytest.mark.parametrize("texts, found", [
    # two penalties, each as long as its own sentence says
    (("Members of the Pussy Riot punk group were jailed for two years over a performance.",
      "The fourth member of the Pussy Riot group gets a ban to visit sports events for 3 years."),
     False),
    # one prison term told two ways (control)
    (("Members of the Pussy Riot punk group were jailed for two years over a performance.",
      "The members of the Pussy Riot punk group were sent to prison for 3 years over it."), True),
])
def test_durations_of_two_kinds_of_penalty_are_not_compared(texts, found):
    arts, sents = story(*texts)
    assert bool(kinds(analyse(arts, sents), "number")) == found


@pytest.mark.parametrize("texts, found", [
    # a list of distances, against one distance of the race
    (("Now she is into ultra running, crazy long distances: 100 miles, 200 miles.",
      "She was 165 miles into a 205-mile ultra race through the mountains."), False),
    # the first figure of a story that goes on to add to it
    (("Police drafted 1,300 extra personnel when the initial 2,600 officers were not enough.",
      "Police said 5,200 officers had been deployed to keep order at the ceremony."), False),
    # index moves at two hours of the day; closing moves are one figure for the day
    (("The Dow Jones industrials increased 118 points, or 0.7 percent, on Monday.",
      "The Dow Jones industrials were recently up 97 points, or 0.6 percent, on Monday."), False),
    (("The Dow Jones industrials closed up 118 points, or 0.7 percent, on Monday.",
      "The Dow Jones industrials ended the day up 97 points, or 0.6 percent, on Monday."), True),
])
def test_figures_that_are_not_the_amount_reported(texts, found):
    arts, sents = story(*texts)
    got = [c for c in kinds(analyse(arts, sents), "number") if "percent" not in c.subject]
    assert bool(got) == found


@pytest.mark.parametrize("texts, found", [
    # two statements, each on its own day
    (("The school said Tuesday that the Zeta Beta Tau fraternity's closing is effective now.",
      "The school said on Friday that the Zeta Beta Tau fraternity's closing is effective now."),
     False),
    # the day of one event, told with the same words (control)
    (("The school closed the Zeta Beta Tau fraternity on Tuesday after an inquiry into hazing.",
      "The school closed the Zeta Beta Tau fraternity on Friday after an inquiry into hazing."),
     True),
])
def test_the_day_something_was_said_is_not_the_date_of_an_event(texts, found):
    arts, sents = story(*texts)
    assert bool(kinds(analyse(arts, sents), "date")) == found


def test_a_previous_record_is_not_compared_with_the_new_one():
    arts, sents = story(
        "They set a world record for the longest pizza, beating the previous mark of 5,234 feet.",
        "The pizza measured 6,082 feet, a world record for the longest pizza ever made.",
    )
    assert kinds(analyse(arts, sents), "number") == []


def test_how_much_of_a_count_is_in_is_not_a_vote_share():
    # Train-9735 (judged false): "with 83 percent of the vote counted" against a vote share.
    assert number_values(
        "Quist, a folk singer and first-time candidate, had 44 percent of the vote in Montana.",
        "With 83 percent of the vote counted in Montana, Gianforte led Quist by six points.",
    ) == []


def test_vote_shares_at_two_stages_of_the_count_are_two_figures():
    # Train-8348 (judged false): 48 percent with 55 percent of precincts reporting, 47 percent
    # with nearly all reporting.
    said = "{} precincts reporting, Romney had {} percent of the vote in Ohio."
    assert number_values(said.format("With 55 percent of", 48),
                         said.format("With nearly all", 47)) == []
    # At the same stage of the count, or with no stage given, the shares still conflict.
    assert number_values(said.format("With nearly all", 48),
                         said.format("With nearly all", 47)) == [{"48 percent", "47 percent"}]
    final = "Romney had {} percent of the vote in Ohio, the final count showed."
    assert number_values(final.format(48), final.format(47)) == [{"48 percent", "47 percent"}]
