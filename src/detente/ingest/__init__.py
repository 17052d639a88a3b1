"""Ingestion: pages, feeds, WARC archives, folders and tables -> clean `Article` records.

The one entry point is `iter_articles`; the rest is exposed for reuse and tests.
"""

from __future__ import annotations

from detente.ingest.dedup import Deduplicator
from detente.ingest.fetch import Fetcher, FetchError
from detente.ingest.html import extract_html
from detente.ingest.language import detect_language
from detente.ingest.pipeline import IngestStats, build_article, iter_articles
from detente.ingest.sources import INPUT_FORMATS
from detente.ingest.text import clean_text, clean_title
from detente.ingest.util import IngestError, content_id

__all__ = [
    "INPUT_FORMATS",
    "Deduplicator",
    "FetchError",
    "Fetcher",
    "IngestError",
    "IngestStats",
    "build_article",
    "clean_text",
    "clean_title",
    "content_id",
    "detect_language",
    "extract_html",
    "iter_articles",
]
