"""`detente ingest`: extract -> dedup -> code -> store, resumable, in one command."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable

from detente.store.base import DEFAULT_DB, StoreError


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    """The `--db` option shared by the store commands."""
    parser.add_argument(
        "--db", default=os.environ.get("DETENTE_DB", DEFAULT_DB), metavar="URL",
        help="SQLite file path or postgresql://user:pass@host/db "
             f"(default: $DETENTE_DB or ./{DEFAULT_DB})",
    )  # fmt: skip


def report_store_errors(run: Callable[[argparse.Namespace], int]) -> Callable:
    """Turn a StoreError into one clear line on stderr and exit status 1."""

    def wrapper(args: argparse.Namespace) -> int:
        try:
            return run(args)
        except StoreError as exc:
            print(f"detente: error: {exc}", file=sys.stderr)
            return 1

    wrapper.__doc__ = run.__doc__
    return wrapper


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "sources", nargs="+", metavar="SOURCE",
        help="files, folders, globs, JSONL/CSV/Parquet tables, WARC, feeds or URLs",
    )  # fmt: skip
    add_db_argument(parser)
    parser.add_argument("--workers", type=_positive, default=None,
                        help="coding processes (default: the CPUs)")
    parser.add_argument("--input-format", default=None, help="force the input kind (e.g. jsonl)")
    parser.add_argument("--all-languages", action="store_true", help="do not skip non-English")
    parser.add_argument("--no-dedup", action="store_true",
                        help="do not link near-duplicate articles")
    parser.add_argument("--no-classifier", action="store_true",
                        help="rules only: no statistical confidence")
    parser.add_argument("--allow-private", action="store_true",
                        help="allow fetching URLs on private/loopback addresses")
    parser.add_argument("--batch-size", type=_positive, default=8,
                        help="documents per coding task (default 8)")
    parser.add_argument("--no-progress", action="store_true", help="no live progress line")
    parser.add_argument("--json", action="store_true", help="print the run summary as JSON")


@report_store_errors
def run(args: argparse.Namespace) -> int:
    from detente.store import Store
    from detente.store.pipeline import ingest, print_summary

    def tell(source: str, stage: str, reason: str) -> None:
        print(f"detente: {source}: {reason}", file=sys.stderr)

    with Store(args.db, create=True) as store:
        result = ingest(
            store, args.sources, workers=args.workers, input_format=args.input_format,
            languages=None if args.all_languages else ("en",), dedup=not args.no_dedup,
            allow_private=args.allow_private, batch_size=args.batch_size,
            use_classifier=not args.no_classifier, progress=not args.no_progress,
            on_failure=tell,
        )  # fmt: skip
    if args.json:
        print(json.dumps(result.to_dict()))
    else:
        print_summary(result)
    nothing_read = result.articles_stored == 0 and result.articles_skipped == 0
    if nothing_read and result.failures:
        print("detente: no article could be read or stored", file=sys.stderr)
        return 1
    return 0
