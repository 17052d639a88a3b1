"""Readable sentences composed from coded events — never from a language model.

Each sentence says who did what to whom, when, and about what, using only the
event's fields: actors (as the article named them, with their country), the
CAMEO code's phrase from data/verbs.csv, the date, the contexts, and — for
requests, demands, intentions, accusations and threats — the clause the
sentence itself attaches to the trigger ("urged China *to release ...*"),
quoted verbatim and cut short. So a brief cannot state what the sources do not.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

from detente.analytics import names

# Context keys that name a proper noun or need more than underscores -> spaces.
CONTEXT_LABELS = {
    "taiwan": "Taiwan", "south_china_sea": "the South China Sea",
    "east_china_sea": "the East China Sea",
    "ukraine": "Ukraine", "russia_ukraine": "the war in Ukraine", "gaza": "Gaza",
    "hong_kong": "Hong Kong", "xinjiang": "Xinjiang", "tibet": "Tibet", "korea": "Korea",
    "korean_peninsula": "the Korean peninsula", "middle_east": "the Middle East",
    "human_rights": "human rights", "wmd": "weapons of mass destruction", "ai": "AI",
    "covid": "COVID-19", "un": "the UN", "nato": "NATO", "wto": "the WTO",
    "ukraine_war": "the war in Ukraine", "israel_palestine": "Israel and the Palestinians",
    "rights_freedoms": "rights and freedoms", "natural_resource": "natural resources",
    "religion_ethnicity": "religion and ethnicity", "cbrn": "weapons of mass destruction",
    "drugs": "drugs", "misinformation": "disinformation",
}  # fmt: skip
# Contexts that say an event was diplomacy, not what it was about.
GENERIC_CONTEXTS = frozenset({"diplomatic", "diplomacy", "political", "government"})
PRONOUNS = frozenset("he she it they we i you him her them his its their this that".split())
_CONNECTORS = {  # root -> (before a "to ..." clause, before a "that ..." clause)
    "02": ("asking it", "asking"), "10": ("pressing it", "demanding"),
    "03": ("pledging", "saying"), "13": ("threatening", "warning"),
    "12": ("refusing", "saying"), "11": ("", "saying"),
}
_MAX_WORDS = 16
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]+\s[-\u2013\u2014]\s+")


@lru_cache(maxsize=1)
def verb_table() -> dict[str, tuple[str, str]]:
    """CAMEO code -> (phrase, negated phrase), `{t}` standing for the target."""
    path = resources.files("detente.analytics") / "data" / "verbs.csv"
    with path.open(encoding="utf-8") as fh:
        return {row["code"]: (row["phrase"], row["negated"]) for row in csv.DictReader(fh)}


def verb_phrase(cameo: str, negated: bool = False) -> str:
    """The phrase for a code, falling back to its parent (3 digits, then root)."""
    table = verb_table()
    for candidate in (cameo, cameo[:3], cameo[:2]):
        if candidate in table:
            return table[candidate][1 if negated else 0]
    return "did not act toward {t}" if negated else "acted toward {t}"


@lru_cache(maxsize=1)
def implied_by() -> dict[str, frozenset[str]]:
    """Context -> the narrower contexts that imply it (taiwan implies territory).

    Read from the coder's context lexicon, so a brief can say "Taiwan" instead
    of "Taiwan, territory": the broader context adds nothing there.
    """
    import yaml

    from detente.events.contexts import DEFAULT_PATH
    from detente.yamlio import load_yaml

    try:
        data = load_yaml(DEFAULT_PATH.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return {}
    direct = {c: set((e or {}).get("implies") or []) for c, e in data.items()
              if isinstance(e, dict)}
    out: dict[str, set[str]] = {}
    for narrow in direct:
        stack, seen = list(direct[narrow]), set()
        while stack:
            broad = stack.pop()
            if broad not in seen:
                seen.add(broad)
                out.setdefault(broad, set()).add(narrow)
                stack.extend(direct.get(broad, ()))
    return {k: frozenset(v) for k, v in out.items()}


def specific(contexts: Iterable[str]) -> list[str]:
    """The contexts minus those implied by another one in the list."""
    present = list(dict.fromkeys(contexts))
    implied = implied_by()
    return [c for c in present if not implied.get(c, frozenset()) & set(present)]


@lru_cache(maxsize=1)
def _lexicon():  # noqa: ANN202 - a ContextLexicon, or None where it cannot load
    try:
        from detente.events.contexts import ContextLexicon

        return ContextLexicon.default()
    except (ImportError, ValueError):
        return None


def sentence_contexts(sentence: str | None, contexts: Iterable[str]) -> list[str]:
    """The event's contexts that its own sentence names (else a short list as it is).

    An event's contexts also carry the issues listed elsewhere in its article;
    a one-line summary should only say what this sentence is about.
    """
    lexicon = _lexicon()
    listed = list(contexts)
    if lexicon is None or not sentence:
        return listed
    found = set(lexicon.find(sentence))
    named = [c for c in listed if c in found]
    if named:
        return named
    # The sentence names none: a short list is still about this event; a long one is the
    # article's agenda, which the issues section reports.
    return listed if len(specific(c for c in listed if c not in GENERIC_CONTEXTS)) <= 2 else []


def context_label(context: str) -> str:
    return CONTEXT_LABELS.get(context, context.replace("_", " "))


def issue_list(contexts: Iterable[str], limit: int = 4) -> list[str]:
    return [context_label(c) for c in specific(contexts) if c not in GENERIC_CONTEXTS][:limit]


def join_words(items: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def long_date(value: str | dt.date | None) -> str:
    """2023-06-18 -> "18 June 2023"."""
    if not value:
        return "an unknown date"
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    return f"{day.day} {day:%B %Y}"


def actor(text: str | None, code: str | None, country: str | None, sector: str | None) -> str:
    """An actor as a reader wants it: "Antony Blinken (United States)", "China".

    A mention that only names the country (Washington, the Americans, a
    pronoun) becomes the country — or its military, lawmakers... by sector; a
    named person or body keeps the article's words with the country added
    unless the words already say it.
    """
    key = country or code
    mention = re.sub(r"\s+", " ", (text or "").strip())
    mention = _DATELINE.sub("", mention)  # "BEIJING - US Secretary of State ..."
    bare = re.sub(r"^(the|The)\s+", "", mention)
    place = names.places().get(key or "")
    words = place.words if place else frozenset()
    generic = (
        not bare or bare.lower() in PRONOUNS or bare.lower() in words
        or bare.lower() == names.plain_name(key).lower() or not names.name_words(bare)
    )
    if generic or not key:
        return names.sector_phrase(key, sector) if key else (mention or "someone")
    mention = re.sub(r"^(The|A|An)\s", lambda m: m.group(1).lower() + " ", mention)
    lowered = mention.lower()
    if any(re.search(rf"\b{re.escape(w)}\b", lowered) for w in words if len(w) > 1):
        return mention  # "Chinese Foreign Minister Qin Gang" already says where
    return f"{bare} ({names.plain_name(key)})"


def complement(sentence: str | None, trigger: str | None, target_text: str | None) -> str:
    """The "to …"/"that …"/"of …" clause the sentence attaches to its trigger, if any.

    Tried after the whole trigger and after its first word, since a trigger
    may already span the target ("urged China to release").
    """
    if not sentence or not trigger:
        return ""
    at = sentence.lower().find(trigger.lower())
    if at < 0:
        return ""
    first = trigger.split()[0] if trigger.split() else trigger
    for end in dict.fromkeys((at + len(trigger), at + len(first))):
        clause = _clause_after(sentence[end:], target_text)
        if clause:
            return clause
    return ""


def _clause_after(rest: str, target_text: str | None) -> str:
    if target_text:  # "urged China to ...": the target sits between trigger and clause
        bare = re.sub(r"^the\s+", "", target_text, flags=re.I)
        lead = re.match(r"\s*(?:the\s+)?" + re.escape(bare), rest, flags=re.I)
        if lead:
            rest = rest[lead.end():]
    match = re.match(r"\s*,?\s*(to|that|of|over|for)\s+(.*)", rest, flags=re.S)
    if not match:
        return ""
    clause = re.split(r"[;:,(—–]|\.\s|\.$|\s-\s|\bwhich\b|\band said\b|\bbut\b|\bbecause\b",
                      match.group(2))[0]
    words = clause.split()
    if not words or len(words) < 2 and match.group(1) != "to":
        return ""
    text = " ".join(words[:_MAX_WORDS]) + (" …" if len(words) > _MAX_WORDS else "")
    return f"{match.group(1)} {text}".rstrip(" .")


def compose(event: Mapping[str, Any], reciprocal: bool = False) -> str:
    """One readable sentence for a (clustered) event row."""
    source = actor(event.get("source_text"), event.get("source_code"),
                   event.get("source_country"), event.get("source_sector"))
    target = actor(event.get("target_text"), event.get("target_code"),
                   event.get("target_country"), event.get("target_sector"))
    cameo = str(event.get("cameo") or "")
    root = cameo[:2]
    gist = ""
    if root in _CONNECTORS and not event.get("negated"):
        clause = complement(event.get("sentence"), event.get("trigger"), event.get("target_text"))
        if clause:
            lead, _, rest = clause.partition(" ")
            to_conn, that_conn = _CONNECTORS[root]
            if lead == "to":
                gist = f", {to_conn} {clause}" if to_conn else ""
            elif lead == "that":
                gist = f", {that_conn} {clause}"
            elif root == "11" and lead in ("of", "over", "for"):
                gist = f" {clause}"
    # With the sentence's own clause, the general phrase reads better than a specific one
    # ("appealed to China, asking it to release ..." not "appealed to China to give way, ...").
    phrase = verb_phrase(root if gist and root in ("02", "10") else cameo,
                         bool(event.get("negated")))
    if reciprocal:
        subject, body = f"{source} and {target}", phrase.replace("{t}", "each other")
    else:
        subject, body = source, phrase.replace("{t}", target)
    issues = issue_list(sentence_contexts(event.get("sentence"), event.get("contexts") or []))
    about = f" (issues: {', '.join(issues)})" if issues else ""
    return f"On {long_date(event.get('date'))}, {subject} {body}{gist}{about}."
