"""Benchmark of the cross-source analysis on real stories with injected conflicts.

    python -m newsbrief.bench_conflicts --data ../shared/data/multi_news/val.jsonl.gz --limit 300

For each validation story (articles the Multi-News+ masks mark as unrelated are left out), one
article at a time is altered where it states something another article also states, and the
analysis must report the difference:

- number: a figure written identically, with the same next word, in two articles ("40,000
  people") is changed in one of them by a factor between 1.3 and 2 (either way; ``--factor``
  sets another band);
- title: a title before the same word in two articles ("sen. mccain") is swapped for another
  title of the same family in one (senator -> representative, general -> colonel, ...);
- date: a weekday or a month-and-day both articles give is moved by two or three days in one;
- name: a person's surname, found by the analysis in two articles, is respelled in one the way
  transliterations differ (a letter doubled or undoubled, a vowel changed); the two spellings
  must end up in one entity.

Injection sites are found by plain string matching, not by the analysis being measured. The
unaltered stories give the conflicts reported where none was injected: a seeded sample of them
is written out to be judged by hand (``--sample-out``). Timings are of ``analyse`` alone, with
the model already loaded.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import random
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from .analyse import Analysis, analyse, nlp
from .clean import clean
from .errors import InputError
from .ingest import story_from_documents
from .model import Article, Sentence
from .segment import segment

_NUMBER_SITE = re.compile(r"(?<![\w.,$#-])(\d{1,3}(?:,\d{3})+|\d{2,7})(?![\w,]|\.\d)\s+([a-z]{3,})\b")
_COUNT_WORDS = frozenset("people percent million billion thousand per cent feet mph km".split())
_TITLE_SWAPS = {
    "sen.": "rep.", "senator": "representative", "rep.": "sen.", "representative": "senator",
    "gen.": "col.", "general": "colonel", "col.": "gen.", "colonel": "general",
    "gov.": "lt. gov.", "governor": "lieutenant governor", "president": "vice president",
    "capt.": "maj.", "captain": "major", "lt.": "capt.", "sgt.": "cpl.", "sergeant": "corporal",
    "judge": "justice", "mayor": "deputy mayor", "prime minister": "deputy prime minister",
    "adm.": "vice adm.", "admiral": "vice admiral",
}
_TITLE_SITE = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(t) for t in sorted(_TITLE_SWAPS, key=len, reverse=True))
    + r")\s+([a-z][a-z'-]{2,})\b", re.I)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
           "december|jan\\.|feb\\.|aug\\.|sept\\.|oct\\.|nov\\.|dec\\.")
_DATE_SITE = re.compile(rf"\b(?:({'|'.join(_WEEKDAYS)})|(({_MONTHS})\s+(\d{{1,2}})))\b", re.I)
_NOT_AFTER_TITLE = frozenset("said says and the who was is has had of to in for on at with that "
                             "would will candidate candidates nominee".split())
# Words after "general", "judge" ... that show the title word is not a title of a person named
# next ("general manager", "general motors", "a federal judge ruled"): swapping it changes no
# one's title, so no analysis could report it.
_NOT_A_TITLE_BEFORE = frozenset(
    "manager managers motors mills counsel assembly electric election elections public "
    "secretary store stores dynamics hospital hospitals practitioner practitioners fund "
    "ruled rules ordered orders found finds wrote writes denied denies granted grants rejected "
    "rejects sentenced sentences dismissed dismisses also approved approves threw blocked "
    "agreed declined issued signed heard hears theatre theater presiding".split())
# "attorney general jeff sessions": the office is attorney general, not the rank general.
_NOT_A_RANK = re.compile(r"\b(?:attorney|surgeon|solicitor|inspector|secretary|postmaster|"
                         r"adjutant|consul|governor|procurator)[\s-]+$", re.I)
_TITLE_WORDS = frozenset(w.strip(".") for t in (*_TITLE_SWAPS, *_TITLE_SWAPS.values())
                        for w in t.split())
# A title the person no longer holds (or not yet), with up to two words between ("former
# british prime minister tony blair"): the analysis compares current titles only.
_PAST_TITLE = re.compile(r"\b(?:former|ex|retired|onetime|one-time|incoming|elected)[\s-]+"
                         r"(?:[\w.'-]+\s+){0,2}$", re.I)
_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen " \
    "fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _spelled(n: int) -> str | None:
    """``n`` written in words when below 100 ("thirty-three"), as a pattern ("twelve" or "a
    dozen")."""
    if n == 12:
        return "(?:twelve|a dozen)"
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    return None


def _states_elsewhere(text: str, site: re.Match[str]) -> bool:
    """Whether ``text`` gives the site's figure other than at matches of the site itself (before
    another word, or spelled out): an article altered only at the site would then state both
    the old and the new figure, and which one it means could not be told."""
    same = [m.span() for m in site.re.finditer(text) if m.group().lower() == site.group().lower()]
    rest = "".join(ch if not any(a <= i < b for a, b in same) else " " for i, ch in enumerate(text))
    fig = site.group(1)
    if re.search(rf"(?<![\w.,$]){re.escape(fig)}(?![\w,]|\.\d)", rest):
        return True
    words = _spelled(int(fig.replace(",", "")))
    return bool(words and re.search(rf"\b{words}\b", rest, re.I))


@dataclass
class Story:
    id: str
    articles: list[Article]


def load(path: str, mask_path: str | None, limit: int, skip: int = 0) -> Iterator[Story]:
    masks: dict[str, list[bool]] = {}
    if mask_path and Path(mask_path).exists():
        with gzip.open(mask_path, "rt", encoding="utf-8") as f:
            for line in f:
                m = json.loads(line)
                masks[m["id"]] = m["keep"]
    n = 0
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:  # type: ignore[operator]
        for k, line in enumerate(f):
            if k < skip:
                continue
            rec = json.loads(line)
            keep = masks.get(rec["id"])
            docs = [d if keep is None or (i < len(keep) and keep[i]) else ""
                    for i, d in enumerate(rec["documents"])]
            try:
                story = story_from_documents(rec["id"], docs)
            except InputError:
                continue
            arts = [clean(a).article for a in story.articles]
            arts = [replace(a, raw=a.text) for a in arts if len(a.text.split()) >= 20]
            if len(arts) < 2:
                continue
            yield Story(rec["id"], arts)
            n += 1
            if n >= limit:
                return


def sentences_of(arts: list[Article]) -> list[Sentence]:
    return [s for a in arts for s in segment(a)]


def run(arts: list[Article]) -> tuple[Analysis, float]:
    sents = sentences_of(arts)
    t = time.perf_counter()
    out = analyse(arts, sents)
    return out, time.perf_counter() - t


def _with_text(arts: list[Article], k: int, site: re.Match[str], group: int, new: str,
               everywhere: bool = True) -> list[Article]:
    """Article ``k`` with ``site``'s ``group`` replaced by ``new``, in every match of the same
    pattern with the same words when ``everywhere``: an outlet that has a different figure
    uses it throughout its article."""
    a = arts[k]
    spans = [(site.start(group), site.end(group))]
    if everywhere:
        spans = [(m.start(group), m.end(group)) for m in site.re.finditer(a.text)
                 if m.group().lower() == site.group().lower()]
    text = a.text
    for s0, e0 in sorted(spans, reverse=True):
        text = text[:s0] + new + text[e0:]
    return [*arts[:k], replace(a, text=text, raw=text), *arts[k + 1:]]


def _shared_sites(arts: list[Article], rx: re.Pattern[str], key) -> list[tuple[int, re.Match[str]]]:  # type: ignore[no-untyped-def]
    """Matches of ``rx`` whose key occurs in two or more articles: (article index, match)."""
    where: dict[object, set[int]] = defaultdict(set)
    found: list[tuple[int, re.Match[str]]] = []
    for k, a in enumerate(arts):
        for m in rx.finditer(a.text):
            kk = key(m)
            if kk is None:
                continue
            where[kk].add(k)
            found.append((k, m))
    return [(k, m) for k, m in found if len(where[key(m)]) >= 2]


# How far an injected figure is from the original (either way): ``--factor``.
FACTOR = (1.3, 2.0)


def _new_number(text: str, rng: random.Random,
                factor_range: tuple[float, float] = FACTOR) -> str:
    n = int(text.replace(",", ""))
    lo, hi = factor_range
    factor = rng.uniform(lo, hi) if rng.random() < 0.5 or n < 4 else 1 / rng.uniform(lo, hi)
    new = max(1, round(n * factor))
    # Keep the figure as round as the original ("40,000" -> "52,000", not "52,347").
    zeros = len(str(n)) - len(str(n).rstrip("0"))
    if zeros:
        new = max(10 ** zeros, round(new, -zeros))
    if new == n:
        new = n + 10 ** zeros
    return f"{new:,}" if "," in text else str(new)


def inject_number(arts: list[Article], rng: random.Random,  # type: ignore[no-untyped-def]
                  factor_range: tuple[float, float] = FACTOR):
    def key(m: re.Match[str]):  # type: ignore[no-untyped-def]
        # A stated quantity: a figure counting a plural noun or a unit ("40,000 people",
        # "25 percent"), not a year, a name ("apollo 11 mission") or a number ("911 operator").
        n = int(m.group(1).replace(",", ""))
        if 1900 <= n <= 2100 and "," not in m.group(1):
            return None
        word = m.group(2)
        if not (word in _COUNT_WORDS or (word.endswith("s") and not word.endswith("ss"))):
            return None
        return (m.group(1), word)

    sites = [(k, m) for k, m in _shared_sites(arts, _NUMBER_SITE, key)
             if not _states_elsewhere(arts[k].text, m)]
    if not sites:
        return None
    k, m = rng.choice(sites)
    new = _new_number(m.group(1), rng, factor_range)
    # The new statement must contradict what another article says there: "up to 40 people"
    # does not contradict "around 30 people", nor "more than 60,000" "more than 40,000".
    mine = _range(arts[k].text, m.start(1), int(new.replace(",", "")))
    old = int(m.group(1).replace(",", ""))
    if not any(j != k and key(o) == key(m) and not _overlap(mine, _range(arts[j].text, o.start(1), old))
               for j, o in sites):
        return None
    return _with_text(arts, k, m, 1, new), k, new


_LOWER = re.compile(r"\b(?:more than|over|at least|upwards of|in excess of|no fewer than|"
                    r"no less than|greater than|higher than|a minimum of)\s+(?:\$\s?)?$", re.I)
_UPPER = re.compile(r"\b(?:up to|as many as|at most|no more than|fewer than|less than|under|"
                    r"nearly|almost|close to|just under|a maximum of)\s+(?:\$\s?)?$", re.I)
# "50 percent or less", "100 people or more" (after the figure's word).
_OR_LESS = re.compile(r"\S*\s+or\s+(?:less|fewer|under)\b", re.I)
_OR_MORE = re.compile(r"\S*\s+or\s+(?:more|over|greater)\b", re.I)
_ABOUT = re.compile(r"\b(?:about|around|roughly|approximately|some|an estimated|estimated)"
                    r"\s+(?:\$\s?)?$", re.I)


def _range(text: str, start: int, n: int) -> tuple[float, float]:
    """The values a figure at ``start`` allows, by the words before it ("more than", "about")."""
    before = text[max(0, start - 20):start]
    after = text[start:start + 40]
    if _LOWER.search(before) or _OR_MORE.match(after.split(None, 1)[-1] if " " in after else ""):
        return n, float("inf")
    if _UPPER.search(before) or _OR_LESS.match(after.split(None, 1)[-1] if " " in after else ""):
        return 0, n
    if _ABOUT.search(before):
        return 0.9 * n, 1.1 * n
    return n, n


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return max(a[0], b[0]) <= min(a[1], b[1])


def _swap_is_no_change(before: str, title: str) -> bool:
    """Whether swapping ``title`` would only repeat the words right before it: "president" in
    "vice president mike pence" becomes "vice vice president", which still reads "vice
    president", so the title was not changed and no analysis could report it."""
    new = _TITLE_SWAPS[title.lower()]
    prefix = new[: -len(title)] if new.lower().endswith(title.lower()) else ""
    return bool(prefix) and before.lower().endswith(prefix.lower())


def inject_title(arts: list[Article], rng: random.Random):  # type: ignore[no-untyped-def]
    def key(m: re.Match[str]):  # type: ignore[no-untyped-def]
        if m.group(2).lower() in _NOT_AFTER_TITLE | _NOT_A_TITLE_BEFORE | _TITLE_WORDS:
            return None  # "lt. gov. X": "lt." is part of a longer title, not one before a name
        before = m.string[max(0, m.start() - 30):m.start()]
        if _NOT_A_RANK.search(before[-20:]) or _swap_is_no_change(before, m.group(1)):
            return None
        # "former harrisburg mayor stephen reed" -> "former harrisburg deputy mayor": a person
        # can have held both offices in the past, so the swap contradicts nothing.
        if _PAST_TITLE.search(before):
            return None
        return (m.group(1).lower(), m.group(2).lower())

    sites = _shared_sites(arts, _TITLE_SITE, key)
    if not sites:
        return None
    k, m = rng.choice(sites)
    old = m.group(1)
    new = _TITLE_SWAPS[old.lower()]
    if old[0].isupper():
        new = new[0].upper() + new[1:]
    return _with_text(arts, k, m, 1, new), k, new


def inject_date(arts: list[Article], rng: random.Random):  # type: ignore[no-untyped-def]
    def key(m: re.Match[str]):  # type: ignore[no-untyped-def]
        return m.group().lower()

    sites = _shared_sites(arts, _DATE_SITE, key)
    if not sites:
        return None
    k, m = rng.choice(sites)
    if m.group(1):
        old = m.group(1)
        new = _WEEKDAYS[(_WEEKDAYS.index(old.lower()) + rng.choice([2, 3])) % 7]
        new = new.capitalize() if old[0].isupper() else new
        return _with_text(arts, k, m, 1, new), k, new
    day = int(m.group(4))
    new_day = day + 3 if day <= 25 else day - 3
    return _with_text(arts, k, m, 4, str(new_day)), k, f"{m.group(3)} {new_day}"


def respell(word: str, rng: random.Random) -> str:
    """A transliteration-style respelling: a doubled letter undoubled or a consonant doubled,
    else one vowel changed."""
    doubles = [i for i in range(1, len(word)) if word[i] == word[i - 1] and word[i].isalpha()]
    if doubles:
        i = rng.choice(doubles)
        return word[:i] + word[i + 1:]
    vowels = [i for i in range(1, len(word) - 1) if word[i] in "aeiou"]
    if vowels and rng.random() < 0.5:
        i = rng.choice(vowels)
        swap = {"a": "e", "e": "a", "i": "e", "o": "u", "u": "o"}[word[i]]
        return word[:i] + swap + word[i + 1:]
    cons = [i for i in range(1, len(word)) if word[i] in "lmnrst"]
    if cons:
        i = rng.choice(cons)
        return word[:i] + word[i] + word[i:]
    return word + "e"


def inject_name(arts: list[Article], before: Analysis, rng: random.Random):  # type: ignore[no-untyped-def]
    people = []
    for e in before.entities:
        if e.kind != "person":
            continue
        full = Counter((m.text, m.article) for m in e.mentions if len(m.text.split()) >= 2)
        by_text: dict[str, set[str]] = defaultdict(set)
        for (text, art), _ in full.items():
            by_text[text].add(art)
        for text, where in by_text.items():
            if len(where) >= 2:
                people.append((text, sorted(where)))
    if not people:
        return None
    text, where = rng.choice(people)
    surname = text.split()[-1]
    core = surname.split("-")[-1]
    if len(core) < 4:
        return None
    new_core = respell(core, rng)
    art_id = rng.choice(where)
    k = next(i for i, a in enumerate(arts) if a.id == art_id)
    a = arts[k]
    new_text = re.sub(rf"(?<![\w]){re.escape(core)}(?![\w])", new_core, a.text)
    altered = [*arts[:k], replace(a, text=new_text, raw=new_text), *arts[k + 1:]]
    return altered, k, (text, text[: len(text) - len(core)] + new_core, core, new_core)


def _found(analysis: Analysis, kinds: tuple[str, ...], article: str, new: str) -> bool:
    """A reported difference of one of ``kinds`` with a value from the altered article that
    carries the injected text, and a value from another article."""
    for c in analysis.conflicts:
        if c.kind not in kinds:
            continue
        mine = [v for v in c.values if any(s.article == article and new.lower() in
                                           s.text.lower() for s in v.sources)]
        other = [v for v in c.values if any(s.article != article for s in v.sources)]
        if mine and any(v is not m for v in other for m in mine):
            return True
    return False


def _merged(analysis: Analysis, old: str, new: str) -> tuple[bool, bool]:
    """(both spellings detected, both in one entity)."""
    holders_old = {e.id for e in analysis.entities if any(old in v for v in e.variants)}
    holders_new = {e.id for e in analysis.entities if any(new in v for v in e.variants)}
    return bool(holders_old and holders_new), bool(holders_old & holders_new)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default="../shared/data/multi_news/val.jsonl.gz")
    p.add_argument("--mask", default=None,
                   help="Multi-News+ keep masks (default: the data file's .cleansed_mask)")
    p.add_argument("--limit", type=int, default=300)
    p.add_argument("--skip", type=int, default=0,
                   help="skip this many stories first (the first 300 were used for tuning)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--sample", type=int, default=30)
    p.add_argument("--sample-out", default=None,
                   help="write the sample of conflicts on unaltered stories here (Markdown)")
    p.add_argument("--misses-out", default=None,
                   help="write the missed number and title injections here, with the facts the "
                        "analysis read at each site (Markdown), to see why they were missed")
    p.add_argument("--injections-out", default=None,
                   help="write every number injection here (JSON lines: the changed sentence "
                        "before and after, the other articles' sentences with the same words, "
                        "and whether it was found) for a reader to judge whether each is a real "
                        "disagreement (docs/injection_audit.md)")
    p.add_argument("--factor", default=f"{FACTOR[0]}-{FACTOR[1]}", metavar="LO-HI",
                   help="how far an injected figure is from the original, either way "
                        "(default %(default)s; outlets that differ on one figure are mostly "
                        "within 1.35 of each other: docs/benchmarks.md, issue-4 round 20)")
    args = p.parse_args(argv)
    try:
        lo, hi = (float(x) for x in args.factor.split("-"))
        if not 1.0 < lo <= hi:
            raise ValueError
    except ValueError:
        p.error(f"--factor must be LO-HI with 1 < LO <= HI, got {args.factor!r}")
    factor_range = (lo, hi)
    number_injector = functools.partial(inject_number, factor_range=factor_range)
    if not Path(args.data).is_file():
        p.error(f"no data file at {args.data!r} (run from the repository root, beside ../shared, "
                "or give --data)")
    mask = args.mask or args.data.replace(".jsonl.gz", ".cleansed_mask.jsonl.gz")
    rng = random.Random(args.seed)
    t = time.perf_counter()
    if nlp.available():
        nlp.tag(["Warm-up sentence for the tagger in Paris."])
    load_s = time.perf_counter() - t
    counts: Counter[str] = Counter()
    times: list[float] = []
    times5: list[float] = []
    words5: list[int] = []
    unaltered: list[tuple[Story, object]] = []
    misses: list[str] = []
    injections: list[dict[str, object]] = []
    stories = 0
    for story in load(args.data, mask, args.limit, args.skip):
        stories += 1
        arts = story.articles
        base, dt = run(arts)
        times.append(dt)
        if len(arts) == 5:
            times5.append(dt)
            words5.append(sum(len(a.text.split()) for a in arts))
        for c in base.conflicts:
            unaltered.append((story, c))
        for kind, inject in (("number", number_injector), ("title", inject_title),
                             ("date", inject_date)):
            got = inject(arts, rng)
            if got is None:
                continue
            altered, k, new = got
            result, _ = run(altered)
            counts[f"{kind}_injected"] += 1
            kinds = ("number", "date") if kind == "date" else (kind,)
            hit = _found(result, kinds, altered[k].id, new)
            counts[f"{kind}_found"] += hit
            if kind == "number" and args.injections_out:
                injections.append(_injection_record(story.id, arts, altered, k, new, hit))
            if not hit and args.misses_out and kind in ("number", "title"):
                misses.append(_explain_miss(story.id, kind, arts, altered, k, new, result))
        got = inject_name(arts, base, rng)
        if got is not None:
            altered, k, (old, new_full, core, new_core) = got
            result, _ = run(altered)
            counts["name_injected"] += 1
            detected, merged = _merged(result, core, new_core)
            counts["name_detected"] += detected
            counts["name_merged"] += merged
            counts["name_conflict"] += _found(result, ("name",), altered[k].id, new_core)
    report = {
        "stories": stories,
        "backend": nlp.backend(),
        "model_load_s": round(load_s, 2),
        "number_factor": list(factor_range),
        **{k: counts[k] for k in sorted(counts)},
        "conflicts_on_unaltered": len(unaltered),
        "conflicts_per_story": round(len(unaltered) / max(1, stories), 3),
        "ms_per_story_median": round(1000 * statistics.median(times), 1) if times else None,
        "ms_per_story_p90": round(1000 * sorted(times)[int(0.9 * (len(times) - 1))], 1)
        if times else None,
        "five_article_stories": len(times5),
        "ms_per_5_article_story_median": round(1000 * statistics.median(times5), 1)
        if times5 else None,
        "ms_per_5_article_story_p90": round(1000 * sorted(times5)[int(0.9 * (len(times5) - 1))], 1)
        if times5 else None,
        "words_per_5_article_story_median": statistics.median(words5) if words5 else None,
    }
    for kind in ("number", "title", "date"):
        if counts[f"{kind}_injected"]:
            report[f"{kind}_recall"] = round(counts[f"{kind}_found"] / counts[f"{kind}_injected"], 3)
    if counts["name_detected"]:
        report["name_merged_rate"] = round(counts["name_merged"] / counts["name_detected"], 3)
    print(json.dumps(report, indent=2))
    if args.injections_out:
        Path(args.injections_out).write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in injections), encoding="utf-8")
        print(f"wrote {len(injections)} number injections to {args.injections_out}",
              file=sys.stderr)
    if args.misses_out:
        Path(args.misses_out).write_text("\n".join(misses), encoding="utf-8")
        print(f"wrote {len(misses)} misses to {args.misses_out}", file=sys.stderr)
    if args.sample_out:
        sample = rng.sample(unaltered, min(args.sample, len(unaltered)))
        Path(args.sample_out).write_text(_sample_markdown(sample), encoding="utf-8")
        print(f"wrote {len(sample)} conflicts to {args.sample_out}", file=sys.stderr)
    return 0


def _changed_at(old_text: str, new_text: str) -> int:
    """Where an injection changed an article's text: the start of the changed figure."""
    at = next((i for i, (x, y) in enumerate(zip(old_text, new_text)) if x != y), 0)
    while at > 0 and (old_text[at - 1].isalnum() or old_text[at - 1] in ",."):
        at -= 1
    return at


def _injection_record(story: str, arts: list[Article], altered: list[Article], k: int, new: str,
                      found: bool) -> dict[str, object]:
    """A number injection as a reader judges it: the changed sentence before and after, and
    the sentences of the other articles that give the same figure and word."""
    at = _changed_at(arts[k].text, altered[k].text)
    site = _NUMBER_SITE.match(arts[k].text, at)
    words = site.group().lower() if site else ""
    before, after = sentences_of(arts), sentences_of(altered)

    def sentence_at(sents: list[Sentence], article: str, pos: int) -> str:
        return next((" ".join(s.text.split()) for s in sents
                     if s.article == article and s.start <= pos < s.end), "")

    others: list[dict[str, str]] = []
    for a in arts:
        if a.id == arts[k].id or not words:
            continue
        for m in _NUMBER_SITE.finditer(a.text):
            if m.group().lower() != words:
                continue
            text = sentence_at(before, a.id, m.start())
            if text and all(o["sentence"] != text for o in others):
                others.append({"article": a.id, "sentence": text})
    return {"story": story, "change": f"{site.group() if site else ''} -> {new}",
            "article": arts[k].id, "original_sentence": sentence_at(before, arts[k].id, at),
            "altered_sentence": sentence_at(after, arts[k].id, at), "others": others[:3],
            "found": found}


def _explain_miss(story: str, kind: str, arts: list[Article], altered: list[Article], k: int,
                  new: str, result: Analysis) -> str:
    """A missed injection as Markdown: the altered sentence, the other articles' sentences with
    the original words, the quantities (or titled mentions) read there, and what was reported."""
    from .analyse import conflicts as cmp
    from .analyse import facts

    old_text = arts[k].text
    at = _changed_at(old_text, altered[k].text)
    rx = _NUMBER_SITE if kind == "number" else _TITLE_SITE
    site = rx.match(old_text, at)
    words = site.group().lower() if site else old_text[at:at + 20].lower()
    sents = sentences_of(altered)
    out = [f"### {story} {kind}: '{words}' -> '{new}' in {altered[k].id}", ""]
    mine = [i for i, s in enumerate(sents) if s.article == altered[k].id and new.lower() in
            s.text.lower()]
    theirs = [i for i, s in enumerate(sents) if s.article != altered[k].id and words in
              s.text.lower()]
    for i in mine[:2] + theirs[:3]:
        out.append(f"- {sents[i].article}: {' '.join(sents[i].text.split())[:400]}")
    if kind == "number":
        qs = facts.quantities(altered, sents)
        a = [q for q in qs if q.sentence in mine[:2] and new in q.text]
        b = [q for q in qs if q.sentence in theirs[:3]
             and words.split()[0] in q.text.replace(" ", "")]
        for q in a + b:
            out.append(f"  - q {q.article} '{q.text}' unit={q.unit} noun={q.noun}/{q.noun_text} "
                       f"measure={q.measure} times={sorted(q.times)} since={q.since!r} "
                       f"lead={q.lead} prior={q.prior} qual={q.qualifier} total={q.total}")
        for x in a:
            for y in b:
                scope = cmp._same_subject(x, y, frozenset(), frozenset())
                rel = cmp._relation(x, y, scope) if scope else ""
                out.append(f"  - pair '{x.text}' / '{y.text}': scope={scope!r} rel={rel!r}")
        if not a:
            out.append("  - no quantity read at the altered site")
        if not b:
            out.append("  - no quantity read at the other articles' site")
    else:
        for e in result.entities:
            ms = [m for m in e.mentions if m.title is not None]
            if any(m.sentence in mine[:2] + theirs[:3] for m in ms):
                out.append(f"  - entity {e.name!r}: " + "; ".join(
                    f"{m.article} {m.title.text!r} {m.text!r}" for m in ms  # type: ignore[union-attr]
                    if m.sentence in mine[:2] + theirs[:3]))
    kinds = [f"{c.kind}:{c.subject}" for c in result.conflicts]
    out.append(f"  - reported: {kinds}")
    out.append("")
    return "\n".join(out)


def _sample_markdown(sample) -> str:  # type: ignore[no-untyped-def]
    out = ["| # | story | kind | subject | values (article: words) | judgement |",
           "|---|---|---|---|---|---|"]
    for i, (story, c) in enumerate(sample, 1):
        by_id = {a.id: a for a in story.articles}
        vals = []
        for v in c.values:
            s = v.sources[0]
            text = by_id[s.article].text
            lo = max(0, text.rfind(".", 0, s.start) + 1)
            hi = text.find(".", s.end)
            hi = len(text) if hi < 0 else hi + 1
            ctx = " ".join(text[lo:hi].split())[:300]
            vals.append(f"{s.article}: **{v.text}** — {ctx}")
        cell = "<br>".join(x.replace("|", "/") for x in vals)
        out.append(f"| {i} | {story.id} | {c.kind}{' (compatible)' if c.compatible else ''} | "
                   f"{c.subject.replace('|', '/')} | {cell} | |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
