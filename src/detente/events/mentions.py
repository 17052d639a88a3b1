"""Actor heads resolved to actors, with what the document has said so far.

The coder finds the heads of a clause's source and target; this module turns
them into actors: through the resolver's tables, the pronoun and noun
coreference of the document ("he", "the government", "the two sides"), and the
placement of groups the tables lack (events/placement.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Token

from detente.actors import ActorResolver
from detente.events import arguments, clauses, modality
from detente.events.placement import VENUE_NOUNS, Placer, is_dyad_phrase, is_minority
from detente.model import Actor

PRONOUN_PERSON = {"he", "she", "him", "her"}
# Things that happen to countries without anyone acting.
NON_AGENT_NOUNS = {
    "earthquake", "quake", "storm", "hurricane", "typhoon", "cyclone", "tsunami", "flood",
    "flooding", "drought", "wildfire", "pandemic", "epidemic", "virus", "outbreak", "economy",
    "accident", "crash", "landslide", "heatwave", "famine",
} | arguments.CURRENCY_NOUNS  # fmt: skip
#: Countries that share their name with another country's state: {country: (that
#: country, the names)}.
STATE_NAMESAKES = {"GEO": ("USA", {"Georgia"})}
QUANTITY_NOUNS = {"scores", "score", "dozens", "dozen", "hundreds", "thousands", "millions"}
# Nouns that, without a named country, refer back to the last country in the document.
COREF_NOUNS = {
    "government": "GOV", "administration": "GOV", "ministry": "GOV", "country": None,
    "nation": None, "military": "MIL", "army": "MIL", "leader": "GOV", "president": "GOV",
    "minister": "GOV", "secretary": "GOV", "authorities": "GOV", "officials": "GOV",
    "premier": "GOV", "chancellor": "GOV", "diplomat": "GOV", "spokesman": "GOV",
    "spokeswoman": "GOV", "spokesperson": "GOV", "troops": "MIL", "forces": "MIL",
}  # fmt: skip


@dataclass
class Memory:
    """What a document has said so far, for resolving "he", "the two sides"."""

    last_person: Actor | None = None
    people: dict[str, Actor] = field(default_factory=dict)  # "Wang" -> Wang Yi's actor
    last_country: str | None = None
    countries_seen: set[str] = field(default_factory=set)
    last_dyad: tuple[Actor, Actor] | None = None
    sentence_countries: list[str] = field(default_factory=list)  # of the sentence being coded
    sentence_places: list[str] = field(default_factory=list)  # countries of its towns, regions
    sentence_people: list[tuple[int, Actor]] = field(default_factory=list)  # (offset, actor)
    event_nouns: set[int] = field(default_factory=set)  # nominal triggers of the sentence
    # Words of the names the parser tagged as people anywhere in the document: "Imus"
    # after "Don Imus" is the man, not the Philippine city.
    person_words: set[str] = field(default_factory=set)
    # How many sentences so far named towns or regions of each country.
    place_sentences: Counter = field(default_factory=Counter)


class HeadResolver:
    """Resolves a clause's actor heads, remembering the document's people and countries."""

    def __init__(self, resolver: ActorResolver, placer: Placer) -> None:
        self.resolver = resolver
        self.placer = placer

    def resolve_heads(
        self, heads: list[Token], date: str | None, memory: Memory
    ) -> tuple[list[Actor], bool]:
        actors: list[Actor] = []
        used_coref = False
        heads = list(heads)
        for head in heads:
            if head.lemma_.lower() in QUANTITY_NOUNS:  # "scores of X and Y refugees"
                inner = [o for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
                         for o in p.children if o.dep_ == "pobj"]
                if inner:
                    heads.extend(clauses.conjuncts(inner[0]))
                    continue
            text = clauses.phrase_text(head)
            lower = text.lower()
            speaker = modality.reported_speaker(head)
            if speaker is not None:  # "Japan said it had halted aid": "it" is Japan
                heads.extend(clauses.conjuncts(speaker))
                continue
            antecedent = clauses.clause_antecedent(head)
            if antecedent is not None:  # "X killed 23 people when they blew themselves up"
                heads.extend(clauses.conjuncts(antecedent))
                continue
            if head.lower_ in PRONOUN_PERSON or head.lower_ in ("his", "her"):
                person = person_before(head, memory) or memory.last_person
                if person is not None:
                    actors.append(as_mention(person, head.text))
                    used_coref = True
                continue
            if is_dyad_phrase(lower):
                if memory.last_dyad is not None:
                    a, b = memory.last_dyad
                    actors.extend([as_mention(a, text), as_mention(b, text)])
                    used_coref = True
                continue
            if head.lemma_.lower() in VENUE_NOUNS and head.pos_ == "NOUN":
                continue  # "on the sidelines of the APEC summit": where, not who ("Congress" is)
            if head.lemma_.lower() in NON_AGENT_NOUNS:
                continue  # "Haiti's earthquake destroyed ...": no one acted
            if arguments.is_modifier(head) and self._is_place(head, date):
                continue  # "a Kabul car bombing": where, not who
            # The phrase without its place complement when that already names the
            # actor ("Qin Gang", not "Qin Gang in Beijing"); with it when the place
            # is what gives the country ("rebels in the Ivory Coast").
            core = clauses.phrase_text(head, places=False)
            actor = self.resolver.resolve(core, date) if core != text else None
            if actor is not None and is_minority(core):  # "ethnic Albanians in Serbia"
                actor = self.resolver.resolve(text, date) or actor
            # "Israel said its troops ...", "France recalled its ambassador from Niger":
            # whose they are comes before where they are.
            actor = self.placer.possessed(head, text, date) or actor
            actor = actor or self.resolver.resolve(text, date)
            if actor is not None and actor.sector is None and self._named_for_person(
                    text, date, memory):
                actor = None
            if (actor is not None and actor.code in STATE_NAMESAKES
                    and core.split()[-1] in STATE_NAMESAKES[actor.code][1]):
                # "stops in Pennsylvania, Georgia, Florida": in a story told among
                # another country's towns and states, the namesake state is meant.
                home = STATE_NAMESAKES[actor.code][0]
                if memory.place_sentences[home] >= 2 and not memory.place_sentences[actor.code]:
                    actor = Actor(text, home, home, None)
            if (actor is not None and head.pos_ == "PROPN"
                    and bare_former_leader(actor, text, memory)
                    and actor.country not in memory.sentence_countries):
                # A bare surname of a former leader ("Estrada", "Morales") in a document
                # that never names their country is most likely someone else.
                actor = None
            if actor is None and head.text in memory.people:  # "Wang" after "Wang Yi"
                actor = as_mention(memory.people[head.text], text)
                used_coref = True
            if actor is None:
                actor = self._coref_noun(head, text, memory)
                used_coref = used_coref or actor is not None
            if actor is not None and all(a.code != actor.code for a in actors):
                actors.append(actor)
            if actor is not None:
                # "US and British forces", "Russian and Chinese warships": one noun,
                # two nationalities.
                for other in clauses.coordinated_modifiers(head):
                    extra = self.resolver.resolve(f"{other} {head.text}", date)
                    if extra is not None and extra.country and all(
                        a.code != extra.code for a in actors
                    ):
                        actors.append(Actor(text, extra.code, extra.country, extra.sector))
        return actors, used_coref

    def _named_for_person(self, text: str, date: str | None, memory: Memory) -> bool:
        """Whether a phrase gets its country only from a town that shares its name
        with a person the document names ("the Imus Ranch Foundation")."""
        if not memory.person_words:
            return False
        found = [m for m in self.resolver.mentions(text, date) if m.actor is not None]
        return bool(found) and all(m.kind == "place" and m.text in memory.person_words
                                   for m in found)

    def _is_place(self, head: Token, date: str | None) -> bool:
        # (the modifier's own phrase: "British-flagged" in "a British-flagged tanker")
        kinds = {m.kind for m in self.resolver.mentions(clauses.phrase_text(head), date)}
        return "capital" in kinds or not kinds & {"country", "org", "person"}

    def _coref_noun(self, head: Token, text: str, memory: Memory) -> Actor | None:
        lemma = head.lemma_.lower()
        if lemma not in COREF_NOUNS or memory.last_country is None:
            return None
        if not any(t.lower_ in ("the", "its", "this") for t in head.lefts):
            return None
        sector = COREF_NOUNS[lemma]
        code = memory.last_country + (sector or "")
        return Actor(text=text, code=code, country=memory.last_country, sector=sector)

    def implicit_partner(self, source: Actor, memory: Memory) -> Actor | None:
        """The document's main counterpart of `source`, for "China is willing to cooperate"."""
        if memory.last_dyad is None or source.country is None:
            return None
        a, b = memory.last_dyad
        if a.country == source.country:
            return b
        if b.country == source.country:
            return a
        return None

    @staticmethod
    def remember(mentions: list, memory: Memory) -> None:
        """Note the people and countries a sentence named, for later coreference."""
        for mention in mentions:
            if mention.actor is None:
                continue
            if mention.kind == "person" and bare_former_leader(mention.actor, mention.text, memory):
                continue  # a bare surname of a former leader ("Mara Salvatrucha"): unsure
            if mention.kind == "person":
                memory.last_person = mention.actor
                for part in mention.text.split():
                    if len(part) > 2 and part[0].isupper():
                        memory.people[part] = mention.actor
            if mention.actor.country:
                memory.last_country = mention.actor.country
                memory.countries_seen.add(mention.actor.country)


def bare_former_leader(actor: Actor, text: str, memory: Memory) -> bool:
    """A former leader named by surname alone in a document that has not named their
    country: most likely someone else of that name."""
    return (actor.sector == "ELI" and len(text.split()) == 1
            and actor.country not in memory.countries_seen)


def person_before(pronoun: Token, memory: Memory) -> Actor | None:
    """The person a pronoun stands for when its own sentence named one before it
    ("... Bazoum, hours after guards detained him"), not its own clause's subject."""
    subjects = {c.idx for c in pronoun.head.children if c.dep_ in ("nsubj", "nsubjpass")}
    subject_span = {t.idx for s in pronoun.head.children if s.dep_ in ("nsubj", "nsubjpass")
                    for t in s.subtree}
    found = None
    for offset, actor in memory.sentence_people:
        if offset >= pronoun.idx:
            break
        if pronoun.dep_ in ("dobj", "pobj", "dative") and (offset in subjects
                                                           or offset in subject_span):
            continue  # "Putin congratulated him": not Putin
        found = actor
    return found


def as_mention(actor: Actor, text: str) -> Actor:
    return Actor(text=text, code=actor.code, country=actor.country, sector=actor.sector)
