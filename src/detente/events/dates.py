"""Event dates: the publication date moved by the sentence's own time expression.

News reports events relative to the day of publication ("on Sunday", "last
week", "in February"). We resolve the common forms so an event's date is the
day it happened, not the day it was reported. Anything we cannot read keeps
the publication date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
]  # fmt: skip
MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}

_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_PATTERNS = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("month_day", re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b", re.I)),
    ("day_month", re.compile(
        r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(\d{4}))?\b", re.I)),
    ("yesterday", re.compile(r"\byesterday\b", re.I)),
    ("today", re.compile(r"\b(?:today|tonight|this morning|this afternoon)\b", re.I)),
    ("last_week", re.compile(r"\blast week\b", re.I)),
    ("last_month", re.compile(r"\blast month\b", re.I)),
    ("weekday", re.compile(r"\b(?:last\s+|on\s+|this\s+)?(" + "|".join(WEEKDAYS) + r")\b", re.I)),
    ("in_month", re.compile(
        r"\b(?:in|since|during|early|late|mid-?)\s+" + _MONTH + r"(?:\s+(\d{4}))?\b", re.I)),
]  # fmt: skip


def _month_number(word: str) -> int:
    word = word.lower().rstrip(".")
    return MONTH_ABBR.get(word[:4] if word.startswith("sept") else word[:3], 0)


def parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _past_month(pub: date, month: int, year: int | None) -> tuple[int, int]:
    """The month in question: this year's, or last year's if it lies after publication."""
    if year:
        return year, month
    return (pub.year - 1, month) if month > pub.month else (pub.year, month)


def resolve(expression: str, published: str | None) -> str | None:
    """The ISO date a time expression points to, relative to the publication date."""
    pub = parse_iso(published)
    text = expression.strip()
    for kind, pattern in _PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        if kind == "iso":
            found = _safe_date(int(match[1]), int(match[2]), int(match[3]))
            return found.isoformat() if found else None
        if pub is None:
            continue
        result: date | None = None
        if kind == "month_day":
            year, month = _past_month(pub, _month_number(match[1]), int(match[3] or 0) or None)
            result = _safe_date(year, month, int(match[2]))
        elif kind == "day_month":
            year, month = _past_month(pub, _month_number(match[2]), int(match[3] or 0) or None)
            result = _safe_date(year, month, int(match[1]))
        elif kind == "yesterday":
            result = pub - timedelta(days=1)
        elif kind == "today":
            result = pub
        elif kind == "last_week":
            result = pub - timedelta(days=7)
        elif kind == "last_month":
            first = pub.replace(day=1) - timedelta(days=1)
            result = first.replace(day=1)
        elif kind == "weekday":
            target = WEEKDAYS.index(match[1].lower())
            back = (pub.weekday() - target) % 7
            if match.group(0).lower().startswith("last") and back == 0:
                back = 7
            result = pub - timedelta(days=back)
        elif kind == "in_month":
            year, month = _past_month(pub, _month_number(match[1]), int(match[2] or 0) or None)
            result = _safe_date(year, month, 1)
        if result is not None and result <= pub:
            return result.isoformat()
        if result is not None and (result - pub).days <= 31:
            return result.isoformat()  # announced for the near future ("on March 3")
    return None
