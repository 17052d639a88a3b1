"""The `detente` command: one subcommand per module in detente.commands."""

from __future__ import annotations

import argparse
import importlib
import sys

# name -> (module under detente.commands, one-line help)
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "code": ("code", "code news text into CAMEO/PLOVER events (JSONL, table or CSV)"),
    "eval": ("evaluate", "score the coder on gold sets (precision/recall/F1)"),
    "extract": ("extract", "turn pages, feeds, WARC archives and files into clean articles"),
    "ingest": ("ingest", "extract, deduplicate, code and store articles in a database (resumable)"),
    "stats": ("stats", "counts and date range of a store"),
    "events": ("events", "read stored events back (filter by dyad, date, type)"),
    "export": ("export", "export stored events: Parquet, CSV, GDELT-style table, PLOVER JSON"),
    "demo": ("demo", "ingest the bundled demo corpus into out/demo.db and summarise it"),
    "series": ("series", "a dyad over time: events by quad class, Goldstein, tension index"),
    "brief": ("brief", "an evidence-backed brief on a dyad: meetings, demands, threats, issues"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="detente",
        description="International news -> evidence-backed, actor-coded events.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        module = importlib.import_module(f"detente.commands.{module_name}")
        sp = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(sp)
        sp.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        return int(args._run(args) or 0)
    except KeyboardInterrupt:
        print("detente: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
