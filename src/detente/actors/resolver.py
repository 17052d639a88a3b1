"""Actor resolution: from a noun phrase or a text to CAMEO-style actor codes.

The coder calls :meth:`ActorResolver.resolve` for every argument of every
event, so matching is a dictionary walk over token n-grams (no regex per
name, no model) and results are cached per (phrase, date).

How a phrase resolves, in order (each rule is a test in tests/test_actors.py):

1. A known person codes by the office held on the date: a government role as
   country + sector ("Blinken" in 2023 -> USAGOV), an organisation post as
   that organisation ("Stoltenberg" in 2020 -> NATO), no office as country +
   ELI (former officials and not-yet officials).
2. A named organisation codes as itself (IGOs, NGOs: NATO, UN, ICRC) or, with
   a home country, as that country's sector (Hamas -> PSEREB). The head noun
   group wins over a modifier country ("Iranian-backed Houthi rebels" ->
   YEMREB).
3. Otherwise a country (name, adjective, possessive, capital or seat of
   government) before the head gives the country, and the sector words give
   the sector ("Chinese troops" -> CHNMIL; "the Kremlin" -> RUSGOV). An "of"
   complement may supply the country ("the president of France"), and so may
   a "for/from" complement of a generic head ("a spokesperson for the
   Kremlin", "officials from the African Union"). A bare country codes with
   no sector ("China" -> CHN); a bare sector word ("the government") codes as
   nothing: the caller does the coreference.
4. A noun for a country's people codes as that country's civilians unless a
   sector word says otherwise: "Iraqis", "ethnic Turks", "an Iraqi" ->
   IRQCVL/TURCVL (every adjective + "s", plus agents.yaml ``demonyms``; a
   singular adjective after "a/an/the" that ends the head). It is the head, so
   it wins over an organisation after it ("Afghans fleeing the Taliban").
5. A head with sector words and no country of its own takes the country of
   where it is or comes from: "rebels in Ivory Coast" -> CIVREB, "militias in
   Tripoli" -> LBYREB (a city here is a place: its country, not GOV),
   "refugees from Syria" -> SYRREF (after in, inside, throughout, across,
   within, from; "fleeing" counts as "from"). Not for words that live abroad
   ("diplomats", "refugees", "peacekeepers", "aid workers in Darfur": agents.yaml
   ``located_abroad``, which "from" still codes), not for "foreign/coalition/
   Western ..." groups (``foreign_markers``) and not after a participle
   ("troops stationed in Iraq"). Any other complement supplies nothing ("the
   Chinese ambassador to the United States" -> CHNGOV, "the ambassador to
   Japan" -> None).

6. Only then a city or region from places.csv gives the country, with no
   sector of its own ("Kharkiv" -> UKR, "Karachi police" -> PAKCOP); in rule
   5's complement it is a location like a capital ("police in Karachi" ->
   PAKCOP). After "in/at/near" it is a place, not an actor.

A participle right after a sector or people noun ends the head like a
preposition ("troops fighting Hamas militants" -> the troops). Of two
organisations written together the second, inner one acts ("the UN World Food
Programme" -> WFP). Capitals and seats of government after "in/at/near" are
places, not actors, unless rule 5 uses them as a group's location.
A country fused to "-made/-backed/-based" or after "pro-/anti-" only modifies
the head and is dropped ("Chinese-made drones" -> None); "-led" and "-run"
keep it ("Saudi-led coalition" -> SAU).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from detente.actors.kb import (
    DATA_DIR,
    ActorDataError,
    AgentTable,
    Country,
    Organization,
    Person,
    Place,
    Role,
    demonym_plural,
    load_agents,
    load_countries,
    load_former_names,
    load_organizations,
    load_people,
    load_places,
    load_successions,
    package_people_files,
    pluralize,
)
from detente.actors.text import Token, normalize, tokenize
from detente.model import Actor

__all__ = ["ActorResolver", "Mention"]


@dataclass(frozen=True)
class Mention:
    """One actor mention in a text, with character offsets into that text.

    ``kind`` is "person", "country", "demonym" (a noun for a country's people:
    "Iraqis", "Turks"), "capital", "org", "agent" or "place" (a city or
    region from places.csv: its country, no sector). ``actor`` is
    what the span codes as on its own, or None: sector words alone, capitals
    used as places ("protesters in Beijing"), people the date cannot tell
    apart, and countries that only modify ("Chinese-made").
    """

    start: int
    end: int
    text: str
    kind: str
    actor: Actor | None


# Tie-break between entries for the same words: blockers first, then the most
# specific kind.
_PRIORITY = {
    "none": 0,
    "person": 1,
    "org": 2,
    "country": 3,
    "demonym": 4,
    "capital": 5,
    "agent": 6,
    "former": 7,
    "place": 8,  # cities and regions: the weakest evidence, any other reading wins
}
_ACTOR_KINDS = frozenset({"person", "org", "country", "demonym", "capital", "place"})
_PLACE_KINDS = frozenset({"country", "demonym", "capital"})
_ANY, _TITLE, _UPPER = 0, 1, 2

# Words that end the head of a noun phrase and open a complement.
_PREPOSITIONS = frozenset(
    "in at near to from with on over against between by for of into onto inside outside within "
    "across around through throughout toward towards during after before since about under amid "
    "amongst among behind beyond via without like than per upon who which that whose whom where "
    "when while said says".split()
)
# A capital after these is a place ("protesters in Beijing").
_LOCATIVE = frozenset(
    "in at near inside outside around across throughout within via into toward towards".split()
)
# Skipped when looking back from a capital for a locative preposition.
_PLACE_MODIFIERS = frozenset(
    "the central downtown northern southern eastern western north south east west suburban greater "
    "occupied besieged war-torn".split()
)
# A country or city in a complement opened by these tells where a group without
# a country of its own is from ("rebels in Ivory Coast", "refugees from Syria").
_ORIGIN = frozenset("in inside throughout across within from".split())
# Participles that say where a group comes from, like "from" ("refugees fleeing Syria").
_FROM_VERBS = frozenset("fleeing escaping".split())
# Participles that say where a group is at home: "militants based in Gaza".
_HOME_VERBS = frozenset("based headquartered".split())
# "-ing" words after a noun that do not end the noun phrase ("officials including").
_NOT_PARTICIPLES = frozenset("including".split())
# Nouns for the others a country deals with: "Ukraine's allies", "the neighbours of
# Russia", "US adversaries" are not Ukraine, Russia or the US.
RELATIONAL_NOUNS = frozenset(
    """ally allies neighbour neighbours neighbor neighbors rival rivals enemy enemies foe foes
    adversary adversaries partner partners backer backers creditor creditors""".split()
)
_RELATIONAL_ADJUNCT = RELATIONAL_NOUNS - {"partner", "partners", "backer", "backers"}
# A singular country adjective after these is a noun for a person ("a Palestinian").
_SINGULAR_DETERMINERS = frozenset("a an one another each every the".split())
# "the outskirts of Kyiv" is a place too.
_PLACE_NOUNS = frozenset("outskirts streets suburbs suburb centre center heart city".split())
# A country fused by a hyphen to one of these still acts ("Saudi-led coalition").
_KEEP_SUFFIXES = frozenset(
    """led run controlled ruled governed dominated installed
    flagged owned registered operated""".split()
)
# Country names that are also given names or surnames: "Michael Jordan", "Chad
# Wolf", "Israel Katz" are people, not countries, when a capitalised unknown
# word sits right next to them.
_NAME_LIKE_COUNTRIES = frozenset("jordan chad georgia israel india".split())
_MONTHS_AND_DAYS = frozenset(
    "january february march april may june july august september october november december monday "
    "tuesday wednesday thursday friday saturday sunday".split()
)


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: str
    ref: object
    classes: tuple[int, ...]
    exact: tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class _Match:
    kind: str
    ref: object
    i: int  # first token
    j: int  # one past the last token


def _case_class(surface: str) -> int:
    """How strictly a dictionary word's case must match: NATO > Chinese > of."""
    alpha = [c for c in surface if c.isalpha()]
    if len(alpha) >= 2 and surface.isupper():
        return _UPPER
    if alpha and alpha[0].isupper():
        return _TITLE
    return _ANY


def _fold(surface: str) -> str:
    return surface.replace("’", "'").replace("‘", "'")


class ActorResolver:
    """Resolve noun phrases and texts to actors with a dated knowledge base."""

    def __init__(
        self,
        countries: list[Country],
        organizations: list[Organization],
        agents: AgentTable,
        people: list[Person],
        places: list[Place] | None = None,
        successions: dict[str, tuple[str, str]] | None = None,
        former_names: list[tuple[str, str, str]] | None = None,
    ) -> None:
        self._lex: dict[tuple[str, ...], list[_Entry]] = {}
        self._prefixes: set[tuple[str, ...]] = set()
        self._names: dict[str, str] = {c.iso3: c.name for c in countries}
        self._orgs_by_key: dict[str, Organization] = {}
        # Country adjectives that are also nouns for one person ("a Palestinian").
        self._noun_adjectives: set[tuple[str, ...]] = set()
        self._abroad: set[tuple[str, ...]] = set()
        self._foreign: frozenset[str] = frozenset()
        self._build(countries, organizations, agents)
        self._people: list[Person] = []
        self._add_people(people)
        for place in places or ():  # after people, so a surname is never blocked by a town
            self._add(place.name, "place", place.iso3)
        for entries in self._lex.values():
            entries.sort(key=lambda e: _PRIORITY[e.kind])
        self._spelling_index = _spelling_index(self._lex)
        self._successions = dict(successions or {})
        self._former_names = {tuple(t.key for t in tokenize(name)): (meant, until)
                              for name, meant, until in former_names or ()}
        self._cached = lru_cache(maxsize=200_000)(self._resolve)

    def __getstate__(self) -> dict:
        """Picklable for process pools and Dask workers: the cache stays behind."""
        state = self.__dict__.copy()
        del state["_cached"]
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._cached = lru_cache(maxsize=200_000)(self._resolve)

    # ------------------------------------------------------------------ loading
    @classmethod
    def default(cls) -> ActorResolver:
        """The resolver over the package data, every people*.yaml included (cached)."""
        return _default_resolver()

    @classmethod
    def from_files(
        cls,
        people: list[Path] | None = None,
        countries: Path | None = None,
        organizations: Path | None = None,
        agents: Path | None = None,
        include_package_people: bool = True,
        places: Path | None = None,
    ) -> ActorResolver:
        """Build a resolver from data files; users can add their own people files.

        ``people`` files are loaded after the package's own people*.yaml
        (unless ``include_package_people`` is False), and an entry with the
        same name as an earlier one replaces it, so a user file can correct
        or extend the shipped knowledge base.
        """
        country_rows = load_countries(countries or DATA_DIR / "countries.csv")
        known = {c.iso3 for c in country_rows}
        orgs = load_organizations(organizations or DATA_DIR / "organizations.yaml", known)
        table = load_agents(agents or DATA_DIR / "agents.yaml")
        files: list[Path] = []
        if people is None or include_package_people:
            files.extend(package_people_files())
        files.extend(Path(p) for p in people or [])
        persons: list[Person] = []
        for path in files:
            persons.extend(load_people(path, known))
        place_rows = load_places(places or DATA_DIR / "places.csv", known)
        successions = load_successions(DATA_DIR / "successions.csv", known)
        former = load_former_names(DATA_DIR / "former_names.csv", known)
        return cls(country_rows, orgs, table, persons, place_rows, successions, former)

    def _dated(self, matches: list[_Match], day: str, toks: list[Token]) -> list[_Match]:
        """Towns and capitals of a state that did not exist yet on `day` code as the
        state they were part of ("Juba" in 2005 is in Sudan); country names do not,
        unless the name itself meant another country then ("Congo" before 1997)."""
        if not self._successions and not self._former_names:
            return matches
        out = []
        for m in matches:
            former = (self._former_names.get(tuple(t.key for t in toks[m.i:m.j]))
                      if m.kind in ("country", "demonym") else None)
            if former is not None and day < former[1]:
                m = _Match(m.kind, former[0], m.i, m.j)
            elif m.kind == "place" and m.ref in self._successions:
                part_of, until = self._successions[m.ref]  # type: ignore[index]
                if day < until:
                    m = _Match(m.kind, part_of, m.i, m.j)
            elif m.kind == "capital" and m.ref[0] in self._successions:  # type: ignore[index]
                iso3, sector, org = m.ref  # type: ignore[misc]
                part_of, until = self._successions[iso3]
                if day < until:
                    m = _Match(m.kind, (part_of, sector, org), m.i, m.j)
            out.append(m)
        return out

    def _add(self, surface: str, kind: str, ref: object, case: bool = True) -> tuple[str, ...]:
        exact = surface.startswith("=")
        toks = tokenize(surface[1:] if exact else surface)
        if not toks:
            return ()
        key = tuple(t.key for t in toks)
        classes = tuple(_case_class(t.text) if case else _ANY for t in toks)
        exact_form = tuple(_fold(t.text) for t in toks) if exact else None
        entries = self._lex.setdefault(key, [])
        for n, e in enumerate(entries):
            if e.kind == kind and e.ref == ref:  # the same name twice: keep the laxer case rule
                laxer = tuple(min(a, b) for a, b in zip(e.classes, classes, strict=True))
                entries[n] = _Entry(kind, ref, laxer, e.exact if exact_form else None)
                return key
        entries.append(_Entry(kind, ref, classes, exact_form))
        for n in range(1, len(key) + 1):
            self._prefixes.add(key[:n])
        return key

    def _build(
        self, countries: list[Country], organizations: list[Organization], agents: AgentTable
    ) -> None:
        for phrase in agents.non_actors:
            self._add(phrase, "none", None, case=False)
        for c in countries:
            for name in (c.name, *c.aliases, *c.adjectives):
                self._add(name, "country", c.iso3)
            for name in c.capitals:
                self._add(name, "capital", (c.iso3, "GOV", None))
            for name, sector in c.metonyms:
                self._add(name, "capital", (c.iso3, sector, None))
        self._add_demonyms(countries, agents)
        for org in organizations:
            for name in org.names:
                self._add(name, "org", org)
                self._orgs_by_key.setdefault(" ".join(t.key for t in tokenize(name)), org)
            if org.code:
                self._orgs_by_key.setdefault(org.code.lower(), org)
            for name in org.metonyms:
                self._add(name, "capital", (None, None, org))
        for section in ("nouns", "titles", "generic"):
            flavor = {"nouns": "noun", "titles": "title", "generic": "generic"}[section]
            for phrase, sector in getattr(agents, section).items():
                self._add(phrase, "agent", (sector, flavor), case=False)
        for word in agents.former:
            self._add(word, "former", None, case=False)
        for phrase in agents.located_abroad:
            for form in dict.fromkeys((phrase, pluralize(phrase))):
                self._abroad.add(tuple(t.key for t in tokenize(form)))
        self._foreign = frozenset(normalize(w) for w in agents.foreign_markers)

    def _add_demonyms(self, countries: list[Country], agents: AgentTable) -> None:
        """Nouns for a country's people: adjective + "s" ("Iraqis") and listed ones ("Turks")."""
        known = {c.iso3 for c in countries}
        skip = {tuple(t.key for t in tokenize(w)) for w in agents.not_demonyms}
        for c in countries:
            for adjective in c.adjectives:
                key = tuple(t.key for t in tokenize(adjective))
                plural = demonym_plural(adjective)
                if plural is None or key in skip:
                    continue
                plural_key = tuple(t.key for t in tokenize(plural))
                if any(e.kind != "demonym" for e in self._lex.get(plural_key, [])):
                    continue  # "Lao" + s is "Laos", the country's name
                self._noun_adjectives.add(key)
                self._add(plural, "demonym", c.iso3)
        for iso3, nouns in agents.demonyms.items():
            if iso3 not in known:
                raise ActorDataError(
                    f"{agents.source}: demonyms.{iso3}: unknown country code (not in countries.csv)"
                )
            for noun in nouns:
                self._add(noun, "demonym", iso3)

    def _add_people(self, people: list[Person]) -> None:
        by_name: dict[str, int] = {}
        for person in people:  # a later entry with the same name replaces an earlier one
            key = normalize(" ".join(person.name.split()))
            if key in by_name:
                self._people[by_name[key]] = person
            else:
                by_name[key] = len(self._people)
                self._people.append(person)
        for idx, person in enumerate(self._people):
            for name in dict.fromkeys((person.name, *person.aliases)):
                key = tuple(t.key for t in tokenize(name))
                if len(key) == 1:
                    # A lone surname must not shadow a country, an organisation or
                    # a sector word, nor be a month ("May").
                    others = [e for e in self._lex.get(key, []) if e.kind != "person"]
                    if others or key[0] in _MONTHS_AND_DAYS:
                        continue
                self._add(name, "person", idx)

    # ------------------------------------------------------------------ matching
    def _case_ok(self, entry: _Entry, toks: list[Token], i: int) -> bool:
        for k, cls in enumerate(entry.classes):
            if cls == _ANY:
                continue
            surface = toks[i + k].text
            if cls == _TITLE:
                if not surface[:1].isupper():
                    return False
            elif not surface.isupper():
                return False
        if entry.exact is not None:
            return all(_fold(toks[i + k].text) == w for k, w in enumerate(entry.exact))
        return True

    def _match(self, toks: list[Token]) -> list[_Match]:
        """Leftmost-longest dictionary matches, never crossing punctuation."""
        out: list[_Match] = []
        lex, prefixes = self._lex, self._prefixes
        n = len(toks)
        i = 0
        while i < n:
            seg = toks[i].segment
            key: tuple[str, ...] = ()
            found: list[tuple[int, list[_Entry]]] = []
            j = i
            while j < n and toks[j].segment == seg:
                key = key + (toks[j].key,)
                if key not in prefixes:
                    break
                j += 1
                entries = lex.get(key)
                if entries:
                    found.append((j, entries))
            best = None
            for end, entries in reversed(found):
                for e in entries:
                    if self._case_ok(e, toks, i):
                        ref = e.ref
                        if e.kind == "person":  # every person with this name, for the date to pick
                            ref = tuple(
                                x.ref
                                for x in entries
                                if x.kind == "person" and self._case_ok(x, toks, i)
                            )
                        best = _Match(e.kind, ref, i, end)
                        break
                if best:
                    break
            if best:
                out.append(best)
                i = best.j
            else:
                i += 1
        return out

    # ------------------------------------------------------------------ actors of single matches
    def _person_actor(self, m: _Match, text: str, date: str) -> Actor | None:
        candidates: tuple[int, ...] = m.ref  # type: ignore[assignment]
        person = self._people[candidates[0]]
        if len(candidates) > 1:
            active = [p for p in candidates if self._people[p].active_role(date)]
            if len(active) > 1:
                return None  # two people share the name and the date cannot tell them apart
            if not active:
                # Neither holds office then; if they share a country ("Bush"), that is
                # still known: a former office holder of that country.
                countries = {self._people[p].country for p in candidates}
                if len(countries) != 1 or None in countries:
                    return None
            else:
                person = self._people[active[0]]
        role = person.active_role(date)
        if role is not None:
            return self._role_actor(person, role, text, date)
        if person.country is None:
            return None
        sector = person.sector or "ELI"
        return Actor(text, person.country + sector, person.country, sector)

    def _role_actor(self, person: Person, role: Role, text: str, date: str) -> Actor:
        if role.org:
            org = self.organization(role.org)
            if org is not None:
                return org.actor(text, date)
            code = "".join(ch for ch in role.org.upper() if ch.isalnum())
            return Actor(text, code, role.country, role.sector or "IGO")
        country = role.country or person.country or ""
        return Actor(text, country + (role.sector or ""), country or None, role.sector)

    def organization(self, name_or_code: str) -> Organization | None:
        """The organisation with this code or name ("NATO", "Hamas"), if known."""
        key = " ".join(t.key for t in tokenize(name_or_code))
        return self._orgs_by_key.get(key) or self._orgs_by_key.get(name_or_code.strip().lower())

    def country_name(self, iso3: str) -> str | None:
        """The English short name of a country code ("USA" -> "United States")."""
        return self._names.get(iso3)

    def _single_actor(self, m: _Match, text: str, date: str) -> Actor | None:
        """What one matched span codes as on its own."""
        if m.kind == "person":
            return self._person_actor(m, text, date)
        if m.kind == "org":
            return m.ref.actor(text, date)  # type: ignore[union-attr]
        if m.kind in ("country", "place"):
            return Actor(text, m.ref, m.ref, None)  # type: ignore[arg-type]
        if m.kind == "demonym":
            return Actor(text, m.ref + "CVL", m.ref, "CVL")  # type: ignore[operator]
        if m.kind == "capital":
            iso3, sector, org = m.ref  # type: ignore[misc]
            if org is not None:
                return org.actor(text, date)
            return Actor(text, iso3 + sector, iso3, sector)
        return None

    # ------------------------------------------------------------------ context rules
    @staticmethod
    def _is_place(m: _Match, toks: list[Token], kind: str = "capital") -> bool:
        """A capital used as a location: "in Beijing", "on the outskirts of Kyiv".

        A city from places.csv codes as its country, which is right for "the
        outskirts of Kharkiv" too, so only a locative preposition drops it.
        """
        k = m.i - 1
        while k >= 0 and toks[k].segment == toks[m.i].segment and toks[k].key in _PLACE_MODIFIERS:
            k -= 1
        if k < 0 or toks[k].segment != toks[m.i].segment:
            return False
        if toks[k].key in _LOCATIVE:
            return True
        if toks[k].key == "of" and k > 0 and kind == "capital":
            j = k - 1
            while j >= 0 and toks[j].key == "the":
                j -= 1
            return j >= 0 and toks[j].key in _PLACE_NOUNS
        return False

    def _hyphen_role(self, m: _Match, toks: list[Token], starts: dict[int, _Match]) -> str | None:
        """ "dyad" for "U.S.-China", "modifier" for "Chinese-made" or "pro-Russian"."""
        n = len(toks)
        if m.j < n and toks[m.j].joined:
            nxt = starts.get(m.j)
            if nxt is not None and nxt.kind in _ACTOR_KINDS:
                return "dyad"
            if toks[m.j].key not in _KEEP_SUFFIXES:
                return "modifier"
        if m.i > 0 and toks[m.i].joined:
            prev = _match_before(m, starts)
            if prev is not None and prev.kind in _ACTOR_KINDS:
                return "dyad"
            if prev is not None and prev.kind == "former":  # "ex-Israeli prime minister"
                return None
            return "modifier"
        return None

    @staticmethod
    def _looks_like_person(
        m: _Match, toks: list[Token], covered: set[int], starts: dict[int, _Match] | None = None
    ) -> bool:
        """A country or town name used as (part of) a person's name: "Michael Jordan",
        "King Hassan" (a town in India), "President Chad ..."."""
        if m.kind == "place" and m.i > 0 and starts is not None:
            before = _match_before(m, starts)
            if before is not None and before.kind == "agent" and toks[m.i].text[:1].isupper():
                return True  # a title right before the name
        if m.kind == "person" and m.j - m.i == 1:
            # "Mario Estrada" is not Joseph Estrada, "Mara Salvatrucha" not Moussa Mara
            return _beside_unknown_name(m, toks, covered, surname=True)
        if m.kind != "country" or m.j - m.i != 1 or toks[m.i].key not in _NAME_LIKE_COUNTRIES:
            return False
        return _beside_unknown_name(m, toks, covered)

    # ------------------------------------------------------------------ public API
    def resolve(self, text: str, date: str | None = None) -> Actor | None:
        """Resolve one noun phrase as it appears in a sentence to an actor."""
        return self._cached(text, (date or dt.date.today().isoformat())[:10])

    def mentions(self, text: str, date: str | None = None) -> list[Mention]:
        """Every actor mention in a text with character offsets (non-overlapping, longest match)."""
        day = (date or dt.date.today().isoformat())[:10]
        toks = tokenize(text)
        matches = self._dated(self._match(toks), day, toks)
        starts = {m.i: m for m in matches}
        covered = {k for m in matches for k in range(m.i, m.j)}
        out = []
        for m in matches:
            if m.kind in ("none", "former") or self._looks_like_person(m, toks, covered, starts):
                continue
            start, end = toks[m.i].start, toks[m.j - 1].end
            span = text[start:end]
            actor = None
            if m.kind != "agent":
                dropped = m.kind in ("capital", "place") and self._is_place(m, toks, m.kind)
                dropped = dropped or self._hyphen_role(m, toks, starts) == "modifier"
                actor = None if dropped else self._single_actor(m, span, day)
            out.append(Mention(start, end, span, m.kind, actor))
        return out

    def abroad(self, text: str) -> bool:
        """Whether a phrase names people often found abroad ("settlers", "diplomats"),
        so that where they are does not say whose they are."""
        toks = tokenize(text)
        return any(m.kind == "agent" and tuple(t.key for t in toks[m.i : m.j]) in self._abroad
                   for m in self._match(toks))

    def sector(self, text: str) -> str | None:
        """The sector a phrase's sector words give, country or not ("Darfur rebels" -> REB)."""
        matches = self._match(tokenize(text))
        agents = [m for m in matches if m.kind == "agent"]
        former = any(m.kind == "former" for m in matches)
        return self._sector(agents, [], former)

    # ------------------------------------------------------------------ phrase resolution
    def _resolve(self, text: str, date: str) -> Actor | None:
        actor = self._resolve_exact(text, date)
        if (actor is None or actor.sector is None) and (
                bare := _INNER_ABBREVIATION.sub("", text)) != text:
            # "Montenegro Municipality Association (AKK) officials": the short form in
            # brackets splits the phrase; without it the officials keep their country.
            actor = self._resolve_exact(bare, date) or actor
            if actor is not None:
                actor = Actor(text=text.strip(), code=actor.code, country=actor.country,
                              sector=actor.sector)
        if actor is None:
            respelled = self._respell(text)
            if respelled is not None:
                actor = self._resolve_exact(respelled, date)
                if actor is not None:
                    actor = Actor(text=text.strip(), code=actor.code, country=actor.country,
                                  sector=actor.sector)
        return actor

    def _respell(self, text: str) -> str | None:
        """The phrase with one misspelt name fixed ("Bouteflicka", "Afganistan"), if any.

        Only capitalised words of 7+ letters that the tables don't know, and only
        when exactly one known name is one edit away: news spells foreign names
        many ways, and a near miss should not lose the actor.
        """
        for tok in tokenize(text):
            word = tok.key
            if len(word) < 7 or not tok.text[:1].isupper() or (word,) in self._lex:
                continue
            found = {k for k in self._spelling_index.get((word[0], len(word)), ())
                     if _one_edit(word, k)}
            for n in (len(word) - 1, len(word) + 1):
                found |= {k for k in self._spelling_index.get((word[0], n), ())
                          if _one_edit(word, k)}
            if len(found) == 1:
                fixed = next(iter(found))
                return text[:tok.start] + fixed.capitalize() + text[tok.end:]
        return None

    def _resolve_exact(self, text: str, date: str) -> Actor | None:
        phrase = text.strip()
        toks = tokenize(phrase)
        if not toks:
            return None
        matches = self._dated(self._match(toks), date, toks)
        if not matches:
            return None
        starts = {m.i: m for m in matches}
        best: Actor | None = None
        best_rank = 0
        for seg in dict.fromkeys(t.segment for t in toks):
            seg_idx = [k for k, t in enumerate(toks) if t.segment == seg]
            seg_matches = [m for m in matches if toks[m.i].segment == seg]
            if _names_others([toks[k] for k in seg_idx], seg_matches, seg_idx[0]):
                continue  # "Pakistan, a key U.S. ally": the apposition names the US's ally
            if best is not None and _abbreviation(phrase, [toks[k] for k in seg_idx]):
                continue  # "... Association (AKK) officials": the name's short form, not a person
            actor, rank = self._resolve_segment(phrase, toks, seg_idx, seg_matches, starts, date)
            if rank > best_rank:
                best, best_rank = actor, rank
                if rank >= 3:
                    break
        return best

    def _resolve_segment(
        self,
        phrase: str,
        toks: list[Token],
        seg_idx: list[int],
        matches: list[_Match],
        starts: dict[int, _Match],
        date: str,
    ) -> tuple[Actor | None, int]:
        """Resolve one apposition; rank 3 = person, 2 = full actor, 1 = bare country."""
        if not matches:
            return None, 0
        covered = {k for m in matches for k in range(m.i, m.j)}
        first = matches[0].i
        end = seg_idx[-1] + 1
        # The head ends at the first free preposition after the first match. Each
        # complement runs from its preposition to the next one, "of" chaining on
        # ("the head of the army of Russia", "rebels in the north of Mali").
        # A participle right after a sector noun or a people noun opens a
        # complement too: "Afghans fleeing the Taliban", "troops fighting rebels".
        noun_ends: set[int] | None = None
        comps: list[tuple[str, int, int]] = []  # (preposition, first token, one past the last)
        for k in seg_idx:
            if k <= first or k in covered:
                continue
            key = toks[k].key
            if key not in _PREPOSITIONS:
                if not (
                    key.endswith("ing")
                    and len(key) > 4
                    and key not in _NOT_PARTICIPLES
                    and toks[k].text[:1].islower()
                ):
                    continue
                if noun_ends is None:
                    noun_ends = {m.j for m in matches if m.kind in ("agent", "demonym")}
                if k not in noun_ends:
                    continue
            if comps and toks[k].key == "of":
                continue
            if comps:
                comps[-1] = (comps[-1][0], comps[-1][1], k)
            comps.append((toks[k].key, k, end))
        cut = comps[0][1] if comps else end

        main: list[_Match] = []
        zones: list[list[_Match]] = [[] for _ in comps]
        places: set[int] = set()  # capitals used as places, kept only for "rebels in Tripoli"
        former = False
        n_comp = 0
        for m in matches:
            if m.i < cut:
                zone = main
            else:
                while n_comp < len(comps) and m.i >= comps[n_comp][2]:
                    n_comp += 1
                if n_comp == len(comps):
                    break
                zone = zones[n_comp]
            if m.kind == "former":
                if zone is main:
                    former = True
                continue
            if m.kind == "none":
                continue
            if m.kind in _ACTOR_KINDS:
                role = self._hyphen_role(m, toks, starts)
                if role == "modifier":
                    continue
                if role == "dyad":  # "U.S.-China talks": neither side is the actor
                    continue
                if m.kind in ("capital", "place") and self._is_place(m, toks, m.kind):
                    if zone is main:
                        continue
                    places.add(m.i)
                if self._looks_like_person(m, toks, covered, starts):
                    continue
            zone.append(m)

        people = [m for m in main if m.kind == "person"]
        for m in people:
            actor = self._person_actor(m, phrase, date)
            if actor is not None:
                return actor, 3

        agents = [m for m in main if m.kind == "agent"]
        countries = [m for m in main if m.kind in _PLACE_KINDS]
        if not countries:  # "Karachi police", "the city of Jericho": a city, when nothing better
            countries = [m for m in main if m.kind == "place"]
        if countries and countries[-1].j == cut and countries[-1].kind == "country":
            countries[-1] = self._as_noun(countries[-1], toks)
        orgs = [m for m in main if m.kind == "org"]

        nouns = [c for c in countries if c.kind == "demonym"]
        if orgs and nouns and nouns[0].i < orgs[0].i:
            orgs = []  # "Afghans [fleeing] the Taliban": the people noun is the head
        if orgs:
            org_m = orgs[0]
            for nxt in orgs[1:]:  # "the UN World Food Programme": the inner body acts
                gap = [t.key for t in toks[org_m.j : nxt.i]]
                if gap not in ([], ["'s"]):
                    break
                org_m = nxt
            org: Organization = org_m.ref  # type: ignore[assignment]
            before = [c for c in countries if c.i < org_m.i]
            after_agents = [a for a in agents if a.i > org_m.i]
            if before and (org.national or (org.country is None and after_agents)):
                # "Russia's Security Council", "the Chinese UN ambassador"
                sector = self._sector(agents, before, former) or org.national
                return self._country_actor(phrase, before[0], sector), 2
            actor = org.actor(phrase, date)
            if former:
                if actor.country is None:
                    return None, 0
                return Actor(phrase, actor.country + "ELI", actor.country, "ELI"), 2
            return actor, 2

        if not countries and (agents or former) and comps:
            all_generic = all(a.ref[1] == "generic" for a in agents)  # type: ignore[index]
            prep = comps[0][0]
            if prep == "of" or (prep in ("for", "from") and all_generic):
                # "the president of France", "a spokesperson for the Kremlin",
                # "officials from the African Union"
                for m in zones[0]:
                    if m.kind == "org":
                        return self._single_actor(m, phrase, date), 2
                    if (m.kind in _PLACE_KINDS or m.kind == "place") and m.i not in places:
                        if all_generic:
                            agents = agents + [a for a in zones[0] if a.kind == "agent"]
                        countries = [m]
                        break
                    if m.kind == "person":
                        break
            if not countries and agents:
                k = 0
                if prep == "of" and len(comps) > 1:  # "the leaders of the rebels in Congo"
                    k = 1
                    if all_generic:
                        agents = agents + [a for a in zones[0] if a.kind == "agent"]
                if (
                    comps[k][0] in _FROM_VERBS
                    and k + 1 < len(comps)
                    and comps[k + 1][0] == "from"
                    and comps[k + 1][1] == comps[k][1] + 1
                ):  # "refugees fleeing from Syria"
                    k += 1
                actor = self._located(
                    phrase, toks, seg_idx[0], cut, comps[k], zones[k], agents, former
                )
                if actor is not None:
                    return actor, 2 if actor.sector else 1
        if not countries:
            return None, 0
        country_m = countries[0]
        sector = self._sector(agents, countries, former)
        if country_m.kind == "demonym":
            home = self._minority_home(country_m, toks, comps, zones)
            if home is not None:  # "ethnic Albanians in Serbia" are Serbia's civilians
                return Actor(phrase, home + (sector or ""), home, sector), 2
        return self._country_actor(phrase, country_m, sector), 2 if sector else 1

    @staticmethod
    def _minority_home(
        noun: _Match,
        toks: list[Token],
        comps: list[tuple[str, int, int]],
        zones: list[list[_Match]],
    ) -> str | None:
        """The country an ethnic group lives in, when the phrase names it.

        "the Albanians of southern Serbia", "ethnic Turks in Bulgaria": a
        people noun qualified by "ethnic", or with an "of" complement, names an
        ethnic group, and CAMEO codes a minority as civilians of the state it
        lives in. Plain "Iraqis in Jordan" stay Iraqis.
        """
        ethnic = noun.i > 0 and toks[noun.i - 1].key == "ethnic"
        allowed = _ORIGIN | {"of"} if ethnic else {"of"}
        for (prep, _, _), zone in zip(comps, zones, strict=True):
            if prep not in allowed:
                break
            for m in zone:
                if m.kind == "country":
                    return m.ref  # type: ignore[return-value]
                if m.kind == "capital" and m.ref[0] is not None:  # type: ignore[index]
                    return m.ref[0]  # type: ignore[index]
        return None

    def _as_noun(self, m: _Match, toks: list[Token]) -> _Match:
        """A country adjective ending the head after "a/an/the" is a person ("an Iraqi")."""
        k = m.i - 1
        if k > 0 and toks[k].key == "ethnic":  # "an ethnic Albanian"
            k -= 1
        if (
            k >= 0
            and toks[k].segment == toks[m.i].segment
            and toks[k].key in _SINGULAR_DETERMINERS
            and tuple(t.key for t in toks[m.i : m.j]) in self._noun_adjectives
        ):
            return _Match("demonym", m.ref, m.i, m.j)
        return m

    def _located(
        self,
        phrase: str,
        toks: list[Token],
        head_start: int,
        cut: int,
        comp: tuple[str, int, int],
        zone: list[_Match],
        agents: list[_Match],
        former: bool,
    ) -> Actor | None:
        """A group coded by where it is or comes from: "rebels in Ivory Coast" -> CIVREB.

        Only for a head with sector words and no country of its own; "in X"
        does not say whose diplomats, refugees or peacekeepers they are, nor
        whose "foreign troops"; a participle before the preposition ("troops
        stationed in", "leaders meeting in") says where they went, not who they are.
        """
        prep, start, _ = comp
        if prep in _FROM_VERBS:
            prep = "from"
        elif prep not in _ORIGIN:
            return None
        before = toks[start - 1]
        if (
            before.key not in _FROM_VERBS
            and before.key not in _HOME_VERBS
            and len(before.key) > 4
            and before.key.endswith(("ing", "ed"))
            and not any(a.i <= start - 1 < a.j for a in agents)
        ):
            return None
        if prep != "from":
            if any(tuple(t.key for t in toks[a.i : a.j]) in self._abroad for a in agents):
                return None
            in_agents = {k for a in agents for k in range(a.i, a.j)}
            if any(
                toks[k].key in self._foreign for k in range(head_start, cut) if k not in in_agents
            ):
                return None
        for m in zone:
            if m.kind in ("country", "place"):
                iso3 = m.ref
            elif m.kind == "capital" and m.ref[0] is not None:  # type: ignore[index]
                iso3 = m.ref[0]  # type: ignore[index]
            else:
                continue
            sector = self._sector(agents, [], former)  # a city here is a place, not GOV
            return Actor(phrase, iso3 + (sector or ""), iso3, sector)  # type: ignore[operator]
        return None

    @staticmethod
    def _sector(agents: list[_Match], countries: list[_Match], former: bool) -> str | None:
        """The sector of a phrase from its sector words (see agents.yaml)."""
        if former and agents:
            return "ELI"
        strong = [a.ref[0] for a in agents if a.ref[1] != "generic"]  # type: ignore[index]
        for sector in strong:
            if sector in ("OPP", "REB", "ELI"):
                return sector
        if strong:
            return strong[-1]
        for m in countries:  # "the Kremlin", "Israel's Knesset"
            if m.kind == "capital":
                return m.ref[1] or "GOV"  # type: ignore[index]
        generic = [a.ref[0] for a in agents]  # type: ignore[index]
        if generic:
            return generic[-1]
        if any(m.kind == "demonym" for m in countries):  # "Iraqis", "a Palestinian"
            return "CVL"
        return None

    @staticmethod
    def _country_actor(phrase: str, country_m: _Match, sector: str | None) -> Actor:
        if country_m.kind == "capital":
            iso3, _, org = country_m.ref  # type: ignore[misc]
            if org is not None:  # "Brussels" -> EU
                return Actor(phrase, org.code or "", org.country, org.sector)
        else:
            iso3 = country_m.ref  # type: ignore[assignment]
        return Actor(phrase, iso3 + (sector or ""), iso3, sector)


_HONORIFICS = frozenset("mr mrs ms dr sir madam dame lord lady sheikh mr. mrs. ms. dr.".split())
# Capitalised only because they open a sentence: no given name.
_OPENERS = frozenset("""yesterday today tonight tomorrow then but and so meanwhile however also
    now later earlier still even while when as if since although though because after before
    here there this that these those his her their its our my we they he she it""".split())
# Capitalised words beside a lone surname that are no part of another person's name.
_NOT_GIVEN_NAMES = _OPENERS | _MONTHS_AND_DAYS | _HONORIFICS


def _beside_unknown_name(
    m: _Match, toks: list[Token], covered: set[int], surname: bool = False
) -> bool:
    """Whether a one-word match stands beside a capitalised word no table knows, in
    the same segment: then both are someone's name ("Michael Jordan"). Beside a lone
    surname from the knowledge base (`surname`), only a plain word counts: sentence
    openers, months and honorifics prove nothing."""
    seg = toks[m.i].segment
    for k in (m.i - 1, m.j):
        if not 0 <= k < len(toks) or k in covered:
            continue
        t = toks[k]
        if (t.segment == seg and t.text[:1].isupper() and t.key not in _PREPOSITIONS
                and t.key != "the"
                and not (surname and (t.key in _NOT_GIVEN_NAMES or not t.text.isalpha()))):
            return True
    return False


def _match_before(m: _Match, starts: dict[int, _Match]) -> _Match | None:
    """The match that ends right where `m` begins, if any."""
    return next((p for p in starts.values() if p.j == m.i), None)


#: A bracketed short form with more of the phrase after it: "Association (AKK) officials".
_INNER_ABBREVIATION = re.compile(r"\s*\([A-Z][A-Z0-9.&-]{1,9}\)(?=\s+\w)")


def _abbreviation(phrase: str, toks: list[Token]) -> bool:
    """Whether a segment is one capitalised short form in brackets: "(AKK)", "(UNITA)"."""
    if len(toks) != 1 or not toks[0].text.isupper():
        return False
    start = toks[0].start
    return start > 0 and phrase[start - 1] == "("


def _names_others(toks: list[Token], matches: list[_Match], offset: int = 0) -> bool:
    """Whether the phrase (`toks`, from token `offset` of the whole) is about a
    country's allies, neighbours or rivals."""
    national = {m.j - offset for m in matches if m.kind in ("country", "demonym", "capital")}
    for k, tok in enumerate(toks):
        if tok.key not in RELATIONAL_NOUNS:
            continue
        if any(toks[j].key == "'s" for j in range(max(0, k - 4), k)):
            return True  # "Ukraine's allies", "Israel's militia ally"
        if k + 1 < len(toks) and toks[k + 1].key == "of":
            return True  # "the neighbours of Russia"
        if tok.key in _RELATIONAL_ADJUNCT and k in national:
            return True  # "US adversaries", "Arab neighbours" ("NATO allies" are NATO)
    return False


def _spelling_index(lex: dict) -> dict[tuple[str, int], list[str]]:
    """Single-word names (people, countries, organisations) by first letter and length."""
    index: dict[tuple[str, int], list[str]] = {}
    for key, entries in lex.items():
        if len(key) == 1 and len(key[0]) >= 6 and any(
            e.kind in ("person", "country", "demonym", "capital", "org") for e in entries
        ):
            index.setdefault((key[0][0], len(key[0])), []).append(key[0])
    return index


def _one_edit(a: str, b: str) -> bool:
    """True when b is a within one insertion, deletion or substitution (a != b)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1:]


@lru_cache(maxsize=1)
def _default_resolver() -> ActorResolver:
    return ActorResolver.from_files()
