"""`detente extract`: JSON lines or a table on stdout, problems and a summary on stderr."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
KEYS = {"path", "url", "id", "title", "date", "author", "sitename", "language", "source_kind",
        "duplicate_of", "text"}


def test_jsonl_output(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["extract", str(FIXTURES / "wire_original.txt"),
                 str(FIXTURES / "wire_republished.txt"), str(FIXTURES / "article.html")])
    out, err = capsys.readouterr()
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 3 and all(set(r) == KEYS for r in records)
    assert records[1]["duplicate_of"] == records[0]["id"]
    assert records[2]["sitename"] == "The Harbour Times"
    assert "3 articles from 3 inputs; 1 near-duplicate linked" in err


def test_table_output_and_problem_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.html"
    bad.write_bytes(bytes(range(256)) * 10)
    code = main(["extract", "--format", "table", str(FIXTURES / "article.html"), str(bad)])
    out, err = capsys.readouterr()
    assert code == 0
    assert "Envoys meet in Geneva" in out
    assert f"detente extract: {bad}: not an HTML file: it contains binary data" in err.splitlines()


def test_exit_code_is_non_zero_only_when_nothing_could_be_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(tmp_path / "nope.txt")]) == 1
    french = tmp_path / "fr.txt"
    french.write_text("Les ministres se sont rencontrés lundi à Paris pour discuter de la "
                      "frontière et ont convenu de reprendre les négociations bientôt.")
    assert main(["extract", str(french)]) == 0  # read, then skipped for its language
    _, err = capsys.readouterr()
    assert f"{french}: not English (detected: fr)" in err
    assert main(["extract", "--languages", "all", "-q", str(french)]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["language"] == "fr" and err == ""


def test_options(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["extract", "--no-dedup", "--input-format", "text", "--no-progress",
                 str(FIXTURES / "wire_original.txt"), str(FIXTURES / "wire_republished.txt")])
    out, _ = capsys.readouterr()
    assert code == 0
    assert [json.loads(line)["duplicate_of"] for line in out.splitlines()] == [None, None]
    main(["extract", "--no-clean", str(FIXTURES / "furniture.txt")])
    out, _ = capsys.readouterr()
    assert "Share this article" in json.loads(out)["text"]


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from rich.console import Console

    from detente.ingest import progress

    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "REFRESH", 0.0)
    quiet = progress.Tracker(console=Console(file=io.StringIO()))
    assert not quiet.enabled  # not a terminal: nothing is drawn
    screen = io.StringIO()
    tracker = progress.Tracker(total_bytes=100,
                               console=Console(file=screen, force_terminal=True, width=100))
    tracker.read(50)
    tracker.article()
    tracker.close()
    assert "1 articles" in screen.getvalue()


def test_worker_processes_give_the_same_output() -> None:
    from detente.ingest import iter_articles

    sources = [str(FIXTURES)]
    serial = [a.to_dict() for a in iter_articles(sources, dedup=True)]
    parallel = [a.to_dict() for a in iter_articles(sources, dedup=True, jobs=2)]
    assert parallel == serial and len(serial) == 4
