"""`detente events`: read stored events back, filtered, as a table, JSONL or CSV."""

from __future__ import annotations

import argparse
import csv
import json
import sys

from detente.commands.ingest import add_db_argument, report_store_errors
from detente.store.base import EVENT_COLUMNS

TABLE_COLUMNS = ("date", "source_code", "target_code", "cameo", "plover", "goldstein",
                 "confidence", "trigger", "contexts")


def add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    """Event filters shared with `detente export`."""
    parser.add_argument("--dyad", nargs=2, metavar=("A", "B"),
                        help="events between two actors (country like USA or code like NATO)")
    parser.add_argument("--directed", action="store_true", help="--dyad A B means A -> B only")
    parser.add_argument("--actor", help="events with this actor on either side")
    parser.add_argument("--since", metavar="YYYY-MM-DD", help="on or after this event date")
    parser.add_argument("--until", metavar="YYYY-MM-DD", help="on or before this event date")
    parser.add_argument("--type", action="append", metavar="TYPE",
                        help="PLOVER type (CONSULT) or CAMEO prefix (04); repeatable")
    parser.add_argument("--min-confidence", type=float, default=None)
    parser.add_argument("--no-duplicates", action="store_true",
                        help="leave out events from articles that duplicate another")


def filters_from(args: argparse.Namespace) -> dict:
    return {
        "dyad": args.dyad, "directed": args.directed, "actor": args.actor,
        "since": args.since, "until": args.until, "type": args.type,
        "min_confidence": args.min_confidence, "include_duplicates": not args.no_duplicates,
    }  # fmt: skip


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    add_filter_arguments(parser)
    parser.add_argument("--limit", type=int, default=None, help="at most this many events")
    parser.add_argument("--format", choices=("table", "jsonl", "csv"), default="table")


@report_store_errors
def run(args: argparse.Namespace) -> int:
    from detente.store import open_store

    out = sys.stdout
    filters = filters_from(args) | {"limit": args.limit}
    with open_store(args.db) as store:
        if args.format == "jsonl":
            for record in store.event_records(**filters):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif args.format == "csv":
            writer = csv.DictWriter(out, fieldnames=list(EVENT_COLUMNS), extrasaction="ignore")
            writer.writeheader()
            for row in store.iter_event_rows(**filters):
                row["contexts"] = ";".join(row["contexts"])
                writer.writerow(row)
        else:
            _table(list(store.iter_event_rows(**filters)), out)
    return 0


def _table(rows: list[dict], out) -> None:  # noqa: ANN001 - a text stream
    from rich.console import Console
    from rich.table import Table

    table = Table(header_style="bold")
    for header in ("date", "source", "target", "cameo", "plover", "goldstein", "conf",
                   "trigger", "contexts"):
        table.add_column(header, overflow="fold")
    for row in rows:
        values = dict(row, contexts=",".join(row["contexts"]))
        if row["negated"]:
            values["trigger"] = "NOT " + values["trigger"]
        table.add_row(*("" if values[c] is None else str(values[c]) for c in TABLE_COLUMNS))
    console = Console(file=out, width=max(100, Console(file=out).width))
    console.print(table)
    console.print(f"{len(rows)} events")
