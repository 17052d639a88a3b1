"""The store's tables, written once in SQLAlchemy Core for SQLite and PostgreSQL alike.

Only portable types are used (strings, integers, floats, booleans, text), so
the same schema runs on both engines and raw SQL users (sqlite3, psql,
DuckDB's sqlite/postgres scanners) see plain columns. Dates are ISO strings
("YYYY-MM-DD"), which sort and compare correctly as text on every engine.
List-valued fields (an event's contexts) are JSON text.

The tables as they are at the newest schema version; `migrations.py` says how
an older database gets here.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

# Applied migrations, one row each; the highest version is the schema version.
schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("description", String(), nullable=False),
    Column("detente_version", String(), nullable=False),
    Column("applied_at", String(), nullable=False),
)

# One row per `detente ingest` invocation.
runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("started_at", String(), nullable=False),
    Column("finished_at", String()),
    Column("status", String(), nullable=False),  # running, done, failed, interrupted
    Column("sources", Text, nullable=False),  # JSON list of the command's sources
    Column("coder_version", String(), nullable=False),
    Column("host", String()),
    Column("pid", Integer),
    Column("articles_read", Integer, nullable=False, default=0),
    Column("articles_stored", Integer, nullable=False, default=0),
    Column("articles_skipped", Integer, nullable=False, default=0),
    Column("events_stored", Integer, nullable=False, default=0),
    Column("failures", Integer, nullable=False, default=0),
    Column("message", Text),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True),  # insertion order
    Column("article_id", String(), nullable=False, unique=True),  # Article.id / doc_id
    Column("content_hash", String(), nullable=False, unique=True),
    Column("source", Text),  # file path or URL it was read from
    Column("source_kind", String()),
    Column("url", Text),
    Column("title", Text),
    Column("published", String()),  # publication date YYYY-MM-DD
    Column("author", Text),
    Column("sitename", Text),
    Column("language", String()),
    Column("duplicate_of", String()),  # article_id of the first copy seen
    Column("text", Text, nullable=False),
    Column("n_chars", Integer, nullable=False),
    Column("n_events", Integer, nullable=False),
    Column("coder_version", String(), nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("ingested_at", String(), nullable=False),
)
Index("ix_articles_published", articles.c.published)
Index("ix_articles_duplicate_of", articles.c.duplicate_of)

# Only the sentences that are evidence for at least one event.
sentences = Table(
    "sentences",
    metadata,
    Column("article_id", String(), ForeignKey("articles.article_id"), primary_key=True),
    Column("sentence_index", Integer, primary_key=True, autoincrement=False),
    Column("text", Text, nullable=False),
    Column("start_offset", Integer, nullable=False),
    Column("end_offset", Integer, nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),  # numeric id (GDELT's GLOBALEVENTID)
    Column("event_id", String(), nullable=False, unique=True),  # "<article_id>:<n>"
    Column("article_id", String(), ForeignKey("articles.article_id"), nullable=False),
    Column("sentence_index", Integer, nullable=False),
    Column("date", String()),
    Column("source_text", Text, nullable=False),
    Column("source_code", String(), nullable=False),
    Column("source_country", String()),
    Column("source_sector", String()),
    Column("target_text", Text, nullable=False),
    Column("target_code", String(), nullable=False),
    Column("target_country", String()),
    Column("target_sector", String()),
    Column("cameo", String(), nullable=False),
    Column("cameo_root", String(), nullable=False),
    Column("plover", String()),
    Column("mode", String()),
    Column("contexts", Text, nullable=False),  # JSON list of strings
    Column("goldstein", Float, nullable=False),
    Column("quad_class", Integer, nullable=False),
    Column("negated", Boolean, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("trigger", Text, nullable=False),
    Column("start_offset", Integer, nullable=False),
    Column("end_offset", Integer, nullable=False),
    Column("extra", Text),  # JSON object of coder extras, if any
    Column("coder_version", String(), nullable=False),
)
Index("ix_events_article", events.c.article_id)
Index("ix_events_date", events.c.date)
Index("ix_events_dyad", events.c.source_country, events.c.target_country)
Index("ix_events_codes", events.c.source_code, events.c.target_code)
Index("ix_events_plover", events.c.plover)

# Every distinct actor mention (code + text as written), with when and how often.
actors = Table(
    "actors",
    metadata,
    Column("code", String(), primary_key=True),
    Column("text", String(), primary_key=True),
    Column("country", String()),
    Column("sector", String()),
    Column("first_date", String()),
    Column("last_date", String()),
    Column("n_events", Integer, nullable=False),
)

# Anything that could not be read, coded or stored: nothing fails silently.
failures = Table(
    "failures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", Text, nullable=False),
    Column("stage", String(), nullable=False),  # extract, code, store
    Column("reason", Text, nullable=False),
    Column("first_seen", String(), nullable=False),
    Column("last_seen", String(), nullable=False),
    Column("occurrences", Integer, nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id")),  # last run that saw it
    Column("key", String(), nullable=False),  # hash of (source, stage, reason)
    UniqueConstraint("key", name="uq_failures_key"),
)

TABLES = ("schema_migrations", "runs", "articles", "sentences", "events", "actors", "failures")
