"""The eval report as Markdown, and its place in ``docs/benchmarks.md``."""

from __future__ import annotations

import re
from pathlib import Path

from .run import EvalReport

SECTION = "## Summary quality (Multi-News validation)"
TABLE_START = "<!-- eval-table:start -->"
TABLE_END = "<!-- eval-table:end -->"


def markdown(report: EvalReport) -> str:
    lines = [
        f"{report.stories} stories of `{report.data}`, budget {report.words} words (every "
        f"system cut at it), {report.jobs} job(s), {report.wall_s:.0f} s wall.",
        "",
        "| system | ROUGE-1 | ROUGE-2 | ROUGE-Lsum | words | stories/s (one core) | peak RSS (MB) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for s in report.systems:
        mem = f"{s.peak_rss_mb:.0f}" if s.peak_rss_mb is not None else "-"
        lines.append(f"| {s.name} | {s.rouge1:.2f} | {s.rouge2:.2f} | {s.rougeLsum:.2f} | "
                     f"{s.words:.0f} | {s.stories_per_s:.1f} | {mem} |")
    nb, tr = report.system("newsbrief"), report.system("textrank")
    lines.append("")
    for s in report.systems:
        if s.errors:
            lines.append(f"{s.name}: {s.errors} stories failed (scored as empty summaries).")
    if nb and tr and tr.stories_per_s:
        lines.append(f"newsbrief throughput / TextRank throughput: "
                     f"**{nb.stories_per_s / tr.stories_per_s:.1f}x** (same run, same stories; "
                     "each system's time includes its own JSON reading, cleaning and sentence "
                     "splitting; ROUGE scoring excluded).")
    greedy = report.system("newsbrief-greedy")
    if greedy and tr and tr.stories_per_s:
        lines.append(f"newsbrief-greedy throughput / TextRank throughput: "
                     f"**{greedy.stories_per_s / tr.stories_per_s:.1f}x** (the same, with "
                     "`--no-rerank`).")
    if nb and report.kernels:
        lines.append(f"newsbrief's per-story arithmetic ran with: {report.kernels}.")
    if report.screening:
        sc = report.screening
        lines.append(
            f"Screening against the Multi-News+ masks ({sc.documents} documents; positive = "
            f"judged off-topic or junk; a document newsbrief sets aside as empty, too short, "
            f"not English or off-topic counts as predicted positive, a near-duplicate does "
            f"not): precision **{sc.precision:.3f}**, recall **{sc.recall:.3f}**, F1 "
            f"{sc.f1:.3f} (TP {sc.true_pos}, FP {sc.false_pos}, FN {sc.false_neg}).")
    lines.append("")
    lines.append("Peak RSS: a fresh interpreter running only that system on the first "
                 "stories of the run (interpreter and imports included).")
    if report.command:
        lines += ["", "Command:", "", "```", report.command, "```"]
    return "\n".join(lines) + "\n"


def write_section(path: Path, report: EvalReport) -> None:
    """Replace the table inside this command's section of ``path`` (created when missing),
    leaving every other section and any prose around the table alone."""
    table = f"{TABLE_START}\n{markdown(report)}{TABLE_END}"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if TABLE_START in text and TABLE_END in text:
        pattern = re.compile(re.escape(TABLE_START) + r".*?" + re.escape(TABLE_END), re.S)
        text = pattern.sub(lambda _: table, text, count=1)
    elif SECTION in text:
        text = text.replace(SECTION, f"{SECTION}\n\n{table}", 1)
    else:
        text = text.rstrip("\n") + f"\n\n{SECTION}\n\n{table}\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
