"""Benchmark `detente extract` against trafilatura alone on the article-extraction benchmark.

Both run in the same process on the same 181 real pages (scrapinghub
article-extraction-benchmark, gzip-compressed HTML), interleaved over a few
rounds so that machine noise hits both alike; the best round of each is
compared. Speed is pages per second of this process's CPU time (both sides
are single-threaded), which other work on a shared machine barely disturbs;
wall-clock figures are reported alongside. Token F1 is the bag-of-words F1
of the extracted body against the ground truth, averaged over pages (a page
with no output scores 0).

detente does more per page than the baseline: title/date/author/site
metadata, furniture cleaning, language identification and near-duplicate
detection; the baseline is `trafilatura.extract(html, include_comments=False)`.

Prints one JSON object. Run: python benchmarks/bench_extract.py [--rounds N]
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
AEB = DATA / "extraction" / "scrapinghub-aeb"
_TOKEN = re.compile(r"\w+")


def token_f1(truth: str, predicted: str | None) -> float:
    """Bag-of-tokens F1 between the ground-truth body and an extraction."""
    expected = Counter(_TOKEN.findall(truth.lower()))
    got = Counter(_TOKEN.findall((predicted or "").lower()))
    common = sum((expected & got).values())
    if not common:
        return 0.0
    precision = common / sum(got.values())
    recall = common / sum(expected.values())
    return 2 * precision * recall / (precision + recall)


def run_trafilatura(files: list[Path]) -> dict[str, str | None]:
    import trafilatura

    return {
        f.name.split(".")[0]: trafilatura.extract(gzip.decompress(f.read_bytes()),
                                                  include_comments=False)
        for f in files
    }


def run_trafilatura_metadata(files: list[Path]) -> dict[str, str | None]:
    """Reference only: trafilatura asked for the same metadata detente returns."""
    import trafilatura

    out = {}
    for f in files:
        doc = trafilatura.bare_extraction(gzip.decompress(f.read_bytes()), with_metadata=True,
                                          include_comments=False)
        out[f.name.split(".")[0]] = doc.text if doc else None
    return out


def run_detente(folder: Path) -> tuple[dict[str, dict], list[str]]:
    """`detente extract --languages all` on the folder, stdout captured."""
    from detente.cli import main

    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(["extract", "--languages", "all", "--no-progress", "-q", str(folder)])
    if code != 0:
        raise SystemExit(f"detente extract failed: {stderr.getvalue()}")
    records = [json.loads(line) for line in stdout.getvalue().splitlines()]
    return {Path(r["path"]).name.split(".")[0]: r for r in records}, \
        stderr.getvalue().splitlines()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-reference", action="store_true",
                        help="skip the trafilatura-with-metadata reference timing")
    args = parser.parse_args()
    if not (AEB / "html").is_dir():
        print(json.dumps({"benchmark": "extract", "skipped": f"data not found: {AEB}"}))
        return 0
    truth = {k: v["articleBody"] for k, v in
             json.loads((AEB / "ground-truth.json").read_text()).items()}
    files = sorted((AEB / "html").glob("*.html.gz"))
    n = len(files)

    # Warm-up: imports, trafilatura's caches and the language model load once.
    from detente.ingest.language import detect_language

    detect_language("A warm-up sentence so that the language model is loaded before timing.")
    run_trafilatura(files[:2])

    traf_cpu, det_cpu, traf_wall, det_wall = [], [], [], []
    traf_out: dict[str, str | None] = {}
    det_out: dict[str, dict] = {}
    problems: list[str] = []
    for _ in range(max(1, args.rounds)):
        wall, cpu = time.perf_counter(), time.process_time()
        traf_out = run_trafilatura(files)
        traf_cpu.append(time.process_time() - cpu)
        traf_wall.append(time.perf_counter() - wall)
        wall, cpu = time.perf_counter(), time.process_time()
        det_out, problems = run_detente(AEB / "html")
        det_cpu.append(time.process_time() - cpu)
        det_wall.append(time.perf_counter() - wall)

    reference = None
    if not args.no_reference:
        cpu = time.process_time()
        run_trafilatura_metadata(files)
        reference = round(n / (time.process_time() - cpu), 1)

    traf_f1 = statistics.fmean(token_f1(truth[k], traf_out.get(k)) for k in truth)
    det_f1 = statistics.fmean(
        token_f1(truth[k], det_out[k]["text"] if k in det_out else None) for k in truth)
    traf_pps = n / min(traf_cpu)
    det_pps = n / min(det_cpu)
    ratio = det_pps / traf_pps
    fields = ("title", "date", "author", "sitename")
    result = {
        "benchmark": "extract",
        "dataset": "scrapinghub-aeb",
        "pages": n,
        "rounds": len(det_cpu),
        "detente": {
            "token_f1": round(det_f1, 4),
            "pages_per_s": round(det_pps, 1),
            "pages_per_s_wall": round(n / min(det_wall), 1),
            "articles": len(det_out),
            "with_metadata": {f: sum(1 for r in det_out.values() if r.get(f)) for f in fields},
            "duplicates_linked": sum(1 for r in det_out.values() if r.get("duplicate_of")),
            "problems": problems,
        },
        "trafilatura": {
            "call": "trafilatura.extract(html, include_comments=False)",
            "token_f1": round(traf_f1, 4),
            "pages_per_s": round(traf_pps, 1),
            "pages_per_s_wall": round(n / min(traf_wall), 1),
        },
        "trafilatura_with_metadata_pages_per_s": reference,
        "speed_ratio": round(ratio, 3),
        "speed_ratio_median": round(statistics.median(traf_cpu) / statistics.median(det_cpu), 3),
        "speed_ratio_wall": round(min(traf_wall) / min(det_wall), 3),
        "speed_basis": "pages per CPU-second of this process, best of the rounds",
        "targets": {"token_f1": 0.95, "speed_ratio": 0.9},
        "pass": det_f1 >= 0.95 and ratio >= 0.9,
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
