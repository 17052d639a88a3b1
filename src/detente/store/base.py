"""Names the store's users need without loading SQLAlchemy (the CLI parser, `import detente`)."""

from __future__ import annotations

__all__ = ["ARTICLE_COLUMNS", "DEFAULT_DB", "EVENT_COLUMNS", "EXPORT_FORMATS", "StoreError"]

DEFAULT_DB = "detente.db"
EXPORT_FORMATS = ("parquet", "csv", "gdelt", "plover-json")

# The public columns of Store.events(), in order. Others build on these: keep them stable.
EVENT_COLUMNS: tuple[str, ...] = (
    "event_id", "article_id", "sentence_index", "sentence", "date", "source_text",
    "source_code", "source_country", "source_sector", "target_text", "target_code",
    "target_country", "target_sector", "cameo", "cameo_root", "plover", "mode", "contexts",
    "goldstein", "quad_class", "negated", "confidence", "trigger", "start", "end", "title",
    "url", "sitename", "published", "duplicate_of",
)  # fmt: skip
ARTICLE_COLUMNS: tuple[str, ...] = (
    "article_id", "published", "title", "url", "sitename", "author", "language", "source",
    "source_kind", "duplicate_of", "n_chars", "n_events", "coder_version", "run_id",
    "ingested_at",
)  # fmt: skip


class StoreError(Exception):
    """A database problem explained in words; the CLI prints it and exits 1."""
