import gzip
import io
import json

import pytest

from newsbrief.errors import InputError
from newsbrief.ingest import (decode, iter_jsonl, read_inputs, split_multi_news,
                              story_from_record)

HTML = """<!doctype html><html><head><title>Storm hits Maine | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Storm hits Maine</h1>
<p>A powerful storm hit the coast of Maine on Tuesday, cutting power to 40,000 homes and
closing schools across three counties, officials said.</p>
<p>Crews from four states were sent to restore electricity, and the governor declared a state
of emergency on Tuesday evening as winds reached 70 miles per hour.</p>
<p>Forecasters expect the storm to move out to sea by Thursday morning.</p>
</article><footer>Copyright 2024 Daily Planet. All rights reserved.</footer></body></html>"""


def test_decode_utf8_latin1_and_refuses_binary_and_empty():
    assert decode("café".encode()) == "café"
    assert "café" in decode(("Le café est très bon, dit-il. " * 5).encode("latin-1"))
    with pytest.raises(InputError, match="binary"):
        decode(b"\x00\x01\x02binary")
    with pytest.raises(InputError, match="empty"):
        decode(b"   \n")


def test_html_file_yields_main_text_and_metadata(tmp_path):
    p = tmp_path / "storm.html"
    p.write_text(HTML, encoding="utf-8")
    story = read_inputs([str(p)])
    (a,) = story.articles
    assert "40,000 homes" in a.text
    assert "Home" not in a.text.split() and "All rights reserved" not in a.text
    assert a.outlet == "Daily Planet"
    assert a.title and "Storm hits Maine" in a.title


def test_folder_files_in_name_order_with_stem_ids(tmp_path):
    for name in ("b.txt", "a.txt", ".hidden"):
        (tmp_path / name).write_text(f"Text of {name} with enough words to count.", "utf-8")
    story = read_inputs([str(tmp_path)])
    assert [a.id for a in story.articles] == ["a", "b"]
    assert [a.index for a in story.articles] == [0, 1]


def test_stdin_multi_news_line_splits_documents():
    stdin = io.TextIOWrapper(io.BytesIO("First doc here. ||||| Second doc there. |||||  ".encode()))
    story = read_inputs(["-"], stdin=stdin)
    assert [a.text for a in story.articles] == ["First doc here.", "Second doc there."]
    assert split_multi_news("a ||||| ||||| b") == ["a", "", "b"]


def test_missing_path_is_a_clear_error():
    with pytest.raises(InputError, match="no such file"):
        read_inputs(["/nonexistent/story"])


def test_records_documents_and_articles_forms():
    s = story_from_record({"id": "s1", "documents": ["One.", "", "Two."]}, default_id="x")
    assert s.id == "s1" and [a.id for a in s.articles] == ["d0", "d2"]
    s = story_from_record({"articles": [{"text": "Body text.", "source": "AP", "title": "T"},
                                        {"html": HTML}]}, default_id="line-3")
    assert s.id == "line-3"
    assert s.articles[0].outlet == "AP" and s.articles[0].title == "T"
    assert "40,000 homes" in s.articles[1].text
    for bad in ({"id": "z"}, {"articles": [{"text": ""}]}, ["not", "an", "object"],
                {"documents": ["", "  "]}):
        with pytest.raises(InputError):
            story_from_record(bad, default_id="x")


def test_iter_jsonl_reports_bad_lines_and_reads_gzip(tmp_path):
    p = tmp_path / "s.jsonl.gz"
    with gzip.open(p, "wt") as f:
        f.write(json.dumps({"id": "a", "documents": ["x"]}) + "\n\n{broken\n")
    items = list(iter_jsonl(str(p)))
    assert items[0] == (1, {"id": "a", "documents": ["x"]})
    assert items[1][0] == 3 and isinstance(items[1][1], InputError)


def test_binary_text_in_a_string_refused():
    from newsbrief.ingest import text_to_article

    with pytest.raises(InputError, match="binary"):
        text_to_article("PK\x03\x04\x14\x00\x06\x00" * 50, id="a", index=0)


def test_summarize_makes_article_ids_unique():
    from newsbrief import Article, summarize

    text = ("The council approved the new city budget on Monday after a long debate about "
            "schools, roads and the cost of repairing the old bridge over the river.")
    other = ("Residents packed the hall as the council debated the budget, which raises "
             "spending on schools and roads and sets aside money for the bridge repairs.")
    b = summarize([Article(id="example.org", index=0, text=text),
                   Article(id="example.org", index=1, text=other)], words=60)
    assert [a.id for a in b.articles] == ["example.org", "example.org-2"]


def test_unique_ids_never_collide_with_given_ids():
    from newsbrief.ingest import unique_ids
    from newsbrief.model import Article

    arts = [Article(id=i, index=n, text="x") for n, i in enumerate(["a", "a-2", "a", "a"])]
    assert [a.id for a in unique_ids(arts)] == ["a", "a-2", "a-3", "a-4"]
