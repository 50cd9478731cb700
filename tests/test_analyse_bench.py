"""The conflict benchmark's injections: they change what they claim to, consistently."""

import random

import pytest

from newsbrief.bench_conflicts import (_found, _injection_record, _new_number, inject_number,
                                       inject_title, main, respell, run)
from newsbrief.model import Article


def arts(*texts):
    return [Article(id=f"d{i}", index=i, text=t, raw=t) for i, t in enumerate(texts)]


def test_new_number_keeps_roundness_and_format():
    rng = random.Random(0)
    for old in ("40,000", "300", "17", "1,039,032"):
        new = _new_number(old, rng)
        assert new != old
        assert ("," in new) == ("," in old) or int(new.replace(",", "")) < 1000
        ratio = int(new.replace(",", "")) / int(old.replace(",", ""))
        assert 0.45 <= ratio <= 2.1
    assert _new_number("40,000", random.Random(1)).endswith("000")


def test_new_number_stays_in_the_band_asked_for():
    # --factor 1.05-1.35: the band outlets that differ on one figure mostly fall in.
    rng = random.Random(0)
    for _ in range(200):
        for old in (1234, 5678, 987):
            new = int(_new_number(str(old), rng, (1.05, 1.35)))
            ratio = max(new, old) / min(new, old)
            assert 1.04 <= ratio <= 1.36


def test_a_bad_factor_band_is_a_clear_error(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--factor", "2-1", "--limit", "1"])
    assert stop.value.code == 2
    assert "--factor must be LO-HI" in capsys.readouterr().err


def test_a_missing_data_file_is_a_clear_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--data", str(tmp_path / "nowhere.jsonl.gz"), "--limit", "1"])
    assert stop.value.code == 2
    assert "no data file at" in capsys.readouterr().err


def test_respell_changes_one_letter():
    rng = random.Random(0)
    for word in ("shallal", "mokdad", "erikson", "brahimi"):
        new = respell(word, rng)
        assert new != word and abs(len(new) - len(word)) <= 1


def test_number_injection_is_consistent_and_found():
    story = arts("Police said 25 people were killed in the bombing of the market in Kano. "
                 "The 25 people were buried on Tuesday.",
                 "The bombing of the market in Kano left 25 people dead, a hospital said.")
    altered, k, new = inject_number(story, random.Random(3))
    assert altered[k].text.count(new) == 2 and "25 people" not in altered[k].text
    result, _ = run(altered)
    assert _found(result, ("number",), altered[k].id, new)


def test_an_injection_record_shows_the_change_and_the_other_articles_words():
    story = arts("Police said 25 people were killed in the bombing of the market in Kano. "
                 "The 25 people were buried on Tuesday.",
                 "Rain fell. The bombing of the market in Kano left 25 people dead, a hospital said.")
    altered, k, new = inject_number(story, random.Random(3))
    rec = _injection_record("s-1", story, altered, k, new, True)
    other = story[1 - k].id
    assert rec["story"] == "s-1" and rec["article"] == story[k].id and rec["found"] is True
    assert rec["change"] == f"25 people -> {new}"
    assert "25 people" in rec["original_sentence"] and f"{new} people" in rec["altered_sentence"]
    # Only the other article's sentence with the same figure and word, not its other sentences.
    assert {o["article"] for o in rec["others"]} == {other}
    assert "25 people" in rec["others"][0]["sentence"] and "Rain" not in rec["others"][0]["sentence"]


def test_title_injection_swaps_within_the_family():
    story = arts("Sen. Walter Brennan said the bill would pass this week.",
                 "Sen. Walter Brennan told reporters the bill would pass.")
    altered, k, new = inject_title(story, random.Random(0))
    assert new == "Rep."
    assert altered[k].text.startswith("Rep. Walter Brennan")


def test_number_site_skipped_when_the_article_gives_the_figure_elsewhere():
    from newsbrief.bench_conflicts import _NUMBER_SITE, _states_elsewhere

    text = "About 33 saints days were holidays. By 1800 about thirty-three remained."
    assert _states_elsewhere(text, _NUMBER_SITE.search(text))
    text = "49 people died. Police said 49 victims were named."
    assert _states_elsewhere(text, _NUMBER_SITE.search(text))
    text = "49 people died on June 12. The 49 people were buried."
    assert not _states_elsewhere(text, _NUMBER_SITE.search(text))
    text = "12 people died in the attack. Police named a dozen victims on Friday."
    assert _states_elsewhere(text, _NUMBER_SITE.search(text))


def test_number_injection_must_contradict_the_other_article():
    from newsbrief.bench_conflicts import _overlap, _range

    text = "injuring up to 40 people"
    assert _range(text, text.index("40"), 40) == (0, 40)
    text = "Around 30 people were hurt"
    assert _range(text, text.index("30"), 30) == (27, 33)
    assert _overlap((0, 40), (27, 33))  # "up to 40" does not contradict "around 30"
    assert not _overlap((40, 40), (27, 33))
    more = "more than 60,000 people"
    assert _overlap(_range(more, more.index("60"), 60000), (40000, float("inf")))
    # A story whose only other statement the new one does not contradict gets no injection.
    story = arts("A car injured up to 30 people in Lima on Friday night, police said.",
                 "Around 30 people were hurt in Lima on Friday night, police said.")
    got = [inject_number(story, random.Random(s)) for s in range(20)]
    for g in got:
        if g is not None:
            altered, k, new = g
            # "around N" against "up to 30"; "up to N" against "around 30" (27 to 33).
            assert (k == 1 and 0.9 * int(new) > 30) or (k == 0 and int(new) < 27)
    assert any(g is None for g in got)


def test_title_sites_need_a_name_after_the_title():
    story = arts("General Motors said sales rose. A federal judge ruled on Monday.",
                 "General Motors reported sales. The federal judge ruled against it.")
    assert inject_title(story, random.Random(0)) is None


def test_title_sites_where_the_swap_changes_nothing_or_a_past_title_are_skipped():
    # "vice president mike pence" would become "vice vice president mike pence": unchanged.
    story = arts("The book follows vice president mike pence around for a day.",
                 "It is a book by the wife of vice president mike pence.")
    assert inject_title(story, random.Random(0)) is None
    story = arts("Protests against lt. gov. Rebecca kleefisch grew.",
                 "Petitions to recall lt. gov. Rebecca kleefisch were filed.")
    assert inject_title(story, random.Random(0)) is None
    # "former mayor" -> "former deputy mayor": both can be true of one person.
    story = arts("Former harrisburg mayor stephen reed waits to make a statement.",
                 "Ex-harrisburg mayor stephen reed was charged.")
    assert inject_title(story, random.Random(0)) is None
