"""`detente stats / events / export` in-process on a small store made with a fake coder."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from detente.cli import main
from detente.store import EVENT_COLUMNS, Store
from detente.store.pipeline import ingest
from test_store_db import FakeCoder, demo_docs, write_jsonl


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("commands")
    source = write_jsonl(folder / "docs.jsonl", demo_docs(12))
    path = str(folder / "store.db")
    with Store(path, create=True) as store:
        ingest(store, [str(source)], coder=FakeCoder())
    return path


def _out(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_stats_json_has_the_promised_keys(store_path: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    stats = json.loads(_out(capsys, "stats", "--db", store_path, "--format", "json"))
    for key in ("articles", "duplicates", "events", "failures", "first_date", "last_date"):
        assert key in stats
    assert stats["articles"] == 12 and stats["duplicates"] >= 1 and stats["events"] > 0
    text = _out(capsys, "stats", "--db", store_path)
    assert "articles" in text and "schema_version" in text


def test_events_formats_and_filters(store_path: str,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    lines = _out(capsys, "events", "--db", store_path, "--dyad", "USA", "CHN",
                 "--format", "jsonl").splitlines()
    records = [json.loads(line) for line in lines]
    assert records and all({r["source"]["country"], r["target"]["country"]} == {"USA", "CHN"}
                           for r in records)
    assert {"doc_id", "evidence", "event_id", "url"} <= set(records[0])
    rows = list(csv.DictReader(io.StringIO(_out(
        capsys, "events", "--db", store_path, "--format", "csv", "--since", "2023-06-01",
        "--type", "CONSULT"))))
    assert rows and list(rows[0]) == list(EVENT_COLUMNS)
    assert all(r["date"] >= "2023-06-01" and r["plover"] == "CONSULT" for r in rows)
    table = _out(capsys, "events", "--db", store_path, "--limit", "3")
    assert "3 events" in table


def test_export_command_writes_each_format(store_path: str, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    for fmt, name in (("parquet", "e.parquet"), ("csv", "e.csv"), ("gdelt", "g.tsv"),
                      ("plover-json", "p.jsonl")):
        out = tmp_path / name
        printed = _out(capsys, "export", "--db", store_path, "--format", fmt, "--out", str(out))
        assert "wrote" in printed and out.stat().st_size > 0


def test_readers_refuse_a_missing_database(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.db"
    assert main(["stats", "--db", str(missing)]) == 1
    assert "no database at" in capsys.readouterr().err
    assert not missing.exists()
