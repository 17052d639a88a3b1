"""Scoring the coder on gold sets: precision, recall, F1 (what `detente eval` prints).

Sets (in ../shared/data/gold, or a directory given with --data):
- plover-gsr: CAMEO-manual example sentences coded in PLOVER; we score
  (source country, target country, PLOVER type) tuples per record, and the
  dyad and type parts on their own.
- pentaclass: news sentences with a 5-way event class; we score the class the
  rules assign, and (when present) the classifier and the combination.
- source-target: news sentences with BIO source/target spans; span F1, exact
  and overlapping.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from detente.model import Document

SETS = ("plover-gsr", "pentaclass", "source-target")
# Old PLOVER 0.5 names in the gold file -> current names.
GSR_RENAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
               "FIGHT": "ASSAULT"}
# Country-code typos in the gold file.
GSR_CODE_FIXES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


def default_data_dir() -> Path | None:
    """../shared/data relative to the project root (or the working directory), if present."""
    here = Path(__file__).resolve()
    for base in (Path.cwd(), *here.parents):
        candidate = base.parent / "shared" / "data"
        if (candidate / "gold").is_dir():
            return candidate
    return None


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, predicted: set, gold: set) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Report:
    name: str
    n: int
    metrics: dict = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"set": self.name, "n": self.n, **self.metrics, "errors": self.errors}


def actor_key(country: str | None, sector: str | None, code: str) -> str:
    """How an actor is compared with the gold: its country, else its kind of organisation.

    The gold codes international bodies as IGO (it also writes IGO for Amnesty
    or the Red Cross, which detente codes NGO) and transnational armed groups
    as IMG (detente: IMGISI, IMGALQ); both sides are compared at that level.
    """
    if country:
        return country
    if sector in ("IGO", "NGO"):
        return "IGO"
    if code.startswith("IMG"):
        return "IMG"
    return code


def _gsr_gold_key(code: str) -> str:
    code = GSR_CODE_FIXES.get(code[:3], code[:3]) if len(code) >= 3 else code
    return "IGO" if code == "NGO" else code


def load_gsr(data_dir: Path) -> list[dict]:
    records = json.loads((data_dir / "gold" / "plover_gsr.json").read_text(encoding="utf-8"))
    usable = []
    for r in records:
        if r.get("event") in (None, "DOCUMENT"):
            continue
        src, tgt = r.get("source"), r.get("target")
        if not isinstance(src, list) or not isinstance(tgt, list) or not src or not tgt:
            continue
        usable.append(r)
    return usable


def eval_gsr(coder, data_dir: Path, max_errors: int = 40) -> Report:
    records = load_gsr(data_dir)
    docs = [Document(id=r["id"], text=r["text"], date=r.get("date")) for r in records]
    by_id = {r["id"]: r for r in records}
    full, dyad, typ = Score(), Score(), Score()
    per_type: dict[str, Score] = defaultdict(Score)
    confusion: Counter = Counter()
    errors = []
    for document, events in coder.code_documents(docs):
        record = by_id[document.id]
        event_type = GSR_RENAMES.get(record["event"], record["event"])
        gold = {(_gsr_gold_key(s["code"]), _gsr_gold_key(t["code"]), event_type)
                for s in record["source"] for t in record["target"]}
        predicted = {
            (actor_key(e.source.country, e.source.sector, e.source.code),
             actor_key(e.target.country, e.target.sector, e.target.code), e.plover)
            for e in events if e.plover and not e.negated
        }
        full.add(predicted, gold)
        dyad.add({p[:2] for p in predicted}, {g[:2] for g in gold})
        typ.add({p[2] for p in predicted}, {event_type})
        for kind in {event_type} | {p[2] for p in predicted}:
            per_type[kind].add({p for p in predicted if p[2] == kind},
                               {g for g in gold if g[2] == kind})
        predicted_types = sorted({p[2] for p in predicted}) or ["-"]
        confusion[(event_type, predicted_types[0])] += 1
        if predicted != gold and len(errors) < max_errors:
            errors.append({"id": document.id, "text": document.text, "gold": sorted(gold),
                           "predicted": sorted(predicted)})
    return Report(
        "plover-gsr", len(records),
        {"source_target_type": full.as_dict(), "dyad": dyad.as_dict(), "type": typ.as_dict(),
         "per_type": {k: v.as_dict() for k, v in sorted(per_type.items())},
         "confusion": {f"{g}->{p}": n for (g, p), n in confusion.most_common() if g != p}},
        errors,
    )


def load_pentaclass(data_dir: Path) -> list[tuple[str, int]]:
    rows = []
    path = data_dir / "gold" / "cameo_pentaclass_train.tsv"
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            text, _, label = line.rstrip("\n").rpartition("\t")
            if text and label.strip().isdigit():
                rows.append((text, int(label)))
    return rows


def rule_classes(coder, texts: Iterable[str]) -> tuple[list[int], list[bool]]:
    """The rule coder's 5-way class per sentence, and whether it came from a full event.

    A sentence with a coded event (both actors resolved) takes that event's
    class; otherwise the strongest trigger's class, or 0 (statement).
    """
    from detente.events.coder import penta_label

    classes, from_event = [], []
    for i, doc in enumerate(coder.nlp.pipe(texts, batch_size=32)):
        events = coder.code_parsed(Document(id=str(i), text=doc.text), doc)
        if events:
            best = max(events, key=lambda e: e.confidence)
            classes.append(penta_label(best.cameo))
        else:
            classes.append(coder.trigger_class(doc))
        from_event.append(bool(events))
    return classes, from_event


def eval_pentaclass(coder, data_dir: Path, folds: int = 5) -> Report:
    rows = load_pentaclass(data_dir)
    texts = [t for t, _ in rows]
    gold = [y for _, y in rows]
    rules, from_event = rule_classes(coder, texts)
    metrics = {"rules": _class_metrics(gold, rules)}
    try:
        metrics.update(cross_validate_penta(texts, gold, rules, from_event, folds))
    except ImportError:
        metrics["classifier"] = ("skipped: cross-validation needs scikit-learn "
                                 "(pip install -e '.[dev]')")
    errors = [{"text": t, "gold": g, "rules": r} for t, g, r in zip(texts, gold, rules, strict=True)
              if g != r][:30]
    return Report("pentaclass", len(rows), metrics, errors)


RULE_FEATURE_WEIGHT = 3.0


def cross_validate_penta(
    texts: list[str], gold: list[int], rules: list[int], from_event: list[bool], folds: int = 5
) -> dict:
    """Stratified k-fold figures for the classifier alone and for classifier + rules.

    The classifier is retrained on each training fold with the shipped model's
    features (word 1-2 grams and character 3-5 grams, TF-IDF, logistic
    regression); the combination adds the rule coder's class (one-hot) and
    whether it came from a fully coded event as features, so the model learns
    how far to trust the rules. Figures are means over the held-out folds.
    """
    import numpy as np
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    y = np.asarray(gold)
    rule_feats = np.zeros((len(texts), 6))
    rule_feats[np.arange(len(texts)), rules] = RULE_FEATURE_WEIGHT
    rule_feats[:, 5] = np.asarray(from_event, dtype=float) * RULE_FEATURE_WEIGHT
    alone: list[int] = [0] * len(texts)
    combined: list[int] = [0] * len(texts)
    splits = StratifiedKFold(folds, shuffle=True, random_state=13).split(texts, y)
    for train, test in splits:
        word = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2,
                               sublinear_tf=True)
        train_texts = [texts[i] for i in train]
        test_texts = [texts[i] for i in test]
        x_train = hstack([word.fit_transform(train_texts), char.fit_transform(train_texts)])
        x_test = hstack([word.transform(test_texts), char.transform(test_texts)])
        model = LogisticRegression(C=10.0, max_iter=3000).fit(x_train, y[train])
        for i, p in zip(test, model.predict(x_test), strict=True):
            alone[i] = int(p)
        x_train = hstack([x_train, csr_matrix(rule_feats[train])]).tocsr()
        x_test = hstack([x_test, csr_matrix(rule_feats[test])]).tocsr()
        model = LogisticRegression(C=10.0, max_iter=3000).fit(x_train, y[train])
        for i, p in zip(test, model.predict(x_test), strict=True):
            combined[i] = int(p)
    return {
        f"classifier_cv{folds}": _class_metrics(gold, alone),
        f"classifier_plus_rules_cv{folds}": _class_metrics(gold, combined),
    }


def _class_metrics(gold: list[int], predicted: list[int]) -> dict:
    labels = sorted(set(gold))
    pairs = list(zip(gold, predicted, strict=True))
    accuracy = sum(g == p for g, p in pairs) / len(pairs) if pairs else 0.0
    per_class = {}
    for label in labels:
        s = Score()
        s.tp = sum(1 for g, p in pairs if g == label and p == label)
        s.fp = sum(1 for g, p in pairs if g != label and p == label)
        s.fn = sum(1 for g, p in pairs if g == label and p != label)
        per_class[str(label)] = s.as_dict()
    macro = sum(v["f1"] for v in per_class.values()) / len(per_class) if per_class else 0.0
    return {"accuracy": round(accuracy, 4), "macro_f1": round(macro, 4), "per_class": per_class}


def load_source_target(data_dir: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Sentences as text (tokens joined by spaces) with gold (start, end, S|T) char spans."""
    path = data_dir / "gold" / "cameo_source_target_train.txt"
    sentences = []
    tokens: list[tuple[str, str]] = []

    def flush() -> None:
        if not tokens:
            return
        text, spans, offset = [], [], 0
        current: list | None = None
        for word, tag in tokens:
            start = offset
            text.append(word)
            offset += len(word) + 1
            kind = tag[2:] if len(tag) > 2 else ""
            if tag.startswith("B-") or (tag.startswith("I-") and (current is None
                                                                  or current[2] != kind)):
                if current:
                    spans.append(tuple(current))
                current = [start, start + len(word), kind]
            elif tag.startswith("I-") and current is not None:
                current[1] = start + len(word)
            else:
                if current:
                    spans.append(tuple(current))
                current = None
        if current:
            spans.append(tuple(current))
        sentences.append((" ".join(text), spans))
        tokens.clear()

    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                flush()
                continue
            word, _, tag = line.rpartition(" ")
            tokens.append((word or tag, tag if word else "O"))
    flush()
    return sentences


def eval_source_target(coder, data_dir: Path) -> Report:
    sentences = load_source_target(data_dir)
    docs = [Document(id=str(i), text=t) for i, (t, _) in enumerate(sentences)]
    exact = {"S": Score(), "T": Score()}
    overlap = {"S": Score(), "T": Score()}
    for document, events in coder.code_documents(docs):
        gold_spans = sentences[int(document.id)][1]
        for role, key in (("S", "source_span"), ("T", "target_span")):
            predicted = {e.extra.get(key) for e in events if e.extra.get(key)}
            gold = {(s, e) for s, e, kind in gold_spans if kind == role}
            exact[role].add(predicted, gold)
            hits = {g for g in gold if any(p[0] < g[1] and g[0] < p[1] for p in predicted)}
            matched = {p for p in predicted if any(p[0] < g[1] and g[0] < p[1] for g in gold)}
            overlap[role].tp += len(hits)
            overlap[role].fn += len(gold) - len(hits)
            overlap[role].fp += len(predicted) - len(matched)
    return Report("source-target", len(sentences), {
        "exact": {r: s.as_dict() for r, s in exact.items()},
        "overlap": {r: s.as_dict() for r, s in overlap.items()},
    })


def evaluate(coder, name: str, data_dir: Path) -> Report:
    if name == "plover-gsr":
        return eval_gsr(coder, data_dir)
    if name == "pentaclass":
        return eval_pentaclass(coder, data_dir)
    if name == "source-target":
        return eval_source_target(coder, data_dir)
    raise ValueError(f"unknown gold set {name!r}; choose from {', '.join(SETS)}")
