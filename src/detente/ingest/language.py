"""Language identification with py3langid (its model ships inside the wheel).

The event coder reads English only, so other languages are skipped; but only
when the identifier is sure: short or mixed snippets are kept, because a wrong
skip silently loses an article, while a wrong keep only costs coder time.
"""

from __future__ import annotations

import threading

__all__ = ["MIN_CHARS", "MIN_CONFIDENCE", "detect_language", "is_unwanted_language"]

MIN_CHARS = 60  # below this, identification is too unreliable to skip on
MIN_CONFIDENCE = 0.9  # normalised probability needed to skip a document
MIN_REPORTED = 0.5  # below this the language is reported as unknown (None)
SAMPLE_CHARS = 400  # the opening of an article is enough to tell its language

_identifier = None
_lock = threading.Lock()


def _get_identifier():  # noqa: ANN202 - py3langid has no type hints
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def detect_language(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code and probability for `text`; the code is None when unsure."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample[:400]) < MIN_CHARS // 2:
        return None, 0.0
    lang, prob = _get_identifier().classify(sample)
    return (lang if prob >= MIN_REPORTED else None), float(prob)


def is_unwanted_language(
    lang: str | None, prob: float, text: str, languages: tuple[str, ...] | None
) -> bool:
    """True when `text` is confidently in a language outside `languages`."""
    if not languages or lang is None or lang in languages:
        return False
    return prob >= MIN_CONFIDENCE and len(text) >= MIN_CHARS
