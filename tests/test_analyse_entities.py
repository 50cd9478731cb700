"""Entities: mentions found, kinds kept, variants merged, namesakes kept apart."""

import pytest

from newsbrief.analyse import entities, nlp
from newsbrief.model import Article
from newsbrief.segment import segment


def story(*texts):
    arts = [Article(id=f"a{i}", index=i, text=t, raw=t) for i, t in enumerate(texts)]
    return arts, [s for a in arts for s in segment(a)]


def found(*texts):
    arts, sents = story(*texts)
    return entities.cluster(entities.find_mentions(arts, sents), [a.id for a in arts])


def test_titled_people_and_their_surname_mentions_merge_without_the_model(monkeypatch):
    monkeypatch.setattr(nlp, "_model", lambda: None)
    ents = found("Maj. Gen. Abdul Aziz Jassim al-Shallal defected. Al-Shallal fled to Turkey.",
                 "Lt Gen Abulaziz al-Shalal spoke. But Gen Shalal said it was hard.")
    [p] = [e for e in ents if e.kind == "person"]
    assert set(p.variants) >= {"Abdul Aziz Jassim al-Shallal", "Al-Shallal",
                               "Abulaziz al-Shalal", "Shalal"}
    assert [m.title.canonical for m in p.mentions if m.title] == [
        "major general", "lieutenant general", "general"]


def test_mentions_point_into_the_article_text():
    arts, sents = story("Maj. Gen. Abdul Aziz Jassim al-Shallal defected, said Louai Miqdad.")
    for m in entities.find_mentions(arts, sents):
        assert arts[0].text[m.start:m.end] == m.text
        if m.title:
            assert arts[0].text[m.title_start:m.title_end] == m.title.text


@pytest.mark.skipif(not nlp.available(), reason="spaCy model not installed")
def test_untitled_variants_merge_with_the_model():
    ents = found("The rebels were helped by Louai Miqdad, a spokesman for the group.",
                 "Loay Mokdad, a logistics officer with the rebel force, described the trip.")
    people = [e for e in ents if e.kind == "person"]
    assert len(people) == 1
    assert set(people[0].variants) == {"Louai Miqdad", "Loay Mokdad"}


@pytest.mark.skipif(not nlp.available(), reason="spaCy model not installed")
def test_surname_goes_to_the_person_of_that_surname_in_the_same_article():
    ents = found("George Bush met Tony Blair in London. Bush said the talks went well.",
                 "Jeb Bush campaigned in Iowa. Bush told voters he would win.")
    people = {e.name: set(e.variants) for e in ents if e.kind == "person"}
    assert people["George Bush"] >= {"George Bush", "Bush"}
    assert people["Jeb Bush"] >= {"Jeb Bush", "Bush"}
    george = next(e for e in ents if e.name == "George Bush")
    assert {m.article for m in george.mentions} == {"a0"}


@pytest.mark.skipif(not nlp.available(), reason="spaCy model not installed")
def test_acronym_joins_its_organisation():
    ents = found("The Free Syrian Army said it had taken the base.",
                 "The FSA said fighting went on near the base.")
    orgs = [e for e in ents if e.kind == "organisation"]
    assert any({"Free Syrian Army", "FSA"} <= set(e.variants) for e in orgs)


def test_budget_reads_fact_sentences_first_and_each_text_once():
    arts, sents = story("A quiet sentence here. Another quiet one. 25 people died on Monday.",
                        "25 people died on Monday.")
    chosen = entities.choose_for_tagging(sents, budget=6)
    assert [sents[i].text for i in chosen] == ["25 people died on Monday."]
    assert len(entities.choose_for_tagging(sents, budget=1000)) == 3


def test_lowercased_text_is_recognised():
    text = ("the storm hit the coast on monday and officials said that the damage was heavy in "
            "the city where residents were told to stay indoors as the water rose over the "
            "roads and the power failed in most of the homes near the river bank")
    assert entities.is_lowercased(text)
    assert not entities.is_lowercased(text.replace("officials", "Officials in Texas"))


def test_lowercased_surname_counts_only_right_after_a_title(monkeypatch):
    # Multi-News style text: all lowercase, so a bare "obama" could be any word; after a
    # title it is the person the tagger found as "barack obama".
    def tag(texts):
        return [[nlp.Tag(m.start(), m.end(), "person")
                 for m in __import__("re").finditer("barack obama", t)] for t in texts]

    monkeypatch.setattr(nlp, "tag", tag)
    filler = " ".join(["the debate in denver was watched by many voters, officials said."] * 4)
    ents = found(
        "mitt romney faced barack obama in denver on wednesday. " + filler,
        "the rematch pits mitt romney against vice president obama again. the obama plan was "
        "not discussed much. " + filler,
    )
    [p] = [e for e in ents if e.kind == "person" and "barack obama" in e.variants]
    a1 = [m for m in p.mentions if m.article == "a1"]
    assert [(m.text, m.title.canonical if m.title else None) for m in a1] == [
        ("obama", "vice president")]


@pytest.mark.parametrize("text,expected", [
    ("More than 40,000 people have died.", True),
    ("The general fled on Tuesday.", True),
    ("FOUR officers crossed.", True),
    ("ſix men were held.", True),  # long s: a case-insensitive "six"
    ("Dozens of officers defected.", False),
    ("The army had become gangs of murder.", False),
])
def test_numberish_finds_digits_and_number_words_whole(text: str, expected: bool) -> None:
    from newsbrief.analyse.entities import _numberish

    assert _numberish(text) is expected
