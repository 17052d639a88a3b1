"""`detente export`: events to Parquet, CSV, a GDELT-style table or PLOVER JSON."""

from __future__ import annotations

import argparse

from detente.commands.events import add_filter_arguments, filters_from
from detente.commands.ingest import add_db_argument, report_store_errors
from detente.store.base import EXPORT_FORMATS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument("--format", choices=EXPORT_FORMATS, required=True,
                        help="parquet/csv: the events table; gdelt: GDELT 2.0 columns (TSV); "
                             "plover-json: PLOVER records, one per line")
    parser.add_argument("--out", required=True, metavar="PATH", help="file to write")
    add_filter_arguments(parser)


@report_store_errors
def run(args: argparse.Namespace) -> int:
    from detente.store import open_store
    from detente.store.export import export

    with open_store(args.db) as store:
        rows = export(store, args.format, args.out, **filters_from(args))
    print(f"detente: wrote {rows} {args.format} rows to {args.out}")
    return 0
