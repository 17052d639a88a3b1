"""The event store: articles, evidence sentences, events, actors, runs and failures.

One SQLite file by default (WAL mode), or PostgreSQL with the same schema::

    from detente import open_store
    store = open_store("detente.db")
    store.events(dyad=("USA", "CHN"), since="2023-01-01")  # a pandas DataFrame
"""

from detente.store.core import (
    ARTICLE_COLUMNS,
    DEFAULT_DB,
    EVENT_COLUMNS,
    Store,
    StoreError,
    content_hash,
    open_store,
    parse_db_url,
)
from detente.store.migrations import SCHEMA_VERSION

__all__ = ["ARTICLE_COLUMNS", "DEFAULT_DB", "EVENT_COLUMNS", "SCHEMA_VERSION", "Store",
           "StoreError", "content_hash", "open_store", "parse_db_url"]
