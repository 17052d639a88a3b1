"""The actor knowledge base: countries, organisations, sector words, people.

Everything here is plain data loaded from files in ``actors/data`` (or files a
user supplies), checked on the way in. A user-written people file with a
mistake must fail with a message that names the file and the entry, never
with a bare KeyError from deep inside the resolver.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from detente.model import Actor
from detente.yamlio import load_yaml

DATA_DIR = Path(__file__).resolve().parent / "data"

# Sector codes an actor may carry (CAMEO primary/secondary roles plus the
# PLOVER additions); checked so that a typo in a data file is caught early.
SECTORS = frozenset(
    "GOV MIL COP SPY JUD LEG OPP REB PRM CVL BUS MED REF EDU HLH LAB AGR REL NGO IGO ELI PTY "
    "SOC CRM UAF MNC IMG PRE".split()
)
_ISO3 = re.compile(r"^[A-Z]{3}$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_PERSON_FIELDS = frozenset("name aliases country roles sector note notes wikidata".split())


class ActorDataError(ValueError):
    """A data file (countries, organisations, agents, people) is malformed."""


@dataclass(frozen=True)
class Country:
    """One country or territory row of countries.csv."""

    iso3: str
    name: str
    un: str  # "member", "observer" or ""
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    capitals: tuple[str, ...]
    metonyms: tuple[tuple[str, str], ...]  # (name, sector): ("Pentagon", "MIL")


@dataclass(frozen=True)
class Period:
    """A date range in which an organisation has another sector or code."""

    start: str | None
    end: str | None
    sector: str | None = None
    code: str | None = None


@dataclass(frozen=True)
class Organization:
    """An organisation: an IGO, NGO, armed group, state organ or news outlet."""

    name: str
    names: tuple[str, ...]
    code: str | None
    country: str | None
    sector: str | None
    periods: tuple[Period, ...] = ()
    metonyms: tuple[str, ...] = ()
    national: str | None = None

    def actor(self, text: str, date: str) -> Actor:
        """The actor this organisation is on a date (periods can change it)."""
        sector, code = self.sector, self.code
        for period in self.periods:
            if in_range(date, period.start, period.end):
                sector = period.sector or sector
                code = period.code or code
                break
        if code is None:
            code = (self.country or "") + (sector or "")
        return Actor(text, code, self.country, sector)


@dataclass(frozen=True)
class Role:
    """One office a person held, with its tenure."""

    title: str | None
    sector: str | None
    org: str | None
    country: str | None
    start: str | None
    end: str | None  # exclusive; None = still in office


@dataclass(frozen=True)
class Person:
    """A named person and the offices that decide how they code on a date."""

    name: str
    aliases: tuple[str, ...]
    country: str | None
    roles: tuple[Role, ...]
    sector: str | None = None  # sector when holding no role; None means ELI
    source: str = ""  # "file.yaml: entry 3", for messages

    def active_role(self, date: str) -> Role | None:
        """The first listed role held on the date, if any."""
        for role in self.roles:
            if in_range(date, role.start, role.end):
                return role
        return None


@dataclass
class AgentTable:
    """Sector words from agents.yaml, keyed by surface phrase."""

    nouns: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    generic: dict[str, str] = field(default_factory=dict)
    former: tuple[str, ...] = ()
    non_actors: tuple[str, ...] = ()
    # Nouns for a country's people beyond "adjective + s" ("Turks", "Poles"), by ISO3.
    demonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Country adjectives that make no noun for people by adding "s" ("Soviet").
    not_demonyms: tuple[str, ...] = ()
    # Sector words whose "in X" names where they are, not whose they are ("diplomats").
    located_abroad: tuple[str, ...] = ()
    # Words that mark a group as foreign where it is ("foreign troops in Iraq").
    foreign_markers: tuple[str, ...] = ()
    source: str = "agents.yaml"  # the file, for messages


def in_range(date: str, start: str | None, end: str | None) -> bool:
    """Whether an ISO date lies in [start, end); open ends are unbounded."""
    return (start is None or start <= date) and (end is None or date < end)


def split_field(value: str | None) -> tuple[str, ...]:
    """Split a |-separated CSV cell into its non-empty parts."""
    return tuple(p.strip() for p in (value or "").split("|") if p.strip())


def load_countries(path: Path) -> list[Country]:
    """Read countries.csv (see scripts/build_countries.py for its columns)."""
    out: list[Country] = []
    for where, row in _csv_rows(path):
        iso3 = row.get("iso3", "")
        if not _ISO3.match(iso3) or not row.get("name"):
            raise ActorDataError(f"{where}: needs an ISO3 code and a name, got {row!r}")
        metonyms = []
        for item in split_field(row.get("metonyms")):
            name, _, sector = item.partition(":")
            sector = sector.strip() or "GOV"
            if sector not in SECTORS:
                raise ActorDataError(f"{where}: unknown sector {sector!r} in metonym {item!r}")
            metonyms.append((name.strip(), sector))
        out.append(
            Country(
                iso3=iso3,
                name=row["name"],
                un=row.get("un", ""),
                aliases=split_field(row.get("aliases")),
                adjectives=split_field(row.get("adjectives")),
                capitals=split_field(row.get("capitals")),
                metonyms=tuple(metonyms),
            )
        )
    return out


def _csv_rows(path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """A data CSV's rows, values stripped, each with "file: line N" for messages."""
    with Path(path).open(newline="", encoding="utf-8") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            yield f"{path}: line {line}", {k: (v or "").strip() for k, v in row.items() if k}


@dataclass(frozen=True)
class Place:
    """One row of places.csv: a city or first-level region and its country."""

    name: str
    iso3: str
    kind: str  # "city" or "region"
    population: int | None


def load_places(path: Path, countries: set[str] | None = None) -> list[Place]:
    """Read places.csv (built by scripts/build_places.py from GeoNames)."""
    out: list[Place] = []
    for where, row in _csv_rows(path):
        name, iso3 = row.get("name", ""), row.get("iso3", "")
        kind, pop = row.get("kind", ""), row.get("population", "")
        if not name or not _ISO3.match(iso3) or kind not in ("city", "region"):
            raise ActorDataError(f"{where}: needs a name, an ISO3 code and a kind, got {row!r}")
        if countries is not None and iso3 not in countries:
            raise ActorDataError(f"{where}: unknown country code {iso3!r}")
        if pop and not pop.isdigit():
            raise ActorDataError(f"{where}: population must be a whole number, got {pop!r}")
        out.append(Place(name, iso3, kind, int(pop) if pop else None))
    return out


def load_successions(path: Path, countries: set[str] | None = None) -> dict[str, tuple[str, str]]:
    """Read successions.csv: states that were part of another until a date, as
    {iso3: (part_of, until)}. Towns and capitals of such a state code as the state
    they belonged to in documents dated before it ("Juba" in 2005 is in Sudan)."""
    out: dict[str, tuple[str, str]] = {}
    for where, row in _csv_rows(path):
        iso3, part_of, until = row.get("iso3", ""), row.get("part_of", ""), row.get("until", "")
        if not (_ISO3.match(iso3) and _ISO3.match(part_of) and _DATE.match(until)):
            raise ActorDataError(
                f"{where}: needs iso3, part_of (ISO3 codes) and until (YYYY-MM-DD), got {row!r}")
        if countries is not None and not {iso3, part_of} <= countries:
            raise ActorDataError(f"{where}: unknown country code in {row!r}")
        out[iso3] = (part_of, until)
    return out


def load_former_names(path: Path, countries: set[str] | None = None) -> list[tuple[str, str, str]]:
    """Read former_names.csv: (name, the country it meant, until when) for names that
    changed hands ("Congo" meant the Republic of the Congo until Zaire took the name)."""
    out: list[tuple[str, str, str]] = []
    for where, row in _csv_rows(path):
        name, meant, until = row.get("name", ""), row.get("meant", ""), row.get("until", "")
        if not (name and _ISO3.match(meant) and _DATE.match(until)):
            raise ActorDataError(
                f"{where}: needs name, meant (an ISO3 code) and until (YYYY-MM-DD), got {row!r}")
        if countries is not None and meant not in countries:
            raise ActorDataError(f"{where}: unknown country code {meant!r}")
        out.append((name, meant, until))
    return out


def _read_yaml(path: Path) -> Any:
    try:
        return load_yaml(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ActorDataError(f"{path}: not valid YAML: {exc}") from exc


def _str_list(value: Any, where: str, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ActorDataError(f"{where}: {what!r} must be a list of names, got {value!r}")
    return tuple(v.strip() for v in value)


def _sector(value: Any, where: str, required: bool = False) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str) or value.strip().upper() not in SECTORS:
        raise ActorDataError(
            f"{where}: 'sector' must be one of {', '.join(sorted(SECTORS))}, got {value!r}"
        )
    return value.strip().upper()


def _country(value: Any, where: str, known: set[str] | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _ISO3.match(value.strip().upper()):
        raise ActorDataError(f"{where}: 'country' must be an ISO 3166 alpha-3 code, got {value!r}")
    code = value.strip().upper()
    if known is not None and code not in known:
        raise ActorDataError(f"{where}: unknown country code {code!r} (not in countries.csv)")
    return code


def parse_date(value: Any, where: str, what: str) -> str | None:
    """An ISO date string from YAML (date, datetime, "2021", "2021-01-26" or null)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and 1000 <= value <= 9999:
        value = str(value)
    if isinstance(value, str) and _DATE.match(value.strip()):
        text = value.strip()
        return text + {4: "-01-01", 7: "-01", 10: ""}[len(text)]
    raise ActorDataError(f"{where}: {what!r} must be a date like 2021-01-26 or null, got {value!r}")


def load_organizations(path: Path, countries: set[str] | None = None) -> list[Organization]:
    """Read organizations.yaml, checking each entry."""
    data = _read_yaml(path) or []
    if not isinstance(data, list):
        raise ActorDataError(f"{path}: expected a list of organisations")
    out = []
    for n, entry in enumerate(data, start=1):
        where = f"{path}: entry {n}"
        if not isinstance(entry, dict):
            raise ActorDataError(f"{where}: expected a mapping, got {entry!r}")
        names = _str_list(entry.get("names"), where, "names")
        if not names:
            raise ActorDataError(f"{where}: needs at least one name")
        where = f"{path}: entry {n} ({names[0]!r})"
        country = _country(entry.get("country"), where, countries)
        sector = _sector(entry.get("sector"), where, required=True)
        code = entry.get("code")
        if code is not None and not isinstance(code, str):
            raise ActorDataError(f"{where}: 'code' must be a string, got {code!r}")
        if code is None and country is None:
            raise ActorDataError(f"{where}: needs a 'code' or a 'country'")
        periods = []
        for k, p in enumerate(entry.get("periods") or [], start=1):
            pw = f"{where}: period {k}"
            if not isinstance(p, dict):
                raise ActorDataError(f"{pw}: expected a mapping, got {p!r}")
            periods.append(
                Period(
                    start=parse_date(p.get("start"), pw, "start"),
                    end=parse_date(p.get("end"), pw, "end"),
                    sector=_sector(p.get("sector"), pw),
                    code=p.get("code"),
                )
            )
        out.append(
            Organization(
                name=names[0],
                names=names,
                code=code.strip() if code else None,
                country=country,
                sector=sector,
                periods=tuple(periods),
                metonyms=_str_list(entry.get("metonyms"), where, "metonyms"),
                national=_sector(entry.get("national"), where),
            )
        )
    return out


def pluralize(phrase: str) -> str:
    """English plural of a title ("chief of staff" -> "chiefs of staff")."""
    words = phrase.split(" ")
    k = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    w = words[k]
    if w.endswith("man"):
        w = w[:-3] + "men"
    elif w.endswith("person"):
        w = w[:-6] + "people"
    elif w.endswith("y") and len(w) > 1 and w[-2] not in "aeiou":
        w = w[:-1] + "ies"
    elif w.endswith(("s", "x", "ch", "sh")):
        w = w + "es"
    else:
        w = w + "s"
    words[k] = w
    return " ".join(words)


# Country adjectives with these endings are not nouns for people ("the Chinese",
# "the British", "the Swiss" name a nation or its government, and they take no
# "s"); "Icelandic" and "Hellenic" only qualify.
_NO_PLURAL_ENDINGS = ("ese", "sh", "tch", "nch", "ss", "s", "x", "z", "ic")


def demonym_plural(adjective: str) -> str | None:
    """The plural people noun of a country adjective ("Iraqi" -> "Iraqis"), if it has one."""
    word = adjective.strip()
    if not word[:1].isupper() or word.lower().endswith(_NO_PLURAL_ENDINGS):
        return None
    return word + "s"


def load_agents(path: Path) -> AgentTable:
    """Read agents.yaml: sector nouns, titles (plurals added), generic words, demonyms."""
    data = _read_yaml(path) or {}
    if not isinstance(data, dict):
        raise ActorDataError(f"{path}: expected a mapping with nouns/titles/generic")
    table = AgentTable(source=str(path))
    for section in ("nouns", "titles", "generic"):
        target: dict[str, str] = getattr(table, section)
        for sector, words in (data.get(section) or {}).items():
            where = f"{path}: {section}.{sector}"
            sector = _sector(sector, where, required=True)
            for word in _str_list(words, where, "words"):
                target[word] = sector
                if section == "titles":
                    target.setdefault(pluralize(word), sector)
    table.former = _str_list(data.get("former"), str(path), "former")
    table.non_actors = _str_list(data.get("non_actors"), str(path), "non_actors")
    demonyms = data.get("demonyms") or {}
    if not isinstance(demonyms, dict):
        raise ActorDataError(f"{path}: 'demonyms' must map ISO3 codes to lists of nouns")
    for iso3, words in demonyms.items():
        where = f"{path}: demonyms.{iso3}"
        if not isinstance(iso3, str) or not _ISO3.match(iso3):
            raise ActorDataError(f"{where}: keys must be ISO 3166 alpha-3 codes, got {iso3!r}")
        table.demonyms[iso3] = _str_list(words, where, "nouns")
    table.not_demonyms = _str_list(data.get("not_demonyms"), str(path), "not_demonyms")
    table.located_abroad = _str_list(data.get("located_abroad"), str(path), "located_abroad")
    table.foreign_markers = _str_list(data.get("foreign_markers"), str(path), "foreign_markers")
    return table


def load_people(path: Path, countries: set[str] | None = None) -> list[Person]:
    """Read one people YAML file; every problem names the file and the entry."""
    path = Path(path)
    data = _read_yaml(path)
    if data is None:
        return []
    if not isinstance(data, list):
        raise ActorDataError(
            f"{path}: expected a list of people (- name: ...), got {type(data).__name__}"
        )
    return [_person(e, f"{path}: entry {n}", countries) for n, e in enumerate(data, start=1)]


def _person(entry: Any, where: str, countries: set[str] | None) -> Person:
    if not isinstance(entry, dict):
        raise ActorDataError(f"{where}: expected a mapping with 'name' and 'roles', got {entry!r}")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ActorDataError(f"{where}: missing 'name'")
    name = name.strip()
    where = f"{where} ({name!r})"
    unknown = set(entry) - _PERSON_FIELDS
    if unknown:
        raise ActorDataError(
            f"{where}: unknown field(s) {', '.join(sorted(map(str, unknown)))}; "
            f"expected {', '.join(sorted(_PERSON_FIELDS))}"
        )
    country = _country(entry.get("country"), where, countries)
    roles_data = entry.get("roles") or []
    if not isinstance(roles_data, list):
        raise ActorDataError(f"{where}: 'roles' must be a list, got {roles_data!r}")
    roles = []
    for k, r in enumerate(roles_data, start=1):
        rw = f"{where}: role {k}"
        if not isinstance(r, dict):
            raise ActorDataError(f"{rw}: expected a mapping {{title, sector, start}}, got {r!r}")
        org = r.get("org")
        if org is not None and (not isinstance(org, str) or not org.strip()):
            raise ActorDataError(f"{rw}: 'org' must be an organisation code or name, got {org!r}")
        if r.get("sector") is None and org is None:
            raise ActorDataError(f"{rw}: missing 'sector' (or 'org')")
        role_country = _country(r.get("country"), rw, countries)
        if org is None and role_country is None and country is None:
            raise ActorDataError(f"{rw}: no 'country' for this role or its person")
        title = r.get("title")
        role = Role(
            title=str(title) if title is not None else None,
            sector=_sector(r.get("sector"), rw),
            org=org.strip() if org else None,
            country=role_country,
            start=parse_date(r.get("start"), rw, "start"),
            end=parse_date(r.get("end"), rw, "end"),
        )
        if role.start and role.end and role.end < role.start:
            raise ActorDataError(f"{rw}: 'end' {role.end} is before 'start' {role.start}")
        roles.append(role)
    return Person(
        name=name,
        aliases=_str_list(entry.get("aliases"), where, "aliases"),
        country=country,
        roles=tuple(roles),
        sector=_sector(entry.get("sector"), where),
        source=where,
    )


def package_people_files() -> list[Path]:
    """Every people*.yaml shipped in actors/data, in a stable order."""
    return sorted(DATA_DIR.glob("people*.yaml"))
