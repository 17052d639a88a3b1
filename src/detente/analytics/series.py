"""Dyad series: events per period by quad class, Goldstein, and the tension index.

The tension index (docs/analytics.md) for a set of events with Goldstein
scores g_i (negated events left out, since they say what was *not* done):

    C = sum of -g_i over events with g_i < 0     (conflict intensity)
    P = sum of  g_i over events with g_i > 0     (cooperation intensity)
    T = 100 * (C - P) / (C + P + K)              K = 10, one maximal event

T runs from -100 (pure cooperation) to +100 (pure conflict). It rises with
every conflict event added and falls with every cooperation event added
(dT/dC > 0, dT/dP < 0 always), and K damps periods with little news: one
protest is not a crisis. The smoothed index applies the same formula to
exponentially weighted moving averages of C and P (span 3 periods), so a
quiet period lets tension fade slowly instead of snapping to 0.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
import pandas as pd

from detente.analytics.cluster import cluster_events
from detente.analytics.frame import data_window, dyad_mask, load_events, parse_window

FREQS = {"day": "D", "week": "W-SUN", "month": "M"}
QUADS = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}
TENSION_K = 10.0
SERIES_COLUMNS = [
    "period", "period_end", "direction", "events", *QUADS.values(), "goldstein_sum",
    "goldstein_mean", "cooperation_share", "conflict", "cooperation", "tension_raw",
    "tension", "trend", "baseline", "alert",
]  # fmt: skip


def tension(conflict: float, cooperation: float, k: float = TENSION_K) -> float:
    """The tension index of a conflict and a cooperation intensity (see module docstring)."""
    return 100.0 * (conflict - cooperation) / (conflict + cooperation + k) + 0.0


def intensities(goldstein: Any) -> tuple[float, float]:
    """(C, P): the summed conflict and cooperation intensity of Goldstein scores."""
    g = np.asarray(list(goldstein), dtype=float)
    return float(-g[g < 0].sum()) + 0.0, float(g[g > 0].sum()) + 0.0


def series(
    source: Any,
    a: str,
    b: str,
    freq: str = "week",
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    view: str = "undirected",
    clustered: bool = True,
    span: int = 3,
    trend_periods: int = 4,
    baseline_periods: int = 8,
    alert_z: float = 2.0,
) -> pd.DataFrame:
    """Per-period dyad series (SERIES_COLUMNS) for a store, event frame or events.

    `view` is `undirected` (A-B), `directed` (A>B and B>A) or `all` (the three);
    the `direction` column says which rows are which. Empty periods are kept
    (with zero events), because a quiet month is information too.
    """
    start, stop = parse_window(since, until)
    df = load_events(source, start, stop, dyad=(a, b))
    events = cluster_events(df) if clustered else df
    return series_from_events(events, a, b, freq, start, stop, view, span, trend_periods,
                              baseline_periods, alert_z)


def series_from_events(
    events: pd.DataFrame,
    a: str,
    b: str,
    freq: str = "week",
    since: dt.date | None = None,
    until: dt.date | None = None,
    view: str = "undirected",
    span: int = 3,
    trend_periods: int = 4,
    baseline_periods: int = 8,
    alert_z: float = 2.0,
) -> pd.DataFrame:
    """The series of already-selected (clustered) events; see `series`."""
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    views = {"undirected": ["both"], "directed": ["a>b", "b>a"],
             "all": ["both", "a>b", "b>a"]}.get(view)
    if views is None:
        raise ValueError(f"view must be undirected, directed or all, not {view!r}")
    first, last = data_window(events)
    since, until = since or first, until or last
    if since is None or until is None:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    periods = pd.period_range(since, until, freq=FREQS[freq])
    labels = {"both": f"{a}-{b}", "a>b": f"{a}>{b}", "b>a": f"{b}>{a}"}
    parts = []
    for direction in views:
        sub = events[dyad_mask(events, a, b, direction)]
        block = _block(sub, periods, FREQS[freq], span, trend_periods, baseline_periods,
                       alert_z)
        block.insert(2, "direction", labels[direction])
        parts.append(block)
    out = pd.concat(parts, ignore_index=True)
    return out[SERIES_COLUMNS]


def _block(events: pd.DataFrame, periods: pd.PeriodIndex, freq: str, span: int,
           trend_periods: int, baseline_periods: int, alert_z: float) -> pd.DataFrame:
    counted = events[~events["negated"].astype(bool)] if len(events) else events
    per = pd.PeriodIndex(pd.to_datetime(counted["date"]), freq=freq) if len(counted) else None
    rows = []
    for period in periods:
        sub = counted[per == period] if per is not None else counted
        g = sub["goldstein"].astype(float) if len(sub) else pd.Series(dtype=float)
        c, p = intensities(g)
        n = len(sub)
        quads = {name: int((sub["quad_class"] == q).sum()) if n else 0
                 for q, name in QUADS.items()}
        coop = quads["verbal_coop"] + quads["material_coop"]
        rows.append({
            "period": period.start_time.date().isoformat(),
            "period_end": period.end_time.date().isoformat(),
            "events": n, **quads,
            "goldstein_sum": round(float(g.sum()), 2) if n else 0.0,
            "goldstein_mean": round(float(g.mean()), 2) if n else math.nan,
            "cooperation_share": round(coop / n, 3) if n else math.nan,
            "conflict": round(c, 2), "cooperation": round(p, 2),
            "tension_raw": round(tension(c, p), 1) if n else math.nan,
        })  # fmt: skip
    out = pd.DataFrame(rows)
    alpha = 2.0 / (span + 1.0)
    c_s = out["conflict"].ewm(alpha=alpha, adjust=False).mean()
    p_s = out["cooperation"].ewm(alpha=alpha, adjust=False).mean()
    out["tension"] = [round(tension(c, p), 1) + 0.0 for c, p in zip(c_s, p_s, strict=True)]
    out["trend"] = _rolling_slope(out["tension"], trend_periods)
    out["baseline"], out["alert"] = _alerts(out["tension_raw"], baseline_periods, alert_z)
    return out


def _rolling_slope(values: pd.Series, k: int) -> list[float]:
    """Least-squares slope (index points per period) over the last k values."""
    out = []
    arr = values.to_numpy(dtype=float)
    for i in range(len(arr)):
        window = arr[max(0, i - k + 1): i + 1]
        if len(window) < 2:
            out.append(0.0)
            continue
        x = np.arange(len(window), dtype=float)
        out.append(round(float(np.polyfit(x, window, 1)[0]), 2))
    return out


def _alerts(raw: pd.Series, k: int, z: float, floor: float = 10.0) -> tuple[list, list]:
    """A period far from its recent baseline: |T - mean| >= z * max(std, floor).

    The baseline is the raw tension of the previous k periods that had events
    (at least three are needed); `floor` keeps a run of identical periods from
    making every small change an alert.
    """
    baselines, alerts = [], []
    history: list[float] = []
    for value in raw:
        base = history[-k:]
        if math.isnan(value) or len(base) < 3:
            baselines.append(round(float(np.mean(base)), 1) if base else math.nan)
            alerts.append("")
        else:
            mean, std = float(np.mean(base)), float(np.std(base))
            baselines.append(round(mean, 1))
            dev = (value - mean) / max(std, floor)
            alerts.append("spike" if dev >= z else "drop" if dev <= -z else "")
        if not math.isnan(value):
            history.append(float(value))
    return baselines, alerts


def trend_label(slope: float, threshold: float = 1.0) -> str:
    """Words for a slope of the smoothed index (points per period)."""
    if slope > threshold:
        return "rising"
    if slope < -threshold:
        return "easing"
    return "stable"


def plot_series(table: pd.DataFrame, path: str, title: str | None = None) -> None:
    """Save a two-panel chart (events by quad class; tension) as PNG or SVG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    if table.empty:
        raise ValueError("nothing to plot: the series is empty")
    directions = list(dict.fromkeys(table["direction"]))
    bars = table[table["direction"] == directions[0]]
    x = pd.to_datetime(bars["period"])
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(12, 6.5), sharex=True,
                                      gridspec_kw={"height_ratios": [1, 1.2]})
    width = _bar_width(x)
    colours = {"verbal_coop": "#7fbf7b", "material_coop": "#1b7837",
               "verbal_conflict": "#f4a582", "material_conflict": "#b2182b"}
    bottom_stack = np.zeros(len(bars))
    for name, colour in colours.items():
        values = bars[name].to_numpy(dtype=float)
        top.bar(x, values, width=width, bottom=bottom_stack, color=colour,
                label=name.replace("_", " "), align="edge")
        bottom_stack += values
    top.set_ylabel(f"events ({directions[0]})")
    top.yaxis.set_major_locator(MaxNLocator(integer=True))
    top.legend(loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=8, ncols=4, frameon=False)
    top.grid(axis="y", alpha=0.3)
    for direction in directions:
        rows = table[table["direction"] == direction]
        xs = pd.to_datetime(rows["period"]) + width / 2
        line = bottom.plot(xs, rows["tension"], marker="o", markersize=3,
                           label=f"tension {direction} (smoothed)")[0]
        bottom.scatter(xs, rows["tension_raw"], s=12, color=line.get_color(), alpha=0.35,
                       label=f"tension {direction} (per period)")
        for xi, yi, alert in zip(xs, rows["tension_raw"], rows["alert"], strict=True):
            if alert:
                bottom.annotate(alert, (xi, yi), textcoords="offset points", xytext=(0, 6),
                                ha="center", fontsize=8, color="#b2182b")
    bottom.axhline(0, color="grey", linewidth=0.8)
    bottom.set_ylim(-105, 105)
    bottom.set_ylabel("tension index (-100 coop … +100 conflict)")
    bottom.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    bottom.grid(alpha=0.3)
    fig.suptitle(title or f"{directions[0]} relations")
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def _bar_width(x: pd.Series) -> pd.Timedelta:
    if len(x) < 2:
        return pd.Timedelta(days=0.8)
    step = (x.iloc[1] - x.iloc[0])
    return step * 0.8
