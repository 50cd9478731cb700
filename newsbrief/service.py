"""``newsbrief serve``: the HTTP API (``POST /v1/briefs``, ``GET /v1/health``) and the web page.

A thin front end: it translates a JSON request into ``Article`` objects with the core's ingest
helpers, calls ``summarize``, and translates the ``Brief`` (or the core's ``InputError``) back.
It holds no summarization logic of its own. What it does own is the hardening a server needs
and a library does not: size limits checked before anything is parsed, CPU work kept off the
event loop, a bounded queue so overload turns into a quick 503 instead of a growing backlog, and
the rule that nothing a client sends produces a 500.

Settings come from ``Settings`` or ``NEWSBRIEF_*`` environment variables (``Settings.from_env``).

Where briefs are computed: with ``workers=1`` in the server process, one at a time, in a thread
so the event loop stays free. With ``workers=N`` the one HTTP process feeds a pool of N processes
from a single queue. We do not use uvicorn's own multi-process mode for this: there, each
keep-alive connection belongs to one process for its whole life, so 16 clients split 10/6 and the
busier process sets the tail latency; a shared queue hands every brief to the next free process.
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
import threading
from collections.abc import Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request

from .errors import FetchError, InputError

log = logging.getLogger("newsbrief.service")

STATIC_DIR = Path(__file__).parent / "static"
MB = 1024 * 1024

# A control character (other than whitespace) in more than this share of an article's text
# means the client sent bytes, not prose; briefing it would only produce nonsense.
_BINARY_CONTROL_SHARE = 0.02

# The page is plain HTML/JS/CSS served from this app; nothing else may run or load. This is a
# second line of defence: the page itself never puts article text into HTML (textContent only).
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'"
)


# ---------------------------------------------------------------------------------------------
# Settings


@dataclass(frozen=True)
class Settings:
    """Server settings. Every field can be set with ``NEWSBRIEF_<FIELD NAME IN CAPITALS>``."""

    host: str = "127.0.0.1"
    port: int = 8000
    # Processes that compute briefs (see the module docstring).
    workers: int = 1
    # Limits on what one request may carry; over them the answer is 413.
    max_body_bytes: int = 10 * MB
    max_article_bytes: int = 2 * MB
    max_articles: int = 100
    # URLs per request: each fetch may take up to the fetcher's timeout (about 10-20 s).
    max_urls: int = 20
    max_words: int = 2000
    # Requests admitted at once per process (running plus waiting); beyond it a request gets 503
    # with Retry-After at once, so a burst cannot build an unbounded backlog.
    max_queue: int = 64
    # Concurrent ingest threads: URL fetches wait on the network, not the CPU.
    fetch_threads: int = 16
    # URLs of one request fetched at once.
    fetches_per_request: int = 8
    # Fetch URLs on private, loopback and link-local addresses (never on a public server).
    allow_private: bool = False
    # Brief a tiny story at start-up so the first real request does not pay for lazy loading.
    warmup: bool = True

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from ``NEWSBRIEF_*`` variables; ``overrides`` (e.g. CLI options) win.
        Raises ``InputError`` naming the variable when a value cannot be read."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            name = "NEWSBRIEF_" + f.name.upper()
            raw = env.get(name)
            if raw is None or raw.strip() == "":
                continue
            values[f.name] = _parse_setting(name, raw.strip(), f.type)
        values.update({k: v for k, v in overrides.items() if v is not None})
        settings = cls(**values)
        settings.check()
        return settings

    def check(self) -> None:
        if not 0 <= self.port <= 65535:
            raise InputError(f"setting port must be 0-65535, got {self.port}")
        if self.max_queue < 0:
            raise InputError(f"setting max_queue must be 0 or more, got {self.max_queue}")
        for name in ("workers", "max_body_bytes", "max_article_bytes", "max_articles",
                     "max_urls", "max_words", "fetch_threads", "fetches_per_request"):
            if getattr(self, name) < 1:
                raise InputError(f"setting {name} must be at least 1, got {getattr(self, name)}")


def _parse_setting(name: str, raw: str, type_name: Any) -> Any:
    kind = str(type_name)
    if kind == "bool":
        low = raw.lower()
        if low in ("1", "true", "yes", "on"):
            return True
        if low in ("0", "false", "no", "off"):
            return False
        raise InputError(f"{name}={raw!r}: expected true or false")
    if kind == "int":
        try:
            return int(raw.replace("_", ""))
        except ValueError:
            raise InputError(f"{name}={raw!r}: expected a whole number") from None
    return raw


# ---------------------------------------------------------------------------------------------
# Request schema (also what /openapi.json and /docs show)

_ARTICLE_FIELDS = ("text", "html", "url")


class ArticleIn(BaseModel):
    """One article: one of ``text``, ``html`` or ``url``, plus optional metadata."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(None, description="Plain text of the article.")
    html: str | None = Field(None, description="The article's HTML page.")
    url: str | None = Field(None, max_length=2048,
                            description="Fetched by the server (public addresses only). Used "
                                        "as the article's address when text or html is given.")
    source: str | None = Field(None, max_length=200, description="Outlet name, e.g. CNN.")
    title: str | None = Field(None, max_length=2000)
    published: str | None = Field(None, max_length=100)
    id: str | None = Field(None, max_length=200, description="Your id for the article.")


class BriefRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    articles: list[ArticleIn] = Field(..., description="The story's articles (at least one).")
    words: int = Field(250, ge=1, strict=True, description="Word budget of the brief.")
    format: Literal["json", "markdown", "text"] = "json"
    include_text: bool = Field(
        False, strict=True,
        description="JSON only: add each article's cleaned text, so a viewer can highlight the "
                    "source spans by their offsets.")
    explain: bool = Field(False, strict=True,
                          description="JSON only: add the boilerplate that was removed.")
    analysis: bool = Field(
        True, strict=True,
        description="Run the cross-source analysis (entities, \"conflicts\": where the sources "
                    "differ, per-sentence support). It is most of the time a brief takes; "
                    "false skips it.")
    include_markdown: bool = Field(
        False, strict=True,
        description="JSON only: add \"markdown\", the same brief rendered as Markdown.")
    rerank: bool = Field(
        True, strict=True,
        description="Choose among whole candidate summaries with the shipped reranker (the "
                    "default: closer to an editor's summary); false keeps the greedy "
                    "sentence-by-sentence choice (faster, 0.36 ROUGE-1 lower on "
                    "validation).")


# ---------------------------------------------------------------------------------------------
# Errors


def _error(status: int, message: str, **extra: Any):
    from starlette.responses import JSONResponse

    headers = extra.pop("headers", None)
    return JSONResponse({"error": message, "status": status, **extra}, status_code=status,
                        headers=headers)


class ClientError(Exception):
    """A request the client must change; ``status`` is 4xx."""

    def __init__(self, status: int, message: str,
                 errors: list[dict[str, str]] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors


def _describe_validation(errors: list[Any]) -> tuple[int, str, list[dict[str, str]]]:
    """(status, one-line message, per-field list) for pydantic validation errors."""
    for e in errors:
        if e.get("type") == "json_invalid":
            why = (e.get("ctx") or {}).get("error")
            return 400, f"the body is not valid JSON{': ' + str(why) if why else ''}", []
    items = []
    for e in errors:
        loc = [str(p) for p in e.get("loc", ()) if p != "body"]
        if not loc:
            return 422, ("the body must be a JSON object such as "
                         '{"articles": [{"text": "..."}]}'), []
        items.append({"field": ".".join(loc), "message": str(e.get("msg", "invalid"))})
    if not items:
        return 422, "the request is not valid", items
    first = items[0]
    more = f" (and {len(items) - 1} more)" if len(items) > 1 else ""
    return 422, f"{first['field']}: {first['message']}{more}", items


# ---------------------------------------------------------------------------------------------
# The work of one request (runs in worker threads)


def _parse(body: bytes) -> BriefRequest:
    from pydantic import ValidationError

    if not body.strip():
        raise ClientError(400, "the body is empty: send a JSON object such as "
                               '{"articles": [{"text": "..."}]}')
    try:
        return BriefRequest.model_validate_json(body)
    except ValidationError as e:
        status, message, items = _describe_validation(e.errors(include_url=False))
        raise ClientError(status, message, items) from None


def _check_limits(req: Any, settings: Settings) -> None:
    n = len(req.articles)
    if n == 0:
        raise ClientError(422, "articles: give at least one article")
    if n > settings.max_articles:
        raise ClientError(413, f"too many articles: {n} (the limit is {settings.max_articles})")
    urls = sum(1 for a in req.articles if a.url is not None and not (a.text or a.html))
    if urls > settings.max_urls:
        raise ClientError(413, f"too many URLs: {urls} (the limit is {settings.max_urls}); "
                               "paste the text of the others")
    if req.words > settings.max_words:
        raise ClientError(422, f"words: at most {settings.max_words}, got {req.words}")
    for i, a in enumerate(req.articles):
        given = [k for k in _ARTICLE_FIELDS if getattr(a, k) is not None]
        if not given:
            raise ClientError(422, f"article {i}: give 'text', 'html' or 'url'")
        for k in given:
            value = getattr(a, k)
            # Length in characters is at most the UTF-8 size; only count bytes when it matters.
            if len(value) * 4 > settings.max_article_bytes and (
                    len(value.encode("utf-8", "surrogatepass")) > settings.max_article_bytes):
                raise ClientError(413, f"article {i}: '{k}' is over the limit of "
                                       f"{_size(settings.max_article_bytes)}")
            if k != "url" and _looks_binary(value):
                raise ClientError(422, f"article {i}: '{k}' looks like binary data, not text")
        if a.url is not None and not a.url.strip().lower().startswith(("http://", "https://")):
            raise ClientError(422, f"article {i}: url must start with http:// or https://")


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\ud800-\udfff]")  # not tab, newlines, \v, \f


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    return bool(sample) and len(_CONTROL.findall(sample)) > _BINARY_CONTROL_SHARE * len(sample)


def _size(n: int) -> str:
    return f"{n / MB:g} MB" if n >= MB else f"{n} bytes"


def _ingest(req: Any, settings: Settings) -> list[Any]:
    """Check the limits, then build the articles (fetching URLs). Runs in a worker thread: the
    binary check alone reads up to 64k characters per article."""
    from .ingest import article_from_item, unique_ids

    _check_limits(req, settings)
    items = [{k: v for k, v in a.model_dump().items() if v is not None} for a in req.articles]

    def build(i: int) -> Any:
        return article_from_item(items[i], index=i, allow_private=settings.allow_private)

    fetches = sum(1 for it in items if "url" in it and not ("text" in it or "html" in it))
    if fetches <= 1:
        return list(unique_ids([build(i) for i in range(len(items))]))
    # Several URLs: fetch them side by side (network waits), keeping the articles in order. The
    # first failure, in article order, is the error reported.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(min(fetches, settings.fetches_per_request)) as pool:
        futures = [pool.submit(build, i) for i in range(len(items))]
        try:
            return list(unique_ids([f.result() for f in futures]))
        finally:
            for f in futures:
                f.cancel()


def _summarize(articles: list[Any], words: int, analysis: bool, rerank: bool = True) -> Any:
    """One brief. Takes plain arguments: it may run in a pool process (pickled by reference)."""
    from .model import Options
    from .pipeline import summarize

    return summarize(articles, options=Options(words=words, analysis=analysis, rerank=rerank))


def _ready() -> bool:
    return True


def _worker_init(warmup: bool) -> None:
    """Start of a brief process. Ctrl+C in a terminal reaches the whole process group; the
    server process shuts the pool down itself, so a worker ignores it instead of dying with a
    traceback mid-brief."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if warmup:
        _warm_up()


class _Pool:
    """The worker processes that compute briefs, fed from one queue (``ProcessPoolExecutor``).

    Processes are started with "spawn": the server process runs threads, and forking a process
    with threads can copy a lock in its held state. A process that dies (out of memory, a crash
    in native code) breaks the whole executor; the pool is then rebuilt, so one bad request costs
    the requests in flight, not the server."""

    def __init__(self, size: int, warmup: bool) -> None:
        self.size = size
        self.warmup = warmup
        self._executor = self._new()

    def _new(self):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(self.size, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_worker_init, initargs=(self.warmup,))

    async def start(self) -> None:
        """Start every process now (each warms up as it starts), not on the first requests."""
        import asyncio

        loop = asyncio.get_running_loop()
        await asyncio.gather(*(loop.run_in_executor(self._executor, _ready)
                               for _ in range(self.size)))

    async def run(self, fn: Any, *args: Any) -> Any:
        import asyncio
        from concurrent.futures.process import BrokenProcessPool

        executor = self._executor
        try:
            return await asyncio.get_running_loop().run_in_executor(executor, fn, *args)
        except BrokenProcessPool:
            log.error("a brief worker process died; starting a new pool")
            if self._executor is executor:
                self._executor = self._new()
                executor.shutdown(wait=False, cancel_futures=True)
            raise

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def _finite(value: Any) -> Any:
    """JSON has no NaN or infinity; a score that is one is sent as null."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def _respond(brief: Any, req: Any):
    from starlette.responses import Response

    if req.format == "json":
        body = _finite(brief.to_dict(include_text=req.include_text, explain=req.explain))
        if req.include_markdown:
            from .render import render

            body["markdown"] = render(brief, "markdown")
        return Response(json.dumps(body, ensure_ascii=False, allow_nan=False),
                        media_type="application/json")
    from .render import render

    media = "text/markdown" if req.format == "markdown" else "text/plain"
    return Response(render(brief, req.format), media_type=f"{media}; charset=utf-8")


# ---------------------------------------------------------------------------------------------
# The app


class _BodyLimit:
    """Pure ASGI middleware: refuse a request body over ``limit`` bytes with 413 before any of it
    is parsed, whether the client declared its length or streams it in chunks."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        message = f"the request body is over the limit of {_size(self.limit)}"
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.limit
            except ValueError:
                await _error(400, "the Content-Length header is not a number")(scope, receive, send)
                return
            if too_big:
                await _error(413, message)(scope, receive, send)
                return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            msg = await receive()
            if msg["type"] == "http.disconnect":
                return
            chunk = msg.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await _error(413, message)(scope, receive, send)
                return
            chunks.append(chunk)
            more = msg.get("more_body", False)
        body = b"".join(chunks)
        replayed = False

        async def replay() -> dict[str, Any]:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class _Admission:
    """Counts requests in flight; refuses one when ``limit`` are already admitted."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.active = 0
        self._lock = threading.Lock()

    def enter(self) -> bool:
        with self._lock:
            if self.active >= self.limit:
                return False
            self.active += 1
            return True

    def leave(self) -> None:
        with self._lock:
            self.active -= 1


def create_app(settings: Settings | None = None):
    """The FastAPI app: the API under ``/v1``, the page at ``/``, static files under
    ``/static``. ``settings`` defaults to ``Settings.from_env()``."""
    import anyio
    from fastapi import FastAPI
    from fastapi.exceptions import RequestValidationError
    from starlette.exceptions import HTTPException as StarletteHTTPException
    from starlette.responses import FileResponse
    from starlette.staticfiles import StaticFiles

    settings = settings or Settings.from_env()
    admission = _Admission(settings.max_queue)
    # In-process mode: one brief at a time. The work holds the GIL, so more threads would add no
    # throughput, and spaCy (the cross-source analysis) does not promise that one loaded model
    # is safe to call from several threads at once.
    cpu = anyio.CapacityLimiter(1)
    io = anyio.CapacityLimiter(settings.fetch_threads)

    pool: _Pool | None = None

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        nonlocal pool
        if settings.workers > 1:
            pool = _Pool(settings.workers, settings.warmup)
            await pool.start()
        elif settings.warmup:
            try:
                await anyio.to_thread.run_sync(_warm_up, limiter=cpu)
            except Exception:  # a failed warm-up only means a slower first request
                log.exception("warm-up brief failed")
        try:
            yield
        finally:
            if pool is not None:
                await anyio.to_thread.run_sync(pool.close)
                pool = None

    async def compute(articles: list[Any], req: BriefRequest) -> Any:
        if pool is None:
            return await anyio.to_thread.run_sync(_summarize, articles, req.words, req.analysis,
                                                  req.rerank, limiter=cpu)
        return await pool.run(_summarize, articles, req.words, req.analysis, req.rerank)

    app = FastAPI(
        title="newsbrief",
        version=_version(),
        summary="Many news articles about one story in; one short attributed brief out.",
        lifespan=lifespan,
    )
    app.state.settings = settings

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        status, message, items = _describe_validation(list(exc.errors()))
        return _error(status, message, errors=items)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        return _error(exc.status_code, str(exc.detail), headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        # A bug on our side; the client gets no traceback, the log gets all of it.
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return _error(500, "internal error: the brief could not be made")

    @app.get("/v1/health", tags=["service"])
    def health() -> dict[str, Any]:
        """Liveness and the limits this server enforces."""
        return {
            "status": "ok",
            "version": _version(),
            "limits": {
                "max_body_bytes": settings.max_body_bytes,
                "max_article_bytes": settings.max_article_bytes,
                "max_articles": settings.max_articles,
                "max_words": settings.max_words,
            },
        }

    @app.post(
        "/v1/briefs",
        tags=["briefs"],
        responses={
            200: {"description": "The brief: the JSON contract, or Markdown/text when asked.",
                  "content": {"application/json": {}, "text/markdown": {}, "text/plain": {}}},
            400: {"description": "The body is not valid JSON."},
            413: {"description": "The body, an article or the article count is over a limit."},
            422: {"description": "Invalid or unusable input, or a URL refused or not fetched."},
            503: {"description": "The server is busy; retry after the Retry-After seconds."},
        },
        openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/BriefRequest"}}}}},
    )
    async def create_brief(request: Request):
        """Brief one story. Each article gives one of ``text``, ``html`` or ``url``.

        The body is read as JSON whatever its Content-Type says (``curl -d`` sends a form type),
        and parsed and validated in a worker thread: a 10 MB body takes a while to parse."""
        if not admission.enter():
            return _error(503, "the server is busy, try again shortly",
                          headers={"Retry-After": "1"})
        try:
            body = await request.body()
            req = await anyio.to_thread.run_sync(_parse, body, limiter=io)
            # Ingest (URL fetches, HTML extraction) runs in threads and the brief in a thread or a
            # pool process, so the event loop keeps answering other clients meanwhile.
            articles = await anyio.to_thread.run_sync(_ingest, req, settings, limiter=io)
            brief = await compute(articles, req)
            return await anyio.to_thread.run_sync(_respond, brief, req, limiter=io)
        except ClientError as e:
            return _error(e.status, e.message, **({"errors": e.errors} if e.errors else {}))
        except InputError as e:  # FetchError included: its message names the URL and reason
            return _error(422, str(e))
        finally:
            admission.leave()

    # The page: plain files, no build step. Security headers on everything we serve ourselves.
    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.middleware("http")
    async def _headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        path = request.url.path
        if path == "/" or path.startswith("/static/"):
            response.headers.setdefault("Content-Security-Policy", PAGE_CSP)
            response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    def openapi() -> dict[str, Any]:
        # The body is parsed by hand (see create_brief), so its schema is added here.
        if app.openapi_schema is None:
            from fastapi.openapi.utils import get_openapi

            schema = get_openapi(title=app.title, version=app.version, summary=app.summary,
                                 routes=app.routes)
            body = BriefRequest.model_json_schema(ref_template="#/components/schemas/{model}")
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            components.update(body.pop("$defs", {}))
            components["BriefRequest"] = body
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    # Outermost, so an oversized body is refused before FastAPI reads or parses any of it.
    app.add_middleware(_BodyLimit, limit=settings.max_body_bytes)
    return app


def app_from_env():
    """Factory for ``uvicorn --factory newsbrief.service:app_from_env`` (one per worker)."""
    return create_app(Settings.from_env())


def _warm_up() -> None:
    from .pipeline import summarize

    text = ("The city council approved the new budget on Monday after a long debate. "
            "The budget raises spending on schools and roads. Critics said the plan was costly.")
    summarize([text, text.replace("Monday", "Tuesday")], words=30)


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("newsbrief")
    except Exception:
        return "0"


def run(settings: Settings) -> None:
    """Serve until interrupted: what ``newsbrief serve`` calls. One HTTP process; with
    ``workers > 1`` it feeds that many brief processes."""
    import uvicorn

    # Connections beyond the admission queue plus room for page loads and health checks get a
    # 503 from uvicorn itself, so idle or slow clients cannot pile up without bound.
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info",
                limit_concurrency=settings.max_queue + 64, timeout_keep_alive=5)
