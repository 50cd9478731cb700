"""The HTTP API: briefs in every format, and a clear 4xx (never a 500) for anything a client can
send. Requests go through httpx (Starlette's TestClient) against the app in-process."""

from __future__ import annotations

import http.server
import json
import threading
import warnings
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed: pip install '.[serve]'")

with warnings.catch_warnings():  # Starlette warns that its TestClient will move to httpx2
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from newsbrief import service
from newsbrief.errors import InputError
from newsbrief.service import PAGE_CSP, Settings, create_app

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "syria-military-police-chief"
OK_OR_CLIENT_ERROR = {200, 400, 413, 422}


def example_articles() -> list[dict[str, str]]:
    return [{"text": p.read_text(encoding="utf-8")} for p in sorted(EXAMPLE.glob("*.txt"))]


# Three short reports of one event: enough for a brief, small enough to keep tests quick.
STORY = [
    {"text": "The city council of Springfield approved a new budget on Monday after a long "
             "debate. The budget raises spending on schools by ten percent. Mayor Ann Lee said "
             "the plan would be paid for by savings elsewhere.", "source": "Gazette"},
    {"text": "Springfield's council voted on Monday to approve the new city budget. Spending on "
             "schools rises by ten percent under the plan. Critics said the savings were not "
             "explained.", "source": "Herald"},
]


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(Settings(warmup=False))) as c:
        yield c


def small_client(**limits) -> TestClient:
    return TestClient(create_app(Settings(warmup=False, **limits)))


def post_raw(client: TestClient, body: bytes, **kw):
    return client.post("/v1/briefs", content=body,
                       headers={"Content-Type": "application/json"}, **kw)


# ---------------------------------------------------------------------------------------------
# Briefs


def test_health_reports_status_and_limits(client):
    r = client.get("/v1/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok"
    assert body["limits"] == {"max_body_bytes": 10 * 1024 * 1024,
                              "max_article_bytes": 2 * 1024 * 1024,
                              "max_articles": 100, "max_words": 2000}


def test_example_story_json_follows_the_contract(client):
    r = client.post("/v1/briefs", json={"articles": example_articles(), "words": 120})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    brief = r.json()
    assert set(brief) >= {"id", "words", "sentences", "articles", "set_aside"}
    assert 0 < brief["words"] <= 120
    ids = [a["id"] for a in brief["articles"]]
    assert [a["index"] for a in brief["articles"]] == list(range(5))
    # Without include_text the contract carries no article text, and no markdown.
    assert all("text" not in a for a in brief["articles"])
    assert "markdown" not in brief
    for s in brief["sentences"]:
        assert s["sources"] and all(src["article"] in ids for src in s["sources"])
    assert sum(len(s["text"].split()) for s in brief["sentences"]) == brief["words"]
    for x in brief["set_aside"]:
        assert x["article"] in ids and isinstance(x["reason"], str) and x["reason"]


def test_include_text_gives_offsets_that_point_at_the_sentences(client):
    r = client.post("/v1/briefs", json={"articles": example_articles(), "include_text": True})
    brief = r.json()
    texts = {a["id"]: a["text"] for a in brief["articles"]}
    for s in brief["sentences"]:
        spans = [texts[p["article"]][p["start"]:p["end"]] for p in s["sources"]]
        assert all(0 <= p["start"] < p["end"] <= len(texts[p["article"]]) for p in s["sources"])
        assert s["text"] in spans


@pytest.mark.parametrize("fmt,media", [("markdown", "text/markdown"), ("text", "text/plain")])
def test_markdown_and_text_formats(client, fmt, media):
    r = client.post("/v1/briefs", json={"articles": STORY, "format": fmt, "words": 60})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(media)
    assert "budget" in r.text and "Gazette" in r.text


def test_rerank_asks_for_the_reranked_brief(client):
    from newsbrief.model import Options
    from newsbrief.pipeline import summarize

    texts = [a["text"] for a in example_articles()]
    for rerank in (False, True):
        r = client.post("/v1/briefs", json={"articles": example_articles(), "analysis": False,
                                            "words": 120, "rerank": rerank})
        assert r.status_code == 200, r.text
        want = summarize(texts, options=Options(words=120, analysis=False, rerank=rerank))
        assert [x["text"] for x in r.json()["sentences"]] == [x.text for x in want.sentences]
    assert client.post("/v1/briefs", json={"articles": STORY, "rerank": "yes"}).status_code == 422


def test_include_markdown_adds_the_rendered_brief(client):
    r = client.post("/v1/briefs", json={"articles": STORY, "include_markdown": True})
    md = r.json()["markdown"]
    assert isinstance(md, str) and "budget" in md
    assert md == client.post("/v1/briefs", json={"articles": STORY, "format": "markdown"}).text


def test_body_is_read_as_json_whatever_the_content_type(client):
    # `curl -d @req.json URL` sends application/x-www-form-urlencoded.
    r = client.post("/v1/briefs", content=json.dumps({"articles": STORY}).encode(),
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 200 and r.json()["sentences"]


def test_openapi_documents_the_request_body(client):
    spec = client.get("/openapi.json").json()
    body = spec["paths"]["/v1/briefs"]["post"]["requestBody"]["content"]["application/json"]
    assert body["schema"]["$ref"] == "#/components/schemas/BriefRequest"
    props = spec["components"]["schemas"]["BriefRequest"]["properties"]
    assert {"articles", "words", "format"} <= set(props)
    assert props["rerank"]["default"] is True  # the reranker is the default (issue 3, round 20)
    assert "ArticleIn" in spec["components"]["schemas"]


# ---------------------------------------------------------------------------------------------
# Bad input: 400 / 413 / 422 with a one-line message, never 500


def _json(obj) -> bytes:
    return json.dumps(obj).encode()


BAD_REQUESTS = [
    (b"", 400, "empty"),
    (b"{", 400, "not valid JSON"),
    (b'{"articles": [{"text": "a\\ud800"}]}', 400, "not valid JSON"),  # lone surrogate
    (b"\xff\xfe\x00junk", 400, "not valid JSON"),
    (b"null", 422, "JSON object"),
    (b"[]", 422, "JSON object"),
    (b'"articles"', 422, "JSON object"),
    (b"42", 422, "JSON object"),
    (_json({}), 422, "articles"),
    (_json({"articles": []}), 422, "at least one article"),
    (_json({"articles": "some text"}), 422, "articles"),
    (_json({"articles": [1]}), 422, "articles.0"),
    (_json({"articles": [None]}), 422, "articles.0"),
    (_json({"articles": [{"text": 5}]}), 422, "articles.0.text"),
    (_json({"articles": [{"text": ["a"]}]}), 422, "articles.0.text"),
    (_json({"articles": [{}]}), 422, "article 0"),
    (_json({"articles": [{"source": "CNN"}]}), 422, "article 0"),
    (_json({"articles": [{"text": "   \n "}]}), 422, "article 0"),
    (_json({"articles": [{"text": "x", "colour": "red"}]}), 422, "colour"),
    (_json({"articles": STORY, "wordz": 100}), 422, "wordz"),
    (_json({"articles": STORY, "format": "pdf"}), 422, "format"),
    (_json({"articles": STORY, "format": None}), 422, "format"),
    (_json({"articles": STORY, "words": "many"}), 422, "words"),
    (_json({"articles": STORY, "words": "250"}), 422, "words"),
    (_json({"articles": STORY, "words": 0}), 422, "words"),
    (_json({"articles": STORY, "words": -3}), 422, "words"),
    (_json({"articles": STORY, "words": 2.5}), 422, "words"),
    (_json({"articles": STORY, "words": True}), 422, "words"),
    (_json({"articles": STORY, "words": 10**12}), 422, "words"),
    (_json({"articles": STORY, "include_text": "yes"}), 422, "include_text"),
    (_json({"articles": [{"text": "\x00\x01\x02\x03 binary \x07\x08" * 50}]}), 422, "binary"),
    (_json({"articles": [{"text": "Dies ist ein kurzer deutscher Text über die Regierung. "
                                  "Die Minister haben am Dienstag neue Regeln beschlossen. "
                                  "Kritiker sagen, die Mieten würden trotzdem weiter steigen. "
                                  "Die Opposition spricht von einem großen Versäumnis."}]}),
     422, "English"),
    (_json({"articles": [{"url": "javascript:alert(1)"}]}), 422, "http"),
    (_json({"articles": [{"text": "x", "url": "javascript:alert(1)"}]}), 422, "http"),
    (_json({"articles": [{"url": "ftp://example.org/a.txt"}]}), 422, "http"),
    (_json({"articles": [{"url": 7}]}), 422, "url"),
    (_json({"articles": [{"text": "x", "source": "s" * 5000}]}), 422, "source"),
]


@pytest.mark.parametrize("body,status,fragment", BAD_REQUESTS,
                         ids=[f"{i}-{b[:30]!r}" for i, (b, _, _) in enumerate(BAD_REQUESTS)])
def test_bad_requests_get_a_clear_client_error(client, body, status, fragment):
    r = post_raw(client, body)
    assert r.status_code == status, r.text
    err = r.json()
    assert err["status"] == status
    assert fragment.lower() in err["error"].lower()
    assert "\n" not in err["error"] and "Traceback" not in r.text


def test_refused_url_is_422_naming_the_url_and_why(client):
    url = "http://127.0.0.1:9/story.html"
    r = client.post("/v1/briefs", json={"articles": [{"url": url}]})
    assert r.status_code == 422
    assert url in r.json()["error"] and "loopback" in r.json()["error"]


def test_metadata_address_is_refused(client):
    r = client.post("/v1/briefs", json={"articles": [{"url": "http://169.254.169.254/latest/"}]})
    assert r.status_code == 422 and "169.254.169.254" in r.json()["error"]


class _Article(http.server.BaseHTTPRequestHandler):
    PAGE = ("<html><head><title>Council passes budget</title></head><body><article>"
            + "".join(f"<p>{p}</p>" for p in [STORY[0]["text"], STORY[1]["text"]])
            + "</article></body></html>").encode()

    def do_GET(self):  # noqa: N802
        if self.path.startswith("/missing"):
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.PAGE)))
        self.end_headers()
        self.wfile.write(self.PAGE)

    def log_message(self, *args):
        pass


def test_allow_private_setting_reaches_the_fetcher():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Article)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/story.html"
    body = {"articles": [{"url": url}, STORY[1]]}
    try:
        with small_client() as c:
            assert c.post("/v1/briefs", json=body).status_code == 422
        with small_client(allow_private=True) as c:
            r = c.post("/v1/briefs", json=body)
    finally:
        server.shutdown()
        server.server_close()
    assert r.status_code == 200, r.text
    assert r.json()["articles"][0]["url"] == url


def test_several_urls_are_fetched_in_order_and_a_failure_is_named():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Article)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with small_client(allow_private=True) as c:
            urls = [f"{base}/story-{i}.html" for i in range(3)]
            r = c.post("/v1/briefs", json={"articles": [{"url": u} for u in urls] + [STORY[1]],
                                           "analysis": False})
            bad = c.post("/v1/briefs", json={"articles": [
                {"url": urls[0]}, {"url": f"{base}/missing.html"}, {"url": urls[1]}]})
    finally:
        server.shutdown()
        server.server_close()
    assert r.status_code == 200, r.text
    arts = r.json()["articles"]
    assert [a["url"] for a in arts[:3]] == urls
    assert len({a["id"] for a in arts}) == 4  # one host, still four distinct ids
    assert bad.status_code == 422
    assert f"{base}/missing.html" in bad.json()["error"] and "404" in bad.json()["error"]


# Limits


def test_default_limits():
    s = Settings()
    assert (s.max_body_bytes, s.max_article_bytes, s.max_articles) == (10 * 2**20, 2 * 2**20, 100)


def test_too_many_articles_is_413(client):
    r = client.post("/v1/briefs", json={"articles": [{"text": "A short note."}] * 101})
    assert r.status_code == 413 and "101" in r.json()["error"]


def test_too_many_urls_is_413(client):
    r = client.post("/v1/briefs", json={"articles": [{"url": f"https://example.org/{i}"}
                                                     for i in range(21)]})
    assert r.status_code == 413 and "URLs" in r.json()["error"]


def test_article_over_2mb_is_413(client):
    r = client.post("/v1/briefs", json={"articles": [{"text": "word " * 420_000}]})
    assert r.status_code == 413
    assert "article 0" in r.json()["error"] and "2 MB" in r.json()["error"]


def test_article_limit_counts_utf8_bytes_not_characters():
    with small_client(max_article_bytes=1000) as c:
        r = c.post("/v1/briefs", json={"articles": [{"text": "é" * 600}]})  # 1200 bytes
        assert r.status_code == 413
        r = c.post("/v1/briefs", json={"articles": [{"html": "<p>" + "x" * 1200}]})
        assert r.status_code == 413 and "'html'" in r.json()["error"]


def test_body_over_10mb_is_413_before_parsing(client):
    r = post_raw(client, b"{" + b" " * (10 * 2**20) + b"}")
    assert r.status_code == 413 and "10 MB" in r.json()["error"]


def test_streamed_body_without_length_is_cut_at_the_limit():
    def chunks():
        for _ in range(10):
            yield b" " * 1000

    with small_client(max_body_bytes=5000) as c:
        r = c.post("/v1/briefs", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413


def test_non_numeric_content_length_is_400():
    from starlette.testclient import TestClient as Raw

    app = create_app(Settings(warmup=False))
    with Raw(app) as c:
        req = c.build_request("POST", "/v1/briefs", content=b"{}")
        req.headers["Content-Length"] = "lots"
        assert c.send(req).status_code == 400


def test_words_over_the_server_maximum_is_422():
    with small_client(max_words=100) as c:
        r = c.post("/v1/briefs", json={"articles": STORY, "words": 101})
    assert r.status_code == 422 and "100" in r.json()["error"]


# Robustness: arbitrary JSON never produces a server error.

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=12,
)
_article = st.fixed_dictionaries({}, optional={
    "text": st.one_of(st.text(max_size=400), st.integers(), st.none()),
    "html": st.one_of(st.text(max_size=200).map(lambda t: f"<p>{t}</p>"), st.none()),
    "source": st.one_of(st.text(max_size=20), st.none()),
    "title": st.text(max_size=20),
})
_requests = st.fixed_dictionaries(
    {"articles": st.lists(_article, max_size=4)},
    optional={"words": st.integers(-5, 3000), "format": st.sampled_from(["json", "markdown",
                                                                         "text", "html", ""]),
              "include_text": st.booleans()},
)


@hsettings(max_examples=60, deadline=None,
           suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.one_of(_json_values, _requests))
def test_arbitrary_json_never_gets_a_server_error(client, body):
    r = post_raw(client, json.dumps(body).encode())
    assert r.status_code in OK_OR_CLIENT_ERROR, r.text
    if r.status_code != 200:
        assert isinstance(r.json()["error"], str)


@hsettings(max_examples=40, deadline=None,
           suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_never_get_a_server_error(client, data):
    r = post_raw(client, data)
    assert r.status_code in OK_OR_CLIENT_ERROR, r.text


# ---------------------------------------------------------------------------------------------
# Server behaviour


def test_a_bug_is_a_500_without_a_traceback(monkeypatch):
    def broken(*args):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(service, "_summarize", broken)
    with TestClient(create_app(Settings(warmup=False)), raise_server_exceptions=False) as c:
        r = c.post("/v1/briefs", json={"articles": STORY})
    assert r.status_code == 500
    assert r.json()["error"].startswith("internal error")
    assert "secret" not in r.text and "Traceback" not in r.text


def _blocking_summarize(monkeypatch):
    """Make summarizing wait until the test says go; returns (entered, release)."""
    entered, release = threading.Event(), threading.Event()
    real = service._summarize

    def slow(*args):
        entered.set()
        assert release.wait(30), "test never released the request"
        return real(*args)

    monkeypatch.setattr(service, "_summarize", slow)
    return entered, release


def test_event_loop_stays_free_while_a_brief_is_computed(monkeypatch):
    entered, release = _blocking_summarize(monkeypatch)
    with small_client() as c:
        result = {}
        t = threading.Thread(target=lambda: result.update(
            r=c.post("/v1/briefs", json={"articles": STORY})))
        t.start()
        try:
            assert entered.wait(30)
            # The brief is still being computed, and the server answers other requests.
            assert c.get("/v1/health").status_code == 200
        finally:
            release.set()
            t.join(30)
    assert result["r"].status_code == 200


def test_full_queue_answers_503_with_retry_after(monkeypatch):
    entered, release = _blocking_summarize(monkeypatch)
    with small_client(max_queue=1) as c:
        result = {}
        t = threading.Thread(target=lambda: result.update(
            r=c.post("/v1/briefs", json={"articles": STORY})))
        t.start()
        try:
            assert entered.wait(30)
            busy = c.post("/v1/briefs", json={"articles": STORY})
        finally:
            release.set()
            t.join(30)
        assert busy.status_code == 503 and busy.headers["retry-after"] == "1"
        assert result["r"].status_code == 200
        # The slot is given back: the next request is served.
        assert c.post("/v1/briefs", json={"articles": STORY}).status_code == 200


GERMAN = ("Die Bundesregierung hat am Dienstag neue Regeln für den Wohnungsbau beschlossen. "
          "Nach Angaben des Ministeriums sollen damit jedes Jahr mehr Wohnungen entstehen. "
          "Kritiker bemängeln, dass die Mieten trotzdem weiter steigen werden. Die Opposition "
          "spricht von einem Versäumnis der Koalition.")


def test_worker_processes_compute_briefs_and_pass_errors_back():
    """workers > 1: briefs are computed in a pool of processes fed from one queue."""
    with small_client(workers=2) as c:
        ok = c.post("/v1/briefs", json={"articles": STORY, "analysis": False, "words": 40})
        refused = c.post("/v1/briefs", json={"articles": [{"text": GERMAN}], "analysis": False})
    assert ok.status_code == 200 and ok.json()["sentences"]
    assert refused.status_code == 422 and "English" in refused.json()["error"]


def test_nan_scores_are_sent_as_null():
    assert service._finite({"a": [1.0, float("nan")], "b": float("inf"), "c": "x"}) == \
        {"a": [1.0, None], "b": None, "c": "x"}


# The page


def test_page_is_served_with_a_strict_content_security_policy(client):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert r.headers["content-security-policy"] == PAGE_CSP
    assert "script-src 'self'" in PAGE_CSP and "unsafe-inline" not in PAGE_CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    for asset in ("/static/app.js", "/static/style.css"):
        assert client.get(asset).status_code == 200


def test_page_script_never_parses_article_text_as_html():
    script = (Path(service.STATIC_DIR) / "app.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script


def test_unknown_path_is_a_json_404(client):
    r = client.get("/v1/nothing")
    assert r.status_code == 404 and r.json()["status"] == 404


# Settings


def test_settings_from_environment_and_overrides():
    env = {"NEWSBRIEF_PORT": "9000", "NEWSBRIEF_MAX_ARTICLES": "5", "NEWSBRIEF_ALLOW_PRIVATE":
           "yes", "NEWSBRIEF_MAX_BODY_BYTES": "1_000_000", "NEWSBRIEF_HOST": ""}
    s = Settings.from_env(env, port=9100)
    assert (s.port, s.max_articles, s.allow_private, s.max_body_bytes, s.host) == \
        (9100, 5, True, 1_000_000, "127.0.0.1")


@pytest.mark.parametrize("name,value", [("NEWSBRIEF_PORT", "eighty"),
                                        ("NEWSBRIEF_ALLOW_PRIVATE", "maybe"),
                                        ("NEWSBRIEF_MAX_ARTICLES", "0"),
                                        ("NEWSBRIEF_PORT", "70000")])
def test_bad_settings_raise_a_clear_error(name, value):
    with pytest.raises(InputError) as e:
        Settings.from_env({name: value})
    assert name.removeprefix("NEWSBRIEF_").lower() in str(e.value).lower()


def test_serve_command_reports_bad_settings_in_one_line():
    from typer.testing import CliRunner

    from newsbrief.cli import app

    r = CliRunner().invoke(app, ["serve"], env={"NEWSBRIEF_PORT": "eighty"})
    assert r.exit_code == 2
    assert "NEWSBRIEF_PORT" in r.output and "Traceback" not in r.output


def test_serve_is_listed_by_the_cli():
    from typer.testing import CliRunner

    from newsbrief.cli import app

    r = CliRunner().invoke(app, ["serve", "--help"])
    assert r.exit_code == 0 and "--workers" in r.output


def test_a_dead_worker_process_is_replaced():
    import asyncio
    import os
    from concurrent.futures.process import BrokenProcessPool

    async def scenario():
        pool = service._Pool(1, warmup=False)
        try:
            await pool.start()
            with pytest.raises(BrokenProcessPool):
                await pool.run(os._exit, 3)  # the process dies mid-request
            return await pool.run(service._ready)  # a new pool serves the next one
        finally:
            pool.close()

    assert asyncio.run(scenario()) is True


def test_repeated_article_ids_are_made_unique(client):
    third = {"text": STORY[1]["text"].replace("Critics", "Opponents"), "id": "x-2"}
    r = client.post("/v1/briefs", json={"articles": [dict(STORY[0], id="x"),
                                                     dict(STORY[1], id="x"), third]})
    assert r.status_code == 200
    # A client's own "x-2" keeps its id; the repeated "x" takes the next free suffix.
    assert [a["id"] for a in r.json()["articles"]] == ["x", "x-3", "x-2"]
