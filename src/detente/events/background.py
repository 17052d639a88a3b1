"""Whether a trigger tells an act of the day, or only background to it.

Acts the sentence dates years before the article, a ceasefire that others watch
over, and a weather warning are not news of an event between actors: coding them
would misdate old events or invent new ones.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

#: Verbs whose object is a standing state of affairs, not news of it.
MONITORING_VERBS = {"oversee", "monitor", "supervise", "observe", "police", "patrol",
                    "enforce", "verify", "guarantee", "safeguard", "uphold"}


def monitored(noun: Token) -> bool:
    """A nominal event that others watch over ("troops deployed to oversee a ceasefire
    between X and Y"): it was reported when it began."""
    return (noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_.lower() in MONITORING_VERBS
            and noun.head.dep_ in ("xcomp", "advcl", "acl", "relcl", "pcomp"))


_YEAR = re.compile(r"^(1[5-9]|20)\d\d$")
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "twenty": 20, "fifty": 50}


def historical(anchor: Token, published: str | None) -> bool:
    """An act the sentence dates years before publication ("murdered officers during
    World War Two", "the 1994 genocide", "expelled them 18 years ago"): background, not
    news of the day, which would misdate it. The nearest clause that names a time
    decides ("In 2015, Saudi Arabia started supporting ...": what was started)."""
    if not published or not published[:4].isdigit():
        return False
    year = int(published[:4])
    if anchor.pos_ in ("NOUN", "PROPN"):
        own = _years([c for c in anchor.children
                      if c.dep_ in ("compound", "nummod", "amod", "prep")], year)
        if own:
            return max(own) < year - 1
        verb = anchor.head.head if anchor.dep_ == "pobj" else anchor.head
        if anchor.dep_ not in ("dobj", "pobj") or verb.pos_ != "VERB" or verb.i == anchor.i:
            return False
        anchor = verb  # "..., providing airstrikes": when the providing was
    for _ in range(4):
        found = _years([c for c in anchor.children
                        if (c.dep_ == "prep" and c.lower_ in ("in", "during", "on"))
                        or c.dep_ in ("npadvmod", "advmod")], year)
        if found:
            return max(found) < year - 1
        if anchor.dep_ not in ("conj", "xcomp", "advcl") or anchor.head.i == anchor.i:
            return False
        anchor = anchor.head  # "In 2007, X labeled Y and imposed sanctions": both verbs
    return False


def _years(scope: list[Token], published_year: int) -> list[int]:
    """The years a time phrase names: "in 2007", "during World War Two", "18 years ago"."""
    years: list[int] = []
    words: list[Token] = []
    for phrase in scope:
        if phrase.dep_ != "prep":
            words.extend(phrase.subtree)
            continue
        # A time phrase's own words, not phrases nested in it ("in spite of record
        # seizures in 2014" dates the seizures, not the act).
        for obj in (o for o in phrase.children if o.dep_ == "pobj"):
            words.append(obj)
            for mod in obj.children:
                if mod.dep_ in ("nummod", "compound", "amod", "quantmod", "npadvmod"):
                    words.extend(mod.subtree)
    for tok in words:
        if _YEAR.match(tok.text):
            years.append(int(tok.text))
        elif tok.lower_ == "war" and any(c.lower_ == "world" for c in tok.children):
            years.append(1945)
        elif tok.lower_ == "ago" and (spans := [c for c in tok.children if c.lemma_ == "year"]):
            count = [n for n in spans[0].children if n.dep_ == "nummod"]
            if count:
                word = count[0].lower_
                number = int(word) if word.isdigit() else _NUMBER_WORDS.get(word, 0)
                if number >= 2:
                    years.append(published_year - number)
    return years


HAZARD_WORDS = {"flood", "storm", "weather", "tsunami", "heat", "hurricane", "typhoon",
                "cyclone", "tornado", "snow", "wind", "fire", "avalanche", "drought", "frost",
                "rain", "volcano", "earthquake", "landslide", "health", "pandemic"}


def hazard_warning(tokens: list[Token]) -> bool:
    """A warning of weather or disaster ("issued a flash flood warning"): no threat."""
    return any(t.lemma_.lower() in ("warning", "warn", "alert") and any(
        c.lemma_.lower() in HAZARD_WORDS for c in t.children if c.dep_ in ("compound", "amod"))
        for t in tokens)
