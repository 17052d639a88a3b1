"""Issue salience: which contexts a dyad's events are about, and which are rising.

Salience of an issue in a window = the share of the dyad's (clustered) events
that carry that context. An issue is *rising* when its salience grew by at
least `rise` (10 points) against the previous window of equal length, on at
least two events — or it is new with at least two events.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pandas as pd

from detente.analytics.text import GENERIC_CONTEXTS, context_label, implied_by

CONFLICT_QUADS = (3, 4)
COOPERATION_QUADS = (1, 2)


def issue_counts(events: pd.DataFrame, include_generic: bool = False) -> pd.DataFrame:
    """Per context: events, conflict and cooperation events, mean Goldstein, salience."""
    total = len(events)
    rows: dict[str, dict[str, Any]] = {}
    for event in events.to_dict("records"):
        for context in dict.fromkeys(event["contexts"]):
            if context in GENERIC_CONTEXTS and not include_generic:
                continue
            row = rows.setdefault(context, {"context": context, "events": 0, "conflict": 0,
                                            "cooperation": 0, "goldstein": 0.0})
            row["events"] += 1
            row["conflict"] += event["quad_class"] in CONFLICT_QUADS
            row["cooperation"] += event["quad_class"] in COOPERATION_QUADS
            row["goldstein"] += float(event["goldstein"])
    out = pd.DataFrame(list(rows.values()),
                       columns=["context", "events", "conflict", "cooperation", "goldstein"])
    out["goldstein_mean"] = (out["goldstein"] / out["events"]).round(2)
    out["salience"] = (out["events"] / total).round(3) if total else 0.0
    out = out.drop(columns="goldstein")
    return out.sort_values(["events", "conflict", "context"], ascending=[False, False, True],
                           kind="stable").reset_index(drop=True)


def rank_issues(
    current: pd.DataFrame, previous: pd.DataFrame | None = None, rise: float = 0.10,
    evidence: int = 2,
) -> list[dict[str, Any]]:
    """The issues of a window ranked by salience, each against the previous window.

    Both frames are clustered dyad events. Each item: context, label, events,
    conflict, cooperation, goldstein_mean, salience, previous_events,
    previous_salience, change, rising, contentious, evidence.
    """
    now = issue_counts(current)
    before = issue_counts(previous) if previous is not None and len(previous) else None
    prev = {} if before is None else {r["context"]: r for r in before.to_dict("records")}
    examples = _examples(current, evidence)
    redundant = _redundant(current)
    items = []
    for row in now.to_dict("records"):
        if row["context"] in redundant:
            continue
        p = prev.get(row["context"], {})
        p_sal = float(p.get("salience", 0.0))
        change = round(row["salience"] - p_sal, 3)
        rising = row["events"] >= 2 and (change >= rise or not p)
        items.append({
            "context": row["context"], "label": context_label(row["context"]),
            "events": int(row["events"]), "conflict": int(row["conflict"]),
            "cooperation": int(row["cooperation"]), "goldstein_mean": row["goldstein_mean"],
            "salience": row["salience"], "previous_events": int(p.get("events", 0)),
            "previous_salience": p_sal, "change": change,
            "rising": bool(rising and previous is not None and len(previous) > 0),
            "contentious": int(row["conflict"]) > 0,
            "evidence": examples.get(row["context"], []),
        })  # fmt: skip
    return items


def _redundant(events: pd.DataFrame) -> set[str]:
    """Broad contexts that only ever come with a narrower one implying them.

    "territory" on every Taiwan event says nothing the "Taiwan" issue does not;
    it stays when some event is about territory without a named dispute.
    """
    implied = implied_by()
    seen: set[str] = set()
    standalone: set[str] = set()
    for contexts in events["contexts"] if len(events) else []:
        present = set(contexts)
        seen |= present
        standalone |= {c for c in present if not implied.get(c, frozenset()) & present}
    return seen - standalone


def _examples(events: pd.DataFrame, k: int) -> dict[str, list[dict]]:
    """Up to k evidence entries per context, most-reported conflict events first."""
    out: dict[str, list[dict]] = {}
    ordered = events.assign(_c=events["quad_class"].isin(CONFLICT_QUADS)).sort_values(
        ["_c", "num_articles", "date"], ascending=[False, False, True], kind="stable"
    ) if len(events) else events
    for event in ordered.to_dict("records"):
        for context in event["contexts"]:
            bucket = out.setdefault(context, [])
            for item in event["evidence"][:1]:
                if len(bucket) < k and item["sentence"] not in {e["sentence"] for e in bucket}:
                    bucket.append(item)
    return out


def salience_series(events: pd.DataFrame, freq: str = "M", rise: float = 0.10) -> pd.DataFrame:
    """Period x context salience of a dyad's (clustered) events, long format.

    Columns: period, context, label, events, salience, rising (salience up by
    `rise` or more on at least two events, against the period before).
    """
    columns = ["period", "context", "label", "events", "salience", "rising"]
    if events.empty:
        return pd.DataFrame(columns=columns)
    periods = pd.PeriodIndex(pd.to_datetime(events["date"]), freq=freq)
    totals = Counter(periods)
    counts: Counter = Counter()
    for period, contexts in zip(periods, events["contexts"], strict=True):
        for context in dict.fromkeys(contexts):
            if context not in GENERIC_CONTEXTS:
                counts[(period, context)] += 1
    rows = []
    for (period, context), n in sorted(counts.items()):
        share = n / totals[period]
        before = counts.get((period - 1, context), 0)
        before_share = before / totals[period - 1] if totals.get(period - 1) else 0.0
        rows.append({"period": period.start_time.date().isoformat(), "context": context,
                     "label": context_label(context), "events": n,
                     "salience": round(share, 3),
                     "rising": n >= 2 and share - before_share >= rise})
    return pd.DataFrame(rows, columns=columns)


def issue_series(
    source: Any, a: str, b: str, freq: str = "month", since: Any = None, until: Any = None
) -> pd.DataFrame:
    """`salience_series` for a dyad of a store, event frame or events (clustered first)."""
    from detente.analytics.cluster import cluster_events
    from detente.analytics.frame import load_events, parse_window
    from detente.analytics.series import FREQS

    start, stop = parse_window(since, until)
    events = cluster_events(load_events(source, start, stop, dyad=(a, b)))
    return salience_series(events, FREQS[freq])


def rising_issues(
    events: pd.DataFrame, since: dt.date, until: dt.date, rise: float = 0.10
) -> list[dict[str, Any]]:
    """Issues whose salience in [since, until] rose against the window before it."""
    length = (until - since).days + 1
    prev_since = since - dt.timedelta(days=length)
    dates = events["date"]
    current = events[(dates >= since.isoformat()) & (dates <= until.isoformat())]
    previous = events[(dates >= prev_since.isoformat()) & (dates < since.isoformat())]
    return [i for i in rank_issues(current, previous, rise) if i["rising"]]
