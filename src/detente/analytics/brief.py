"""Briefs: an analyst's note on a dyad and a window, composed from coded events.

Sections (their JSON keys): `meetings` (CAMEO 04 talks, visits, calls and 036
intent to meet), `demands` (02 appeals, 10 demands), `accusations_threats`
(11-20: accusations, rejections, threats, protests, force posture, sanctions,
coercion, force; and refusals: negated cooperation), `cooperation` (03
intent to cooperate, 05 diplomatic cooperation and agreements, 06 material
cooperation, 07 aid, 08 concessions), `issues`, `third_parties` and `summary`.
Every item carries the evidence sentences (with title, URL and date) of every
article that reported it. CAMEO 01 statements and 09 investigations count in
the summary but get no section.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

from detente.analytics import names
from detente.analytics.cluster import cluster_events
from detente.analytics.frame import (
    data_window,
    dyad_mask,
    load_events,
    parse_window,
    within,
)
from detente.analytics.issues import rank_issues
from detente.analytics.series import intensities, tension
from detente.analytics.text import compose, join_words, long_date
from detente.analytics.third_parties import third_parties

SECTIONS = {
    "meetings": "Meetings, visits and talks",
    "demands": "Demands and requests",
    "accusations_threats": "Accusations, rejections, threats and sanctions",
    "cooperation": "Cooperation, agreements and aid",
}
_CONFLICT = ("11", "12", "13", "14", "15", "16", "17", "18", "19", "20")
_COOPERATION = ("03", "05", "06", "07", "08")
TREND_POINTS = 5.0  # tension change (index points) that counts as rising/easing


def section_of(cameo: str, negated: bool) -> str | None:
    """Which brief section a coded event belongs to (None: summary only)."""
    root = cameo[:2]
    if negated:
        # "refused to restore channels": a refusal, which a reader files with rejections.
        return "accusations_threats" if root in ("03", "04", "05", "06", "07", "08") else None
    if root == "04" or cameo.startswith("036"):
        return "meetings"
    if root in ("02", "10"):
        return "demands"
    if root in _CONFLICT:
        return "accusations_threats"
    if root in _COOPERATION:
        return "cooperation"
    return None


@dataclass
class BriefItem:
    """One event of a section: a sentence composed from the code, and its evidence."""

    text: str
    date: str
    direction: str
    source: str
    target: str
    cameo: str
    plover: str | None
    quad_class: int
    goldstein: float
    contexts: list[str]
    negated: bool
    reciprocal: bool
    num_articles: int
    num_sources: int
    num_mentions: int
    event_ids: list[str]
    evidence: list[dict[str, Any]]


@dataclass
class Brief:
    """A dyad's brief for a window; `to_dict()` is the JSON, `to_markdown()`/`to_html()` notes."""

    a: str
    b: str
    since: str | None
    until: str | None
    summary: dict[str, Any]
    meetings: list[BriefItem] = field(default_factory=list)
    demands: list[BriefItem] = field(default_factory=list)
    accusations_threats: list[BriefItem] = field(default_factory=list)
    cooperation: list[BriefItem] = field(default_factory=list)
    issues: list[dict[str, Any]] = field(default_factory=list)
    third_parties: list[dict[str, Any]] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)  # section -> events before the cut

    @property
    def empty(self) -> bool:
        return not self.summary.get("events")

    @property
    def names(self) -> tuple[str, str]:
        return names.name(self.a), names.name(self.b)

    def section(self, key: str) -> list[BriefItem]:
        return getattr(self, key)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "dyad": {"a": self.a, "b": self.b, "a_name": names.plain_name(self.a),
                     "b_name": names.plain_name(self.b)},
            "since": self.since, "until": self.until, "summary": self.summary,
        }  # fmt: skip
        for key in SECTIONS:
            out[key] = [asdict(item) for item in self.section(key)]
        out["issues"] = self.issues
        out["third_parties"] = self.third_parties
        out["totals"] = self.totals
        return out

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, default=str)

    def to_markdown(self) -> str:
        from detente.analytics.render import markdown

        return markdown(self)

    def to_html(self) -> str:
        from detente.analytics.render import html

        return html(self)


def brief(
    source: Any,
    a: str,
    b: str,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    max_items: int = 8,
    window_days: int = 2,
) -> Brief:
    """The brief of dyad a-b in [since, until] from a store, event frame or events.

    Without bounds the window is the dyad's whole record. Tension and issues
    are compared with the previous window of equal length.
    """
    a, b = names.resolve(a), names.resolve(b)
    start, stop = parse_window(since, until)
    if start is None or stop is None:
        first, last = data_window(load_events(source, start, stop, dyad=(a, b)))
        start, stop = start or first, stop or last
    if start is None or stop is None:  # no dyad events at all
        return Brief(a, b, _iso(start), _iso(stop), _summary(a, b, _no_events(), None,
                                                            start, stop))
    length = (stop - start).days + 1
    prev_start = start - dt.timedelta(days=length)
    involved = load_events(source, prev_start, stop, actors=(a, b))
    events = cluster_events(involved, window_days=window_days)
    current = within(events, start, stop)
    previous = within(events, prev_start, start - dt.timedelta(days=1))
    dyad_now = current[dyad_mask(current, a, b)]
    dyad_prev = previous[dyad_mask(previous, a, b)]
    out = Brief(a, b, start.isoformat(), stop.isoformat(),
                _summary(a, b, dyad_now, dyad_prev, start, stop))
    grouped: dict[str, list[dict]] = {key: [] for key in SECTIONS}
    for row in dyad_now.to_dict("records"):
        key = section_of(str(row["cameo"]), bool(row["negated"]))
        if key:
            grouped[key].append(row)
    for key, rows in grouped.items():
        items = _items(rows, a)
        out.totals[key] = len(items)
        setattr(out, key, _select(items, max_items))
    out.issues = rank_issues(dyad_now, dyad_prev)
    out.third_parties = third_parties(current, a, b)
    return out


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _no_events() -> pd.DataFrame:
    return pd.DataFrame(columns=["quad_class", "goldstein", "negated", "num_articles",
                                 "num_sources", "num_mentions", "source_key", "evidence"])


def _items(rows: list[dict], a: str) -> list[BriefItem]:
    """Items of one section; an event and its mirror from the same sentence read as one."""
    used: set[int] = set()
    items = []
    for i, row in enumerate(rows):
        if i in used:
            continue
        mirror = _mirror(rows, i, used)
        reciprocal = mirror is not None
        evidence = list(row["evidence"])
        ids = list(row["mentions"])
        if reciprocal:
            used.add(mirror)
            other = rows[mirror]
            ids += other["mentions"]
            known = {(e["url"], e["sentence"]) for e in evidence}
            evidence += [e for e in other["evidence"] if (e["url"], e["sentence"]) not in known]
        text_row = row
        if reciprocal and row["source_key"] != a:
            text_row = rows[mirror]  # "the United States and China", dyad order
        items.append(BriefItem(
            text=compose(text_row, reciprocal=reciprocal),
            date=row["date"],
            direction=f"{text_row['source_key']}{'<>' if reciprocal else '>'}"
                      f"{text_row['target_key']}",
            source=text_row["source_code"], target=text_row["target_code"],
            cameo=text_row["cameo"], plover=text_row["plover"],
            quad_class=int(text_row["quad_class"]), goldstein=float(text_row["goldstein"]),
            contexts=list(text_row["contexts"]), negated=bool(text_row["negated"]),
            reciprocal=reciprocal,
            num_articles=max(row["num_articles"], rows[mirror]["num_articles"])
            if reciprocal else int(row["num_articles"]),
            num_sources=max(row["num_sources"], rows[mirror]["num_sources"])
            if reciprocal else int(row["num_sources"]),
            num_mentions=len(ids), event_ids=ids, evidence=evidence,
        ))  # fmt: skip
    return items


def _mirror(rows: list[dict], i: int, used: set[int]) -> int | None:
    """The index of the reversed event reported by the same sentence, if any."""
    row = rows[i]
    sentences = {e["sentence"] for e in row["evidence"]}
    for j in range(i + 1, len(rows)):
        other = rows[j]
        if j in used or other["source_key"] != row["target_key"] or \
                other["target_key"] != row["source_key"]:
            continue
        if other["cameo_root"] == row["cameo_root"] and other["date"] == row["date"] and \
                sentences & {e["sentence"] for e in other["evidence"]}:
            return j
    return None


def _select(items: list[BriefItem], limit: int) -> list[BriefItem]:
    """The `limit` most reported and most intense items, shown in date order."""
    ranked = sorted(items, key=lambda it: (-it.num_articles, -abs(it.goldstein), it.date))
    return sorted(ranked[:limit], key=lambda it: (it.date, it.direction))


def _window_stats(events: pd.DataFrame) -> dict[str, Any]:
    counted = events[~events["negated"].astype(bool)] if len(events) else events
    coop = int(counted["quad_class"].isin((1, 2)).sum()) if len(counted) else 0
    conflict = int(counted["quad_class"].isin((3, 4)).sum()) if len(counted) else 0
    c, p = intensities(counted["goldstein"]) if len(counted) else (0.0, 0.0)
    return {
        "events": len(events),
        "cooperation": coop, "conflict": conflict,
        "cooperation_share": round(coop / (coop + conflict), 3) if coop + conflict else None,
        "tension": round(tension(c, p), 1) if len(counted) else None,
    }  # fmt: skip


def _summary(a: str, b: str, now: pd.DataFrame, before: pd.DataFrame | None,
             since: dt.date | None, until: dt.date | None) -> dict[str, Any]:
    stats = _window_stats(now)
    quads = {q: int((now["quad_class"] == q).sum()) if len(now) else 0 for q in (1, 2, 3, 4)}
    by_direction = {f"{a}>{b}": int((now["source_key"] == a).sum()) if len(now) else 0,
                    f"{b}>{a}": int((now["source_key"] == b).sum()) if len(now) else 0}
    prev = _window_stats(before) if before is not None else None
    change = None
    trend = "unknown"
    if prev and prev["tension"] is not None and stats["tension"] is not None:
        change = round(stats["tension"] - prev["tension"], 1)
        trend = "rising" if change >= TREND_POINTS else "easing" if change <= -TREND_POINTS \
            else "stable"
    length = (until - since).days + 1 if since and until else None
    summary = {
        **stats,
        "mentions": int(now["num_mentions"].sum()) if len(now) else 0,
        "articles": len({e["url"] or e["title"] for ev in now["evidence"] for e in ev})
        if len(now) else 0,
        "by_quad": {"verbal_cooperation": quads[1], "material_cooperation": quads[2],
                    "verbal_conflict": quads[3], "material_conflict": quads[4]},
        "by_direction": by_direction,
        "previous": None if prev is None else {
            **prev,
            "since": (since - dt.timedelta(days=length)).isoformat() if length else None,
            "until": (since - dt.timedelta(days=1)).isoformat() if since else None,
        },
        "tension_change": change,
        "trend": trend,
    }  # fmt: skip
    summary["text"] = _summary_text(a, b, summary, since, until)
    return summary


def _signed(value: float) -> str:
    return f"{value:+.0f}".replace("-", "\u2212")


def _summary_text(a: str, b: str, s: dict[str, Any], since: dt.date | None,
                  until: dt.date | None) -> str:
    pair = f"{names.name(a)} and {names.name(b)}"
    if since and until:
        span = f"On {long_date(since)}" if since == until else \
            f"From {long_date(since)} to {long_date(until)}"
    else:
        span = "So far"
    if not s["events"]:
        return f"{span}, no events between {pair} were coded."
    n, k = s["events"], s["articles"]
    parts = [f"{span}, {n} event{'s' if n != 1 else ''} between {pair} "
             f"{'were' if n != 1 else 'was'} coded from {k} article{'s' if k != 1 else ''}"]
    detail = [f"{s['cooperation']} cooperative", f"{s['conflict']} conflictual"]
    share = s["cooperation_share"]
    parts[0] += f": {join_words(detail)}"
    if share is not None:
        parts[0] += f" (cooperation share {share:.0%})"
    parts[0] += "."
    if s["tension"] is not None:
        sentence = f"The tension index stands at {_signed(s['tension'])}"
        prev = s["previous"]
        if prev and prev["tension"] is not None:
            sentence += (f" against {_signed(prev['tension'])} in the previous window "
                         f"({prev['events']} events): {s['trend']}")
        elif prev is not None:
            sentence += "; the previous window of equal length has no events to compare"
        parts.append(sentence + ".")
    return " ".join(parts)
