"""``newsbrief bench``: the speed and memory figures of one story, for docs/benchmarks.md.

- warm: median wall time of ``summarize_story`` in this process after one untimed run
  (tables loaded), with and without the cross-source analysis;
- cold: median wall time of a fresh ``newsbrief brief STORY`` process, start-up included;
- memory: peak resident memory of those fresh processes (``ru_maxrss`` of the children).
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass

COLD_RUNS = 3


@dataclass(frozen=True)
class BenchResult:
    story: str
    articles: int
    words: int
    warm_ms: float
    warm_analysis_ms: float
    cold_s: float
    peak_rss_mb: float


def bench(story: str, *, repeat: int = 20, words: int = 250) -> BenchResult:
    from ..ingest import read_inputs
    from ..model import Options
    from ..pipeline import summarize_story

    st = read_inputs([story])
    n_words = sum(len(a.text.split()) for a in st.articles)

    def warm(opts: Options) -> float:
        summarize_story(st, opts)
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            summarize_story(st, opts)
            times.append(time.perf_counter() - t0)
        return 1000 * statistics.median(times)

    plain = warm(Options(words=words, analysis=False))
    full = warm(Options(words=words))
    cold = []
    for _ in range(COLD_RUNS):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "from newsbrief.cli import main; main()",
                        "brief", story, "--words", str(words)],
                       check=True, stdout=subprocess.DEVNULL)
        cold.append(time.perf_counter() - t0)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
    return BenchResult(story, len(st.articles), n_words, plain, full,
                       statistics.median(cold), peak)


def format_bench(r: BenchResult) -> str:
    return "\n".join([
        f"story: {r.story} ({r.articles} articles, {r.words} words)",
        f"warm brief, no analysis:       {r.warm_ms:8.1f} ms (median)",
        f"warm brief, default options:   {r.warm_analysis_ms:8.1f} ms (median)",
        f"cold `newsbrief brief`:        {r.cold_s:8.2f} s (median of {COLD_RUNS})",
        f"peak memory of that process:   {r.peak_rss_mb:8.0f} MB",
    ])
