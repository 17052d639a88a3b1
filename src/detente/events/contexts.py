"""Contexts (issues) in text: a keyword lexicon compiled into one regular expression.

The lexicon is data (``data/contexts.yaml``): each context has keywords and may
imply broader contexts (``taiwan`` implies ``territory``). One compiled
alternation scans a sentence once, so finding contexts costs microseconds.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from detente.yamlio import read_yaml_file

DEFAULT_PATH = Path(__file__).parent / "data" / "contexts.yaml"


class ContextLexicon:
    """Keywords -> context ids, with implied contexts closed transitively."""

    def __init__(self, keywords: dict[str, set[str]], implies: dict[str, list[str]]) -> None:
        self._contexts: dict[str, tuple[str, ...]] = {}
        for keyword, ids in keywords.items():
            closed: set[str] = set()
            stack = list(ids)
            while stack:
                context = stack.pop()
                if context not in closed:
                    closed.add(context)
                    stack.extend(implies.get(context, []))
            self._contexts[keyword] = tuple(sorted(closed))
        alternation = "|".join(re.escape(k) for k in sorted(keywords, key=len, reverse=True))
        self._regex = re.compile(rf"(?<![\w-])({alternation})(?:s|es)?(?![\w-])", re.IGNORECASE)

    @classmethod
    def default(cls) -> ContextLexicon:
        return _default()

    @classmethod
    def from_file(cls, path: str | Path) -> ContextLexicon:
        """Load a context lexicon; a malformed entry raises ValueError naming file and entry."""
        path = Path(path)
        data = read_yaml_file(path, "context lexicon")
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected a mapping of context id -> entry")
        keywords: dict[str, set[str]] = {}
        implies: dict[str, list[str]] = {}
        for context, entry in data.items():
            where = f"{path}: context {context!r}"
            if not isinstance(entry, dict) or not isinstance(entry.get("keywords"), list):
                raise ValueError(f"{where}: expected a mapping with a 'keywords' list")
            implied = entry.get("implies", [])
            if not isinstance(implied, list):
                raise ValueError(f"{where}: 'implies' must be a list of context ids")
            unknown = [c for c in implied if c not in data]
            if unknown:
                raise ValueError(f"{where}: implies unknown context(s) {unknown}")
            implies[context] = implied
            for keyword in entry["keywords"]:
                if not isinstance(keyword, str) or not keyword.strip():
                    raise ValueError(f"{where}: keyword {keyword!r} is not a non-empty string")
                keywords.setdefault(keyword.strip().lower(), set()).add(context)
        return cls(keywords, implies)

    def find_spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, context) for every keyword hit, implied contexts included."""
        spans = []
        for match in self._regex.finditer(text):
            for context in self._contexts[match.group(1).lower()]:
                spans.append((match.start(), match.end(), context))
        return spans

    def find(self, text: str) -> list[str]:
        """The contexts a text is about, sorted and deduplicated."""
        found: set[str] = set()
        for match in self._regex.finditer(text):
            found.update(self._contexts[match.group(1).lower()])
        return sorted(found)


@lru_cache(maxsize=1)
def _default() -> ContextLexicon:
    return ContextLexicon.from_file(DEFAULT_PATH)
