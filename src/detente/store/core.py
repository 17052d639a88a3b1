"""`Store`: one SQLite file or PostgreSQL database of articles, evidence and events.

Why it looks like this:

- One class, Core SQL only, the same statements on both engines: what the
  tests prove on SQLite holds on PostgreSQL, and the other way round.
- SQLite runs in WAL mode so that readers (`detente events`, the web app) keep
  working while an ingest writes, and the pysqlite driver's own transaction
  handling is switched off in favour of explicit BEGIN, so that DDL is
  transactional and the single writer takes the write lock up front
  (BEGIN IMMEDIATE) instead of failing on a lock upgrade.
- Every driver error is turned into a `StoreError` that says what happened in
  words (cannot connect, read-only, not a database, disk full, schema too
  new), so the CLI prints one clear line instead of a traceback.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Connection,
    Engine,
    and_,
    case,
    create_engine,
    event,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from detente.model import Article, Event
from detente.store import schema as s
from detente.store.base import ARTICLE_COLUMNS, DEFAULT_DB, EVENT_COLUMNS, StoreError
from detente.store.migrations import SCHEMA_VERSION, SchemaError, check_version, upgrade

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ARTICLE_COLUMNS", "DEFAULT_DB", "EVENT_COLUMNS", "Store", "StoreError",
           "content_hash", "open_store", "parse_db_url"]

SQLITE_TIMEOUT_S = 30.0


def content_hash(text: str) -> str:
    """sha256 of the text with whitespace normalised: the same article is stored once."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _version() -> str:
    import detente

    return detente.__version__


def open_store(url: str = DEFAULT_DB, *, create: bool = False) -> Store:
    """See `detente.store.open_store`."""
    return Store(url, create=create)


def parse_db_url(db: str) -> tuple[URL, Path | None]:
    """(SQLAlchemy URL, SQLite path or None) for a `--db` value."""
    db = db.strip()
    if not db:
        raise StoreError("empty database URL")
    lowered = db.lower()
    if lowered.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        try:
            url = make_url(db)
        except ArgumentError as exc:
            raise StoreError(f"cannot parse database URL {db!r}: {exc}") from None
        return url.set(drivername="postgresql+psycopg"), None
    if lowered.startswith("sqlite:"):
        if not lowered.startswith("sqlite:///") or len(db) == len("sqlite:///"):
            raise StoreError(f"no path in database URL {db!r} (use sqlite:///path/to/file.db "
                             "or just the path)")
        db = db[len("sqlite:///"):]
    elif "://" in db:
        scheme = db.split("://", 1)[0]
        raise StoreError(
            f"unsupported database URL scheme {scheme!r}: use a file path (SQLite) "
            "or postgresql://user:password@host:port/dbname"
        )
    if db == ":memory:":
        return make_url("sqlite+pysqlite://"), None
    path = Path(db).expanduser()
    return make_url(f"sqlite+pysqlite:///{path}"), path


def _sqlite_engine(url: URL, path: Path | None, writer: bool) -> Engine:
    kwargs: dict[str, Any] = {"connect_args": {"timeout": SQLITE_TIMEOUT_S}}
    if path is None:  # in-memory: one shared connection
        kwargs = {"connect_args": {"check_same_thread": False}, "poolclass": StaticPool}
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(SQLITE_TIMEOUT_S * 1000)}")
            cursor.execute("PRAGMA foreign_keys = ON")
            if writer and path is not None:
                cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("sqlite_immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _first_line(exc: BaseException) -> str:
    original = getattr(exc, "orig", None) or exc
    return (str(original).strip().splitlines() or [type(original).__name__])[0]


class Store:
    """Articles, evidence sentences, events, actors, runs and failures in one database.

    Writes go through one writer (the ingest loop); reads return pandas
    DataFrames or plain dicts. Use as a context manager or call `close()`.
    """

    def __init__(self, url: str = DEFAULT_DB, *, create: bool = False) -> None:
        self.sa_url, self.path = parse_db_url(url)
        self.dialect = self.sa_url.get_backend_name()
        self.display_url = (
            str(self.path) if self.path is not None
            else self.sa_url.set(drivername="postgresql").render_as_string(hide_password=True)
            if self.dialect == "postgresql" else ":memory:"
        )  # fmt: skip
        if self.dialect == "sqlite" and self.path is None:
            create = True  # an in-memory database starts empty
        self.create = create
        if self.path is not None:
            self._check_sqlite_path(create)
        if self.dialect == "postgresql":
            self.engine = create_engine(
                self.sa_url, pool_pre_ping=True, connect_args={"connect_timeout": 10}
            )
        else:
            self.engine = _sqlite_engine(self.sa_url, self.path, writer=create)
        try:
            self.schema_version = self._open_schema(create)
        except BaseException:
            self.engine.dispose()
            raise

    # -- opening -----------------------------------------------------------------
    def _check_sqlite_path(self, create: bool) -> None:
        path = self.path
        assert path is not None
        if path.is_dir():
            raise StoreError(f"{path} is a directory, not a SQLite database file")
        if not path.exists():
            if not create:
                raise StoreError(
                    f"no database at {path}: run `detente ingest SOURCE... --db {path}` first"
                )
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder for {path}: {exc.strerror}") from None
            if not os.access(path.parent, os.W_OK):
                raise StoreError(f"cannot create {path}: its folder is not writable")
            return
        if not os.access(path, os.R_OK):
            raise StoreError(f"cannot read {path}: permission denied")
        if create:
            if not os.access(path, os.W_OK):
                raise StoreError(f"{path} is read-only: cannot ingest into it "
                                 "(make it writable or choose another --db)")
            if not os.access(path.parent, os.W_OK):
                raise StoreError(f"the folder of {path} is read-only: SQLite needs to create "
                                 "its -wal and -shm files there")
        with open(path, "rb") as fh:
            head = fh.read(16)
        if head and head != b"SQLite format 3\x00":
            raise StoreError(f"{path} is not a SQLite database (or is corrupt)")

    def _open_schema(self, create: bool) -> int:
        try:
            if create:
                with self._write_conn() as conn, conn.begin():
                    upgrade(conn, _version())
                    return SCHEMA_VERSION
            with self.engine.connect() as conn:
                with conn.begin():
                    version = check_version(conn)
            if version < SCHEMA_VERSION:
                with self._write_conn() as conn, conn.begin():
                    upgrade(conn, _version())
            return SCHEMA_VERSION
        except SchemaError as exc:
            raise StoreError(f"{self.display_url}: {exc}") from None
        except SQLAlchemyError as exc:
            raise self._explain(exc, "open") from None

    @contextmanager
    def _write_conn(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                conn = conn.execution_options(sqlite_immediate=True)
            yield conn

    def _explain(self, exc: BaseException, action: str) -> StoreError:
        """A StoreError that says in words what went wrong with the database."""
        where = self.display_url
        message = _first_line(exc)
        lowered = message.lower()
        if self.dialect == "postgresql":
            if any(k in lowered for k in ("connection refused", "could not connect",
                                          "connection failed", "timeout expired",
                                          "name or service not known", "could not translate",
                                          "does not exist", "authentication failed",
                                          "no password supplied", "connection to server")):
                return StoreError(f"cannot connect to PostgreSQL at {where}: {message}")
            if "no space left" in lowered or "could not extend file" in lowered:
                return StoreError(f"{where}: the database server's disk is full: {message}")
            if "read-only" in lowered or "permission denied" in lowered:
                return StoreError(f"{where}: not allowed to write: {message}")
            return StoreError(f"{where}: database error while trying to {action}: {message}")
        if "database or disk is full" in lowered:
            return StoreError(f"{where}: disk full while trying to {action}; nothing of it was "
                              f"kept, re-run to resume once there is space ({message})")
        if "disk i/o error" in lowered:
            return StoreError(f"{where}: write failed while trying to {action} (disk full, file "
                              f"size limit or I/O error); nothing of it was kept, re-run to "
                              f"resume ({message})")
        if "readonly" in lowered or "read-only" in lowered:
            return StoreError(f"{where} is read-only: cannot {action} ({message})")
        if "not a database" in lowered or "malformed" in lowered or "corrupt" in lowered:
            return StoreError(f"{where} is not a SQLite database or is corrupt: {message}")
        if "unable to open" in lowered:
            return StoreError(f"cannot open {where}: {message}")
        if "locked" in lowered:
            return StoreError(f"{where} is locked by another writer (waited "
                              f"{SQLITE_TIMEOUT_S:g} s): {message}")
        return StoreError(f"{where}: database error while trying to {action}: {message}")

    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        try:
            yield
        except SQLAlchemyError as exc:
            raise self._explain(exc, action) from None

    def close(self) -> None:
        """Release connections (and, on SQLite, let the WAL be checkpointed)."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.display_url!r}, schema_version={self.schema_version})"

    # -- writing -----------------------------------------------------------------
    def begin_run(self, sources: Sequence[str]) -> int:
        """Record the start of an ingest; marks this host's dead runs as interrupted."""
        with self._guard("start an ingest run"), self._write_conn() as conn, conn.begin():
            self._mark_dead_runs(conn)
            result = conn.execute(s.runs.insert().values(
                started_at=_now(), status="running", sources=json.dumps(list(sources)),
                coder_version=_version(), host=socket.gethostname(), pid=os.getpid(),
                articles_read=0, articles_stored=0, articles_skipped=0, events_stored=0,
                failures=0,
            ))  # fmt: skip
            return int(result.inserted_primary_key[0])

    def _mark_dead_runs(self, conn: Connection) -> None:
        host = socket.gethostname()
        rows = conn.execute(
            select(s.runs.c.id, s.runs.c.pid)
            .where(s.runs.c.status == "running", s.runs.c.host == host)
        ).all()  # fmt: skip
        for run_id, pid in rows:
            if pid is None or not _pid_alive(pid):
                conn.execute(update(s.runs).where(s.runs.c.id == run_id).values(
                    status="interrupted", message="the process ended without finishing"))

    def finish_run(self, run_id: int, status: str, counts: dict[str, int],
                   message: str | None = None) -> None:
        """Record how an ingest ended, with its counts."""
        values = {k: v for k, v in counts.items() if k in s.runs.c}
        with self._guard("finish the ingest run"), self._write_conn() as conn, conn.begin():
            conn.execute(update(s.runs).where(s.runs.c.id == run_id).values(
                finished_at=_now(), status=status, message=message, **values))

    def known_hashes(self) -> set[str]:
        """Content hashes of every stored article (to skip them before coding)."""
        with self._guard("read stored articles"), self.engine.connect() as conn:
            return set(conn.execute(select(s.articles.c.content_hash)).scalars())

    def iter_originals(self) -> Iterator[Article]:
        """Stored articles that are not duplicates, in the order they were stored.

        A resumed or incremental ingest feeds these to the near-duplicate index
        first, so that new copies of old stories are still linked to them.
        """
        query = (
            select(s.articles.c.article_id, s.articles.c.text)
            .where(s.articles.c.duplicate_of.is_(None)).order_by(s.articles.c.id)
        )  # fmt: skip
        with self._guard("read stored articles"), self.engine.connect() as conn:
            for article_id, body in conn.execution_options(yield_per=500).execute(query):
                yield Article(id=article_id, text=body)

    def add_article(self, article: Article, events: Sequence[Event], run_id: int | None = None,
                    coder_version: str | None = None) -> bool:
        """Store an article with its evidence sentences, events and actors in one transaction.

        Returns False (and writes nothing) when the same text is already stored.
        Raises StoreError when the article id is taken by a different text.
        """
        digest = content_hash(article.text)
        coder_version = coder_version or _version()
        with self._guard(f"store article {article.id}"), self._write_conn() as conn:
            try:
                with conn.begin():
                    return self._insert_article(conn, article, events, digest, run_id,
                                                coder_version)
            except IntegrityError:
                # Another writer stored the same text a moment ago: that is success.
                c = s.articles.c.content_hash
                if conn.execute(select(c).where(c == digest)).first() is not None:
                    return False
                raise

    def _insert_article(self, conn: Connection, article: Article, events: Sequence[Event],
                        digest: str, run_id: int | None, coder_version: str) -> bool:
        a = s.articles.c
        found = conn.execute(
            select(a.article_id, a.content_hash)
            .where(or_(a.content_hash == digest, a.article_id == article.id))
        ).first()  # fmt: skip
        if found is not None:
            if found.content_hash == digest:
                return False
            raise StoreError(f"article id {article.id!r} is already used by a different "
                             "text; give the document another id")
        conn.execute(s.articles.insert().values(
            article_id=article.id, content_hash=digest, source=article.path,
            source_kind=article.source_kind, url=article.url, title=article.title,
            published=article.date, author=article.author, sitename=article.sitename,
            language=article.language, duplicate_of=article.duplicate_of, text=article.text,
            n_chars=len(article.text), n_events=len(events), coder_version=coder_version,
            run_id=run_id, ingested_at=_now(),
        ))  # fmt: skip
        sentences: dict[int, dict[str, Any]] = {}
        for e in events:
            sentences.setdefault(e.sentence_index, {
                "article_id": article.id, "sentence_index": e.sentence_index,
                "text": e.sentence, "start_offset": e.evidence.start,
                "end_offset": e.evidence.end,
            })  # fmt: skip
        if sentences:
            conn.execute(s.sentences.insert(), list(sentences.values()))
        if events:
            conn.execute(s.events.insert(), [
                _event_row(article.id, n, e, coder_version) for n, e in enumerate(events)
            ])  # fmt: skip
            self._upsert_actors(conn, events)
        return True

    def _upsert_actors(self, conn: Connection, events: Iterable[Event]) -> None:
        seen: dict[tuple[str, str], dict[str, Any]] = {}
        for e in events:
            for actor in (e.source, e.target):
                key = (actor.code, actor.text)
                row = seen.setdefault(key, {
                    "code": actor.code, "text": actor.text, "country": actor.country,
                    "sector": actor.sector, "first_date": e.date, "last_date": e.date,
                    "n_events": 0,
                })  # fmt: skip
                row["n_events"] += 1
                if e.date and (row["first_date"] is None or e.date < row["first_date"]):
                    row["first_date"] = e.date
                if e.date and (row["last_date"] is None or e.date > row["last_date"]):
                    row["last_date"] = e.date
        if not seen:
            return
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as dialect_insert
        else:
            from sqlalchemy.dialects.sqlite import insert as dialect_insert
        stmt = dialect_insert(s.actors)
        old, new = s.actors.c, stmt.excluded
        stmt = stmt.on_conflict_do_update(
            index_elements=[old.code, old.text],
            set_={
                "n_events": old.n_events + new.n_events,
                "first_date": case(
                    (old.first_date.is_(None), new.first_date),
                    (and_(new.first_date.is_not(None), new.first_date < old.first_date),
                     new.first_date),
                    else_=old.first_date,
                ),
                "last_date": case(
                    (old.last_date.is_(None), new.last_date),
                    (and_(new.last_date.is_not(None), new.last_date > old.last_date),
                     new.last_date),
                    else_=old.last_date,
                ),
            },
        )  # fmt: skip
        # Sorted so that two writers on PostgreSQL lock rows in the same order.
        for key in sorted(seen):
            conn.execute(stmt, seen[key])

    def add_failure(self, source: str, stage: str, reason: str, run_id: int | None = None) -> None:
        """Record a problem; the same (source, stage, reason) again bumps its count."""
        key = hashlib.sha256(f"{source}\x00{stage}\x00{reason}".encode()).hexdigest()
        f = s.failures.c
        now = _now()
        bump = (
            update(s.failures).where(f.key == key)
            .values(occurrences=f.occurrences + 1, last_seen=now, run_id=run_id)
        )  # fmt: skip
        with self._guard("record a failure"), self._write_conn() as conn:
            try:
                with conn.begin():
                    if not conn.execute(bump).rowcount:
                        conn.execute(s.failures.insert().values(
                            source=source, stage=stage, reason=reason, first_seen=now,
                            last_seen=now, occurrences=1, run_id=run_id, key=key))
            except IntegrityError:  # another writer recorded it a moment ago
                with conn.begin():
                    conn.execute(bump)

    # -- reading -----------------------------------------------------------------
    def _events_query(
        self,
        dyad: Sequence[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        type: str | Sequence[str] | None = None,  # noqa: A002 - mirrors --type
        actor: str | None = None,
        article_id: str | None = None,
        min_confidence: float | None = None,
        directed: bool = False,
        include_duplicates: bool = True,
        limit: int | None = None,
    ):  # noqa: ANN202 - a SQLAlchemy Select
        e, a, se = s.events.c, s.articles.c, s.sentences.c
        query = (
            select(
                e.id, e.event_id, e.article_id, e.sentence_index, se.text.label("sentence"),
                e.date, e.source_text, e.source_code, e.source_country, e.source_sector,
                e.target_text, e.target_code, e.target_country, e.target_sector, e.cameo,
                e.cameo_root, e.plover, e.mode, e.contexts, e.goldstein, e.quad_class,
                e.negated, e.confidence, e.trigger, e.start_offset.label("start"),
                e.end_offset.label("end"), a.title, a.url, a.sitename, a.published,
                a.duplicate_of, e.coder_version, a.ingested_at,
            )
            .select_from(
                s.events.join(s.articles, e.article_id == a.article_id).outerjoin(
                    s.sentences,
                    and_(se.article_id == e.article_id, se.sentence_index == e.sentence_index),
                )
            )
        )  # fmt: skip

        def side(prefix: str, code: str):  # noqa: ANN202
            code = code.upper()
            country, full = e[f"{prefix}_country"], e[f"{prefix}_code"]
            return or_(country == code, full == code)

        if dyad:
            if len(dyad) != 2:
                raise ValueError("dyad takes two actor codes, e.g. ('USA', 'CHN')")
            one, two = dyad
            forward = and_(side("source", one), side("target", two))
            query = query.where(
                forward if directed
                else or_(forward, and_(side("source", two), side("target", one)))
            )  # fmt: skip
        if actor:
            query = query.where(or_(side("source", actor), side("target", actor)))
        if since:
            query = query.where(e.date >= since)
        if until:
            query = query.where(e.date <= until)
        if type:
            kinds = [type] if isinstance(type, str) else list(type)
            clauses = []
            for kind in kinds:
                if kind.isdigit():
                    clauses.append(e.cameo.startswith(kind))
                else:
                    clauses.append(e.plover == kind.upper())
            query = query.where(or_(*clauses))
        if article_id:
            query = query.where(e.article_id == article_id)
        if min_confidence:
            query = query.where(e.confidence >= min_confidence)
        if not include_duplicates:
            query = query.where(a.duplicate_of.is_(None))
        query = query.order_by(e.date.asc().nulls_last(), e.id)
        if limit:
            query = query.limit(limit)
        return query

    def iter_event_rows(self, **filters: Any) -> Iterator[dict[str, Any]]:
        """Flat event rows (the DataFrame columns plus id, coder_version, ingested_at)."""
        query = self._events_query(**filters)
        with self._guard("read events"), self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=1000).execute(query).mappings():
                out = dict(row)
                out["contexts"] = json.loads(out["contexts"]) if out["contexts"] else []
                out["negated"] = bool(out["negated"])
                yield out

    def events(
        self,
        dyad: Sequence[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        type: str | Sequence[str] | None = None,  # noqa: A002 - mirrors --type
        actor: str | None = None,
        article_id: str | None = None,
        min_confidence: float | None = None,
        directed: bool = False,
        include_duplicates: bool = True,
        limit: int | None = None,
    ) -> pd.DataFrame:
        """Events as a DataFrame with exactly EVENT_COLUMNS, ordered by date.

        dyad=("USA", "CHN") matches either direction unless directed=True; an
        actor matches on its country or its full code (e.g. "NATO", "USAGOV").
        since/until are inclusive ISO dates. type is a PLOVER type ("CONSULT")
        or a CAMEO code prefix ("04"). Dates are "YYYY-MM-DD" strings;
        `contexts` holds Python lists.
        """
        import pandas as pd

        rows = list(self.iter_event_rows(
            dyad=dyad, since=since, until=until, type=type, actor=actor,
            article_id=article_id, min_confidence=min_confidence, directed=directed,
            include_duplicates=include_duplicates, limit=limit,
        ))  # fmt: skip
        frame = pd.DataFrame.from_records(
            [tuple(r[c] for c in EVENT_COLUMNS) for r in rows], columns=list(EVENT_COLUMNS)
        )
        if not rows:
            frame = frame.astype({"sentence_index": "int64", "goldstein": "float64",
                                  "quad_class": "int64", "negated": "bool",
                                  "confidence": "float64", "start": "int64", "end": "int64"})
        return frame

    def event_records(self, **filters: Any) -> Iterator[dict[str, Any]]:
        """Events in the JSON event record shape of `detente code`, plus ids and URL."""
        for r in self.iter_event_rows(**filters):
            yield {
                "event_id": r["event_id"], "doc_id": r["article_id"],
                "sentence_index": r["sentence_index"], "sentence": r["sentence"],
                "date": r["date"],
                "source": {"text": r["source_text"], "code": r["source_code"],
                           "country": r["source_country"], "sector": r["source_sector"]},
                "target": {"text": r["target_text"], "code": r["target_code"],
                           "country": r["target_country"], "sector": r["target_sector"]},
                "cameo": r["cameo"], "cameo_root": r["cameo_root"], "plover": r["plover"],
                "mode": r["mode"], "contexts": r["contexts"], "goldstein": r["goldstein"],
                "quad_class": r["quad_class"], "negated": r["negated"],
                "confidence": r["confidence"],
                "evidence": {"trigger": r["trigger"], "start": r["start"], "end": r["end"]},
                "url": r["url"], "title": r["title"], "duplicate_of": r["duplicate_of"],
                "coder_version": r["coder_version"],
            }  # fmt: skip

    def articles(self, since: str | None = None, until: str | None = None,
                 include_duplicates: bool = True, with_text: bool = False,
                 limit: int | None = None) -> pd.DataFrame:
        """Stored articles (ARTICLE_COLUMNS, plus `text` if asked), in ingest order."""
        import pandas as pd

        a = s.articles.c
        columns = list(ARTICLE_COLUMNS) + (["text"] if with_text else [])
        query = select(*(a[c] for c in columns)).order_by(a.id)
        if since:
            query = query.where(a.published >= since)
        if until:
            query = query.where(a.published <= until)
        if not include_duplicates:
            query = query.where(a.duplicate_of.is_(None))
        if limit:
            query = query.limit(limit)
        with self._guard("read articles"), self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return pd.DataFrame.from_records([tuple(r) for r in rows], columns=columns)

    def article_text(self, article_id: str) -> str | None:
        """The cleaned text of one article (evidence offsets point into it)."""
        with self._guard("read an article"), self.engine.connect() as conn:
            return conn.execute(
                select(s.articles.c.text).where(s.articles.c.article_id == article_id)
            ).scalar()

    def failures(self) -> pd.DataFrame:
        """Every recorded problem: source, stage, reason, when and how often."""
        return self._table_frame(s.failures, exclude=("key",))

    def runs(self) -> pd.DataFrame:
        """One row per ingest run with its status and counts."""
        return self._table_frame(s.runs)

    def actors(self) -> pd.DataFrame:
        """Every actor mention seen (code, text as written), with dates and event counts."""
        return self._table_frame(s.actors)

    def _table_frame(self, table, exclude: Sequence[str] = ()) -> pd.DataFrame:  # noqa: ANN001
        import pandas as pd

        columns = [c for c in table.c if c.name not in exclude]
        with self._guard(f"read {table.name}"), self.engine.connect() as conn:
            rows = conn.execute(select(*columns)).all()
        return pd.DataFrame.from_records([tuple(r) for r in rows],
                                         columns=[c.name for c in columns])

    def stats(self) -> dict[str, Any]:
        """Counts and date range: what `detente stats` prints."""
        a, e = s.articles.c, s.events.c
        with self._guard("read statistics"), self.engine.connect() as conn:
            one = conn.execute(select(
                func.count(), func.count(a.duplicate_of), func.min(a.published),
                func.max(a.published),
            ).select_from(s.articles)).one()  # fmt: skip
            ev = conn.execute(
                select(func.count(), func.min(e.date), func.max(e.date)).select_from(s.events)
            ).one()
            failures = conn.execute(select(func.count()).select_from(s.failures)).scalar()
            counts = {
                name: conn.execute(select(func.count()).select_from(table)).scalar()
                for name, table in (("sentences", s.sentences), ("actors", s.actors),
                                    ("runs", s.runs))
            }  # fmt: skip
            coder_versions = sorted(conn.execute(select(e.coder_version).distinct()).scalars())
        return {
            "articles": one[0], "duplicates": one[1], "events": ev[0], "failures": failures,
            "first_date": ev[1], "last_date": ev[2], "first_published": one[2],
            "last_published": one[3], **counts, "coder_versions": coder_versions,
            "schema_version": self.schema_version, "database": self.display_url,
        }  # fmt: skip

    def dyads(self, top: int = 10, include_duplicates: bool = False) -> list[dict[str, Any]]:
        """The busiest country pairs (either direction) with event counts by quad class."""
        e, a = s.events.c, s.articles.c
        query = (
            select(e.source_country, e.target_country, e.quad_class, e.goldstein)
            .select_from(s.events.join(s.articles, e.article_id == a.article_id))
            .where(e.source_country.is_not(None), e.target_country.is_not(None),
                   e.source_country != e.target_country)
        )  # fmt: skip
        if not include_duplicates:
            query = query.where(a.duplicate_of.is_(None))
        totals: dict[tuple[str, str], dict[str, Any]] = {}
        with self._guard("read dyads"), self.engine.connect() as conn:
            for src, tgt, quad, goldstein in conn.execute(query):
                key = tuple(sorted((src, tgt)))
                row = totals.setdefault(key, {"dyad": f"{key[0]}-{key[1]}", "events": 0,
                                              "quad": [0, 0, 0, 0], "goldstein": 0.0})
                row["events"] += 1
                if quad and 1 <= quad <= 4:
                    row["quad"][quad - 1] += 1
                row["goldstein"] += goldstein or 0.0
        ranked = sorted(totals.values(), key=lambda r: (-r["events"], r["dyad"]))[:top]
        for row in ranked:
            row["mean_goldstein"] = round(row.pop("goldstein") / row["events"], 2)
        return ranked

    # -- analytics: thin delegates to detente.analytics (imported lazily, as it builds on
    # the store); the functions themselves also accept DataFrames and event lists.
    def series(self, a: str, b: str, **options: Any) -> pd.DataFrame:
        """Per-period dyad series with the tension index (see detente.analytics.series)."""
        from detente.analytics import series

        return series(self, a, b, **options)

    def brief(self, a: str, b: str, **options: Any) -> Any:
        """An evidence-backed brief on a dyad, a detente.analytics.Brief."""
        from detente.analytics import brief

        return brief(self, a, b, **options)


def _event_row(article_id: str, n: int, e: Event, coder_version: str) -> dict[str, Any]:
    return {
        "event_id": f"{article_id}:{n}", "article_id": article_id,
        "sentence_index": e.sentence_index, "date": e.date,
        "source_text": e.source.text, "source_code": e.source.code,
        "source_country": e.source.country, "source_sector": e.source.sector,
        "target_text": e.target.text, "target_code": e.target.code,
        "target_country": e.target.country, "target_sector": e.target.sector,
        "cameo": e.cameo, "cameo_root": e.cameo_root, "plover": e.plover, "mode": e.mode,
        "contexts": json.dumps(list(e.contexts)), "goldstein": float(e.goldstein),
        "quad_class": int(e.quad_class), "negated": bool(e.negated),
        "confidence": round(float(e.confidence), 3), "trigger": e.evidence.trigger,
        "start_offset": e.evidence.start, "end_offset": e.evidence.end,
        "extra": json.dumps(e.extra, default=str) if e.extra else None,
        "coder_version": coder_version,
    }  # fmt: skip


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
