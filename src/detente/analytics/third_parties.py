"""Third parties: whom else each side of a dyad dealt with in a window, and how.

An analyst of US-China relations wants to see that Washington deepened
military cooperation with Japan and the Philippines while Beijing courted the
Pacific islands: those moves are part of the relationship. A third party is
any country or organisation that an event links to one side of the dyad, in
either direction; events inside one country are not counted.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pandas as pd

from detente.analytics import names
from detente.analytics.text import GENERIC_CONTEXTS, context_label

# PLOVER type (or CAMEO root for codes without one) -> what it is, as a noun.
KINDS = {
    "AGREE": "pledges of cooperation", "CONSULT": "diplomacy", "SUPPORT": "diplomatic support",
    "CONCEDE": "concessions", "COOPERATE": "cooperation", "AID": "aid",
    "RETREAT": "de-escalation", "REQUEST": "requests", "ACCUSE": "accusations",
    "REJECT": "rejections", "THREATEN": "threats", "PROTEST": "protests",
    "SANCTION": "sanctions", "MOBILIZE": "military posturing", "COERCE": "coercion",
    "ASSAULT": "attacks", None: "statements",
}  # fmt: skip
_ROOT_KINDS = {"01": None, "02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT",
               "06": "COOPERATE", "07": "AID", "08": "CONCEDE", "09": "ACCUSE",
               "10": "REQUEST", "11": "ACCUSE", "12": "REJECT", "13": "THREATEN",
               "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE",
               "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT"}
# Contexts that read as an adjective before the kind ("military cooperation").
DOMAINS = frozenset("military economic trade security nuclear energy maritime cyber technology "
                    "humanitarian health environment".split())


def kind(plover: str | None, cameo_root: str | None) -> str:
    """The noun for what an event was, for grouping third-party dealings."""
    key = plover if plover in KINDS else _ROOT_KINDS.get(cameo_root or "")
    return KINDS[key]


def third_party_events(events: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Events between a or b and anyone else, with `with` (a or b) and `country` (the other)."""
    sides = {a, b}
    src, tgt = events["source_key"], events["target_key"]
    out_mask = src.isin(sides) & ~tgt.isin(sides) & tgt.notna()
    in_mask = tgt.isin(sides) & ~src.isin(sides) & src.notna()
    outgoing = events[out_mask].assign(**{"with": src[out_mask], "country": tgt[out_mask],
                                          "outgoing": True})
    incoming = events[in_mask].assign(**{"with": tgt[in_mask], "country": src[in_mask],
                                         "outgoing": False})
    return pd.concat([outgoing, incoming], ignore_index=True)


def third_parties(events: pd.DataFrame, a: str, b: str, evidence: int = 2) -> list[dict[str, Any]]:
    """Per (third party, side): events, direction counts, how, and evidence.

    `events` are clustered events of the window. Sorted by event count.
    """
    linked = third_party_events(events, a, b)
    items = []
    if linked.empty:
        return items
    for (country, side), group in linked.groupby(["country", "with"], sort=False):
        kinds: Counter = Counter()
        for row in group.to_dict("records"):
            kinds[_describe(row)] += 1
        how = [f"{k} ({n})" if n > 1 and len(kinds) > 1 else k for k, n in kinds.most_common()]
        contexts = Counter(c for cs in group["contexts"] for c in cs if c not in GENERIC_CONTEXTS)
        ranked = group.sort_values(["num_articles", "date"], ascending=[False, True],
                                   kind="stable")
        examples = []
        for ev in ranked["evidence"]:
            for e in ev[:1]:
                if len(examples) < evidence and e["sentence"] not in {x["sentence"]
                                                                      for x in examples}:
                    examples.append(e)
        items.append({
            "country": country, "name": names.plain_name(country), "with": side,
            "events": len(group), "outgoing": int(group["outgoing"].sum()),
            "incoming": int((~group["outgoing"]).sum()),
            "cooperation": int(group["quad_class"].isin((1, 2)).sum()),
            "conflict": int(group["quad_class"].isin((3, 4)).sum()),
            "goldstein_mean": round(float(group["goldstein"].mean()), 2),
            "how": ", ".join(how), "kinds": dict(kinds),
            "issues": [context_label(c) for c, _ in contexts.most_common(3)],
            "first": min(group["date"]), "last": max(group["date"]),
            "evidence": examples,
        })  # fmt: skip
    items.sort(key=lambda i: (-i["events"], i["with"] != a, i["country"]))
    return items


def _describe(row: dict) -> str:
    """"military cooperation": the kind, led by the first domain context if any."""
    noun = kind(row.get("plover"), row.get("cameo_root"))
    if row.get("negated"):
        noun = f"refused {noun}"
    for context in row.get("contexts") or []:
        if context in DOMAINS and noun in ("cooperation", "aid", "pledges of cooperation",
                                           "threats", "sanctions"):
            return f"{context} {noun}"
    return noun
