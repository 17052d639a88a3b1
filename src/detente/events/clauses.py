"""Who-does-what-to-whom from a dependency parse.

Given an event trigger (a verb or a nominal like "talks"), find the heads of the
noun phrases that play source and target, following spaCy's English
dependency labels: active and passive voice, control ("X urged Y to ..."),
coordination ("X and Y agreed", one verb with several targets), relative
clauses, possessive and prepositional arguments of nominals ("X's visit to Y",
"talks between X and Y"). Nothing here resolves names: that is `actors`.
The ranked search for targets around a trigger is in `arguments`; acts that
are only background are told apart in `background`, verb classes with their
own roles in `verb_roles`.
"""

from __future__ import annotations

from spacy.tokens import Token

SUBJECT_DEPS = {"nsubj", "csubj", "expl"}


# Dependents that belong to an actor's noun phrase.
PHRASE_DEPS = {
    "compound", "amod", "poss", "det", "nmod", "appos", "flat", "case", "nummod",
    "quantmod", "npadvmod", "punct", "cc", "predet",
}  # fmt: skip
# "Rebels in the Ivory Coast": a place complement that tells the actor's country.
PLACE_PREPS = {"in", "from", "inside", "throughout", "across", "within"}


# Passive forms whose subject is the doer ("were engaged in", "is involved in").
STATIVE_PASSIVES = {"engage", "involve"}


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


def is_passive(verb: Token) -> bool:
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
    if is_passive(verb):
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
    return is_passive(verb) and not any(c.dep_ == "agent" for c in verb.children)
