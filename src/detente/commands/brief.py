"""`detente brief A B`: an analyst's note on a dyad, every line traceable to its sentences."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from detente.commands.ingest import add_db_argument, report_store_errors

FORMATS = ("md", "json", "html")


def add_window_arguments(parser: argparse.ArgumentParser) -> None:
    """A B, --since, --until and --db, shared with `detente series`."""
    parser.add_argument("a", metavar="A", help="first country (ISO3, e.g. USA) or organisation")
    parser.add_argument("b", metavar="B", help="second country (e.g. CHN) or organisation")
    parser.add_argument("--since", metavar="DATE",
                        help="first day: YYYY-MM-DD, or YYYY-MM / YYYY for its first day")
    parser.add_argument("--until", metavar="DATE",
                        help="last day: YYYY-MM-DD, or YYYY-MM / YYYY for its last day")
    add_db_argument(parser)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_window_arguments(parser)
    parser.add_argument("--format", choices=FORMATS, default="md", help="output format")
    parser.add_argument("--max-items", type=int, default=8, metavar="N",
                        help="events shown per section, most reported first (default 8)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")


def check_inputs(args: argparse.Namespace) -> str | None:
    """Resolve A/B and the window in place; the error line to print, or None."""
    from detente.analytics import UnknownActorError, WindowError, parse_window, resolve

    try:
        args.a, args.b = resolve(args.a), resolve(args.b)
        parse_window(args.since, args.until)
    except (UnknownActorError, WindowError) as exc:
        return str(exc)
    if args.a == args.b:
        return f"A and B are the same actor ({args.a}); a dyad needs two"
    return None


def with_checked_inputs(run: Callable[[argparse.Namespace], int]) -> Callable:
    """Bad codes or dates: one clear line on stderr and exit status 2, before any work."""

    def wrapper(args: argparse.Namespace) -> int:
        problem = check_inputs(args)
        if problem:
            print(f"detente: error: {problem}", file=sys.stderr)
            return 2
        return run(args)

    wrapper.__doc__ = run.__doc__
    return wrapper


def no_events_line(a: str, b: str, since: str | None, until: str | None) -> str:
    from detente.analytics.names import name

    window = f" from {since or 'the start'} to {until or 'the end'}" if since or until else ""
    return f"No events between {name(a)} and {name(b)}{window} in this database."


@with_checked_inputs
@report_store_errors
def run(args: argparse.Namespace) -> int:
    from detente.analytics import brief
    from detente.analytics.frame import parse_window
    from detente.store import open_store

    since, until = parse_window(args.since, args.until)
    with open_store(args.db) as store:
        note = brief(store, args.a, args.b, since, until, max_items=args.max_items)
    if note.empty:
        line = no_events_line(args.a, args.b, note.since or args.since, note.until or args.until)
        if args.format != "json":
            print(line)
            return 0
        print(line, file=sys.stderr)
    text = {"md": note.to_markdown, "json": note.to_json, "html": note.to_html}[args.format]()
    if args.output:
        Path(args.output).write_text(text if text.endswith("\n") else text + "\n",
                                     encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0
