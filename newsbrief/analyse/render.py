"""The "Where the sources differ" section, as text and Markdown, from a brief's JSON fields.

Works from ``Brief.extra["conflicts"]`` (plain data), so a brief read back from JSON renders
the same way. Outlets are named with the same short tags as the brief's sentences.
"""

from __future__ import annotations

from typing import Any

from ..model import Brief

HEADING = "Where the sources differ"
_KIND_LABEL = {"number": "Figures", "title": "Title or rank", "name": "Name spelled",
               "date": "Date", "place": "Place", "account": "Accounts"}
# Longest quoted passage shown per value; the JSON keeps the full span.
QUOTE_CHARS = 160


def _labels(brief: Brief) -> dict[str, str]:
    from ..render import labels

    return labels(brief)


def _short(text: str, n: int = QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _outlets(value: dict[str, Any], brief: Brief, names: dict[str, str]) -> str:
    """Outlet tags of a value's sources, each with its article's publication date when known:
    a figure from an older article is often just older, not wrong."""
    seen: list[str] = []
    for s in value.get("sources", []):
        tag = names.get(s["article"], s["article"])
        try:
            published = brief.article(s["article"]).published
        except KeyError:
            published = None
        if published:
            tag += f" (published {published})"
        if tag not in seen:
            seen.append(tag)
    return "; ".join(seen)


def _shown(conflict: dict[str, Any], value: dict[str, Any]) -> str:
    sources = value.get("sources") or []
    if conflict.get("kind") in ("number", "date") and sources and sources[0].get("text"):
        return str(sources[0]["text"])
    return str(value["text"])


def _lines(brief: Brief) -> list[tuple[dict[str, Any], list[tuple[str, str]]]]:
    names = _labels(brief)
    out = []
    for c in brief.extra.get("conflicts") or []:
        # Figures and dates read better with the words around them, as the first source has
        # them ("More than 40,000 people ... have been killed"); names and titles alone.
        values = [(_short(_shown(c, v)), _outlets(v, brief, names)) for v in c["values"]]
        out.append((c, values))
    return out


def _note(conflict: dict[str, Any]) -> str:
    return " (compatible: worded differently)" if conflict.get("compatible") else ""


def differences_text(brief: Brief) -> str:
    """The section as plain text; "" when the analysis did not run on this brief."""
    if "conflicts" not in brief.extra:
        return ""
    rows = _lines(brief)
    out = [f"{HEADING}:"]
    if not rows:
        out.append("  No differences found between the sources on names, titles, figures or "
                   "dates.")
    for c, values in rows:
        label = _KIND_LABEL.get(c["kind"], c["kind"])
        out.append(f"  {label}: {c['subject']}{_note(c)}")
        for text, where in values:
            out.append(f"    - “{text}” [{where}]")
    if brief.extra.get("analysis", {}).get("backend") == "rules":
        out.append("  (spaCy is not installed: names were found by cues only; "
                   "pip install 'newsbrief[analysis]' for the full analysis.)")
    return "\n".join(out)


def differences_markdown(brief: Brief) -> str:
    """The section as Markdown; "" when the analysis did not run on this brief."""
    from ..render import escape_markdown  # late: newsbrief.render imports this module

    if "conflicts" not in brief.extra:
        return ""
    rows = _lines(brief)
    out = [f"### {HEADING}", ""]
    if not rows:
        out.append("No differences found between the sources on names, titles, figures or dates.")
    for c, values in rows:
        label = _KIND_LABEL.get(c["kind"], c["kind"])
        out.append(f"- **{label}: {escape_markdown(c['subject'])}**{escape_markdown(_note(c))}")
        for text, where in values:
            out.append(f"  - “{escape_markdown(text)}” *({escape_markdown(where)})*")
    if brief.extra.get("analysis", {}).get("backend") == "rules":
        out += ["", "*spaCy is not installed: names were found by cues only; "
                "`pip install 'newsbrief[analysis]'` for the full analysis.*"]
    return "\n".join(out)
