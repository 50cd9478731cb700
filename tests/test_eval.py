"""The eval harness: reading, cutting, the reference systems, ROUGE, the report."""

from __future__ import annotations

import gzip
import json

import pytest

from newsbrief.errors import InputError
from newsbrief.evaluate.data import mask_path, parse_story, read_masks, read_stories
from newsbrief.evaluate.run import ScreeningResult
from newsbrief.evaluate.systems import cut, lead, newsbrief

pytest.importorskip("rouge_score", reason="the eval extra is not installed")

STORY = {
    "id": "s1",
    "documents": [
        "The city council approved the new budget on Monday after a long debate. Members said "
        "the plan would cut costs by ten percent. The mayor welcomed the vote.",
        "The council voted 7 to 2 to approve the budget on Monday. Critics said the cuts would "
        "hurt libraries and parks across the city.",
        "",
    ],
    "summary": "The city council approved a new budget on Monday, cutting costs by ten percent.",
}


def line(rec=STORY) -> str:
    return json.dumps(rec)


def test_cut_stops_inside_the_sentence_that_crosses_the_budget():
    assert cut(["one two three", "four five six"], 5) == ("one two three", "four five")
    assert cut(["one two", "three"], 3) == ("one two", "three")
    assert cut(["a b"], 0) == ()


def test_lead_is_round_robin_across_documents():
    out = lead(line(), 1000).sentences
    assert out[0].startswith("The city council approved")
    assert out[1].startswith("The council voted 7 to 2")
    assert out[2].startswith("Members said")


def test_every_reference_system_stays_within_the_budget():
    from newsbrief.evaluate.systems import SYSTEMS

    for name, make in SYSTEMS.items():
        out = make()(line(), 20)
        assert sum(len(s.split()) for s in cut(out.sentences, 20)) <= 20, name
        assert out.sentences, name


def test_newsbrief_reports_the_empty_document_as_set_aside():
    out = newsbrief(line(), 50)
    assert 2 in out.dropped
    assert sum(len(s.split()) for s in out.sentences) <= 50


def test_rouge_identical_is_100_and_references_are_averaged():
    from newsbrief.evaluate.rouge import rouge

    same = rouge(["The cat sat on the mat."], ["The cat sat on the mat."])
    assert same == pytest.approx((100.0, 100.0, 100.0))
    half = rouge(["The cat sat on the mat."], ["The cat sat on the mat.", "Dogs bark loudly."])
    assert half[0] == pytest.approx(50.0)


def test_parse_story_reads_summary_or_summaries_and_rejects_bad_lines():
    assert parse_story(line()).references == (STORY["summary"],)
    multi = dict(STORY, summaries=["a b c", "d e f"])
    del multi["summary"]
    assert parse_story(json.dumps(multi)).references == ("a b c", "d e f")
    with pytest.raises(InputError, match="line 3"):
        parse_story("{not json", 3)
    with pytest.raises(InputError, match="summary"):
        parse_story(json.dumps({"id": "x", "documents": ["a"]}))


def test_read_stories_plain_and_gzipped_with_limit(tmp_path):
    plain = tmp_path / "s.jsonl"
    plain.write_text(line() + "\n\n" + line(dict(STORY, id="s2")) + "\n")
    gz = tmp_path / "s.jsonl.gz"
    with gzip.open(gz, "wt") as f:
        f.write(plain.read_text())
    assert [s.id for s in read_stories(plain)] == ["s1", "s2"]
    assert [s.id for s in read_stories(gz, limit=1)] == ["s1"]
    with pytest.raises(InputError, match="no such file"):
        list(read_stories(tmp_path / "missing.jsonl"))


def test_masks_sit_beside_the_split(tmp_path):
    assert mask_path("x/val.jsonl.gz").name == "val.cleansed_mask.jsonl.gz"
    m = tmp_path / "val.cleansed_mask.jsonl.gz"
    with gzip.open(m, "wt") as f:
        f.write(json.dumps({"id": "s1", "keep": [True, False, True]}) + "\n")
    assert read_masks(m) == {"s1": (True, False, True)}


def test_screening_counts():
    sc = ScreeningResult()
    sc.add([1, 2], [True, False, True, False])  # TP 1 (doc 1), FP 1 (doc 2), FN 1 (doc 3)
    assert (sc.true_pos, sc.false_pos, sc.false_neg, sc.documents) == (1, 1, 1, 4)
    assert sc.precision == 0.5 and sc.recall == 0.5


def test_evaluate_and_report_section(tmp_path):
    from newsbrief.evaluate.report import SECTION, write_section
    from newsbrief.evaluate.run import evaluate

    data = tmp_path / "val.jsonl"
    data.write_text("\n".join(line(dict(STORY, id=f"s{i}")) for i in range(3)) + "\n")
    report = evaluate(str(data), words=30, systems=["newsbrief", "lead"], memory=False)
    assert report.stories == 3 and report.screening is None  # no masks beside it
    assert all(s.stories == 3 and 0 < s.rouge1 <= 100 and s.words <= 30
               for s in report.systems)
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n\n## Other\n\nkeep me\n")
    write_section(doc, report)
    write_section(doc, report)  # replaces, does not append a second table
    text = doc.read_text()
    assert "keep me" in text and text.count(SECTION) == 1 and text.count("| newsbrief |") == 1
    # Throughput depends on whether the compiled kernels ran: the report says which.
    from newsbrief import native

    assert report.kernels == native.describe()
    assert f"per-story arithmetic ran with: {native.describe()}." in text


def test_eval_command(tmp_path):
    from typer.testing import CliRunner

    from newsbrief.cli import app

    data = tmp_path / "val.jsonl"
    data.write_text(line() + "\n")
    r = CliRunner().invoke(app, ["eval", str(data), "--words", "30", "--systems",
                                 "newsbrief,lead", "--no-memory", "--json",
                                 str(tmp_path / "r.json")])
    assert r.exit_code == 0, r.output
    assert "| lead |" in r.output
    assert json.loads((tmp_path / "r.json").read_text())["per_story"][0]["id"] == "s1"
    bad = CliRunner().invoke(app, ["eval", str(tmp_path / "nope.jsonl")])
    assert bad.exit_code == 1 and "no such file" in bad.output
    unknown = CliRunner().invoke(app, ["eval", str(data), "--systems", "gpt"])
    assert unknown.exit_code == 1 and "unknown system" in unknown.output


def test_the_greedy_system_is_measured_beside_the_default(tmp_path):
    from newsbrief.evaluate.report import markdown
    from newsbrief.evaluate.run import evaluate

    data = tmp_path / "val.jsonl"
    data.write_text("\n".join(line(dict(STORY, id=f"s{i}")) for i in range(3)) + "\n")
    report = evaluate(str(data), words=30, systems=["newsbrief", "newsbrief-greedy", "textrank"],
                      memory=False)
    greedy = report.system("newsbrief-greedy")
    assert greedy is not None and greedy.stories == 3 and greedy.words <= 30
    out = report.to_dict()
    assert out["newsbrief_greedy_vs_textrank_throughput"] > 0
    assert out["newsbrief_vs_textrank_throughput"] > 0
    assert "newsbrief-greedy throughput / TextRank throughput" in markdown(report)


def test_the_eval_systems_run_the_reranker_by_default_and_the_greedy_when_asked(monkeypatch):
    import newsbrief.pipeline as pipeline
    from newsbrief.errors import NewsbriefError
    from newsbrief.evaluate.systems import SYSTEMS

    seen = []

    def fake(story, options):  # the system imports the pipeline's function when it is made
        seen.append(options.rerank)
        raise NewsbriefError("not briefed here")

    monkeypatch.setattr(pipeline, "summarize_story", fake)
    for name in ("newsbrief", "newsbrief-greedy"):
        assert SYSTEMS[name]()(line(STORY), 30).sentences == ()
    assert seen == [True, False]


def test_bench_report_names_each_timing():
    from newsbrief.evaluate.bench import BenchResult, format_bench

    text = format_bench(BenchResult("s", 5, 2000, 6.1, 40.9, 1.19, 0.39, 204.0, "compiled",
                                    7.4))
    assert "no analysis:" in text and "6.1 ms" in text
    assert "--no-rerank:" in text and "7.4 ms" in text
    assert "1.19 s" in text and "204 MB" in text
