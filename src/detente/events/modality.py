"""Modality and reported speech: what a clause's governors and auxiliaries do to its act.

"refused to meet", "plans to visit", "X said Y must", "X will help Y": the same
act under different governors is a rejection, an intention, a demand or
cooperation. These word lists and tests are the coder's grammar of modality.
"""

from __future__ import annotations

from spacy.tokens import Token

SAY_VERBS = {
    "say", "tell", "state", "announce", "declare", "add", "note", "insist", "claim",
    "report", "stress", "suggest", "write", "argue", "affirm", "reiterate", "conclude",
    "confirm", "admit", "acknowledge", "indicate", "reply", "respond", "assert", "explain",
    "emphasize", "emphasise", "underline", "repeat", "maintain",
}  # fmt: skip
NEGATING_GOVERNORS = {"refuse", "decline", "fail", "reject", "deny", "resist", "avoid", "cancel"}
INTENT_GOVERNORS = {
    "plan", "intend", "hope", "want", "seek", "expect", "aim", "willing", "ready", "prepared",
    "eager", "pledge", "promise", "vow", "offer", "propose", "wish", "prepare", "consider",
    "able", "going",
}  # fmt: skip
# Governors that make the act they govern a request ("urged Y to ..."); the lexicon's
# own patterns (e.g. "urge release" -> 0253) win where they match.
REQUEST_GOVERNORS = {
    "urge", "ask", "press", "call", "push", "pressure", "encourage", "appeal", "implore",
    "demand", "insist", "order", "tell", "request", "want", "invite", "persuade",
}  # fmt: skip
DEMAND_GOVERNORS = {"demand", "insist", "order"}
THREAT_GOVERNORS = {"threaten"}
HELP_VERBS = {"help", "assist", "enable"}
INTENT_AUX = {"will", "would", "could", "may", "might", "shall", "'ll", "wo"}
DEMAND_AUX = {"must", "should"}
# What an intention to act becomes in CAMEO: intent to cooperate (03x) or threat (13x).
INTENT_CODE = {
    "03": "030", "04": "036", "05": "030", "06": "031", "07": "033", "08": "035",
    "09": "030", "10": "100", "11": "111", "12": "130", "13": "130", "14": "130",
    "15": "138", "16": "131", "17": "130", "18": "138", "19": "138", "20": "138",
}  # fmt: skip


ANNOUNCE_VERBS = {"announce", "decide", "confirm", "declare", "order", "rule"}


def announced_decision(verb: Token, code: str = "") -> bool:
    """ "X announced it would prohibit aid": a decision, coded as the act itself.

    A condition ("... unless Y complies") keeps it a threat or a promise, and so does
    coercion still to come ("announced he will extend the curfew", "confirmed it would
    tighten the blockade"): until done it is held over those it would hit.
    """
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in ANNOUNCE_VERBS:
        return False
    if code.startswith(("17", "191")):
        return False
    return not conditional(verb, ("unless", "if"))


def conditional(verb: Token, marks: tuple[str, ...] = ("unless",)) -> bool:
    """ "... unless Y complies": an act held over another's conduct, a threat.

    ("... if he gave them a veto" makes a cooperative act a conditional offer,
    which is still an intent to cooperate.)
    """
    return any(c.dep_ == "advcl" and any(m.lower_ in marks for m in c.children)
               for c in verb.children)


# Nouns that make the clause after them a request: "its demand that Israel ease ...".
REQUEST_NOUNS = {"demand": "100", "call": "020", "appeal": "020", "request": "020",
                 "plea": "020", "ultimatum": "100", "insistence": "100"}


def requested_clause(verb: Token) -> tuple[Token, str] | None:
    """The requesting verb and its CAMEO code when `verb` is what someone asked for.

    "X demanded that Y withdraw" and "X repeated its call that Y withdraw": the
    clause is in the subjunctive (bare verb) or has must/should.
    """
    # "demanded that Israel withdraw" (VB); "demand that its partners refuse" (VBP)
    if verb.dep_ not in ("ccomp", "acl") or not (
        verb.tag_ in ("VB", "VBP") or has_aux(verb, DEMAND_AUX)
    ):
        return None
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ not in DEMAND_AUX for c in verb.children):
        return None  # "said that Y would ..."
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None  # "a demand to withdraw": no one is asked in the clause itself
    head = verb.head
    if verb.dep_ == "acl":  # "repeated its demand that Y ease ...", "a reminder that Y must"
        noun = head.lemma_.lower()
        governor = head.head
        if head.dep_ == "pobj" and governor.head.pos_ == "VERB" and noun in REQUEST_NOUNS:
            governor = governor.head  # "insisted on its demands that Y grant ..."
        elif head.dep_ not in ("dobj", "attr") or governor.pos_ != "VERB":
            return None
        if noun in REQUEST_NOUNS:
            return governor, REQUEST_NOUNS[noun]
        return (governor, "100") if has_aux(verb, DEMAND_AUX) else None
    lemma = head.lemma_.lower()
    if lemma in REQUEST_GOVERNORS and lemma != "tell":
        return head, "100" if lemma in DEMAND_GOVERNORS else "020"
    for child in head.children:
        if child.dep_ in ("dobj", "attr") and child.lemma_.lower() in REQUEST_NOUNS:
            return head, REQUEST_NOUNS[child.lemma_.lower()]
    if has_aux(verb, DEMAND_AUX) and any(
        c.dep_ == "dobj" and c.pos_ == "NOUN" for c in head.children
    ):  # "issued a reminder to Iraq that it must ..."
        return head, "100"
    return None


def has_aux(verb: Token, words: set[str]) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in words for c in verb.children)


def has_object(verb: Token) -> bool:
    return any(c.dep_ in ("dobj", "dative") for c in verb.children)


# Codes whose coordinated subjects act on each other ("China and Russia agreed",
# "India and Pakistan exchanged fire"); anything else ("X and Y pledged funds")
# needs a named target.
# Verbs whose coordinated subjects act together, whatever the act: agreeing,
# signing and reaching a deal take two.
MUTUAL_VERBS = {"agree", "sign", "reach", "conclude", "negotiate", "trade", "exchange"}
SYMMETRIC_PREFIXES = ("030", "031", "032", "036", "04", "050", "057", "06", "193", "046")


def symmetric(code: str) -> bool:
    return code.startswith(SYMMETRIC_PREFIXES)


def intent_code(code: str, conditional: bool = False) -> str:
    """The code of an intended act; one held over another's conduct ("will withdraw its
    troops unless ...") is a threat whatever the act. An announced deployment (15)
    stays a show of force: "will send police to Haiti" threatens no one by itself."""
    if code[:2] == "15" and not conditional:
        return code
    if code.startswith("172"):  # "prepared to impose martial law": 1724 -> 1324
        return "13" + code[2:]
    if code[:2] in ("03", "13"):
        return "130" if conditional and code[:2] == "03" else code
    found = INTENT_CODE.get(code[:2], code)
    return "130" if conditional and found[:2] == "03" else found


def reported_speaker(pronoun: Token) -> Token | None:
    """The speaker a pronoun subject of reported speech stands for ("X said it would ...")."""
    if pronoun.lower_ not in ("it", "they", "he", "she", "we") or pronoun.dep_ not in (
        "nsubj", "nsubjpass"
    ):
        return None
    clause = pronoun.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in SAY_VERBS:
        return None
    say = clause.head
    for _ in range(3):
        for child in say.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ != "PRON":
                # "Chinese officials said it has infected ...": "it" is not the officials.
                plural = child.tag_ in ("NNS", "NNPS")
                if pronoun.lower_ in ("it", "he", "she") and plural:
                    return None
                return child
        # "X was quoted as saying he ...", "X spoke on Monday, saying he ...": the
        # participle's subject is its governor's.
        if say.dep_ in ("pcomp", "advcl", "xcomp") and say.head.i != say.i:
            say = say.head.head if say.head.pos_ == "ADP" else say.head
        else:
            break
    return None
