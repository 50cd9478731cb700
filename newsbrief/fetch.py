"""Fetch one news page over HTTP(S), safely enough to run on a server with untrusted URLs.

What is refused, each with a one-line ``FetchError`` that names the URL and the reason: schemes
other than http/https, hosts that do not resolve, connections refused or timed out, HTTP error
statuses, bodies over ``max_bytes`` (announced by Content-Length or counted while streaming, after
decompression), content types other than HTML, XHTML and plain text, more than ``max_redirects``
redirects, and empty or binary bodies.

The address guard (skipped with ``allow_private=True``): every address a host name resolves to must
be globally routable. One loopback, private, link-local, multicast, reserved, unspecified or
cloud-metadata address (169.254.169.254, fd00:ec2::254) among them and the URL is refused; IPv6
forms that embed an IPv4 address (IPv4-mapped, 6to4, Teredo, NAT64) are judged by that address.

How the guard holds against DNS rebinding: the check is not done beside the request but inside it.
The client's network backend (``_GuardedBackend.connect_tcp``) resolves the host once, checks every
address, and opens the socket to the address it checked, so a second DNS answer is never asked for.
TLS still verifies the certificate against the URL's host name (httpcore passes the origin host as
SNI), so pinning the address does not weaken HTTPS. Redirects are followed by hand, never by httpx,
and each hop goes through the same backend. Environment proxies are ignored (``trust_env=False``):
a proxy would resolve names itself, out of the guard's sight.

Limits that remain, stated honestly:
- A ``client`` passed in by the caller that ``make_client`` did not build (or built with
  ``allow_private=True`` while the call asks for the guard) does not pin its connections. For such
  a client each hop's host is resolved and checked just before the request, and a rebinding DNS
  server could answer differently a moment later. Build shared clients with ``make_client`` to
  avoid that window; with one, the stricter of its guard and the call's ``allow_private`` applies.
- ``timeout`` bounds each connect and each read, and the whole fetch is also stopped between two
  reads once it has run longer than ``timeout``; so a slow server is cut off after at most about
  twice ``timeout``. The DNS lookup itself (``socket.getaddrinfo``) has no timeout of ours.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
import weakref
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

from .errors import FetchError, InputError
from .ingest import decode

__all__ = ["Page", "fetch_url", "make_client", "check_address", "USER_AGENT"]

USER_AGENT = "newsbrief/0.1 (+https://github.com/newsbrief)"
# What a news page can be. Anything else (images, PDFs, JSON, archives) is refused before its body
# is read. A response with no Content-Type at all is let through: the decode step still refuses
# binary data, and some small servers omit the header on plain HTML.
ALLOWED_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8"
# The cloud metadata services (AWS, GCP, Azure, ...): named apart in the error because reaching
# them is the classic goal of an SSRF attack, though they are link-local/private anyway.
_METADATA_ADDRESSES = frozenset({ipaddress.ip_address("169.254.169.254"),
                                 ipaddress.ip_address("fd00:ec2::254")})
# 192.0.0.0/24 is for IETF protocol use, never a web server; Python 3.11 counts parts of it global.
_IETF_PROTOCOL = ipaddress.ip_network("192.0.0.0/24")
# IPv6 prefix for NAT64 (RFC 6052): the last 32 bits are an IPv4 address a gateway will reach.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
# Long URLs in an error message hide the reason at the end of the line.
_MAX_URL_IN_MESSAGE = 200
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


@dataclass(frozen=True)
class Page:
    """One fetched page: where it ended up, and its body decoded to text."""

    url: str  # final URL after redirects
    status: int
    content_type: str
    text: str


# ---------------------------------------------------------------------------------------------
# The address guard


def _blocked_reason(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why this address must not be fetched from, or None when it is a public address."""
    if ip in _METADATA_ADDRESSES:
        return "a cloud metadata address"
    if isinstance(ip, ipaddress.IPv6Address):
        # An IPv4-mapped address (::ffff:a.b.c.d) is that IPv4 address; so is a NAT64 one (what
        # DNS64 answers on IPv6-only networks), which a gateway translates to the IPv4 inside.
        if ip.ipv4_mapped is not None:
            return _blocked_reason(ip.ipv4_mapped)
        if ip in _NAT64:
            return _blocked_reason(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
        # 6to4 and Teredo addresses lead to the IPv4 address inside them: refuse when that one is
        # refused, then judge the IPv6 address itself as well.
        embedded = ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None and (reason := _blocked_reason(embedded)):
            return reason
    for attr, name in (("is_loopback", "a loopback"), ("is_unspecified", "an unspecified"),
                       ("is_link_local", "a link-local"), ("is_multicast", "a multicast"),
                       ("is_private", "a private"), ("is_reserved", "a reserved")):
        if getattr(ip, attr):
            return f"{name} address"
    # Catches what the flags above miss: carrier-grade NAT 100.64.0.0/10, benchmarking and
    # documentation ranges, and so on.
    if not ip.is_global or ip in _IETF_PROTOCOL:
        return "a non-public address"
    return None


def check_address(address: str) -> None:
    """Raise ``FetchError`` if an IP address (text, IPv6 scope allowed) is not a public one."""
    reason = _blocked_reason(ipaddress.ip_address(address.split("%", 1)[0]))
    if reason is not None:
        raise FetchError(f"{address} is {reason}")


class _Refused(FetchError):
    """Raised by the guard, which does not know the URL; ``fetch_url`` adds it to the message."""


def _resolve(host: str, port: int) -> list[tuple[int, str]]:
    """(family, address) for every address of ``host``, in the resolver's order."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        raise _Refused(f"DNS lookup failed for {host} ({e.strerror or e})") from None
    except UnicodeError:
        raise _Refused(f"{host} is not a valid host name") from None
    out: list[tuple[int, str]] = []
    for family, _type, _proto, _canon, sockaddr in infos:
        if family in (socket.AF_INET, socket.AF_INET6) and (family, sockaddr[0]) not in out:
            out.append((family, str(sockaddr[0])))
    if not out:
        raise _Refused(f"DNS lookup for {host} gave no IPv4 or IPv6 address")
    return out


def _checked_addresses(host: str, port: int, allow_private: bool) -> list[str]:
    """The addresses of ``host``; unless ``allow_private``, refused if any one is not public."""
    addresses = [a for _family, a in _resolve(host, port)]
    if not allow_private:
        for address in addresses:
            reason = _blocked_reason(ipaddress.ip_address(address.split("%", 1)[0]))
            if reason is not None:
                what = f"{host} is" if host == address else f"{host} resolves to {address},"
                raise _Refused(f"refused: {what} {reason} "
                                 "(fetching from your own network needs --allow-private)")
    return addresses


class _GuardedBackend(httpcore.SyncBackend):
    """Resolve, check, and connect to the checked address, in one step (see the module notes)."""

    def __init__(self, *, allow_private: bool) -> None:
        self.allow_private = allow_private

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:
        last: Exception | None = None
        for address in _checked_addresses(host, port, self.allow_private):
            try:
                return super().connect_tcp(address, port, timeout=timeout,
                                           local_address=local_address,
                                           socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as e:
                last = e  # try the host's next address, as socket.create_connection does
        assert last is not None
        raise last


# Clients made by make_client -> whether their guard refuses private addresses. Weak, so a client
# the caller drops is not kept alive here.
_STRICT_CLIENTS: weakref.WeakKeyDictionary[httpx.Client, bool] = weakref.WeakKeyDictionary()


class _GuardedTransport(httpx.HTTPTransport):
    def __init__(self, *, allow_private: bool) -> None:
        super().__init__(trust_env=False)
        # httpx gives no argument to choose httpcore's network backend, so the pool it built is
        # replaced by one with our backend and httpx's default SSL context (verification on).
        self._pool.close()
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            network_backend=_GuardedBackend(allow_private=allow_private),
        )


def make_client(*, allow_private: bool = False, timeout: float = 10.0) -> httpx.Client:
    """An httpx client whose every connection goes through the address guard (pinned, so no DNS
    rebinding window). Reuse one across calls to ``fetch_url(client=...)`` to pool connections;
    the stricter of its own ``allow_private`` and the call's applies."""
    client = httpx.Client(
        transport=_GuardedTransport(allow_private=allow_private),
        headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT},
        timeout=httpx.Timeout(timeout),
        follow_redirects=False,
        trust_env=False,
    )
    _STRICT_CLIENTS[client] = not allow_private
    return client


# ---------------------------------------------------------------------------------------------
# Fetching


def _shown(url: str | httpx.URL) -> str:
    """The URL as printed in an error: no password, no control characters, not too long."""
    text = re.sub(r"//[^/?#@\s]*@", "//", str(url), count=1)
    text = re.sub(r"[\x00-\x1f\x7f]", "", text)
    return text if len(text) <= _MAX_URL_IN_MESSAGE else text[:_MAX_URL_IN_MESSAGE] + "..."


def _fail(url: str | httpx.URL, reason: str) -> FetchError:
    reason = " ".join(str(reason).split())
    return FetchError(f"cannot fetch {_shown(url)}: {reason}")


def _parse(url: str, shown: str | None = None) -> httpx.URL:
    shown = url if shown is None else shown
    try:
        u = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as e:
        raise _fail(shown, f"not a valid URL ({e})") from None
    if u.scheme not in ("http", "https"):
        raise _fail(shown, f"the {u.scheme} scheme is not supported (only http and https URLs)"
                    if u.scheme else "not an http or https URL (no scheme given)")
    if not u.host:
        raise _fail(shown, "the URL has no host")
    return u


def _network_reason(e: httpx.HTTPError, timeout: float) -> str:
    if isinstance(e, httpx.TimeoutException):
        return f"timed out after {timeout:g} s"
    chain: BaseException | None = e
    while chain is not None:
        if isinstance(chain, ConnectionRefusedError):
            return "connection refused"
        chain = chain.__cause__ or chain.__context__
    text = str(e) or type(e).__name__
    if "CERTIFICATE_VERIFY_FAILED" in text or "SSL" in text:
        return f"TLS error ({text})"
    if isinstance(e, httpx.ConnectError):
        return f"could not connect ({text})"
    if isinstance(e, httpx.RemoteProtocolError):
        return f"the server broke the HTTP protocol ({text})"
    return f"{type(e).__name__} ({text})"


def _content_type(response: httpx.Response) -> tuple[str, str | None]:
    """(media type, charset or None) from the Content-Type header."""
    raw = response.headers.get("content-type", "")
    parts = [p.strip() for p in raw.split(";")]
    media = parts[0].lower()
    charset = None
    for p in parts[1:]:
        key, _, value = p.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media, charset


def _read_body(response: httpx.Response, url: httpx.URL, max_bytes: int, deadline: float,
               timeout: float) -> bytes:
    length = response.headers.get("content-length")
    if length is not None and length.strip().isdigit() and int(length) > max_bytes:
        raise _fail(url, f"too large ({int(length):,} bytes announced, limit {max_bytes:,})")
    chunks: list[bytes] = []
    size = 0
    # iter_bytes yields decompressed bytes, so a small gzip bomb is stopped here too.
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise _fail(url, f"too large (more than {max_bytes:,} bytes)")
        if time.monotonic() > deadline:
            raise _fail(url, f"timed out after {timeout:g} s (the body came too slowly)")
        chunks.append(chunk)
    return b"".join(chunks)


def _codec(label: str | None) -> str | None:
    """A Python codec for a declared charset; browsers read latin-1 labels as windows-1252."""
    if not label:
        return None
    import codecs

    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def _decode(data: bytes, url: httpx.URL, charset: str | None) -> str:
    if not data.strip():
        raise _fail(url, "the server sent an empty body")
    name = f"cannot fetch {_shown(url)}: the body"
    # Valid UTF-8 wins over a declared charset: mislabelled UTF-8 pages are common, while text in
    # another encoding almost never happens to be valid UTF-8. Otherwise the header's charset,
    # then the page's own <meta charset>, then detection (inside ingest.decode).
    try:
        data.decode("utf-8")
        declared = None
    except UnicodeDecodeError:
        meta = _META_CHARSET.search(data[:4096])
        declared = _codec(charset) or _codec(meta.group(1).decode("ascii") if meta else None)
    try:
        if declared and b"\x00" not in data[:65536]:
            try:
                text = data.decode(declared)
            except UnicodeDecodeError:
                return decode(data, name=name)
            # Re-encoded only to run decode's checks (binary junk) on the text whatever its charset.
            return decode(text.encode("utf-8"), name=name)
        return decode(data, name=name)
    except FetchError:
        raise
    except InputError as e:
        raise FetchError(str(e)) from None


def fetch_url(url: str, *, allow_private: bool = False, timeout: float = 10.0,
              max_bytes: int = 5_000_000, max_redirects: int = 5,
              client: httpx.Client | None = None) -> Page:
    """GET one page, following up to ``max_redirects`` redirects, each hop guarded.

    Raises ``FetchError`` (one line, naming the URL and the reason) for anything that goes wrong.
    ``client``: an httpx client to reuse; best made with ``make_client`` (see the module notes).
    """
    if not isinstance(url, str):
        raise FetchError(f"cannot fetch {url!r}: a URL must be a string")
    current = _parse(url.strip())
    own = client is None
    http = make_client(allow_private=allow_private, timeout=timeout) if own else client
    assert http is not None
    deadline = time.monotonic() + timeout
    try:
        for hop in range(max_redirects + 1):
            if not allow_private and _STRICT_CLIENTS.get(http) is not True:
                # Not a client whose connections are guarded and pinned: check just before the
                # request (see the module notes for the window this leaves).
                try:
                    _checked_addresses(current.host, current.port or
                                       (443 if current.scheme == "https" else 80), False)
                except _Refused as e:
                    raise _fail(current, str(e)) from None
            try:
                # follow_redirects=False even if the caller's client follows them: every hop must
                # pass through this loop and its checks.
                with http.stream("GET", current, timeout=timeout,
                                 follow_redirects=False) as response:
                    status = response.status_code
                    if status in _REDIRECT_STATUSES and "location" in response.headers:
                        target = response.headers["location"]
                        try:
                            nxt = current.join(target)
                        except httpx.InvalidURL as e:
                            raise _fail(current, f"redirect to an invalid URL ({e})") from None
                        if hop == max_redirects:
                            raise _fail(url, f"too many redirects (more than {max_redirects})")
                        # Shown as the server wrote it when refused (joining normalizes it).
                        current = _parse(str(nxt), shown=target if nxt.scheme not in
                                         ("http", "https") else None)
                        continue
                    if status >= 300:
                        phrase = response.reason_phrase or ""
                        raise _fail(current, f"the server answered HTTP {status} {phrase}".strip())
                    media, charset = _content_type(response)
                    if media and media not in ALLOWED_CONTENT_TYPES:
                        raise _fail(current, f"content type {media} is not a web page "
                                    "(only HTML, XHTML and plain text are read)")
                    body = _read_body(response, current, max_bytes, deadline, timeout)
                    final = current
                    break
            except _Refused as e:  # from the guard, inside the backend
                raise _fail(current, str(e)) from None
            except httpx.HTTPError as e:
                raise _fail(current, _network_reason(e, timeout)) from None
        else:  # pragma: no cover - the loop always breaks or raises
            raise _fail(url, f"too many redirects (more than {max_redirects})")
    finally:
        if own:
            http.close()
    return Page(url=str(final), status=status, content_type=media,
                text=_decode(body, final, charset))
