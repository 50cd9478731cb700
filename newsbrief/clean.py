"""Take web boilerplate out of article text and turn bylines and outlet cues into metadata.

Works on text, so it serves HTML input (after trafilatura), scraped text files and Multi-News
documents alike. Removal is line by line, plus a few sentence patterns inside long lines
(Multi-News documents are one line each). Everything removed is returned as ``Removed`` data
with its offsets into the raw text and the rule that took it, so ``--explain`` can show it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Article, Removed
from .text import may_contain_folded

# A line this short without closing punctuation is a heading, caption, menu item or link text,
# not a sentence of the story. 14 words keeps real sentences that lost their final period
# ("But Gen Shalal said defecting was becoming increasingly difficult ...", 16 words).
HEADING_MAX_WORDS = 14
# Bulleted "story highlights" up to this length restate (or advertise) other stories.
BULLET_MAX_WORDS = 30
# Tail markers ("Related stories", "Part of complete coverage") only cut the rest of the article
# when they appear in its second half, so a mid-article mention does not eat the story.
TAIL_MIN_SHARE = 0.4
# Whole-line rules are for short lines (menus, prompts, captions). A longer line is a paragraph
# (a Multi-News document is one line): a keyword inside it removes only its sentence, below.
LINE_RULE_MAX_CHARS = 300
# Except a line that *opens* like a photo caption ("View Photo Gallery — In this image made
# from video ..."): captions run to a few hundred characters, and only the opening is matched,
# so a longer line is still taken whole up to this length.
CAPTION_MAX_CHARS = 1000

_ENDS_SENTENCE = re.compile(r"[.!?…:][\"'”’)\]]*\s*$")

# (reason, pattern) for whole lines. Patterns are matched against the stripped line.
_LINE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, re.I))
    for reason, pattern in (
        ("navigation", r"^(skip to (main )?content|skip navigation|jump to (navigation|content)|"
                       r"main menu|menu|search|home|close|toggle navigation|back to top)\W*$"),
        ("advertisement", r"^(advertisement|advertising|sponsored( content)?|ad|"
                          r"story continues below( advertisement)?|continue reading( below)?)\W*$"),
        ("share prompt", r"^(share( this( article| story)?)?|tweet|email|print|facebook|twitter|"
                         r"linkedin|whatsapp|pinterest|reddit|comments?|share on \w+|"
                         r"\d+\s+comments?)\W*$"),
        ("subscription prompt",
         r"(only subscribers|please (subscribe|log ?in|sign ?in)|subscribe (now|today|to)|"
         r"sign up for|reset (your|a) password|already a subscriber|create an account|"
         r"newsletter|log ?in or register|to continue reading|for digital access|"
         r"support (our|independent) journalism)"),
        ("comment prompt", r"^(post a comment|leave a comment|join the (conversation|discussion)|"
                           r"comments are (closed|moderated)|show comments|view comments)"),
        ("read-more link", r"^(read more|more|related|see also|also read|read|watch|listen|"
                           r"recommended|most (read|popular))\s*[:|>»-]"),
        ("photo caption", r"^(in this (photo|image|file photo|undated photo|handout)|"
                          r"(view )?photo gallery|click through|photos?:|image:|picture:|"
                          r"caption:|credit:|\(photo:|file photo)"),
        ("photo caption", r"(\b(AP|Getty Images|Reuters|AFP|EPA)\s*(Photo)?/[A-Z][\w. ]+$|"
                          r"credit:\s*\S+$|\(photo[^)]*\)$)"),
        ("gallery text", r"^(gallery|graphic|timeline|slideshow|interactive|video|photos|"
                         r"\d+ photos?|\d+)\W*$"),
        ("archive notice", r"(originally (published|appeared|posted) on|archive blog posts|"
                           r"may be missing photos|this (article|story) (was|has been) "
                           r"(updated|corrected))"),
        ("credit line", r"(contributed to this report\.?$|contributed reporting\.?$|"
                        r"^(additional )?reporting by\b|^editing by\b|^writing by\b|"
                        r"^copyright \d{4}|all rights reserved|^©)"),
        ("datelined link", r"^(updated|posted|published)\s+\d{1,2}:\d{2}\s*[ap]\.?m\.?\b.{0,40}"
                           r"\d{4}\W*$"),
        ("cookie notice", r"(we use cookies|cookie policy|privacy policy|terms of (use|service))"),
    )
)

_CAPTION_OPENING = re.compile(
    r"(view photo gallery|click through to see|in this (photo|image|file photo|undated photo|"
    r"handout photo)\b.{0,60}?\b(provided|made|taken|released|distributed|shows?)\b)",
    re.I,
)

_TAIL_MARKERS = re.compile(
    r"^(part of complete coverage( on)?|related (stories|articles|coverage|content)|"
    r"more (stories|from|on this story)|you (may|might) also like|most (popular|read)|"
    r"recommended (stories|for you)|trending( now)?|around the web|from our partners)\b",
    re.I,
)

# Phrases that mark a sentence inside a long line as boilerplate (Multi-News documents are a
# single line each). The whole sentence around a match is removed. Matched as keywords, then
# widened to the sentence, because a "[^.]*keyword" pattern is quadratic on long lines.
_SENTENCE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, re.I))
    for reason, pattern in (
        ("subscription prompt",
         r"\b(breaking news emails|get breaking news alerts|sign up for (our|the)\b|"
         r"subscribe to (our|the)\b|delivered (to your inbox|weekday mornings)|"
         r"only subscribers are eligible|reset your password|the news and stories that matter)"),
        ("cookie notice", r"\b(we use cookies|by (continuing to )?us(e|ing) (this|our) "
                          r"(site|website)|cookie policy)"),
        ("share prompt", r"\b(share (this|on) (article|facebook|twitter)|"
                         r"click (here|to share)|follow us on)\b"),
        ("archive notice", r"\b(this (article|post) was originally|may be missing photos, "
                           r"graphics or links)"),
    )
)
_STOP = re.compile(r"[.!?]")
# Every phrase a sentence rule can match contains one of these (lowercase, spaces as in the
# patterns). Four case-insensitive scans of every line cost more than the rest of cleaning;
# a substring test of the lowered line rules most lines out first.
_SENTENCE_RULE_KEYS = (
    "breaking news", "sign up for ", "subscribe to ", "delivered ",
    "only subscribers are eligible", "reset your password", "the news and stories that matter",
    "we use cookies", "by us", "by continuing to us", "cookie policy",
    "share this ", "share on ", "click here", "click to share", "follow us on",
    "was originally", "may be missing photos, graphics or links",
)

# Bylines and outlet cues, turned into metadata.
_BYLINE = re.compile(
    r"^by\s+(?P<author>[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|de|van|von|al|el|bin))*?)"
    r"(?:\s*(?:,|\||-|–|—)\s*(?P<rest>.*))?$",
    re.I,
)
_OUTLET_DATELINE = re.compile(r"^\((?P<outlet>[A-Z][A-Za-z.&' ]{1,30})\)\s*(--|—|–|-)\s*")
_PLACE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ -]{2,30}(?:,\s*[A-Z][A-Za-z.]+)?)\s*(?:\([A-Za-z]+\)\s*)?(--|—|–|-)\s+"
)
_SIGNOFF = re.compile(r"^(--|—|–)\s*(?P<author>[A-Z][\w.'’ -]{2,60}?)(\s+in\s+[A-Z][\w ]+)?$")
_DATE_LINE = re.compile(
    r"^(updated|posted|published|last updated)?:?\s*(?P<date>("
    r"\d{1,2}:\d{2}\s*[AP]\.?M\.?.{0,50}\d{4}|"
    r"(mon|tue|wed|thu|fri|sat|sun)\w*,?\s+\w+\s+\d{1,2},?\s+(\d{4}|\d{1,2}:\d{2}).{0,20}|"
    r"\w+\s+\d{1,2},\s+\d{4}(,?\s+\d{1,2}:\d{2}\s*[ap]\.?m\.?)?.{0,10}))$",
    re.I,
)
_CONTRIBUTOR_OUTLET = re.compile(r"^(?P<outlet>[A-Z][A-Za-z]{1,12})['’]s\s+[A-Z].*contributed")
_SELF_REFERENCE = re.compile(
    r"\bthe (?P<outlet>[A-Z][A-Za-z]{1,12})['’]s\s+(?:[\w-]+\s+){0,3}(correspondent|reporter|editor)"
)
_GLUED_LABEL = re.compile(r"^[a-z]{5,}(?=[A-Z][a-z])")
_BULLET = re.compile(r"^\s*[•·▪►*-]\s+")
_DOUBLED = re.compile(r"^(?P<p>.{8,}?)\s+(?P=p)$")


@dataclass(frozen=True)
class Cleaned:
    article: Article
    removed: tuple[Removed, ...]


def _norm(line: str) -> str:
    return re.sub(r"\W+", " ", line.lower()).strip()


def _line_rule(line: str) -> str | None:
    if len(line) > CAPTION_MAX_CHARS:
        return None
    if len(line) > LINE_RULE_MAX_CHARS:
        return "photo caption" if _CAPTION_OPENING.match(line) else None
    for reason, pattern in _LINE_RULES:
        if pattern.search(line):
            return reason
    return None


def _is_heading(line: str) -> bool:
    return not _more_words_than(line, HEADING_MAX_WORDS) and not _ENDS_SENTENCE.search(line)


def _more_words_than(text: str, n: int) -> bool:
    """``len(text.split()) > n`` without splitting all of a long paragraph."""
    return len(text.split(None, n)) > n


def _is_doubled(line: str) -> bool:
    """A line that is one phrase of 8 or more characters twice ("Photo gallery Photo gallery").
    A match starts its second copy at index 9 or later with the line's first 8 characters, so
    a substring search rules out almost every line before the backtracking regex runs."""
    return line.find(line[:8], 9) >= 0 and _DOUBLED.match(line) is not None


def clean(article: Article) -> Cleaned:
    """The article with boilerplate removed and metadata found in its text."""
    raw = article.raw or article.text
    meta: dict[str, str | None] = {}
    removed: list[Removed] = []
    kept: list[tuple[int, str]] = []  # (raw offset of the kept text, kept text)
    # Most scraped texts that reach here as plain text are one paragraph (every Multi-News
    # document): no line scan for them.
    lines = ([(0, raw)] if raw and "\n" not in raw
             else [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", raw)])
    seen: set[str] = set()
    first_text = True
    prev_reason: str | None = None

    def take_metadata(line: str) -> str | None:
        """Record a byline's or dateline's fields; the removal reason, or None."""
        found = _metadata_line(line)
        if not found:
            return None
        for k, v in found.items():
            meta.setdefault(k, v)
        return "byline" if "author" in found else "dateline"

    def drop(start: int, text: str, reason: str) -> None:
        removed.append(Removed(article.id, start, start + len(text), text, reason))

    for n, (start, line) in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        s0 = start + lead

        if _TAIL_MARKERS.search(stripped) and start >= TAIL_MIN_SHARE * len(raw):
            drop(s0, raw[s0:].rstrip(), "related-stories list")
            break

        # Bylines and datelines above the story are read before any rule can eat them;
        # further down, only lines no rule claimed are tried.
        reason = take_metadata(stripped) if first_text else None
        if reason is None:
            reason = _line_rule(stripped)
        if reason is None and prev_reason == "gallery text" and not _more_words_than(stripped, 30):
            reason = "gallery text"  # the teaser under a "Gallery" / "Timeline" label
        if (reason is None and _BULLET.match(line)
                and not _more_words_than(stripped, BULLET_MAX_WORDS)):
            reason = "highlights list"
        if reason is None:
            # The normalised key is only needed to compare with lines before or after this
            # one: a one-line article (every Multi-News document) never builds it.
            key = _norm(stripped) if seen or n + 1 < len(lines) else None
            if key and key in seen and len(key) > 3:
                reason = "repeated line"
            elif _is_doubled(stripped):
                reason = "repeated line"
            if key is not None:
                seen.add(key)
        if reason is None and not first_text:
            reason = take_metadata(stripped)
        if reason is None and _is_heading(stripped):
            if first_text and "title" not in meta and len(stripped.split()) >= 3:
                meta["title"] = re.sub(r"^(video|photos?|watch):\s*", "", stripped, flags=re.I)
                reason = "title"
            else:
                reason = "heading or link text"
        prev_reason = reason
        if reason is not None:
            drop(s0, stripped, reason)
            continue
        first_text = False

        # Inside a kept line: outlet datelines, glued image labels, boilerplate sentences.
        text, offset = stripped, s0
        if m := _OUTLET_DATELINE.match(text):
            meta.setdefault("outlet", m.group("outlet").strip())
            drop(offset, m.group(), "dateline")
            text, offset = text[m.end():], offset + m.end()
        elif m := _PLACE_DATELINE.match(text):
            drop(offset, m.group(), "dateline")
            text, offset = text[m.end():], offset + m.end()
        if m := _GLUED_LABEL.match(text):
            drop(offset, m.group(), "image label")
            text, offset = text[m.end():], offset + m.end()
        if m := _CONTRIBUTOR_OUTLET.match(text):
            meta.setdefault("outlet", m.group("outlet"))
        text, offset = _drop_sentences(text, offset, drop)
        if text.strip():
            kept.append((offset, text))

    body = _join(kept)
    outlet = article.outlet or meta.get("outlet") or _self_reference(body)
    # Every field named (``test_clean`` holds this to ``dataclasses.replace``, which walks
    # the fields on each call: about 10 us an article in ``eval``).
    cleaned = Article(
        article.id,
        article.index,
        text=body,
        raw=raw,
        path=article.path,
        url=article.url,
        outlet=outlet,
        author=article.author or meta.get("author"),
        title=article.title or meta.get("title"),
        published=article.published or meta.get("published"),
    )
    return Cleaned(cleaned, tuple(sorted(removed, key=lambda r: r.start)) if removed else ())


def _drop_sentences(text: str, offset: int, drop) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    """Remove boilerplate sentences from within a line; returns the text left and its offset
    (the offset of the first kept character, so spans stay honest for a leading removal)."""
    if len(text) < 40 or not _may_have_rule_sentence(text):
        return text, offset
    cuts: list[tuple[int, int, str]] = []
    for reason, pattern in _SENTENCE_RULES:
        for m in pattern.finditer(text):
            begin = max(text.rfind(c, 0, m.start()) for c in ".!?") + 1
            stop = _STOP.search(text, m.end())
            cuts.append((begin, stop.end() if stop else len(text), reason))
    if not cuts:
        return text, offset
    cuts.sort()
    pieces, pos = [], 0
    for s, e, reason in cuts:
        if s < pos:
            continue
        pieces.append(text[pos:s])
        drop(offset + s, text[s:e].strip(), reason)
        pos = e
    pieces.append(text[pos:])
    out = re.sub(r"\s{2,}", " ", "".join(pieces)).strip()
    return out, offset


def _may_have_rule_sentence(text: str) -> bool:
    """False only when no ``_SENTENCE_RULES`` pattern can match in ``text``."""
    return may_contain_folded(text, _SENTENCE_RULE_KEYS)


def _join(kept: list[tuple[int, str]]) -> str:
    """Kept lines, one paragraph per line; a line broken mid-sentence (no closing punctuation,
    next line starts in lower case) is joined back to its continuation."""
    out: list[str] = []
    for _, text in kept:
        if out and not _ENDS_SENTENCE.search(out[-1]) and text[:1].islower():
            out[-1] = out[-1] + " " + text
        else:
            out.append(text)
    return "\n".join(out)


def _metadata_line(line: str) -> dict[str, str] | None:
    """Author, outlet and date from a byline or dateline, or None if the line is neither."""
    if _more_words_than(line, 16):
        return None
    if m := _SIGNOFF.match(line):
        return {"author": m.group("author").strip()}
    if m := _BYLINE.match(line):
        found = {"author": m.group("author").strip()}
        rest = (m.group("rest") or "").strip()
        if rest:
            if _DATE_LINE.match(rest):
                found["published"] = _DATE_LINE.match(rest).group("date").strip()  # type: ignore[union-attr]
            elif len(rest.split()) <= 4 and rest[:1].isupper():
                found["outlet"] = rest.split(",")[0].strip()
        return found
    if m := _DATE_LINE.match(line):
        return {"published": m.group("date").strip()}
    return None


def _self_reference(body: str) -> str | None:
    """An outlet that names itself as the employer of a correspondent ("the BBC's Middle East
    correspondent ... our correspondent adds"), only when the text also says "our"."""
    # The pattern is case-sensitive and ends in one of three words: most bodies name none.
    if not any(w in body for w in ("correspondent", "reporter", "editor")):
        return None
    m = _SELF_REFERENCE.search(body)
    if m and re.search(r"\bour (correspondent|reporter)\b", body, re.I):
        return m.group("outlet")
    return None
