"""Derive the project's CAMEO and CAMEO->PLOVER tables from ../shared/data/reference.

Run once when the reference tables change; the output CSVs are committed under
src/detente/events/data/ (facts: codes, names, Goldstein values, crosswalk).
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "data" / "reference"
OUT = ROOT / "src" / "detente" / "events" / "data"


def build_cameo() -> int:
    rows = []
    with open(REFERENCE / "cameo-codes.csv", encoding="utf-8", errors="replace") as fh:
        for row in csv.DictReader(fh):
            name = " ".join(row["name"].split())
            rows.append((row["code"], name, float(row["goldstein"])))
    with open(OUT / "cameo.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["code", "name", "goldstein"])
        writer.writerows(rows)
    return len(rows)


# Where the 2021 crosswalk contradicts the PLOVER manual's own definitions, the
# manual wins: "International (political or economic) sanctions are coded as
# [SANCTION] 'discontinue'" (PLOVER manual, SANCTION modes); the crosswalk maps
# CAMEO 163 (impose embargo, boycott or sanctions) to COERCE. The manual's
# CONCEDE "covers ... easing of administrative or legal restrictions on persons
# and organizations, removing curfews" and explains why "the lifting of a
# curfew" is a concession; the crosswalk files CAMEO 0813 (ease curfew) and
# 0814 (ease state of emergency or martial law) under RETREAT.
MANUAL_OVERRIDES = {
    "163": ("163", "SANCTION", "discontinue", "economic"),
    "0813": ("0813", "CONCEDE", "", "legal"),
    "0814": ("0814", "CONCEDE", "", "legal"),
}

LINE = re.compile(r"^(\d{2,4}):\s*([^#]*)")


def build_plover() -> int:
    rows = []
    for line in (REFERENCE / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8").splitlines():
        match = LINE.match(line)
        if not match:
            continue
        code, rest = match.groups()
        parts = [p.strip() for p in rest.split(",")]
        parts += [""] * (3 - len(parts))
        plover, mode, context = parts[:3]
        rows.append((code, plover, mode, context))
    rows = [MANUAL_OVERRIDES.get(r[0], r) for r in rows]
    rows += appeal_rows({r[0]: r for r in rows})
    with open(OUT / "cameo_plover.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["cameo", "plover", "mode", "context"])
        writer.writerows(rows)
    return len(rows)


def appeal_rows(crosswalk: dict[str, tuple]) -> list[tuple]:
    """CAMEO 02 (appeal) as PLOVER REQUEST, mirroring the parallel 10 (demand) codes.

    PLOVER dropped APPEAL and defines REQUEST as "all requests, demands and
    orders"; the 2021 crosswalk leaves 02 unmapped, which would lose every
    "X urged Y to ..." from PLOVER views. 02x and 10x share their subcodes
    (021/101 material cooperation, ..., 025/105 yield, 026/106 meet).
    """
    rows = []
    with open(REFERENCE / "cameo-codes.csv", encoding="utf-8", errors="replace") as fh:
        for row in csv.DictReader(fh):
            code = row["code"]
            if code.startswith("02") and code not in crosswalk:
                mirror = crosswalk.get("10" + code[2:]) or crosswalk.get("10" + code[2:3])
                mode, context = (mirror[2], mirror[3]) if mirror else ("", "")
                rows.append((code, "REQUEST", mode, context))
    return rows


if __name__ == "__main__":
    if not REFERENCE.is_dir():
        sys.exit(f"reference tables not found at {REFERENCE}")
    print(f"cameo.csv: {build_cameo()} codes; cameo_plover.csv: {build_plover()} rows")
