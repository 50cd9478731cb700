from newsbrief.clean import clean
from newsbrief.model import Article


def cleaned(raw: str, **meta):
    return clean(Article(id="x", index=0, text=raw, raw=raw, **meta))


def test_removes_web_boilerplate_lines_and_keeps_them_as_data():
    raw = "\n".join([
        "Skip to main content",
        "Storm hits the coast of Maine",
        "Advertisement",
        "A powerful storm hit the coast of Maine on Tuesday, cutting power to 40,000 homes.",
        "Read more: Ten tips for storm season",
        "Share",
        "Officials said crews would work through the night to restore electricity.",
        "Only subscribers are eligible to post comments. Please subscribe or login first.",
    ])
    c = cleaned(raw)
    assert c.article.text.splitlines() == [
        "A powerful storm hit the coast of Maine on Tuesday, cutting power to 40,000 homes.",
        "Officials said crews would work through the night to restore electricity.",
    ]
    reasons = {r.reason for r in c.removed}
    assert {"navigation", "advertisement", "read-more link", "share prompt",
            "subscription prompt", "title"} <= reasons
    assert c.article.title == "Storm hits the coast of Maine"
    for r in c.removed:  # offsets point into the raw text
        assert raw[r.start:r.end] == r.text


def test_byline_and_outlet_dateline_become_metadata():
    raw = ("By Saad Abedine, CNN\nupdated 8:40 PM EST, Wed December 26, 2012\n"
           "(CNN) -- Syria's military police chief has defected, rebels said on Wednesday.\n"
           "He is one of the highest-ranking officers to leave the military this year.")
    c = cleaned(raw)
    assert c.article.author == "Saad Abedine"
    assert c.article.outlet == "CNN"
    assert "2012" in (c.article.published or "")
    assert c.article.text.startswith("Syria's military police chief has defected")
    assert "By Saad" not in c.article.text and "(CNN)" not in c.article.text


def test_repeated_lines_captions_and_related_list_removed():
    body = "The council voted to approve the new budget after a long debate on Monday night."
    raw = "\n".join([
        body,
        "In this photo provided by the council, members vote on the budget.",
        "Council votes on budget",
        "Council votes on budget",
        "The mayor said the vote was a victory for residents who had waited for years.",
        "CNN's Jane Doe contributed to this report.",
        "Part of complete coverage on",
        "updated 8:43 AM EDT, Thu June 26, 2014",
        "An unrelated teaser about something in 2014 that should never reach a brief.",
    ])
    c = cleaned(raw)
    assert c.article.text.splitlines() == [
        body, "The mayor said the vote was a victory for residents who had waited for years."]
    reasons = [r.reason for r in c.removed]
    assert "photo caption" in reasons and "credit line" in reasons
    assert "related-stories list" in reasons
    assert all("2014" not in line for line in c.article.text.splitlines())


def test_boilerplate_sentences_inside_a_long_line_removed():
    raw = ("Breaking news emails get breaking news alerts and special reports. The news and "
           "stories that matter, delivered weekday mornings. Veterans say their benefits "
           "arrived late this fall.")
    c = cleaned(raw)
    assert c.article.text == "Veterans say their benefits arrived late this fall."
    assert [r.reason for r in c.removed] == ["subscription prompt", "subscription prompt"]


def test_soft_wrapped_line_is_joined():
    raw = ("'I therefore announce that I have defected from the Army and the Armed Forces and have joined the\n"
           "peaceful Syrian revolution,' said the captain in a video.")
    assert "\n" not in cleaned(raw).article.text


def test_self_named_outlet_found_from_correspondent_phrase():
    raw = ("Opposition sources said the commander had cooperated with the rebels, the BBC's "
           "Middle East correspondent Jim Muir reports.\nThis is believed to be common, our "
           "correspondent adds.")
    assert cleaned(raw).article.outlet == "BBC"


def test_plain_article_unchanged():
    raw = "The city opened a new bridge on Friday.\nThousands walked across it in the rain."
    c = cleaned(raw)
    assert c.article.text == raw and c.removed == ()


def test_long_caption_line_removed_but_long_paragraph_kept():
    caption = ("View Photo Gallery — In this image made from video broadcast on Al Arabiya TV on "
               "Dec. 25, 2012, a general makes remarks saying he is joining the revolution. "
               "Syrian airstrikes continue: The military continues its aerial bombardment, "
               "inflicting deadly results on civilians across the north of the country today.")
    paragraph = ("The council met on Monday to discuss the budget, and members said the plan to "
                 "raise spending on schools and roads would need a vote in the spring. " * 3)
    assert len(caption) > 300 and len(paragraph) > 300
    c = cleaned(caption + "\n" + paragraph.strip())
    assert c.article.text == paragraph.strip()
    assert [r.reason for r in c.removed] == ["photo caption"]


# One phrase per alternative of every sentence rule, in mixed case.
RULE_PHRASES = [
    "Get BREAKING NEWS emails", "get breaking news alerts", "Sign up for our", "sign up for the",
    "Subscribe to our", "subscribe to the", "delivered to your inbox", "Delivered weekday mornings",
    "only subscribers are eligible", "Reset your password", "the news and stories that matter",
    "We use cookies", "by using this site", "by use our website", "By continuing to use this site",
    "by continuing to using our website", "Cookie Policy", "share this article",
    "Share on Facebook", "share on twitter", "Click here", "click to share", "Follow us on",
    "this article was originally", "This post was originally",
    "may be missing photos, graphics or links",
]


def test_sentence_rule_prefilter_passes_every_rule_phrase():
    from newsbrief.clean import _SENTENCE_RULES, _may_have_rule_sentence

    for phrase in RULE_PHRASES:
        text = f"The mayor spoke on Tuesday. {phrase} and more. The council met later."
        assert any(p.search(text) for _, p in _SENTENCE_RULES), phrase
        assert _may_have_rule_sentence(text), phrase
    # A long s matches "s" under IGNORECASE though str.lower keeps it: the rules still run.
    odd = "The mayor spoke on Tuesday. \u017fign up for our alerts. The council met later."
    assert any(p.search(odd) for _, p in _SENTENCE_RULES)
    assert _may_have_rule_sentence(odd)
    assert not _may_have_rule_sentence("The council voted on the budget late on Tuesday night.")


def test_boilerplate_sentence_with_unusual_case_folding_still_removed():
    # Longer than a line rule reads, so only the sentence rule can take the prompt out.
    body = ("The council voted to close the bridge for repairs on Tuesday night after a long "
            "debate about the cost, the detour through the old town and the ferry that will "
            "carry commuters across the river while the work goes on. \u017fign up for our "
            "alerts today. Engineers said the steel had rusted through in places and that the "
            "repairs could not wait. Work starts next month.")
    out = clean(Article(id="a", index=0, text=body)).article.text
    assert "alerts" not in out and "Work starts next month." in out


def test_word_count_and_doubled_line_helpers():
    from newsbrief.clean import _DOUBLED, _is_doubled, _more_words_than

    for text in ("", "one", "one two three", " a  b\tc d \n e ", "w " * 40):
        for n in (0, 1, 3, 4, 5, 30):
            assert _more_words_than(text, n) == (len(text.split()) > n), (text, n)
    lines = ["Photo gallery Photo gallery", "Photo gallery  Photo gallery", "Photo gallery Photo",
             "Breaking: Breaking: news", "abcdefgh abcdefgh", "abcdefg abcdefg", "x" * 20,
             "The storm hit the coast. The storm hit the coast.", "aaaaaaaaaaaaaaaaaaa"]
    for line in lines:
        assert _is_doubled(line) == (_DOUBLED.match(line) is not None), line
    assert _is_doubled("Photo gallery Photo gallery") and not _is_doubled("abcdefg abcdefg")


def test_repeated_line_across_a_long_article_still_caught():
    line = "Sign in to see the rest of our coverage of the storm and the clean-up"
    text = (line + "\n" + "The storm hit the coast on Tuesday and closed schools. " * 3 + "\n"
            + line)
    out = clean(Article(id="a", index=0, text=text))
    assert [r.reason for r in out.removed].count("repeated line") == 1


def test_every_field_of_the_article_survives_cleaning():
    # clean builds the cleaned article field by field (faster than dataclasses.replace): a
    # field it forgot would come back as its default.
    from dataclasses import fields, replace

    values = {f.name: f"<{f.name}>" for f in fields(Article)}
    values["index"] = 7
    text = "The council voted on Tuesday to close the old bridge for repairs next year."
    values["text"] = values["raw"] = text
    art = Article(**values)
    out = clean(art).article
    assert out == replace(art, text=text, raw=text)
    one_line = clean(Article("x", 0, text, raw=text)).article
    more = "Drivers will be sent over the new crossing two miles north of the town centre."
    two = text + "\n" + more
    two_lines = clean(Article("x", 0, two, raw=two)).article
    assert one_line.text == text and two_lines.text == two
    assert clean(Article("x", 0, "", raw="")).article.text == ""
