"""The URL fetcher against a local HTTP server (127.0.0.1, port 0), with a fake resolver where a
test needs a public-looking host name. Nothing here leaves the machine."""

from __future__ import annotations

import gzip
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import httpx
import pytest

from newsbrief import fetch
from newsbrief.errors import FetchError, InputError
from newsbrief.fetch import USER_AGENT, Page, check_address, fetch_url

STORY_HTML = """<!doctype html>
<html><head><title>Harbour bridge reopens after repairs</title></head>
<body><article>
<h1>Harbour bridge reopens after repairs</h1>
<p>The harbour bridge reopened to traffic on Monday after eight months of repairs to its
steel deck, the city transport office said.</p>
<p>Engineers replaced more than two hundred corroded beams, and the work finished three weeks
ahead of the schedule agreed with the council in the spring.</p>
<p>Commuters had faced detours of up to forty minutes while the bridge was closed, and local
shops near the approach roads said their trade fell by a third.</p>
</article></body></html>
"""
LATIN1_TEXT = "Citroën ouvre une usine à Montréal, près du fleuve"
# 0x93/0x94 are curly quotes in windows-1252, control codes in strict ISO-8859-1: browsers (and
# the fetcher) read the iso-8859-1 label as windows-1252.
CP1252_BYTES = b"<html><body><p>He said \x93yes\x94 and left.</p></body></html>"

PUBLIC_IP = "93.184.215.14"  # what the fake resolver gives for news.test (a global address)
FAKE_DNS = {"news.test": PUBLIC_IP, "evil.test": "10.0.0.1", "loop.test": "127.0.0.1"}


class Handler(BaseHTTPRequestHandler):
    # HTTP/1.0: a body without Content-Length is delimited by closing the connection.
    protocol_version = "HTTP/1.0"

    def log_message(self, *args: object) -> None:  # keep pytest output clean
        pass

    def _send(self, status: int, body: bytes, ctype: str | None = "text/html; charset=utf-8",
              length: bool = True, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should for refused bodies

    def do_GET(self) -> None:
        self.server.log.append((self.path, self.headers.get("User-Agent")))  # type: ignore[attr-defined]
        url = urlparse(self.path)
        path, query = url.path, parse_qs(url.query)
        if path == "/story.html":
            self._send(200, STORY_HTML.encode())
        elif path.startswith("/redirect/"):
            n = int(path.rsplit("/", 1)[1])
            target = "/story.html" if n <= 1 else f"/redirect/{n - 1}"  # n redirects in all
            self._send(302, b"", headers={"Location": target})
        elif path == "/to":
            self._send(302, b"", headers={"Location": query["u"][0]})
        elif path == "/missing":
            self._send(404, b"<html><body>not here</body></html>")
        elif path == "/big-announced":
            self._send(200, b"<p>" + b"x" * 5000 + b"</p>")
        elif path == "/big-streamed":
            self._send(200, b"<p>" + b"x" * 5000 + b"</p>", length=False)
        elif path == "/image.png":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, ctype="image/png")
        elif path == "/report.pdf":
            self._send(200, b"%PDF-1.4\n", ctype="application/pdf")
        elif path == "/slow":
            time.sleep(1.0)
            self._send(200, STORY_HTML.encode())
        elif path == "/drip":  # headers at once, then a trickle that never trips a read timeout
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(30):
                    self.wfile.write(b"<p>" + b"x" * 100 + b"</p>")
                    self.wfile.flush()
                    time.sleep(0.1)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/gzip-bomb":  # 300 bytes on the wire, 200,000 once decompressed
            self._send(200, gzip.compress(b" " * 200_000), headers={"Content-Encoding": "gzip"})
        elif path == "/latin1":
            body = f"<html><body><p>{LATIN1_TEXT}</p></body></html>".encode("latin-1")
            self._send(200, body, ctype="text/html; charset=ISO-8859-1")
        elif path == "/cp1252":
            self._send(200, CP1252_BYTES, ctype="text/html; charset=iso-8859-1")
        elif path == "/meta-charset":
            body = (f'<html><head><meta charset="iso-8859-1"></head><body><p>{LATIN1_TEXT}</p>'
                    "</body></html>").encode("latin-1")
            self._send(200, body, ctype="text/html")
        elif path == "/plain":
            self._send(200, b"Plain text news.\n", ctype="text/plain")
        elif path == "/empty":
            self._send(200, b"")
        elif path == "/binary-as-html":
            self._send(200, bytes(range(256)) * 20)
        else:
            self._send(404, b"no such page")


@pytest.fixture(scope="module")
def server() -> Iterator[ThreadingHTTPServer]:
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    srv.log = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def base(server: ThreadingHTTPServer) -> str:
    server.log.clear()  # type: ignore[attr-defined]
    return f"http://127.0.0.1:{server.server_address[1]}"


def paths(server: ThreadingHTTPServer) -> list[str]:
    return [p for p, _ua in server.log]  # type: ignore[attr-defined]


class FakeNet:
    """A resolver for the names in FAKE_DNS (others resolve as usual), and a dialer that sends
    connections for PUBLIC_IP to the local server, so a 'public' host can be served locally."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, dns: dict[str, str]) -> None:
        self.dns = dict(dns)
        self.lookups: list[str] = []
        self.dialed: list[tuple[str, int]] = []
        self._getaddrinfo = socket.getaddrinfo
        self._create_connection = socket.create_connection
        monkeypatch.setattr(socket, "getaddrinfo", self.getaddrinfo)
        monkeypatch.setattr(socket, "create_connection", self.create_connection)

    def getaddrinfo(self, host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        name = host.decode() if isinstance(host, bytes) else host
        if name in self.dns:
            self.lookups.append(name)
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (self.dns[name], port))]
        return self._getaddrinfo(host, port, *args, **kwargs)

    def create_connection(self, address, *args, **kwargs):  # type: ignore[no-untyped-def]
        host, port = address[0], address[1]
        self.dialed.append((host, port))
        host = self.dns.get(host, host)  # a client that dials by name (not pinned)
        if host == PUBLIC_IP:
            host = "127.0.0.1"
        return self._create_connection((host, port), *args, **kwargs)


def port_of(server: ThreadingHTTPServer) -> int:
    return server.server_address[1]


# ---------------------------------------------------------------------------------------------
# Fetching pages


def test_fetches_html_from_local_server(base: str, server: ThreadingHTTPServer) -> None:
    page = fetch_url(f"{base}/story.html", allow_private=True)
    assert isinstance(page, Page)
    assert page.url == f"{base}/story.html"
    assert page.status == 200
    assert page.content_type == "text/html"
    assert "eight months of repairs" in page.text
    assert server.log == [("/story.html", USER_AGENT)]  # type: ignore[attr-defined]


def test_plain_text_is_accepted(base: str) -> None:
    page = fetch_url(f"{base}/plain", allow_private=True)
    assert (page.content_type, page.text) == ("text/plain", "Plain text news.\n")


def test_loopback_refused_without_allow_private(base: str, server: ThreadingHTTPServer) -> None:
    with pytest.raises(FetchError) as err:
        fetch_url(f"{base}/story.html")
    message = str(err.value)
    assert message.startswith(f"cannot fetch {base}/story.html: refused")
    assert "127.0.0.1 is a loopback address" in message
    assert "\n" not in message
    assert paths(server) == []  # refused before connecting


def test_host_name_resolving_to_loopback_refused(monkeypatch: pytest.MonkeyPatch,
                                                 server: ThreadingHTTPServer) -> None:
    FakeNet(monkeypatch, FAKE_DNS)
    with pytest.raises(FetchError, match=r"loop\.test resolves to 127\.0\.0\.1, a loopback"):
        fetch_url(f"http://loop.test:{port_of(server)}/story.html")


def test_refused_if_any_address_is_private(monkeypatch: pytest.MonkeyPatch) -> None:
    def two_answers(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (PUBLIC_IP, port)),
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("169.254.169.254", port))]

    monkeypatch.setattr(socket, "getaddrinfo", two_answers)
    with pytest.raises(FetchError, match="169.254.169.254, a cloud metadata address"):
        fetch_url("http://mixed.test/")


def test_redirects_followed_up_to_the_limit(base: str, server: ThreadingHTTPServer) -> None:
    page = fetch_url(f"{base}/redirect/5", allow_private=True)
    assert page.url == f"{base}/story.html"
    assert "harbour bridge reopened" in page.text
    assert paths(server) == [f"/redirect/{n}" for n in range(5, 0, -1)] + ["/story.html"]


def test_six_redirects_is_too_many(base: str, server: ThreadingHTTPServer) -> None:
    with pytest.raises(FetchError, match=r"too many redirects \(more than 5\)"):
        fetch_url(f"{base}/redirect/6", allow_private=True)
    # Five redirects were followed; the sixth was refused without being requested.
    assert paths(server) == [f"/redirect/{n}" for n in range(6, 0, -1)]


def test_max_redirects_is_configurable(base: str) -> None:
    with pytest.raises(FetchError, match="more than 1"):
        fetch_url(f"{base}/redirect/2", allow_private=True, max_redirects=1)
    assert fetch_url(f"{base}/redirect/1", allow_private=True, max_redirects=1).status == 200


def test_public_host_passes_the_guard(monkeypatch: pytest.MonkeyPatch,
                                      server: ThreadingHTTPServer) -> None:
    net = FakeNet(monkeypatch, FAKE_DNS)
    page = fetch_url(f"http://news.test:{port_of(server)}/story.html")
    assert page.status == 200 and "steel deck" in page.text
    assert net.dialed == [(PUBLIC_IP, port_of(server))]


def test_redirect_to_private_address_refused(monkeypatch: pytest.MonkeyPatch,
                                             server: ThreadingHTTPServer) -> None:
    FakeNet(monkeypatch, FAKE_DNS)
    server.log.clear()  # type: ignore[attr-defined]
    port = port_of(server)
    target = f"http://evil.test:{port}/story.html"
    with pytest.raises(FetchError) as err:
        fetch_url(f"http://news.test:{port}/to?u={target}")
    assert str(err.value).startswith(f"cannot fetch {target}: refused")
    assert "evil.test resolves to 10.0.0.1, a private address" in str(err.value)
    assert paths(server) == [f"/to?u={target}"]  # the private hop was never requested


def test_redirect_to_loopback_literal_refused(monkeypatch: pytest.MonkeyPatch,
                                              server: ThreadingHTTPServer) -> None:
    FakeNet(monkeypatch, FAKE_DNS)
    port = port_of(server)
    with pytest.raises(FetchError, match=r"127\.0\.0\.1 is a loopback address"):
        fetch_url(f"http://news.test:{port}/to?u=http://127.0.0.1:{port}/story.html")


def test_redirect_to_other_scheme_refused(base: str) -> None:
    with pytest.raises(FetchError, match="cannot fetch file:///etc/passwd: the file scheme"):
        fetch_url(f"{base}/to?u=file:///etc/passwd", allow_private=True)


def test_connection_goes_to_the_checked_address(monkeypatch: pytest.MonkeyPatch,
                                                server: ThreadingHTTPServer) -> None:
    """DNS rebinding: the resolver answers a public address once, then loopback. The fetcher
    must connect to the address it checked and never ask again."""
    net = FakeNet(monkeypatch, FAKE_DNS)
    real_lookup = net.getaddrinfo

    def rebinding(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        answer = real_lookup(host, port, *args, **kwargs)
        if host == "news.test":
            net.dns["news.test"] = "127.0.0.1"  # every later answer points inside
        return answer

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    page = fetch_url(f"http://news.test:{port_of(server)}/story.html")
    assert page.status == 200
    assert net.lookups == ["news.test"]
    assert net.dialed == [(PUBLIC_IP, port_of(server))]


def test_caller_client_gets_a_check_before_each_request(monkeypatch: pytest.MonkeyPatch,
                                                        server: ThreadingHTTPServer) -> None:
    FakeNet(monkeypatch, FAKE_DNS)
    port = port_of(server)
    with httpx.Client() as plain:  # not made by make_client: no pinning, but still checked
        with pytest.raises(FetchError, match="evil.test resolves to 10.0.0.1"):
            fetch_url(f"http://news.test:{port}/to?u=http://evil.test:{port}/", client=plain)


def test_make_client_is_reusable(base: str) -> None:
    with fetch.make_client(allow_private=True) as client:
        first = fetch_url(f"{base}/story.html", client=client, allow_private=True)
        second = fetch_url(f"{base}/plain", client=client, allow_private=True)
        assert first.status == second.status == 200
        # The stricter of the client's guard and the call's applies.
        with pytest.raises(FetchError, match="loopback"):
            fetch_url(f"{base}/story.html", client=client)
    with fetch.make_client() as guarded:
        with pytest.raises(FetchError, match="loopback"):
            fetch_url(f"{base}/story.html", client=guarded, allow_private=True)


# ---------------------------------------------------------------------------------------------
# Errors


def test_http_404_is_named(base: str) -> None:
    with pytest.raises(FetchError, match=r"/missing: the server answered HTTP 404 Not Found$"):
        fetch_url(f"{base}/missing", allow_private=True)


def test_oversize_body_announced_by_content_length(base: str) -> None:
    with pytest.raises(FetchError, match=r"too large \(5,007 bytes announced, limit 1,000\)"):
        fetch_url(f"{base}/big-announced", allow_private=True, max_bytes=1000)


def test_oversize_body_without_content_length(base: str) -> None:
    with pytest.raises(FetchError, match=r"too large \(more than 1,000 bytes\)"):
        fetch_url(f"{base}/big-streamed", allow_private=True, max_bytes=1000)
    # Under the limit the same streamed body is read whole.
    assert len(fetch_url(f"{base}/big-streamed", allow_private=True).text) == 5007


def test_compressed_body_counted_after_decompression(base: str) -> None:
    with pytest.raises(FetchError, match=r"too large \(more than 10,000 bytes\)"):
        fetch_url(f"{base}/gzip-bomb", allow_private=True, max_bytes=10_000)


@pytest.mark.parametrize("path, ctype", [("/image.png", "image/png"),
                                         ("/report.pdf", "application/pdf")])
def test_non_page_content_type_refused(base: str, path: str, ctype: str) -> None:
    with pytest.raises(FetchError, match=f"content type {ctype} is not a web page"):
        fetch_url(base + path, allow_private=True)


def test_connection_refused() -> None:
    with socket.socket() as s:  # a port that was free a moment ago and has nobody listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchError, match=rf"cannot fetch http://127.0.0.1:{port}/: connection refused"):
        fetch_url(f"http://127.0.0.1:{port}/", allow_private=True)


def test_timeout(base: str) -> None:
    with pytest.raises(FetchError, match=r"/slow: timed out after 0.2 s"):
        fetch_url(f"{base}/slow", allow_private=True, timeout=0.2)


def test_slow_trickle_stopped_by_the_overall_deadline(base: str) -> None:
    # Each chunk comes well within the read timeout; the whole body would take 3 s.
    with pytest.raises(FetchError, match=r"/drip: timed out after 0.5 s \(the body came too slowly"):
        fetch_url(f"{base}/drip", allow_private=True, timeout=0.5)


@pytest.mark.parametrize("url, scheme", [("ftp://example.com/story.txt", "ftp"),
                                         ("file:///etc/passwd", "file"),
                                         ("javascript:alert(1)", "javascript")])
def test_bad_scheme(url: str, scheme: str) -> None:
    with pytest.raises(FetchError) as err:
        fetch_url(url)
    assert str(err.value) == (f"cannot fetch {url}: the {scheme} scheme is not supported "
                              "(only http and https URLs)")


def test_no_scheme_or_no_host() -> None:
    with pytest.raises(FetchError, match="no scheme given"):
        fetch_url("example.com/story")
    with pytest.raises(FetchError, match="the URL has no host"):
        fetch_url("http://")


def test_dns_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    def nxdomain(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", nxdomain)
    with pytest.raises(FetchError, match=r"DNS lookup failed for nowhere\.test \(Name or service"):
        fetch_url("https://nowhere.test/story")


def test_password_not_shown_in_errors(base: str) -> None:
    url = base.replace("http://", "http://editor:hunter2@") + "/missing"
    with pytest.raises(FetchError) as err:
        fetch_url(url, allow_private=True)
    assert "hunter2" not in str(err.value) and "HTTP 404" in str(err.value)


def test_empty_body(base: str) -> None:
    with pytest.raises(FetchError, match="/empty: the server sent an empty body"):
        fetch_url(f"{base}/empty", allow_private=True)


def test_binary_body_refused_even_when_labelled_html(base: str) -> None:
    with pytest.raises(FetchError, match="looks like binary data"):
        fetch_url(f"{base}/binary-as-html", allow_private=True)


def test_fetch_error_is_an_input_error() -> None:
    # Front ends catch InputError to print one line; FetchError must be among them.
    with pytest.raises(InputError):
        fetch_url("ftp://example.com/")


# ---------------------------------------------------------------------------------------------
# Decoding


def test_latin1_page_decoded_with_header_charset(base: str) -> None:
    page = fetch_url(f"{base}/latin1", allow_private=True)
    assert LATIN1_TEXT in page.text


def test_iso_8859_1_label_read_as_windows_1252(base: str) -> None:
    page = fetch_url(f"{base}/cp1252", allow_private=True)
    assert "He said \u201cyes\u201d and left." in page.text


def test_meta_charset_used_when_header_has_none(base: str) -> None:
    page = fetch_url(f"{base}/meta-charset", allow_private=True)
    assert LATIN1_TEXT in page.text


# ---------------------------------------------------------------------------------------------
# The address check on its own


@pytest.mark.parametrize("address, reason", [
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("10.1.2.3", "private"),
    ("172.16.0.1", "private"), ("192.168.1.1", "private"), ("169.254.1.1", "link-local"),
    ("fe80::1%eth0", "link-local"), ("224.0.0.1", "multicast"), ("ff02::1", "multicast"),
    ("0.0.0.0", "unspecified"), ("::", "unspecified"), ("fc00::1", "private"),
    ("169.254.169.254", "cloud metadata"), ("fd00:ec2::254", "cloud metadata"),
    ("::ffff:127.0.0.1", "loopback"), ("::ffff:10.0.0.1", "private"),
    ("2002:7f00:1::", "loopback"),        # 6to4 wrapping 127.0.0.1
    ("64:ff9b::a00:1", "private"),        # NAT64 wrapping 10.0.0.1
    ("100.64.0.1", "non-public"),         # carrier-grade NAT
    ("192.0.0.8", "non-public"),
])
def test_check_address_refuses(address: str, reason: str) -> None:
    with pytest.raises(FetchError, match=f"{address} is an? {reason} address"):
        check_address(address)


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700::1111",
                                     "::ffff:8.8.8.8", "64:ff9b::808:808"])
def test_check_address_allows_public(address: str) -> None:
    assert check_address(address) is None


# ---------------------------------------------------------------------------------------------
# The ingest interface that uses the fetcher


def test_article_from_url_uses_final_url_and_text(base: str) -> None:
    from newsbrief.ingest import article_from_url

    article = article_from_url(f"{base}/redirect/1", index=3, allow_private=True)
    assert article.url == f"{base}/story.html"
    assert article.index == 3
    assert "two hundred corroded beams" in article.text
    assert "<p>" not in article.text


# ---------------------------------------------------------------------------------------------
# The command line, end to end: a real process, a page served locally


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    code = "import sys; from newsbrief.cli import main; sys.argv[0] = 'newsbrief'; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "NO_COLOR": "1"})


def test_cli_briefs_a_local_page_with_allow_private(base: str) -> None:
    done = _cli("brief", f"{base}/story.html", "--allow-private", "--format", "json")
    assert done.returncode == 0, done.stderr
    brief = json.loads(done.stdout)
    assert brief["articles"][0]["url"] == f"{base}/story.html"
    text = " ".join(s["text"] for s in brief["sentences"])
    assert "harbour bridge reopened" in text
    assert all(src["article"] == brief["articles"][0]["id"]
               for s in brief["sentences"] for src in s["sources"])


def test_cli_refuses_loopback_without_allow_private(base: str,
                                                    server: ThreadingHTTPServer) -> None:
    done = _cli("brief", f"{base}/story.html")
    assert done.returncode != 0
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr  # one line, no traceback
    assert "Traceback" not in done.stderr
    assert f"cannot fetch {base}/story.html: refused: 127.0.0.1 is a loopback address" in lines[0]
    assert "--allow-private" in lines[0]
    assert paths(server) == []
