"""Shared helpers for the store tests: a fresh database per test on SQLite and PostgreSQL.

PostgreSQL runs when DETENTE_TEST_POSTGRES points at a server where we may
create databases (`.ci/run` starts one); otherwise those variants skip.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from detente.model import Actor, Article, Document, Event, Evidence

POSTGRES = os.environ.get("DETENTE_TEST_POSTGRES")
NO_POSTGRES = "DETENTE_TEST_POSTGRES is not set (.ci/run starts a PostgreSQL and sets it)"
BACKENDS = [
    "sqlite",
    pytest.param("postgresql", marks=pytest.mark.skipif(not POSTGRES, reason=NO_POSTGRES)),
]
DEMO = Path(__file__).resolve().parents[1] / "src/detente/data/demo/demo_corpus.jsonl"


def fresh_database(kind: str, tmp_path: Path) -> Iterator[str]:
    """A --db value for an empty database of `kind`, dropped afterwards."""
    if kind == "sqlite":
        yield str(tmp_path / "store.db")
        return
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    assert POSTGRES
    base = make_url(POSTGRES).set(drivername="postgresql+psycopg")
    name = f"detente_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield base.set(database=name).render_as_string(hide_password=False).replace(
            "postgresql+psycopg://", "postgresql://")
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def demo_docs(n: int | None = None) -> list[dict]:
    lines = DEMO.read_text(encoding="utf-8").splitlines()
    docs = [json.loads(line) for line in lines if line.strip()]
    return docs[:n] if n else docs


def write_jsonl(path: Path, docs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def article(id: str, text: str, date: str = "2023-06-18", **kw: object) -> Article:  # noqa: A002
    return Article(id=id, text=text, date=date, url=f"https://example.org/{id}",
                   title=f"title {id}", sitename=kw.pop("sitename", "Wire"), **kw)


def event(doc_id: str, sentence_index: int = 0, source: str = "USA", target: str = "CHN",
          cameo: str = "040", plover: str | None = "CONSULT", date: str | None = "2023-06-18",
          contexts: tuple[str, ...] = ("diplomatic",), start: int = 0, end: int = 10,
          sentence: str = "A met B.") -> Event:
    return Event(
        doc_id=doc_id, sentence_index=sentence_index, sentence=sentence, date=date,
        source=Actor(f"{source} official", f"{source}GOV", source, "GOV"),
        target=Actor(target, target, target, None), cameo=cameo, cameo_root=cameo[:2],
        plover=plover, mode=None, contexts=list(contexts), goldstein=1.0,
        quad_class=1, negated=False, confidence=0.8, evidence=Evidence("met", start, end),
    )  # fmt: skip


_PAIRS = (("United States", "USA"), ("US ", "USA"), ("Washington", "USA"), ("China", "CHN"),
          ("Beijing", "CHN"), ("Russia", "RUS"), ("Ukraine", "UKR"), ("Japan", "JPN"),
          ("Philippines", "PHL"), ("Taiwan", "TWN"), ("Iran", "IRN"), ("Israel", "ISR"))


class FakeCoder:
    """A fast, deterministic stand-in for EventCoder: one CONSULT per two-country sentence."""

    def code_document(self, document: Document) -> list[Event]:
        if "RAISE" in document.text:
            raise RuntimeError("cannot parse this")
        events = []
        for match in re.finditer(r"[^.]+\.", document.text):
            sentence = match.group(0)
            countries = []
            for name, code in _PAIRS:
                if name in sentence and code not in countries:
                    countries.append(code)
            if len(countries) >= 2:
                events.append(event(document.id, len(events), countries[0], countries[1],
                                    date=document.date, start=match.start(), end=match.end(),
                                    sentence=sentence.strip()))
        return events

    def code_documents(self, documents):  # noqa: ANN001, ANN201 - EventCoder's interface
        for document in documents:
            yield document, self.code_document(document)
