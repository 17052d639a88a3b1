"""`detente series A B`: per-period events, Goldstein and the tension index of a dyad."""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import TextIO

from detente.commands.brief import add_window_arguments, no_events_line, with_checked_inputs
from detente.commands.ingest import report_store_errors

FORMATS = ("table", "csv", "json")
PLOT_SUFFIXES = (".png", ".svg")
_TABLE = [  # (column, header)
    ("period", "period"), ("direction", "dyad"), ("events", "events"),
    ("verbal_coop", "vcoop"), ("material_coop", "mcoop"), ("verbal_conflict", "vconf"),
    ("material_conflict", "mconf"), ("goldstein_sum", "gold sum"),
    ("goldstein_mean", "gold avg"), ("cooperation_share", "coop"),
    ("tension_raw", "tension"), ("tension", "smooth"), ("trend", "trend"),
    ("alert", "alert"),
]  # fmt: skip


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_window_arguments(parser)
    parser.add_argument("--freq", choices=("day", "week", "month"), default="week",
                        help="period length (default week)")
    parser.add_argument("--view", choices=("undirected", "directed", "all"),
                        default="undirected",
                        help="A-B together, A>B and B>A apart, or all three (default undirected)")
    parser.add_argument("--format", choices=FORMATS, default="table", help="output format")
    parser.add_argument("--plot", metavar="FILE", help="also save a chart (.png or .svg)")
    parser.add_argument("--raw", action="store_true",
                        help="count raw mentions instead of clustered events")
    parser.add_argument("--issues", action="store_true",
                        help="show issue salience per period (and which issues are rising) "
                             "instead of the tension table")


@with_checked_inputs
@report_store_errors
def run(args: argparse.Namespace) -> int:
    from detente.analytics import parse_window, plot_series, series, trend_label
    from detente.store import open_store

    since, until = parse_window(args.since, args.until)
    if args.plot and not args.plot.lower().endswith(PLOT_SUFFIXES):
        print(f"detente: error: --plot needs a .png or .svg file name, not {args.plot!r}",
              file=sys.stderr)
        return 2
    if args.issues:
        return _issues(args, since, until)
    with open_store(args.db) as store:
        table = series(store, args.a, args.b, freq=args.freq, since=since, until=until,
                       view=args.view, clustered=not args.raw)
    if table.empty or int(table["events"].sum()) == 0:
        print(no_events_line(args.a, args.b, since and since.isoformat(),
                             until and until.isoformat()),
              file=sys.stderr if args.format != "table" else sys.stdout)
        return 0
    out = sys.stdout
    if args.format == "csv":
        table.to_csv(out, index=False)
    elif args.format == "json":
        records = [{k: (None if isinstance(v, float) and math.isnan(v) else v)
                    for k, v in row.items()} for row in table.to_dict("records")]
        out.write(json.dumps(records, indent=1) + "\n")
    else:
        _print_table(table, out, trend_label)
    if args.plot:
        title = f"{args.a}\u2013{args.b} relations by {args.freq}"
        plot_series(table, args.plot, title=title)
        print(f"wrote {args.plot}", file=sys.stderr)
    return 0


def _issues(args: argparse.Namespace, since, until) -> int:  # noqa: ANN001 - dates
    """`--issues`: per period, the share of the dyad's events about each issue."""
    from detente.analytics import issue_series
    from detente.store import open_store

    with open_store(args.db) as store:
        table = issue_series(store, args.a, args.b, freq=args.freq, since=since, until=until)
    if table.empty:
        print(no_events_line(args.a, args.b, since and since.isoformat(),
                             until and until.isoformat()),
              file=sys.stderr if args.format != "table" else sys.stdout)
        return 0
    if args.format == "csv":
        table.to_csv(sys.stdout, index=False)
    elif args.format == "json":
        sys.stdout.write(json.dumps(table.to_dict("records"), indent=1) + "\n")
    else:
        from rich.console import Console
        from rich.table import Table

        top = table.groupby("label")["events"].sum().sort_values(ascending=False).index[:8]
        rich_table = Table(header_style="bold")
        rich_table.add_column("period", no_wrap=True)
        for label in top:
            rich_table.add_column(label, justify="right")
        for period, rows in table.groupby("period", sort=True):
            cells = {r["label"]: f"{r['events']} ({r['salience']:.0%}){' ^' if r['rising'] else ''}"
                     for r in rows.to_dict("records")}
            rich_table.add_row(period, *(cells.get(label, "") for label in top))
        console = Console(file=sys.stdout, width=max(150, Console(file=sys.stdout).width))
        console.print(rich_table)
        console.print("events about the issue (share of the period's dyad events); "
                      "^ rising against the period before")
    return 0


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.0f}"
    return str(value)


def _print_table(table, out: TextIO, trend_label) -> None:  # noqa: ANN001 - DataFrame, fn
    from rich.console import Console
    from rich.table import Table

    rich_table = Table(header_style="bold")
    for _, header in _TABLE:
        rich_table.add_column(header, justify="left" if header in ("period", "dyad") else "right",
                              no_wrap=True)
    for row in table.to_dict("records"):
        values = dict(row)
        if isinstance(values["cooperation_share"], float) and \
                not math.isnan(values["cooperation_share"]):
            values["cooperation_share"] = f"{values['cooperation_share']:.0%}"
        rich_table.add_row(*(_cell(values[c]) for c, _ in _TABLE))
    console = Console(file=out, width=max(150, Console(file=out).width))
    console.print(rich_table)
    for direction, rows in table.groupby("direction", sort=False):
        last = rows.iloc[-1]
        alerts = [f"{r.period} {r.alert}" for r in rows.itertuples() if r.alert]
        console.print(
            f"{direction}: {int(rows['events'].sum())} events; tension now "
            f"{last['tension']:+.0f}, {trend_label(last['trend'])} "
            f"({last['trend']:+.1f}/period)" + (f"; alerts: {', '.join(alerts)}" if alerts
                                                else "; no alerts")
        )
    console.print("tension = 100*(C-P)/(C+P+10) over Goldstein conflict C and cooperation P, "
                  "smoothed (EWMA, 3 periods); see docs/analytics.md")
