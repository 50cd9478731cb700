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


def test_an_accented_name_and_its_plain_spelling_are_one_person_without_the_model(monkeypatch):
    monkeypatch.setattr(nlp, "_model", lambda: None)
    ents = found("Members of President Felipe Calderón's National Action Party conceded.",
                 "Outgoing President Felipe Calderon congratulated the winner.")
    [p] = [e for e in ents if e.kind == "person"]
    assert set(p.variants) == {"Felipe Calderón", "Felipe Calderon"}


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


def test_a_name_after_a_title_is_a_person_whatever_the_tagger_called_it(monkeypatch):
    # Lowercased text capitalises only the word after an abbreviation's period ("gov. Scott
    # walker"), and the small model often tags that lone first name as an organisation; the
    # title before it says it is a person, so the two outlets' titles are compared.
    from newsbrief.analyse import analyse

    def tag(texts):
        return [[nlp.Tag(k, k + 5, "organisation") for k in [t.find("Scott")] if k >= 0]
                for t in texts]

    monkeypatch.setattr(nlp, "tag", tag)
    arts, sents = story("The effort to recall republican gov. Scott walker has been all-consuming.",
                        "Petitions against lt. gov. Scott walker were filed on friday.")
    [scott] = [e for e in entities.cluster(entities.find_mentions(arts, sents), ["a0", "a1"])
               if e.name == "Scott"]
    assert scott.kind == "person"
    [c] = [c for c in analyse(arts, sents).conflicts if c.kind == "title"]
    assert {v.text for v in c.values} == {"gov.", "lt. gov."}


def test_the_fathers_name_of_a_patronymic_alone_is_not_the_son(monkeypatch):
    # "Mohammed bin Salman" is Salman's son: "King Salman" is the father, not a surname-only
    # mention of the son, and his title is not the son's.
    from newsbrief.analyse import analyse

    monkeypatch.setattr(nlp, "_model", lambda: None)
    arts, sents = story("Crown Prince Mohammed bin Salman has seized control of businesses.",
                        "Prince Mohammed bin Salman blocked his mother from seeing King Salman.")
    ents = entities.cluster(entities.find_mentions(arts, sents), ["a0", "a1"])
    son = next(e for e in ents if e.name == "Mohammed bin Salman")
    assert "Salman" not in son.variants
    assert [c for c in analyse(arts, sents).conflicts if c.kind == "title"] == []


# Lowercased, tokenized text as Multi-News gives it (at least 30 words, no capitals inside).
_LOWER_A = ("when you stepped inside the building in accra, you were greeted by an american flag "
            "and a photo of vice president trump hanging on the wall, and the men who ran it took "
            "money from visitors who wanted visas for a decade before anyone found out about it.")
_LOWER_B = ("the building in accra, where a crime ring flew an american flag, hung a photo of "
            "president trump on the wall and claimed for a decade to be the real embassy "
            "of the united states, the state department said on friday in a statement.")


@pytest.mark.skipif(not nlp.available(), reason="spaCy model not installed")
def test_lowercase_name_after_a_title_in_two_articles_is_a_person():
    from newsbrief.analyse import analyse

    arts, sents = story(_LOWER_A, _LOWER_B)
    assert all(entities.is_lowercased(a.text) for a in arts)
    [c] = [c for c in analyse(arts, sents).conflicts if c.kind == "title"]
    assert c.subject == "trump"
    assert {v.text for v in c.values} == {"vice president", "president"}


@pytest.mark.skipif(not nlp.available(), reason="spaCy model not installed")
def test_lowercase_word_after_a_title_in_one_article_only_is_not_asked_about():
    # Capitalised, "judge Raised" reads as a name to the small model: a word that follows a
    # title in one article only is not taken for one.
    arts, sents = story(_LOWER_A.replace("vice president trump hanging", "the judge raised"),
                        _LOWER_B.replace("president trump", "the judge raised"))
    mentions = entities.find_mentions(arts[:1], sents[:1]) + entities.find_mentions(
        arts[1:], [s for s in sents if s.article == "a1"])
    assert not any(m.text == "raised" for m in mentions)


@pytest.mark.skipif(not nlp.available(), reason="spaCy model not installed")
def test_a_lowercase_name_after_titles_keeps_the_words_the_articles_share(monkeypatch):
    # The tagger's own lowercase span runs on into the sentence ("obama thrice", "obama
    # today"); the name is the words both articles give after the title.
    from newsbrief.analyse import analyse

    def tag(texts):
        out = []
        for t in texts:
            k = max(t.find("obama thrice"), t.find("obama today"))
            c = t.find("Obama")
            out.append([nlp.Tag(k, k + 12, "person")] if k >= 0 else
                       [nlp.Tag(c, c + 5, "person")] if c >= 0 else [])
        return out

    monkeypatch.setattr(nlp, "tag", tag)
    arts, sents = story(_LOWER_A.replace("vice president trump hanging on the wall",
                                         "vice president obama thrice canceled the raid"),
                        _LOWER_B.replace("president trump on the wall",
                                         "president obama today on the wall"))
    [c] = [c for c in analyse(arts, sents).conflicts if c.kind == "title"]
    assert c.subject == "obama"


def test_shared_words_after_a_title_allow_spelling_variants_not_verb_forms():
    # "president lech kaczynski" / "president lech kaczinski": one name spelled two ways, kept
    # whole so the spelling difference is still seen; "obama commuted" / "obama commutes": a
    # verb after the name.
    assert entities._common_prefix(["lech", "kaczynski"], ["lech", "kaczinski"]) == 2
    assert entities._common_prefix(["obama", "commuted"], ["obama", "commutes"]) == 1
    assert entities._common_prefix(["obama", "thrice"], ["obama", "today"]) == 1


@pytest.mark.skipif(not nlp.available(), reason="spaCy model not installed")
def test_a_first_name_alone_is_not_a_respelled_surname():
    # "Michael" (the baby) and "Maciol" share a consonant skeleton; "Maciel" is a respelling.
    ents = found("Sheriff Robert Maciol said the office is investigating the death of a baby.",
                 "Michael was found by his father in the morning, Sheriff Maciel said.")
    people = {e.name: set(e.variants) for e in ents if e.kind == "person"}
    assert people["Robert Maciol"] == {"Robert Maciol", "Maciel"}
    assert people["Michael"] == {"Michael"}
