"""scripts/loadtest.py: it only ever targets loopback, and its report counts what happened.
(The load test itself, 16 clients for 30 s, is a benchmark command, not a unit test.)"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import socket
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("uvicorn", reason="the server extra is not installed: pip install '.[serve]'")

from newsbrief.service import Settings, create_app  # noqa: E402

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "loadtest.py"


@pytest.fixture(scope="module")
def loadtest():
    spec = importlib.util.spec_from_file_location("loadtest", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("url", ["http://10.0.0.8:8000", "http://192.168.1.2",
                                 "http://8.8.8.8/", "http://[2001:db8::1]:80"])
def test_refuses_any_address_off_this_machine(loadtest, url):
    with pytest.raises(SystemExit) as e:
        loadtest.loopback_only(url)
    assert "loopback" in str(e.value)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000", "http://127.3.4.5:1",
                                 "http://[::1]:8000"])
def test_accepts_loopback(loadtest, url):
    loadtest.loopback_only(url)  # returns without exiting


def test_story_body_is_a_valid_request(loadtest, tmp_path):
    (tmp_path / "a.txt").write_text("First article.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Second article.", encoding="utf-8")
    body = json.loads(loadtest.story_body(tmp_path, 100, analysis=False))
    assert body == {"articles": [{"text": "First article."}, {"text": "Second article."}],
                    "words": 100, "analysis": False}


class _Server:
    def __init__(self, settings: Settings) -> None:
        import uvicorn

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(create_app(settings), log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]},
                                       daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.url

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()


def test_short_run_reports_requests_latency_and_errors(loadtest):
    body = json.dumps({"articles": [
        {"text": "The council approved the budget on Monday. Schools get ten percent more. "
                 "The mayor said savings would pay for it."},
        {"text": "On Monday the council passed the budget. School spending rises ten percent. "
                 "Critics questioned the savings."}], "words": 40, "analysis": False}).encode()
    with _Server(Settings(warmup=False)) as url:
        report = asyncio.run(loadtest.run_load(url, body, clients=2, duration=0.5,
                                               max_requests=6, warmup=1))
    assert report["requests"] == 6  # the count bound stops it
    assert report["errors"] == 0 and report["statuses"] == {"200": 6}
    lat = report["latency_ms"]
    assert 0 < lat["p50"] <= lat["p90"] <= lat["p99"] <= lat["max"]


def test_errors_are_counted(loadtest):
    with _Server(Settings(warmup=False)) as url:
        report = asyncio.run(loadtest.run_load(url, b'{"articles": []}', clients=2,
                                               duration=0.5, max_requests=4, warmup=0))
    assert report["errors"] == 4 and report["statuses"] == {"422": 4}
    assert report["sample_failures"][0].startswith("422")
