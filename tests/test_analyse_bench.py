"""The conflict benchmark's injections: they change what they claim to, consistently."""

import random

from newsbrief.bench_conflicts import _found, _new_number, inject_number, inject_title, respell, run
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


def test_title_injection_swaps_within_the_family():
    story = arts("Sen. Walter Brennan said the bill would pass this week.",
                 "Sen. Walter Brennan told reporters the bill would pass.")
    altered, k, new = inject_title(story, random.Random(0))
    assert new == "Rep."
    assert altered[k].text.startswith("Rep. Walter Brennan")
