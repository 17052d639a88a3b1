"""Fetch web pages and feeds with httpx, politely and safely.

A server that runs `detente extract URL` on behalf of users must not become a
proxy into its own network, so every connection (including each redirect hop
and each DNS answer) is checked against private, loopback and link-local
ranges unless the caller opts in with ``allow_private``. Downloads are capped in
size, retried with backoff on transient failures, and spaced per host.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

try:
    from importlib.metadata import version as _dist_version

    _VERSION = _dist_version("detente")
except Exception:  # pragma: no cover - running from a source tree without metadata
    _VERSION = "0"

DEFAULT_USER_AGENT = (
    f"detente/{_VERSION} (open-source news event coder; article extraction; python-httpx)"
)
DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 25 * 1024 * 1024
DEFAULT_RETRIES = 2
DEFAULT_BACKOFF = 1.0
DEFAULT_HOST_DELAY = 1.0
MAX_REDIRECTS = 5
MAX_RETRY_AFTER = 30.0

HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/feed+json",
)
TEXT_TYPES = ("text/plain",)
ACCEPTED_TYPES = HTML_TYPES + FEED_TYPES + TEXT_TYPES
RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}


class FetchError(Exception):
    """A URL could not be fetched; the message says why, for the user."""


class BlockedAddressError(FetchError):
    """The URL resolves to an address the fetcher may not contact."""


@dataclass
class FetchResult:
    """A downloaded body with the facts needed to decide how to read it."""

    url: str  # final URL after redirects
    content: bytes
    content_type: str  # media type without parameters, lower case ("" if absent)
    charset: str | None
    status: int


def is_public_address(ip: str) -> bool:
    """True when `ip` is a globally routable unicast address."""
    addr = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    return bool(addr.is_global) and not addr.is_multicast


def check_host(host: str, port: int, allow_private: bool) -> list[str]:
    """Resolve `host` and return its addresses, refusing non-public ones.

    Every answer is checked, not only the first: a name that resolves to both a
    public and a private address is refused.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc.strerror or exc}") from None
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not allow_private:
        for ip in addresses:
            if not is_public_address(ip):
                raise BlockedAddressError(
                    f"refusing to fetch from {host} ({ip}): private, loopback or "
                    "link-local address (use --allow-private to permit)"
                )
    return addresses


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore network backend that connects only to checked addresses.

    The check happens at connection time on the very addresses used for the
    socket, so a DNS answer that changes between check and connect (DNS
    rebinding) cannot reach a private address.
    """

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[tuple] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = check_host(host, port, self.allow_private)
        last_exc: Exception | None = None
        for ip in addresses:
            try:
                return self._inner.connect_tcp(
                    ip, port, timeout=timeout, local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last_exc = exc
        assert last_exc is not None
        raise last_exc

    def connect_unix_socket(self, *args, **kwargs):  # noqa: ANN002, ANN003
        raise BlockedAddressError("unix sockets are not allowed")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class _GuardedTransport(httpx.HTTPTransport):
    """httpx transport whose connection pool uses `GuardedBackend`."""

    def __init__(self, allow_private: bool) -> None:
        super().__init__(trust_env=False)
        # httpx 0.28 has no public hook for the network backend; swap the pool
        # for an identical one built with the guarded backend.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            network_backend=GuardedBackend(allow_private),
        )


def _parse_content_type(header: str) -> tuple[str, str | None]:
    media, _, params = header.partition(";")
    charset = None
    for part in params.split(";"):
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip().strip('"').lower()
    return media.strip().lower(), charset


def _human(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n} bytes"


class Fetcher:
    """Sequential HTTP(S) fetcher with safety limits and per-host politeness.

    One instance should be reused for a whole batch so that connection reuse
    and the per-host delay work across URLs.
    """

    def __init__(
        self,
        *,
        allow_private: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
        max_bytes: int = DEFAULT_MAX_BYTES,
        retries: int = DEFAULT_RETRIES,
        backoff: float = DEFAULT_BACKOFF,
        host_delay: float = DEFAULT_HOST_DELAY,
        user_agent: str = DEFAULT_USER_AGENT,
        accepted_types: tuple[str, ...] = ACCEPTED_TYPES,
    ) -> None:
        self.allow_private = allow_private
        self.max_bytes = max_bytes
        self.retries = retries
        self.backoff = backoff
        self.host_delay = host_delay
        self.accepted_types = accepted_types
        self._last_request: dict[str, float] = {}
        self._lock = threading.Lock()
        self._client = httpx.Client(
            transport=_GuardedTransport(allow_private),
            timeout=httpx.Timeout(timeout),
            headers={
                "User-Agent": user_agent,
                "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
                "application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
            },
            follow_redirects=False,
            trust_env=False,
        )
        self.timeout = timeout

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release pooled connections."""
        self._client.close()

    def _wait_for_host(self, host: str) -> None:
        with self._lock:
            last = self._last_request.get(host)
            now = time.monotonic()
            if last is not None and now - last < self.host_delay:
                time.sleep(self.host_delay - (now - last))
            self._last_request[host] = time.monotonic()

    def _check_url(self, url: str) -> tuple[str, int]:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise FetchError(f"unsupported URL scheme {parts.scheme!r} (only http and https)")
        if not parts.hostname:
            raise FetchError("URL has no host")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        # Fail early with a clear message; GuardedBackend re-checks on connect.
        check_host(parts.hostname, port, self.allow_private)
        return parts.hostname, port

    def get(self, url: str) -> FetchResult:
        """Download `url` (following up to 5 redirects) or raise FetchError."""
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            host, _port = self._check_url(current)
            response_or_redirect = self._get_once(current, host)
            if isinstance(response_or_redirect, FetchResult):
                return response_or_redirect
            current = response_or_redirect
        raise FetchError(f"too many redirects (more than {MAX_REDIRECTS})")

    def _get_once(self, url: str, host: str) -> FetchResult | str:
        """One URL with retries; returns the result or the redirect target."""
        attempts = self.retries + 1
        last_error = ""
        delay = 0.0
        for attempt in range(attempts):
            if attempt:
                time.sleep(delay)
            self._wait_for_host(host)
            try:
                return self._request(url)
            except _Retryable as exc:
                last_error = str(exc)
                delay = self.backoff * (2**attempt)
                if exc.retry_after is not None:
                    delay = max(delay, min(exc.retry_after, MAX_RETRY_AFTER))
        plural = "attempt" if attempts == 1 else "attempts"
        raise FetchError(f"{last_error} (gave up after {attempts} {plural})")

    def _request(self, url: str) -> FetchResult | str:
        try:
            with self._client.stream("GET", url) as response:
                if response.is_redirect:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(f"HTTP {response.status_code} redirect without Location")
                    return urljoin(url, location)
                if response.status_code in RETRY_STATUS:
                    raise _Retryable(
                        f"HTTP {response.status_code} {response.reason_phrase}".strip(),
                        _retry_after(response.headers.get("retry-after")),
                    )
                if response.status_code >= 400:
                    raise FetchError(
                        f"HTTP {response.status_code} {response.reason_phrase}".strip()
                    )
                media, charset = _parse_content_type(response.headers.get("content-type", ""))
                if media and not media.startswith(self.accepted_types):
                    raise FetchError(
                        f"unsupported content type {media!r} (expected HTML, a feed or text)"
                    )
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.max_bytes:
                    raise FetchError(
                        f"response too large ({_human(int(declared))}, "
                        f"limit {_human(self.max_bytes)})"
                    )
                chunks: list[bytes] = []
                size = 0
                deadline = time.monotonic() + 3 * self.timeout
                for chunk in response.iter_bytes():
                    if time.monotonic() > deadline:
                        raise _Retryable(f"download took longer than {3 * self.timeout:g} s", None)
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise FetchError(
                            f"response too large (over the {_human(self.max_bytes)} limit)"
                        )
                    chunks.append(chunk)
                return FetchResult(
                    url=str(response.url),
                    content=b"".join(chunks),
                    content_type=media,
                    charset=charset,
                    status=response.status_code,
                )
        except httpx.TimeoutException:
            raise _Retryable(f"timed out after {self.timeout:g} s", None) from None
        except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError) as exc:
            raise _Retryable(f"connection failed: {exc}", None) from None
        except httpx.HTTPError as exc:
            raise FetchError(f"HTTP error: {exc}") from None


class _Retryable(Exception):
    def __init__(self, message: str, retry_after: float | None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def _retry_after(value: str | None) -> float | None:
    if value and value.strip().isdigit():
        return float(value.strip())
    return None
