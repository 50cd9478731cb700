"""Run every system on the same stories and score them: ``newsbrief eval``.

Each worker process takes one story at a time through every system (in an order rotated per
story, so no system always runs on a warm cache) and times each call from the raw JSON line, so
a system's time includes its own reading and sentence splitting. ROUGE is computed outside the
timed section. Peak memory is measured apart, in a fresh process per system (``probe_memory``),
because a process that runs all systems cannot say which one used what.
"""

from __future__ import annotations

import multiprocessing as mp
import resource
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any

from .. import native
from .data import EvalStory, mask_path, read_masks, read_stories
from .rouge import rouge
from .systems import SYSTEMS, System, cut

DEFAULT_SYSTEMS = ("newsbrief", "lead", "lexrank", "textrank")
# Stories the memory probe runs each system on: enough to reach a steady peak.
MEMORY_STORIES = 100
_WARMUP = ('{"id": "warm-up", "documents": ["The council approved the budget on Monday after a '
           'long debate. Members said the plan would cut costs.", "The city council approved a '
           'new budget on Monday. The vote was 7 to 2."], "summary": "The council approved the '
           'budget."}')


@dataclass
class SystemResult:
    name: str
    stories: int = 0
    rouge1: float = 0.0
    rouge2: float = 0.0
    rougeLsum: float = 0.0
    words: float = 0.0  # mean words scored per story (after the cut)
    seconds: float = 0.0  # summed time of the system's own calls
    peak_rss_mb: float | None = None
    errors: int = 0  # stories where the system failed (scored as an empty summary)

    @property
    def stories_per_s(self) -> float:
        return self.stories / self.seconds if self.seconds > 0 else 0.0


@dataclass
class ScreeningResult:
    """Set-aside documents against the masks; positive = judged off-topic or junk."""

    documents: int = 0
    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0

    @property
    def precision(self) -> float:
        d = self.true_pos + self.false_pos
        return self.true_pos / d if d else 0.0

    @property
    def recall(self) -> float:
        d = self.true_pos + self.false_neg
        return self.true_pos / d if d else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, dropped: Iterable[int], keep: Sequence[bool]) -> None:
        dropped = set(dropped)
        for i, k in enumerate(keep):
            self.documents += 1
            if i in dropped and not k:
                self.true_pos += 1
            elif i in dropped:
                self.false_pos += 1
            elif not k:
                self.false_neg += 1


@dataclass
class EvalReport:
    data: str
    words: int
    jobs: int
    stories: int
    systems: list[SystemResult]
    screening: ScreeningResult | None
    wall_s: float
    command: str = ""
    per_story: list[dict[str, Any]] = field(default_factory=list)
    kernels: str = ""  # how newsbrief ran its per-story arithmetic (``native.describe``)

    def system(self, name: str) -> SystemResult | None:
        return next((s for s in self.systems if s.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "data": self.data, "words": self.words, "jobs": self.jobs, "stories": self.stories,
            "wall_s": round(self.wall_s, 1), "command": self.command,
            "newsbrief_kernels": self.kernels,
            "systems": [dict(asdict(s), stories_per_s=round(s.stories_per_s, 2))
                        for s in self.systems],
        }
        tr = self.system("textrank")
        for name in ("newsbrief", "newsbrief-greedy"):
            nb = self.system(name)
            if nb and tr and tr.stories_per_s:
                out[f"{name.replace('-', '_')}_vs_textrank_throughput"] = round(
                    nb.stories_per_s / tr.stories_per_s, 2)
        if self.screening:
            out["screening"] = dict(asdict(self.screening), precision=self.screening.precision,
                                    recall=self.screening.recall, f1=self.screening.f1)
        return out


# --- workers ---------------------------------------------------------------------------------

_systems: dict[str, System] = {}


def _init(names: Sequence[str]) -> None:
    global _systems
    _systems = {n: SYSTEMS[n]() for n in names}
    for s in _systems.values():  # lazy imports and tables load here, not in a timed call
        s(_WARMUP, 50)


def _one(task: tuple[int, EvalStory, int]) -> tuple[int, dict[str, Any]]:
    idx, story, words = task
    names = list(_systems)
    k = idx % len(names)
    out: dict[str, Any] = {}
    for name in names[k:] + names[:k]:
        t0 = time.perf_counter()
        result = _systems[name](story.raw, words)
        dt = time.perf_counter() - t0
        scored = cut(result.sentences, words)
        out[name] = {
            "seconds": dt,
            "rouge": rouge(scored, story.references),
            "words": sum(len(s.split()) for s in scored),
            "dropped": result.dropped,
            "n_docs": len(story.documents),
            "error": result.error,
        }
    return idx, out


def peak_rss_mb() -> float:
    """This process's peak resident memory. Linux's ``VmHWM`` belongs to the process image,
    while ``ru_maxrss`` survives the exec of a spawned child and so reports the parent's peak
    when that was larger (every system then showed the eval process's own 191 MB)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def _probe(name: str, path: str, limit: int, words: int) -> float:
    system = SYSTEMS[name]()
    for story in read_stories(path, limit):
        system(story.raw, words)
    return peak_rss_mb()


def probe_memory(name: str, path: str, limit: int, words: int) -> float:
    """Peak resident memory (MB) of a fresh interpreter that runs ``name`` on ``limit`` stories
    (interpreter and imports included)."""
    with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as ex:
        return ex.submit(_probe, name, path, limit, words).result()


# --- the run ---------------------------------------------------------------------------------


def evaluate(path: str, *, words: int = 230, limit: int | None = None, jobs: int = 1,
             systems: Sequence[str] = DEFAULT_SYSTEMS, masks: str | None = None,
             memory: bool = True, keep_per_story: bool = False,
             progress: Callable[[int, int | None], None] | None = None) -> EvalReport:
    """Score ``systems`` on the stories of ``path``. ``masks`` defaults to the split's
    ``*.cleansed_mask.jsonl.gz`` beside it when that exists."""
    unknown = [s for s in systems if s not in SYSTEMS]
    if unknown:
        from ..errors import InputError

        raise InputError(f"unknown system {unknown[0]!r}: choose from {', '.join(SYSTEMS)}")
    stories = list(read_stories(path, limit))
    if not stories:
        from ..errors import InputError

        raise InputError(f"{path}: no stories")
    mpath = masks if masks is not None else str(mask_path(path))
    try:
        keep = read_masks(mpath)
    except OSError:
        keep = {}

    results = {n: SystemResult(n) for n in systems}
    screening = ScreeningResult() if keep and "newsbrief" in systems else None
    per_story: list[dict[str, Any]] = []
    tasks = ((i, s, words) for i, s in enumerate(stories))
    t0 = time.perf_counter()
    done = 0

    def take(idx: int, out: dict[str, Any]) -> None:
        nonlocal done
        story = stories[idx]
        for name, r in out.items():
            res = results[name]
            res.stories += 1
            res.seconds += r["seconds"]
            res.errors += r["error"] is not None
            res.words += r["words"]
            res.rouge1 += r["rouge"][0]
            res.rouge2 += r["rouge"][1]
            res.rougeLsum += r["rouge"][2]
        nb = out.get("newsbrief")
        mask = keep.get(story.id)
        if screening is not None and nb and mask and len(mask) == len(story.documents):
            screening.add(nb["dropped"] or (), mask)
        if keep_per_story:
            per_story.append({"id": story.id, **{n: {"rouge": r["rouge"], "words": r["words"]}
                                                 for n, r in out.items()}})
        done += 1
        if progress:
            progress(done, len(stories))

    if jobs <= 1:
        _init(systems)
        for t in tasks:
            take(*_one(t))
    else:
        with mp.get_context("fork").Pool(jobs, initializer=_init, initargs=(tuple(systems),)) as pool:
            for idx, out in pool.imap_unordered(_one, tasks, chunksize=2):
                take(idx, out)
    wall = time.perf_counter() - t0

    for res in results.values():
        n = max(1, res.stories)
        res.rouge1 /= n
        res.rouge2 /= n
        res.rougeLsum /= n
        res.words /= n
        if memory:
            res.peak_rss_mb = probe_memory(res.name, path, min(len(stories), MEMORY_STORIES),
                                           words)
    per_story.sort(key=lambda r: r["id"])
    return EvalReport(data=str(path), words=words, jobs=jobs, stories=len(stories),
                      systems=list(results.values()), screening=screening, wall_s=wall,
                      command=" ".join(["newsbrief", *sys.argv[1:]]) if sys.argv else "",
                      per_story=per_story, kernels=native.describe())
