"""Every input kind becomes Article records: HTML, text, tables, directories, globs, stdin."""

from __future__ import annotations

import csv
import gzip
import io
import json
import shutil
import sys
from pathlib import Path

import pytest

from detente.ingest import IngestStats, iter_articles
from detente.ingest.sources import kind_from_name, sniff_kind

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
BODY = (
    "The defence ministers of both countries met in the capital on Monday and agreed to "
    "restore a military hotline that was cut last year, officials said after the talks."
)
BODY2 = (
    "Parliament voted on Wednesday to extend sanctions against the neighbouring government "
    "for another twelve months, citing continued attacks on border posts."
)


def collect(sources, **kwargs):  # noqa: ANN001, ANN201
    problems: list[tuple[str, str]] = []
    articles = list(iter_articles(sources, on_error=lambda s, m: problems.append((s, m)),
                                  **kwargs))
    return articles, problems


def test_html_page_with_metadata() -> None:
    (article,), problems = collect([str(FIXTURES / "article.html")])
    assert problems == []
    assert article.title == "Envoys meet in Geneva to revive stalled arms-control dialogue"
    assert article.date == "2024-05-21"
    assert article.author == "Lena Fischer"
    assert article.sitename == "The Harbour Times"
    assert article.url == "https://harbourtimes.example/world/2024/05/21/geneva-arms-talks"
    assert article.language == "en"
    assert article.source_kind == "html"
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 5
    for furniture in ("Related Articles", "Missile tests", "cookies", "Back to top", "Share"):
        assert furniture not in article.text


def test_jsonl_keeps_given_ids_and_reads_html_field(tmp_path: Path) -> None:
    html = (FIXTURES / "article.html").read_text()
    path = tmp_path / "docs.jsonl"
    lines = [
        {"id": "a1", "text": BODY, "date": "2023-06-18", "title": "Hotline", "url": "http://x/1"},
        {"id": "a2", "html": html},
        {"text": BODY2},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n")
    articles, problems = collect([str(path)])
    assert problems == []
    assert [a.id for a in articles][:2] == ["a1", "a2"]
    assert articles[0].text == BODY and articles[0].date == "2023-06-18"
    assert articles[0].title == "Hotline" and articles[0].url == "http://x/1"
    assert articles[1].title.startswith("Envoys meet in Geneva")
    assert len(articles[2].id) == 16
    assert articles[0].path == f"{path}:1" and articles[0].source_kind == "jsonl"


def test_jsonl_bad_lines_are_reported_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"id": "ok", "text": BODY}) + "\n{not json\n[1, 2]\n"
                    + json.dumps({"title": "no text"}) + "\n")
    articles, problems = collect([str(path)])
    assert [a.id for a in articles] == ["ok"]
    assert [s for s, _ in problems] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert "invalid JSON" in problems[0][1] and "no text" in problems[2][1]


def test_csv_tsv_json_and_parquet_tables(tmp_path: Path) -> None:
    rows = [{"id": "c1", "headline": "Hotline", "body": BODY, "published": "2023-06-18"},
            {"id": "c2", "headline": "Sanctions", "body": BODY2, "published": "20230619"}]
    with open(tmp_path / "t.csv", "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with open(tmp_path / "t.tsv", "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter="\t")
        writer.writeheader()
        writer.writerows(rows)
    (tmp_path / "t.json").write_text(json.dumps(rows))
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "t.parquet")
    for name, kind in (("t.csv", "csv"), ("t.tsv", "csv"), ("t.json", "jsonl"),
                       ("t.parquet", "parquet")):
        articles, problems = collect([str(tmp_path / name)])
        assert problems == [], name
        assert [a.id for a in articles] == ["c1", "c2"], name
        assert articles[0].title == "Hotline" and articles[0].text == BODY, name
        assert [a.date for a in articles] == ["2023-06-18", "2023-06-19"], name
        assert articles[0].source_kind == kind, name


def test_csv_without_text_column_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("a,b\n1,2\n")
    articles, problems = collect([str(tmp_path / "t.csv")])
    assert articles == []
    assert len(problems) == 1 and "no text column" in problems[0][1]


def test_directory_glob_and_gzip(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(FIXTURES / "article.html", folder / "a.html")
    (folder / "sub" / "b.txt").write_text("Hotline restored\n\n" + BODY)
    (folder / "c.txt.gz").write_bytes(gzip.compress(BODY2.encode()))
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))  # ignored: not a document
    (folder / ".hidden.txt").write_text("secret")
    articles, problems = collect([str(folder)])
    assert problems == []
    assert sorted(Path(a.path).name for a in articles) == ["a.html", "b.txt", "c.txt.gz"]
    by_name = {Path(a.path).name: a for a in articles}
    assert by_name["b.txt"].title == "Hotline restored" and by_name["b.txt"].text == BODY
    articles, problems = collect([str(folder / "**" / "*.txt")])
    assert [Path(a.path).name for a in articles] == ["b.txt"]


def test_stdin_text_and_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BufferedReader(io.BytesIO(("Hotline restored\n\n" + BODY)
                                                          .encode())))
    monkeypatch.setattr(sys, "stdin", stdin)
    (article,), problems = collect(["-"])
    assert problems == [] and article.title == "Hotline restored" and article.path == "<stdin>"
    data = json.dumps({"id": "s1", "text": BODY}) + "\n"
    stdin = io.TextIOWrapper(io.BufferedReader(io.BytesIO(data.encode())))
    monkeypatch.setattr(sys, "stdin", stdin)
    (article,), _ = collect(["-"])
    assert article.id == "s1"


def test_input_format_forces_the_kind(tmp_path: Path) -> None:
    path = tmp_path / "page.data"
    path.write_text("<p>" + BODY + "</p>")
    (article,), _ = collect([str(path)], input_format="text")
    assert article.text.startswith("<p>")
    (article,), _ = collect([str(path)], input_format="html")
    assert article.text == BODY


def test_non_english_is_skipped_and_reported(tmp_path: Path) -> None:
    french = ("Les ministres des affaires étrangères se sont rencontrés lundi à Paris pour "
              "discuter de la frontière et ont convenu de reprendre les négociations.")
    (tmp_path / "fr.txt").write_text(french)
    (tmp_path / "en.txt").write_text(BODY)
    stats = IngestStats()
    articles, problems = collect([str(tmp_path)], stats=stats)
    assert [Path(a.path).name for a in articles] == ["en.txt"]
    assert problems == [(str(tmp_path / "fr.txt"), "not English (detected: fr)")]
    assert stats.skipped_language == {"fr": 1}
    articles, problems = collect([str(tmp_path)], languages=None)
    assert len(articles) == 2 and problems == []
    assert {a.language for a in articles} == {"en", "fr"}


def test_kind_detection() -> None:
    assert kind_from_name("a/b/CC-NEWS-2024.warc.gz") == "warc"
    assert kind_from_name("x.HTML") == "html"
    assert kind_from_name("x.jsonl.gz") == "jsonl"
    assert kind_from_name("x.unknown") is None
    assert sniff_kind(b"WARC/1.0\r\n") == "warc"
    assert sniff_kind(b'<?xml version="1.0"?><rss version="2.0">') == "feed"
    assert sniff_kind(b"<!DOCTYPE html><html>") == "html"
    assert sniff_kind(b'{"id": 1}') == "jsonl"
    assert sniff_kind(b"PAR1\x00\x00") == "parquet"
    assert sniff_kind(b"\x89PNG\r\n\x1a\n\x00\x00\x00") == "binary"
    assert sniff_kind("Plain words, café.".encode()) == "text"
    assert sniff_kind(b"url,date,title,text\n") == "csv"
    assert sniff_kind(b"id\tbody\n") == "tsv"
    assert sniff_kind(b"Paris, London, text and more\n") == "text"
