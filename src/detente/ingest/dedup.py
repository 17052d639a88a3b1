"""Near-duplicate detection with MinHash LSH (datasketch).

The same wire story is republished by dozens of sites with a new headline,
their own boilerplate and often a trimmed ending. Coding each copy would count
one event fifty times, yet throwing copies away would lose how widely a story
was covered. So duplicates are *linked* to the first copy seen
(`Article.duplicate_of`) and kept.

Two tests on word 5-gram shingles: Jaccard similarity of about 0.5 or more
(republished with small edits), or containment of the shorter text in the
longer one (a cut-down version of a longer story), both estimated from the
MinHash signatures so that memory stays at ~0.5 kB per article.
"""

from __future__ import annotations

import hashlib
import re
import zlib

import numpy as np
from datasketch import MinHash, MinHashLSH

from detente.model import Article

__all__ = ["Deduplicator", "shingles"]

_WORD = re.compile(r"\w+", re.UNICODE)
_MULTIPLIER = np.uint64(0x100000001B3)  # FNV-64 prime: mixes word hashes by position


def shingles(text: str, size: int = 5) -> np.ndarray:
    """Distinct 32-bit hashes of the word `size`-grams of `text` (lower-cased).

    Each word is hashed once (CRC-32) and the n-gram hashes are combined with
    numpy, which is several times faster than building every n-gram string.
    """
    return _shingle_hashes(_WORD.findall(text.casefold()), size)


def _shingle_hashes(words: list[str], size: int) -> np.ndarray:
    if not words:
        return np.empty(0, dtype=np.uint32)
    hashed = np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64,
                         count=len(words))
    if len(words) < size:
        size = len(words)
    n = len(words) - size + 1
    combined = np.zeros(n, dtype=np.uint64)
    for offset in range(size):
        combined = combined * _MULTIPLIER + hashed[offset : offset + n]  # wraps mod 2**64
    folded = (combined ^ (combined >> np.uint64(32))) & np.uint64(0xFFFFFFFF)
    return np.unique(folded.astype(np.uint32))


class Deduplicator:
    """Streaming near-duplicate index: `add` each article in arrival order.

    threshold: Jaccard similarity at which two texts are the same story.
    containment: share of the shorter text's shingles found in the longer one
    at which the shorter is a cut-down copy (texts of comparable length only:
    below `min_length_ratio` the MinHash estimate is too noisy to trust).
    """

    def __init__(
        self,
        threshold: float = 0.5,
        containment: float = 0.8,
        num_perm: int = 128,
        shingle_size: int = 5,
        min_length_ratio: float = 0.2,
        min_shingles: int = 10,
    ) -> None:
        self.threshold = threshold
        self.containment = containment
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.min_length_ratio = min_length_ratio
        self.min_shingles = min_shingles
        # Candidates are gathered at a lower threshold so that a short copy of a
        # long story (low Jaccard, high containment) is still found.
        candidate_threshold = min(threshold, max(0.1, min_length_ratio * containment))
        self._lsh = MinHashLSH(threshold=candidate_threshold, num_perm=num_perm)
        self._template = MinHash(num_perm=num_perm, hashfunc=int)
        self._signatures: list[np.ndarray] = []
        self._sizes: list[int] = []
        self._ids: list[str] = []
        self._exact: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._exact)

    def _minhash(self, items: np.ndarray) -> MinHash:
        m = MinHash(
            num_perm=self.num_perm,
            hashfunc=int,  # items are already 32-bit hashes
            permutations=self._template.permutations,
            scheme=self._template.scheme,
        )
        m.update_batch(items)
        return m

    def find(self, article: Article) -> str | None:
        """The id of an earlier article that `article` duplicates, without indexing it."""
        return self._check(article)[0]

    def add(self, article: Article) -> str | None:
        """Index `article`; return the id of the original it duplicates, or None.

        Duplicates are not indexed themselves, so a chain of copies always
        points at the first version seen.
        """
        original, key, items, minhash = self._check(article)
        if original is not None:
            return original
        self._exact[key] = article.id
        if minhash is not None:
            index = len(self._ids)
            self._ids.append(article.id)
            self._signatures.append(minhash.hashvalues.copy())
            self._sizes.append(len(items))
            self._lsh.insert(index, minhash, check_duplication=False)
        return None

    def _check(self, article: Article) -> tuple[str | None, str, np.ndarray, MinHash | None]:
        words = _WORD.findall(article.text.casefold())
        key = hashlib.sha1(" ".join(words).encode()).hexdigest()
        if key in self._exact:
            return self._exact[key], key, np.empty(0, dtype=np.uint32), None
        items = _shingle_hashes(words, self.shingle_size)
        if not len(items):
            return None, key, items, None
        minhash = self._minhash(items)
        size = len(items)
        best, best_score = None, 0.0
        for index in self._lsh.query(minhash):
            other = self._signatures[index]
            jaccard = float(np.count_nonzero(other == minhash.hashvalues)) / self.num_perm
            score = jaccard if jaccard >= self.threshold else 0.0
            if not score:
                score = self._containment(jaccard, size, self._sizes[index])
            if score > best_score:
                best, best_score = index, score
        return (self._ids[best] if best is not None else None), key, items, minhash

    def _containment(self, jaccard: float, a: int, b: int) -> float:
        """Containment of the smaller set in the larger, if high enough, else 0."""
        small, large = min(a, b), max(a, b)
        if small < self.min_shingles or small / large < self.min_length_ratio:
            return 0.0
        if jaccard < 0.5 * self.min_length_ratio:
            return 0.0
        intersection = jaccard * (a + b) / (1.0 + jaccard)
        contained = intersection / small
        return contained if contained >= self.containment else 0.0
