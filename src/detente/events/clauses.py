"""Who-does-what-to-whom from a dependency parse.

Given an event trigger (a verb or a nominal like "talks"), find the heads of the
noun phrases that play source and target, following spaCy's English
dependency labels: active and passive voice, control ("X urged Y to ..."),
coordination ("X and Y agreed", one verb with several targets), relative
clauses, possessive and prepositional arguments of nominals ("X's visit to Y",
"talks between X and Y"). Nothing here resolves names: that is `actors`.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from detente.actors.resolver import RELATIONAL_NOUNS

SUBJECT_DEPS = {"nsubj", "csubj", "expl"}
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
# Dependents that belong to an actor's noun phrase.
PHRASE_DEPS = {
    "compound", "amod", "poss", "det", "nmod", "appos", "flat", "case", "nummod",
    "quantmod", "npadvmod", "punct", "cc", "predet",
}  # fmt: skip
# "Rebels in the Ivory Coast": a place complement that tells the actor's country.
PLACE_PREPS = {"in", "from", "inside", "throughout", "across", "within"}
# Passive forms whose subject is the doer ("were engaged in", "is involved in").
STATIVE_PASSIVES = {"engage", "involve"}
# Verbs whose subject undergoes the nominal event in their object.
UNDERGO_VERBS = {
    "face", "receive", "draw", "attract", "suffer", "endure", "survive", "escape", "get",
    "come", "weather", "absorb",
}  # fmt: skip
# Verbs whose object is also the subject of the embedded clause ("urged China to act").
OBJECT_CONTROL = {
    "urge", "ask", "call", "press", "push", "tell", "order", "force", "pressure",
    "encourage", "invite", "persuade", "warn", "request", "demand", "allow", "help",
}  # fmt: skip


def conjuncts(token: Token) -> list[Token]:
    """The token and everything coordinated with it ("Japan and the Philippines")."""
    result = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN", "PRON", "ADJ"):
            result.extend(conjuncts(child))
    return result


def phrase_tokens(head: Token, places: bool = True) -> list[Token]:
    """Tokens of the noun phrase headed by `head`: modifiers and appositions, not clauses.

    `places` keeps place complements ("rebels in the Ivory Coast"), which can
    tell an actor's country.
    """
    keep = [head]
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ in PHRASE_DEPS or (child.dep_ == "prep" and (
                    tok.i == head.i and child.lower_ == "of"
                    or places and _core(tok, head) and child.lower_ in PLACE_PREPS)):
                if child.dep_ == "cc" or (child.dep_ == "punct" and child.i > head.i + 8):
                    continue
                if (child.dep_ == "npadvmod" and child.i > tok.i
                        and child.doc[child.i - 1].text == ","):
                    continue  # "with strings attached, Cuba": not the strings' name
                keep.append(child)
                stack.append(child)
            elif child.dep_ == "pobj" and tok.dep_ == "prep":
                keep.append(child)
                stack.append(child)
    keep.sort(key=lambda t: t.i)
    # Trim leading/trailing punctuation so the span text reads cleanly.
    while keep and keep[0].is_punct:
        keep.pop(0)
    while keep and keep[-1].is_punct:
        keep.pop()
    return keep


def _core(tok: Token, head: Token) -> bool:
    """The head itself, or what it quantifies ("thousands of students [in Y]")."""
    return tok.i == head.i or (tok.dep_ == "pobj" and tok.head.lower_ == "of"
                               and tok.head.head.i == head.i)


def phrase_text(head: Token, places: bool = True) -> str:
    """Text of the phrase headed by `head` (contiguous span from its first to last token)."""
    toks = phrase_tokens(head, places)
    if not toks:
        return head.text
    doc = head.doc
    return doc[toks[0].i : toks[-1].i + 1].text


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def own_subjects(verb: Token) -> list[Token]:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS and child.pos_ != "SCONJ":
            if child.pos_ == "VERB" and child.tag_ == "VBG":
                # "The Red Cross operating in Iraq said ...": the parse made the
                # participle the subject; its own subject is who spoke.
                inner = [c for c in child.children if c.dep_ in SUBJECT_DEPS]
                if inner:
                    return conjuncts(inner[0])
            return conjuncts(child)
    return []


def agents(verb: Token) -> list[Token]:
    """Source heads of a verb: its subject, the by-agent of a passive, or inherited."""
    if _passive(verb):
        for child in verb.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return conjuncts(pobj)
        if verb.lemma_.lower() in STATIVE_PASSIVES:  # "X were engaged in ethnic cleansing"
            return [c for c in verb.children if c.dep_ == "nsubjpass"][:1]
        return []
    own = own_subjects(verb)
    if own:
        # "that"/"which"/"who" as subject of a relative clause stands for the noun it modifies.
        if own[0].lower_ in ("that", "which", "who") and verb.dep_ == "relcl":
            return conjuncts(verb.head)
        return own
    return _inherited_subjects(verb)


def _inherited_subjects(verb: Token) -> list[Token]:
    head = verb.head
    if head.i == verb.i:
        return []
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        return agents(head)
    if verb.dep_ == "xcomp":
        if head.lemma_.lower() in OBJECT_CONTROL:
            objs = [c for c in head.children if c.dep_ in ("dobj", "dative")]
            if objs:
                return conjuncts(objs[0])
        if head.pos_ == "ADJ" and head.dep_ == "acomp":  # "X was willing to cooperate"
            return agents(head.head)
        return agents(head)
    if verb.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN"):
        if verb.dep_ == "relcl":
            return conjuncts(head)
        if (verb.tag_ in ("VBN", "VBD") and head.dep_ == "nsubj"
                and sum(c.dep_ == "nsubj" for c in head.head.children) >= 2):
            # "Palestinian youths resorted to throwing stones ..., officials said": the
            # parse made the main verb a participle of its subject, and gave "said"
            # two subjects; the first did the act.
            return conjuncts(head)
        if verb.tag_ == "VBG" and head.dep_ in ("dobj", "attr") and head.head.pos_ == "VERB":
            if head.lemma_.lower() in MESSAGE_NOUNS:
                # "X issued a statement demanding ...": the statement's author demands.
                return agents(head.head)
            if head.tag_ in ("NNS", "NNPS"):
                # "police dispersed demonstrators protesting the results": they protest.
                return conjuncts(head)
        return []
    if verb.dep_ == "advcl":
        return agents(head)
    if verb.dep_ == "pcomp" and head.pos_ == "ADP" and head.head.pos_ in ("VERB", "AUX"):
        return agents(head.head)  # "X resorted to throwing stones", "X began by shelling"
    return []


def patients(verb: Token) -> list[list[Token]]:
    """Candidate target heads of a verb, best first: passive subject, object, prepositional
    objects (each candidate with its conjuncts). The caller keeps the first that resolves
    to an actor: in "held talks with X" the object "talks" is no actor, X is.
    """
    if _passive(verb) and verb.lemma_.lower() not in STATIVE_PASSIVES:
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
        return [mods[0]]
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


CHARACTERIZING_VERBS = {
    "describe", "call", "brand", "label", "term", "characterize", "characterise", "denounce",
    "condemn", "criticize", "criticise", "see", "regard", "view", "decry", "slam", "dismiss",
}  # fmt: skip


def is_topic_mention(noun: Token) -> bool:
    """A nominal trigger used as a topic ("disputes over ... Russia's invasion of Ukraine").

    Such nominals name a background issue, not an event the sentence reports.
    """
    tok = noun
    for _ in range(6):
        if tok.dep_ == "conj":
            tok = tok.head
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ in (
            "over", "about", "regarding", "concerning", "including", "on", "amid", "despite",
            "of", "since", "after", "before", "following", "during",
        ):  # fmt: skip
            return True
        if (tok.dep_ == "pobj" and tok.head.lower_ == "as"
                and tok.head.head.lemma_.lower() in CHARACTERIZING_VERBS):
            return True  # "described the offensive as genocide" ("held them as human shields")
        return False
    return False


def negated(verb: Token) -> bool:
    """True for "did not sign", "never met", "no talks"."""
    return any(c.dep_ == "neg" for c in verb.children) or any(
        c.dep_ == "det" and c.lower_ == "no" for c in verb.children
    )


def governor_chain(verb: Token) -> list[Token]:
    """Heads above a verb through xcomp/acomp links ("refused to meet", "was willing to")."""
    chain = []
    tok = verb
    # "pressed X to stop arming Y and to support Z": "support" shares "stop"'s governor.
    while tok.dep_ == "conj" and tok.head.dep_ == "xcomp" and tok.head.i != tok.i:
        tok = tok.head
    for _ in range(4):
        if tok.dep_ in ("xcomp", "acomp") and tok.head.i != tok.i:
            tok = tok.head
            chain.append(tok)
        else:
            break
    return chain


# ("on" is left out: "attacks on India" names a target, "on Sunday" a day.)
LOCATIVE_PREPS = {"in", "near", "outside", "at", "inside", "around", "off"}


def event_places(anchor: Token) -> list[Token]:
    """Heads of the phrases that say where an act happened ("near Samarra"), nearest first.

    Follows "in a bomb explosion in Beirut" and "by a device outside Basra" down
    to the place; "outside of X" counts as "outside X".
    """
    found: list[Token] = []
    queue = [anchor]
    while queue:
        tok = queue.pop(0)
        for child in tok.children:
            if child.dep_ == "dobj" and tok.i == anchor.i:
                queue.append(child)  # "declared a state of siege in Haiti"
                continue
            if child.dep_ == "acl" and tok.dep_ == "dobj" and tok.head.i == anchor.i:
                queue.append(child)  # "prevented the demonstration staged in Sivas"
                continue
            if child.dep_ != "prep":
                continue
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if not objects and child.lower_ in LOCATIVE_PREPS:  # "outside of X"
                objects = [g for c in child.children if c.dep_ == "prep"
                           for g in c.children if g.dep_ == "pobj"]
            if child.lower_ in LOCATIVE_PREPS:
                found.extend(objects)
                queue.extend(objects)
            elif child.lower_ in ("by", "with", "under"):  # "under investigation in Italy"
                queue.extend(objects)
    return found


def reported_as_fact(anchor: Token) -> bool:
    """Whether an act is told as something that happened, not as a detail of a noun
    ("a guard involved in a shooting", "the right of troops to fire")."""
    tok = anchor
    for _ in range(8):
        if tok.dep_ in ("acl", "relcl", "amod", "appos", "pcomp", "xcomp", "csubj"):
            return False  # also "accused X of suppressing Y", "plans to strike"
        if tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head  # a conjunct is told as its first conjunct is
            continue
        if tok.dep_ in ("ROOT", "ccomp", "advcl") and tok.pos_ in ("VERB", "AUX"):
            return True
        if tok.head.i == tok.i:
            return True
        tok = tok.head
    return True


def addressees(verb: Token) -> list[Token]:
    """Who a speech act is addressed to: "told X", "sent a message to X"."""
    found = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.pos_ == "PROPN"]
    for prep in (c for c in verb.subtree if c.dep_ in ("prep", "dative") and c.lower_ == "to"):
        if prep.head.i == verb.i or prep.head.head.i == verb.i:
            found += [o for o in prep.children if o.dep_ == "pobj"]
    return found


CLAUSE_DEPS = {"acl", "relcl", "advcl", "ccomp", "xcomp", "conj", "cc", "appos", "punct"}


def located_text(head: Token) -> str:
    """A noun phrase with all its prepositional complements ("students at a university
    in Sivas"), without clauses: where a group is."""
    keep = [head]
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ not in CLAUSE_DEPS:
                keep.append(child)
                stack.append(child)
    keep.sort(key=lambda t: t.i)
    return " ".join(t.text for t in keep)


# Nouns for texts and schemes whose clauses say what they contain or propose.
#: What speaks for its author ("issued a statement demanding ...").
MESSAGE_NOUNS = {
    "statement", "letter", "communique", "communiqué", "message", "note", "report", "appeal",
    "petition", "declaration", "speech", "video", "editorial", "article", "post", "tweet",
    "advertisement", "ad", "leaflet", "banner", "press", "memo", "memorandum", "order",
    "warning", "ultimatum", "call", "notice", "circular", "bulletin", "broadcast",
    "announcement", "resolution", "plan", "proposal", "bill", "draft", "law", "decree",
    "motion",
}  # fmt: skip

DOCUMENT_NOUNS = {
    "resolution", "plan", "proposal", "bill", "draft", "law", "measure", "initiative",
    "agreement", "deal", "treaty", "accord", "motion", "amendment", "legislation", "decree",
    "blueprint", "roadmap", "framework",
}  # fmt: skip


def document_content(verb: Token) -> bool:
    """Whether a verb only tells what a plan or draft proposes ("a resolution that aims
    to tighten sanctions", "a plan to withdraw troops")."""
    tok = verb
    for _ in range(6):
        if tok.dep_ in ("xcomp", "conj") and tok.head.i != tok.i:
            tok = tok.head
            continue
        break
    # "a law recognizing X" (a participle) is what the law does once passed.
    return (tok.dep_ in ("relcl", "acl") and tok.tag_ != "VBG"
            and tok.head.lemma_.lower() in DOCUMENT_NOUNS)


def clause_antecedent(pronoun: Token) -> Token | None:
    """The main clause's subject that "they"/"it" in a subordinate clause stands for
    ("militants attacked a base when they ...")."""
    if pronoun.lower_ not in ("they", "it", "he", "she") or pronoun.dep_ != "nsubj":
        return None
    clause = pronoun.head
    if clause.dep_ not in ("advcl", "conj") or clause.head.i == clause.i:
        return None
    for child in clause.head.children:
        if child.dep_ == "nsubj" and child.pos_ != "PRON":
            return child
    return None


def hypothetical(verb: Token) -> bool:
    """An act in a condition ("if they attack", "unless Y complies") or a future limit
    ("fight until they gain control"): not something that happened."""
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    if marks & {"if", "unless"}:
        return True
    if (verb.dep_ == "pcomp" and verb.head.lower_ in ("before", "until")
            and verb.head.head.lemma_.lower() in STIPULATING_VERBS):
        return True  # "demanded a truce before allowing aid convoys in": a condition
    return bool(marks & {"until", "till"}) and verb.tag_ in ("VB", "VBP", "VBZ")


#: Verbs whose "before doing X" states a condition, not a sequence of acts.
STIPULATING_VERBS = {"demand", "insist", "require", "want", "seek", "refuse", "threaten",
                     "warn", "vow", "pledge", "promise", "offer", "ask", "call"}


def told_as_act(noun: Token) -> bool:
    """Whether a nominal event is told as happening ("a bombing killed ...", "killed in
    a car bomb explosion"), not referred to ("serving a sentence for the 1968
    assassination of ...")."""
    if noun.dep_ in ("nsubj", "nsubjpass"):
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ in ("in", "by", "during")


def coordinated_modifiers(head: Token) -> list[str]:
    """Texts of nationality words coordinated with a noun's modifier: "Chinese" in
    "Russian and Chinese warships", "British" in "US and British forces"."""
    found = []
    for mod in head.children:
        if mod.dep_ not in ("amod", "nmod", "compound") or mod.i > head.i:
            continue
        for conj in (c for c in mod.children if c.dep_ == "conj" and c.i < head.i):
            found.append(" ".join(t.text for t in conj.subtree if t.dep_ != "cc"))
    return found


def possessor_antecedent(head: Token) -> Token | None:
    """The actor "its"/"their" in a noun phrase stands for: the speaker in "Israel said
    its troops ...", the subject in "Russia moved its troops ..."."""
    if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in head.children):
        return None
    verb = head
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    own = {t.i for t in head.subtree}
    for _ in range(3):
        for child in verb.children:
            if (child.dep_ in ("nsubj", "nsubjpass") and child.i not in own
                    and child.pos_ in ("PROPN", "NOUN")):
                return child
        if verb.dep_ in ("ccomp", "xcomp", "advcl", "conj") and verb.head.i != verb.i:
            verb = verb.head  # "Israel said [its troops killed ...]"
        else:
            break
    return None


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


# Verbs whose "of/for doing X" names what someone is blamed or punished for.
ALLEGING_VERBS = {
    "accuse", "blame", "charge", "suspect", "convict", "indict", "criticize", "criticise",
    "condemn", "fault", "sanction", "punish", "fine", "penalize", "penalise", "arrest",
    "detain", "jail", "sentence", "expel", "prosecute", "blacklist",
}  # fmt: skip


def alleged(verb: Token) -> bool:
    """An act that is the content of an accusation: "accused Biden of siding with X"."""
    return (verb.dep_ == "pcomp" and verb.head.lower_ in ("of", "for")
            and verb.head.head.lemma_.lower() in ALLEGING_VERBS)


def campaign_event(noun: Token) -> bool:
    """A rally or march held by a candidate or for a campaign ("a Biden rally", "an
    election rally", "Trump's campaign rally"): politics, not a protest."""
    for child in noun.children:
        if child.dep_ not in ("compound", "poss", "amod", "nmod"):
            continue
        if child.lower_ in ("campaign", "election", "electoral", "victory", "inauguration"):
            return True
        if child.ent_type_ == "PERSON":
            return True
    return False


def is_location(head: Token) -> bool:
    """Whether a noun is the object of a place preposition ("in Istanbul", "near Kabul")."""
    return head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS


def passive_without_agent(verb: Token) -> bool:
    return _passive(verb) and not any(c.dep_ == "agent" for c in verb.children)
