"""Actors the resolver cannot code, placed as a reader would.

A group the knowledge base lacks ("the Umma party", "students") takes the
country its phrase, its sentence or the place of the act gives; an attack
nobody is named for is coded to where it struck (CAMEO UAF); a minority lives
where it is; "its troops" are the speaker's. docs/actors.md states the rules.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from detente.actors import ActorResolver
from detente.events import clauses, modality
from detente.model import Actor

# Gatherings named after an organisation are venues, not actors ("the NATO summit").
VENUE_NOUNS = {
    "summit", "meeting", "conference", "forum", "session", "sideline", "sidelines",
    "gathering", "ceremony", "talks", "assembly", "congress", "convention", "games",
}  # fmt: skip
DYAD_PHRASES = (
    "two sides", "both sides", "two countries", "both countries", "two nations",
    "both nations", "two governments", "both governments", "two leaders", "both leaders",
)  # fmt: skip

# Numbers standing alone for people: "Thousands marched in Warsaw".
CROWD_NOUNS = {"thousand", "thousands", "hundred", "hundreds", "dozens", "crowd", "crowds"}
# CAMEO roots of acts of force (assault, fight, mass violence), which are coded to the
# country where they happened when nobody is named.
FORCE_ROOTS = ("18", "19", "20")
# ... and only where a weapon or an attack is named: an accident kills too.
VIOLENCE_WORDS = {
    "bomb", "bombing", "explosive", "explosion", "blast", "ied", "mine", "landmine", "rocket",
    "missile", "mortar", "shell", "shelling", "airstrike", "drone", "gunfire", "gunman",
    "gunmen", "sniper", "grenade", "attack", "ambush",
    "assassination", "assassinate", "suicide", "militant", "insurgent", "raid",
}  # fmt: skip
PLACE_NOUNS = {
    "city", "town", "village", "province", "region", "district", "capital", "area", "port",
    "state", "county", "territory", "border", "north", "south", "east", "west", "center",
    "centre", "outskirts",
}  # fmt: skip


class Placer:
    """Places unlisted actors and attacks with the resolver's tables."""

    def __init__(self, resolver: ActorResolver) -> None:
        self.resolver = resolver

    def sentence_countries(
        self, mentions: list, date: str | None
    ) -> tuple[list[str], list[str]]:
        """The countries a sentence names, and those of the places it names, in order."""
        found: list[str] = []
        places: list[str] = []
        for mention in mentions:
            actor = mention.actor
            if mention.kind in ("place", "capital"):
                actor = actor or self.resolver.resolve(mention.text, date)
                if actor is not None and actor.country and actor.country not in places:
                    places.append(actor.country)
            if actor is not None and actor.country and actor.country not in found:
                found.append(actor.country)
        return found, places

    def possessed(self, head: Token, text: str, date: str | None) -> Actor | None:
        """ "its troops", "their coast guard" as the sector of the actor "its" stands for."""
        antecedent = clauses.possessor_antecedent(head)
        if antecedent is None:
            return None
        owner = self.resolver.resolve(clauses.phrase_text(antecedent, places=False), date)
        sector = self.resolver.sector(text)
        if owner is None or owner.country is None or sector is None:
            return None
        return Actor(text, owner.country + sector, owner.country, sector)

    def event_country(
        self, anchor: Token, date: str | None, places: list[str] | None = None
    ) -> str | None:
        """The country where an act happened: its "in/near X" phrase, else the sentence's places."""
        heads = clauses.event_places(anchor)
        if anchor.dep_ == "pobj" and anchor.head.head.pos_ == "VERB":
            heads += clauses.event_places(anchor.head.head)  # "engaged in X in Montenegro"
        for head in heads:
            for mention in self.resolver.mentions(clauses.phrase_text(head), date):
                place = mention.kind in ("place", "capital") or (
                    mention.kind in ("country", "demonym")
                    and (head.pos_ == "PROPN" or head.lemma_.lower() in PLACE_NOUNS))
                actor = mention.actor or self.resolver.resolve(mention.text, date)
                if place and actor is not None and actor.country:
                    return actor.country
        return places[0] if places else None

    def names_group(self, head: Token, date: str | None) -> bool:
        """Whether a phrase names people or a body ("settlers", "gunmen"), known or not."""
        text = clauses.phrase_text(head, places=False)
        return any(m.kind == "agent" for m in self.resolver.mentions(text, date))

    def unknown_actors(
        self, heads: list[Token], date: str | None, anchor: Token,
        sentence_countries: list[str], event_nouns: set[int],
    ) -> list[Actor]:
        """Groups the knowledge base lacks ("the Islamic Salvation Front", "students").

        When the sentence is about one country only, such a group is taken to be
        of that country, as a reader would: domestic news names many parties,
        unions and movements no table lists. In a sentence about several, the
        place the act happened ("students ... in Sivas") says it.
        """
        found_place: list[str | None] = []  # where the act happened, looked up once if needed
        actors: list[Actor] = []
        for head in heads:
            head = modality.reported_speaker(head) or head  # "X said it would ..."
            if head.pos_ not in ("NOUN", "PROPN") or head.lemma_.lower() in VENUE_NOUNS:
                continue
            if head.i in event_nouns:
                continue  # "began a military offensive": an event, not a group
            text = clauses.phrase_text(head)
            if is_dyad_phrase(text.lower()):
                continue
            mentions = self.resolver.mentions(text, date)
            # A named body ("the Umma party"), or a group a sector word names
            # ("students", "the military government"); never an unknown person.
            named = (head.pos_ == "PROPN" and head.ent_type_ in ("ORG", "NORP")
                     and org_like(head)) or any(
                c.dep_ in ("compound", "nmod") and c.ent_type_ == "ORG" for c in head.children
            )  # "the Umma party"
            words = clauses.phrase_tokens(head)
            head_start = head.idx - (words[0].idx if words else head.idx)
            # A sector word names the group unless it only modifies a common noun that is
            # no group itself ("a public briefing", "a military operation").
            crowd = head.lemma_.lower() in CROWD_NOUNS  # "Thousands marched in Warsaw"
            if not named and not crowd and not any(
                m.kind == "agent" and not (head.pos_ == "NOUN" and m.end <= head_start)
                for m in mentions
            ):
                continue
            sector = self.resolver.sector(text) or ("CVL" if crowd else None)
            if not named and head.pos_ == "PROPN" and sector in (None, "GOV", "MIL", "ELI"):
                # "King Abdullah met Netanyahu": an unknown leader may well be foreign;
                # a judge, police chief or opposition leader acts at home.
                continue
            # "students at a university in Sivas": a town in the phrase says where they are.
            where = self.resolver.mentions(clauses.located_text(head), date)
            country = next(iter(self.sentence_countries(where, date)[1]), None)
            if self.resolver.abroad(text):  # "settlers in Hebron", "diplomats in Kabul"
                country = None
            if country is None and len(sentence_countries) == 1:
                country = sentence_countries[0]
            elif country is None:
                if not found_place:
                    found_place.append(self.event_country(anchor, date))
                country = found_place[0]
            if country is None:
                continue
            actors.append(Actor(text, country + (sector or ""), country, sector))
        return actors


def is_dyad_phrase(text: str) -> bool:
    lower = text.lower()
    return any(p in lower for p in DYAD_PHRASES)


STATE_BODIES = ("GOV", "MIL", "COP", "JUD")
STATE_SECTORS = (None, *STATE_BODIES)
# Acts aimed at one's own country when no target is named: protests (14) at the
# government; curfews, emergency rule and bans imposed (172), threatened (132) or
# eased (081), and protests or strikes called off (082).
DOMESTIC_PREFIXES = ("14", "172", "081", "082", "132")


def domestic_target(code: str, source: Actor) -> Actor | None:
    """The own-country target of an act that is domestic by nature, if the text names none.

    A state body's curfew or emergency rule is aimed at its people; protests and
    strikes, and calling them off, at the government.
    """
    country = source.country
    if country is None or not code.startswith(DOMESTIC_PREFIXES):
        return None
    if code.startswith(("14", "082")):
        if source.sector in (None, "GOV", "MIL", "COP"):
            return None  # "China protested": a diplomatic protest at someone unnamed
        return Actor(text=f"({country} government)", code=f"{country}GOV", country=country,
                     sector="GOV")
    if source.sector not in STATE_SECTORS:
        return None
    return Actor(text=f"({country} population)", code=f"{country}CVL", country=country,
                 sector="CVL")


ORG_WORDS = {
    "front", "party", "union", "movement", "group", "council", "committee", "association",
    "brigade", "brigades", "army", "league", "organization", "organisation", "alliance",
    "coalition", "congress", "forum", "federation", "network", "institute", "foundation",
    "agency", "bureau", "commission", "authority", "company", "corporation", "bank",
}  # fmt: skip


def org_like(head: Token) -> bool:
    """A proper name that is an organisation's ("Islamic Salvation Front"), not a
    surname the tagger took for one ("Raimondo")."""
    words = [t.lower_ for t in head.subtree if t.i <= head.i]
    return any(w in ORG_WORDS for w in words)


def is_minority(text: str) -> bool:
    """ "ethnic Albanians", "the Albanian population", "the Turkish minority" (not
    "the scene of ethnic violence")."""
    lower = text.lower()
    return bool(re.search(r"\b[Ee]thnic [A-Z]", text)) or any(
        f" {w}" in lower for w in ("population", "minority", "minorities", "community"))


def relocated(actor: Actor, country: str | None) -> Actor:
    """An ethnic minority's actor moved to the country it lives in."""
    if country is None or not is_minority(actor.text) or actor.country == country:
        return actor
    if actor.sector not in (None, "CVL"):
        return actor
    return Actor(actor.text, country + "CVL", country, "CVL")
