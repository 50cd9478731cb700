"""End to end on the example story (five scraped articles, one about an earlier defection)."""

import json

import pytest

from newsbrief import InputError, UnsupportedLanguage, summarize
from newsbrief.render import render

BOILERPLATE = ["Advertisement", "Read more", "Skip to main content", "subscribe", "Click through",
               "contributed to this report", "Share", "Gallery", "updated", "2014",
               "In this photo", "policechef", "(CNN)"]


def test_example_names_the_general_within_budget(example_brief):
    assert 0 < example_brief.words <= 250
    assert "Shallal" in example_brief.text or "Shalal" in example_brief.text


def test_example_contains_no_boilerplate(example_brief):
    for phrase in BOILERPLATE:
        assert phrase not in example_brief.text, phrase


def test_example_sets_aside_the_2011_article_and_never_cites_it(example_brief):
    aside = {x.article: x for x in example_brief.set_aside}
    assert "004_99a0b89bb8068a42" in aside
    assert aside["004_99a0b89bb8068a42"].reason == "about a different story"
    cited = {p.article for s in example_brief.sentences for p in s.sources}
    assert "004_99a0b89bb8068a42" not in cited


def test_example_shared_wire_paragraphs_credit_both_outlets(example_brief):
    both = {"001_d543670ff24e95ac", "002_e8b2408d928e83a2"}
    shared = [s for s in example_brief.sentences
              if both <= {p.article for p in s.sources}]
    assert shared, "no brief sentence credits both outlets that carry the wire copy"
    wire = ("Getting Shallal out of Syria", "In the video, Shallal is wearing",
            "Jihad Makdissi", "Many figures of high rank", "numerous senior government")
    for s in example_brief.sentences:
        if any(w in s.text for w in wire):
            assert both <= {p.article for p in s.sources}, s.text


def test_every_source_span_points_at_matching_text(example_brief):
    for s in example_brief.sentences:
        own = example_brief.article(s.sources[0].article).text
        assert s.text in own  # the sentence is quoted from one of its sources
        for p in s.sources:
            span = example_brief.article(p.article).text[p.start:p.end]
            assert span and len(span.split()) >= 5


def test_example_outlets_from_text_cues(example_brief):
    outlets = {a.id[:3]: a.outlet for a in example_brief.articles}
    assert outlets["000"] == "CNN" and outlets["003"] == "BBC"


def test_json_contract(example_brief):
    d = json.loads(render(example_brief, "json"))
    assert set(d) >= {"id", "words", "sentences", "articles", "set_aside"}
    assert d["id"] == "syria-military-police-chief"
    ids = {a["id"] for a in d["articles"]}
    assert [a["index"] for a in d["articles"]] == list(range(5))
    for s in d["sentences"]:
        assert s["sources"] and all(p["article"] in ids for p in s["sources"])
    assert all(x["article"] in ids for x in d["set_aside"])
    assert d["words"] == sum(len(s["text"].split()) for s in d["sentences"])


@pytest.mark.parametrize("words", [30, 120, 400])
def test_budget_respected_for_any_size(example_dir, words):
    from newsbrief import Options, read_inputs, summarize_story

    b = summarize_story(read_inputs([str(example_dir)]), Options(words=words))
    assert 0 < b.words <= words


def test_summarize_accepts_plain_strings_and_one_article():
    text = ("The city council approved a new budget on Monday after a long debate. The plan "
            "raises spending on schools and roads. The mayor said the vote was a victory for "
            "residents who had waited years for repairs to their streets.")
    b = summarize([text], words=25)
    assert 0 < b.words <= 25 and b.sentences[0].sources[0].article == "a0"


def test_errors_for_nothing_to_brief():
    with pytest.raises(InputError):
        summarize([])
    with pytest.raises(InputError):
        summarize(["Advertisement\nShare\nSkip to main content"])
    with pytest.raises(UnsupportedLanguage):
        summarize(["Der Bundestag hat am Dienstag ein neues Gesetz beschlossen, das die "
                   "Förderung von Solaranlagen auf Dächern deutlich ausweitet und die "
                   "Genehmigung für private Haushalte vereinfacht, teilte das Ministerium mit."])


def test_no_sentence_within_budget_is_an_error_not_an_empty_brief():
    text = ("The city council approved a new budget on Monday after a long debate. The plan "
            "raises spending on schools and roads across the whole of the county.")
    with pytest.raises(InputError, match="no sentence of the kept articles fits in 4 words"):
        summarize([text], words=4)


def test_example_article_texts_are_free_of_captions_and_lists(example_brief):
    # Not only the brief: every cleaned article text (shown by the web page, cited by spans).
    for a in example_brief.articles:
        for phrase in ("View Photo Gallery", "In this photo provided", "Click through",
                       "Part of complete coverage", "Only subscribers", "Skip to main content"):
            assert phrase not in a.text, (a.id, phrase)


def test_the_analysis_of_a_huge_story_reads_each_articles_earliest_sentences(monkeypatch):
    import newsbrief.analyse as analyse_module
    from newsbrief import pipeline

    read: list = []
    real = analyse_module.analyse

    def spy(articles, sentences, brief=()):
        read.extend(sentences)
        return real(articles, sentences, brief)

    monkeypatch.setattr(analyse_module, "analyse", spy)
    monkeypatch.setattr(pipeline, "ANALYSIS_MAX_SENTENCES", 6)
    texts = [" ".join(f"Officials in {city} said on Monday that the flood waters had reached "
                      f"{n + 2} feet in the old town by noon." for n in range(5))
             for city in ("Dresden", "Prague", "Passau")]
    brief = summarize(texts)
    assert brief.sentences  # briefed as usual
    # 15 sentences, 6 read: the first two of each article.
    assert sorted((s.article, s.position) for s in read) == sorted(
        (a.id, p) for a in brief.articles for p in (0, 1))
    # And the brief says so, in every format.
    note = "The comparison of the sources read only the 6 earliest of the 15 sentences"
    assert any(n.startswith(note) for n in brief.notes)
    assert note in render(brief, "text") and note in render(brief, "markdown")
    assert any(n.startswith(note) for n in json.loads(render(brief, "json"))["notes"])


def test_a_huge_story_says_that_only_its_earliest_sentences_were_scored(monkeypatch):
    import newsbrief.score as score_module

    monkeypatch.setattr(score_module, "MAX_CANDIDATES", 4)
    # One story told three ways (no article a copy of another), five sentences each.
    texts = [
        "Flood waters reached the old town of Passau on Monday. The river rose by two metres "
        "overnight after days of heavy rain. Hundreds of residents left their homes in the "
        "lower streets. Soldiers filled sandbags along the banks all afternoon. The mayor "
        "said the water should peak on Tuesday morning.",
        "The Danube burst its banks in Passau early on Monday, flooding the historic centre. "
        "Rescue teams moved elderly people from a care home by boat. Schools and shops stayed "
        "closed across the city. Forecasters expect more rain in the Alps this week. Officials "
        "warned drivers to keep away from the riverside roads.",
        "Passau declared a state of emergency as the river climbed past nine metres on Monday. "
        "Firefighters pumped water from cellars through the night. Trains to Vienna were "
        "halted because a bridge was under water. The last flood this high struck the city in "
        "2013. Volunteers brought food to families in the shelters.",
    ]
    brief = summarize(texts)
    kept = len(brief.articles) - len(brief.set_aside)  # screening may set one aside
    assert kept >= 2
    assert brief.notes[0] == (f"A long story: only the 4 earliest of its {5 * kept} candidate "
                              "sentences were scored (each article's first sentences first).")
    # A story under the caps has no notes.
    monkeypatch.setattr(score_module, "MAX_CANDIDATES", 1000)
    assert summarize(texts).notes == ()
