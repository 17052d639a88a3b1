"""extract -> dedup -> code -> store, in one pass: what `detente ingest` runs.

Why it is built this way:

- Reading, deduplication and writing happen in this process, in input order;
  only coding (the slow part) goes to a process pool. Results come back in
  submission order, so articles are committed in input order and a run killed
  at any moment has stored a prefix of what a clean run stores.
- Each article is committed with its sentences, events and actors in one
  transaction. A restart skips every stored text (content hash) and seeds the
  near-duplicate index with the stored originals in stored order, so the
  resumed run links duplicates exactly as one clean run would.
- Problems with a source, a document or its coding are recorded in the
  `failures` table and the run goes on; a database problem (disk full,
  connection lost) stops the run with a clear error, losing at most the
  article being written.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from detente.model import Article
from detente.store.base import StoreError
from detente.store.core import Store, content_hash
from detente.store.workers import CodedBatch, code_batch, init_coder, set_coder

__all__ = ["IngestResult", "default_workers", "ingest"]

DEFAULT_MAX_CHARS = 2_000_000


@dataclass
class IngestResult:
    """What one ingest did; `articles_per_s`/`events_per_s` are over the whole run."""

    run_id: int
    database: str
    articles_read: int = 0
    articles_stored: int = 0
    articles_skipped: int = 0  # already stored (earlier run or repeated input)
    duplicates: int = 0  # stored articles linked to an earlier copy
    events_stored: int = 0
    failures: int = 0
    seconds: float = 0.0
    status: str = "running"
    message: str | None = None
    failure_samples: list[str] = field(default_factory=list)

    @property
    def articles_per_s(self) -> float:
        return self.articles_stored / self.seconds if self.seconds else 0.0

    @property
    def events_per_s(self) -> float:
        return self.events_stored / self.seconds if self.seconds else 0.0

    def counts(self) -> dict[str, int]:
        return {
            "articles_read": self.articles_read, "articles_stored": self.articles_stored,
            "articles_skipped": self.articles_skipped, "events_stored": self.events_stored,
            "failures": self.failures,
        }  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id, "database": self.database, "status": self.status,
            **self.counts(), "duplicates": self.duplicates, "seconds": round(self.seconds, 2),
            "articles_per_s": round(self.articles_per_s, 2),
            "events_per_s": round(self.events_per_s, 2),
        }  # fmt: skip


def default_workers() -> int:
    """The CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class _InlinePool:
    """The executor interface without processes, for --workers 1 and tests.

    The coder is built on the first batch, so a run with nothing left to code
    (a re-run) does not pay for loading spaCy.
    """

    def __init__(self, coder: Any, use_classifier: bool) -> None:
        self.coder = coder
        self.use_classifier = use_classifier

    def submit(self, fn: Callable[..., CodedBatch], *args: Any) -> Future:
        if self.coder is None:
            from detente import get_coder
            from detente.events.coder import EventCoder

            self.coder = get_coder() if self.use_classifier else EventCoder(use_classifier=False)
        set_coder(self.coder)
        future: Future = Future()
        try:
            future.set_result(fn(*args))
        except Exception as exc:  # noqa: BLE001 - delivered through the future
            future.set_exception(exc)
        return future

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        pass


# -- progress ------------------------------------------------------------------------
class _Progress:
    """A live line on stderr: articles, events, failures and their rates."""

    def __init__(self, enabled: bool) -> None:
        self.progress = None
        if not enabled:
            return
        from rich.console import Console
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        console = Console(stderr=True)
        if not console.is_terminal:
            return
        self.progress = Progress(
            SpinnerColumn(), TextColumn("[bold]ingest[/]"), BarColumn(bar_width=10),
            TextColumn("{task.description}"), TimeElapsedColumn(),
            console=console, transient=True,
        )  # fmt: skip
        self.task = self.progress.add_task("reading, loading the coder…", total=None)
        self.progress.start()

    def update(self, result: IngestResult, started: float) -> None:
        if self.progress is None:
            return
        elapsed = max(time.monotonic() - started, 1e-9)
        self.progress.update(self.task, description=(
            f"{result.articles_stored} articles ({result.articles_stored / elapsed:.1f}/s) · "
            f"{result.events_stored} events ({result.events_stored / elapsed:.1f}/s) · "
            f"{result.articles_skipped} skipped · {result.failures} failures"))

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


class _Terminated(Exception):
    """SIGTERM: stop like Ctrl-C, recording the run as interrupted."""


def _raise_terminated(_signum: int, _frame: object) -> None:
    raise _Terminated()


# -- the pipeline ----------------------------------------------------------------------
def ingest(
    store: Store,
    sources: Sequence[str],
    *,
    workers: int | None = None,
    input_format: str | None = None,
    languages: tuple[str, ...] | None = ("en",),
    dedup: bool = True,
    allow_private: bool = False,
    batch_size: int = 8,
    max_chars: int = DEFAULT_MAX_CHARS,
    use_classifier: bool = True,
    progress: bool = False,
    coder: Any = None,
    on_failure: Callable[[str, str, str], None] | None = None,
    articles: Iterator[Article] | None = None,
) -> IngestResult:
    """Read, deduplicate, code and store `sources`; returns counts and rates.

    workers: coding processes (default: the CPUs); 1 codes in this process.
    coder: an EventCoder-like object to use in this process (forces workers=1).
    on_failure(source, stage, reason): also told about each recorded failure.
    articles: already-read articles to use instead of reading `sources`.
    Raises StoreError when the database cannot be written (the run is marked
    failed where possible); stored articles stay stored and a re-run resumes.
    """
    from detente.ingest import Deduplicator, iter_articles

    workers = 1 if coder is not None else (workers or default_workers())
    run_id = store.begin_run(list(sources))
    result = IngestResult(run_id=run_id, database=store.display_url)
    started = time.monotonic()
    display = _Progress(progress)

    def fail(source: str, stage: str, reason: str) -> None:
        result.failures += 1
        if len(result.failure_samples) < 5:
            result.failure_samples.append(f"{source}: {reason}")
        store.add_failure(source, stage, reason, run_id)
        if on_failure is not None:
            on_failure(source, stage, reason)

    seen = store.known_hashes()
    deduplicator = Deduplicator() if dedup else None
    if deduplicator is not None:
        for original in store.iter_originals():
            deduplicator.add(original)

    if articles is None:
        articles = iter_articles(
            list(sources), input_format=input_format, allow_private=allow_private,
            on_error=lambda source, message: fail(source, "extract", message),
            languages=languages,
        )  # fmt: skip

    def write(batch: list[Article], coded: CodedBatch) -> None:
        for article, (events, error) in zip(batch, coded, strict=True):
            name = article.path or article.url or article.id
            if error is not None or events is None:
                fail(name, "code", error or "coding failed")
                continue
            try:
                stored = store.add_article(article, events, run_id)
            except StoreError as exc:
                if "already used by a different text" not in str(exc):
                    raise
                fail(name, "store", str(exc))
                continue
            if stored:
                result.articles_stored += 1
                result.events_stored += len(events)
                result.duplicates += article.duplicate_of is not None
            else:
                result.articles_skipped += 1
        display.update(result, started)

    def pending_articles() -> Iterator[Article]:
        """Articles still to code: readable, not too large, not stored, duplicates linked."""
        for article in articles:
            result.articles_read += 1
            name = article.path or article.url or article.id
            if not article.text or not article.text.strip():
                fail(name, "extract", "empty document, nothing to code")
                continue
            if len(article.text) > max_chars:
                fail(name, "extract", f"document too large ({len(article.text):,} characters "
                                      f"> {max_chars:,})")
                continue
            digest = content_hash(article.text)
            if digest in seen:
                result.articles_skipped += 1
                display.update(result, started)
                continue
            seen.add(digest)
            if deduplicator is not None:
                original = deduplicator.add(article)
                article.duplicate_of = original if original != article.id else None
            yield article

    def batches() -> Iterator[list[Article]]:
        batch: list[Article] = []
        for article in pending_articles():
            batch.append(article)
            if len(batch) >= batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    if workers <= 1:
        pool: Any = _InlinePool(coder, use_classifier)
    else:
        import multiprocessing

        pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
            initializer=init_coder, initargs=(use_classifier,),
        )  # fmt: skip
    previous_term = signal.getsignal(signal.SIGTERM)
    in_main_thread = _in_main_thread()
    if in_main_thread:
        signal.signal(signal.SIGTERM, _raise_terminated)
    in_flight: deque[tuple[list[Article], Future]] = deque()
    try:
        for batch in batches():
            documents = [a.to_document() for a in batch]
            in_flight.append((batch, pool.submit(code_batch, documents)))
            while len(in_flight) > 2 * workers:
                done_batch, future = in_flight.popleft()
                write(done_batch, future.result())
        while in_flight:
            done_batch, future = in_flight.popleft()
            write(done_batch, future.result())
        result.status = "done"
    except (KeyboardInterrupt, _Terminated):
        result.status, result.message = "interrupted", "stopped by a signal; re-run to resume"
        raise KeyboardInterrupt from None
    except BrokenProcessPool as exc:
        result.status = "failed"
        result.message = f"a coding worker died ({exc}); out of memory? try fewer --workers"
        raise StoreError(result.message) from None
    except StoreError as exc:
        result.status, result.message = "failed", str(exc)
        raise
    finally:
        pool.shutdown(wait=result.status == "done", cancel_futures=True)
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous_term)
        display.close()
        result.seconds = time.monotonic() - started
        try:
            store.finish_run(run_id, result.status, result.counts(), result.message)
        except StoreError:
            if result.status == "done":
                raise
            # the database is what failed: the error being raised says so
    return result


def _in_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def print_summary(result: IngestResult, stream: Any = None) -> None:
    """One paragraph for people: what was stored, skipped and failed, and how fast."""
    stream = stream or sys.stdout
    print(
        f"detente: stored {result.articles_stored} articles ({result.duplicates} linked as "
        f"duplicates) and {result.events_stored} events in {result.seconds:.1f} s "
        f"({result.articles_per_s:.2f} articles/s, {result.events_per_s:.1f} events/s); "
        f"{result.articles_skipped} already stored, {result.failures} failures -> "
        f"{result.database}",
        file=stream,
    )
