"""What runs in the coding processes: kept apart from the store so workers load no SQL.

Each worker builds one EventCoder (spaCy, lexicons, actor knowledge base)
when it starts and codes batches of documents sent by the single writer.
"""

from __future__ import annotations

import signal
from typing import Any

from detente.model import Document, Event

__all__ = ["CodedBatch", "code_batch", "init_coder", "set_coder"]

CodedBatch = list[tuple[list[Event] | None, str | None]]

_CODER: Any = None


def set_coder(coder: Any) -> None:
    """Use this coder in this process (the in-process pool, tests)."""
    global _CODER
    _CODER = coder


def init_coder(use_classifier: bool) -> None:
    """Pool initializer: build one EventCoder per process (loads spaCy once)."""
    from detente.events.coder import EventCoder

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    set_coder(EventCoder(use_classifier=use_classifier))


def code_batch(documents: list[Document]) -> CodedBatch:
    """Code a batch (batched parsing); on an error, code one by one to isolate it."""
    try:
        return [(events, None) for _doc, events in _CODER.code_documents(documents)]
    except Exception:  # noqa: BLE001 - fall back to find the document at fault
        out: CodedBatch = []
        for document in documents:
            try:
                out.append((_CODER.code_document(document), None))
            except Exception as exc:  # noqa: BLE001 - recorded as a failure
                out.append((None, f"coding failed: {type(exc).__name__}: {exc}"))
        return out
