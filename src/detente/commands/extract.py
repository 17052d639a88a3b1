"""`detente extract`: turn pages, feeds, WARC archives and files into clean articles.

Prints one JSON object per article (or a table), reports every problem on
stderr as one line naming its source, and ends with a summary of what was
read, linked as duplicate and skipped.
"""

from __future__ import annotations

import argparse
import json
import sys

from detente.ingest import INPUT_FORMATS, IngestStats, iter_articles
from detente.ingest.fetch import (
    DEFAULT_BACKOFF,
    DEFAULT_HOST_DELAY,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    DEFAULT_USER_AGENT,
)
from detente.ingest.html import MODES
from detente.model import Article

FIELDS = ("path", "url", "id", "title", "date", "author", "sitename", "language",
          "source_kind", "duplicate_of", "text")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `detente extract`."""
    parser.add_argument(
        "sources", nargs="+", metavar="SOURCE",
        help="file, directory, glob, http(s) URL of a page or feed, or - for stdin",
    )
    parser.add_argument("--format", choices=("jsonl", "table"), default="jsonl",
                        help="output: one JSON object per article (default) or a table")
    parser.add_argument("--input-format", choices=INPUT_FORMATS, default=None,
                        help="force the kind of every source instead of detecting it")
    parser.add_argument("--languages", default="en",
                        help="comma-separated ISO 639-1 codes to keep, or 'all' (default: en)")
    parser.add_argument("--no-dedup", action="store_true",
                        help="do not look for near-duplicates (duplicate_of stays null)")
    parser.add_argument("--no-clean", action="store_true",
                        help="keep lines that look like page furniture (credits, share prompts)")
    parser.add_argument("--mode", choices=MODES, default="fast",
                        help="trafilatura extraction trade-off (default: fast)")
    parser.add_argument("--max-size", type=float, default=25.0, metavar="MB",
                        help="largest document, download, table row or WARC record (default 25)")
    web = parser.add_argument_group("fetching URLs and feed entries")
    web.add_argument("--allow-private", action="store_true",
                     help="allow URLs on private, loopback and link-local addresses")
    web.add_argument("--no-fetch-links", action="store_true",
                     help="for feeds, use the entry text only; do not fetch linked pages")
    web.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                     help=f"network timeout (default {DEFAULT_TIMEOUT:g})")
    web.add_argument("--retries", type=int, default=DEFAULT_RETRIES,
                     help=f"retries after timeouts and 5xx answers (default {DEFAULT_RETRIES})")
    web.add_argument("--delay", type=float, default=DEFAULT_HOST_DELAY, metavar="SECONDS",
                     help=f"pause between requests to one host (default {DEFAULT_HOST_DELAY:g})")
    web.add_argument("--user-agent", default=DEFAULT_USER_AGENT, help="User-Agent header")
    parser.add_argument("--jobs", type=int, default=1, metavar="N",
                        help="worker processes for extraction (default 1; 0 = one per CPU)")
    parser.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no summary line (problems are still reported)")


def _record(article: Article) -> dict:
    data = article.to_dict()
    return {key: data.get(key) for key in FIELDS}


def _print_table(articles: list[Article]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not console.is_terminal:
        console = Console(width=200)  # a file or pipe has no width; do not squeeze
    table = Table(show_lines=False)
    widths = {"id": 16, "date": 10, "title": 60, "sitename": 20, "lang": 4, "words": 5,
              "duplicate_of": 16, "path": 60}
    for column, width in widths.items():
        fixed = column not in ("title", "sitename", "path")
        table.add_column(column, no_wrap=True, overflow="ellipsis", max_width=width,
                         min_width=width if fixed else None)
    for a in articles:
        table.add_row(
            a.id, a.date or "", (a.title or "")[:80], a.sitename or "", a.language or "",
            str(len(a.text.split())), a.duplicate_of or "", a.path or a.url or "",
        )
    console.print(table)


def run(args: argparse.Namespace) -> int:
    """Extract articles; exit 1 only when nothing at all could be read."""
    languages = None if args.languages.strip().lower() in ("all", "any", "*", "") else tuple(
        code.strip().lower() for code in args.languages.split(",") if code.strip()
    )

    def on_error(source: str, message: str) -> None:
        print(f"detente extract: {source}: {message}", file=sys.stderr, flush=True)

    stats = IngestStats()
    articles = iter_articles(
        args.sources,
        input_format=args.input_format,
        allow_private=args.allow_private,
        on_error=on_error,
        dedup=not args.no_dedup,
        languages=languages,
        clean=not args.no_clean,
        mode=args.mode,
        max_bytes=int(args.max_size * 1024 * 1024),
        fetch_links=not args.no_fetch_links,
        fetch_options={
            "timeout": args.timeout, "retries": max(0, args.retries), "backoff": DEFAULT_BACKOFF,
            "host_delay": max(0.0, args.delay), "user_agent": args.user_agent,
        },
        progress=not args.no_progress,
        stats=stats,
        jobs=args.jobs,
    )
    if args.format == "table":
        _print_table(list(articles))
    else:
        out = sys.stdout
        for article in articles:
            out.write(json.dumps(_record(article), ensure_ascii=False) + "\n")
        out.flush()
    if not args.quiet:
        print(f"detente extract: {stats.summary()}", file=sys.stderr)
    return 1 if stats.documents == 0 and stats.articles == 0 else 0
