"""The tagger's trimmed pipeline must find exactly what spaCy's full pipeline finds."""

from __future__ import annotations

import pytest

from newsbrief.analyse import nlp

TEXTS = [
    "Maj. Gen. Abdul-Aziz Jassem al-Shallal told Al-Arabiya he had fled to Turkey.",
    "Louai Miqdad, a spokesman for the Free Syrian Army, said the general left Damascus.",
    "The United Nations says more than 40,000 people have died since March 2011.",
]


@pytest.mark.skipif(not nlp.available(), reason="spaCy model not installed")
def test_tagger_without_shared_tok2vec_matches_the_full_pipeline() -> None:
    # The small model's NER has its own embedding layers; the shared tok2vec is left out of
    # the loaded pipeline for speed. If a model version made NER listen to it, this differs.
    import spacy

    full = spacy.load(nlp.MODEL)
    expected = [[nlp.Tag(e.start_char, e.end_char, nlp.KINDS[e.label_])
                 for e in doc.ents if e.label_ in nlp.KINDS] for doc in full.pipe(TEXTS)]
    assert "tok2vec" not in nlp._model().pipe_names
    got = nlp.tag(TEXTS)
    assert got == expected
    assert any(t.kind == "person" for t in got[1])


def test_rule_tags_find_a_titled_person_without_the_model() -> None:
    text = "Maj. Gen. Abdul-Aziz al-Shallal said the army had become gangs."
    tags = nlp.rule_tags(text)
    assert any(text[t.start:t.end].endswith("al-Shallal") and t.kind == "person" for t in tags)
