"""Tokenising and normalising phrases for dictionary matching.

Actor names are matched over word tokens, not characters, so that "U.S." and
"US", "Erdoğan" and "Erdogan", "Russia's" and "Russia’s", "al-Qaeda" and
"al Qaeda" meet the same dictionary key while every token keeps its character
offsets into the original text (mentions must point back at the evidence).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Letters that NFKD does not decompose into a base letter plus a mark.
_FOLD = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "þ": "th",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ß": "ss",
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "`": "'",
        "´": "'",
    }
)

_APOS = "'’‘ʼ`´"
_HYPHENS = "-‐‑‒–—―"

_TOKEN_RE = re.compile(
    r"(?P<abbr>(?:[^\W\d_]\.){2,})"  # U.S.  U.K.  D.P.R.K.
    rf"|(?P<word>[^\W_]+(?:[{_APOS}][^\W_]+)*)"  # words, keeping d'Ivoire and Nuku'alofa whole
    r"|(?P<amp>&)"
    rf"|(?P<apos>[{_APOS}])"
    rf"|(?P<hyph>[{_HYPHENS}])"
    r"|(?P<punct>[,;:()\[\]{}\"“”«»!?/|])"
    r"|(?P<period>\.)"
)
# Words after which a period does not end a sentence ("St. Kitts", "Gen. Milley").
_ABBREVIATIONS = frozenset(
    "st mr mrs ms dr gen lt col sen rep gov sgt capt adm maj prof jr sr no mt ft vs".split()
)
_POSSESSIVE_RE = re.compile(rf"[{_APOS}][sS]$")


@dataclass(slots=True)
class Token:
    """One word token: its match key, its surface form and where it sits."""

    key: str  # normalised: lower case, no accents, no periods
    text: str  # as written in the input
    start: int
    end: int
    segment: int  # tokens in different segments (split by , ; ( ) ...) never join in a match
    joined: bool = False  # attached to the previous token by a hyphen ("U.S.-led": "led")


@lru_cache(maxsize=65536)
def normalize(word: str) -> str:
    """The dictionary key of one word: lower case, accents and periods removed."""
    folded = word.translate(_FOLD)
    if not folded.isascii():
        folded = "".join(
            c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c)
        )
    return folded.replace(".", "").lower()


def tokenize(text: str) -> list[Token]:
    """Split text into word tokens; punctuation only opens a new segment.

    A possessive "'s" becomes its own token (key "'s"); a hyphen between two
    words (no spaces around it) joins them, while a spaced dash or any other
    punctuation mark separates segments, as appositions and lists do.
    """
    tokens: list[Token] = []
    segment = 0
    pending_join = False
    prev_end = -1
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastgroup
        start, end = m.span()
        if kind == "word" or kind == "abbr" or kind == "amp":
            surface = m.group()
            joined = pending_join and start == prev_end + 1
            pending_join = False
            if kind == "amp":
                tokens.append(Token("and", surface, start, end, segment, joined))
            elif kind == "word" and len(surface) > 2 and _POSSESSIVE_RE.search(surface):
                cut, stem = end - 2, surface[:-2]
                tokens.append(Token(normalize(stem), stem, start, cut, segment, joined))
                tokens.append(Token("'s", surface[-2:], cut, end, segment))
            elif end < len(text) and text[end] == "$":
                # "US$400", "HK$1bn": a currency, not a country.
                tokens.append(Token("$", surface, start, end, segment, joined))
            else:
                tokens.append(Token(normalize(surface), surface, start, end, segment, joined))
            prev_end = end
        elif kind == "hyph":
            attached_left = start > 0 and start == prev_end and not text[start - 1].isspace()
            attached_right = end < len(text) and not text[end].isspace()
            if attached_left and attached_right:
                pending_join = True
                prev_end = end - 1  # so the next word (at end) counts as adjacent
            else:
                segment += 1
                pending_join = False
        elif kind == "period":
            if not (tokens and tokens[-1].end == start and tokens[-1].key in _ABBREVIATIONS):
                segment += 1
            pending_join = False
        elif kind == "apos":
            pending_join = False  # a bare apostrophe ("Hamas' leader") is just a possessive mark
        else:
            segment += 1
            pending_join = False
    return tokens


def letters(text: str) -> str:
    """The alphabetic characters of a token, for case checks."""
    return "".join(c for c in text if c.isalpha())
