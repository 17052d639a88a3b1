"""End to end: ingest real text with the coder (spaCy), then brief it.

Slow (the coder loads spaCy), so each corpus is ingested once per module. The
article is this project's own fixture, shaped like a news page: the story,
wrapped in the page furniture that extraction must drop.
"""

from __future__ import annotations

import json
from importlib.resources import as_file, files

import pytest

from detente.analytics import cluster_events
from detente.analytics.frame import load_events
from detente.cli import main

pytestmark = pytest.mark.slow

FURNITURE = ["Home > News", "Advertisement", "Subscribe to our newsletter", "Share on",
             "cookie", "Related stories", "troop pact", "Back to top", "All rights reserved",
             "By Mara Lindqvist"]
ARTICLE = {
    "id": "blinken-beijing-fixture",
    "date": "2023-06-20",
    "title": "Blinken presses Beijing on detained Americans as Xi offers cooperation",
    "url": "https://news.example/2023/06/20/blinken-beijing",
    "text": "\n".join([
        "Home > News > Diplomacy",
        "Advertisement",
        "Subscribe to our newsletter",
        "By Mara Lindqvist",
        "Share on Facebook Share on X",
        "This site uses cookies. By continuing to browse you agree to our cookie policy.",
        "",
        "BEIJING - US Secretary of State Antony Blinken held talks with Chinese Foreign "
        "Minister Qin Gang in Beijing on Sunday, the first visit to China by a US secretary "
        "of state since 2018.",
        "",
        "Blinken met Chinese President Xi Jinping at the Great Hall of the People on Monday.",
        "",
        "The United States urged China to release American citizens who are wrongfully "
        "detained in Chinese prisons.",
        "",
        "Xi said China was willing to cooperate with the United States on fentanyl and "
        "climate change.",
        "",
        "China accused the United States of interfering in its internal affairs over Taiwan "
        "and Hong Kong.",
        "",
        "Disputes over trade, Taiwan, human rights and the South China Sea have strained "
        "relations between Washington and Beijing.",
        "",
        "The United States has expanded military cooperation with Japan and the Philippines "
        "this year. The United States and Britain will help Australia build nuclear-powered "
        "submarines under the AUKUS pact.",
        "",
        "Related stories",
        "Japan and Philippines sign troop pact",
        "Advertisement",
        "Back to top",
        "(c) 2023 Example Media. All rights reserved.",
    ]),
}  # fmt: skip


def _ingest(db: str, source: str) -> None:
    from detente.store import open_store
    from detente.store.pipeline import ingest

    with open_store(db, create=True) as store:
        ingest(store, [source], workers=1)


@pytest.fixture(scope="module")
def article_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("article")
    source = folder / "article.jsonl"
    source.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    db = str(folder / "article.db")
    _ingest(db, str(source))
    return db


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("demo") / "demo.db")
    with as_file(files("detente") / "data/demo/demo_corpus.jsonl") as corpus:
        _ingest(db, str(corpus))
    return db


def _brief_json(db: str, capsys, *extra: str) -> dict:
    assert main(["brief", "USA", "CHN", "--db", db, "--format", "json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def _evidence(items: list[dict]) -> str:
    return " ".join(e["sentence"] for item in items for e in item["evidence"])


def test_article_brief_has_no_page_furniture(article_db, capsys):
    outputs = [json.dumps(_brief_json(article_db, capsys))]
    for fmt in ("md", "html"):
        assert main(["brief", "USA", "CHN", "--db", article_db, "--format", fmt]) == 0
        outputs.append(capsys.readouterr().out)
    for text in outputs:
        for junk in FURNITURE:
            assert junk not in text, junk


def test_article_brief_lists_the_release_request_and_the_issues(article_db, capsys):
    data = _brief_json(article_db, capsys)
    assert "release American citizens" in _evidence(data["demands"])
    issues = {i["context"] for i in data["issues"]}
    assert {"trade", "taiwan", "human_rights", "south_china_sea"} <= issues


def test_article_brief_lists_talks_willingness_and_third_parties(article_db, capsys):
    data = _brief_json(article_db, capsys)
    assert "held talks" in _evidence(data["meetings"])
    assert "willing to cooperate" in _evidence(data["cooperation"])
    parties = {p["country"] for p in data["third_parties"]}
    assert {"JPN", "PHL"} <= parties


def test_article_brief_lists_australia_among_third_parties(article_db, capsys):
    parties = {p["country"] for p in _brief_json(article_db, capsys)["third_parties"]}
    assert "AUS" in parties


def test_demo_brief_2023_sections_have_evidence_and_the_issues(demo_db, capsys):
    data = _brief_json(demo_db, capsys, "--since", "2023", "--until", "2023")
    assert data["summary"]["events"] > 0
    for key in ("meetings", "demands", "accusations_threats", "cooperation"):
        for item in data[key]:
            assert item["text"] and item["evidence"] and item["evidence"][0]["sentence"]
    issues = {i["context"] for i in data["issues"]}
    assert {"trade", "taiwan", "human_rights", "south_china_sea"} <= issues


def test_demo_brief_2023_has_every_section(demo_db, capsys):
    data = _brief_json(demo_db, capsys, "--since", "2023", "--until", "2023")
    for key in ("meetings", "demands", "accusations_threats", "cooperation"):
        assert data[key], key


def test_demo_summit_reported_three_times_is_one_event(demo_db):
    from detente.store import open_store

    with open_store(demo_db) as store:
        df = load_events(store, dyad=("USA", "CHN"))
    summit = df[df["article_id"].isin(["demo-025", "demo-026", "demo-027"])]
    events = cluster_events(summit)
    assert 3 in set(events["num_articles"]), events[["cameo", "date", "num_articles"]]


def test_demo_series_table_and_png(demo_db, capsys, tmp_path):
    plot = tmp_path / "usa-chn.png"
    assert main(["series", "USA", "CHN", "--db", demo_db, "--freq", "month", "--since", "2023",
                 "--until", "2023", "--plot", str(plot)]) == 0
    out = capsys.readouterr().out
    assert "2023-11-01" in out and "USA-CHN" in out
    assert plot.read_bytes()[:4] == b"\x89PNG"
