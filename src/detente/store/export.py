"""Exports: Parquet and CSV (pandas, DuckDB), a GDELT-2.0-style event table, PLOVER JSON.

Every export streams from the database in chunks (memory stays flat on big
stores) into a temporary file beside the target, renamed into place at the
end: a failed export never leaves a half-written file behind.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Iterator
from datetime import date as Date
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

from detente.store.base import EVENT_COLUMNS, EXPORT_FORMATS, StoreError
from detente.store.core import Store

__all__ = ["EXPORT_FORMATS", "GDELT_COLUMNS", "export"]

CHUNK_ROWS = 20_000

# GDELT 2.0 event table columns, in GDELT's order (the 61 of the codebook).
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
GDELT_COLUMNS: tuple[str, ...] = (
    ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    + tuple(f"Actor1{f}" for f in _ACTOR) + tuple(f"Actor2{f}" for f in _ACTOR)
    + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
       "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
    + tuple(f"Actor1Geo_{f}" for f in _GEO) + tuple(f"Actor2Geo_{f}" for f in _GEO)
    + tuple(f"ActionGeo_{f}" for f in _GEO)
    + ("DATEADDED", "SOURCEURL")
)  # fmt: skip
ROOT_EVENT_SENTENCES = 3  # events in the first sentences count as "lead" (IsRootEvent=1)


def export(store: Store, fmt: str, out: str | os.PathLike[str], **filters: Any) -> int:
    """Write the store's events to `out` in `fmt`; returns the number of rows written.

    filters are those of Store.events() (since, until, dyad, type, ...).
    """
    writers: dict[str, Callable[[Store, Path, dict[str, Any]], int]] = {
        "parquet": _parquet, "csv": _csv, "gdelt": _gdelt, "plover-json": _plover,
    }  # fmt: skip
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(EXPORT_FORMATS)}")
    target = Path(out)
    if target.is_dir():
        raise StoreError(f"{target} is a directory: give a file name for --out")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the folder for {target}: {exc.strerror}") from None
    temporary = target.with_name(f".{target.name}.partial")
    try:
        rows = writers[fmt](store, temporary, filters)
        os.replace(temporary, target)
    except OSError as exc:
        raise StoreError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        if temporary.exists():
            temporary.unlink()
    return rows


# -- Parquet / CSV: the DataFrame columns ---------------------------------------------
def _parquet(store: Store, path: Path, filters: dict[str, Any]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    string, integer, double = pa.string(), pa.int64(), pa.float64()
    types = {c: string for c in EVENT_COLUMNS}
    types.update(sentence_index=integer, goldstein=double, quad_class=integer,
                 negated=pa.bool_(), confidence=double, start=integer, end=integer,
                 contexts=pa.list_(string))
    schema = pa.schema([(c, types[c]) for c in EVENT_COLUMNS])
    rows = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for chunk in _chunks(store.iter_event_rows(**filters)):
            columns = {c: [r[c] for r in chunk] for c in EVENT_COLUMNS}
            writer.write_table(pa.Table.from_pydict(columns, schema=schema))
            rows += len(chunk)
        if rows == 0:
            writer.write_table(schema.empty_table())
    return rows


def _csv(store: Store, path: Path, filters: dict[str, Any]) -> int:
    rows = 0
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(EVENT_COLUMNS), extrasaction="ignore")
        writer.writeheader()
        for row in store.iter_event_rows(**filters):
            row["contexts"] = ";".join(row["contexts"])
            writer.writerow(row)
            rows += 1
    return rows


def _chunks(rows: Iterator[dict[str, Any]], size: int = CHUNK_ROWS) -> Iterator[list[dict]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# -- GDELT 2.0 style ------------------------------------------------------------------
def _gdelt(store: Store, path: Path, filters: dict[str, Any]) -> int:
    """One row per event of an original article; copies in duplicate articles are mentions."""
    filters = {k: v for k, v in filters.items() if k != "include_duplicates"}
    mentions = _duplicate_mentions(store, filters)
    rows = 0
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(GDELT_COLUMNS)
        for r in store.iter_event_rows(**filters, include_duplicates=False):
            copies = mentions.get(_mention_key(r["article_id"], r), [])
            writer.writerow(_gdelt_row(r, copies))
            rows += 1
    return rows


def _mention_key(original: str, r: dict[str, Any]) -> tuple:
    return (original, r["source_code"], r["target_code"], r["cameo"], r["date"])


def _duplicate_mentions(store: Store, filters: dict[str, Any]) -> dict[tuple, list[tuple]]:
    """(original article, dyad, code, date) -> [(article, source)] of the same event in copies."""
    found: dict[tuple, list[tuple]] = {}
    for r in store.iter_event_rows(**filters):
        if r["duplicate_of"] is not None:
            found.setdefault(_mention_key(r["duplicate_of"], r), []).append(
                (r["article_id"], _outlet(r)))
    return found


def _outlet(r: dict[str, Any]) -> str:
    return r["sitename"] or (urlsplit(r["url"]).netloc if r["url"] else "") or r["article_id"]


def _gdelt_row(r: dict[str, Any], copies: list[tuple]) -> list[Any]:
    row: dict[str, Any] = dict.fromkeys(GDELT_COLUMNS, "")
    day = r["date"] or r["published"]
    if day:
        parsed = Date.fromisoformat(day)
        row.update(SQLDATE=parsed.strftime("%Y%m%d"), MonthYear=parsed.strftime("%Y%m"),
                   Year=parsed.year,
                   FractionDate=f"{parsed.year + (parsed.month * 30 + parsed.day) / 365:.4f}")
    for n, side in ((1, "source"), (2, "target")):
        country, code = r[f"{side}_country"], r[f"{side}_code"]
        row[f"Actor{n}Code"] = code
        row[f"Actor{n}Name"] = r[f"{side}_text"]
        row[f"Actor{n}CountryCode"] = country or ""
        row[f"Actor{n}KnownGroupCode"] = "" if country else code
        row[f"Actor{n}Type1Code"] = r[f"{side}_sector"] or ""
    articles = {r["article_id"]} | {a for a, _ in copies}
    outlets = {_outlet(r)} | {o for _, o in copies}
    added = (r.get("ingested_at") or "").replace("-", "").replace(":", "").replace("T", "")
    row.update(
        GLOBALEVENTID=r["id"], IsRootEvent=int(r["sentence_index"] < ROOT_EVENT_SENTENCES),
        EventCode=r["cameo"], EventBaseCode=r["cameo"][:3], EventRootCode=r["cameo_root"],
        QuadClass=r["quad_class"], GoldsteinScale=r["goldstein"],
        NumMentions=1 + len(copies), NumSources=len(outlets), NumArticles=len(articles),
        DATEADDED=added[:14], SOURCEURL=r["url"] or "",
    )  # fmt: skip
    return [row[c] for c in GDELT_COLUMNS]


# -- PLOVER JSON (JSON Lines, as the PLOVER manual suggests) -----------------------------
def _plover(store: Store, path: Path, filters: dict[str, Any]) -> int:
    rows = 0
    with open(path, "w", encoding="utf-8") as fh:
        for r in store.iter_event_rows(**filters):
            if r["plover"] is None:  # CAMEO 01 statements have no PLOVER category
                continue
            _write_json(fh, plover_record(r))
            rows += 1
    return rows


def _entity(r: dict[str, Any], side: str) -> dict[str, Any]:
    return {
        "code": r[f"{side}_country"] or r[f"{side}_code"], "sector": r[f"{side}_sector"],
        "entity_text": r[f"{side}_text"], "actor_code": r[f"{side}_code"],
    }  # fmt: skip


def plover_record(r: dict[str, Any]) -> dict[str, Any]:
    """One event row as a PLOVER JSON record (manual's field names; extras named plainly)."""
    return {
        "id": r["event_id"], "date": r["date"], "actor": [_entity(r, "source")],
        "recipient": [_entity(r, "target")], "event": [r["plover"]],
        "mode": [r["mode"]] if r["mode"] else [], "context": list(r["contexts"]),
        "quad_code": r["quad_class"], "event_text": [r["trigger"]], "text": r["sentence"],
        "text_info": {"sequence": r["sentence_index"], "start": r["start"], "end": r["end"]},
        "cite_info": {"corpus": r["sitename"], "citation": r["article_id"], "url": r["url"],
                      "title": r["title"]},
        "coder": f"detente {r['coder_version']}", "coded_date": (r.get("ingested_at") or "")[:10],
        "cameo": r["cameo"], "goldstein": r["goldstein"], "negated": r["negated"],
        "confidence": r["confidence"], "duplicate_of": r["duplicate_of"],
    }  # fmt: skip


def _write_json(fh: TextIO, record: dict[str, Any]) -> None:
    fh.write(json.dumps(record, ensure_ascii=False) + "\n")
