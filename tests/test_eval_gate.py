"""The quality gate: newsbrief (by default, reranked, and with ``--no-rerank``) on a fixed sample of Multi-News
validation stories must not fall below the floors in tests/eval_floors.json (like trafilatura's
CI corpus check). Needs ../shared/data beside the checkout and the eval extra; skipped, with the
reason, otherwise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VAL = ROOT.parent / "shared" / "data" / "multi_news" / "val.jsonl.gz"
FLOORS = json.loads((ROOT / "tests" / "eval_floors.json").read_text())


@pytest.fixture(scope="module")
def report():
    if not VAL.is_file():
        pytest.skip(f"quality gate: {VAL} is absent (the Multi-News data lives in ../shared/data)")
    pytest.importorskip("rouge_score", reason="quality gate: the eval extra is not installed")
    from newsbrief.evaluate.run import evaluate

    return evaluate(str(VAL), words=FLOORS["words"], limit=FLOORS["stories"], jobs=1,
                    systems=["newsbrief", "newsbrief-greedy", "lead"], memory=False)


@pytest.mark.parametrize("system", ["newsbrief", "newsbrief-greedy"])
@pytest.mark.parametrize("metric", ["rouge1", "rouge2", "rougeLsum"])
def test_rouge_at_or_above_floor(report, system, metric):
    got = getattr(report.system(system), metric)
    floor = FLOORS[system][metric]
    assert got >= floor, f"{system} {metric} {got:.2f} fell below the floor {floor:.2f}"


def test_beats_lead_on_the_sample(report):
    nb, lead = report.system("newsbrief"), report.system("lead")
    assert nb.rouge1 + nb.rouge2 > lead.rouge1 + lead.rouge2


@pytest.mark.parametrize("metric", ["precision", "recall"])
def test_screening_at_or_above_floor(report, metric):
    got = getattr(report.screening, metric)
    assert got >= FLOORS["screening"][metric], f"screening {metric} {got:.3f} below its floor"


def test_no_story_failed(report):
    assert all(s.errors == 0 for s in report.systems)
