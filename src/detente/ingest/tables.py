"""Tables of articles: JSONL, JSON arrays, CSV/TSV and Parquet, streamed.

Column names vary between datasets (text/body/content, date/published, ...),
so common aliases are accepted. A given id is kept, so that callers can match
coded events back to their own records.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from detente.ingest.util import IngestError, normalize_date

__all__ = ["FIELD_ALIASES", "Record", "RecordProblem", "iter_csv", "iter_json", "iter_jsonl",
           "iter_parquet"]

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "doc_id", "docid", "article_id", "uuid", "guid", "_id"),
    "text": ("text", "body", "content", "article", "maintext", "article_text", "articlebody",
             "full_text", "fulltext", "story", "clean_text"),
    "html": ("html", "raw_html", "content_html", "page_html"),
    "title": ("title", "headline", "heading"),
    "date": ("date", "published", "publish_date", "published_at", "pubdate", "date_publish",
             "publication_date", "published_date", "datetime", "timestamp", "seendate"),
    "url": ("url", "link", "source_url", "uri", "href"),
    "author": ("author", "authors", "byline", "creator"),
    "sitename": ("sitename", "site_name", "source", "site", "publisher", "source_name",
                 "outlet", "domain"),
    "language": ("language", "lang"),
}


@dataclass
class Record:
    """One row, mapped to article fields; `line` locates it in its file."""

    line: int
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass
class RecordProblem:
    line: int
    message: str


def _mapping(keys: list[str]) -> dict[str, str]:
    """field name -> column name, using the first alias present."""
    lower = {k.lower().strip(): k for k in keys if isinstance(k, str)}
    found = {}
    for name, aliases in FIELD_ALIASES.items():
        for alias in aliases:
            if alias in lower:
                found[name] = lower[alias]
                break
    return found


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if v)
    text = str(value).strip()
    return text or None


def _record(line: int, row: dict[str, Any]) -> Record | RecordProblem:
    columns = _mapping(list(row))
    out: dict[str, Any] = {}
    for name, column in columns.items():
        value = row.get(column)
        if name == "date":
            out[name] = normalize_date(value)
        elif name in ("text", "html"):
            out[name] = value if isinstance(value, str) and value.strip() else None
        else:
            out[name] = _as_text(value)
    if not out.get("text") and not out.get("html"):
        expected = "/".join(FIELD_ALIASES["text"][:3] + FIELD_ALIASES["html"][:1])
        return RecordProblem(line, f"record has no text (expected a field named {expected})")
    return Record(line, out)


def iter_jsonl(stream: BinaryIO, max_bytes: int) -> Iterator[Record | RecordProblem]:
    """One JSON object per line; over-long and malformed lines are reported and skipped."""
    line_no = 0
    while True:
        raw = stream.readline(max_bytes + 1)
        if not raw:
            return
        line_no += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                raw = stream.readline(1 << 20)
            yield RecordProblem(line_no, f"line longer than {max_bytes} bytes, skipped")
            continue
        raw = raw.strip()
        if not raw:
            continue
        try:
            obj = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield RecordProblem(line_no, f"invalid JSON: {exc.msg if hasattr(exc, 'msg') else exc}")
            continue
        if not isinstance(obj, dict):
            yield RecordProblem(line_no, "expected a JSON object")
            continue
        yield _record(line_no, obj)


def iter_json(stream: BinaryIO, max_bytes: int) -> Iterator[Record | RecordProblem]:
    """A JSON array of objects (or one object), read whole up to `max_bytes`."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise IngestError(f"JSON file larger than {max_bytes} bytes; use JSONL for big tables")
    try:
        obj = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise IngestError(f"invalid JSON: {exc}") from None
    items = obj if isinstance(obj, list) else [obj]
    for i, item in enumerate(items, start=1):
        if isinstance(item, dict):
            yield _record(i, item)
        else:
            yield RecordProblem(i, "expected a JSON object")


def iter_csv(
    stream: BinaryIO, max_bytes: int, delimiter: str | None = None
) -> Iterator[Record | RecordProblem]:
    """CSV or TSV with a header row; the delimiter is sniffed when not given."""
    csv.field_size_limit(min(max_bytes, sys.maxsize))
    if delimiter is None:
        peek = getattr(stream, "peek", None)
        head = peek(4096)[:4096].decode("utf-8", errors="replace") if peek else ""
        first = head.splitlines()[0] if head else ""
        delimiter = max(",\t;|", key=first.count) if first else ","
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
    reader = csv.DictReader(text, delimiter=delimiter)
    if reader.fieldnames is None:
        return
    mapping = _mapping(list(reader.fieldnames))
    if "text" not in mapping and "html" not in mapping:
        raise IngestError(
            "no text column in the header (expected one of: text, body, content, html); "
            f"found: {', '.join(reader.fieldnames[:8])}"
        )
    try:
        for row in reader:
            yield _record(reader.line_num, row)
    except csv.Error as exc:
        raise IngestError(f"CSV error near line {reader.line_num}: {exc}") from None


def iter_parquet(stream: BinaryIO, max_bytes: int) -> Iterator[Record | RecordProblem]:
    """Parquet read in record batches, so large files are not loaded whole."""
    try:
        import pyarrow.parquet as pq
    except ImportError:  # pragma: no cover - pinned dependency
        raise IngestError("reading Parquet needs pyarrow (pip install pyarrow)") from None
    try:
        parquet = pq.ParquetFile(stream)
    except Exception as exc:  # noqa: BLE001 - pyarrow raises ArrowInvalid and OSError
        raise IngestError(f"not a readable Parquet file: {exc}") from None
    names = parquet.schema_arrow.names
    mapping = _mapping(names)
    if "text" not in mapping and "html" not in mapping:
        raise IngestError(
            f"no text column (expected one of: text, body, content, html); found: "
            f"{', '.join(names[:8])}"
        )
    row = 0
    for batch in parquet.iter_batches(batch_size=512, columns=list(set(mapping.values()))):
        for item in batch.to_pylist():
            row += 1
            yield _record(row, item)
