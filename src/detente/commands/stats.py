"""`detente stats`: what a store holds, at a glance or as JSON."""

from __future__ import annotations

import argparse
import json

from detente.commands.ingest import add_db_argument, report_store_errors


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text")


@report_store_errors
def run(args: argparse.Namespace) -> int:
    from detente.store import open_store

    with open_store(args.db) as store:
        stats = store.stats()
    if args.format == "json":
        print(json.dumps(stats, ensure_ascii=False))
        return 0
    width = max(len(k) for k in stats)
    for key, value in stats.items():
        if isinstance(value, list):
            value = ", ".join(value) or "-"
        print(f"{key:<{width}}  {value if value is not None else '-'}")
    return 0
