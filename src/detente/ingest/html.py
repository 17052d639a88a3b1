"""HTML page -> article text and metadata, with trafilatura.

The page is parsed once; metadata (title, date, author, site name) is read
from that tree with trafilatura's own metadata helpers and htmldate, then the
body is extracted from the same tree. Parsing once and skipping the metadata
trafilatura computes but detente never uses (categories, tags, licence) keeps
`detente extract` as fast as a bare ``trafilatura.extract`` call while
returning much more.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

import trafilatura
from trafilatura.settings import Extractor, set_date_params
from trafilatura.utils import load_html

from detente.ingest.text import clean_title

try:  # trafilatura internals, pinned in pyproject (trafilatura==2.3.1)
    from htmldate import find_date
    from trafilatura.core import trafilatura_sequence
    from trafilatura.metadata import (
        examine_meta,
        extract_author,
        extract_meta_json,
        extract_sitename,
        extract_title,
        extract_url,
    )
    from trafilatura.xml import xmltotxt

    _FAST_PATH = True
except ImportError:  # pragma: no cover - a different trafilatura: use the public API
    _FAST_PATH = False

LOGGER = logging.getLogger(__name__)
for _name in ("trafilatura", "htmldate", "courlan"):
    # trafilatura logs a warning for every page without an article; detente
    # reports those itself, once, naming the source.
    logging.getLogger(_name).setLevel(logging.CRITICAL)

MODES = ("fast", "balanced", "precision", "recall")

_DATE_CONFIG = set_date_params(False)


@dataclass
class ExtractedPage:
    """What an HTML page yields: body text plus the metadata found in it."""

    text: str
    title: str | None = None
    date: str | None = None
    author: str | None = None
    sitename: str | None = None
    url: str | None = None


@functools.lru_cache(maxsize=8)
def _options(mode: str) -> Extractor:
    """One shared Extractor per mode (trafilatura copies it before changing it)."""
    if mode not in MODES:
        raise ValueError(f"unknown extraction mode {mode!r} (choose from {', '.join(MODES)})")
    return Extractor(
        output_format="txt",
        fast=mode == "fast",
        precision=mode == "precision",
        recall=mode == "recall",
        comments=False,
        tables=True,
    )


def _paragraphs(text: str) -> str:
    """One blank line between paragraphs: the plain-text paragraph convention."""
    lines = [line.strip() for line in text.splitlines()]
    return "\n\n".join(line for line in lines if line)


def _metadata(tree, url: str | None) -> ExtractedPage:  # noqa: ANN001 - lxml tree
    md = examine_meta(tree)
    if md.author and " " not in md.author:
        md.author = None  # single tokens are usually handles or site names
    try:
        md = extract_meta_json(tree, md)
    except Exception:  # noqa: BLE001 - malformed JSON-LD must not lose the page
        pass
    title = md.title or extract_title(tree)
    author = md.author or extract_author(tree)
    page_url = md.url or extract_url(tree, url)
    date = find_date(tree, **{**_DATE_CONFIG, "url": page_url})
    sitename = md.sitename or extract_sitename(tree)
    if sitename:
        sitename = sitename.lstrip("@")
    return ExtractedPage(
        text="", title=title, date=date, author=author, sitename=sitename, url=page_url
    )


def extract_html(
    html: bytes | str, url: str | None = None, mode: str = "fast"
) -> ExtractedPage | None:
    """Extract the article body and metadata from one page; None when it has no article.

    `mode` is trafilatura's trade-off: "fast" (no fallback extractors; on the
    article benchmark it is both the fastest and the most accurate), "balanced",
    "precision" or "recall".
    """
    options = _options(mode)
    if not _FAST_PATH:  # pragma: no cover
        doc = trafilatura.bare_extraction(
            html, url=url, fast=options.fast, include_comments=False,
            favor_precision=mode == "precision", favor_recall=mode == "recall",
            with_metadata=True,
        )
        if doc is None or not doc.text:
            return None
        return ExtractedPage(
            text=_paragraphs(doc.text), title=clean_title(doc.title, doc.sitename),
            date=doc.date, author=doc.author, sitename=doc.sitename, url=doc.url or url,
        )
    tree = load_html(html)
    if tree is None:
        return None
    page = _metadata(tree, url)
    try:
        body, text, _comments, _ctext = trafilatura_sequence(tree, options, url or page.url)
    except (TypeError, ValueError) as exc:
        LOGGER.debug("trafilatura failed on %s: %s", url, exc)
        return None
    if len(text) < options.min_output_size:
        return None
    page.text = _paragraphs(xmltotxt(body, False))
    if not page.text:
        return None
    page.title = clean_title(page.title, page.sitename)
    return page
