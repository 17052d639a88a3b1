"""Analytics as pure functions over store-shaped event frames (no spaCy, no database).

`make_event` builds realistic coded events (Goldstein and quad class from the
CAMEO table), `frame` turns them into the store's events() DataFrame, so the
tests read like the news they stand for.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from detente.analytics import (
    EVENT_COLUMNS,
    UnknownActorError,
    WindowError,
    cluster_events,
    events_frame,
    parse_window,
    rank_issues,
    resolve,
    series,
    tension,
    third_parties,
)
from detente.analytics.series import plot_series
from detente.analytics.text import actor, complement, compose, sentence_contexts
from detente.events.ontology import lookup
from detente.model import Actor, Event, Evidence

COUNTRIES = {"USA": "the United States", "CHN": "China", "JPN": "Japan", "PHL": "the Philippines",
             "AUS": "Australia", "GBR": "Britain", "RUS": "Russia"}
ARTICLES: dict[str, dict] = {}


def make_event(
    src: str, tgt: str, cameo: str, date: str, sentence: str | None = None, *,
    article: str = "a1", index: int = 0, contexts: tuple[str, ...] = (),
    negated: bool = False, confidence: float = 0.8, src_text: str | None = None,
    tgt_text: str | None = None, trigger: str = "did", site: str | None = None,
    published: str | None = None,
) -> Event:
    """One coded event as the coder would emit it; article metadata goes to ARTICLES."""
    code = lookup(cameo)
    ARTICLES.setdefault(article, {
        "title": f"Report {article}", "url": f"https://news.example/{article}",
        "sitename": site or f"site-{article}", "published": published or date,
    })  # fmt: skip

    def who(key: str, text: str | None) -> Actor:
        return Actor(text or COUNTRIES.get(key, key), f"{key}GOV", key, "GOV")

    return Event(
        doc_id=article, sentence_index=index,
        sentence=sentence or f"{COUNTRIES.get(src, src)} {trigger} {COUNTRIES.get(tgt, tgt)}.",
        date=date, source=who(src, src_text), target=who(tgt, tgt_text), cameo=cameo,
        cameo_root=cameo[:2], plover=code.plover, mode=code.mode, contexts=list(contexts),
        goldstein=code.goldstein, quad_class=code.quad_class, negated=negated,
        confidence=confidence, evidence=Evidence(trigger, 0, 10),
    )  # fmt: skip


def frame(events: list[Event]) -> pd.DataFrame:
    return events_frame(events, ARTICLES)


# --- windows and codes ------------------------------------------------------------------

def test_window_accepts_years_months_and_days():
    assert parse_window("2023", "2023") == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert parse_window("2024-02", "2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert parse_window("2023-06-18", None) == (dt.date(2023, 6, 18), None)


def test_window_rejects_since_after_until_and_bad_dates():
    with pytest.raises(WindowError, match="after --until"):
        parse_window("2024-01-01", "2023-12-31")
    with pytest.raises(WindowError, match="not a date"):
        parse_window("June 2023", None)


def test_unknown_country_code_suggests_close_matches():
    assert resolve("usa") == "USA"
    assert resolve("China") == "CHN"
    with pytest.raises(UnknownActorError) as err:
        resolve("CHI")
    assert "CHN (China)" in str(err.value)


def test_events_frame_has_the_store_columns():
    df = frame([make_event("USA", "CHN", "040", "2023-06-18", contexts=("trade",))])
    assert list(df.columns[: len(EVENT_COLUMNS)]) == EVENT_COLUMNS
    row = df.iloc[0]
    assert (row.source_key, row.target_key, row.cameo_root) == ("USA", "CHN", "04")
    assert row.contexts == ["trade"] and row.title == "Report a1"


# --- clustering -------------------------------------------------------------------------

SUMMIT = [
    ("w25", "2023-11-15", "Example Wire",
     "President Joe Biden and Chinese President Xi Jinping agreed on Wednesday to resume "
     "high-level communication between their militaries."),
    ("w26", "2023-11-16", "Harbor Times",
     "Chinese President Xi Jinping and US President Joe Biden agreed to cooperate on curbing "
     "fentanyl and to restore military-to-military communication after talks on Wednesday."),
    ("w27", "2023-11-16", "Continental Post",
     "The United States and China will resume military-to-military communication, Biden said "
     "after meeting Xi Jinping in Woodside on Wednesday."),
]


def summit_events() -> list[Event]:
    return [make_event("USA", "CHN", "030", "2023-11-15", text, article=art, site=site,
                       published=pub, src_text="Biden", tgt_text="Xi Jinping",
                       contexts=("military",))
            for art, pub, site, text in SUMMIT]


def test_one_event_reported_by_three_articles_is_one_event():
    events = cluster_events(frame(summit_events()))
    assert len(events) == 1
    event = events.iloc[0]
    assert (event.num_articles, event.num_sources, event.num_mentions) == (3, 3, 3)
    assert len(event.evidence) == 3 and {e["url"] for e in event.evidence} == {
        f"https://news.example/{a}" for a, *_ in SUMMIT}
    assert sorted(event.mentions) == ["w25:0:0", "w26:0:0", "w27:0:0"]  # raw mentions kept


def test_different_people_on_the_same_day_are_different_meetings():
    events = cluster_events(frame([
        make_event("USA", "CHN", "040", "2023-06-19", "Blinken met Wang Yi in Beijing.",
                   article="x1", src_text="Blinken", tgt_text="Wang Yi"),
        make_event("USA", "CHN", "040", "2023-06-19", "Blinken met Xi Jinping in Beijing.",
                   article="x2", src_text="Blinken", tgt_text="Xi Jinping"),
        make_event("USA", "CHN", "040", "2023-06-19", "Blinken and Xi met in Beijing on Monday.",
                   article="x3", src_text="Blinken", tgt_text="Xi"),
    ]))
    assert sorted(events["num_articles"]) == [1, 2]


def test_two_demands_in_one_article_stay_apart_but_wire_copies_merge():
    release = "The United States urged China to release American citizens detained in prisons."
    fentanyl = "The United States also called on China to curb exports of fentanyl chemicals."
    events = cluster_events(frame([
        make_event("USA", "CHN", "020", "2023-06-19", release, article="b1", index=3),
        make_event("USA", "CHN", "020", "2023-06-19", fentanyl, article="b1", index=5),
        make_event("USA", "CHN", "020", "2023-06-19", release, article="b2", index=1),
    ]))
    assert sorted(events["num_articles"]) == [1, 2]


def test_clusters_need_same_dyad_root_and_nearby_dates():
    text = "Biden and Xi agreed to resume military communication."
    events = cluster_events(frame([
        make_event("USA", "CHN", "030", "2023-11-15", text, article="c1"),
        make_event("USA", "CHN", "030", "2023-11-30", text, article="c2"),  # too late
        make_event("CHN", "USA", "030", "2023-11-15", text, article="c3"),  # other direction
        make_event("USA", "CHN", "057", "2023-11-15", text, article="c4"),  # other root
    ]))
    assert len(events) == 4


# --- series and tension -----------------------------------------------------------------

def weekly(extra: list[Event] = ()) -> pd.DataFrame:
    base = [
        make_event("USA", "CHN", "040", "2023-03-06", "Blinken met Wang Yi.", article="s1"),
        make_event("CHN", "USA", "112", "2023-03-07", "China accused the US of spying.",
                   article="s2"),
        make_event("USA", "CHN", "163", "2023-03-15", "The US sanctioned Chinese firms.",
                   article="s3"),
    ]
    return frame(base + list(extra))


def test_series_table_counts_quads_goldstein_and_tension():
    table = series(weekly(), "USA", "CHN", freq="week", since="2023-03-06",
                   until="2023-03-26")
    assert list(table["period"]) == ["2023-03-06", "2023-03-13", "2023-03-20"]
    first, second, third = table.to_dict("records")
    assert (first["events"], first["verbal_coop"], first["verbal_conflict"]) == (2, 1, 1)
    assert first["goldstein_sum"] == pytest.approx(1.0 - 2.0)
    assert first["goldstein_mean"] == pytest.approx(-0.5)
    assert first["cooperation_share"] == pytest.approx(0.5)
    assert first["tension_raw"] == pytest.approx(round(tension(2.0, 1.0), 1))
    assert (second["events"], second["material_conflict"]) == (1, 1)
    assert second["tension_raw"] == pytest.approx(round(100 * 8 / 18, 1))
    assert third["events"] == 0 and math.isnan(third["tension_raw"])
    assert 0 < third["tension"] < second["tension"]  # a quiet week: tension fades, not resets


def test_series_directed_views_split_the_dyad():
    table = series(weekly(), "USA", "CHN", freq="month", view="all")
    counts = dict(zip(table["direction"], table["events"], strict=True))
    assert counts == {"USA-CHN": 3, "USA>CHN": 2, "CHN>USA": 1}


def test_tension_rises_with_conflict_and_falls_with_cooperation():
    def last_tension(extra: list[Event]) -> float:
        table = series(weekly(extra), "USA", "CHN", freq="week", since="2023-03-06",
                       until="2023-03-19")
        return float(table["tension"].iloc[-1])

    base = last_tension([])
    conflict = [make_event("CHN", "USA", "138", "2023-03-16", f"China threatened force {i}.",
                           article=f"t{i}") for i in range(2)]
    cooperation = [make_event("USA", "CHN", "057", "2023-03-16", f"They signed deal {i}.",
                              article=f"k{i}") for i in range(2)]
    assert last_tension(conflict) > base
    assert last_tension(cooperation) < base
    assert tension(5, 0) > tension(0, 0) > tension(0, 5)


def test_change_alert_flags_a_period_far_from_its_baseline():
    calm = [make_event("USA", "CHN", "057", f"2023-0{m}-10", f"They signed accord {m}.",
                       article=f"m{m}") for m in range(1, 7)]
    crisis = [make_event("CHN", "USA", "190", "2023-07-10", f"China fired on US ships {i}.",
                         article=f"f{i}") for i in range(3)]
    table = series(frame(calm + crisis), "USA", "CHN", freq="month")
    assert table["alert"].iloc[-1] == "spike"
    assert set(table["alert"].iloc[:-1]) == {""}


def test_plot_writes_a_png(tmp_path):
    path = tmp_path / "usa-chn.png"
    plot_series(series(weekly(), "USA", "CHN", view="all"), str(path), title="USA-CHN")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 10_000


# --- issues and third parties ------------------------------------------------------------

def test_issues_ranked_by_salience_and_rising_against_previous_window():
    now = cluster_events(frame([
        make_event("CHN", "USA", "112", "2023-09-01", "China accused the US over Taiwan.",
                   article="i1", contexts=("taiwan", "territory")),
        make_event("USA", "CHN", "111", "2023-09-05", "The US criticised China over Taiwan.",
                   article="i2", contexts=("taiwan", "territory", "trade")),
        make_event("USA", "CHN", "040", "2023-09-09", "Trade talks were held.", article="i3",
                   contexts=("trade",)),
    ]))
    before = cluster_events(frame([
        make_event("USA", "CHN", "040", "2023-03-01", "Trade talks.", article="i4",
                   contexts=("trade",)),
    ]))
    issues = rank_issues(now, before)
    by_context = {i["context"]: i for i in issues}
    assert [i["context"] for i in issues][:2] == ["taiwan", "trade"]
    assert "territory" not in by_context  # only ever implied by Taiwan here
    assert by_context["taiwan"]["rising"] and not by_context["trade"]["rising"]
    assert by_context["taiwan"]["conflict"] == 2 and by_context["taiwan"]["evidence"]


def test_third_parties_say_who_each_side_engaged_and_how():
    events = cluster_events(frame([
        make_event("USA", "JPN", "062", "2023-05-01", "The US deepened military ties with Japan.",
                   article="p1", contexts=("military",)),
        make_event("USA", "PHL", "062", "2023-05-02", "The US and the Philippines drilled.",
                   article="p2", contexts=("military",)),
        make_event("CHN", "SLB", "040", "2023-05-03", "Wang Yi visited the Solomon Islands.",
                   article="p3"),
        make_event("USA", "CHN", "040", "2023-05-04", "Blinken met Wang Yi.", article="p4"),
        make_event("USA", "USA", "010", "2023-05-04", "Congress spoke.", article="p5"),
    ]))
    parties = third_parties(events, "USA", "CHN")
    found = {(p["country"], p["with"]): p for p in parties}
    assert set(found) == {("JPN", "USA"), ("PHL", "USA"), ("SLB", "CHN")}
    assert found[("JPN", "USA")]["how"] == "military cooperation"
    assert found[("SLB", "CHN")]["how"] == "diplomacy"
    assert found[("JPN", "USA")]["evidence"][0]["sentence"].startswith("The US deepened")


# --- readable text ------------------------------------------------------------------------

def test_actor_phrases_name_people_with_their_country():
    assert actor("Blinken", "USAGOV", "USA", "GOV") == "Blinken (United States)"
    assert actor("Washington", "USAGOV", "USA", "GOV") == "the United States"
    assert actor("Chinese Foreign Minister Qin Gang", "CHNGOV", "CHN", "GOV") == \
        "Chinese Foreign Minister Qin Gang"
    assert actor("he", "CHNMIL", "CHN", "MIL") == "the Chinese military"


def test_composed_sentence_says_who_did_what_to_whom_when_and_about_what():
    sentence = ("The United States urged China to release American citizens who are wrongfully "
                "detained in Chinese prisons.")
    assert complement(sentence, "urged", "China").startswith("to release American citizens")
    event = frame([make_event("USA", "CHN", "020", "2023-06-19", sentence, trigger="urged",
                              src_text="The United States", tgt_text="China",
                              contexts=("human_rights", "trade"))]).iloc[0].to_dict()
    text = compose(event)
    assert text.startswith("On 19 June 2023, the United States appealed to China, asking it "
                           "to release American citizens")
    assert "(issues: human rights)" in text  # trade is the article's issue, not this sentence's
    assert sentence_contexts(sentence, ["trade", "human_rights"]) == ["human_rights"]


def test_a_report_retelling_its_meeting_is_one_meeting():
    events = cluster_events(frame([
        make_event("USA", "CHN", "046", "2023-06-18", "Blinken held talks with Qin Gang.",
                   article="r1", index=1, src_text="Blinken", tgt_text="Qin Gang"),
        make_event("USA", "CHN", "040", "2023-06-18", "The two diplomats met for seven hours.",
                   article="r1", index=2, src_text="The two diplomats", tgt_text="China"),
    ]))
    assert len(events) == 1 and events.iloc[0].num_mentions == 2
