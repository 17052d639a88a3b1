"""`make bench`: every benchmark in one run, each reporting ratios to a same-run baseline."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = ["bench_coder.py", "bench_extract.py", "bench_ingest.py"]


def _json_objects(text: str) -> list[dict]:
    """JSON results a benchmark printed: one document, or one object per line."""
    try:
        whole = json.loads(text)
        return whole if isinstance(whole, list) else [whole]
    except json.JSONDecodeError:
        return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def main() -> int:
    results = []
    for name in BENCHMARKS:
        path = HERE / name
        if not path.exists():
            continue
        print(f"== {name}", flush=True)
        proc = subprocess.run([sys.executable, str(path)], capture_output=True, text=True)
        found = _json_objects(proc.stdout)
        if proc.returncode != 0 or not found:
            print(proc.stderr[-2000:], file=sys.stderr)
            results.append({"benchmark": name, "error": f"exit {proc.returncode}"})
            continue
        for result in found:
            results.append(result)
            print(json.dumps(result, indent=2))
    out = HERE.parent / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2))
    print(f"results written to {out / 'latest.json'}")
    return 1 if any("error" in r for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
