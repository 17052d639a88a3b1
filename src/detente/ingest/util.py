"""Small shared helpers: content ids, date normalisation, text decoding."""

from __future__ import annotations

import email.utils
import hashlib
import re
from datetime import date, datetime, timezone

from detente.ingest.text import parse_date_line

__all__ = ["IngestError", "content_id", "decode_text", "normalize_date"]

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:\d{6})?\s*$")


class IngestError(Exception):
    """A source cannot be read; the message is shown to the user with its name."""


def content_id(text: str) -> str:
    """Stable 16-hex-digit id of a cleaned text: same text, same id, on any machine."""
    normalized = " ".join(text.split())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:16]


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def normalize_date(value: object) -> str | None:
    """"YYYY-MM-DD" from the many ways tables and feeds write a publication date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = float(value) / (1000.0 if value > 1e11 else 1.0)
        try:
            return datetime.fromtimestamp(seconds, tz=timezone.utc).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if m := _ISO.match(text):
        return _valid(int(m[1]), int(m[2]), int(m[3]))
    if m := _COMPACT.match(text):
        return _valid(int(m[1]), int(m[2]), int(m[3]))
    if text.isdigit():
        return normalize_date(int(text))
    try:
        parsed = email.utils.parsedate_to_datetime(text)  # RSS: "Tue, 10 Jun 2003 04:00:00 GMT"
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return parsed.date().isoformat()
    return parse_date_line(text)


def decode_text(data: bytes, charset: str | None = None) -> str:
    """Decode bytes of unknown encoding: declared charset, UTF-8, then detection."""
    for encoding in (charset, "utf-8-sig"):
        if encoding:
            try:
                return data.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding:
            return data.decode(best.encoding, errors="replace")
    except ImportError:  # pragma: no cover - trafilatura depends on it
        pass
    return data.decode("cp1252", errors="replace")
