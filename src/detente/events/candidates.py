"""Event candidates, and the rules that fold one into another before events are built.

A candidate is a trigger with its code and actors. Several in one sentence may
tell one event: what a protest is for, the nominal event a verb acts on, the
act a speech verb reports. These rules keep the one to code.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from detente.events.lexicon import TriggerMatch
from detente.model import Actor


@dataclass
class Candidate:
    """One event the coder may emit: a trigger, its code and both sides' actors."""

    anchor: Token
    match: TriggerMatch
    code: str
    sources: list[Actor]
    targets: list[Actor]
    negated: bool = False
    reciprocal: bool = False
    inferred_target: bool = False
    coref: bool = False
    placed: bool = False  # an actor the knowledge base lacks, placed in the sentence's country


# Acts whose object is an event already reported, not one this act brings about:
# "condemned Israel's attack on Gaza", "welcomed the talks".
COMMENT_ROOTS = ("05", "11")



def speech_over_act(say: Token, found: TriggerMatch, matches: dict[int, TriggerMatch]) -> bool:
    """Whether a speech verb's pattern reaches into a reported clause that holds a
    trigger of its own ("announced it will return weapons ...")."""
    for clause in (c for c in say.children if c.dep_ == "ccomp"):
        inside = {t.i for t in clause.subtree}
        if set(found.tokens[1:]) & inside and any(
            j in inside for j in matches if j != say.i
        ):
            return True
    return False


def addressed(heads: list[Token]) -> bool:
    """Whether target heads are the object of "to" (sorting key: addressees last)."""
    return bool(heads) and heads[0].dep_ == "pobj" and heads[0].head.lower_ == "to"


PURPOSE_DEPS = {"advcl", "xcomp", "acl", "relcl"}
# What an act is for is part of it: "marched to demand reforms" is one protest,
# "threatened to blockade Paris to demand ..." one threat, "demanded a meeting to
# discuss X" one demand, "visited X to mediate" one visit. Protests and threats
# absorb the demands and complaints they voice; requests absorb whatever they ask
# for; meetings and promises to meet absorb the consultations they are for; help
# (diplomatic, material, aid) absorbs the help it is given for.
PURPOSE_PARENTS = ("13", "14", "02", "10", "03", "04", "05", "06", "07")
MATERIAL_HELP = ("05", "06", "07")
VOICED = ("02", "10", "11")


def drop_purposes(candidates: list[Candidate]) -> list[Candidate]:
    """Candidates minus those that only say what another candidate's act is for."""
    parents: dict[int, Candidate] = {}
    for cand in candidates:
        if cand.code.startswith(PURPOSE_PARENTS):
            parents[cand.anchor.i] = cand
            if cand.match.nominal:  # "staged demonstrations to demand ..."
                parents[cand.anchor.head.i] = cand
    if not parents:
        return candidates
    kept = []
    for cand in candidates:
        parent = _purpose_parent(cand, parents)
        if parent is None:
            kept.append(cand)
        elif cand.targets and (parent.inferred_target or _only_home(parent, cand)):
            # "... to protest against Sweden's decision", "blocked streets in Hong Kong in
            # defiance of Chinese authorities": at whom it is aimed
            parent.targets, parent.inferred_target = cand.targets, False
    return kept


def _only_home(parent: Candidate, cand: Candidate) -> bool:
    """A protest aimed only at its own country's places, while what it voices names
    another country's actor."""
    home = {s.country for s in parent.sources}
    return (parent.code.startswith("14") and all(t.country in home for t in parent.targets)
            and any(t.country not in home for t in cand.targets))


def _purpose_parent(cand: Candidate, parents: dict[int, Candidate]) -> Candidate | None:
    tok = cand.anchor
    if cand.match.nominal and tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
        tok = tok.head  # "blocked a road to show their disapproval for X"
    if (cand.match.nominal and tok.dep_ == "pobj" and tok.head.lower_ == "in"
            and cand.code.startswith(("11", "12"))):
        # "blocked streets in defiance of Chinese authorities": the protest's stance
        holder = tok.head.head
        holder = holder.head if holder.pos_ == "NOUN" and holder.dep_ == "dobj" else holder
        parent = parents.get(holder.i)
        if parent is not None and parent.code.startswith(("13", "14")):
            return parent
    for _ in range(3):
        # A protest's coordinated demands count too ("rallied and demanded ...").
        deps = PURPOSE_DEPS | {"conj"} if cand.code.startswith(VOICED) else PURPOSE_DEPS
        if tok.dep_ not in deps or tok.head.i == tok.i:
            return None
        if any(c.dep_ == "mark" and c.lower_ not in ("to", "so", "that") for c in tok.children):
            return None  # "after a ship fired ...": when, not what for
        tok = tok.head
        parent = parents.get(tok.i)
        if parent is None or parent is cand:
            continue
        if parent.code.startswith(("13", "14")):
            return parent if cand.code.startswith(VOICED) else None
        if parent.code.startswith(("03", "04")):  # "will visit X to mediate": one visit
            helping = parent.code.startswith("03") and cand.code.startswith(MATERIAL_HELP)
            return parent if cand.code.startswith("04") or helping else None
        if parent.code.startswith(MATERIAL_HELP):
            # "sent material to help defend Saudi Arabia": one act of help
            return parent if cand.code.startswith(MATERIAL_HELP) else None
        return None if cand.code.startswith(VOICED) else parent
    return None


def object_of_act(noun: Token, matches: dict[int, TriggerMatch]) -> bool:
    """Whether a nominal trigger is what another trigger verb acts on ("rejected an
    invitation", "suspended aid deliveries"): that verb's event is the one to code."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "for":
        head = head.head  # "called for talks"
    elif noun.dep_ not in ("dobj", "nsubjpass"):
        return False
    found = matches.get(head.i)
    return found is not None and not found.nominal and not found.code.startswith(COMMENT_ROOTS)


def shared_protest_targets(candidates: list[Candidate]) -> list[Candidate]:
    """A protest act with no named target takes the one its protest names ("youths threw
    stones during demonstrations against the Israeli military"): one protest, one target.
    """
    for cand in candidates:
        if not (cand.inferred_target and cand.code.startswith("14")):
            continue
        sources = {s.code for s in cand.sources}
        named = next((o for o in candidates if o is not cand and not o.inferred_target
                      and o.code.startswith("14") and o.targets
                      and sources & {s.code for s in o.sources}), None)
        if named is not None:
            cand.targets, cand.inferred_target = list(named.targets), False
    return candidates
