"""detente: international news -> evidence-backed, actor-coded events.

Public API::

    from detente import code_text, code_documents
    events = code_text("Blinken met Qin Gang in Beijing.", date="2023-06-18")
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from detente.model import Actor, Article, Document, Event, Evidence
from detente.store import open_store

if TYPE_CHECKING:
    from detente.events.coder import EventCoder

__version__ = "0.1.0"
__all__ = ["Actor", "Article", "Document", "Event", "Evidence", "code_documents", "code_text",
           "get_coder", "open_store"]


@lru_cache(maxsize=1)
def get_coder() -> EventCoder:
    """The process-wide coder (spaCy, lexicons, knowledge base loaded once)."""
    from detente.events.coder import EventCoder

    return EventCoder()


def code_text(text: str, date: str | None = None, doc_id: str = "text") -> list[Event]:
    """Code one text into events; `date` is its publication date (YYYY-MM-DD)."""
    return get_coder().code_document(Document(id=doc_id, text=text, date=date))


def code_documents(documents: Iterable[Document]) -> Iterator[tuple[Document, list[Event]]]:
    """Code many documents efficiently (batched parsing); yields (document, events)."""
    return get_coder().code_documents(documents)
