from __future__ import annotations

from pathlib import Path

import pytest

from newsbrief.model import Sentence

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "syria-military-police-chief"


@pytest.fixture(scope="session")
def example_dir() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def example_brief():
    from newsbrief import read_inputs, summarize_story

    return summarize_story(read_inputs([str(EXAMPLE)]))


def sent(article: str, position: int, text: str) -> Sentence:
    """A sentence built by hand: the whole of ``text``, at ``position`` in ``article``. Test
    modules import it (``from conftest import sent``)."""
    return Sentence(article=article, index=position, start=0, end=len(text), text=text,
                    position=position)
