"""Fetching over HTTP against a local server on 127.0.0.1: retries, caps, refusals, feeds."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from detente.ingest import Fetcher, FetchError, iter_articles
from detente.ingest.fetch import BlockedAddressError, GuardedBackend, check_host, is_public_address

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
ARTICLE = (FIXTURES / "article.html").read_bytes()
STORY = (
    "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    "<p>Negotiators from both sides met on Monday in the capital and agreed to extend the "
    "ceasefire by a further thirty days, the mediators said in a statement.</p>"
    "<p>The agreement also provides for the exchange of prisoners and for aid convoys to "
    "reach the besieged towns in the north before the end of the month.</p>"
    "</article></body></html>"
)
FULL_TEXT = " ".join(["The envoy said the talks had been constructive and would continue."] * 25)


def rss(base: str) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Local Wire</title><link>{base}/</link><description>test feed</description>
<item><title>Ceasefire extended</title><link>{base}/story/1</link>
<pubDate>Tue, 04 Jun 2024 08:00:00 GMT</pubDate><description>Teaser only.</description></item>
<item><title>Envoy upbeat</title><link>{base}/never-fetched</link>
<pubDate>Wed, 05 Jun 2024 08:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>{FULL_TEXT}</p>]]></content:encoded></item>
<item><title>Broken link</title><link>{base}/missing</link></item>
</channel></rss>""".encode()


class Handler(BaseHTTPRequestHandler):
    hits: Counter = Counter()

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
              length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        path = self.path
        Handler.hits[path] += 1
        base = f"http://127.0.0.1:{self.server.server_port}"
        if path == "/article":
            self._send(200, ARTICLE)
        elif path.startswith("/story/"):
            self._send(200, STORY.format(title=f"Story {path.rsplit('/', 1)[1]}").encode())
        elif path == "/flaky":  # fails twice, then works
            if Handler.hits[path] <= 2:
                self._send(503, b"busy")
            else:
                self._send(200, STORY.format(title="Flaky").encode())
        elif path == "/error":
            self._send(500, b"oops")
        elif path == "/missing":
            self._send(404, b"nope")
        elif path == "/slow":
            time.sleep(1.5)
            self._send(200, ARTICLE)
        elif path == "/big-declared":
            self._send(200, b"x" * 5000)
        elif path == "/big-stream":  # no Content-Length: the cap applies while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            for _ in range(10):
                self.wfile.write(b"<p>" + b"y" * 1000 + b"</p>")
        elif path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n", ctype="image/png")
        elif path == "/feed":
            self._send(200, rss(base), ctype="application/rss+xml")
        elif path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self._send(404, b"")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def fetcher(**kwargs: object) -> Fetcher:
    options = {"allow_private": True, "timeout": 0.5, "retries": 2, "backoff": 0.01,
               "host_delay": 0.0, "max_bytes": 100_000}
    options.update(kwargs)
    return Fetcher(**options)  # type: ignore[arg-type]


def test_fetch_page_and_follow_redirect(server: str) -> None:
    with fetcher() as f:
        result = f.get(f"{server}/redirect")
    assert result.url == f"{server}/article"
    assert result.content == ARTICLE and result.content_type == "text/html"


def test_retries_with_backoff_then_success(server: str) -> None:
    with fetcher(retries=2) as f:
        result = f.get(f"{server}/flaky")
    assert result.status == 200 and Handler.hits["/flaky"] == 3


def test_server_error_gives_up_after_retries(server: str) -> None:
    before = Handler.hits["/error"]
    with fetcher(retries=1) as f, pytest.raises(FetchError, match=r"HTTP 500.*2 attempts"):
        f.get(f"{server}/error")
    assert Handler.hits["/error"] - before == 2


def test_client_error_is_not_retried(server: str) -> None:
    before = Handler.hits["/missing"]
    with fetcher() as f, pytest.raises(FetchError, match="HTTP 404"):
        f.get(f"{server}/missing")
    assert Handler.hits["/missing"] - before == 1


def test_timeout(server: str) -> None:
    started = time.monotonic()
    with fetcher(timeout=0.2, retries=1) as f, pytest.raises(FetchError, match="timed out"):
        f.get(f"{server}/slow")
    assert time.monotonic() - started < 3


def test_size_cap_declared_and_streamed(server: str) -> None:
    with fetcher(max_bytes=1000) as f:
        with pytest.raises(FetchError, match="too large"):
            f.get(f"{server}/big-declared")
        with pytest.raises(FetchError, match="too large"):
            f.get(f"{server}/big-stream")


def test_content_type_check(server: str) -> None:
    with fetcher() as f, pytest.raises(FetchError, match="unsupported content type 'image/png'"):
        f.get(f"{server}/image")


def test_private_addresses_are_refused_by_default(server: str) -> None:
    with Fetcher(timeout=0.5, host_delay=0) as f:
        with pytest.raises(BlockedAddressError, match="--allow-private"):
            f.get(f"{server}/article")
        with pytest.raises(FetchError, match="scheme"):
            f.get("file:///etc/passwd")
    problems: list[tuple[str, str]] = []
    assert list(iter_articles([f"{server}/article"],
                              on_error=lambda s, m: problems.append((s, m)))) == []
    assert problems and problems[0][0] == f"{server}/article"
    assert "refusing" in problems[0][1] and "127.0.0.1" in problems[0][1]


def test_guarded_backend_checks_the_connected_address() -> None:
    with pytest.raises(BlockedAddressError):
        GuardedBackend(allow_private=False).connect_tcp("127.0.0.1", 9)


@pytest.mark.parametrize("ip", ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1",
                                "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fe80::1",
                                "fc00::1", "::ffff:127.0.0.1", "224.0.0.1"])
def test_non_public_addresses(ip: str) -> None:
    assert not is_public_address(ip)
    with pytest.raises(BlockedAddressError):
        check_host(ip, 80, allow_private=False)


def test_public_addresses_pass() -> None:
    assert is_public_address("93.184.216.34") and is_public_address("2606:4700::1111")


def test_per_host_politeness_delay(server: str) -> None:
    with fetcher(host_delay=0.3) as f:
        started = time.monotonic()
        f.get(f"{server}/story/a")
        f.get(f"{server}/story/b")
        f.get(f"{server}/story/c")
    assert time.monotonic() - started >= 0.6


def test_iter_articles_on_urls_and_feeds(server: str) -> None:
    problems: list[tuple[str, str]] = []
    Handler.hits["/never-fetched"] = 0
    articles = list(iter_articles(
        [f"{server}/article", f"{server}/feed", f"{server}/error"], allow_private=True,
        on_error=lambda s, m: problems.append((s, m)),
        fetch_options={"timeout": 0.5, "retries": 1, "backoff": 0.01, "host_delay": 0.0},
    ))
    assert [a.source_kind for a in articles] == ["url", "feed", "feed"]
    page, story, full = articles
    assert page.title.startswith("Envoys meet in Geneva") and page.url == f"{server}/article"
    assert story.title == "Ceasefire extended" and story.date == "2024-06-04"
    assert story.sitename == "Local Wire" and "ceasefire by a further thirty days" in story.text
    assert full.title == "Envoy upbeat" and full.text.startswith("The envoy said")
    assert Handler.hits["/never-fetched"] == 0  # full text in the feed: no fetch
    assert [s for s, _ in problems] == [f"{server}/missing", f"{server}/error"]
    assert "HTTP 404" in problems[0][1] and "HTTP 500" in problems[1][1]
