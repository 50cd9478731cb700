"""The command line: outputs, batch behaviour, and bad input (one-line error, no traceback)."""

import gzip
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from newsbrief.cli import app

runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def test_brief_text_markdown_json(example_dir):
    r = run("brief", str(example_dir))
    assert r.exit_code == 0, r.output
    assert "[CNN" in r.output or "CNN]" in r.output
    assert "Set aside:" in r.output and "about a different story" in r.output
    md = run("brief", str(example_dir), "--format", "markdown", "--words", "120")
    assert md.exit_code == 0 and md.output.startswith("## Brief: syria-military-police-chief")
    js = json.loads(run("brief", str(example_dir), "-f", "json", "-w", "120").output)
    assert js["words"] <= 120


def test_explain_shows_removed_boilerplate(example_dir):
    r = run("brief", str(example_dir), "--explain")
    assert r.exit_code == 0
    assert "Removed as boilerplate:" in r.output and "Advertisement" in r.output
    js = json.loads(run("brief", str(example_dir), "-f", "json", "--explain").output)
    assert any(x["reason"] == "related-stories list" for x in js["removed"])


def test_stdin_multi_news_line():
    line = " ||||| ".join([
        "A storm hit the coast of Maine on Tuesday, cutting power to 40,000 homes, officials said.",
        "Officials in Maine said a storm cut power to 40,000 homes along the coast on Tuesday.",
    ])
    r = run("brief", "-", "--words", "40", input=line)
    assert r.exit_code == 0, r.output
    assert "40,000 homes" in r.output and "[#1, #2" in r.output


@pytest.fixture
def bad_files(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "junk.bin").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "boiler.txt").write_text("Advertisement\nShare\nSkip to main content\n")
    (tmp_path / "fr.txt").write_text(
        "Le gouvernement français a annoncé mardi une nouvelle série de mesures pour soutenir "
        "les agriculteurs, qui manifestent depuis plusieurs semaines contre la baisse de leurs "
        "revenus et la concurrence étrangère. Les syndicats ont salué ces annonces.")
    (tmp_path / "broken.html").write_text("<html><body><div><p>unclosed <b>tags <i>")
    return tmp_path


@pytest.mark.parametrize("name, message", [
    ("missing.txt", "no such file"),
    ("empty.txt", "is empty"),
    ("junk.bin", "binary"),
    ("boiler.txt", "boilerplate"),
    ("fr.txt", "not English"),
    ("broken.html", "no article text"),
])
def test_bad_input_is_one_clear_line(bad_files, name, message):
    r = run("brief", str(bad_files / name))
    assert r.exit_code == 1
    assert message in r.output
    assert "Traceback" not in r.output
    assert r.output.strip().count("\n") == 0


def test_real_process_prints_no_traceback(bad_files):
    p = subprocess.run([sys.executable, "-m", "newsbrief", "brief", str(bad_files / "junk.bin")],
                       capture_output=True, text=True)
    assert p.returncode == 1
    assert p.stderr.startswith("newsbrief: error:") and "Traceback" not in p.stderr


def test_huge_article_and_many_articles(tmp_path, example_dir):
    text = (example_dir / "000_fd677169d6efdd79.txt").read_text()
    (tmp_path / "huge.txt").write_text(text * 500)  # about 5 MB
    r = run("brief", str(tmp_path / "huge.txt"), "-w", "60", "-f", "json")
    assert r.exit_code == 0 and 0 < json.loads(r.output)["words"] <= 60
    many = tmp_path / "many"
    many.mkdir()
    for i in range(200):
        (many / f"{i:03d}.txt").write_text(
            f"Report {i}: a storm hit the coast of Maine on Tuesday, cutting power to "
            f"{1000 + i} homes, and crews worked through the night to restore electricity.")
    r = run("brief", str(many), "-f", "json")
    d = json.loads(r.output)
    assert r.exit_code == 0 and len(d["articles"]) == 200 and d["words"] <= 250


STORIES = [
    {"id": "s1", "documents": [
        "A storm hit the coast of Maine on Tuesday, cutting power to 40,000 homes, officials said.",
        "Officials in Maine said a storm cut power to 40,000 homes along the coast on Tuesday."]},
    {"id": "s2", "articles": [{"text": "", "source": "AP"}]},
    {"id": "s3", "articles": [{"text": "The city council approved a new budget on Monday after "
                                       "a long debate about schools and roads.", "source": "AP"}]},
]


def write_stories(path, lines):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt") as f:
        for x in lines:
            f.write((x if isinstance(x, str) else json.dumps(x)) + "\n")


def test_batch_goes_on_past_bad_stories(tmp_path):
    src = tmp_path / "stories.jsonl.gz"
    write_stories(src, [STORIES[0], "{not json", STORIES[1], STORIES[2]])
    out = tmp_path / "briefs.jsonl"
    r = run("batch", str(src), "-o", str(out), "--jobs", "1")
    assert r.exit_code == 0, r.output
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [x["id"] for x in lines] == ["s1", "line-2", "s2", "s3"]
    assert "sentences" in lines[0] and "sentences" in lines[3]
    assert "not valid JSON" in lines[1]["error"] and "non-empty" in lines[2]["error"]
    assert "2 briefs, 2 errors" in r.output


def test_batch_jobs_output_identical(tmp_path):
    src = tmp_path / "stories.jsonl"
    write_stories(src, STORIES * 4)
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        assert run("batch", str(src), "-o", str(out), "-j", jobs).exit_code == 0
        outs.append(out.read_text())
    assert outs[0] == outs[1] and outs[0].count("\n") == 12


def test_batch_missing_file_is_an_error(tmp_path):
    r = run("batch", str(tmp_path / "nope.jsonl"))
    assert r.exit_code == 1 and "no such file" in r.output


def test_no_analysis_flag_leaves_out_the_differences(example_dir):
    off = json.loads(run("brief", str(example_dir), "-f", "json", "--no-analysis").output)
    assert "conflicts" not in off and all("support" not in s for s in off["sentences"])
    on = run("brief", str(example_dir), "--analysis")
    assert on.exit_code == 0 and "Where the sources differ" in on.output


def test_the_reranker_is_on_by_default_and_no_rerank_turns_it_off(example_dir, monkeypatch):
    import newsbrief.pipeline as pipeline

    seen = []
    real = pipeline.summarize_story

    def spy(story, options=None):  # the command imports the pipeline's function when it runs
        seen.append(options.rerank)
        return real(story, options)

    monkeypatch.setattr(pipeline, "summarize_story", spy)
    assert run("brief", str(example_dir), "--no-analysis").exit_code == 0
    assert run("brief", str(example_dir), "--no-analysis", "--no-rerank").exit_code == 0
    assert seen == [True, False]
