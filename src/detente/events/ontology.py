"""CAMEO codes, Goldstein scores, quad classes and the CAMEO->PLOVER crosswalk.

The tables are data files (built by scripts/build_ontology.py from the
reference tables): CAMEO names and Goldstein values from the ICEWS CAMEO table,
PLOVER types and modes from the 2021 CAMEO2PLOVER crosswalk (CC BY-SA 4.0).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    plover: str | None
    mode: str | None
    plover_context: str | None

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def quad_class(self) -> int:
        return quad_class(self.code)


def quad_class(code: str) -> int:
    """1 verbal coop (01-05), 2 material coop (06-08), 3 verbal conflict (09-13), 4 material."""
    root = int(code[:2])
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


def _read_csv(name: str) -> list[dict[str, str]]:
    path = resources.files("detente.events") / "data" / name
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _load() -> dict[str, CameoCode]:
    crosswalk = {row["cameo"]: row for row in _read_csv("cameo_plover.csv")}
    table: dict[str, CameoCode] = {}
    for row in _read_csv("cameo.csv"):
        code = row["code"]
        # A code missing from the crosswalk takes its parent's (3-digit, then root) PLOVER row.
        cross = crosswalk.get(code) or crosswalk.get(code[:3]) or crosswalk.get(code[:2]) or {}
        table[code] = CameoCode(
            code=code,
            name=row["name"],
            goldstein=float(row["goldstein"]),
            plover=cross.get("plover") or None,
            mode=cross.get("mode") or None,
            plover_context=cross.get("context") or None,
        )
    return table


CAMEO: dict[str, CameoCode] = _load()


def lookup(code: str) -> CameoCode:
    """The table row for a CAMEO code; unknown 4-digit codes fall back to their parent."""
    for candidate in (code, code[:3], code[:2]):
        if candidate in CAMEO:
            return CAMEO[candidate]
    raise KeyError(f"unknown CAMEO code {code!r}")
