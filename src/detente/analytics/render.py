"""Markdown and HTML renderings of a brief, written to read like an analyst's note."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from detente.analytics import names
from detente.analytics.text import join_words, long_date

if TYPE_CHECKING:
    from detente.analytics.brief import Brief, BriefItem

_MAX_EVIDENCE = 3
_MAX_PARTIES = 10  # the JSON keeps them all


def _title(brief: Brief) -> str:
    a, b = names.plain_name(brief.a), names.plain_name(brief.b)
    if brief.since and brief.until and brief.since == brief.until:
        return f"{a} \u2013 {b}: brief, {long_date(brief.since)}"
    if brief.since and brief.until:
        return f"{a} \u2013 {b}: brief, {long_date(brief.since)} to {long_date(brief.until)}"
    return f"{a} \u2013 {b}: brief"


def _reports(item: BriefItem) -> str:
    n = item.num_articles
    s = item.num_sources
    return f"{n} article{'s' if n != 1 else ''}, {s} outlet{'s' if s != 1 else ''}"


def _issue_line(issue: dict[str, Any]) -> str:
    parts = [f"{issue['events']} event{'s' if issue['events'] != 1 else ''}",
             f"{issue['salience']:.0%} of the dyad's events"]
    if issue["conflict"] or issue["cooperation"]:
        parts.append(f"{issue['conflict']} conflictual, {issue['cooperation']} cooperative")
    if issue["rising"]:
        parts.append(f"rising (from {issue['previous_salience']:.0%})")
    return "; ".join(parts)


def _third_party_line(party: dict[str, Any]) -> str:
    side = names.name(party["with"])
    side = side[0].upper() + side[1:]
    arrow = "with" if party["incoming"] and party["outgoing"] else \
        ("toward" if party["outgoing"] else "from")
    text = (f"{side} {arrow} {names.name(party['country'])}: {party['how']}"
            f" ({party['events']} event{'s' if party['events'] != 1 else ''})")
    if party["issues"]:
        text += f"; issues: {join_words(party['issues'])}"
    return text


def _source_label(e: dict[str, Any]) -> str:
    bits = [b for b in (e.get("title"), e.get("date")) if b]
    return ", ".join(str(b) for b in bits) or "source"


def markdown(brief: Brief) -> str:
    """The brief as Markdown."""
    out = [f"# {_title(brief)}", ""]
    out += ["## Summary", "", brief.summary["text"], ""]
    if brief.empty:
        return "\n".join(out)
    from detente.analytics.brief import SECTIONS

    for key, heading in SECTIONS.items():
        items = brief.section(key)
        out += [f"## {heading}", ""]
        if not items:
            out += ["None coded in this window.", ""]
            continue
        for item in items:
            out.append(f"- {item.text} *({_reports(item)})*")
            for e in item.evidence[:_MAX_EVIDENCE]:
                link = f"[{_source_label(e)}]({e['url']})" if e.get("url") else _source_label(e)
                out.append(f"    > \u201c{e['sentence']}\u201d \u2014 {link}")
        more = brief.totals.get(key, len(items)) - len(items)
        if more > 0:
            out.append(f"- *and {more} more (see the JSON output)*")
        out.append("")
    out += ["## Contentious issues", ""]
    if brief.issues:
        for n, issue in enumerate(brief.issues, start=1):
            label = issue["label"][0].upper() + issue["label"][1:]
            out.append(f"{n}. **{label}** \u2014 {_issue_line(issue)}")
    else:
        out.append("No issues coded in this window.")
    out += ["", "## Third parties", ""]
    if brief.third_parties:
        for party in brief.third_parties[:_MAX_PARTIES]:
            out.append(f"- {_third_party_line(party)}")
            for e in party["evidence"][:1]:
                link = f"[{_source_label(e)}]({e['url']})" if e.get("url") else _source_label(e)
                out.append(f"    > \u201c{e['sentence']}\u201d \u2014 {link}")
        if len(brief.third_parties) > _MAX_PARTIES:
            out.append(f"- *and {len(brief.third_parties) - _MAX_PARTIES} more (see the JSON "
                       "output)*")
    else:
        out.append("No third parties coded in this window.")
    out.append("")
    return "\n".join(out)


_CSS = """
body{font-family:Georgia,serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222;
line-height:1.45}h1{font-size:1.5rem}h2{font-size:1.15rem;border-bottom:1px solid #ccc;
margin-top:1.8rem}blockquote{margin:.3rem 0 .3rem 1rem;padding-left:.6rem;
border-left:3px solid #ddd;color:#555;font-size:.92rem}li{margin-bottom:.6rem}
.meta{color:#777;font-size:.85rem}.summary{background:#f6f6f2;padding:.8rem 1rem}
"""


def _html_evidence(evidence: list[dict[str, Any]], limit: int) -> str:
    parts = []
    for e in evidence[:limit]:
        label = escape(_source_label(e))
        source = f'<a href="{escape(e["url"])}">{label}</a>' if e.get("url") else label
        parts.append(f"<blockquote>\u201c{escape(e['sentence'])}\u201d \u2014 {source}"
                     "</blockquote>")
    return "".join(parts)


def html(brief: Brief) -> str:
    """The brief as a standalone HTML page (no scripts, no external assets)."""
    from detente.analytics.brief import SECTIONS

    title = escape(_title(brief))
    body = [f"<h1>{title}</h1>", "<h2>Summary</h2>",
            f'<p class="summary">{escape(brief.summary["text"])}</p>']
    if not brief.empty:
        for key, heading in SECTIONS.items():
            items = brief.section(key)
            body.append(f"<h2>{escape(heading)}</h2>")
            if not items:
                body.append("<p>None coded in this window.</p>")
                continue
            body.append("<ul>")
            for item in items:
                body.append(f"<li>{escape(item.text)} <span class=\"meta\">("
                            f"{escape(_reports(item))})</span>"
                            f"{_html_evidence(item.evidence, _MAX_EVIDENCE)}</li>")
            more = brief.totals.get(key, len(items)) - len(items)
            if more > 0:
                body.append(f"<li class=\"meta\">and {more} more (see the JSON output)</li>")
            body.append("</ul>")
        body.append("<h2>Contentious issues</h2>")
        if brief.issues:
            body.append("<ol>")
            for issue in brief.issues:
                label = issue["label"][0].upper() + issue["label"][1:]
                body.append(f"<li><strong>{escape(label)}</strong> \u2014 "
                            f"{escape(_issue_line(issue))}</li>")
            body.append("</ol>")
        else:
            body.append("<p>No issues coded in this window.</p>")
        body.append("<h2>Third parties</h2>")
        if brief.third_parties:
            body.append("<ul>")
            for party in brief.third_parties[:_MAX_PARTIES]:
                body.append(f"<li>{escape(_third_party_line(party))}"
                            f"{_html_evidence(party['evidence'], 1)}</li>")
            body.append("</ul>")
        else:
            body.append("<p>No third parties coded in this window.</p>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{title}</title><style>{_CSS}</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")
