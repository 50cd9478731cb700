"""The conflict benchmark's injections: they change what they claim to, consistently."""

import random

import pytest

from newsbrief.bench_conflicts import (_found, _new_number, inject_number, inject_title, main,
                                       respell, run)
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
