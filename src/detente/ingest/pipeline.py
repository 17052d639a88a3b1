"""`iter_articles`: every kind of source in, clean `Article` records out.

One loop drives all readers so that the rules are the same whatever the
source: a problem with one file, record or URL is reported through
`on_error(source, message)` and the batch goes on; documents skipped for
their language or for having no article are reported too, never dropped
silently; near-duplicates are linked, not removed.
"""

from __future__ import annotations

import functools
import gzip
import logging
import os
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from detente.ingest.dedup import Deduplicator
from detente.ingest.feeds import FeedEntry, parse_feed
from detente.ingest.fetch import (
    DEFAULT_MAX_BYTES,
    FEED_TYPES,
    HTML_TYPES,
    Fetcher,
    FetchError,
)
from detente.ingest.html import extract_html
from detente.ingest.language import detect_language, is_unwanted_language
from detente.ingest.progress import Tracker
from detente.ingest.sources import Input, open_input, resolve_sources, sniff_kind
from detente.ingest.tables import (
    Record,
    RecordProblem,
    iter_csv,
    iter_json,
    iter_jsonl,
    iter_parquet,
)
from detente.ingest.text import clean_text, normalize_whitespace
from detente.ingest.util import IngestError, content_id, decode_text
from detente.ingest.warc import WarcProblem, iter_warc
from detente.model import Article

__all__ = ["IngestStats", "RawDoc", "build_article", "iter_articles"]

LOGGER = logging.getLogger("detente.ingest")
MIN_PAGE_CHARS = 80  # less text than this on a whole web page is navigation, not an article
SINGLE_DOCUMENT_KINDS = ("html", "text", "feed", "json")
LANGUAGE_NAMES = {"en": "English", "fr": "French", "de": "German", "es": "Spanish"}

ErrorHandler = Callable[[str, str], None]


@dataclass
class RawDoc:
    """A document before extraction: HTML or text plus whatever metadata came with it."""

    source: str
    kind: str
    html: bytes | str | None = None
    text: str | None = None
    id: str | None = None
    url: str | None = None
    title: str | None = None
    date: str | None = None
    author: str | None = None
    sitename: str | None = None
    language: str | None = None
    detect_title: bool = True
    structural: bool = True  # layout-based cleaning; off for table cells the user wrote
    fragment: bool = False  # HTML from a feed entry, not a whole page


@dataclass
class Problem:
    source: str
    message: str
    reason: str = "error"  # error, no_text, language
    detail: str | None = None  # the detected language, for reason "language"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@dataclass
class IngestStats:
    """What happened to every input, for the summary line and for tests."""

    inputs: int = 0
    documents: int = 0
    articles: int = 0
    duplicates: int = 0
    errors: int = 0
    no_text: int = 0
    skipped_language: Counter = field(default_factory=Counter)

    @property
    def skipped(self) -> int:
        return self.no_text + sum(self.skipped_language.values())

    def summary(self) -> str:
        """One line for stderr: counts of everything read, kept and skipped."""
        parts = [f"{_count(self.articles, 'article')} from {_count(self.inputs, 'input')}"]
        if self.duplicates:
            parts.append(f"{_count(self.duplicates, 'near-duplicate')} linked")
        if self.skipped_language:
            langs = ", ".join(f"{k}: {v}" for k, v in self.skipped_language.most_common())
            parts.append(f"{sum(self.skipped_language.values())} skipped for language ({langs})")
        if self.no_text:
            parts.append(f"{self.no_text} without article text")
        if self.errors:
            parts.append(_count(self.errors, "error"))
        return "; ".join(parts)


@dataclass
class _Context:
    input_format: str | None
    allow_private: bool
    max_bytes: int
    mode: str
    clean: bool
    fetch_links: bool
    fetch_options: dict[str, Any]
    tracker: Tracker
    fetcher: Fetcher | None = None
    own_fetcher: bool = False

    def get_fetcher(self) -> Fetcher:
        if self.fetcher is None:
            options = {"max_bytes": self.max_bytes, **self.fetch_options}
            self.fetcher = Fetcher(allow_private=self.allow_private, **options)
            self.own_fetcher = True
        return self.fetcher


def _default_on_error(source: str, message: str) -> None:
    LOGGER.warning("%s: %s", source, message)


def _language_message(detected: str, languages: tuple[str, ...]) -> str:
    if tuple(languages) == ("en",):
        return f"not English (detected: {detected})"
    wanted = ", ".join(LANGUAGE_NAMES.get(code, code) for code in languages)
    return f"not in {wanted} (detected: {detected})"


def _fragment_text(html: str) -> str:
    """Paragraph text of an HTML fragment trafilatura found too small to judge."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # noqa: BLE001 - lxml raises several kinds on junk
        return ""
    blocks = [" ".join(el.text_content().split()) for el in root.iter(
        "p", "li", "blockquote", "h2", "h3", "h4", "pre")]
    blocks = [b for b in blocks if b]
    return "\n\n".join(blocks) if blocks else " ".join(root.text_content().split())


def _as_str(html: bytes | str) -> str:
    return html if isinstance(html, str) else decode_text(html)


def _is_fragment(html: bytes | str) -> bool:
    """A snippet such as "<p>...</p>" rather than a page with <html> or <body>."""
    head = (html[:4096] if isinstance(html, bytes) else html[:4096].encode()).lower()
    return b"<html" not in head and b"<body" not in head and len(html) < 200_000


def build_article(
    raw: RawDoc,
    *,
    languages: tuple[str, ...] | None = ("en",),
    mode: str = "fast",
    clean: bool = True,
) -> Article | Problem:
    """Extract, clean, identify and hash one document."""
    title, date, author, sitename, url = raw.title, raw.date, raw.author, raw.sitename, raw.url
    if raw.html is not None:
        html = raw.html
        if raw.fragment:
            html = f"<html><body><article>{html}</article></body></html>"
        page = extract_html(html, url=raw.url, mode=mode)
        if page is None and (raw.fragment or _is_fragment(raw.html)):
            text = _fragment_text(_as_str(raw.html))
        elif page is None:
            return Problem(raw.source, "no article text found in the page", "no_text")
        else:
            text = page.text
            title = title or page.title
            date = date or page.date
            author = author or page.author
            sitename = sitename or page.sitename
            url = url or page.url
        if clean and text:
            text = clean_text(text, title=title or "", detect_title=False, structural=False).text
        if page is not None and len(text) < MIN_PAGE_CHARS:
            return Problem(raw.source, "no article text found in the page", "no_text")
    else:
        source_text = raw.text or ""
        if clean:
            cleaned = clean_text(source_text, title=title, detect_title=raw.detect_title,
                                 structural=raw.structural)
            text = cleaned.text
            title = title or cleaned.title
            date = date or cleaned.date
            author = author or cleaned.author
        else:
            text = normalize_whitespace(source_text)
    if not text.strip():
        return Problem(raw.source, "no article text left after removing page furniture", "no_text")
    language = raw.language
    if language is None:
        language, probability = detect_language(text)
        if is_unwanted_language(language, probability, text, languages):
            assert language is not None and languages is not None
            return Problem(raw.source, _language_message(language, languages), "language",
                           language)
    elif languages and language not in languages:
        return Problem(raw.source, _language_message(language, languages), "language", language)
    return Article(
        id=raw.id or content_id(text),
        text=text,
        path=raw.source,
        url=url,
        title=title,
        date=date,
        author=author,
        sitename=sitename,
        language=language,
        source_kind=raw.kind,
    )


def _read_capped(stream: BinaryIO, max_bytes: int, what: str = "file") -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise IngestError(f"{what} too large (over the {_mb(max_bytes)} limit; see --max-size)")
    return data


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB"


def _feed_docs(
    entries: list[FeedEntry], feed_name: str, ctx: _Context
) -> Iterator[RawDoc | Problem]:
    for index, entry in enumerate(entries, start=1):
        source = entry.link or f"{feed_name}#{index}"
        meta = {
            "url": entry.link, "title": entry.title, "date": entry.date,
            "author": entry.author, "sitename": entry.sitename,
        }
        if entry.content_html:
            yield RawDoc(source=source, kind="feed", html=entry.content_html, fragment=True, **meta)
        elif entry.link and ctx.fetch_links:
            try:
                result = ctx.get_fetcher().get(entry.link)
            except FetchError as exc:
                yield Problem(source, str(exc))
                continue
            meta["url"] = result.url
            yield RawDoc(source=source, kind="feed", html=result.content, **meta)
        elif entry.summary_html:
            yield RawDoc(source=source, kind="feed", html=entry.summary_html, fragment=True, **meta)
        else:
            yield Problem(source, "feed entry has neither text nor a link")


def _table_docs(
    records: Iterable[Record | RecordProblem], name: str, kind: str
) -> Iterator[RawDoc | Problem]:
    for record in records:
        source = f"{name}:{record.line}"
        if isinstance(record, RecordProblem):
            yield Problem(source, record.message)
            continue
        f = record.fields
        yield RawDoc(
            source=source, kind=kind, html=f.get("html") if not f.get("text") else None,
            text=f.get("text"), id=f.get("id"), url=f.get("url"), title=f.get("title"),
            date=f.get("date"), author=f.get("author"), sitename=f.get("sitename"),
            language=f.get("language"), detect_title=False, structural=False,
        )


def _read_stream(
    stream: BinaryIO, kind: str, name: str, ctx: _Context, url: str | None = None
) -> Iterator[RawDoc | Problem]:
    """Documents in one opened input of a known kind."""
    if kind == "html":
        yield RawDoc(source=name, kind="url" if url else "html",
                     html=_read_capped(stream, ctx.max_bytes), url=url)
    elif kind == "text":
        text = decode_text(_read_capped(stream, ctx.max_bytes))
        yield RawDoc(source=name, kind="url" if url else "text", text=text, url=url)
    elif kind == "feed":
        entries = parse_feed(_read_capped(stream, ctx.max_bytes), url)
        if not entries:
            yield Problem(name, "feed has no entries", "no_text")
        yield from _feed_docs(entries, name, ctx)
    elif kind == "warc":
        for item in iter_warc(stream, ctx.max_bytes):
            if isinstance(item, WarcProblem):
                yield Problem(f"{name}@{item.offset}", item.message)
            else:
                yield RawDoc(source=f"{name}@{item.offset}", kind="warc", html=item.html,
                             url=item.url)
    elif kind == "jsonl":
        yield from _table_docs(iter_jsonl(stream, ctx.max_bytes), name, "jsonl")
    elif kind == "json":
        yield from _table_docs(iter_json(stream, ctx.max_bytes), name, "jsonl")
    elif kind in ("csv", "tsv"):
        delimiter = "\t" if kind == "tsv" else None
        yield from _table_docs(iter_csv(stream, ctx.max_bytes, delimiter), name, "csv")
    elif kind == "parquet":
        yield from _table_docs(iter_parquet(stream, ctx.max_bytes), name, "parquet")
    else:  # pragma: no cover - kinds are validated earlier
        raise IngestError(f"unsupported input kind {kind!r}")


def _read_url(inp: Input, ctx: _Context) -> Iterator[RawDoc | Problem]:
    assert inp.url is not None
    import io

    try:
        result = ctx.get_fetcher().get(inp.url)
    except FetchError as exc:
        raise IngestError(str(exc)) from None
    kind = inp.kind
    if kind is None:
        sniffed = sniff_kind(result.content[:8192])
        if result.content_type.startswith(HTML_TYPES):
            kind = "feed" if sniffed == "feed" else "html"
        elif result.content_type.startswith(FEED_TYPES):
            kind = "feed" if sniffed in ("feed", "text") else sniffed
        elif result.content_type.startswith("text/plain"):
            kind = "text"
        else:
            kind = sniffed
    if kind == "binary" or kind is None:
        raise IngestError("the URL did not return HTML, a feed or text")
    if kind == "text":
        text = decode_text(result.content, result.charset)
        yield RawDoc(source=inp.name, kind="url", text=text, url=result.url)
        return
    yield from _read_stream(io.BufferedReader(io.BytesIO(result.content)), kind, inp.name, ctx,
                            url=result.url)


def _read_input(inp: Input, ctx: _Context) -> Iterator[RawDoc | Problem]:
    if inp.url is not None:
        yield from _read_url(inp, ctx)
        return
    if inp.kind in SINGLE_DOCUMENT_KINDS and inp.size and inp.size > ctx.max_bytes:
        raise IngestError(
            f"file too large ({_mb(inp.size)}; limit {_mb(ctx.max_bytes)}, see --max-size)"
        )
    stream, kind = open_input(inp, on_read=ctx.tracker.read if ctx.tracker.enabled else None)
    try:
        if kind in SINGLE_DOCUMENT_KINDS and inp.size and inp.size > ctx.max_bytes:
            raise IngestError(
                f"file too large ({_mb(inp.size)}; limit {_mb(ctx.max_bytes)}, see --max-size)"
            )
        yield from _read_stream(stream, kind, inp.name, ctx)
    finally:
        if not inp.stdin:
            stream.close()


def _describe(exc: BaseException) -> str:
    if isinstance(exc, IngestError):
        return str(exc)
    if isinstance(exc, (EOFError, zlib.error, gzip.BadGzipFile)):
        return f"corrupt or truncated gzip data ({exc})"
    if isinstance(exc, MemoryError):
        return "out of memory while reading"
    if isinstance(exc, OSError):
        return f"read error: {exc.strerror or exc}"
    return f"unexpected {type(exc).__name__}: {exc}"


def _raw_documents(
    resolved: list[Input | tuple[str, str]],
    ctx: _Context,
    problem: Callable[..., None],
    stats: IngestStats,
) -> Iterator[RawDoc]:
    """Documents of every input in order; input-level failures go to `problem`."""
    for inp in resolved:
        if not isinstance(inp, Input):
            problem(*inp)
            continue
        stats.inputs += 1
        try:
            for item in _read_input(inp, ctx):
                if isinstance(item, Problem):
                    problem(item.source, item.message, item.reason)
                    continue
                stats.documents += 1
                yield item
        except GeneratorExit:
            raise
        except Exception as exc:  # noqa: BLE001 - report and go on to the next input
            problem(inp.name, _describe(exc))


def _safe_build(build: Callable[[RawDoc], Article | Problem], raw: RawDoc) -> Article | Problem:
    try:
        return build(raw)
    except Exception as exc:  # noqa: BLE001 - one bad page must not stop a batch
        return Problem(raw.source, f"extraction failed: {_describe(exc)}")


def _build_all(
    documents: Iterator[RawDoc], build: Callable[[RawDoc], Article | Problem], jobs: int
) -> Iterator[Article | Problem]:
    """Extract documents in order, in this process or in `jobs` worker processes.

    Workers get a bounded window of documents ahead of the consumer, so memory
    stays flat on a WARC of any size and results come back in input order.
    """
    if jobs <= 1:
        for raw in documents:
            yield _safe_build(build, raw)
        return
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    task = functools.partial(_safe_build, build)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"))
    window: deque = deque()
    try:
        for raw in documents:
            window.append(pool.submit(task, raw))
            if len(window) >= jobs * 4:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def iter_articles(
    sources: list[str] | str,
    input_format: str | None = None,
    allow_private: bool = False,
    on_error: ErrorHandler | None = None,
    *,
    dedup: bool | Deduplicator = False,
    languages: tuple[str, ...] | None = ("en",),
    clean: bool = True,
    mode: str = "fast",
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetch_links: bool = True,
    fetcher: Fetcher | None = None,
    fetch_options: dict[str, Any] | None = None,
    progress: bool = False,
    stats: IngestStats | None = None,
    jobs: int = 1,
) -> Iterator[Article]:
    """Yield clean articles from files, directories, globs, URLs, feeds, WARC or "-".

    sources: paths, glob patterns, directories, http(s) URLs (pages or feeds), "-".
    input_format: force one kind (html, text, warc, feed, jsonl, json, csv, tsv, parquet).
    on_error(source, message): called once per problem; the batch continues.
    dedup: True (or a shared Deduplicator) to set `duplicate_of` on near-duplicates.
    languages: keep only these ISO 639-1 codes (None keeps all); skips are reported.
    clean: remove page furniture (credits, share prompts, related links, bios).
    mode: trafilatura trade-off, "fast" (default), "balanced", "precision", "recall".
    max_bytes: size cap for one document, one fetched URL, one table row or WARC record.
    fetch_options: Fetcher settings (timeout, retries, backoff, host_delay, user_agent).
    stats: an IngestStats to fill in with counts.
    jobs: worker processes for extraction (1: in this process; 0: one per CPU).
    """
    if isinstance(sources, str):
        sources = [sources]
    if jobs <= 0:
        jobs = os.cpu_count() or 1
    report = on_error or _default_on_error
    stats = stats if stats is not None else IngestStats()
    deduplicator = dedup if isinstance(dedup, Deduplicator) else (Deduplicator() if dedup else None)
    if languages is not None:
        languages = tuple(languages)
    resolved = list(resolve_sources(list(sources), input_format))
    total = sum(i.size or 0 for i in resolved if isinstance(i, Input) and i.path is not None)
    all_local = all(isinstance(i, Input) and i.path is not None for i in resolved)
    tracker = Tracker(enabled=progress, total_bytes=total if all_local and total else None)
    ctx = _Context(
        input_format=input_format, allow_private=allow_private, max_bytes=max_bytes, mode=mode,
        clean=clean, fetch_links=fetch_links, fetch_options=dict(fetch_options or {}),
        tracker=tracker, fetcher=fetcher,
    )

    def problem(
        source: str, message: str, reason: str = "error", detail: str | None = None
    ) -> None:
        if reason == "language":
            stats.skipped_language[detail or "unknown"] += 1
        elif reason == "no_text":
            stats.no_text += 1
        else:
            stats.errors += 1
        tracker.skip()
        report(source, message)

    build = functools.partial(build_article, languages=languages, mode=mode, clean=clean)
    try:
        documents = _raw_documents(resolved, ctx, problem, stats)
        for built in _build_all(documents, build, jobs):
            if isinstance(built, Problem):
                problem(built.source, built.message, built.reason, built.detail)
                continue
            if deduplicator is not None:
                built.duplicate_of = deduplicator.add(built)
                if built.duplicate_of is not None:
                    stats.duplicates += 1
            stats.articles += 1
            tracker.article()
            yield built
    finally:
        tracker.close()
        if ctx.own_fetcher and ctx.fetcher is not None:
            ctx.fetcher.close()
