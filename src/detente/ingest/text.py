"""Line-level cleaning of plain text that still carries web-page furniture.

Copy-pasted or scraped articles keep image credits ("Image source : AFP"),
bylines, share prompts, cookie notices, "Related Articles" lists, "Back to top"
buttons and author bios. Each of those would be fed to the event coder as if it
were reporting, so they are removed here, line by line, with rules that only
remove what is clearly not article prose: a one-sentence document always
survives, and a single short subheading inside the body is kept.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["CleanText", "clean_text", "clean_title", "normalize_whitespace", "parse_date_line"]

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_KEY_MAX = 60  # furniture phrases are short: longer lines are never compared

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)"
_TIME = (
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*"
    r"(?:\(?[a-z]{2,5}\)?|[a-z]{3}[+-]\d{1,2})?)?"
)


def _date_expr(named: bool) -> str:
    def g(name: str) -> str:
        return f"?P<{name}>" if named else "?:"

    return (
        rf"{_WEEKDAY}?(?:({g('d1')}\d{{1,2}})(?:st|nd|rd|th)?\s+({g('m1')}{_MONTH})"
        rf"|({g('m2')}{_MONTH})\s+({g('d2')}\d{{1,2}})(?:st|nd|rd|th)?),?\s+({g('y')}\d{{4}}){_TIME}"
        rf"|({g('iy')}\d{{4}})-({g('im')}\d{{2}})-({g('id')}\d{{2}})"
        r"(?:[t\s]\d{2}:\d{2}(?::\d{2})?\S*)?"
    )


_DATE_LINE = re.compile(
    r"^(?:(?:published|updated|last updated|first published|posted|modified|date)"
    r"(?:\s+on)?\s*[:\-–]?\s*)?"
    rf"(?:{_date_expr(True)})"
    rf"(?:\s*[|/•·,;]?\s*(?:updated|last updated)?\s*:?\s*(?:{_date_expr(False)}))?\s*$",
    re.IGNORECASE,
)
_TIME_AGO = re.compile(
    r"^(?:published|updated|posted)?\s*:?\s*\d+\s+(?:minutes?|mins?|hours?|hrs?|days?)\s+ago$",
    re.IGNORECASE,
)

def _phrases(block: str) -> frozenset[str]:
    return frozenset(p.strip() for p in block.strip().split(",") if p.strip())


# Whole lines that are page furniture (compared after lower-casing and trimming
# bullets, arrows, counts and trailing colons).
_FURNITURE = _phrases(
    """
    advertisement, advertising, advert, ad, ads, sponsored, sponsored content, paid content,
    back to top, back to top button, go to top, scroll to top, top, return to top, to top,
    share, share this, share this article, share this story, share this post, share article,
    share story, share on facebook, share on twitter, share on x, share on linkedin,
    share on whatsapp, share via email, share via, share this page, share the story,
    share options, tweet, email, e-mail, print, print this article, print article, comments,
    comment, view comments, show comments, hide comments, leave a comment, leave a reply,
    post a comment, join the conversation, add comment, subscribe, subscribe now, sign up,
    newsletter, log in, login, sign in, register, my account, menu, search, home,
    skip to content, skip to main content, skip to navigation, close, open menu,
    next article, previous article, next post, previous post, next, prev, previous,
    follow us, follow, listen, listen to this article, listen to article, copy link,
    link copied, facebook, twitter, linkedin, whatsapp, reddit, pinterest, telegram,
    instagram, youtube, x, flipboard, image, photo, video, audio, gallery, photos, videos,
    loading, click to expand, hide caption, toggle caption, enlarge this image,
    image caption, media caption, caption, tags, topics, filed under, categories, category,
    keywords, story continues below advertisement, continue reading, continue reading below,
    article continues below, article continues after advertisement, read more,
    read more stories, read next, read also, also read, see also, more, more stories,
    more news, more on this story, more on this topic, more like this, related,
    related articles, related stories, related news, related posts, related content,
    related coverage, related topics, related links, related reading, related video,
    related videos, recommended, recommended for you, recommended stories,
    recommended articles, you may also like, you might also like, you may be interested in,
    you might be interested in, don't miss, do not miss, most read, most popular,
    most viewed, trending, trending now, top stories, latest news, latest stories,
    editor's picks, editors' picks, must read, what to read next, accept, accept all,
    accept cookies, reject all, manage cookies, cookie settings, cookie policy,
    privacy policy, terms of use, terms and conditions, contact us, about us,
    about the author, about the authors
    """
)

# Headers after which a list of links (headline-like lines) follows.
_RELATED_HEADERS = _phrases(
    """
    related, related articles, related stories, related news, related posts, related content,
    related coverage, related topics, related links, related reading, read more,
    read more stories, read next, read also, also read, see also, more stories, more news,
    more on this story, more on this topic, more like this, recommended,
    recommended for you, recommended stories, recommended articles, you may also like,
    you might also like, you may be interested in, you might be interested in, don't miss,
    do not miss, most read, most popular, most viewed, trending, trending now, top stories,
    latest news, latest stories, editor's picks, editors' picks, must read,
    what to read next, tags, topics, filed under, categories, more from
    """
)

_PREFIX_FURNITURE = re.compile(
    r"""^(?:
        (?:image|photo|picture|video|graphic|illustration|media|map|chart|graphics|pictures|photos)s?
            \s*(?:source|credit|credits|caption|courtesy|by)?\s*[:：|]
      | (?:image|photo|picture)s?\s+(?:by|courtesy(?:\s+of)?|credit)\b
      | (?:credit|credits|courtesy)\s*[:：]
      | (?:source|sources)\s*[:：]\s*\S.{0,60}$
      | (?:read\s+more|read\s+also|also\s+read|see\s+also|related|read\s+next|more\s+from
          |watch|listen|recommended|must\s+read|don'?t\s+miss)\s*[:：|»›>\-–]
      | (?:share|tweet|email|print)\s+(?:this|on|via|article|story|post|the\s+story)\b
      | click\s+(?:here\s+)?to\s+(?:share|print|email|tweet|open|read|subscribe|download|view)
      | follow\s+(?:us|me|@?\w+(?:\s+\w+){0,3})\s+on\s+(?:twitter|facebook|instagram|x|linkedin
          |telegram|whatsapp|google\s+news|threads|bluesky|youtube|tiktok)
      | join\s+(?:our|the)\b.{0,60}\b(?:channel|group|newsletter|community)
      | download\s+(?:our|the)\b.{0,40}\bapp\b
      | (?:sign\s+up|subscribe|register)\s+(?:for|to|now|today|here)\b
      | get\s+(?:the\s+)?(?:latest|best|top)\b.{0,80}\b(?:inbox|newsletter|delivered|app)
      | (?:©|\(c\)\s|copyright\s+(?:©|\(c\)|\d{4}))
      | (?:reporting|writing|editing|additional\s+reporting|compiled|translated)\s+by\b
      | (?:this\s+(?:article|story)\s+(?:was|has\s+been)\s+(?:originally\s+)?
          (?:published|updated|corrected|amended)\b)
      | about\s+the\s+authors?\b
      | (?:contact|email)\s+the\s+(?:author|writer|reporter)\b
      | we\s+use\s+cookies\b
      | (?:this|our)\s+(?:web)?site\s+uses\s+cookies\b
      | by\s+(?:continuing|using)\s+(?:to\s+(?:use|browse)\s+)?(?:this|our)\s+(?:web)?site\b
      | (?:advertisement|sponsored)\s*[-–—:]
      | (?:updated|published|posted|last\s+updated)\s*:?\s*\d{1,2}[:.]\d{2}\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_ANYWHERE_FURNITURE = re.compile(
    r"all rights reserved|\bcookies?\b.{0,120}\b(?:consent|accept|privacy|policy|settings|"
    r"browsing experience|personali[sz]e)|\b(?:accept|consent to)\b.{0,60}\bcookies\b",
    re.IGNORECASE,
)
_CREDIT_TOKENS = re.compile(
    r"getty images|\bafp\b|\breuters\b|\bap photo\b|\bassociated press\b|shutterstock|"
    r"\bepa(?:-efe)?\b|bloomberg via|\banadolu\b|\bxinhua\b|\bimago\b|\balamy\b|\bpa media\b|"
    r"\bpa wire\b|via getty|\bap\b|\bfile photo\b|\bhandout\b",
    re.IGNORECASE,
)
_PHOTO_SUFFIX = re.compile(
    r"[(\[]\s*(?:photo|image|picture|file photo|credit|pictured)\b[^)\]]*[)\]]\s*$"
    r"|(?:photo|image|picture)\s*(?:credit)?\s*:\s*[^.]{0,80}$",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?i:written\s+)?(?i:by)\s*:?\s+(?P<name>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|da|al|bin|el|la|le|and|&))"
    r"{0,6})(?:\s*[,|/–—-]\s*(?P<rest>.{0,80}))?$",
)
_BIO = re.compile(
    r"^(?:[A-Z][\w.'’-]+\s+){1,4}(?:is|was|has\s+been|writes|covers|reports)\b.{0,220}?"
    r"\b(?:reporter|correspondent|editor|writer|journalist|columnist|contributor|author|fellow|"
    r"professor|analyst|staff|bureau\s+chief|freelancer|producer|covers|based\s+in|"
    r"reports\s+on|writes\s+about)\b",
)
_NAV_SEPARATORS = re.compile(r"\s*(?:\||•|·|›|»|>|/|::)\s*")
_CLOSERS = "\"'”’)]"
_WORD = re.compile(r"\w+", re.UNICODE)
_NO_SPACE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
_TITLE_SEPARATORS = re.compile(r"\s+[|–—·•»:-]\s+")


def _site_key(s: str) -> str:
    return re.sub(r"[\W_]+", "", s).casefold()


def clean_title(title: str | None, sitename: str | None = None) -> str | None:
    """Drop the " | Site name" tail that pages append to their <title>.

    A " | " tail is dropped when it is short (a site name, not half of the
    headline); a " - " or " — " tail only when it matches the site name,
    because dashes also occur inside real headlines.
    """
    if not title:
        return None
    title = " ".join(title.split())
    site = _site_key(sitename) if sitename else ""
    for _ in range(2):  # "Headline | Section | Site"
        parts = _TITLE_SEPARATORS.split(title)
        if len(parts) < 2:
            break
        seps = _TITLE_SEPARATORS.findall(title)
        tail, sep = parts[-1], seps[-1].strip()
        head = title[: title.rfind(seps[-1])].strip()
        tail_norm = _site_key(tail)
        matches_site = bool(site) and (
            tail_norm == site or tail_norm in site or (len(site) > 3 and site in tail_norm)
        )
        short_tail = len(tail.split()) <= 4 and len(tail) <= 40 and len(head) >= 15
        if matches_site or (sep == "|" and short_tail):
            title = head
        else:
            break
    # a leading "Site | Headline"
    if site:
        parts = _TITLE_SEPARATORS.split(title, maxsplit=1)
        if len(parts) == 2 and _site_key(parts[0]) == site:
            title = parts[1]
    return title.strip() or None


@dataclass
class CleanText:
    """The article body left after cleaning, with what was learnt on the way."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    removed: int = 0  # lines dropped as furniture


def normalize_whitespace(text: str) -> str:
    """NFC, no zero-width characters, one blank line between paragraphs."""
    text = _ZERO_WIDTH.sub("", unicodedata.normalize("NFC", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    paras = re.split(r"\n\s*\n", text)
    out = []
    for para in paras:
        lines = [" ".join(line.split()) for line in para.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            out.append("\n".join(lines))
    return "\n\n".join(out)


def parse_date_line(line: str) -> str | None:
    """ISO date of a line that is only a date ("Friday, January 4, 2019"), else None."""
    m = _DATE_LINE.match(line.strip())
    if not m:
        return None
    try:
        if m.group("iy"):
            y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
        else:
            y = int(m.group("y"))
            month = (m.group("m1") or m.group("m2")).rstrip(".").lower()
            mo = MONTHS[month]
            d = int(m.group("d1") or m.group("d2"))
    except (KeyError, TypeError, ValueError):
        return None
    if not (1 <= mo <= 12 and 1 <= d <= 31 and 1900 <= y <= 2100):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _key(line: str) -> str:
    """Lower-case line without bullets, arrows, counts and trailing punctuation."""
    if len(line) > _KEY_MAX:
        return ""
    s = line.strip().lower()
    s = re.sub(r"^[\W_]+", "", s)
    s = re.sub(r"[\s\W_]*(?:\(\d+\)|\d+)?[\s\W_]*$", "", s)
    return " ".join(s.split())


def _norm(line: str) -> str:
    return " ".join(_WORD.findall(line.casefold()))


def _ends_sentence(line: str) -> bool:
    """True when the line ends like a sentence: . ! ? or … before closing quotes."""
    return line.rstrip().rstrip(_CLOSERS)[-1:] in (".", "!", "?", "…")


def _words(line: str) -> int:
    """Word count; scripts written without spaces count two characters a word."""
    spaced = len(line.split())
    wide = len(_NO_SPACE_SCRIPT.findall(line))
    return max(spaced, wide // 2)


def _is_sentence(line: str) -> bool:
    return _ends_sentence(line) or _words(line) > 30


def _headline_like(line: str) -> bool:
    """A short line without a full stop: a headline or a linked headline."""
    n = _words(line)
    if not 2 <= n <= 25:
        return False
    return not _ends_sentence(line) or (line.endswith("?") and line[:1].isupper())


def _is_nav(line: str) -> bool:
    """Short navigation items: "World", "Home > News > Asia", "Politics | Business"."""
    if _is_sentence(line):
        return False
    parts = [p for p in _NAV_SEPARATORS.split(line) if p]
    if len(parts) >= 3 and all(_words(p) <= 3 for p in parts):
        return True
    return _words(line) <= 3


def _unwrap(block: list[str]) -> list[str]:
    """Join hard-wrapped lines of one paragraph; keep one-line-per-paragraph text."""
    if len(block) < 2:
        return block
    body = block[:-1]
    if all(40 <= len(line) <= 100 for line in body):
        open_ends = sum(1 for line in body if not _ends_sentence(line))
        if open_ends * 2 >= len(body):
            return [" ".join(block)]
    return block


def _furniture(line: str, key: str) -> str | None:
    """Why `line` is furniture ("credit", "notice", ...), or None for prose."""
    if not key and len(line) <= _KEY_MAX and not _WORD.search(line):
        return "symbols"
    if key in _FURNITURE:
        return "navigation"
    n = len(line)
    if n >= 400:
        return None
    if n < 200 and _PREFIX_FURNITURE.match(line):
        return "furniture"
    low = line.lower()
    if ("cookie" in low or "rights reserved" in low) and _ANYWHERE_FURNITURE.search(line):
        return "notice"
    photo = "photo" in low or "image" in low or "picture" in low or "credit" in low
    if n < 160 and _CREDIT_TOKENS.search(line) and not _is_sentence(line):
        if "/" in line or len(line.split()) <= 8 or (photo and _PHOTO_SUFFIX.search(line)):
            return "credit"
    if n < 300 and photo and _PHOTO_SUFFIX.search(line):
        return "caption"
    if n < 40 and "ago" in low and _TIME_AGO.match(line):
        return "date"
    return None


def clean_text(
    text: str, title: str | None = None, detect_title: bool = True, structural: bool = True
) -> CleanText:
    """Remove page furniture from `text`, keeping the article body and its paragraphs.

    When `title` is not known and `detect_title` is true, a headline-like first
    line is taken as the title. Bylines ("By Jane Doe") and date lines found on
    the way are returned as `author` and `date`.

    `structural=False` keeps to the line patterns (credits, share prompts,
    related-link blocks, notices, bylines, repeated headline) and skips the
    layout guesses (menus of short lines, link lists at the end, repeated
    paragraphs): right for text that an HTML extractor already cleaned, where
    short lines are real content such as table rows or list items.
    """
    text = normalize_whitespace(text)
    lines: list[str] = []
    for block in text.split("\n\n"):
        lines.extend(_unwrap(block.split("\n")) if structural else block.split("\n"))
    total = len(lines)
    author = date = None
    kept: list[str] = []
    in_related = False
    for line in lines:
        key = _key(line)
        if key in _RELATED_HEADERS or (key.startswith("more from") and _words(key) <= 6):
            in_related = True
            continue
        if in_related:
            if not _is_sentence(line) and _words(line) <= 25:
                continue  # a linked headline in the list
            in_related = False
        found_date = parse_date_line(line)
        if found_date:
            date = date or found_date
            continue
        byline = _BYLINE.match(line)
        if byline and _words(line) <= 12 and not _is_sentence(line):
            author = author or byline.group("name").strip()
            continue
        if _furniture(line, key):
            continue
        kept.append(line)

    if structural:
        kept, found_title = _split_head(kept, want_title=title is None and detect_title)
        title = title or found_title

    # The headline repeated in the body; with `structural`, any repeated line.
    seen: set[str] = {_norm(title)} if title else set()
    longest = 2 * len(title) + 20 if title else 0
    deduped = []
    for line in kept:
        if not structural and len(line) > longest:
            deduped.append(line)  # too long to be the headline again
            continue
        n = _norm(line)
        if n in seen and len(kept) > 1:
            continue
        if structural:
            seen.add(n)
        deduped.append(line)
    kept = deduped

    if structural:
        kept = _drop_menus(kept)
    # Page tail: author bios, and with `structural` navigation and link lists.
    while len(kept) > 1:
        last = kept[-1]
        if (_BIO.match(last) and len(last) < 400) or (structural and _is_nav(last)):
            kept.pop()
            continue
        if structural:
            run = 0
            while run < len(kept) and _headline_like(kept[-1 - run]):
                run += 1
            if 2 <= run < len(kept):
                del kept[-run:]
                continue
        break
    body = "\n\n".join(kept)
    return CleanText(
        text=body, title=title, author=author, date=date, removed=total - len(kept)
    )


def _split_head(lines: list[str], want_title: bool) -> tuple[list[str], str | None]:
    """Separate the page head (menus, headline) from the body that follows it.

    The head is everything before the first line that reads like prose. The
    headline is the longest headline-like line in it; the rest is navigation.
    Text with no prose line at all is left alone.
    """
    first = next((i for i, line in enumerate(lines) if _is_sentence(line)), None)
    if not first:
        return lines, None
    head, body = lines[:first], lines[first:]
    candidates = [line for line in head if _headline_like(line)]
    title = None
    if want_title and candidates:
        title = clean_title(max(candidates, key=_words))
    # Head lines that are neither the title nor navigation stay (e.g. a standfirst).
    rest = [line for line in head if not _is_nav(line) and not _headline_like(line)]
    return rest + body, title


def _drop_menus(lines: list[str]) -> list[str]:
    """Remove runs of three or more navigation items: menus inside the text."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _is_nav(lines[j]):
            j += 1
        if j - i >= 3:
            i = j
            continue
        end = max(j, i + 1)
        out.extend(lines[i:end])
        i = end
    return out
