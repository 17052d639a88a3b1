"""`detente code`: documents in, one event record per line out."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator
from typing import TextIO

from detente.model import Document, Event

FORMATS = ("jsonl", "table", "csv")
DEFAULT_MAX_CHARS = 2_000_000
CSV_COLUMNS = [
    "doc_id", "sentence_index", "date", "source_code", "source_text", "target_code",
    "target_text", "cameo", "cameo_root", "plover", "mode", "contexts", "goldstein",
    "quad_class", "negated", "confidence", "trigger", "start", "end", "sentence",
]  # fmt: skip


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "sources", nargs="+", metavar="SOURCE",
        help="text/HTML file, directory, glob, JSONL of documents, URL, or - for stdin",
    )  # fmt: skip
    parser.add_argument("--format", choices=FORMATS, default="jsonl", help="output format")
    parser.add_argument("--input-format", default=None, help="force the input kind (e.g. jsonl)")
    parser.add_argument("--date", default=None, help="publication date for inputs without one")
    parser.add_argument(
        "--min-confidence", type=float, default=0.0, help="drop events below this confidence"
    )
    parser.add_argument(
        "--max-chars", type=int, default=DEFAULT_MAX_CHARS,
        help="skip (and report) documents longer than this many characters",
    )  # fmt: skip
    parser.add_argument(
        "--no-classifier", action="store_true", help="rules only: no statistical confidence"
    )
    parser.add_argument("--all-languages", action="store_true", help="do not skip non-English")
    parser.add_argument(
        "--people", action="append", default=[], metavar="YAML",
        help="extra knowledge-base file of people with tenure dates (see docs/actors.md)",
    )  # fmt: skip
    parser.add_argument(
        "--lexicon", action="append", default=[], metavar="YAML",
        help="extra trigger patterns, winning ties over the built-in ones (see docs/lexicon.md)",
    )  # fmt: skip


class _Errors:
    """Collects problems per source; each is printed at once, one line, naming the source."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.count = 0

    def __call__(self, source: str, message: str) -> None:
        self.count += 1
        print(f"detente: {source}: {message}", file=self.stream)


def read_documents(args: argparse.Namespace, errors: _Errors) -> Iterator[Document]:
    """Readable, non-empty, not-too-large documents from the sources; problems to `errors`."""
    from detente.ingest import iter_articles

    languages = None if args.all_languages else ("en",)
    articles = iter_articles(
        args.sources, input_format=args.input_format, on_error=errors, languages=languages
    )
    for article in articles:
        name = article.path or article.url or article.id
        if not article.text or not article.text.strip():
            errors(name, "empty document, nothing to code")
            continue
        if len(article.text) > args.max_chars:
            errors(name, f"document too large ({len(article.text):,} characters > "
                         f"--max-chars {args.max_chars:,}); split it or raise the limit")
            continue
        document = article.to_document()
        if document.date is None:
            document.date = args.date
        yield document


def run(args: argparse.Namespace) -> int:
    from detente.events.coder import EventCoder

    errors = _Errors(sys.stderr)
    try:
        coder = EventCoder(use_classifier=not args.no_classifier, **_user_data(args))
    except (ValueError, OSError) as exc:  # a bad user file: say which, code nothing
        print(f"detente: {exc}", file=sys.stderr)
        return 2
    out = sys.stdout
    writer = _writer(args.format, out)
    documents = 0
    for _document, events in coder.code_documents(read_documents(args, errors)):
        documents += 1
        for event in events:
            if event.confidence >= args.min_confidence:
                writer.write(event)
    writer.close()
    if documents == 0:
        print("detente: no document could be read", file=sys.stderr)
        return 1
    return 0


def _user_data(args: argparse.Namespace) -> dict:
    """Resolver and lexicon built with the user's own data files, where given."""
    from pathlib import Path

    extra: dict = {}
    if args.people:
        from detente.actors import ActorResolver

        extra["resolver"] = ActorResolver.from_files(people=[Path(p) for p in args.people])
    if args.lexicon:
        from detente.events.lexicon import TriggerLexicon

        extra["lexicon"] = TriggerLexicon.with_extra(args.lexicon)
    return extra


def _writer(fmt: str, out: TextIO):
    if fmt == "csv":
        return _CsvWriter(out)
    if fmt == "table":
        return _TableWriter(out)
    return _JsonlWriter(out)


class _JsonlWriter:
    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, event: Event) -> None:
        self.out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.out.flush()


def flat_row(event: Event) -> dict:
    """One event as a flat row (CSV, tables)."""
    return {
        "doc_id": event.doc_id, "sentence_index": event.sentence_index, "date": event.date,
        "source_code": event.source.code, "source_text": event.source.text,
        "target_code": event.target.code, "target_text": event.target.text,
        "cameo": event.cameo, "cameo_root": event.cameo_root, "plover": event.plover,
        "mode": event.mode, "contexts": ";".join(event.contexts), "goldstein": event.goldstein,
        "quad_class": event.quad_class, "negated": event.negated,
        "confidence": round(event.confidence, 3), "trigger": event.evidence.trigger,
        "start": event.evidence.start, "end": event.evidence.end, "sentence": event.sentence,
    }  # fmt: skip


class _CsvWriter:
    def __init__(self, out: TextIO) -> None:
        self.writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
        self.writer.writeheader()
        self.out = out

    def write(self, event: Event) -> None:
        self.writer.writerow(flat_row(event))

    def close(self) -> None:
        self.out.flush()


class _TableWriter:
    """An aligned table for people; rows are buffered so columns can be sized."""

    COLUMNS = ("date", "source_code", "target_code", "cameo", "plover", "goldstein",
               "confidence", "trigger", "contexts")

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.rows: list[dict] = []

    def write(self, event: Event) -> None:
        row = flat_row(event)
        if event.negated:
            row["trigger"] = "NOT " + row["trigger"]
        self.rows.append(row)

    def close(self) -> None:
        from rich.console import Console
        from rich.table import Table

        table = Table(show_lines=False, header_style="bold")
        headers = ("date", "source", "target", "cameo", "plover", "goldstein", "conf",
                   "trigger", "contexts")
        for header in headers:
            table.add_column(header, overflow="fold")
        for row in self.rows:
            table.add_row(*(str(row[c] if row[c] is not None else "") for c in self.COLUMNS))
        console = Console(file=self.out, width=max(100, Console(file=self.out).width))
        console.print(table)
        console.print(f"{len(self.rows)} events")
