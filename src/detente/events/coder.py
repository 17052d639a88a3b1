"""The event coder: parsed sentences -> actor-coded CAMEO/PLOVER events with evidence.

One `EventCoder` holds the spaCy pipeline, the trigger lexicon, the actor
resolver, the context lexicon and (optionally) the sentence classifier. For
each sentence it finds trigger anchors, absorbs those governed by another
trigger ("refused to meet" is one event), finds source and target phrases in
the parse, resolves them (with light coreference across the document), applies
negation and modality, and builds `Event` records. Precision first: a clause
whose actors do not both resolve yields nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from detente.actors import ActorResolver
from detente.events import arguments, background, clauses, dates, modality, verb_roles
from detente.events.candidates import (
    Candidate,
    addressed,
    drop_purposes,
    object_of_act,
    shared_protest_targets,
    speech_over_act,
)
from detente.events.contexts import ContextLexicon
from detente.events.lexicon import TriggerLexicon, TriggerMatch
from detente.events.mentions import HeadResolver, Memory
from detente.events.ontology import lookup
from detente.events.placement import (
    FORCE_ROOTS,
    STATE_BODIES,
    STATE_SECTORS,
    VIOLENCE_WORDS,
    Placer,
    domestic_target,
    is_dyad_phrase,
    is_minority,
    relocated,
)
from detente.model import Actor, Document, Event, Evidence
from detente.nlp import load_nlp

log = logging.getLogger(__name__)

# Weapons a pattern names ("launched 300 drones at Israel"): sector words, but no one.
EQUIPMENT = {
    "drone", "drones", "missile", "missiles", "warplane", "warplanes", "jet", "jets",
    "warship", "warships", "submarine", "submarines", "artillery", "tank", "tanks",
    "rocket", "rockets", "fighter", "fighters", "bomber", "bombers", "helicopter", "helicopters",
}  # fmt: skip
# Concessions and promises that, denied, are refusals ("will not meet the demands").
REFUSAL_ROOTS = {"03", "08"}
# Acts only a state's authorities do: investigating, arresting, expelling, banning.
AUTHORITY_ROOTS = {"09", "17"}
COURT_VERBS = {"sentence", "convict", "try", "indict", "jail", "imprison"}


@dataclass
class _Arguments:
    """A trigger's code after modality, and the heads its source and target come from."""

    code: str
    source_heads: list[Token]
    target_options: list[list[Token]]
    negated: bool = False
    reciprocal: bool = False
    verb: Token | None = None  # the verb a nominal trigger is the manner of
    noun: Token | None = None  # the noun carrying a nominal trigger's phrase


def penta_label(code: str) -> int:
    """The 5-way class of a CAMEO code: 0 statement, then quad classes 1-4."""
    if code.startswith("01"):
        return 0
    return lookup(code).quad_class


class EventCoder:
    """Codes documents into events. Build once per process; reuse for many documents."""

    def __init__(
        self,
        nlp: Language | None = None,
        lexicon: TriggerLexicon | None = None,
        resolver: ActorResolver | None = None,
        contexts: ContextLexicon | None = None,
        classifier: object | None = None,
        use_classifier: bool = True,
    ) -> None:
        self.nlp = nlp or load_nlp()
        self.lexicon = lexicon or TriggerLexicon.default()
        self.resolver = resolver or ActorResolver.default()
        self.placer = Placer(self.resolver)
        self.heads = HeadResolver(self.resolver, self.placer)
        self.contexts = contexts or ContextLexicon.default()
        self.classifier = classifier
        if classifier is None and use_classifier:
            self.classifier = _default_classifier()

    # -- public API -------------------------------------------------------------
    def code_document(self, document: Document) -> list[Event]:
        return self.code_parsed(document, self.nlp(document.text))

    def code_documents(
        self, documents: Iterable[Document], batch_size: int = 16
    ) -> Iterator[tuple[Document, list[Event]]]:
        """Parse with nlp.pipe and code each document; yields (document, events)."""
        pairs = ((d.text, d) for d in documents)
        for spacy_doc, document in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield document, self.code_parsed(document, spacy_doc)

    def code_parsed(self, document: Document, doc: Doc) -> list[Event]:
        memory = Memory(person_words={t.text for e in doc.ents if e.label_ == "PERSON"
                                      and len(e) > 1 for t in e if t.is_title})
        events: list[Event] = []
        issue_sentences: list[tuple[list[str], set[str]]] = []
        for index, sent in enumerate(doc.sents):
            mentions = self.resolver.mentions(sent.text, document.date)
            try:
                sentence_events = self._code_sentence(document, sent, index, memory, mentions)
            except Exception:  # noqa: BLE001 - one odd sentence must not lose a corpus
                log.warning("detente: could not code sentence %d of document %s; skipped it",
                            index, document.id, exc_info=True)
                continue
            if sentence_events:
                events.extend(sentence_events)
            else:
                found = self.contexts.find(sent.text)
                if found:
                    countries = {m.actor.country for m in mentions
                                 if m.actor is not None and m.actor.country}
                    issue_sentences.append((found, countries))
        if events and issue_sentences:
            _attach_document_contexts(events, issue_sentences)
        if self.classifier is not None and events:
            self._calibrate(events)
        return events

    def trigger_class(self, doc: Doc) -> int:
        """The 5-way class of the strongest trigger in a parsed text, actors or not.

        Used where a sentence has an event whose actors we cannot resolve
        (pentaclass scoring); 0 (statement) when no trigger is found.
        """
        best: tuple[bool, int] | None = None
        best_code = ""
        for sent in doc.sents:
            for anchor in self.lexicon.anchors(sent):
                found = self.lexicon.match(anchor)
                if found is None:
                    continue
                code = found.code
                if not found.nominal:
                    lemmas = {g.lemma_.lower() for g in clauses.governor_chain(anchor)}
                    if lemmas & modality.INTENT_GOVERNORS:
                        code = modality.intent_code(code)
                rank = (anchor.dep_ == "ROOT", found.specificity)
                if best is None or rank > best:
                    best, best_code = rank, code
        return penta_label(best_code) if best else 0

    # -- sentences --------------------------------------------------------------
    def _code_sentence(
        self, document: Document, sent: Span, index: int, memory: Memory, mentions: list
    ) -> list[Event]:
        date = document.date
        matches: dict[int, TriggerMatch] = {}
        for anchor in self.lexicon.anchors(sent):
            found = self.lexicon.match(anchor)
            if found is not None:
                matches[anchor.i] = found
        # A trigger that swallows a more specific one ("issued a statement demanding
        # the release of ...") gives way to it; otherwise it absorbs the words it used.
        # A verb keeps its own object, though: "rejected an invitation to attend" is
        # the rejection.
        for i, found in list(matches.items()):
            words = set(found.tokens[1:])
            if any(other.specificity > found.specificity and words & set(other.tokens)
                   and not object_of_act(sent.doc[other.tokens[0]], {i: found})
                   for other in matches.values()):
                del matches[i]
        for i, found in list(matches.items()):
            if sent.doc[i].lemma_.lower() in modality.SAY_VERBS and speech_over_act(
                sent.doc[i], found, matches
            ):
                del matches[i]  # "announced it will return weapons": the return is the act
        absorbed = {i for m in matches.values() for i in m.tokens[1:]}
        memory.sentence_countries, memory.sentence_places = self.placer.sentence_countries(
            mentions, date)
        memory.place_sentences.update(set(memory.sentence_places))
        memory.event_nouns = {i for i, m in matches.items() if m.nominal}
        memory.sentence_people = [(sent.start_char + m.start, m.actor) for m in mentions
                                  if m.kind == "person" and m.actor is not None]
        candidates: list[Candidate] = []
        for i, found in matches.items():
            if i in absorbed:
                continue
            anchor = sent.doc[i]
            if not found.nominal and any(g.i in matches for g in clauses.governor_chain(anchor)):
                continue  # "refused to meet": the governor is the event
            if anchor.dep_ in ("xcomp", "ccomp") and anchor.head.i in absorbed:
                continue  # "refused to allow planes to land": part of the refusal
            if found.nominal and object_of_act(anchor, matches):
                continue  # "suspended aid deliveries", "demanded a meeting": one event
            if not found.nominal and backs_an_attack(anchor, found, matches):
                continue  # "Soleimani approved the attacks on the embassy": the attacks
            if found.nominal and background.monitored(anchor):
                continue  # "peacekeepers deployed to oversee a ceasefire": already in force
            candidate = self._candidate(anchor, found, date, memory)
            if candidate is not None:
                candidates.append(candidate)
        candidates.extend(self._modal_demands(sent, date, memory, {c.anchor.i for c in candidates}))
        candidates = shared_protest_targets(drop_purposes(candidates))
        if not candidates:
            statement = self._statement(sent, date, memory, set(matches))
            if statement is not None:
                candidates.append(statement)
        elif len(candidates) > 1:
            candidates = [c for c in candidates if not c.code.startswith("01")] or candidates
        # "X told the BBC ...": the press carries a statement; it is not its target.
        candidates = [c for c in candidates if not (
            c.code == "010" and c.targets and all(t.sector == "MED" for t in c.targets))]
        self.heads.remember(mentions, memory)
        return self._events(document, sent, index, candidates, memory)

    def _candidate(
        self, anchor: Token, found: TriggerMatch, date: str | None, memory: Memory
    ) -> Candidate | None:
        if background.historical(anchor, date):
            return None  # "murdered officers during World War Two": background
        words = [anchor.doc[i] for i in found.tokens]
        if found.code.startswith("13") and background.hazard_warning(words):
            return None  # "issued a flash flood warning": weather, not a threat
        if found.nominal and anchor.dep_ == "compound" and anchor.head.pos_ == "NOUN":
            words.append(anchor.head)  # "an election protest rally": the phrase's noun
        if found.code.startswith(("14", "124")) and any(
                w.pos_ == "NOUN" and clauses.campaign_event(w) for w in words):
            return None  # "a Biden rally", "continued to hold campaign rallies": politics
        if found.nominal:
            args = self._nominal_arguments(anchor, found)
        elif (anchor.dep_ in ("ccomp", "xcomp")
              and anchor.head.lemma_.lower() in modality.HELP_VERBS
              and lookup(found.code).quad_class in (1, 2)):
            args = self._helped_arguments(anchor, found)
        else:
            args = self._verbal_arguments(anchor, found)
        if args is None:
            return None
        code, source_heads, target_options = args.code, args.source_heads, args.target_options
        negated, reciprocal, verb = args.negated, args.reciprocal, args.verb
        noun = args.noun or anchor
        sources, coref_s = self.heads.resolve_heads(source_heads, date, memory)
        if not sources and found.nominal and verb is not None:
            # "X wounded Y in a bomb attack": the attack is X's act on Y.
            source_heads = clauses.agents(verb)
            sources, coref_s = self.heads.resolve_heads(source_heads, date, memory)
            target_options = arguments.patients(verb)
            if code[:2] in ("11", "12"):  # "in defiance of X": the stance is toward X
                target_options = arguments.nominal_patients(noun) + target_options
        elif (not sources and found.nominal and (first := arguments.first_conjunct(noun)).dep_
              in ("dobj", "attr") and first.head.pos_ in ("VERB", "AUX")
              and not arguments.undergoes(first)):
            # "X launched artillery and rocket fire against Y": the modifiers named no
            # actor; the light verb's subject did it.
            source_heads = clauses.agents(first.head)
            sources, coref_s = self.heads.resolve_heads(source_heads, date, memory)
        elif not sources and found.nominal and joined_protest(noun, code):
            # "Thousands of Nigerians were converging for a rally", "youths threw stones
            # during demonstrations against X": who went to it or acted in it.
            source_heads = clauses.agents(noun.head.head)
            sources, coref_s = self.heads.resolve_heads(source_heads, date, memory)
            if noun.head.lower_ in PROTEST_TIME_PREPS and any(
                    s.sector in STATE_BODIES for s in sources):
                sources, source_heads = [], []  # police firing tear gas during a protest
        if (code == "141" and anchor.lemma_.lower() == "protest" and sources
                and sources[0].sector in (None, "GOV")):
            # "Vietnam protested China's deployment": a state's protest is an official
            # complaint (CAMEO 114), not a street demonstration.
            code = "114"
        if code == "192" and not found.nominal and verb_roles.taken_in_combat(anchor):
            code = "190"  # "captured the town after heavy fighting": CAMEO's military force
        if negated and code[:2] in REFUSAL_ROOTS:
            # "would not meet their demands", "will not cooperate": a refusal, not a
            # negated concession (CAMEO 12).
            code, negated = "120", False
        if code.startswith("12"):
            target_options = target_options + verb_roles.defied(anchor)
        if code.startswith("11"):
            # "complained to the UN over Israeli raids": the complaint is about Israel;
            # the one it is made to is only its addressee.
            target_options = sorted(target_options, key=addressed)
        placed = unattributed = False
        if not sources and not code.startswith("04"):
            # (not for visits and meetings: who travels to a country is seldom of it)
            sources = self.placer.unknown_actors(
                source_heads, date, anchor, memory.sentence_countries, memory.event_nouns)
            placed = bool(sources)
        if (not sources and code[:2] in FORCE_ROOTS
                and not any(h.pos_ in ("PROPN", "PRON") or self.placer.names_group(h, date)
                            for h in source_heads)
                and clauses.reported_as_fact(anchor)
                and (not found.nominal or clauses.told_as_act(noun))
                and any(t.lemma_.lower() in VIOLENCE_WORDS for t in anchor.sent)):
            # "A roadside bomb near Samarra killed a U.S. soldier": nobody is named, so
            # the attack is coded to where it happened, as event data conventionally does.
            country = self.placer.event_country(anchor, date, memory.sentence_places)
            if country is not None:
                # CAMEO's UAF: unidentified armed forces, placed where they struck.
                name = self.resolver.country_name(country) or country
                sources = [Actor(f"(unidentified, in {name})", country + "UAF", country, "UAF")]
                unattributed = True
                if found.nominal and anchor.dep_ == "nsubj" and anchor.head.pos_ == "VERB":
                    # "A minefield explosion killed two youths"
                    target_options = arguments.patients(anchor.head) + target_options
        if (not sources and not source_heads and code[:2] in AUTHORITY_ROOTS
                and not found.nominal and clauses.passive_without_agent(anchor)):
            # "A US national was put under investigation in Italy", "was arrested in
            # Lebanon": only a state's authorities do that where it happened.
            country = self.placer.event_country(anchor, date)
            if country is not None:
                sector = ("JUD" if anchor.lemma_.lower() in COURT_VERBS
                          else "COP" if code.startswith("173") else "GOV")
                name = self.resolver.country_name(country) or country
                sources = [Actor(f"({name} authorities)", country + sector, country, sector)]
                unattributed = True
        if not sources:
            return None
        targets, coref_t = [], False
        source_codes = {s.code for s in sources}
        source_countries = {s.country for s in sources}
        target_options = [self._target_heads(heads, anchor, found) for heads in target_options]
        if len(sources) >= 2 and (modality.symmetric(code)
                                  or anchor.lemma_.lower() in modality.MUTUAL_VERBS):
            # "Russian and Ukrainian delegations met in Istanbul": with each other
            target_options = [[h for h in heads if not clauses.is_location(h)]
                              for heads in target_options]
        # ("fighting between insurgents and security forces": both may be unlisted)
        may_place = not (placed and not reciprocal) and not code.startswith("04")
        for rank, heads in enumerate(target_options):
            targets, coref_t = self.heads.resolve_heads(heads, date, memory)
            targets = [t for t in targets if (t.code not in source_codes or placed)
                       and not (is_dyad_phrase(t.text) and t.country in source_countries)
                       and not (t.text.lower().startswith(("its ", "their "))
                                and t.country in source_countries)]  # "moved its troops"
            if not targets and may_place and rank == 0:
                # The direct object, though unlisted, before a place or a by-phrase:
                # "officers arrested 50 protesters in Nairobi".
                targets = self._placed_targets(heads, date, anchor, code, memory, source_codes,
                                               source_countries)
                placed = placed or bool(targets)
            if targets:
                break
        if not targets and may_place:
            for heads in target_options[1:]:  # the first was tried in the loop above
                targets = self._placed_targets(heads, date, anchor, code, memory, source_codes,
                                               source_countries)
                if targets:
                    placed = True
                    break
        if code == "100" and compelled(anchor, sources, targets):
            # "The government ordered the newspaper La Prensa to suspend publication":
            # a state's order to its own people or firms is coercion, not a demand.
            code = "172"
        if any(is_minority(a.text) for a in sources + targets):
            # "killed three ethnic Albanians in southern Serbia": a minority is coded
            # as civilians of the country it lives in, which is where the act happened.
            where = self.placer.event_country(anchor, date)
            if where is None and code.startswith("14") and any(
                    not is_minority(t.text) and t.country for t in targets):
                # "ethnic Turks began a hunger strike against Sweden's decision": a
                # minority protests the state it lives under.
                where = next(t.country for t in targets if not is_minority(t.text) and t.country)
            sources = [relocated(a, where) for a in sources]
            targets = [relocated(a, where) for a in targets]
        candidate = Candidate(anchor, found, code, sources, targets, negated, reciprocal,
                               coref=coref_s or coref_t, placed=placed or unattributed)
        if targets:
            return candidate
        if len(sources) >= 2 and (modality.symmetric(code)
                                  or anchor.lemma_.lower() in modality.MUTUAL_VERBS):
            # "China and the US agreed to ...", "India and Pakistan agreed to a ceasefire"
            candidate.targets = sources[1:]
            candidate.sources = sources[:1]
            candidate.reciprocal = True
            return candidate
        domestic = domestic_target(code, sources[0])
        if domestic is not None:
            candidate.targets = [domestic]
            candidate.inferred_target = True
            return candidate
        if code.startswith("196"):
            # "Pakistan's army said Indian troops violated the ceasefire": a truce has two
            # sides; the one reporting the breach, else the document's counterpart.
            partner = (self._reporter(anchor, date, memory, sources[0])
                       or self.heads.implicit_partner(sources[0], memory))
            if partner is None:
                return None
            candidate.targets, candidate.inferred_target = [partner], True
            return candidate
        if code.startswith("15"):
            # "North Korea fired two missiles into the sea, South Korea's military said":
            # a show of force is aimed at the neighbour watching it.
            reporter = self._reporter(anchor, date, memory, sources[0])
            if reporter is None or reporter.country is None:
                return None
            country = reporter.country
            name = self.resolver.country_name(country) or country
            candidate.targets = [Actor(f"({name})", country, country, None)]
            candidate.inferred_target = True
            return candidate
        # "China is willing to cooperate": cooperation with the document's counterpart
        # (not "vowed to protect people": that has someone else in view).
        if (found.nominal or lookup(code).quad_class > 2 or modality.has_object(anchor)
                or any(modality.has_object(c) for c in anchor.children
                       if c.dep_ in ("xcomp", "ccomp"))):
            return None
        partner = self.heads.implicit_partner(sources[0], memory)
        if partner is None:
            return None
        candidate.sources = sources[:1]
        candidate.targets = [partner]
        candidate.inferred_target = True
        return candidate

    def _nominal_arguments(self, anchor: Token, found: TriggerMatch) -> _Arguments | None:
        """Who did what to whom around a nominal trigger ("X's visit to Y", "talks between")."""
        code = found.code
        reciprocal = False
        # "a mediation effort between X and Y": the compound's head noun carries the phrase.
        noun = anchor
        if anchor.dep_ == "compound" and anchor.head.pos_ == "NOUN":
            if self.resolver.sector(anchor.head.text) is not None:
                return None  # "the military operations chiefs", "peace envoy": a title
            noun = anchor.head
        if clauses.is_topic_mention(noun) and not (
                joined_protest(noun, code) and noun.head.lower_ in PROTEST_TIME_PREPS):
            return None  # "... over Russia's invasion" ("stones thrown during protests" count)
        pair = arguments.between_pair(noun)
        verb = arguments.manner_verb(noun)
        if len(pair) >= 2 and code.startswith("045"):  # the mediator is not one of them
            source_heads, target_options = arguments.nominal_agents(noun), [pair]
        elif len(pair) >= 2:
            source_heads, target_options, reciprocal = pair[:1], [pair[1:]], True
        else:
            source_heads = arguments.nominal_agents(noun)
            target_options = arguments.nominal_patients(noun)
        if noun.dep_ == "nsubj" and noun.head.pos_ == "VERB" and code[:2] in FORCE_ROOTS:
            # "A massive Israeli airstrike hit Gaza": what the attack hit
            target_options = target_options + arguments.patients(noun.head)
        for i in found.tokens[1:]:  # "an attempt to assassinate X": X is the target
            word = anchor.doc[i]
            if word.pos_ == "VERB" and word.dep_ in ("acl", "xcomp") and word.head.i == noun.i:
                target_options = target_options + arguments.patients(word)
        negated = clauses.negated(noun) or clauses.negated(noun.head)
        governor = noun.head.lemma_.lower() if noun.dep_ == "dobj" else ""
        if governor == "prepare" and code[:2] in FORCE_ROOTS:
            code = "150"  # "is preparing a major offensive": readying force (MOBILIZE)
        elif governor in modality.INTENT_GOVERNORS | modality.THREAT_GOVERNORS | {"plot"}:
            # "militants who planned attacks on India": an intention, not an attack
            code = modality.intent_code(code, governor in modality.THREAT_GOVERNORS)
        return _Arguments(code, source_heads, target_options, negated, reciprocal, verb, noun)

    def _helped_arguments(self, anchor: Token, found: TriggerMatch) -> _Arguments:
        """ "X will help Y acquire submarines": X cooperates with Y."""
        code = found.code
        helper = anchor.head
        source_heads = clauses.agents(helper)
        target_options = [clauses.own_subjects(anchor)] + arguments.patients(helper)
        negated = clauses.negated(helper) or clauses.negated(anchor)
        if modality.has_aux(helper, modality.INTENT_AUX):
            code = modality.intent_code(code)
        return _Arguments(code, source_heads, target_options, negated)

    def _verbal_arguments(self, anchor: Token, found: TriggerMatch) -> _Arguments | None:
        """Who did what to whom around a trigger verb, its modality and governors applied."""
        code = found.code
        if (clauses.document_content(anchor) or clauses.hypothetical(anchor)
                or clauses.alleged(anchor)):
            # "a resolution that aims to ...", "... unless they gain", "accused Biden
            # of siding with criminals": not something told as done
            return None
        source_heads = clauses.agents(anchor)
        target_options = arguments.patients(anchor)
        if code == "053":
            # CAMEO 053, rally support on behalf of: "urged the EC to support the PLO"
            # is aimed at the PLO, whom others are asked to support.
            target_options = [option for c in anchor.children if c.dep_ == "xcomp"
                              for option in arguments.patients(c)] + target_options
        if not source_heads and verb_roles.withdrawn(anchor):
            # "Eighty UN peacekeepers were shipped out of the Bosnian enclave": whose
            # they are withdrew them from there.
            source_heads = target_options[0] if target_options else []
            target_options = verb_roles.withdrawn_from(anchor)
        if anchor.lemma_.lower() in verb_roles.VICTIM_VERBS:
            # "A prisoner died under torture in police custody": the one who died
            # suffered the act; whoever held them did it.
            source_heads, target_options = verb_roles.custodians(anchor), [source_heads]
        if not source_heads and modality.symmetric(code):
            # "Talks were held between Russian and Ukrainian delegations"
            source_heads = arguments.between_pair(anchor)
        if anchor.dep_ == "advcl" and any(c.lower_ == "to" for c in anchor.children):
            # "Biden called Xi to discuss ...": whom the purpose is pursued with
            target_options = target_options + [
                [t for c in anchor.head.children if c.dep_ in ("dobj", "dative")
                 for t in clauses.conjuncts(c)]]
        negated = clauses.negated(anchor)
        governors = clauses.governor_chain(anchor)
        lemmas = {g.lemma_.lower() for g in governors}
        requester = next((g for g in governors
                          if g.lemma_.lower() in modality.REQUEST_GOVERNORS),
                         None)
        asked = modality.requested_clause(anchor)
        if requester is None and asked is not None:
            # "X demanded that Y withdraw", "X repeated its call that Y ease ...":
            # X's request of Y; Y has done nothing yet.
            requester, code = asked
            source_heads = clauses.agents(requester)
            # "issued a reminder to Iraq that it must ...": "it" is who was addressed
            target_options = [clauses.own_subjects(anchor), clauses.addressees(requester),
                              *arguments.patients(anchor)]
            negated = clauses.negated(requester)
        elif requester is not None:
            # "X pressed Y to support Z": X's request of Y, not Y's support.
            code = "100" if requester.lemma_.lower() in modality.DEMAND_GOVERNORS else "020"
            source_heads = clauses.agents(requester)
            target_options = [[c for c in requester.children
                               if c.dep_ in ("dobj", "dative")]] + arguments.patients(anchor)
            negated = clauses.negated(requester)
        elif any(modality.has_aux(g, modality.DEMAND_AUX) for g in [anchor, *governors]):
            return None  # "Y must stop ...": not done; a demand if someone said it
        elif lemmas & modality.NEGATING_GOVERNORS or any(clauses.negated(g) for g in governors):
            negated = True
        elif lemmas & modality.THREAT_GOVERNORS:  # "threatened to impose restrictions"
            code = modality.intent_code(code, conditional=True)
        elif code[:2] in FORCE_ROOTS and any(
                g.lemma_.lower() == "prepare" and g.pos_ == "VERB" for g in governors):
            # "The army prepared to resume shelling": readying force is a show of force
            # (PLOVER MOBILIZE); "is prepared to use force", said, stays a threat.
            code = "150"
        elif lemmas & modality.INTENT_GOVERNORS or (
            modality.has_aux(anchor, modality.INTENT_AUX)
            and not modality.announced_decision(anchor, code)
        ):
            code = modality.intent_code(code, modality.conditional(anchor))
        return _Arguments(code, source_heads, target_options, negated)

    def _placed_targets(
        self, heads: list[Token], date: str | None, anchor: Token, code: str, memory: Memory,
        source_codes: set[str], source_countries: set[str | None],
    ) -> list[Actor]:
        """Unlisted groups among one target option's heads, placed (see Placer)."""
        unlisted = self.placer.unknown_actors(
            heads, date, anchor, memory.sentence_countries, memory.event_nouns)
        # An army does not fight soldiers of its own country: "Azerbaijan killed 2,300
        # Artsakh soldiers" says nothing of whose they were.
        return [t for t in unlisted if t.code not in source_codes
                and not (code[:2] in FORCE_ROOTS and t.sector == "MIL"
                         and t.country in source_countries)]

    def _target_heads(self, heads: list[Token], anchor: Token, found: TriggerMatch) -> list[Token]:
        """One target option's heads, minus what cannot be a target."""
        # "mediated talks between Israel and Hamas": the talks' parties are searched
        # one by one, not read off the phrase (which names only one of them).
        heads = [h for h in heads if len(arguments.between_pair(h)) < 2 or h.i == anchor.i]
        # The trigger's own words are the act ("launched a military operation"), unless
        # they name people ("expelled two British diplomats"); whose they are and what
        # they are of or against still count ("tighten the naval blockade of Serbia").
        return [c for h in heads for c in (
            arguments.complements(h)
            if (h.i in found.tokens[1:] or (found.nominal and h.i == anchor.i))
            and (self.resolver.sector(h.text) is None or h.lemma_.lower() in EQUIPMENT)
            else [h])]

    def _modal_demands(
        self, sent: Span, date: str | None, memory: Memory, taken: set[int]
    ) -> list[Candidate]:
        """ "X said Y must do Z" is X demanding Z of Y (CAMEO 10)."""
        found = []
        for tok in sent:
            if tok.dep_ != "ccomp" or tok.i in taken:
                continue
            if not modality.has_aux(tok, modality.DEMAND_AUX):
                continue
            if tok.head.lemma_.lower() not in modality.SAY_VERBS:
                continue
            sources, c1 = self.heads.resolve_heads(clauses.agents(tok.head), date, memory)
            targets, c2 = self.heads.resolve_heads(clauses.own_subjects(tok), date, memory)
            if sources and targets:
                match = TriggerMatch("100", f"{tok.head.lemma_} ... must", (tok.head.i, tok.i), 2,
                                     False)
                found.append(Candidate(tok, match, "100", sources, targets, coref=c1 or c2))
        return found

    def _statement(
        self, sent: Span, date: str | None, memory: Memory, triggers: set[int]
    ) -> Candidate | None:
        """CAMEO 010 for a statement about another actor, when nothing better was found.

        Not when the reported clause holds an act the coder could not complete ("the
        military said North Korea fired missiles"): that is news about the act, not a
        statement aimed at North Korea.
        """
        for tok in sent:
            if tok.lemma_.lower() not in modality.SAY_VERBS or tok.pos_ not in ("VERB", "AUX"):
                continue
            reported = {t.i for c in tok.children if c.dep_ == "ccomp" for t in c.subtree}
            if reported & triggers:
                continue
            sources, c1 = self.heads.resolve_heads(clauses.agents(tok), date, memory)
            if not sources:
                continue
            target_heads = [c for c in tok.children if c.dep_ in ("dobj", "dative")]
            for comp in tok.children:
                if comp.dep_ == "ccomp":
                    target_heads += clauses.own_subjects(comp)
            # Only named targets (a country, a person): "the move", "a source" are not actors.
            target_heads = [h for h in target_heads if h.pos_ == "PROPN"]
            targets, c2 = self.heads.resolve_heads(target_heads, date, memory)
            targets = [t for t in targets if t.country != sources[0].country]
            if targets:
                match = TriggerMatch("010", tok.lemma_.lower(), (tok.i,), 1, False)
                return Candidate(tok, match, "010", sources[:1], targets[:1], coref=c1 or c2)
        return None

    # -- actors -----------------------------------------------------------------
    def _reporter(
        self, anchor: Token, date: str | None, memory: Memory, source: Actor
    ) -> Actor | None:
        """Who reports an act ("X said Y did ..."), when of another country than its actor."""
        if anchor.dep_ != "ccomp" or anchor.head.lemma_.lower() not in modality.SAY_VERBS:
            return None
        speakers, _ = self.heads.resolve_heads(clauses.agents(anchor.head), date, memory)
        return next((s for s in speakers if s.country and s.country != source.country), None)

    # -- events -----------------------------------------------------------------
    def _events(
        self, document: Document, sent: Span, index: int, candidates: list[Candidate],
        memory: Memory,
    ) -> list[Event]:
        if not candidates:
            return []
        sentence_contexts = self.contexts.find(sent.text)
        events: list[Event] = []
        seen: set[tuple[str, str, str]] = set()
        for cand in candidates:
            event_date = _sentence_date(sent, document.date, cand.anchor.i)
            pairs = [(s, t) for s in cand.sources for t in cand.targets]
            if cand.reciprocal:
                pairs += [(t, s) for s, t in pairs]
            for source, target in pairs:
                if source.code == target.code and (
                    not cand.placed or source.sector is not None or source.text == target.text
                ):
                    continue  # one actor, unless an unlisted party acts on its own country
                if source.country == target.country and (
                    is_dyad_phrase(source.text) or is_dyad_phrase(target.text)
                ):
                    continue  # "Xi told Biden the two countries should ...": not China->China
                key = (source.code, target.code, cand.code)
                if key in seen:
                    continue
                seen.add(key)
                events.append(self._event(document, sent, index, cand, source, target,
                                          sentence_contexts, event_date))
                if not (cand.inferred_target or cand.placed):  # a guess is no counterpart
                    memory.last_dyad = (source, target)
        return events

    def _event(
        self, document: Document, sent: Span, index: int, cand: Candidate, source: Actor,
        target: Actor, sentence_contexts: list[str], event_date: str | None,
    ) -> Event:
        row = lookup(cand.code)
        contexts = list(sentence_contexts)
        if not contexts and row.plover_context:
            contexts = [row.plover_context]
        trigger_tokens = sorted(cand.match.tokens)
        doc = sent.doc
        text = sent.text.strip()
        start = sent.start_char + len(sent.text) - len(sent.text.lstrip())
        trigger = doc[trigger_tokens[0] : trigger_tokens[-1] + 1].text
        if len(trigger) > 60:
            trigger = " ".join(doc[i].text for i in trigger_tokens)
        confidence = 0.45 + 0.1 * min(cand.match.specificity, 3)
        if cand.inferred_target:
            confidence -= 0.2
        if cand.coref or cand.placed:
            confidence -= 0.1
        if cand.negated:
            confidence -= 0.05
        return Event(
            doc_id=document.id,
            sentence_index=index,
            sentence=text,
            date=event_date,
            source=source,
            target=target,
            cameo=row.code,
            cameo_root=row.root,
            plover=row.plover,
            mode=row.mode,
            contexts=contexts,
            goldstein=row.goldstein,
            quad_class=row.quad_class,
            negated=cand.negated,
            confidence=max(0.05, min(confidence, 0.99)),
            evidence=Evidence(trigger=trigger, start=start, end=start + len(text)),
            extra={"source_span": _span_of(sent, source.text),
                   "target_span": _span_of(sent, target.text)},
        )

    def _calibrate(self, events: list[Event]) -> None:
        """Blend in the sentence classifier's belief in each event's class."""
        sentences = sorted({e.sentence for e in events})
        probs = self.classifier.quad_proba(sentences)
        by_sentence = {s: probs[i] for i, s in enumerate(sentences)}
        for event in events:
            p = float(by_sentence[event.sentence][penta_label(event.cameo)])
            event.confidence = round(max(0.05, min(0.99, 0.7 * event.confidence + 0.3 * p)), 3)


def _default_classifier():
    try:
        from detente.events.classifier import EventClassifier
    except ImportError:
        return None
    try:
        return EventClassifier.default()
    except (OSError, ValueError):
        return None


def _span_of(sent: Span, text: str) -> tuple[int, int] | None:
    """Document character offsets of an actor phrase inside its sentence."""
    at = sent.text.find(text)
    if at < 0:
        return None
    return (sent.start_char + at, sent.start_char + at + len(text))


def _sentence_date(sent: Span, published: str | None, near: int | None = None) -> str | None:
    """The date of the time expression nearest the trigger, else the publication date."""
    ents = [e for e in sent.ents if e.label_ == "DATE"]
    if near is not None:
        ents.sort(key=lambda e: min(abs(e.start - near), abs(e.end - 1 - near)))
    for ent in ents:
        found = dates.resolve(ent.text, published)
        if found:
            return found
    return published


def _attach_document_contexts(
    events: list[Event], issue_sentences: list[tuple[list[str], set[str]]]
) -> None:
    """Issues listed in sentences without events belong to the dyads those sentences name.

    "Disputes over trade and Taiwan have strained ties between Washington and
    Beijing" adds trade and Taiwan to the document's USA-CHN events; a sentence
    naming only one side, or neither, adds nothing.
    """
    for found, countries in issue_sentences:
        if len(countries) < 2:
            continue
        for event in events:
            pair = {event.source.country, event.target.country}
            if len(pair) == 2 and pair <= countries:
                event.contexts = sorted(set(event.contexts) | set(found))


def compelled(anchor: Token, sources: list[Actor], targets: list[Actor]) -> bool:
    """Whether an order is a state's order to its own people, firms, media or parties."""
    ordered = anchor.lemma_.lower() == "order" or any(
        g.lemma_.lower() == "order" for g in clauses.governor_chain(anchor))
    return (ordered and bool(targets)
            and all(s.sector in STATE_BODIES for s in sources)
            and all(t.country in {s.country for s in sources}
                    and t.sector not in (None, *STATE_SECTORS, "LEG", "ELI") for t in targets))


def backs_an_attack(verb: Token, found: TriggerMatch, matches: dict[int, TriggerMatch]) -> bool:
    """Whether a verb of support only approves, justifies or praises a hostile act it
    names ("approved the attacks on the embassy", "justified the strike on Iraq"): the
    act is the event, and it is no support for its victim."""
    if (not found.code.startswith("05") or verb.dep_ in ("xcomp", "ccomp")
            or clauses.governor_chain(verb)):
        return False  # "asked citizens to support the crackdown": the request stands
    backed = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if verb.dep_ == "relcl":  # "the strike, which was approved by Trump"
        backed.append(verb.head)
    return any(
        c.i in matches and matches[c.i].nominal
        and lookup(matches[c.i].code).quad_class >= 3 for c in backed)


PROTEST_TIME_PREPS = ("during", "at")


def joined_protest(noun: Token, code: str) -> bool:
    """Whether a nominal protest is what a clause's subject went to or acted in ("were
    converging for a rally", "threw stones during demonstrations")."""
    return (code.startswith("14") and noun.dep_ == "pobj" and noun.head.head.pos_ == "VERB"
            and noun.head.lower_ in ("for", "to", "into", *PROTEST_TIME_PREPS))
