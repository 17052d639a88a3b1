"""The event frame every analytic works on, and the date windows they share.

Analytics take the store's event table (one row per coded mention) as a pandas
DataFrame. Anything else a user may hold — a store, a list of `Event`s, event
records read from `detente code` JSONL — is turned into that same frame here,
so each analytic is a pure function of one table and can be tested without a
database.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from detente.model import Event

# The store's `events()` columns, in its order (the contract analytics rely on).
EVENT_COLUMNS = [
    "event_id", "article_id", "sentence_index", "sentence", "date", "source_text",
    "source_code", "source_country", "source_sector", "target_text", "target_code",
    "target_country", "target_sector", "cameo", "cameo_root", "plover", "mode", "contexts",
    "goldstein", "quad_class", "negated", "confidence", "trigger", "start", "end", "title",
    "url", "sitename", "published", "duplicate_of",
]  # fmt: skip

ARTICLE_FIELDS = ("title", "url", "sitename", "published", "duplicate_of")

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


class WindowError(ValueError):
    """A --since/--until pair that cannot make a window."""


def parse_bound(value: str | dt.date | None, end: bool = False) -> dt.date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD as a day: its first day, or its last with `end`.

    So `--since 2023 --until 2023` is the whole of 2023, as a person means it.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _DATE.match(str(value).strip())
    if not match:
        raise WindowError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
        if day is None:
            first = dt.date(year, month, 1)
            if not end:
                return first
            nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(year, month, day)
    except ValueError as exc:
        raise WindowError(f"not a date: {value!r} ({exc})") from None


def parse_window(
    since: str | dt.date | None, until: str | dt.date | None
) -> tuple[dt.date | None, dt.date | None]:
    """Both bounds as days; `since` after `until` is an error, not an empty answer."""
    start, stop = parse_bound(since), parse_bound(until, end=True)
    if start and stop and start > stop:
        raise WindowError(f"--since {start.isoformat()} is after --until {stop.isoformat()}")
    return start, stop


def events_frame(
    events: Iterable[Event | Mapping[str, Any]],
    articles: Mapping[str, Mapping[str, Any]] | None = None,
) -> pd.DataFrame:
    """Events (model objects or event-record dicts) as a store-shaped frame.

    `articles` maps doc_id to its metadata (title, url, sitename, published,
    duplicate_of), which the event record itself does not carry.
    """
    rows = []
    counters: dict[tuple[str, int], int] = {}
    for item in events:
        record = item.to_dict() if isinstance(item, Event) else dict(item)
        row = _flatten(record)
        key = (str(row["article_id"]), int(row["sentence_index"] or 0))
        n = counters.get(key, 0)
        counters[key] = n + 1
        if not row.get("event_id"):
            row["event_id"] = f"{key[0]}:{key[1]}:{n}"
        meta = (articles or {}).get(row["article_id"]) or {}
        for name in ARTICLE_FIELDS:
            if row.get(name) is None:
                row[name] = meta.get(name)
        if row.get("published") is None:
            row["published"] = meta.get("date")
        rows.append(row)
    return normalize(pd.DataFrame(rows, columns=EVENT_COLUMNS))


def _flatten(record: dict[str, Any]) -> dict[str, Any]:
    """An event record (nested, as `detente code` prints it) or a flat row, as a flat row."""
    row = {name: record.get(name) for name in EVENT_COLUMNS}
    row["article_id"] = record.get("article_id") or record.get("doc_id")
    for side in ("source", "target"):
        actor = record.get(side)
        if isinstance(actor, Mapping):
            for part in ("text", "code", "country", "sector"):
                row[f"{side}_{part}"] = actor.get(part)
    evidence = record.get("evidence")
    if isinstance(evidence, Mapping):
        for part in ("trigger", "start", "end"):
            row[part] = evidence.get(part)
    return row


def _as_list(value: Any) -> list[str]:
    """Contexts may arrive as a list, a JSON string or a ;-joined string."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                return [str(v) for v in json.loads(text)]
            except ValueError:
                pass
        return [p.strip() for p in re.split(r"[;,|]", text) if p.strip()]
    return [str(v) for v in value]


def _none_if_na(value: Any) -> Any:
    if value is None:
        return None
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):
        return value


def normalize(df: pd.DataFrame) -> pd.DataFrame:
    """Coerce a store-shaped frame to the types analytics expect; adds actor keys.

    `source_key`/`target_key` is the actor's country, or its code where it has
    none (NATO, UN): the unit a dyad is made of.
    """
    out = df.copy()
    for name in EVENT_COLUMNS:
        if name not in out.columns:
            out[name] = None
    out = out.astype({"event_id": "object"})
    out["contexts"] = [_as_list(v) for v in out["contexts"]]
    for name in ("date", "published"):
        out[name] = pd.Series([str(v)[:10] if _none_if_na(v) is not None else None
                               for v in out[name]], index=out.index, dtype=object)
    out["goldstein"] = pd.to_numeric(out["goldstein"], errors="coerce").fillna(0.0).astype(float)
    out["confidence"] = pd.to_numeric(out["confidence"], errors="coerce").fillna(0.0).astype(float)
    out["quad_class"] = pd.to_numeric(out["quad_class"], errors="coerce").fillna(0).astype(int)
    out["negated"] = [bool(_none_if_na(v)) for v in out["negated"]]
    out["cameo"] = [str(v) if _none_if_na(v) is not None else "" for v in out["cameo"]]
    out["cameo_root"] = [
        str(r) if _none_if_na(r) is not None else c[:2] for r, c in zip(out["cameo_root"],
                                                                     out["cameo"], strict=True)
    ]
    numeric = {"goldstein", "confidence", "quad_class", "negated", "contexts"}
    for name in EVENT_COLUMNS:
        if name not in numeric:  # None (not NaN) for missing text, whatever pandas inferred
            out[name] = pd.Series([_none_if_na(v) for v in out[name]], index=out.index,
                                  dtype=object)
    out["source_key"] = [c or k for c, k in zip(out["source_country"], out["source_code"],
                                                strict=True)]
    out["target_key"] = [c or k for c, k in zip(out["target_country"], out["target_code"],
                                                strict=True)]
    return out


def load_events(
    source: Any,
    since: dt.date | None = None,
    until: dt.date | None = None,
    dyad: tuple[str, str] | None = None,
    actors: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """The events of `source` (store, DataFrame or events) dated within [since, until].

    `dyad` keeps events between its two actors (either way), `actors` events
    involving any of them; a store filters in SQL, anything else in pandas.
    """
    bounds = {"since": since.isoformat() if since else None,
              "until": until.isoformat() if until else None}
    if isinstance(source, pd.DataFrame):
        df = normalize(source)
    elif hasattr(source, "events") and callable(source.events):
        if dyad:
            df = normalize(source.events(dyad=dyad, **bounds))
        elif actors:
            parts = [source.events(actor=actor, **bounds) for actor in actors]
            df = normalize(pd.concat(parts, ignore_index=True).drop_duplicates("event_id"))
        else:
            df = normalize(source.events(**bounds))
    else:
        df = events_frame(source)
    if dyad:
        df = df[dyad_mask(df, *dyad)]
    elif actors:
        df = df[df["source_key"].isin(actors) | df["target_key"].isin(actors)]
    return within(df, since, until)


def within(df: pd.DataFrame, since: dt.date | None, until: dt.date | None) -> pd.DataFrame:
    """Rows dated within the window (rows without a date cannot be placed and are dropped)."""
    dates = df["date"]
    keep = dates.notna()
    if since:
        keep &= dates.fillna("") >= since.isoformat()
    if until:
        keep &= dates.fillna("9999") <= until.isoformat()
    return df[keep].reset_index(drop=True)


def dyad_mask(df: pd.DataFrame, a: str, b: str, direction: str = "both") -> pd.Series:
    """Rows between a and b: `both` ways, or only `a>b` / `b>a`."""
    ab = (df["source_key"] == a) & (df["target_key"] == b)
    ba = (df["source_key"] == b) & (df["target_key"] == a)
    if direction == "a>b":
        return ab
    if direction == "b>a":
        return ba
    return ab | ba


def data_window(df: pd.DataFrame) -> tuple[dt.date | None, dt.date | None]:
    """The first and last event dates of a frame (None, None when empty)."""
    dates = df["date"].dropna()
    if dates.empty:
        return None, None
    return dt.date.fromisoformat(min(dates)), dt.date.fromisoformat(max(dates))
