"""Plain data classes that flow between pipeline stages.

Every stage takes and returns these; none of them knows about spaCy, SQL or
the CLI, so they can cross process boundaries (pickling) and serialise to the
JSON event record of DESIGN.md unchanged.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Document:
    """One piece of text to code: an article body with its metadata."""

    id: str
    text: str
    date: str | None = None  # ISO date of publication, "YYYY-MM-DD"
    title: str | None = None
    url: str | None = None


@dataclass
class Article:
    """A cleaned article as produced by ingestion (`detente extract`)."""

    id: str  # stable content hash of the cleaned text
    text: str
    path: str | None = None  # file path or URL it came from
    url: str | None = None
    title: str | None = None
    date: str | None = None
    author: str | None = None
    sitename: str | None = None
    language: str | None = None
    duplicate_of: str | None = None
    source_kind: str | None = None  # html, text, warc, feed, jsonl, csv, parquet, url

    def to_document(self) -> Document:
        return Document(id=self.id, text=self.text, date=self.date, title=self.title, url=self.url)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Actor:
    """A resolved actor: the mention text and its CAMEO-style code."""

    text: str
    code: str  # e.g. "USAGOV", "CHN", "NATO"
    country: str | None  # ISO 3166 alpha-3, None for IGOs without a country
    sector: str | None  # GOV, MIL, ... or None

    def to_dict(self) -> dict:
        return {
            "text": self.text, "code": self.code, "country": self.country, "sector": self.sector
        }


@dataclass(frozen=True)
class Evidence:
    trigger: str  # the words that triggered the event
    start: int  # character offsets of the evidence sentence in the document text
    end: int


@dataclass
class Event:
    """One coded event: the record every interface shares (DESIGN.md)."""

    doc_id: str
    sentence_index: int
    sentence: str
    date: str | None
    source: Actor
    target: Actor
    cameo: str
    cameo_root: str
    plover: str | None
    mode: str | None
    contexts: list[str]
    goldstein: float
    quad_class: int
    negated: bool
    confidence: float
    evidence: Evidence
    extra: dict = field(default_factory=dict, compare=False, repr=False)

    def to_dict(self) -> dict:
        return {
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "date": self.date,
            "source": self.source.to_dict(),
            "target": self.target.to_dict(),
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "plover": self.plover,
            "mode": self.mode,
            "contexts": list(self.contexts),
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "negated": self.negated,
            "confidence": round(self.confidence, 3),
            "evidence": {
                "trigger": self.evidence.trigger,
                "start": self.evidence.start,
                "end": self.evidence.end,
            },
        }
