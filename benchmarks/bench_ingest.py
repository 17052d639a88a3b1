"""Ingest throughput (read -> dedup -> code -> store) beside coder-only throughput, same run.

The same ~60 Wikinews articles go through (a) `EventCoder.code_documents`
alone and (b) the whole `detente ingest` pipeline into a fresh SQLite file,
with the already-loaded coder in this process, so that the ratio measures
what reading, deduplication and the store cost on top of coding. Rounds
alternate and the best of each is kept. A last run with the process pool
(`--workers` = the CPUs, spawning and loading one coder per worker) gives the
wall-clock rate a user sees on this machine.

Prints one JSON line; {"skipped": reason} when the corpus is absent.
"""

from __future__ import annotations

import csv
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIKINEWS = ROOT.parent / "shared" / "data" / "corpora" / "wikinews" / "wikinews_2019.csv"


def _slice_corpus(limit: int, folder: Path) -> Path:
    """The first `limit` rows of the Wikinews CSV as their own CSV (what ingest reads)."""
    csv.field_size_limit(10_000_000)
    with WIKINEWS.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = [row for _, row in zip(range(limit), reader, strict=False)]
        fields = reader.fieldnames or []
    path = folder / "wikinews_slice.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return path


def main(limit: int = 60, rounds: int = 2) -> dict:
    if not WIKINEWS.exists():
        return {"skipped": f"wikinews corpus not found at {WIKINEWS}"}
    from detente.events.coder import EventCoder
    from detente.ingest import iter_articles
    from detente.store import Store
    from detente.store.pipeline import default_workers, ingest

    folder = Path(tempfile.mkdtemp(prefix="detente-bench-"))
    source = _slice_corpus(limit, folder)
    articles = list(iter_articles([str(source)], on_error=lambda *_: None))
    documents = [a.to_document() for a in articles]
    coder = EventCoder()
    events = sum(len(ev) for _d, ev in coder.code_documents(documents[:5]))  # warm up
    coder_best = ingest_best = float("inf")
    stored = 0
    for n in range(rounds):
        start = time.perf_counter()
        events = sum(len(ev) for _d, ev in coder.code_documents(documents))
        coder_best = min(coder_best, time.perf_counter() - start)
        with Store(str(folder / f"round{n}.db"), create=True) as store:
            start = time.perf_counter()
            result = ingest(store, [str(source)], coder=coder)
            ingest_best = min(ingest_best, time.perf_counter() - start)
            stored = result.articles_stored
    workers = default_workers()
    with Store(str(folder / "pool.db"), create=True) as store:
        start = time.perf_counter()
        pooled = ingest(store, [str(source)], workers=workers)
        pool_seconds = time.perf_counter() - start
    coder_rate = len(documents) / coder_best
    ingest_rate = stored / ingest_best
    return {
        "benchmark": "ingest_vs_coder",
        "articles": len(documents),
        "stored": stored,
        "events": events,
        "coder_articles_per_s": round(coder_rate, 2),
        "ingest_articles_per_s": round(ingest_rate, 2),
        "ratio_ingest_to_coder": round(ingest_rate / coder_rate, 3),
        "ingest_events_per_s": round(result.events_stored / ingest_best, 1),
        "pool_workers": workers,
        "pool_articles_per_s_wall": round(pooled.articles_stored / pool_seconds, 2),
        "pool_note": "includes spawning the workers and loading one coder in each",
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 60)))
