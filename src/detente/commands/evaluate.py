"""`detente eval`: precision/recall/F1 of the coder on the gold sets."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from detente.evaluation import SETS, Report, default_data_dir, evaluate


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--set", dest="gold_set", choices=SETS, default="plover-gsr",
                        help="which gold set to score on")
    parser.add_argument("--data", type=Path, default=None,
                        help="data directory holding gold/ (default: ../shared/data)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--errors", type=int, default=10, help="how many errors to list")
    parser.add_argument("--no-classifier", action="store_true", help="rules only")


def run(args: argparse.Namespace) -> int:
    from detente.events.coder import EventCoder

    data_dir = args.data or default_data_dir()
    if data_dir is None or not (data_dir / "gold").is_dir():
        where = data_dir or "../shared/data"
        print(f"detente eval: gold data not found at {where}; pass --data DIR "
              "(a directory with gold/plover_gsr.json etc.)", file=sys.stderr)
        return 2
    coder = EventCoder(use_classifier=not args.no_classifier)
    report = evaluate(coder, args.gold_set, data_dir)
    if args.format == "json":
        print(json.dumps(report.as_dict(), indent=2))
    else:
        print_report(report, args.errors)
    return 0


def print_report(report: Report, max_errors: int) -> None:
    print(f"gold set: {report.name} ({report.n} items)")
    for name, value in report.metrics.items():
        _print_metric(name, value, indent="  ")
    for error in report.errors[:max_errors]:
        print("  error:", json.dumps(error, ensure_ascii=False))


def _print_metric(name: str, value, indent: str) -> None:
    if isinstance(value, dict) and "f1" in value:
        print(f"{indent}{name:<22} P={value['precision']:.3f} R={value['recall']:.3f} "
              f"F1={value['f1']:.3f}  (tp={value['tp']} fp={value['fp']} fn={value['fn']})")
    elif isinstance(value, dict):
        print(f"{indent}{name}:")
        for key, sub in value.items():
            _print_metric(key, sub, indent + "  ")
    else:
        print(f"{indent}{name:<22} {value}")
