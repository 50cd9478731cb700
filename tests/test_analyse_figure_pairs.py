"""The figure-pair model: its rows, the veto it gives ``compare_quantities``, and its training
rows, on hand-written articles."""

import json

import pytest

from newsbrief.analyse import analyse, conflicts, entities_by_sentence, facts, figure_pairs
from newsbrief.evaluate import train as train_mod
from newsbrief.model import Article
from newsbrief.segment import segment
from newsbrief.trees import shipped


def story(*texts):
    arts = [Article(id=f"a{i}", index=i, text=t, raw=t, outlet=f"Outlet {i}")
            for i, t in enumerate(texts)]
    return arts, [s for a in arts for s in segment(a)]


def read(arts, sents):
    _, places, people, _ = entities_by_sentence(arts, sents)
    return facts.quantities(arts, sents), places, people


def column(row, name):
    return row[figure_pairs.FEATURES.index(name)]


COPIED = "The bombing of the central market in Kano on Monday killed 25 people, police said."


def test_rows_pair_figures_of_one_kind_from_two_articles_only():
    arts, sents = story(
        "Prices rose 4 percent as 25 people were killed in the bombing of the market.",
        "The bombing of the market killed 31 people. Prices rose 5 percent, traders said.",
    )
    qs, places, people = read(arts, sents)
    pairs, x = figure_pairs.rows(qs, sents, places, people)
    assert x.shape == (len(pairs), len(figure_pairs.FEATURES))
    kinds = sorted((qs[i].unit, qs[i].text, qs[j].text) for i, j in pairs)
    assert kinds == [("count", "25", "31"), ("percent", "4 percent", "5 percent")]


def test_a_sentence_copied_by_two_outlets_reads_as_one_statement():
    arts, sents = story(COPIED, COPIED)
    qs, places, people = read(arts, sents)
    [(i, j)], x = figure_pairs.rows(qs, sents, places, people)
    row = x[0]
    assert column(row, "sentence_overlap") == 1.0
    assert column(row, "same_lead") == 1 and column(row, "same_prior") == 1
    assert column(row, "noun") == 2  # both count people
    assert column(row, "measure") == 2  # both killed
    assert column(row, "times") == 0  # both say Monday
    assert column(row, "sentence_min") == column(row, "sentence_max") == 0


def test_pairs_marked_unlike_are_never_compared():
    arts, sents = story(COPIED, COPIED.replace("25", "31"))
    qs, places, people = read(arts, sents)
    [(i, j)], _ = figure_pairs.rows(qs, sents, places, people)
    found = conflicts.compare_quantities(qs, places, facts.numerals(arts), people)
    assert [c.kind for c in found.conflicts] == ["number"]
    vetoed = conflicts.compare_quantities(qs, places, facts.numerals(arts), people, {(i, j)})
    assert vetoed.conflicts == [] and vetoed.disagree == []


@pytest.mark.skipif(shipped(figure_pairs.MODEL_FILE) is None, reason="model not shipped")
def test_the_shipped_model_trusts_a_copied_sentence_more_than_unrelated_ones():
    arts, sents = story(
        COPIED + " The city of 4 million people mourned.",
        COPIED.replace("25", "31") + " About 2 million people fled the fighting last year.",
    )
    qs, places, people = read(arts, sents)
    scores = figure_pairs.likeness(qs, sents, places, people)
    by_text = {(qs[i].text, qs[j].text): p for (i, j), p in scores.items()}
    copied = by_text[("25", "31")]
    assert copied >= figure_pairs.threshold()
    unrelated = [p for (x, y), p in by_text.items() if {x, y} != {"25", "31"}]
    assert unrelated and max(unrelated) < copied
    # And the conflict the copied sentence carries is still reported.
    assert {v.text for c in analyse(arts, sents).conflicts if c.kind == "number"
            for v in c.values} >= {"25", "31"}


def test_without_the_model_the_rules_decide_alone(monkeypatch):
    monkeypatch.setattr(figure_pairs, "shipped", lambda name: None)
    arts, sents = story(COPIED, COPIED.replace("25", "31"))
    qs, places, people = read(arts, sents)
    assert figure_pairs.likeness(qs, sents, places, people) is None
    assert figure_pairs.threshold() == figure_pairs.VETO_BELOW
    [c] = [c for c in analyse(arts, sents).conflicts if c.kind == "number"]
    assert {v.text for v in c.values} == {"25", "31"}


OTHER = ("Grief gripped Kano after {n} people were killed on Monday when a bomb tore through the "
         "central market, according to police. Hospitals appealed for blood donors as families "
         "searched for relatives among the injured. No group has claimed the attack, which the "
         "president condemned in a statement. Grain sold for {p} percent more by Thursday.")
LONG = ("The bombing of the central market in the northern city of Kano on Monday killed {n} "
        "people, police said, in the worst attack on the city this year. Witnesses described "
        "panic as traders fled the stalls and ambulances arrived. The governor ordered an "
        "inquiry and promised to rebuild the market before the holiday season, officials said. "
        "Prices of grain rose {p} percent in the days after the attack, traders said.")


def test_training_rows_label_pairs_that_give_the_same_value():
    line = json.dumps({"id": "t1", "summary": "A bombing.", "documents": [
        LONG.format(n=25, p=4), OTHER.format(n=25, p=40)]})
    x, y = train_mod._figure_rows(line)
    assert x.shape == (len(y), len(figure_pairs.FEATURES))
    units = x[:, figure_pairs.FEATURES.index("unit")]
    count, percent = figure_pairs._UNITS.index("count"), figure_pairs._UNITS.index("percent")
    # The tolls agree (label 1); 4 and 40 percent are further apart than the rules ever
    # compare, so that pair is left out.
    assert list(y[units == count]) == [1.0]
    assert percent not in units


def test_a_toll_tied_by_its_measure_word_is_never_vetoed(monkeypatch):
    # Outlets word one toll very differently ("More than 40,000 people ... have been killed",
    # "the conflict that has left at least 40,000 Syrians dead"); the rules for tolls are strict
    # already, so only figures without a shared measure word are left to the model.
    monkeypatch.setattr(figure_pairs, "likeness",
                        lambda qs, *_: {(i, j): 0.0 for i in range(len(qs))
                                        for j in range(i + 1, len(qs))})
    arts, sents = story(COPIED + " Grain prices rose 4 percent in the city.",
                        COPIED.replace("25", "31") + " Grain prices rose 6 percent in the city.")
    found = [c for c in analyse(arts, sents).conflicts if c.kind == "number"]
    assert [{v.text for v in c.values} for c in found] == [{"25", "31"}]
    monkeypatch.setattr(figure_pairs, "likeness", lambda *_: None)
    found = [c for c in analyse(arts, sents).conflicts if c.kind == "number"]
    assert sorted(sorted(v.text for v in c.values) for c in found) == [
        ["25", "31"], ["4 percent", "6 percent"]]


# One figure told in each outlet's own words: no counted noun, measure word, key word or three
# shared words tie "$104 billion" to "$167 billion", so the rules alone do not compare them.
VALUED = ("The IPO values Facebook at $104 billion, by far the largest ever for a company.",
          "On Thursday afternoon Facebook priced its shares for a $167 billion valuation.")


def test_pairs_marked_alike_are_compared_though_no_cue_ties_them():
    arts, sents = story(*VALUED)
    qs, places, people = read(arts, sents)
    [(i, j)], _ = figure_pairs.rows(qs, sents, places, people)
    plain = conflicts.compare_quantities(qs, places, facts.numerals(arts), people)
    assert plain.conflicts == [] and plain.disagree == []
    alike = conflicts.compare_quantities(qs, places, facts.numerals(arts), people, (), {(i, j)})
    [c] = alike.conflicts
    assert c.kind == "number" and {v.text for v in c.values} == {"$104 billion", "$167 billion"}


@pytest.mark.parametrize("texts", [
    # ages of two people ("the 19-year-old flamingo", "the 45-year-old keeper")
    ("Pinky is a 19-year-old Chilean flamingo that loves warm weather, keepers said.",
     "Investigators say the 45-year-old keeper was with his family at the zoo."),
    # time offsets (compared only when scored surely, below)
    ("Raul Castro took over from his brother Fidel Castro two years ago and began reforms.",
     "Raul Castro took the helm of the country from Fidel Castro more than four years ago."),
    # small counts of things are usually partial tallies
    ("Three former dairy workers were charged with animal cruelty on Monday.",
     "The owner of the dairy fired five workers on Monday after the video aired."),
    # the figures of two named days
    ("The storm dropped 20 inches of snow on Buffalo on Monday, officials said.",
     "Forecasters said 31 inches of snow could fall by Wednesday across the region."),
])
def test_alike_pairs_still_need_what_tells_two_quantities_apart_to_agree(texts):
    arts, sents = story(*texts)
    qs, places, people = read(arts, sents)
    pairs, _ = figure_pairs.rows(qs, sents, places, people)
    assert pairs
    out = conflicts.compare_quantities(qs, places, facts.numerals(arts), people, (), set(pairs))
    assert out.conflicts == [] and out.disagree == []


def test_split_sorts_pairs_by_the_two_thresholds(monkeypatch):
    arts, sents = story(COPIED, COPIED.replace("25", "31"), *VALUED)
    qs, places, people = read(arts, sents)
    pairs, _ = figure_pairs.rows(qs, sents, places, people)
    scores = {p: s for p, s in zip(sorted(pairs), (0.1, 0.4, 0.9, 0.6, 0.2, 0.5))}
    monkeypatch.setattr(figure_pairs, "likeness", lambda *a: scores)
    monkeypatch.setattr(figure_pairs, "threshold", lambda: 0.3)
    unlike, alike = figure_pairs.split(qs, sents, places, people)
    tolls = {p for p in scores if qs[p[0]].measure and qs[p[0]].measure == qs[p[1]].measure}
    assert unlike == {p for p, s in scores.items() if s < 0.3} - tolls
    assert alike == {p: s for p, s in scores.items() if s >= figure_pairs.ALIKE_ABOVE}


def test_split_is_empty_without_a_model(monkeypatch):
    arts, sents = story(*VALUED)
    qs, places, people = read(arts, sents)
    monkeypatch.setattr(figure_pairs, "likeness", lambda *a: None)
    assert figure_pairs.split(qs, sents, places, people) == (set(), {})


OFFSETS = [
    # one form, long enough not to change with the day of writing: compared
    (("The first pocket shark was found 61 years ago in the Pacific Ocean and sat in a museum.",
      "The only other known specimen was found very far away, off Peru, 36 years ago."), True),
    (("Robert Mugabe resigned as president on Tuesday after 21 years of autocratic rule.",
      "Mugabe says he is resigning to allow a smooth transfer of power after 37 years in charge."),
     True),
    # counted from two events, which may differ ("last saw her" / "reported missing")
    (("Mujey Dumbuya was found dead in a Kalamazoo woods three days after her family last saw her.",
      "Her body was found four days after she was reported missing by family members."), False),
    # two forms: "for the past 7 years" is not "12 years ago"
    (("Irom Sharmila has been force-fed by the state for the past 7 years in a hospital.",
      "Irom Sharmila began her fast and was first force-fed 12 years ago."), False),
    # counted from the day of writing and short: outlets writing days apart differ
    (("The body of the missing hiker was found three days ago by rangers in the canyon.",
      "Searchers say the hiker's body turned up five days ago near a trail."), False),
]


@pytest.mark.parametrize("texts, compared", OFFSETS)
def test_time_offsets_told_in_one_form_are_compared_when_scored_surely(texts, compared):
    arts, sents = story(*texts)
    qs, places, people = read(arts, sents)
    pairs, _ = figure_pairs.rows(qs, sents, places, people)
    offsets = [p for p in pairs if qs[p[0]].part == qs[p[1]].part == "relative"]
    assert offsets
    nums = facts.numerals(arts)
    sure = {p: conflicts.OFFSET_ALIKE_ABOVE for p in pairs}
    got = conflicts.compare_quantities(qs, places, nums, people, (), sure)
    assert bool(got.conflicts) == compared
    # below the surer score (and as a plain set of alike pairs), offsets are never compared
    unsure = {p: conflicts.OFFSET_ALIKE_ABOVE - 0.01 for p in pairs}
    assert conflicts.compare_quantities(qs, places, nums, people, (), unsure).conflicts == []
    assert conflicts.compare_quantities(qs, places, nums, people, (), set(pairs)).conflicts == []
