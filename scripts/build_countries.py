"""Build the base of src/detente/actors/data/countries.csv from ISO 3166.

Why a script: country names and alpha-3 codes are facts that a standard
library (pycountry) already keeps; typing 249 of them by hand invites typos.
The script only supplies that base. The curated columns (news aliases,
demonyms, capitals and seats of government, UN status) are edited by hand in
the CSV and survive every re-run: existing rows keep their values, ISO names
missing from a row's aliases are appended, and new ISO entries become new rows.

pycountry is a development tool only, never a runtime dependency:

    .venv/bin/pip install pycountry
    .venv/bin/python scripts/build_countries.py            # update in place
    .venv/bin/python scripts/build_countries.py --check    # exit 1 if out of date
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = ROOT / "src" / "detente" / "actors" / "data" / "countries.csv"
COLUMNS = ["iso3", "name", "un", "aliases", "adjectives", "capitals", "metonyms"]

# Entities news reports on that ISO 3166 has no alpha-3 for (XKX is the
# user-assigned code the EU and IMF use for Kosovo).
EXTRA_ROWS = {"XKX": "Kosovo"}

# ISO names that would make an alias ambiguous: plain "Congo" means the DRC
# in current news, so it is curated as a COD alias and not taken for COG.
DROP_VARIANTS = {"COG": {"Congo"}}


def _key(name: str) -> str:
    """Loose comparison key, so "Côte d'Ivoire" and "Cote d'Ivoire" count once."""
    if str(ROOT / "src") not in sys.path:
        sys.path.insert(0, str(ROOT / "src"))
    from detente.actors.text import tokenize

    return " ".join(t.key for t in tokenize(name))


def iso_variants(country: object) -> list[str]:
    """The plain-English names ISO gives a country, minus inverted forms."""
    out: list[str] = []
    for attr in ("common_name", "name", "official_name"):
        value = getattr(country, attr, None)
        if not value:
            continue
        if "(" in value:  # "Holy See (Vatican City State)", "Falkland Islands (Malvinas)"
            outer, inner = value.split("(", 1)
            inner = inner.rstrip(") ")
            parts = [outer.strip()] + ([] if "part" in inner else [inner])
        else:
            parts = [value]
        for part in parts:
            if "," in part:  # "Korea, Republic of" is a sorting form, not a name
                continue
            part = re.sub(r"^the ", "", part.strip())
            if part and part not in out:
                out.append(part)
    return out


def build(existing: dict[str, dict[str, str]]) -> list[dict[str, str]]:
    """Merge ISO 3166 into the curated rows, keeping every curated value."""
    import pycountry

    rows = {iso3: dict(row) for iso3, row in existing.items()}
    for country in pycountry.countries:
        iso3 = country.alpha_3
        variants = [v for v in iso_variants(country) if v not in DROP_VARIANTS.get(iso3, set())]
        row = rows.get(iso3)
        if row is None:
            row = {col: "" for col in COLUMNS}
            row["iso3"] = iso3
            row["name"] = variants[0] if variants else country.name
            rows[iso3] = row
        aliases = [a for a in row.get("aliases", "").split("|") if a]
        seen = {_key(row["name"])} | {_key(a) for a in aliases}
        seen |= {_key(a.lstrip("=")) for a in row.get("adjectives", "").split("|") if a}
        seen |= {_key(a.split(":")[0]) for a in row.get("metonyms", "").split("|") if a}
        for variant in variants:
            if _key(variant) not in seen:
                aliases.append(variant)
                seen.add(_key(variant))
        row["aliases"] = "|".join(aliases)
    for iso3, name in EXTRA_ROWS.items():
        if iso3 not in rows:
            rows[iso3] = {col: "" for col in COLUMNS} | {"iso3": iso3, "name": name}
    return [{col: rows[iso3].get(col, "") or "" for col in COLUMNS} for iso3 in sorted(rows)]


def read_csv(path: Path) -> dict[str, dict[str, str]]:
    """The curated rows by ISO3 code ({} when the file does not exist yet)."""
    if not path.exists():
        return {}
    with path.open(newline="", encoding="utf-8") as fh:
        return {row["iso3"]: row for row in csv.DictReader(fh)}


def render(rows: list[dict[str, str]]) -> str:
    """The CSV text, with a stable layout so diffs stay small."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Update (or --check) countries.csv; returns the process exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--check", action="store_true", help="fail if the file is out of date")
    args = parser.parse_args(argv)
    text = render(build(read_csv(args.output)))
    current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
    if args.check:
        if text != current:
            print(f"{args.output} is out of date; run scripts/build_countries.py", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({text.count(chr(10)) - 1} rows)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
