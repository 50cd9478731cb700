"""Briefs as text, Markdown and JSON. Pure functions of a ``Brief``."""

from __future__ import annotations

import json
from collections.abc import Callable

from .model import Brief

FORMATS = ("text", "markdown", "json")


def labels(brief: Brief) -> dict[str, str]:
    """A short tag per article: its outlet ("CNN"), or its position ("#2") when no outlet is
    known; outlets carried by several articles are numbered ("CNN 2")."""
    out: dict[str, str] = {}
    seen: dict[str, int] = {}
    for a in brief.articles:
        base = a.label
        seen[base] = seen.get(base, 0) + 1
        out[a.id] = base if seen[base] == 1 else f"{base} {seen[base]}"
    return out


def _tags(brief: Brief, names: dict[str, str], i: int) -> str:
    s = brief.sentences[i]
    seen: list[str] = []
    for src in s.sources:
        if names[src.article] not in seen:
            seen.append(names[src.article])
    tag = ", ".join(seen)
    if s.support is not None:
        tag += f"; {s.support[0]} of {s.support[1]} outlets"
    return f"[{tag}]"


def _describe(brief: Brief, article_id: str) -> str:
    a = brief.article(article_id)
    bits = [x for x in (a.title and f'"{a.title}"', a.published, a.url or a.path) if x]
    return " ".join(bits) if bits else a.id


# Extra sections (the cross-source analysis adds "Where the sources differ") register here as
# (format -> function of the brief returning text, or "" for nothing to add).
SECTIONS: dict[str, list[Callable[[Brief], str]]] = {"text": [], "markdown": []}


# The analysis package is imported only for a brief that carries its results: importing it
# (rapidfuzz, the fact patterns) is about a tenth of a `--no-analysis` cold start.
def _differences_text(brief: Brief) -> str:
    if "conflicts" not in brief.extra:
        return ""
    from .analyse.render import differences_text

    return differences_text(brief)


def _differences_markdown(brief: Brief) -> str:
    if "conflicts" not in brief.extra:
        return ""
    from .analyse.render import differences_markdown

    return differences_markdown(brief)


SECTIONS["text"].append(_differences_text)
SECTIONS["markdown"].append(_differences_markdown)


def to_text(brief: Brief, *, explain: bool = False) -> str:
    names = labels(brief)
    lines = [f"{s.text} {_tags(brief, names, i)}" for i, s in enumerate(brief.sentences)]
    out = ["\n".join(lines) if lines else "(nothing to brief)", ""]
    out += [f"{brief.words} words from {len(brief.articles) - len(brief.set_aside)} of "
            f"{len(brief.articles)} articles.", "", "Sources:"]
    out += [f"  [{names[a.id]}] {_describe(brief, a.id)}" for a in brief.articles]
    if brief.set_aside:
        out += ["", "Set aside:"]
        out += [f"  [{names[x.article]}] {x.reason}" + (f" (score {x.score:g})"
                if x.score is not None else "") for x in brief.set_aside]
    if brief.notes:
        out += ["", "Notes:"] + [f"  {n}" for n in brief.notes]
    for section in SECTIONS["text"]:
        if text := section(brief):
            out += ["", text]
    if explain and brief.removed:
        out += ["", "Removed as boilerplate:"]
        out += [f"  [{names.get(r.article, r.article)}] {r.reason}: {_short(r.text)}"
                for r in brief.removed]
    return "\n".join(out).rstrip() + "\n"


def _short(text: str, n: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def escape_markdown(text: str) -> str:
    """Escape the characters Markdown would read as formatting in article text."""
    for c in "\\`*_[]<>#|":
        text = text.replace(c, "\\" + c)
    return text


def to_markdown(brief: Brief, *, explain: bool = False) -> str:
    names = labels(brief)
    sentences = [f"{escape_markdown(s.text)} *{escape_markdown(_tags(brief, names, i))}*"
                 for i, s in enumerate(brief.sentences)]
    body = [f"## Brief: {escape_markdown(brief.id)}", "",
            " ".join(sentences) or "(nothing to brief)", "",
            f"*{brief.words} words from {len(brief.articles) - len(brief.set_aside)} of "
            f"{len(brief.articles)} articles.*", "", "### Sources", ""]
    body += [f"- **{escape_markdown(names[a.id])}**: {escape_markdown(_describe(brief, a.id))}" for a in brief.articles]
    if brief.set_aside:
        body += ["", "### Set aside", ""]
        body += [f"- **{escape_markdown(names[x.article])}**: {escape_markdown(x.reason)}" for x in brief.set_aside]
    if brief.notes:
        body += ["", "### Notes", ""] + [f"- {escape_markdown(n)}" for n in brief.notes]
    for section in SECTIONS["markdown"]:
        if text := section(brief):
            body += ["", text]
    if explain and brief.removed:
        body += ["", "### Removed as boilerplate", ""]
        body += [f"- {escape_markdown(names.get(r.article, r.article))}, {r.reason}: {escape_markdown(_short(r.text))}"
                 for r in brief.removed]
    return "\n".join(body).rstrip() + "\n"


def to_json(brief: Brief, *, explain: bool = False, indent: int | None = 2) -> str:
    return json.dumps(brief.to_dict(explain=explain), ensure_ascii=False, indent=indent)


def render(brief: Brief, fmt: str = "text", *, explain: bool = False) -> str:
    if fmt == "text":
        return to_text(brief, explain=explain)
    if fmt == "markdown":
        return to_markdown(brief, explain=explain)
    if fmt == "json":
        return to_json(brief, explain=explain) + "\n"
    raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
