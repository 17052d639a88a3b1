"""`detente ingest` as a real process: SIGKILL and resume, readers during a write, bad input.

These run the real coder in subprocesses (about 2 s to load spaCy each), on
small slices of the demo corpus, against SQLite and (when available) PostgreSQL.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from detente.store import Store, StoreError, open_store
from test_store_db import BACKENDS, demo_docs, fresh_database, write_jsonl

TIMEOUT = 120



@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty SQLite file, and an empty PostgreSQL database when one is configured."""
    yield from fresh_database(request.param, tmp_path)


def _ingest_cmd(source: Path, db: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "detente", "ingest", str(source), "--db", db,
            "--no-progress", *extra]


def _run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, **kw)


def _state(db: str) -> tuple[dict, set, dict]:
    with open_store(db) as store:
        stats = store.stats()
        frame = store.events()
        articles = store.articles()
    counts = {k: stats[k] for k in ("articles", "duplicates", "events", "sentences", "actors")}
    events = set(zip(frame.event_id, frame.cameo, frame.source_code, frame.target_code,
                     frame.date.fillna(""), frame.sentence, strict=True))
    links = dict(zip(articles.article_id, articles.duplicate_of.fillna(""), strict=True))
    return counts, events, links


def _articles_now(db: str) -> int:
    try:
        with open_store(db) as store:
            return store.stats()["articles"]
    except StoreError:  # not created yet
        return 0


KILL_DOCS = 12  # the first 12 demo reports include a wire duplicate (demo-010/011)


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple]:
    """The corpus for the SIGKILL test and the state one uninterrupted ingest leaves."""
    folder = tmp_path_factory.mktemp("clean")
    source = write_jsonl(folder / "docs.jsonl", demo_docs(KILL_DOCS))
    clean_db = str(folder / "clean.db")
    result = _run(_ingest_cmd(source, clean_db, "--workers", "1"))
    assert result.returncode == 0, result.stderr
    return source, _state(clean_db)


def test_sigkill_mid_ingest_then_resume_equals_one_clean_run(
    db_url: str, clean_run: tuple[Path, tuple]
) -> None:
    """Kill a real ingest after its first commits; resume it (with a process pool) while
    readers query the store; the result is exactly that of one uninterrupted run."""
    source, clean_state = clean_run
    cmd = _ingest_cmd(source, db_url, "--workers", "1", "--batch-size", "1")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + TIMEOUT
    while proc.poll() is None and time.monotonic() < deadline:
        if _articles_now(db_url) >= 2:
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.05)
    proc.wait(timeout=TIMEOUT)
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    killed_at = _articles_now(db_url)
    assert 2 <= killed_at < KILL_DOCS

    resume = subprocess.Popen(
        _ingest_cmd(source, db_url, "--workers", "2", "--batch-size", "1"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    seen = _read_while_running(db_url, resume)
    out, err = resume.communicate(timeout=TIMEOUT)
    assert resume.returncode == 0, err
    assert f"{killed_at} already stored" in out
    assert seen == sorted(seen), f"counts went backwards while reading: {seen}"
    assert any(killed_at < n < KILL_DOCS for n, _ in seen), f"no read during the write: {seen}"

    resumed_state = _state(db_url)
    assert resumed_state[0] == clean_state[0]  # article, duplicate, event, actor counts
    assert resumed_state[0]["articles"] == KILL_DOCS and resumed_state[0]["duplicates"] >= 1
    assert resumed_state[1] == clean_state[1]  # the same events, ids and evidence
    assert resumed_state[2] == clean_state[2]  # the same duplicate links

    again = _run(cmd)  # a third run does nothing
    assert again.returncode == 0 and "stored 0 articles" in again.stdout
    assert _state(db_url) == resumed_state
    with open_store(db_url) as store:
        assert sorted(store.runs().status) == ["done", "done", "interrupted"]


def _read_while_running(db: str, proc: subprocess.Popen) -> list[tuple[int, int]]:
    """Query the store the way `detente events` and the web app do until `proc` ends."""
    seen: list[tuple[int, int]] = []
    deadline = time.monotonic() + TIMEOUT
    with open_store(db) as store:
        while proc.poll() is None and time.monotonic() < deadline:
            stats = store.stats()
            frame = store.events(dyad=("USA", "CHN"))
            assert set(frame.columns) >= {"event_id", "sentence"}
            store.articles()
            seen.append((stats["articles"], stats["events"]))
            time.sleep(0.02)
    return seen


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """Run `detente ARGV` in this process (store errors come before any coding)."""
    from detente.cli import main

    code = main(list(argv))
    return code, capsys.readouterr().err


def test_unreachable_database_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_jsonl(tmp_path / "docs.jsonl", demo_docs(2))
    code, err = _cli(capsys, "ingest", str(source), "--db", "postgresql://nobody@127.0.0.1:9/x")
    assert code == 1
    assert "cannot connect to PostgreSQL at postgresql://nobody@127.0.0.1:9/x" in err


def test_corrupt_and_newer_sqlite_files_are_refused_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_jsonl(tmp_path / "docs.jsonl", demo_docs(2))
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(os.urandom(8192))
    newer = tmp_path / "newer.db"
    with Store(str(newer), create=True) as store, store.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO schema_migrations VALUES (7, 'future', '9', 'now')")
    broken_inside = tmp_path / "broken.db"
    with Store(str(broken_inside), create=True):
        pass
    data = bytearray(broken_inside.read_bytes())
    data[100:4096] = os.urandom(3996)  # a valid header over garbage pages
    broken_inside.write_bytes(bytes(data))
    for path, message in ((corrupt, "is not a SQLite database"),
                          (newer, "schema version 7, newer than this detente"),
                          (broken_inside, "is not a SQLite database or is corrupt")):
        before = _digest(path)
        for command in (("ingest", str(source)), ("stats",), ("events",)):
            code, err = _cli(capsys, *command, "--db", str(path))
            assert code == 1 and message in err, (command, err)
        assert _digest(path) == before


def _without_root_override() -> None:
    """In the child: drop CAP_DAC_OVERRIDE so that even root cannot write a 0444 file."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(24, 1, 0, 0, 0)  # PR_CAPBSET_DROP, CAP_DAC_OVERRIDE (effective after exec)


def test_read_only_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "docs.jsonl", demo_docs(2))
    db = tmp_path / "ro.db"
    with Store(str(db), create=True):
        pass
    db.chmod(0o444)
    before = _digest(db)
    preexec = _without_root_override if os.geteuid() == 0 else None
    probe = _run([sys.executable, "-c", f"import os; print(os.access({str(db)!r}, os.W_OK))"],
                 preexec_fn=preexec)
    if probe.stdout.strip() != "False":
        pytest.skip("cannot make a file read-only for this user (root without CAP_SETPCAP)")
    result = _run(_ingest_cmd(source, str(db)), preexec_fn=preexec)
    assert result.returncode == 1
    assert "is read-only" in result.stderr and "Traceback" not in result.stderr
    assert _digest(db) == before
    stats = _run([sys.executable, "-m", "detente", "stats", "--db", str(db)], preexec_fn=preexec)
    assert stats.returncode == 0, stats.stderr  # reading a read-only store works


def test_full_disk_stops_cleanly_keeping_whole_articles(tmp_path: Path) -> None:
    import resource

    # language given, so that nothing but the database writes files (the language
    # identifier unpacks its model to a temporary file, which the limit would stop)
    docs = [dict(d, language="en") for d in demo_docs(12)]
    source = write_jsonl(tmp_path / "docs.jsonl", docs)
    db = tmp_path / "full.db"
    limit = 400 * 1024  # the schema fits, a few articles fit, then the "disk" is full

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = _run(_ingest_cmd(source, str(db), "--workers", "1", "--batch-size", "1"),
                  preexec_fn=small_disk)
    assert result.returncode == 1, result.stdout
    assert "disk full" in result.stderr and "Traceback" not in result.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        mismatched = conn.execute(
            "SELECT count(*) FROM articles a WHERE a.n_events != "
            "(SELECT count(*) FROM events e WHERE e.article_id = a.article_id)").fetchone()[0]
        assert mismatched == 0  # every stored article has all of its events, no more
    assert 0 < stored < 12  # what was committed before the disk filled stays; a re-run resumes
