"""Who an act is aimed at, and who did it, around a trigger: the argument search.

Candidate targets of a verb come best first (passive subject, object, the owner
of a non-actor object, prepositional objects ranked by preposition); nominal
triggers take theirs from possessors, "by"/"of" phrases and "between X and Y".
The caller keeps the first candidate that resolves to an actor.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from detente.actors.resolver import RELATIONAL_NOUNS
from detente.events.clauses import STATIVE_PASSIVES, agents, conjuncts, is_passive, own_subjects

# Prepositions whose object can be an event's target, best first.
TARGET_PREPS = (
    "with", "to", "against", "on", "at", "toward", "towards", "for", "from", "into",
    "upon", "over", "onto", "between", "among", "of", "around", "near", "off", "in",
    "inside", "across", "throughout",
)  # fmt: skip


TARGET_PREP_RANK = {p: i for i, p in enumerate(TARGET_PREPS)}


# Prepositions that introduce times or means, never a target. Places ("in Amman",
# "drills near Taiwan") are the weakest kind of target: CAMEO codes the place's
# country when nothing better is named.
NON_TARGET_PREPS = {"during", "after", "before", "since", "until", "by", "despite", "amid"}


# Verbs whose subject undergoes the nominal event in their object.
UNDERGO_VERBS = {
    "face", "receive", "draw", "attract", "suffer", "endure", "survive", "escape", "get",
    "come", "weather", "absorb",
}  # fmt: skip


def patients(verb: Token) -> list[list[Token]]:
    """Candidate target heads of a verb, best first: passive subject, object, prepositional
    objects (each candidate with its conjuncts). The caller keeps the first that resolves
    to an actor: in "held talks with X" the object "talks" is no actor, X is.
    """
    if is_passive(verb) and verb.lemma_.lower() not in STATIVE_PASSIVES:
        for child in verb.children:
            if child.dep_ == "nsubjpass":
                # "A camp for Congolese refugees was attacked": the camp's people.
                inner = [tok for _, tok in sorted(
                    [*_owners(child, 1), *_prep_objects(child, 2)], key=lambda c: c[0])]
                return [conjuncts(child)] + [conjuncts(tok) for tok in inner]
    candidates = sorted(_argument_search(verb), key=lambda c: (c[0], c[1].i))
    return [conjuncts(tok) for _, tok in candidates]


def _argument_search(verb: Token, depth: int = 0) -> Iterator[tuple[int, Token]]:
    """Objects reachable from a verb: (rank, head) with lower rank = better target."""
    objects = 0
    for child in verb.children:
        dep = child.dep_
        if dep == "dative" and child.pos_ == "ADP":  # "sent aid to Syria" parsed as dative "to"
            yield from _prep_objects_of(child, depth * 100 + 20)
        elif dep in ("dobj", "dative", "attr", "oprd"):
            rank = depth * 100 + (0 if dep in ("dobj", "dative") else 5)
            if dep == "dobj":
                # A second object after a comma is an aside the parse hung on the verb
                # ("held talks with X, the first visit to China ...").
                rank += 30 * min(objects, 1)
                objects += 1
            yield (rank, child)
            # "condemned China's crackdown", "welcomed the French proposal": whose it is.
            yield from _owners(child, rank + 1)
            # "held talks with X", "imposed sanctions on X": look inside the object.
            yield from _prep_objects(child, depth * 100 + 10)
        elif dep == "prep" and child.lower_ == "as":
            # "denounced as a crime Serbia's crackdown": the object comes after the "as"
            # phrase and the parse hangs it there as an apposition.
            for pobj in child.children:
                for moved in (c for c in pobj.children if c.dep_ == "appos"):
                    yield (depth * 100 + 1, moved)
                    yield from _owners(moved, depth * 100 + 2)
        elif dep == "prep":
            yield from _prep_objects_of(child, depth * 100 + 20)
        elif dep == "prt":  # "kidnapped up to 16 advisers": the parse hangs "to" on "up"
            yield from _prep_objects(child, depth * 100 + 20)
        elif dep == "xcomp" and depth < 2:
            yield from _argument_search(child, depth + 1)
        elif (dep == "advcl" and depth == 0 and child.pos_ == "VERB"
              and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children)
              and not any(m.dep_ in ("mark", "nsubj") for m in child.children)):
            # "sent material to help defend Saudi Arabia": whom the act is for
            yield from _argument_search(child, depth + 1)
        elif dep == "advcl" and depth <= 1 and any(
                m.dep_ == "mark" and m.lower_ in ("unless", "if", "for") for m in child.children):
            # "threatened to strike unless Baghdad accepted": the one the condition binds;
            # "pushing for the US to support": the one asked.
            for sub in child.children:
                if sub.dep_ == "nsubj":
                    yield (95, sub)
        elif dep == "ccomp" and depth <= 1:
            # "help Australia acquire", "demanded that Washington stop": the embedded
            # subject is who the act is aimed at, after any object or prepositional target;
            # then what the embedded act is aimed at ("warned its forces would respond to
            # any attack by Israel").
            for sub in child.children:
                if sub.dep_ in ("nsubj", "nsubjpass"):
                    yield (90, sub)
            if depth == 0:
                yield from ((rank + 100, tok) for rank, tok in _argument_search(child, 1))


def first_conjunct(token: Token) -> Token:
    """The first of a coordination ("artillery, mortar and rocket fire" -> "artillery")."""
    for _ in range(8):
        if token.dep_ != "conj" or token.head.i == token.i:
            break
        token = token.head
    return token


#: Money, whose national adjective names no actor ("nine billion US dollars").
CURRENCY_NOUNS = {
    "dollar", "dollars", "euro", "euros", "yuan", "renminbi", "pound", "pounds", "yen",
    "rupee", "rupees", "ruble", "rubles", "rouble", "roubles", "peso", "pesos", "franc",
    "francs", "lira", "rand", "dinar", "dinars", "rial", "riyal", "shekel", "shekels",
    "hryvnia", "won", "baht", "ringgit",
}  # fmt: skip


def _owners(noun: Token, rank: int) -> Iterator[tuple[int, Token]]:
    """The possessor or national adjective of a non-actor noun: "Serbia's suppression",
    or the agent of its participle: "crimes committed by Croat forces"."""
    if noun.pos_ != "NOUN" and not (noun.pos_ == "VERB" and noun.dep_ in ("dobj", "pobj")):
        return  # (a noun the tagger took for a verb still heads its phrase: "takers demands")
    for child in noun.children:
        if child.dep_ == "acl" and child.tag_ == "VBN":
            for agent in (c for c in child.children if c.dep_ == "agent"):
                for pobj in (c for c in agent.children if c.dep_ == "pobj"):
                    yield (rank, pobj)
    if noun.lower_ in RELATIONAL_NOUNS or noun.lower_ in CURRENCY_NOUNS:
        return  # "killed the chief of Israel's militia ally": the ally is not Israel
    for child in noun.children:
        if _stance_prefix(child):
            continue  # "an anti-Syria journalist" is no Syrian
        if child.dep_ == "poss" or (child.dep_ in ("amod", "compound") and child.i < noun.i
                                    and child.pos_ in ("ADJ", "PROPN")):
            yield (rank, child)
        elif child.dep_ == "compound" and child.pos_ == "NOUN" and child.tag_ == "NNS":
            yield (rank + 1, child)  # "rejected the hostage-takers' demands"


def _stance_prefix(tok: Token) -> bool:
    """A word after "anti-" or "pro-", or the prefix itself, split off by the tokenizer."""
    doc = tok.doc
    if tok.lower_ in ("anti", "pro", "-"):
        return True
    return (tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_
            and doc[tok.i - 2].lower_ in ("anti", "pro"))


def _prep_objects(head: Token, base: int) -> Iterator[tuple[int, Token]]:
    for child in head.children:
        if child.dep_ == "prep":
            if child.lower_ == "by":  # "rejected calls by X": the caller is the target
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        yield (base + len(TARGET_PREPS), pobj)
            else:
                yield from _prep_objects_of(child, base)


def _prep_objects_of(prep: Token, base: int) -> Iterator[tuple[int, Token]]:
    word = prep.lower_
    if word in NON_TARGET_PREPS or word not in TARGET_PREP_RANK:
        return
    stranded = stranded_object(prep)
    if stranded is not None:
        yield (base + TARGET_PREP_RANK[word], stranded)
    for pobj in prep.children:
        if pobj.dep_ == "pobj":
            yield (base + TARGET_PREP_RANK[word], pobj)
            yield from _owners(pobj, base + TARGET_PREP_RANK[word] + 1)
            if base < 200:  # one level down: "for a war against Iraq", "at a jail in Israel"
                for inner in pobj.children:
                    if inner.dep_ == "prep" and inner.lower_ == "by":
                        # "respond to any attack by Israel": whose act it answers
                        yield from ((base + 200 + len(TARGET_PREPS), o) for o in inner.children
                                    if o.dep_ == "pobj")
                    elif inner.dep_ == "prep" and inner.lower_ != "of":
                        yield from _prep_objects_of(inner, base + 200)
        elif pobj.dep_ == "pcomp" and pobj.pos_ == "ADP":  # "on behalf of", "away from"
            yield from _prep_objects_of(pobj, base)


def stranded_object(prep: Token) -> Token | None:
    """The object a parse made the subject of the next clause: in "granted asylum to
    five officers holed up in a residence" the officers head "holed up", not the "to"."""
    if any(c.dep_ in ("pobj", "pcomp") for c in prep.children) or prep.i + 1 >= len(prep.doc):
        return None
    following = prep.doc[prep.i + 1]
    for tok in (following, *following.ancestors):
        if tok.left_edge.i != prep.i + 1 or tok.i < prep.i:
            break
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i > tok.i:
            return tok
    return None


MANNER_PREPS = {"in", "with", "through", "via", "using", "as"}


def manner_verb(noun: Token) -> Token | None:
    """The verb a nominal describes the manner of: "X wounded Y in a bomb attack"."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in MANNER_PREPS and head.head.pos_ == "VERB":
        return head.head
    return None


def nominal_agents(noun: Token) -> list[Token]:
    """Source of a nominal trigger: "X's visit", "Russian airstrikes", "sanctions by X"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return conjuncts(child)
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return conjuncts(pobj)
    mods = [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i]
    if mods:
        # "a massive Israeli airstrike": the name, not the first adjective
        named = [m for m in mods if m.text[:1].isupper() and m.i > m.sent.start]
        return [(named or mods)[0]]
    # The nominal is the object of a light verb ("X launched airstrikes"): its subject.
    if noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
        if undergoes(noun):
            return _from_objects(noun) or _from_objects(noun.head)
        return agents(noun.head)
    return []


def is_modifier(token: Token) -> bool:
    """A pre-nominal modifier ("Russian airstrikes", "Kabul bombing")."""
    return token.dep_ in ("amod", "compound", "nmod") and token.i < token.head.i


def undergoes(noun: Token) -> bool:
    """ "X faced criticism", "X received threats": X is the target, not the source."""
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in UNDERGO_VERBS


def _from_objects(head: Token) -> list[Token]:
    for child in head.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in ("from", "by"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return conjuncts(pobj)
    return []


def nominal_patients(noun: Token) -> list[list[Token]]:
    """Candidate targets of a nominal trigger, best first: "visit to Y", "sanctions on Y"."""
    if undergoes(noun):
        return [own_subjects(noun.head)]
    found = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in TARGET_PREP_RANK:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found.append((TARGET_PREP_RANK[child.lower_], pobj))
                    # "suspension of air links with Serbia": one level further down.
                    found.extend(_owners(pobj, 100))
                    found.extend(_prep_objects(pobj, 100))
    found.sort(key=lambda c: (c[0], c[1].i))
    return [conjuncts(tok) for _, tok in found]


def between_pair(noun: Token) -> list[Token]:
    """"talks between X and Y": both members, so the event is coded both ways. A
    subject noun's verb may carry the phrase ("battles raged between X and Y")."""
    holders = [noun]
    if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ == "VERB":
        holders.append(noun.head)  # "talks were held between X and Y"
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in ("between", "among"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        members = conjuncts(pobj)
                        if len(members) == 1:  # "between the leaders of Egypt and Jordan"
                            inner = [o for p in pobj.children if p.dep_ == "prep"
                                     and p.lower_ == "of" for o in p.children
                                     if o.dep_ == "pobj"]
                            if inner and len(conjuncts(inner[0])) >= 2:
                                return conjuncts(inner[0])
                        return members
    return []


def complements(noun: Token) -> list[Token]:
    """Whose a noun is ("the Israeli strike") and the objects of its "of/on/against/to/from"
    phrases, with their conjuncts."""
    found: list[Token] = [tok for _, tok in _owners(noun, 0)
                          if tok.dep_ == "poss" or tok.text[:1].isupper()]  # not "naval"
    if found:
        return found  # "American criticism of China's record": the critic, not the topic
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "on", "against", "to", "from"):
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    found.extend(conjuncts(pobj))
    if not found:
        # "an invitation to attend a meeting of Palestinian factions", "an offer to
        # hold talks with Iran": who the proposed act is with.
        for verb in (c for c in noun.children if c.dep_ == "acl" and c.pos_ == "VERB"
                     and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)):
            for child in verb.children:
                if child.dep_ == "dobj" and child.pos_ == "NOUN":
                    found.extend(t for t in complements(child) if t.pos_ != "NOUN"
                                 or t.text[:1].isupper() or t.tag_ == "NNS")
                    found.extend(_with_objects(child))
                elif child.dep_ == "prep" and child.lower_ in ("with", "to"):
                    found.extend(t for o in child.children if o.dep_ == "pobj"
                                 for t in conjuncts(o))
    return found


def _with_objects(noun: Token) -> list[Token]:
    return [t for p in noun.children if p.dep_ == "prep" and p.lower_ == "with"
            for o in p.children if o.dep_ == "pobj" for t in conjuncts(o)]
