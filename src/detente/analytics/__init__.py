"""Relations analytics: clustered events, dyad series, tension, issues, third parties, briefs.

Every function takes a store (anything with `.events(since=, until=)`), a
store-shaped event DataFrame, or a list of events, so analytics work the same
on a database, on `detente code` output and in tests::

    from detente.analytics import brief, series
    table = series(store, "USA", "CHN", freq="month", since="2023", until="2023")
    note = brief(store, "USA", "CHN", since="2023", until="2023").to_markdown()

Formulas and rules: docs/analytics.md.
"""

from __future__ import annotations

from detente.analytics.brief import SECTIONS, Brief, BriefItem, brief, section_of
from detente.analytics.cluster import cluster_events
from detente.analytics.frame import (
    EVENT_COLUMNS,
    WindowError,
    events_frame,
    load_events,
    parse_window,
)
from detente.analytics.issues import (
    issue_counts,
    issue_series,
    rank_issues,
    rising_issues,
    salience_series,
)
from detente.analytics.names import UnknownActorError, resolve
from detente.analytics.series import plot_series, series, tension, trend_label
from detente.analytics.third_parties import third_parties

__all__ = [
    "EVENT_COLUMNS", "SECTIONS", "Brief", "BriefItem", "UnknownActorError", "WindowError",
    "brief", "cluster_events", "events_frame", "issue_counts", "issue_series", "load_events",
    "parse_window",
    "plot_series", "rank_issues", "resolve", "rising_issues", "salience_series", "section_of",
    "series", "tension", "third_parties", "trend_label",
]  # fmt: skip
