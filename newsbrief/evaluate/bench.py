"""``newsbrief bench``: the speed and memory figures of one story, for docs/benchmarks.md.

- warm: median wall time of ``summarize_story`` in this process after one untimed run
  (tables loaded), with and without the cross-source analysis;
- cold: median wall time of a fresh ``newsbrief brief STORY`` process, start-up included;
- memory: peak resident memory of those fresh processes (their own ``VmHWM``).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from dataclasses import dataclass

from .. import native

COLD_RUNS = 3
# The child reports its own peak (Linux VmHWM: unlike ru_maxrss it does not carry the parent's
# peak across fork and exec) when it exits; nothing else is imported before the CLI.
_CHILD = ("import atexit, sys\n"
          "def _peak():\n"
          "    for line in open('/proc/self/status'):\n"
          "        if line.startswith('VmHWM:'):\n"
          "            sys.stderr.write('PEAK %.1f\\n' % (int(line.split()[1]) / 1024))\n"
          "atexit.register(_peak)\n"
          "from newsbrief.cli import main\n"
          "main()\n")


@dataclass(frozen=True)
class BenchResult:
    story: str
    articles: int
    words: int
    warm_ms: float
    warm_analysis_ms: float
    cold_s: float
    cold_plain_s: float
    peak_rss_mb: float
    kernels: str = ""  # ``native.describe()`` of the process that measured the warm times
    warm_greedy_ms: float = float("nan")  # no analysis, ``--no-rerank``


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
    greedy = warm(Options(words=words, analysis=False, rerank=False))
    full = warm(Options(words=words))
    cold, cold_plain, peaks = [], [], []
    for extra, into in (([], cold), (["--no-analysis"], cold_plain)):
        for _ in range(COLD_RUNS):
            t0 = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", _CHILD, "brief", story, "--words",
                                   str(words), *extra],
                                  check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  text=True)
            into.append(time.perf_counter() - t0)
            peaks += [float(x.split()[1]) for x in done.stderr.splitlines()
                      if x.startswith("PEAK ")]
    peak = max(peaks) if peaks else float("nan")
    return BenchResult(story, len(st.articles), n_words, plain, full,
                       statistics.median(cold), statistics.median(cold_plain), peak,
                       native.describe(), greedy)


def format_bench(r: BenchResult) -> str:
    return "\n".join([
        f"story: {r.story} ({r.articles} articles, {r.words} words)",
        f"warm brief, no analysis:       {r.warm_ms:8.1f} ms (median)",
        f"warm, no analysis, --no-rerank:{r.warm_greedy_ms:8.1f} ms (median)",
        f"warm brief, default options:   {r.warm_analysis_ms:8.1f} ms (median)",
        f"cold `newsbrief brief`:        {r.cold_s:8.2f} s (median of {COLD_RUNS})",
        f"cold, --no-analysis:           {r.cold_plain_s:8.2f} s (median of {COLD_RUNS})",
        f"peak memory of those processes: {r.peak_rss_mb:7.0f} MB",
        f"per-story arithmetic:          {r.kernels}",
    ])
