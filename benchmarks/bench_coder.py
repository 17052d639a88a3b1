"""Coder throughput against spaCy parsing alone, same texts, same run.

Reports sentences/s for (a) the spaCy pipeline the coder uses, alone, and (b)
the full coder (parse + events), and their ratio. Rounds alternate so machine
noise hits both; the best round of each is kept.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIKINEWS = ROOT.parent / "shared" / "data" / "corpora" / "wikinews" / "wikinews_2019.csv"


def load_texts(limit: int) -> list[str]:
    csv.field_size_limit(10_000_000)
    with WIKINEWS.open(encoding="utf-8") as fh:
        return [row["text"] for row in csv.DictReader(fh)][:limit]


def main(limit: int = 60, rounds: int = 3) -> dict:
    from detente.events.coder import EventCoder
    from detente.model import Document

    if not WIKINEWS.exists():
        return {"skipped": f"wikinews corpus not found at {WIKINEWS}"}
    texts = load_texts(limit)
    coder = EventCoder()
    nlp = coder.nlp
    documents = [Document(id=str(i), text=t, date="2019-06-01") for i, t in enumerate(texts)]
    sentences = sum(len(list(d.sents)) for d in nlp.pipe(texts))  # also warms up
    parse_best = coder_best = float("inf")
    events = 0
    for _ in range(rounds):
        start = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=16):
            pass
        parse_best = min(parse_best, time.perf_counter() - start)
        start = time.perf_counter()
        events = sum(len(ev) for _d, ev in coder.code_documents(documents))
        coder_best = min(coder_best, time.perf_counter() - start)
    return {
        "benchmark": "coder_vs_parse",
        "documents": len(texts),
        "sentences": sentences,
        "events": events,
        "parse_sentences_per_s": round(sentences / parse_best, 1),
        "coder_sentences_per_s": round(sentences / coder_best, 1),
        "ratio_coder_to_parse": round(parse_best / coder_best, 3),
        "target_ratio": 0.75,
    }


if __name__ == "__main__":
    result = main(int(sys.argv[1]) if len(sys.argv) > 1 else 60)
    print(json.dumps(result))
