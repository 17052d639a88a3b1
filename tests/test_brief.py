"""Briefs from coded events: sections, evidence, summary, renderings, and the CLI on a store.

The events stand for a year of US-China coverage like the demo corpus's; they
are built directly (no spaCy), so these tests check the analytics, not the coder.
"""

from __future__ import annotations

import json

import pytest

from detente.analytics import brief
from detente.cli import main
from detente.model import Article
from test_analytics import ARTICLES, frame, make_event

TALKS = "On Sunday, Blinken held talks with Chinese Foreign Minister Qin Gang in Beijing."
RELEASE = ("The United States urged China to release American citizens who are wrongfully "
           "detained in Chinese prisons.")
WILLING = "Xi said China was willing to cooperate with the United States."
STABILISE = "Both sides agreed to stabilise relations and keep channels open."
DEMAND = "Wang demanded that Washington stop interfering in China's internal affairs."
ACCUSE = "China accused the United States of trying to contain it over Taiwan."
REFUSED = "Blinken said China had refused to restore military communication channels."
SANCTION = "The US sanctioned Chinese firms that supply fentanyl chemicals."
JAPAN = "Washington has expanded military cooperation with Japan."
PHILIPPINES = "The United States expanded military cooperation with the Philippines."
AUSTRALIA = "The United States and Britain will help Australia acquire nuclear submarines."


def year_events():
    e = make_event
    return [
        e("USA", "CHN", "040", "2023-06-18", TALKS, article="d1", index=2, trigger="held talks",
          src_text="Blinken", tgt_text="Chinese Foreign Minister Qin Gang",
          contexts=("diplomatic",)),
        e("USA", "CHN", "020", "2023-06-19", RELEASE, article="d1", index=5, trigger="urged",
          src_text="The United States", tgt_text="China", contexts=("human_rights",)),
        e("CHN", "USA", "030", "2023-06-19", WILLING, article="d1", index=4,
          trigger="willing to cooperate", src_text="Xi", tgt_text="the United States"),
        e("USA", "CHN", "030", "2023-06-19", STABILISE, article="d1", index=6, trigger="agreed",
          src_text="Both sides", tgt_text="China"),
        e("CHN", "USA", "030", "2023-06-19", STABILISE, article="d1", index=6, trigger="agreed",
          src_text="Both sides", tgt_text="the United States"),
        e("CHN", "USA", "100", "2023-06-19", DEMAND, article="d1", index=7, trigger="demanded",
          src_text="Wang", tgt_text="Washington"),
        e("CHN", "USA", "112", "2023-06-19", ACCUSE, article="d1", index=9, trigger="accused",
          src_text="China", tgt_text="the United States", contexts=("taiwan", "territory")),
        e("CHN", "USA", "060", "2023-06-19", REFUSED, article="d1", index=10, negated=True,
          trigger="restore", src_text="China", tgt_text="the United States",
          contexts=("military",)),
        e("USA", "CHN", "163", "2023-10-04", SANCTION, article="d2", trigger="sanctioned",
          src_text="The US", tgt_text="Chinese firms", contexts=("drugs",)),
        e("USA", "JPN", "062", "2023-06-19", JAPAN, article="d1", index=12,
          trigger="expanded military cooperation", contexts=("military",)),
        e("USA", "PHL", "062", "2023-06-19", PHILIPPINES, article="d1", index=13,
          trigger="expanded military cooperation", contexts=("military",)),
        e("USA", "AUS", "072", "2023-06-19", AUSTRALIA, article="d1", index=14, trigger="help",
          contexts=("military", "nuclear")),
        # the year before: a crisis, so 2023 reads as easing
        e("CHN", "USA", "190", "2022-08-04", "China fired missiles near US forces over Taiwan.",
          article="d0", trigger="fired", contexts=("taiwan",)),
        e("CHN", "USA", "163", "2022-08-05", "China sanctioned US officials.", article="d0b",
          trigger="sanctioned"),
    ]


@pytest.fixture(scope="module")
def note():
    return brief(frame(year_events()), "USA", "CHN", since="2023", until="2023")


def texts(items):
    return [item.text for item in items]


def test_sections_hold_the_right_events_with_their_evidence(note):
    assert any("held talks with Chinese Foreign Minister Qin Gang" in t
               for t in texts(note.meetings))
    assert any("to release American citizens" in t for t in texts(note.demands))
    assert any("demanding that Washington stop interfering" in t for t in texts(note.demands))
    accusations = texts(note.accusations_threats)
    assert any("accused the United States of trying to contain it" in t for t in accusations)
    assert any("imposed sanctions on" in t for t in accusations)
    assert any("did not cooperate with" in t for t in accusations)  # the refusal
    cooperation = texts(note.cooperation)
    assert any(t.startswith("On 19 June 2023, Xi (China) expressed willingness to cooperate "
                            "with the United States") for t in cooperation)
    for key in ("meetings", "demands", "accusations_threats", "cooperation"):
        for item in note.section(key):
            assert item.evidence, item.text
            for evidence in item.evidence:
                assert set(evidence) == {"sentence", "title", "url", "date"}
                assert evidence["url"].startswith("https://news.example/")


def test_one_sentence_coded_both_ways_reads_as_one_reciprocal_item(note):
    mutual = [i for i in note.cooperation if i.reciprocal]
    assert len(mutual) == 1
    assert "the United States and China expressed willingness to cooperate with each other" \
        in mutual[0].text
    assert mutual[0].direction == "USA<>CHN" and len(mutual[0].event_ids) == 2


def test_summary_counts_share_tension_and_trend_against_previous_window(note):
    s = note.summary
    assert s["events"] == 9 and s["by_direction"] == {"USA>CHN": 4, "CHN>USA": 5}
    # 8 events count (the refusal is negated): 5 cooperative (040 020 030 030 030) vs 3
    assert (s["cooperation"], s["conflict"]) == (5, 3)
    assert s["cooperation_share"] == pytest.approx(5 / 8, abs=1e-3)
    assert s["previous"]["events"] == 2 and s["previous"]["since"] == "2022-01-01"
    assert s["tension"] < s["previous"]["tension"] and s["trend"] == "easing"
    assert "easing" in s["text"] and "United States and China" in s["text"]


def test_issues_and_third_parties_are_lists_with_the_documented_keys(note):
    data = json.loads(note.to_json())
    for key in ("meetings", "demands", "accusations_threats", "cooperation", "issues",
                "third_parties", "summary"):
        assert key in data
    issues = {i["context"]: i for i in data["issues"]}
    assert {"taiwan", "human_rights", "drugs"} <= set(issues)
    assert all({"context", "events", "salience", "rising"} <= set(i) for i in data["issues"])
    parties = {(p["country"], p["with"]) for p in data["third_parties"]}
    assert parties == {("JPN", "USA"), ("PHL", "USA"), ("AUS", "USA")}
    assert all({"country", "with", "events", "how"} <= set(p) for p in data["third_parties"])


def test_markdown_and_html_read_like_a_note_and_cite_sources(note):
    md = note.to_markdown()
    assert md.startswith("# United States \u2013 China: brief, 1 January 2023 to 31 December 2023")
    for heading in ("## Summary", "## Meetings, visits and talks", "## Demands and requests",
                    "## Contentious issues", "## Third parties"):
        assert heading in md
    assert f"> \u201c{RELEASE}\u201d" in md and "(https://news.example/d1)" in md
    assert "Japan: military cooperation" in md
    page = note.to_html()
    assert page.startswith("<!DOCTYPE html>") and "<h2>Third parties</h2>" in page
    assert "China&#x27;s internal affairs" in page  # escaped, not raw


def test_sections_are_cut_to_max_items_and_say_how_many_more():
    short = brief(frame(year_events()), "USA", "CHN", since="2023", until="2023", max_items=1)
    assert len(short.accusations_threats) == 1 and short.totals["accusations_threats"] == 3
    assert "and 2 more" in short.to_markdown()


def test_empty_window_is_an_empty_brief_not_an_error():
    empty = brief(frame(year_events()), "USA", "CHN", since="2019", until="2019")
    assert empty.empty and empty.meetings == [] and "no events" in empty.summary["text"]


# --- the commands, on a real (SQLite) store ------------------------------------------------

@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from detente.store import open_store

    path = tmp_path_factory.mktemp("brief") / "brief.db"
    events = year_events()
    with open_store(str(path), create=True) as store:
        for article_id in dict.fromkeys(e.doc_id for e in events):
            meta = ARTICLES[article_id]
            mine = [e for e in events if e.doc_id == article_id]
            text = " ".join(dict.fromkeys(e.sentence for e in mine))
            store.add_article(Article(id=article_id, text=text, url=meta["url"],
                                      title=meta["title"], date=meta["published"],
                                      sitename=meta["sitename"]), mine)
    return str(path)


def test_brief_command_prints_markdown_and_json(db, capsys):
    assert main(["brief", "USA", "CHN", "--db", db, "--since", "2023", "--until", "2023"]) == 0
    md = capsys.readouterr().out
    assert "## Meetings, visits and talks" in md and "Qin Gang" in md
    assert main(["brief", "usa", "china", "--db", db, "--since", "2023", "--until", "2023",
                 "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["dyad"]["a"] == "USA" and data["summary"]["events"] == 9


def test_bad_input_gets_one_clear_line(db, capsys):
    assert main(["brief", "USA", "CHI", "--db", db]) == 2
    assert "unknown country code 'CHI'" in capsys.readouterr().err
    assert main(["series", "USA", "CHN", "--db", db, "--since", "2024", "--until", "2023"]) == 2
    assert "--since 2024-01-01 is after --until 2023-12-31" in capsys.readouterr().err
    assert main(["brief", "USA", "CHN", "--db", db, "--since", "2019", "--until", "2019"]) == 0
    assert "No events between the United States and China" in capsys.readouterr().out
    assert main(["series", "USA", "CHN", "--db", db + ".missing"]) == 1
    assert "error" in capsys.readouterr().err


def test_series_command_table_csv_and_plot(db, capsys, tmp_path):
    assert main(["series", "USA", "CHN", "--db", db, "--freq", "month", "--since", "2023",
                 "--until", "2023", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("period,period_end,direction,events") and len(lines) == 13
    plot = tmp_path / "s.svg"
    assert main(["series", "USA", "CHN", "--db", db, "--freq", "month", "--view", "directed",
                 "--plot", str(plot)]) == 0
    out = capsys.readouterr().out
    assert "USA>CHN" in out and "tension" in out and plot.read_text().startswith("<?xml")
