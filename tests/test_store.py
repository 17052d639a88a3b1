"""The store on SQLite and PostgreSQL: schema, idempotent writes, reads, exports, ingest."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from detente import open_store
from detente.store import EVENT_COLUMNS, SCHEMA_VERSION, Store, StoreError
from detente.store.export import GDELT_COLUMNS, export
from detente.store.pipeline import ingest
from test_store_db import (
    BACKENDS,
    FakeCoder,
    article,
    demo_docs,
    event,
    fresh_database,
    write_jsonl,
)


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty SQLite file, and an empty PostgreSQL database when one is configured."""
    yield from fresh_database(request.param, tmp_path)


def _counts(store: Store) -> dict[str, int]:
    stats = store.stats()
    return {k: stats[k] for k in ("articles", "duplicates", "events", "sentences", "actors")}


def test_article_and_events_stored_once_and_read_back(db_url: str) -> None:
    with Store(db_url, create=True) as store:
        a = article("a1", "The US and China met. Then nothing.")
        events = [event("a1", 0), event("a1", 0, "CHN", "USA", cameo="042")]
        assert store.add_article(a, events) is True
        assert store.add_article(a, events) is False  # same text: skipped
        same_text = article("other-id", a.text)
        assert store.add_article(same_text, events) is False
        with pytest.raises(StoreError, match="already used by a different text"):
            store.add_article(article("a1", "A different text."), [])
        assert _counts(store) == {"articles": 1, "duplicates": 0, "events": 2, "sentences": 1,
                                  "actors": 4}
        frame = store.events()
        assert tuple(frame.columns) == EVENT_COLUMNS
        row = frame.iloc[0].to_dict()
        assert row["event_id"] == "a1:0" and row["article_id"] == "a1"
        assert row["contexts"] == ["diplomatic"] and row["negated"] is False
        assert row["sentence"] == "A met B." and row["url"] == "https://example.org/a1"
        assert row["published"] == "2023-06-18" and row["start"] == 0 and row["end"] == 10
        actors = store.actors().set_index(["code", "text"])
        assert actors.loc[("USAGOV", "USA official"), "n_events"] == 1


def test_event_filters_and_empty_frame(db_url: str) -> None:
    with Store(db_url, create=True) as store:
        store.add_article(article("a1", "one"), [
            event("a1", 0, "USA", "CHN", date="2023-01-05"),
            event("a1", 1, "CHN", "USA", cameo="112", plover="ACCUSE", date="2023-02-01"),
            event("a1", 2, "RUS", "UKR", cameo="190", plover="ASSAULT", date="2023-03-01"),
        ])  # fmt: skip
        assert len(store.events(dyad=("USA", "CHN"))) == 2
        assert len(store.events(dyad=("USA", "CHN"), directed=True)) == 1
        assert list(store.events(dyad=("usa", "CHNGOV")).event_id) == ["a1:1"]  # full code
        assert len(store.events(dyad=("USA", "CHNGOV"), directed=True)) == 0
        assert len(store.events(since="2023-02-01")) == 2
        assert len(store.events(until="2023-01-31")) == 1
        assert list(store.events(type="ACCUSE").cameo) == ["112"]
        assert list(store.events(type=["19", "consult"]).cameo) == ["040", "190"]
        assert len(store.events(actor="RUS")) == 1
        assert list(store.events().date) == ["2023-01-05", "2023-02-01", "2023-03-01"]
        empty = store.events(dyad=("FRA", "DEU"))
        assert tuple(empty.columns) == EVENT_COLUMNS and len(empty) == 0
        articles = store.articles(with_text=True)
        assert list(articles.article_id) == ["a1"] and articles.text[0] == "one"


def test_failures_are_recorded_once_with_counts(db_url: str) -> None:
    with Store(db_url, create=True) as store:
        run = store.begin_run(["x.jsonl"])
        store.add_failure("x.jsonl:3", "extract", "record has no text", run)
        store.add_failure("x.jsonl:3", "extract", "record has no text", run)
        store.add_failure("y.html", "code", "coding failed", run)
        store.finish_run(run, "done", {"failures": 3})
        failures = store.failures()
        assert len(failures) == 2 and store.stats()["failures"] == 2
        assert sorted(failures.occurrences) == [1, 2]
        assert store.runs().status.tolist() == ["done"]


def test_newer_schema_refused_without_writing(db_url: str) -> None:
    with Store(db_url, create=True) as store:
        store.add_article(article("a1", "The US and China met."), [event("a1")])
        with store.engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO schema_migrations (version, description, detente_version, "
                "applied_at) VALUES (99, 'from the future', '9.9', 'now')"))
    for create in (True, False):
        with pytest.raises(StoreError, match="schema version 99, newer than this detente"):
            Store(db_url, create=create)
    with pytest.raises(StoreError, match="newer than this detente"):
        open_store(db_url)
    from sqlalchemy import create_engine

    from detente.store import parse_db_url

    engine = create_engine(parse_db_url(db_url)[0])
    with engine.connect() as conn:  # nothing was written by the refused openers
        counts = [conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                  for t in ("schema_migrations", "runs", "articles", "events")]
    engine.dispose()
    assert counts == [2, 0, 1, 1]


def test_fresh_database_is_stamped_and_reopened(db_url: str) -> None:
    with Store(db_url, create=True) as store:
        assert store.schema_version == SCHEMA_VERSION
        with store.engine.connect() as conn:
            versions = conn.execute(text("SELECT version FROM schema_migrations")).scalars()
            assert list(versions) == [SCHEMA_VERSION]
    with open_store(db_url) as store:  # readers open an existing store without create
        assert store.stats()["articles"] == 0


def test_foreign_tables_are_not_taken_over(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE articles (x INTEGER)")
    with pytest.raises(StoreError, match="not made by detente"):
        Store(str(path), create=True)
    with pytest.raises(StoreError, match="no database at"):
        open_store(str(tmp_path / "missing.db"))
    with pytest.raises(StoreError, match="unsupported database URL scheme"):
        open_store("mysql://localhost/x")


def test_ingest_resume_and_dedup_match_a_clean_run(db_url: str, tmp_path: Path) -> None:
    docs = demo_docs(16)
    docs.append({"id": "bad", "date": "2023-01-01", "text": "RAISE the coder's error here."})
    source = write_jsonl(tmp_path / "docs.jsonl", docs)
    coder = FakeCoder()
    with Store(db_url, create=True) as store:
        # a run "killed" after 6 articles, then the full run again
        first = ingest(store, [str(source)], coder=coder, batch_size=2,
                       articles=_first_articles(source, 6))
        assert first.articles_stored == 6
        second = ingest(store, [str(source)], coder=coder, batch_size=3)
        assert second.articles_skipped == 6 and second.failures == 1
        resumed = _counts(store)
        resumed_rows = _event_keys(store)
        duplicates = dict(zip(store.articles().article_id, store.articles().duplicate_of,
                              strict=True))
        third = ingest(store, [str(source)], coder=coder)
        assert third.articles_stored == 0 and third.articles_skipped == 16
        assert _counts(store) == resumed
        failures = store.failures()
        assert failures.stage.tolist() == ["code"] and failures.occurrences.tolist() == [2]
    clean_db = tmp_path / "clean.db"
    with Store(str(clean_db), create=True) as clean:
        ingest(clean, [str(source)], coder=coder)
        assert _counts(clean) == resumed
        assert _event_keys(clean) == resumed_rows
        clean_dups = dict(zip(clean.articles().article_id, clean.articles().duplicate_of,
                              strict=True))
        assert clean_dups == duplicates
        assert clean_dups["demo-011"] == "demo-010"  # the demo's wire copy


def _first_articles(source: Path, n: int):  # noqa: ANN202
    from detente.ingest import iter_articles

    for i, a in enumerate(iter_articles([str(source)])):
        if i >= n:
            return
        yield a


def _event_keys(store: Store) -> set[tuple]:
    frame = store.events()
    return set(zip(frame.event_id, frame.source_code, frame.target_code, frame.date,
                   frame.duplicate_of.fillna(""), strict=True))


def test_exports(db_url: str, tmp_path: Path) -> None:
    import pandas as pd

    with Store(db_url, create=True) as store:
        store.add_article(article("orig", "The US and China met."), [
            event("orig", 0), event("orig", 1, cameo="010", plover=None)])
        copy = article("copy", "The US and China met, said a wire.", sitename="Other Wire",
                       duplicate_of="orig")
        store.add_article(copy, [event("copy", 0)])
        parquet, csv_path = tmp_path / "e.parquet", tmp_path / "out" / "e.csv"
        assert export(store, "parquet", parquet) == 3
        frame = pd.read_parquet(parquet)
        assert tuple(frame.columns) == EVENT_COLUMNS
        assert list(frame.contexts[0]) == ["diplomatic"]
        assert export(store, "csv", csv_path, dyad=("USA", "CHN")) == 3
        rows = list(csv.DictReader(csv_path.open()))
        assert rows[0]["contexts"] == "diplomatic" and list(rows[0]) == list(EVENT_COLUMNS)
        gdelt = tmp_path / "g.tsv"
        assert export(store, "gdelt", gdelt) == 2  # the copy is a mention, not a new event
        table = list(csv.DictReader(gdelt.open(), delimiter="\t"))
        assert tuple(table[0]) == GDELT_COLUMNS and len(GDELT_COLUMNS) == 61
        first = table[0]
        assert first["SQLDATE"] == "20230618" and first["Actor1Code"] == "USAGOV"
        assert first["Actor1CountryCode"] == "USA" and first["EventRootCode"] == "04"
        assert (first["NumMentions"], first["NumArticles"], first["NumSources"]) == ("2", "2", "2")
        assert table[1]["NumMentions"] == "1"
        plover = tmp_path / "p.jsonl"
        assert export(store, "plover-json", plover) == 2  # CAMEO 01 has no PLOVER type
        record = json.loads(plover.read_text().splitlines()[0])
        assert record["event"] == ["CONSULT"] and record["actor"][0]["code"] == "USA"
        assert record["cite_info"]["url"] == "https://example.org/orig"
        assert not list(tmp_path.glob("**/.*.partial"))
