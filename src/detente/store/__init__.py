"""The event store: articles, evidence sentences, events, actors, runs and failures.

One SQLite file by default (WAL mode), or PostgreSQL with the same schema::

    from detente import open_store
    store = open_store("detente.db")
    store.events(dyad=("USA", "CHN"), since="2023-01-01")  # a pandas DataFrame

SQLAlchemy is imported on first use, not by `import detente`, so that the CLI
and the coding workers start fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from detente.store.base import (
    ARTICLE_COLUMNS,
    DEFAULT_DB,
    EVENT_COLUMNS,
    EXPORT_FORMATS,
    StoreError,
)

if TYPE_CHECKING:
    from detente.store.core import Store, content_hash, parse_db_url
    from detente.store.migrations import SCHEMA_VERSION

__all__ = ["ARTICLE_COLUMNS", "DEFAULT_DB", "EVENT_COLUMNS", "EXPORT_FORMATS", "SCHEMA_VERSION",
           "Store", "StoreError", "content_hash", "open_store", "parse_db_url"]

_LAZY = {"Store": "core", "content_hash": "core", "parse_db_url": "core",
         "SCHEMA_VERSION": "migrations"}


def open_store(url: str = DEFAULT_DB, *, create: bool = False) -> Store:
    """Open a store: a SQLite path (or `sqlite:///path`, `:memory:`) or a `postgresql://` URL.

    create=False (for readers) refuses a SQLite path that does not exist, so a
    typo is an error rather than a new empty database; create=True makes the
    file or tables and upgrades an older schema.
    """
    from detente.store.core import Store

    return Store(url, create=create)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"detente.store.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'detente.store' has no attribute {name!r}")
