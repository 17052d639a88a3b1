"""Event clustering: many reports of one event become one event with counts.

A summit reported by three outlets is one event, not three; counting mentions
would measure coverage, not relations. Two mentions are reports of the same
event when (all of):

1. same directed dyad (source and target country, or organisation code),
2. same CAMEO root and the same `negated` flag,
3. dates at most `window_days` apart (measured from the cluster's first date,
   so a cluster cannot creep along a chain of daily reports),
4. the people named do not conflict (Blinken meeting Qin Gang and Blinken
   meeting Wang Yi on the same day are two meetings), and
5. the evidence is similar: `similarity` (word overlap of the two sentences,
   plus small bonuses for the same full CAMEO code, the same date and the
   same people named) reaches `min_similarity` (0.3) for reports in different
   articles, and `same_article` (0.6) for two sentences of one article —
   one report often lists two demands of the same dyad on the same day. The
   exception is a meeting (CAMEO 04): sentences of one article about the same
   dyad's meeting on the same day are one meeting unless they name different
   people, since reports retell their meeting ("held talks ... The two
   diplomats met for seven hours").

Counts are computed over all coverage, not frozen at first sight:
num_mentions (coded mentions), num_articles (distinct articles) and
num_sources (distinct outlets: sitename, else the URL's host).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pandas as pd

from detente.analytics.names import name_words

_STOP = frozenset("""
a about above after again against all also an and any are as at be because been before
being between both but by can could did do does during each few for from further had has
have having he her here hers him his how i if in into is it its itself just me more most
my no nor not now of off on once only or other our out over own said same says she should
so some such than that the their them then there these they this those through to too
under until up very was we were what when where which while who whom why will with would
you your on monday tuesday wednesday thursday friday saturday sunday week month year
""".split())

CLUSTER_COLUMNS = [
    "event_id", "date", "source_key", "target_key", "source_code", "source_country",
    "source_sector", "source_text", "target_code", "target_country", "target_sector",
    "target_text", "cameo", "cameo_root", "plover", "mode", "quad_class", "goldstein",
    "contexts", "negated", "confidence", "sentence", "trigger", "title", "url",
    "num_mentions", "num_articles", "num_sources", "first_seen", "mentions", "evidence",
]  # fmt: skip


def content_words(sentence: str | None) -> frozenset[str]:
    """Crude stems (first 5 letters) of the sentence's content words."""
    words = re.findall(r"[a-z0-9]+", (sentence or "").lower())
    return frozenset(w[:5] for w in words if len(w) > 2 and w not in _STOP)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


@dataclass
class _Mention:
    row: dict
    words: frozenset[str]
    names: tuple[frozenset[str], frozenset[str]]


@dataclass
class _Cluster:
    first: str
    members: list[_Mention] = field(default_factory=list)


def _names_conflict(a: _Mention, b: _Mention) -> bool:
    return any(x and y and not (x & y) for x, y in zip(a.names, b.names, strict=True))


def similarity(a: _Mention, b: _Mention) -> float:
    """How alike two mentions' evidence is (0 … ~1.5); see the module docstring.

    Word overlap (Jaccard), plus 0.1 for the same full CAMEO code, 0.1 for the
    same date, and 0.3 when both sides name the same people in both reports
    (0.1 when only one side does: "Blinken met the two diplomats" and "Blinken
    met Wang Yi" share a name but may be two meetings); plus 0.1 when both name
    a shared specific issue, minus 0.3 when their specific issues are disjoint.
    """
    if a.row["article_id"] == b.row["article_id"] and \
            a.row["sentence_index"] == b.row["sentence_index"]:
        return 2.0
    score = jaccard(a.words, b.words)
    score += 0.1 * (a.row["cameo"] == b.row["cameo"]) + 0.1 * (a.row["date"] == b.row["date"])
    shared = [bool(x & y) for x, y in zip(a.names, b.names, strict=True)]
    if all(shared):
        score += 0.3
    elif any(shared):
        score += 0.1
    # Same dyad, same day, different issues ("resume military talks" vs "cooperate on
    # fentanyl"): two agreements, not one reported twice.
    issues_a, issues_b = _issues(a.row), _issues(b.row)
    if issues_a and issues_b:
        score += 0.1 if issues_a & issues_b else -0.3
    return score


GENERIC_CONTEXTS = frozenset({"diplomatic", "economic", "legal", "executive"})


def _issues(row: dict) -> frozenset[str]:
    return frozenset(row.get("contexts") or ()) - GENERIC_CONTEXTS


def cluster_events(
    df: pd.DataFrame,
    window_days: int = 2,
    min_similarity: float = 0.3,
    same_article: float = 0.6,
) -> pd.DataFrame:
    """Collapse the mentions of a normalised event frame into events (CLUSTER_COLUMNS).

    `mentions` lists the member event_ids, so the raw mentions stay reachable;
    `evidence` lists {sentence, title, url, date}, one per distinct sentence.
    """
    if df.empty:
        return pd.DataFrame(columns=CLUSTER_COLUMNS)
    rows = df.sort_values(["date", "published", "article_id", "sentence_index"],
                          na_position="last", kind="stable").to_dict("records")
    groups: dict[tuple, list[_Cluster]] = {}
    window = pd.Timedelta(days=window_days)
    for row in rows:
        mention = _Mention(row, content_words(row["sentence"]),
                           (name_words(row["source_text"]), name_words(row["target_text"])))
        key = (row["source_key"], row["target_key"], row["cameo_root"], row["negated"])
        open_clusters = groups.setdefault(key, [])
        date = pd.Timestamp(row["date"])
        best, best_score = None, 0.0
        for cluster in open_clusters:
            if date - pd.Timestamp(cluster.first) > window:
                continue
            score = _score(mention, cluster, min_similarity, same_article)
            if score > best_score:
                best, best_score = cluster, score
        if best is None:
            best = _Cluster(first=row["date"])
            open_clusters.append(best)
        best.members.append(mention)
    events = [_summarise([m.row for m in c.members]) for cs in groups.values() for c in cs]
    out = pd.DataFrame(events, columns=CLUSTER_COLUMNS)
    return out.sort_values(["date", "event_id"], kind="stable").reset_index(drop=True)


def _score(mention: _Mention, cluster: _Cluster, min_sim: float, same_article: float) -> float:
    """The best similarity to any member, 0 when a member rules the merge out."""
    best = 0.0
    for member in cluster.members:
        if _names_conflict(mention, member):
            return 0.0
        score = similarity(mention, member)
        same_doc = member.row["article_id"] == mention.row["article_id"]
        if same_doc and mention.row["cameo_root"] == "04" and \
                member.row["date"] == mention.row["date"]:
            # A report retells its meeting ("held talks ... The two diplomats met for
            # seven hours"); two meetings of one day name different people (rule 4).
            score = max(score, same_article)
        if score >= (same_article if same_doc else min_sim):
            best = max(best, score)
    return best


def _outlet(row: dict) -> str:
    if row.get("sitename"):
        return str(row["sitename"]).lower()
    if row.get("url"):
        host = urlparse(str(row["url"])).netloc.lower()
        if host:
            return host.removeprefix("www.")
    return f"article:{row['article_id']}"


def _most_common(values: Iterable, order: list) -> object:
    counts = Counter(values)
    top = max(counts.values())
    return next(v for v in order if counts[v] == top)


def _summarise(members: list[dict]) -> dict:
    """One event from its mentions: the most confident mention speaks for it."""
    rep = sorted(members, key=lambda r: (-r["confidence"], r["published"] or "9999",
                                         str(r["article_id"]), r["sentence_index"] or 0))[0]
    dates = [m["date"] for m in members]
    contexts: Counter = Counter()
    first_at: dict[str, int] = {}
    for m in members:
        for c in m["contexts"]:
            contexts[c] += 1
            first_at.setdefault(c, len(first_at))
    evidence, seen = [], set()
    for m in sorted(members, key=lambda r: (r["published"] or r["date"] or "",
                                            str(r["article_id"]), r["sentence_index"] or 0)):
        key = (m["article_id"], m["sentence"])
        if key in seen:
            continue
        seen.add(key)
        sentence = " ".join(str(m["sentence"] or "").split())
        evidence.append({"sentence": sentence, "title": m["title"], "url": m["url"],
                         "date": m["published"] or m["date"]})
    out = {name: rep.get(name) for name in CLUSTER_COLUMNS}
    out.update(
        event_id=rep["event_id"],
        date=_most_common(dates, sorted(dates)),
        contexts=sorted(contexts, key=lambda c: (-contexts[c], first_at[c])),
        confidence=max(m["confidence"] for m in members),
        num_mentions=len(members),
        num_articles=len({m["article_id"] for m in members}),
        num_sources=len({_outlet(m) for m in members}),
        first_seen=min((m["published"] or m["date"] for m in members), default=None),
        mentions=[m["event_id"] for m in members],
        evidence=evidence,
    )
    return out
