"""Who did what to whom for verbs whose roles a plain reading of the parse gets wrong.

The victim of "died under torture" is its subject, a withdrawal told in the passive
was made by the withdrawn forces' own side, a refusal "despite pressure by X" is
aimed at X, and territory "taken after fighting" was taken by force of arms.
"""

from __future__ import annotations

from spacy.tokens import Token

from detente.events.clauses import conjuncts, passive_without_agent

COMBAT_NOUNS = {"fighting", "fight", "battle", "battles", "clash", "clashes", "combat",
                "assault", "offensive", "shelling", "bombardment", "siege", "gunbattle"}


def taken_in_combat(verb: Token) -> bool:
    """ "captured the village after five days of fighting": territory taken by force of
    arms, an attack rather than an occupation."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("after", "following", "amid", "in"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                inner = [o for p in pobj.children if p.dep_ == "prep" and p.lower_ == "of"
                         for o in p.children if o.dep_ == "pobj"]
                if any(t.lower_ in COMBAT_NOUNS for t in [pobj, *inner]):
                    return True
    return False


def defied(verb: Token) -> list[list[Token]]:
    """Who pressed for what a refusal turns down: "declined to resign despite pressure by
    the anti-corruption commission", "in defiance of calls from the UN"."""
    found: list[list[Token]] = []
    for tok in (verb, *(c for c in verb.children if c.dep_ == "xcomp")):
        for prep in (c for c in tok.children if c.dep_ == "prep"):
            nouns = [o for o in prep.children if o.dep_ == "pobj"]
            if prep.lower_ == "in" and nouns and nouns[0].lower_ == "defiance":
                nouns = [o for p in nouns[0].children if p.dep_ == "prep" and p.lower_ == "of"
                         for o in p.children if o.dep_ == "pobj"]
            elif prep.lower_ != "despite":
                continue
            for noun in nouns:
                found += [conjuncts(o) for p in noun.children if p.dep_ == "prep"
                          and p.lower_ in ("by", "from", "of") for o in p.children
                          if o.dep_ == "pobj"]
                found += [[c] for c in noun.children if c.dep_ == "poss"]
    return found


#: Verbs whose subject suffers the act: "a prisoner died under torture in police custody".
VICTIM_VERBS = {"die", "perish", "succumb"}


def custodians(verb: Token) -> list[Token]:
    """Who held the victim: "in Israeli police custody", "at the hands of the militia"."""
    found: list[Token] = []
    for tok in verb.subtree:
        if tok.lemma_.lower() in ("custody", "detention") and tok.dep_ == "pobj":
            found.append(tok)
        elif tok.lower_ == "hands" and tok.dep_ == "pobj":
            found += [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                      for o in p.children if o.dep_ == "pobj"]
    return found


WITHDRAW_VERBS = {"withdraw", "pull", "ship", "move", "recall"}
DEPLOYED_NOUNS = {"peacekeeper", "troop", "soldier", "force", "observer", "monitor",
                  "inspector", "diplomat", "staff", "personnel", "contingent", "mission",
                  "ambassador", "envoy", "battalion", "unit"}


def withdrawn(verb: Token) -> bool:
    """A passive withdrawal of forces or envoys that names no one doing it
    ("peacekeepers were pulled out"): their own side withdrew them."""
    return (verb.lemma_.lower() in WITHDRAW_VERBS and passive_without_agent(verb)
            and any(c.dep_ == "nsubjpass" and c.lemma_.lower() in DEPLOYED_NOUNS
                    for c in verb.children))


def withdrawn_from(verb: Token) -> list[list[Token]]:
    """Where a withdrawal was from: "out of the enclave", "from Iraq"."""
    found: list[list[Token]] = []
    for prep in (c for c in verb.children if c.dep_ in ("prep", "prt")):
        if prep.lower_ == "out":
            prep = next((c for c in prep.children if c.dep_ == "prep" and c.lower_ == "of"),
                        prep)
        if prep.lower_ in ("from", "of"):
            found += [conjuncts(o) for o in prep.children if o.dep_ == "pobj"]
    return found
