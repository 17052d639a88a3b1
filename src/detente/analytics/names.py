"""Country and organisation names for readable text, and checking user-given codes.

Names come from the actor knowledge base (countries.csv, organizations.yaml),
so the brief calls a country what the coder recognised it by.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from detente.actors.kb import DATA_DIR, load_countries, load_organizations

# Names that read with "the" inside a sentence ("talks with the Philippines").
_THE_SUFFIXES = ("Islands", "Republic", "Emirates", "Philippines", "Netherlands", "Bahamas",
                 "Maldives", "Comoros", "Seychelles", "Kingdom", "States", "Gambia")
_THE_PREFIXES = ("United ", "Republic ", "Holy See", "State of")

# Sector -> a phrase for an actor that the text only names by its country.
_SECTOR_PHRASES = {
    "MIL": "the {adj} military", "LEG": "{adj} lawmakers", "COP": "{adj} police",
    "JUD": "{adj} courts", "MED": "{adj} media", "BUS": "{adj} businesses",
    "OPP": "the {adj} opposition", "REB": "{adj} rebels", "CVL": "{adj} civilians",
    "NGO": "{adj} non-governmental groups", "SPY": "{adj} intelligence services",
    "LAB": "{adj} unions", "EDU": "{adj} universities", "REF": "{adj} refugees",
}  # fmt: skip

# Words that make an actor text a title or a generic description, not a name.
TITLE_WORDS = frozenset("""
president vice prime minister ministers secretary state foreign defence defense affairs
chief top leader leaders spokesperson spokesman spokeswoman ambassador envoy official
officials diplomat diplomats government administration ministry department deputy premier
chancellor king queen prince crown mr mrs ms dr general gen adm admiral commander senator
representative speaker mayor governor director head national security adviser advisor
council army navy air force forces military coast guard embassy the of and for a an its
their his her two sides both side country countries nation nations leadership party
communist people's republic federal central commerce trade treasury finance
""".split())


@dataclass(frozen=True)
class Place:
    """What analytics needs to know about one actor key: its names."""

    code: str
    name: str
    adjective: str
    words: frozenset[str]  # lower-cased names, aliases, adjectives, capitals, metonyms


class UnknownActorError(ValueError):
    """A country or organisation code nobody knows; the message suggests close ones."""


@lru_cache(maxsize=1)
def places() -> dict[str, Place]:
    """Every country (ISO3) and organisation code with its names."""
    table: dict[str, Place] = {}
    countries = load_countries(DATA_DIR / "countries.csv")
    for c in countries:
        words = {c.name, *c.aliases, *c.adjectives, *c.capitals, *(m for m, _ in c.metonyms)}
        table[c.iso3] = Place(
            code=c.iso3, name=c.name, adjective=(c.adjectives or (c.name,))[0],
            words=frozenset(w.lower() for w in words),
        )  # fmt: skip
    try:
        orgs = load_organizations(DATA_DIR / "organizations.yaml", {c.iso3 for c in countries})
    except Exception:  # a half-edited data file must not break briefs
        orgs = []
    for org in orgs:
        if org.code and org.code not in table:
            table[org.code] = Place(
                code=org.code, name=org.name, adjective=org.name,
                words=frozenset(n.lower() for n in (*org.names, *org.metonyms)),
            )  # fmt: skip
    return table


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    """Lower-case tokens of every place name: they say where, not who."""
    out: set[str] = set(TITLE_WORDS)
    for place in places().values():
        for word in place.words:
            out.update(re.findall(r"[a-z0-9]+", word))
    return frozenset(out)


def name_words(text: str | None) -> frozenset[str]:
    """Capitalised words of an actor mention that are names, not titles or places."""
    generic = generic_words()
    words = re.findall(r"[A-Z][\w'-]*", text or "")
    return frozenset(w.lower() for w in words if w.lower() not in generic)


def plain_name(code: str | None) -> str:
    """The name of a country or organisation code ("United States"), or the code."""
    if not code:
        return "unknown"
    place = places().get(code)
    return place.name if place else code


def name(code: str | None) -> str:
    """The name as it reads inside a sentence: "the United States", "China"."""
    text = plain_name(code)
    if text.endswith(_THE_SUFFIXES) or text.startswith(_THE_PREFIXES):
        return "the " + text
    return text


def adjective(code: str | None) -> str:
    place = places().get(code or "")
    return place.adjective if place else (code or "")


def sector_phrase(code: str | None, sector: str | None) -> str:
    """How to refer to an actor known only by its country and sector."""
    template = _SECTOR_PHRASES.get(sector or "")
    return template.format(adj=adjective(code)) if template else name(code)


def resolve(code: str, extra: set[str] | frozenset[str] = frozenset()) -> str:
    """A user-given code (or a country name) as the code the data uses.

    Raises UnknownActorError naming close matches, because "CHI" is more often a
    typo for CHN than a question about Chile.
    """
    text = (code or "").strip()
    table = places()
    upper = text.upper()
    if upper in table or upper in extra:
        return upper
    lowered = text.lower()
    for place in table.values():
        if lowered == place.name.lower() or lowered in place.words:
            return place.code
    raise UnknownActorError(
        f"unknown country code {text!r}" + _suggestion(text, set(table) | set(extra))
    )


def _suggestion(text: str, codes: set[str]) -> str:
    """Countries whose name starts with the text first, then codes and names that look alike."""
    table = places()
    names = {p.name.lower(): p.code for p in table.values()}
    found: list[str] = []
    if len(text) >= 2:
        found += [code for lowered, code in sorted(names.items())
                  if lowered.startswith(text.lower())]
    found += difflib.get_close_matches(text.upper(), sorted(codes), n=3, cutoff=0.6)
    found += [names[hit] for hit in
              difflib.get_close_matches(text.lower(), sorted(names), n=3, cutoff=0.6)]
    unique = list(dict.fromkeys(found))[:5]
    if not unique:
        return "; use ISO 3166 alpha-3 codes such as USA, CHN, RUS"
    listed = ", ".join(f"{c} ({plain_name(c)})" for c in unique)
    return f"; did you mean {listed}?"
