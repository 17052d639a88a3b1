"""The event trigger lexicon: lemma patterns over a dependency parse -> CAMEO codes.

Patterns live in data files (``data/triggers/*.yaml``, format documented at the
top of each and in docs/lexicon.md) so that analysts can read, review and extend
them without touching code.
Matching is built for speed: patterns are indexed by anchor lemma, each
anchor's list is pre-sorted best-first, and a match walks only a few tokens to
the right (or left) of the anchor, so looking up a token costs microseconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from detente.yamlio import read_yaml_file

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

DEFAULT_DIR = Path(__file__).parent / "data" / "triggers"

# Gap budget: pattern words must follow each other with at most MAX_GAP
# intervening "content" tokens (modifiers and function words are free), and
# never further than MAX_SPAN tokens apart.
MAX_GAP = 4
MAX_GAP_LEFT = 2
MAX_SPAN = 12
MAX_DEPTH = 7

# Dependents that never count against the gap budget: they only dress a word up
# ("threatened to impose sweeping new sanctions").
FREE_DEPS = frozenset({
    "det", "predet", "amod", "compound", "nummod", "poss", "case", "aux", "auxpass",
    "advmod", "quantmod", "nmod", "prt", "cc", "conj",
})  # fmt: skip
TIME_ENTS = frozenset({"DATE", "TIME"})
# Words that end a phrasal verb ("give in", "back down", "call off").
PARTICLES = frozenset({"in", "down", "off", "out", "up", "back", "away", "over", "on"})
# On the path from a pattern word up to the anchor, these open a new clause or an
# aside: a word reached through them belongs to another statement.
BLOCK_DEPS = frozenset({"relcl", "advcl", "parataxis", "appos", "csubj", "csubjpass", "acl:relcl"})
# ... and so do these prepositions: what happened "after the strike" is another event.
TIME_PREPS = frozenset({"after", "before", "since", "following", "during", "amid", "until"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
VERBAL_POS = frozenset({"VERB", "AUX"})
NOMINAL_POS = frozenset({"NOUN", "PROPN"})
# A NOUN/PROPN tag in one of these slots is usually a mis-tagged verb
# ("The US sanctions Iran", "Protests erupt").
CLAUSAL_DEPS = frozenset({"ROOT", "conj", "xcomp", "ccomp", "advcl", "relcl", "acl", "pcomp"})

_CODE_RE = re.compile(r"^\d{2,4}$")
_WORD_RE = re.compile(r"^[a-z0-9][a-z0-9'.&]*$")


@dataclass(frozen=True)
class TriggerMatch:
    """One trigger found at an anchor token: the code and the words that made it."""

    code: str  # CAMEO code, e.g. "042"
    pattern: str  # the pattern text that matched
    tokens: tuple[int, ...]  # doc-level token indices of the matched words, anchor first
    specificity: int  # number of pattern words matched
    nominal: bool  # anchor is a noun


@dataclass(frozen=True)
class _Pattern:
    code: str
    text: str
    anchors: tuple[str, ...]  # alternative anchor lemmas
    left: tuple[frozenset[str], ...]  # words left of the anchor, nearest first
    right: tuple[frozenset[str], ...]  # words right of the anchor, in order
    nominal: bool
    order: int

    @property
    def specificity(self) -> int:
        return 1 + len(self.left) + len(self.right)


class TriggerLexicon:
    """Trigger patterns indexed by anchor lemma, for verbs and nouns separately."""

    def __init__(self, rows: list[tuple[str, str, bool]], source: str = "<memory>"):
        """Build from (code, pattern text, nominal) rows in priority order."""
        self.source = source
        self._verbs: dict[str, list[_Pattern]] = {}
        self._nouns: dict[str, list[_Pattern]] = {}
        self.patterns: list[_Pattern] = []
        for code, text, nominal in rows:
            pattern = _parse(code, text, nominal, len(self.patterns))
            self.patterns.append(pattern)
            index = self._nouns if nominal else self._verbs
            for lemma in pattern.anchors:
                index.setdefault(lemma, []).append(pattern)
        for index in (self._verbs, self._nouns):
            for plist in index.values():
                plist.sort(key=lambda p: (-p.specificity, p.order))

    # -- construction -----------------------------------------------------------
    @classmethod
    def default(cls) -> TriggerLexicon:
        """The project's own lexicon, loaded once per process."""
        return _default()

    @classmethod
    def with_extra(cls, paths: list[str | Path]) -> TriggerLexicon:
        """The default lexicon plus a user's files, whose patterns win ties."""
        return cls.from_files([*paths, *sorted(DEFAULT_DIR.glob("*.yaml"))])

    @classmethod
    def from_files(cls, paths: list[str | Path]) -> TriggerLexicon:
        """Several lexicon files as one, in the given order (earlier wins ties)."""
        rows: list[tuple[str, str, bool]] = []
        for path in paths:
            rows.extend(_read_rows(Path(path)))
        return cls(rows, source=", ".join(str(p) for p in paths))

    @classmethod
    def from_file(cls, path: str | Path) -> TriggerLexicon:
        """Load a user lexicon; any malformed entry raises ValueError naming file and entry."""
        return cls(_read_rows(Path(path)), source=str(path))

    def __len__(self) -> int:
        return len(self.patterns)

    def codes(self) -> set[str]:
        """Every CAMEO code some pattern produces."""
        return {p.code for p in self.patterns}

    # -- matching ---------------------------------------------------------------
    def anchors(self, sent: Span) -> list[Token]:
        """Tokens in the sentence that anchor some pattern of the right kind (verb or noun)."""
        found = []
        verbs, nouns = self._verbs, self._nouns
        for tok in sent:
            pos = tok.pos_
            if pos in VERBAL_POS:
                if _key(tok, verbs) is not None:
                    found.append(tok)
            elif pos in NOMINAL_POS:
                if _key(tok, nouns) is not None or (
                    _verbish(tok) and _key(tok, verbs) is not None
                ):
                    found.append(tok)
        return found

    def match(self, anchor: Token) -> TriggerMatch | None:
        """The best (longest, then first in file) pattern anchored at this token."""
        pos = anchor.pos_
        if pos in VERBAL_POS:
            return self._best(anchor, self._verbs, False)
        if pos in NOMINAL_POS:
            if _verbish(anchor):
                found = self._best(anchor, self._verbs, False)
                if found is not None:
                    return found
            return self._best(anchor, self._nouns, True)
        return None

    def _best(
        self, anchor: Token, index: dict[str, list[_Pattern]], nominal: bool
    ) -> TriggerMatch | None:
        key = _key(anchor, index)
        if key is None:
            return None
        # A subject noun ("talks collapsed") reaches into its verb's clause.
        root = anchor.head if nominal and anchor.dep_ in SUBJECT_DEPS else anchor
        for pattern in index[key]:
            matched = _match(pattern, anchor, root)
            if matched is not None:
                return TriggerMatch(pattern.code, pattern.text, matched,
                                    pattern.specificity, nominal)
        return None


# -- pattern file parsing ---------------------------------------------------------
def _read_rows(path: Path) -> list[tuple[str, str, bool]]:
    """(code, pattern, nominal) rows of one lexicon file, validated."""
    data = read_yaml_file(path, "trigger lexicon")
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of CAMEO code -> list of patterns")
    known = _known_codes()
    rows: list[tuple[str, str, bool]] = []
    for code, entries in data.items():
        where = f"{path}: entry {code!r}"
        if not isinstance(code, str) or not _CODE_RE.match(code):
            raise ValueError(f"{where}: the code must be a quoted string of 2-4 digits")
        if known is not None and code not in known:
            raise ValueError(f"{where}: {code} is not a CAMEO code")
        if not isinstance(entries, list) or not entries:
            raise ValueError(f"{where}: expected a non-empty list of patterns")
        for n, entry in enumerate(entries, 1):
            text, nominal = _entry_text(entry, f"{where}, pattern {n}")
            try:
                _parse(code, text, nominal, 0)
            except ValueError as exc:
                raise ValueError(f"{where}, pattern {n} ({text!r}): {exc}") from None
            rows.append((code, text, nominal))
    return rows


def _entry_text(entry: Any, where: str) -> tuple[str, bool]:
    if isinstance(entry, str):
        return entry, False
    if isinstance(entry, dict) and len(entry) == 1:
        (kind, text), = entry.items()
        if kind in ("noun", "verb") and isinstance(text, str):
            return text, kind == "noun"
    raise ValueError(f"{where}: expected a string or a one-key mapping 'noun: ...' / 'verb: ...'"
                     f", got {entry!r}")


def _split(text: str) -> tuple[list[list[str]], int]:
    """Slots (each a list of alternative words) and the index of the anchor slot."""
    parts = text.split()
    if not parts:
        raise ValueError("empty pattern")
    anchor = 0
    marked = [i for i, p in enumerate(parts) if p.startswith("[") or p.endswith("]")]
    if len(marked) > 1:
        raise ValueError("more than one [anchor]")
    if marked:
        anchor = marked[0]
        word = parts[anchor]
        if not (word.startswith("[") and word.endswith("]")):
            raise ValueError("unbalanced [ ] around the anchor")
        parts[anchor] = word[1:-1]
    slots = []
    for part in parts:
        alternatives = part.split("|")
        for word in alternatives:
            if not _WORD_RE.match(word):
                raise ValueError(f"bad word {word!r}: use lowercase lemmas, no hyphens "
                                 "(write 'cease [fire]' for 'cease-fire')")
        slots.append(alternatives)
    return slots, anchor


def _parse(code: str, text: str, nominal: bool, order: int) -> _Pattern:
    slots, anchor = _split(text)
    left = tuple(frozenset(s) for s in reversed(slots[:anchor]))
    right = tuple(frozenset(s) for s in slots[anchor + 1:])
    return _Pattern(code, " ".join(text.split()), tuple(slots[anchor]), left, right, nominal,
                    order)


def _known_codes() -> set[str] | None:
    try:
        from detente.events.ontology import CAMEO
    except ImportError:  # the table is optional for a standalone lexicon
        return None
    return set(CAMEO)


# -- token-level matching ---------------------------------------------------------
def _key(tok: Token, index: dict[str, list[_Pattern]]) -> str | None:
    lemma = tok.lemma_.lower()
    if lemma in index:
        return lemma
    lower = tok.lower_
    return lower if lower in index else None


def _verbish(tok: Token) -> bool:
    """A NOUN/PROPN-tagged token that the parse places where a verb belongs."""
    dep = tok.dep_
    if dep not in CLAUSAL_DEPS:
        return False
    return dep != "conj" or tok.head.pos_ in VERBAL_POS


def _aside(tok: Token) -> bool:
    """A comma that only sets off an apposition ("the UN agency, UNHCR, out of")."""
    head = tok.head
    return head.dep_ == "appos" or any(c.dep_ == "appos" for c in head.children)


def _in_long_name(tok: Token) -> bool:
    """Whether a token is part of a multi-word name ("Popular Front", "Soviet Union")."""
    if not tok.ent_type_:
        return False
    nxt = tok.i + 1
    return tok.ent_iob_ == "I" or (nxt < len(tok.doc) and tok.doc[nxt].ent_iob_ == "I")


def _word_ok(tok: Token, slot: frozenset[str]) -> bool:
    if tok.pos_ == "PROPN" and _in_long_name(tok):
        return False  # "the Democratic People's Republic of Korea" asks for no republic
    return tok.lower_ in slot or tok.lemma_.lower() in slot


def _reaches(tok: Token, root: Token) -> bool:
    """Whether `tok` hangs under `root` without crossing into another clause."""
    t = tok
    ri = root.i
    if t.dep_ == "mark" and t.lower_ == "for" and t.head.dep_ == "advcl":
        t = t.head.head  # "pushing for the US to support ...": the for-clause is what is asked
    for _ in range(MAX_DEPTH):
        if t.i == ri:
            return True
        dep = t.dep_
        if dep in BLOCK_DEPS or (dep == "conj" and t.pos_ in VERBAL_POS):
            return False
        if dep == "prep" and t.lower_ in TIME_PREPS:
            return False  # "ordered mourning after the strike": the strike is not ordered
        head = t.head
        if head.i == t.i:
            return False
        t = head
    return False


def _is_hyphen(tok: Token) -> bool:
    """An intra-word hyphen ("cease-fire"), which joins rather than separates."""
    if tok.text not in ("-", "–"):
        return False
    if tok.whitespace_:
        return False
    doc = tok.doc
    return tok.i > 0 and not doc[tok.i - 1].whitespace_


def _scan(doc: Any, start: int, step: int, slot: frozenset[str], root: Token,
          max_gap: int, taken: set[int]) -> int | None:
    """Index of the next token (from `start`, in direction `step`) filling `slot`."""
    gap = 0
    j = start
    end = len(doc)
    limit = start + step * MAX_SPAN
    object_end = -1
    while 0 <= j < end and j != limit:
        tok = doc[j]
        if (j not in taken and _word_ok(tok, slot) and _reaches(tok, root)
                and not (tok.dep_ == "prep" and _is_time(tok))):
            return j  # ("attacked on Monday" is no "attack on")
        if step == 1 and tok.dep_ == "dobj" and tok.head.i == root.i and slot <= LINK_WORDS:
            # "pressed workers of the United Bus Company of Tehran to cancel": the
            # object's own modifiers never separate the verb from its later words.
            object_end = tok.right_edge.i
            limit = max(limit, object_end + 1 + MAX_GAP)
        elif j <= object_end and tok.text != "(":
            if tok.is_punct and not _aside(tok) and not _is_hyphen(tok):
                return None
            j += 1
            continue
        if tok.text == "(" and step == 1 and (close := _closing_bracket(doc, j)) is not None:
            # "workers of the Tehran bus company (Vahed) to cancel": an aside in brackets
            limit += close - j + 1
            j = close + 1
            continue
        if tok.is_punct and tok.dep_ != "case" and not _aside(tok):
            # ("the hostage-takers' demands", "the UN agency, UNHCR, out of ...")
            if not _is_hyphen(tok):
                return None
        elif tok.dep_ == "neg":
            return None
        elif tok.dep_ not in FREE_DEPS and not _is_time(tok):
            gap += 1
            if gap > max_gap:
                return None
        j += step
    return None


#: Words that link a verb's object to what follows it ("urged X to", "accused X of").
LINK_WORDS = frozenset({"to", "of", "for", "with", "on", "against", "from", "into", "over"})


def _closing_bracket(doc: Any, start: int) -> int | None:
    """The ")" closing the "(" at `start` within a few words, on the same sentence."""
    for j in range(start + 1, min(start + 8, len(doc))):
        if doc[j].text == ")":
            return j
        if doc[j].text == "(" or doc[j].is_sent_start:
            return None
    return None


def _is_time(tok: Token) -> bool:
    """ "on Friday", "today": when, which never separates a verb from its words."""
    if tok.ent_type_ in TIME_ENTS:
        return True
    return tok.dep_ == "prep" and any(c.ent_type_ in TIME_ENTS for c in tok.children)


def _match(pattern: _Pattern, anchor: Token, root: Token) -> tuple[int, ...] | None:
    doc = anchor.doc
    left: list[int] = []
    taken = {anchor.i}
    pos = anchor.i
    for slot in pattern.left:
        j = _scan(doc, pos - 1, -1, slot, root, MAX_GAP_LEFT, taken)
        if j is None:
            return None
        left.append(j)
        taken.add(j)
        pos = j
    right = _match_right(pattern, anchor, root, taken)
    if right is None:
        return None
    if right and pattern.right[-1] <= PARTICLES and any(
        c.dep_ == "pobj" for c in doc[right[-1]].children
    ):
        return None  # "gave in court" is not "gave in", "backed off the coast" not "backed off"
    return (anchor.i, *sorted(left), *right)


def _match_right(
    pattern: _Pattern, anchor: Token, root: Token, taken: set[int]
) -> list[int] | None:
    if not pattern.right:
        return []
    doc = anchor.doc
    found = _scan_all(doc, anchor.i, pattern.right, root, taken)
    if found is not None:
        return found
    if pattern.nominal:
        return None
    # Passive voice puts the object before the verb: "an agreement was signed".
    for child in anchor.lefts:
        if child.dep_ == "nsubjpass" and _word_ok(child, pattern.right[0]):
            rest = _scan_all(doc, anchor.i, pattern.right[1:], root, taken | {child.i})
            if rest is not None:
                return [child.i, *rest]
    return None


def _scan_all(doc: Any, pos: int, slots: tuple[frozenset[str], ...], root: Token,
              taken: set[int]) -> list[int] | None:
    out: list[int] = []
    for slot in slots:
        j = _scan(doc, pos + 1, 1, slot, root, MAX_GAP, taken)
        if j is None:
            return None
        out.append(j)
        pos = j
    return out


@lru_cache(maxsize=1)
def _default() -> TriggerLexicon:
    return TriggerLexicon.from_files(sorted(DEFAULT_DIR.glob("*.yaml")))
