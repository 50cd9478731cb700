from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "syria-military-police-chief"


@pytest.fixture(scope="session")
def example_dir() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def example_brief():
    from newsbrief import read_inputs, summarize_story

    return summarize_story(read_inputs([str(EXAMPLE)]))
