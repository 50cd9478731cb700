"""Turn what a user hands us (text, HTML, bytes, files, folders, URLs, Multi-News lines, JSONL
records) into ``Article`` objects. Nothing here judges content; that is the clean stage's job.
"""

from __future__ import annotations

import gzip
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from . import native
from .errors import InputError
from .model import Article

MULTI_NEWS_SEPARATOR = "|||||"
# News articles are a few thousand words; anything past this is a scrape gone wrong (a whole
# archive page, a log file). We keep the head so a 5 MB input still briefs in well under a second.
MAX_ARTICLE_CHARS = 200_000
# A story of hundreds of articles is an archive dump; beyond this we keep the first ones.
MAX_ARTICLES = 200
# Share of control characters (other than whitespace) above which bytes are not text.
_BINARY_CONTROL_SHARE = 0.02
_HTML_HINT = re.compile(r"<\s*(html|body|article|div|p|head|!doctype)\b", re.I)


@dataclass(frozen=True)
class Story:
    """A story as read: an id and its articles, before any stage has run."""

    id: str
    articles: tuple[Article, ...]


# ---------------------------------------------------------------------------------------------
# Bytes and strings


def decode(data: bytes, *, name: str = "input") -> str:
    """Decode bytes as UTF-8, else as the most likely encoding; refuse binary data."""
    if not data.strip():
        raise InputError(f"{name} is empty")
    sample = data[:65536]
    if b"\x00" in sample:
        raise InputError(f"{name} looks like binary data, not text or HTML")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise InputError(f"{name} could not be decoded as text") from None
        text = str(best)
    check_text(text, name=name)
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_SAMPLE = 65536  # characters of a text that ``check_text`` reads


def check_text(text: str, *, name: str = "input") -> None:
    """Refuse a string that is binary data in disguise (control characters, NULs): such text
    reaches us as decoded bytes, or directly as a JSON string from the API or a JSONL file."""
    sample = text[:_SAMPLE]
    kernels = native.KERNELS
    # A regex, or the same count compiled: a Python loop per character cost ~0.3 ms.
    control = (kernels.count_control(sample, _SAMPLE) if kernels is not None
               else len(_CONTROL.findall(sample)))
    if "\x00" in sample or control > _BINARY_CONTROL_SHARE * len(sample):
        raise InputError(f"{name} looks like binary data, not text or HTML")


def looks_like_html(text: str) -> bool:
    return bool(_HTML_HINT.search(text[:5000]))


def html_to_article(html: str, *, id: str, index: int, url: str | None = None,
                    path: str | None = None) -> Article:
    """Main text and metadata of an HTML page, via trafilatura."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True,
    )
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not text.strip():
        where = url or path or id
        raise InputError(f"{where}: no article text found in the HTML")
    return Article(
        id=id, index=index, text=text, raw=text, path=path, url=url,
        outlet=getattr(doc, "sitename", None) or _outlet_from_url(url),
        author=getattr(doc, "author", None),
        title=getattr(doc, "title", None),
        published=getattr(doc, "date", None),
    )


def text_to_article(text: str, *, id: str, index: int, path: str | None = None,
                    url: str | None = None, **meta: Any) -> Article:
    """An article from text or HTML, detected by content."""
    check_text(text, name=path or url or f"article {index}")
    if looks_like_html(text):
        art = html_to_article(text, id=id, index=index, url=url, path=path)
        return replace(art, **{k: v for k, v in meta.items() if v})
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Article(id=id, index=index, text=text, raw=text, path=path, url=url,
                   outlet=meta.get("outlet") or _outlet_from_url(url),
                   author=meta.get("author"), title=meta.get("title"),
                   published=meta.get("published"))


def _outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlparse(url).hostname or "").lower()
    for prefix in ("www.", "m.", "amp.", "edition.", "mobile."):
        if host.startswith(prefix):
            host = host[len(prefix):]
    return host or None


def _cap(article: Article) -> Article:
    if len(article.text) <= MAX_ARTICLE_CHARS:
        return article
    cut = article.text.rfind("\n", 0, MAX_ARTICLE_CHARS)
    cut = cut if cut > MAX_ARTICLE_CHARS // 2 else MAX_ARTICLE_CHARS
    text = article.text[:cut]
    return replace(article, text=text, raw=text)


def split_multi_news(line: str) -> list[str]:
    """The documents of a Multi-News source line (``|||||``-separated), blanks kept in place."""
    return [d.strip() for d in line.split(MULTI_NEWS_SEPARATOR)]


# ---------------------------------------------------------------------------------------------
# Stories from records


def unique_ids(articles: list[Article]) -> tuple[Article, ...]:
    """Repeated ids become ``id-2``, ``id-3``...: the brief refers to articles by id, and
    articles fetched from one site all take its host as id. A suffix never collides with an
    id given as such ("a", "a-2", "a" -> "a", "a-2", "a-3")."""
    used = {a.id for a in articles}
    seen: set[str] = set()
    out = []
    for a in articles:
        new, n = a.id, 1
        while new in seen or (new != a.id and new in used):
            n += 1
            new = f"{a.id}-{n}"
        seen.add(new)
        out.append(a if new == a.id else replace(a, id=new))
    return tuple(out)


def story_from_documents(story_id: str, documents: Iterable[str]) -> Story:
    """A story from plain document strings (Multi-News style). Blank documents are skipped."""
    articles = []
    for i, doc in enumerate(documents):
        if not isinstance(doc, str):
            raise InputError(f"story {story_id}: document {i} is not a string")
        if doc.strip():
            articles.append(_cap(text_to_article(doc, id=f"d{i}", index=i)))
    if not articles:
        raise InputError(f"story {story_id}: every document is empty")
    return Story(story_id, unique_ids(articles[:MAX_ARTICLES]))


def story_from_record(record: Any, *, default_id: str, allow_private: bool = False) -> Story:
    """A story from one JSONL object: ``{"id", "documents": [...]}`` or
    ``{"id", "articles": [{"text"|"html"|"url", "source"?, "title"?, "published"?}]}``."""
    if not isinstance(record, dict):
        raise InputError("expected a JSON object with 'documents' or 'articles'")
    story_id = str(record.get("id") or default_id)
    if isinstance(record.get("documents"), list):
        return story_from_documents(story_id, record["documents"])
    if isinstance(record.get("document"), str):  # the Multi-News source line itself
        return story_from_documents(story_id, split_multi_news(record["document"]))
    items = record.get("articles")
    if not isinstance(items, list) or not items:
        raise InputError(f"story {story_id}: needs a non-empty 'documents' or 'articles' list")
    articles = []
    for i, item in enumerate(items):
        articles.append(_cap(article_from_item(item, index=i, allow_private=allow_private)))
    return Story(story_id, unique_ids(articles[:MAX_ARTICLES]))


def article_from_item(item: Any, *, index: int, allow_private: bool = False) -> Article:
    """One ``{"text"|"html"|"url", "source"?, "title"?, "published"?}`` object."""
    if isinstance(item, str):
        item = {"text": item}
    if not isinstance(item, dict):
        raise InputError(f"article {index}: expected an object with 'text', 'html' or 'url'")
    meta = {"outlet": item.get("source"), "title": item.get("title"),
            "published": item.get("published")}
    aid = str(item.get("id") or f"a{index}")
    if isinstance(item.get("url"), str) and not (item.get("text") or item.get("html")):
        art = article_from_url(item["url"], index=index, allow_private=allow_private)
        return replace(art, id=str(item.get("id") or art.id),
                       **{k: v for k, v in meta.items() if v})
    body = item.get("html") if item.get("html") is not None else item.get("text")
    if not isinstance(body, str) or not body.strip():
        raise InputError(f"article {index}: 'text', 'html' or 'url' must be a non-empty string")
    if item.get("html") is not None:
        art = html_to_article(body, id=aid, index=index, url=item.get("url"))
        return replace(art, **{k: v for k, v in meta.items() if v})
    return text_to_article(body, id=aid, index=index, url=item.get("url"), **meta)


def article_from_url(url: str, *, index: int, allow_private: bool = False) -> Article:
    from .fetch import fetch_url

    page = fetch_url(url, allow_private=allow_private)
    host = _outlet_from_url(page.url) or "url"
    return text_to_article(page.text, id=host, index=index, url=page.url)


# ---------------------------------------------------------------------------------------------
# Files, folders, stdin, JSONL


def is_url(arg: str) -> bool:
    return arg.startswith(("http://", "https://"))


def _read_file(path: Path) -> str:
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as e:
        raise InputError(f"{path}: cannot be read ({e.strerror or e})") from None
    if path.suffix == ".gz":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as e:
            raise InputError(f"{path}: not a valid gzip file ({e})") from None
    return decode(data, name=str(path))


def articles_from_text(text: str, *, name: str, index: int, path: str | None = None) -> list[Article]:
    """One article, or several when the text is a Multi-News ``|||||`` line."""
    if MULTI_NEWS_SEPARATOR in text:
        docs = [d for d in split_multi_news(text) if d]
        if not docs:
            raise InputError(f"{name}: every document is empty")
        return [_cap(text_to_article(d, id=f"d{i}", index=index + i, path=path))
                for i, d in enumerate(docs)]
    stem = Path(path).stem if path else name
    return [_cap(text_to_article(text, id=stem, index=index, path=path))]


def _folder_files(folder: Path) -> list[Path]:
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    if not files:
        raise InputError(f"{folder}: the folder has no files")
    return files


def read_inputs(args: list[str], *, stdin: io.TextIOBase | None = None,
                allow_private: bool = False) -> Story:
    """Every article named on a command line: files, folders (files in name order), URLs, and
    ``-`` for standard input. The story id is the folder or file name when there is one input."""
    if not args:
        raise InputError("no input given: name files, a folder, URLs, or - for standard input")
    articles: list[Article] = []
    for arg in args:
        index = len(articles)
        if arg == "-":
            if stdin is None:
                raise InputError("standard input is not available")
            data = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read().encode()
            articles += articles_from_text(decode(data, name="standard input"),
                                           name="stdin", index=index)
        elif is_url(arg):
            articles.append(_cap(article_from_url(arg, index=index, allow_private=allow_private)))
        else:
            path = Path(arg)
            if not path.exists():
                raise InputError(f"{arg}: no such file or folder")
            files = _folder_files(path) if path.is_dir() else [path]
            for f in files:
                articles += articles_from_text(_read_file(f), name=f.name,
                                               index=len(articles), path=str(f))
    story_id = _story_id(args)
    return Story(story_id, unique_ids(articles[:MAX_ARTICLES]))


def _story_id(args: list[str]) -> str:
    if len(args) == 1 and args[0] != "-" and not is_url(args[0]):
        return Path(args[0].rstrip("/")).stem or "story"
    return "story"


def iter_jsonl(path: str) -> Iterator[tuple[int, Any | InputError]]:
    """(line number, parsed object or the error for that line) for each non-blank line of a
    JSONL file, plain or gzipped; ``-`` reads standard input."""
    import sys

    if path == "-":
        stream: Iterable[str] = sys.stdin
    else:
        p = Path(path)
        if not p.exists():
            raise InputError(f"{path}: no such file")
        if p.is_dir():
            raise InputError(f"{path}: is a directory, expected a JSONL file")
        opener = gzip.open if p.suffix == ".gz" else open
        try:
            stream = opener(p, "rt", encoding="utf-8", errors="replace")  # type: ignore[operator]
        except OSError as e:
            raise InputError(f"{path}: cannot be read ({e})") from None
    try:
        for n, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                yield n, json.loads(line)
            except json.JSONDecodeError as e:
                yield n, InputError(f"line {n}: not valid JSON ({e.msg})")
    except (OSError, EOFError) as e:
        raise InputError(f"{path}: read failed ({e})") from None
