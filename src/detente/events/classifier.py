"""Statistical sentence classifier that backs up the rule-based event coder.

Why: lexicon rules are precise but brittle. A small TF-IDF + logistic-regression
model, trained offline (``scripts/train_classifier.py``), gives for each sentence
a probability over the five event classes ("pentaclass") and over the sixteen
PLOVER types, which the coder uses to set ``confidence`` and to choose between
candidate codes.

Run time needs numpy only: the vocabulary, idf weights and coefficients are
shipped in ``data/classifier/`` and the featuriser below reproduces
scikit-learn's ``TfidfVectorizer`` (word 1-2 grams + ``char_wb`` n-grams,
sublinear tf, l2 norm per block) exactly, which the training script checks.
See ``docs/classifier.md``.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain
from pathlib import Path

import numpy as np

__all__ = ["EventClassifier", "PENTA_LABELS", "PLOVER_TYPES", "DATA_DIR", "PLOVER_TO_PENTA"]

#: Pentaclass labels, index = column of :meth:`EventClassifier.quad_proba`.
PENTA_LABELS: tuple[str, ...] = (
    "statement",  # 0: CAMEO 01
    "verbal_cooperation",  # 1: CAMEO 02-05
    "material_cooperation",  # 2: CAMEO 06-08
    "verbal_conflict",  # 3: CAMEO 09-13
    "material_conflict",  # 4: CAMEO 14-20
)

#: PLOVER types, index = column of :meth:`EventClassifier.plover_proba`.
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

#: Pentaclass of each PLOVER type, from the CAMEO roots in the CAMEO->PLOVER crosswalk.
PLOVER_TO_PENTA: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1,
    "CONCEDE": 2, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip

DATA_DIR = Path(__file__).parent / "data" / "classifier"

#: Longer inputs are cut: a "sentence" this long is extraction debris, and the cut
#: bounds the cost of one call.
MAX_CHARS = 10_000
#: Sentences featurised per numpy chunk, to bound memory on large batches.
_CHUNK = 1024
#: Per-word char n-gram cache size before it is cleared (words follow Zipf's law,
#: so a small cache serves most look-ups).
_WORD_CACHE_MAX = 200_000

# scikit-learn's default token_pattern, applied after lower-casing.
_TOKEN_RE = re.compile(r"(?u)\b\w\w+\b")


class TfidfFeaturizer:
    """Word 1-2 gram + ``char_wb`` n-gram TF-IDF, identical to scikit-learn's.

    Why its own code: keeps scikit-learn out of run time, and a per-word cache of
    char n-gram ids makes it several times faster than ``TfidfVectorizer``.
    """

    def __init__(
        self,
        word_vocab: Sequence[str],
        char_vocab: Sequence[str],
        idf: np.ndarray,
        char_range: tuple[int, int],
    ) -> None:
        self.word_index = {t: i for i, t in enumerate(word_vocab)}
        offset = len(word_vocab)
        self.char_index = {t: offset + i for i, t in enumerate(char_vocab)}
        self.n_word = offset
        self.n_features = offset + len(char_vocab)
        if idf.shape != (self.n_features,):
            raise ValueError(f"idf has shape {idf.shape}, expected ({self.n_features},)")
        self.idf = idf.astype(np.float32)
        self.char_range = char_range
        self._word_cache: dict[str, list[int]] = {}
        self._lock = threading.Lock()

    def _char_ids(self, word: str) -> list[int]:
        """Feature ids of the char n-grams of one word, as sklearn's ``char_wb``."""
        get = self.char_index.get
        w = " " + word + " "
        w_len = len(w)
        ids = []
        lo, hi = self.char_range
        for n in range(lo, hi + 1):
            offset = 0
            j = get(w[0:n])
            if j is not None:
                ids.append(j)
            while offset + n < w_len:
                offset += 1
                j = get(w[offset : offset + n])
                if j is not None:
                    ids.append(j)
            if offset == 0:  # word shorter than n: counted once, as sklearn does
                break
        with self._lock:
            if len(self._word_cache) >= _WORD_CACHE_MAX:
                self._word_cache.clear()
            self._word_cache[word] = ids
        return ids

    def _ids(self, sentence: str) -> list[int]:
        """All feature ids (with repeats) of one sentence."""
        text = sentence[:MAX_CHARS].lower()
        toks = _TOKEN_RE.findall(text)
        wget = self.word_index.get
        ids = [j for j in map(wget, toks) if j is not None]
        if len(toks) > 1:
            bigrams = map(" ".join, zip(toks, toks[1:], strict=False))
            ids.extend(j for j in map(wget, bigrams) if j is not None)
        cached = self._word_cache.get
        for w in text.split():
            c = cached(w)
            ids.extend(self._char_ids(w) if c is None else c)
        return ids

    def transform(self, sentences: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Sparse TF-IDF rows as (row, col, value) arrays, sorted by row then col."""
        per = [self._ids(s) for s in sentences]
        lengths = np.fromiter(map(len, per), dtype=np.int64, count=len(per))
        cols = np.fromiter(chain.from_iterable(per), dtype=np.int64, count=int(lengths.sum()))
        rows = np.repeat(np.arange(len(per), dtype=np.int64), lengths)
        keys, counts = np.unique(rows * self.n_features + cols, return_counts=True)
        rows = keys // self.n_features
        cols = keys % self.n_features
        vals = (1.0 + np.log(counts)).astype(np.float32) * self.idf[cols]
        # l2-normalise the word block and the char block separately (two vectorizers).
        block = rows * 2 + (cols >= self.n_word)
        sq = np.bincount(block, weights=vals.astype(np.float64) ** 2, minlength=2 * len(per))
        norms = np.sqrt(sq).astype(np.float32)
        vals = vals / norms[block]
        return rows, cols, vals

    def to_dense(self, sentences: Sequence[str]) -> np.ndarray:
        """Dense feature matrix (for checks and small inputs)."""
        rows, cols, vals = self.transform(sentences)
        out = np.zeros((len(sentences), self.n_features), dtype=np.float32)
        out[rows, cols] = vals
        return out


class _Linear:
    """Linear scores x @ W + b for sparse rows x (one logistic-regression layer)."""

    def __init__(self, coef: np.ndarray, intercept: np.ndarray) -> None:
        self.coef = np.ascontiguousarray(coef, dtype=np.float32)  # (n_features, n_classes)
        self.intercept = intercept.astype(np.float32)

    def scores(self, n: int, rows: np.ndarray, cols: np.ndarray, vals: np.ndarray) -> np.ndarray:
        """(n, n_classes) scores; rows must be sorted."""
        scores = np.tile(self.intercept, (n, 1))
        if len(rows):
            contrib = self.coef[cols] * vals[:, None]
            starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
            scores[rows[starts]] += np.add.reduceat(contrib, starts, axis=0)
        return scores


def _softmax(scores: np.ndarray) -> np.ndarray:
    """Row-wise softmax, in a new array."""
    out = scores - scores.max(axis=1, keepdims=True)
    np.exp(out, out=out)
    out /= out.sum(axis=1, keepdims=True)
    return out


class EventClassifier:
    """Pentaclass and PLOVER-type probabilities for sentences.

    Load the shipped model with :meth:`default`; both methods take a list of
    sentences and return one probability row per sentence. Thread-safe.
    """

    def __init__(self, featurizer: TfidfFeaturizer, quad: _Linear, plover: _Linear, meta: dict):
        self.featurizer = featurizer
        self.quad = quad
        self.plover = plover
        # Both heads in one matrix: one gather serves proba().
        self.joint = _Linear(
            np.hstack([quad.coef, plover.coef]), np.r_[quad.intercept, plover.intercept]
        )
        self.meta = meta
        self._oof: dict[int, np.ndarray] = {}

    @classmethod
    def load(cls, path: str | Path = DATA_DIR) -> EventClassifier:
        """Load a model folder written by ``scripts/train_classifier.py``."""
        path = Path(path)
        meta = json.loads((path / "model.json").read_text(encoding="utf-8"))
        vocab = json.loads((path / "vocab.json").read_text(encoding="utf-8"))
        with np.load(path / "weights.npz") as w:
            arrays = {k: w[k] for k in w.files}
        if (
            tuple(meta["penta_labels"]) != PENTA_LABELS
            or tuple(meta["plover_types"]) != PLOVER_TYPES
        ):
            raise ValueError(f"{path}: label order differs from this code's")
        feat = TfidfFeaturizer(
            vocab["word"], vocab["char"], arrays["idf"], tuple(meta["features"]["char_ngram_range"])
        )
        quad = _Linear(arrays["quad_coef"], arrays["quad_intercept"])
        plover = _Linear(arrays["plover_coef"], arrays["plover_intercept"])
        clf = cls(feat, quad, plover, meta)
        oof = path / meta.get("out_of_fold", {}).get("file", "oof.npz")
        if oof.exists():
            with np.load(oof) as o:
                clf._oof = dict(zip(o["keys"].tolist(), o["quad"], strict=True))
        return clf

    @classmethod
    def default(cls) -> EventClassifier:
        """The shipped model, loaded once per process."""
        return _default()

    def _scores(self, head: _Linear, sentences: Sequence[str]) -> np.ndarray:
        """Raw scores of one head, featurising in chunks to bound memory."""
        if isinstance(sentences, str):
            raise TypeError("pass a list of sentences, not a single string")
        parts = [np.zeros((0, len(head.intercept)), dtype=np.float32)]
        for start in range(0, len(sentences), _CHUNK):
            chunk = [s if isinstance(s, str) else "" for s in sentences[start : start + _CHUNK]]
            parts.append(head.scores(len(chunk), *self.featurizer.transform(chunk)))
        return np.concatenate(parts)

    def quad_proba(self, sentences: Sequence[str]) -> np.ndarray:
        """(n, 5) probabilities; columns are pentaclass labels 0..4 (:data:`PENTA_LABELS`)."""
        return _softmax(self._scores(self.quad, sentences))

    def plover_proba(self, sentences: Sequence[str]) -> np.ndarray:
        """(n, 16) probabilities; columns follow :data:`PLOVER_TYPES`.

        The mass of each pentaclass group (e.g. ASSAULT+COERCE+... for class 4)
        comes from :meth:`quad_proba`, renormalised over classes 1-4, and the
        split within a group from the PLOVER head: the quad head is trained on real
        news, the PLOVER head only on synthetic stories, and it places real
        sentences in the right class far less often. There is no "no event"
        column: a statement's ``quad_proba`` column 0 says that.
        """
        return self.proba(sentences)[1]

    def plover_head_proba(self, sentences: Sequence[str]) -> np.ndarray:
        """(n, 16) probabilities of the PLOVER head alone (diagnostics)."""
        return _softmax(self._scores(self.plover, sentences))

    def proba(self, sentences: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(quad_proba, plover_proba) from one featurisation: cheaper than two calls."""
        scores = self._scores(self.joint, sentences)
        nq = len(PENTA_LABELS)
        quad = _softmax(scores[:, :nq])
        return quad, within_quad(_softmax(scores[:, nq:]), quad)

    def in_training_set(self, sentences: Sequence[str]) -> np.ndarray:
        """Boolean mask: which sentences the quad head was trained on."""
        return np.array([k in self._oof for k in _keys(sentences)], dtype=bool)

    def proba_out_of_fold(self, sentences: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Like :meth:`proba`, but training sentences get cross-validated probabilities.

        Why: evaluating on the quad head's own training set (the ConfliBERT
        pentaclass file) would otherwise report in-sample accuracy. For those
        sentences the quad row is the stored out-of-fold (grouped 5-fold) one and
        the PLOVER row is recombined with it; other sentences are unchanged.
        """
        scores = self._scores(self.joint, sentences)
        nq = len(PENTA_LABELS)
        quad = _softmax(scores[:, :nq])
        for i, k in enumerate(_keys(sentences)):
            row = self._oof.get(k)
            if row is not None:
                quad[i] = row / row.sum()
        return quad, within_quad(_softmax(scores[:, nq:]), quad)


_GROUP = np.array([PLOVER_TO_PENTA[t] for t in PLOVER_TYPES])
_ONEHOT = np.eye(len(PENTA_LABELS), dtype=np.float64)[_GROUP]  # (16, 5) type -> class


def within_quad(plover: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """Rescale PLOVER probabilities so each pentaclass group holds the quad head's mass.

    Statement mass (class 0, no PLOVER type) is spread over classes 1-4 in
    proportion, so rows still sum to 1.
    """
    if len(plover) == 0:
        return plover.astype(np.float32)
    q = quad[:, 1:] / np.maximum(quad[:, 1:].sum(axis=1, keepdims=True), 1e-12)
    group_mass = plover.astype(np.float64) @ _ONEHOT
    out = plover * (q / np.maximum(group_mass[:, 1:], 1e-30))[:, _GROUP - 1]
    return (out / out.sum(axis=1, keepdims=True)).astype(np.float32)


def _keys(sentences: Sequence[str]) -> list[int]:
    return [
        int.from_bytes(
            hashlib.blake2b(" ".join(str(s).split()).encode("utf-8"), digest_size=8).digest(),
            "big",
        )
        for s in sentences
    ]


def sentence_keys(sentences: Sequence[str]) -> np.ndarray:
    """64-bit keys of whitespace-normalised sentences: out-of-fold rows are looked
    up by these, so the training text itself is not shipped."""
    return np.array(_keys(sentences), dtype=np.uint64)


@lru_cache(maxsize=1)
def _default() -> EventClassifier:
    return EventClassifier.load(DATA_DIR)
