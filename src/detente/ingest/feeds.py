"""RSS and Atom feeds with feedparser.

Most news feeds carry only a teaser, so each entry's link is fetched and the
page extracted; when an entry already carries the full article (a long
content:encoded or Atom content), that text is used and nothing is fetched.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import datetime, timezone

import feedparser

from detente.ingest.util import IngestError

__all__ = ["FULL_TEXT_WORDS", "FeedEntry", "parse_feed"]

FULL_TEXT_WORDS = 150  # content with at least this many words is the article itself
_TAG = re.compile(r"<[^>]+>")


@dataclass
class FeedEntry:
    """One feed item: where the article is and what the feed says about it."""

    link: str | None
    title: str | None
    date: str | None
    author: str | None
    sitename: str | None
    content_html: str | None  # full text carried by the feed, or None
    summary_html: str | None


def _date(entry: dict) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            stamp = calendar.timegm(parsed)
            return datetime.fromtimestamp(stamp, tz=timezone.utc).date().isoformat()
    return None


def _word_count(html: str) -> int:
    return len(_TAG.sub(" ", html).split())


def parse_feed(data: bytes, url: str | None = None) -> list[FeedEntry]:
    """Entries of an RSS/Atom document; IngestError when it is not a feed."""
    parsed = feedparser.parse(data, response_headers={"content-location": url} if url else None)
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f": {str(problem).splitlines()[0][:100]}" if problem else ""
        raise IngestError(f"not a valid RSS or Atom feed{detail}")
    sitename = parsed.feed.get("title") or None
    entries = []
    for entry in parsed.entries:
        content = None
        for item in entry.get("content") or []:
            value = item.get("value") or ""
            if _word_count(value) >= FULL_TEXT_WORDS:
                content = value
                break
        summary = entry.get("summary") or None
        if content is None and summary and _word_count(summary) >= FULL_TEXT_WORDS:
            content = summary
        entries.append(
            FeedEntry(
                link=entry.get("link") or None,
                title=entry.get("title") or None,
                date=_date(entry),
                author=entry.get("author") or None,
                sitename=sitename,
                content_html=content,
                summary_html=summary,
            )
        )
    return entries
