"""Schema versions and how a database moves between them.

Why not Alembic: the store has one small schema, written in Core, that must
upgrade itself when `detente ingest` opens an old file on a user's laptop,
with no `alembic.ini`, no migration folder to ship and no separate command to
remember. What is kept from Alembic's design is what matters:

- a new database is created from the current table definitions in one go and
  stamped with the newest version ("create_all, then stamp head");
- an existing database is upgraded by the numbered steps after its version,
  each a function of a Connection, all in the caller's transaction, so a
  failed upgrade leaves the old schema untouched (both SQLite and PostgreSQL
  have transactional DDL);
- a database whose version is newer than this code refuses to open rather
  than being written to by code that does not understand it;
- concurrent openers are serialised (PostgreSQL advisory lock; SQLite's
  write lock), so two ingests starting together cannot both create tables.

To change the schema: edit `schema.py`, add `Migration(N + 1, "...", fn)`
below, where `fn` brings a version-N database to the new shape (op by op, with
`conn.execute(text("ALTER TABLE ..."))` or Core), and add a test that opens a
version-N file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Connection, func, inspect, select, text

from detente.store.schema import TABLES, metadata, schema_migrations

# An arbitrary constant key for pg_advisory_xact_lock ("detente" in ASCII).
_PG_LOCK_KEY = 0x64_65_74_65_6E_74_65


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    upgrade: Callable[[Connection], None] | None  # None: nothing to do beyond create_all


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema: runs, articles, sentences, events, actors, failures", None),
)
SCHEMA_VERSION = MIGRATIONS[-1].version


class SchemaError(Exception):
    """The database's schema cannot be used by this version of detente."""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def current_version(conn: Connection) -> int | None:
    """The database's schema version; None for a database detente never touched."""
    if not inspect(conn).has_table("schema_migrations"):
        return None
    return conn.execute(select(func.max(schema_migrations.c.version))).scalar()


def check_version(conn: Connection) -> int:
    """The schema version, or SchemaError when this code cannot read the database."""
    version = current_version(conn)
    if version is None:
        present = set(inspect(conn).get_table_names())
        if "articles" in present or "events" in present:
            raise SchemaError(
                "the database has articles/events tables but no schema_migrations table: "
                "it was not made by detente"
            )
        raise SchemaError("the database is empty: nothing has been ingested into it yet")
    if version > SCHEMA_VERSION:
        raise SchemaError(
            f"the database has schema version {version}, newer than this detente "
            f"understands ({SCHEMA_VERSION}); upgrade detente (pip install -U detente) "
            f"to use it. Nothing was written."
        )
    return version


def upgrade(conn: Connection, detente_version: str) -> tuple[int | None, int]:
    """Create or upgrade the schema inside the caller's transaction.

    Returns (version before, version after); raises SchemaError (nothing
    written) for a database from a newer detente or with foreign tables in
    the way.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
    before = current_version(conn)
    if before is None:
        present = set(inspect(conn).get_table_names()) & set(TABLES)
        if present:
            raise SchemaError(
                f"the database already has table(s) {', '.join(sorted(present))} but no "
                "schema_migrations table: it was not made by detente; use another database"
            )
        metadata.create_all(conn)
        now = _now()
        conn.execute(
            schema_migrations.insert(),
            [{"version": m.version, "description": m.description,
              "detente_version": detente_version, "applied_at": now} for m in MIGRATIONS],
        )  # fmt: skip
        return None, SCHEMA_VERSION
    if before > SCHEMA_VERSION:
        check_version(conn)  # raises with the full explanation
    for migration in MIGRATIONS:
        if migration.version <= before:
            continue
        if migration.upgrade is not None:
            migration.upgrade(conn)
        conn.execute(
            schema_migrations.insert(),
            {"version": migration.version, "description": migration.description,
             "detente_version": detente_version, "applied_at": _now()},
        )  # fmt: skip
    return before, SCHEMA_VERSION
