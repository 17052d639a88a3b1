"""Actor resolution: who is acting, as a CAMEO-style code, on a given date.

    >>> from detente.actors import ActorResolver
    >>> ActorResolver.default().resolve("Chinese troops", "2023-06-18").code
    'CHNMIL'

The knowledge base lives in ``actors/data``: countries.csv (built from ISO
3166 by scripts/build_countries.py, then curated), organizations.yaml,
agents.yaml (sector nouns and titles), every people*.yaml (named people
with tenure dates) and places.csv (cities and US states, built from GeoNames
by scripts/build_places.py). The rules are described in ``resolver``.

Coding conventions (the choices a user needs to know to read the codes):

- Country: ISO 3166 alpha-3. Taiwan TWN, Palestine PSE, Hong Kong HKG (its own
  code, as PLOVER does; Macao MAC), Kosovo XKX (the code the EU and IMF use).
  Bare "Congo" is the DRC (COD); the Republic of the Congo is COG.
- Actor code = country + sector ("USAGOV"); a bare country has no sector
  ("China" -> code "CHN", sector None). Bare sector words ("the government")
  resolve to None: coreference is the caller's job.
- Capitals and seats of government stand for the government ("Beijing",
  "the Kremlin", "Downing Street" -> GOV), with exceptions: the Pentagon and
  defence ministries are MIL (CAMEO), Capitol Hill, the Duma and the Knesset
  LEG. "Brussels" is the EU, not Belgium. After "in/at/near" a capital is a
  place and codes as nothing.
- A city or region (places.csv) that is the only clue codes as its country
  with no sector ("Kharkiv" -> "UKR", "the city of Jericho" -> "PSE"), and
  gives rule 5 its place ("police in Karachi" -> PAKCOP). Any person,
  organisation, country, capital or sector word wins over it, and after
  "in/at/near" it is a place, as capitals are. Ambiguous names ("Hyderabad"),
  common words and names ("Reading", "Lincoln") and capitals are left out.
- People code by the office held on the date: a national office as country +
  its sector; an organisation post as the organisation (Stoltenberg in 2020 ->
  code "NATO", country None, sector "IGO"); no office (before or after) as
  country + ELI ("Blinken" in 2025 -> USAELI). "former"/"ex-" + title -> ELI.
- Organisations without a home country keep their own code (UN, UNSC, NATO,
  EU, IAEA, WHO, ICRC, HRW, ...; sector IGO or NGO); "the United Nations
  Security Council" is UNSC, not UN. Organisations with a home country code as
  that country's sector: Hamas PSEREB, Hezbollah LBNREB, the Houthis YEMREB,
  the Taliban AFGREB before 2021-08-15 and AFGGOV from then, the Wagner Group
  RUSMIL, the PLA CHNMIL, Xinhua CHNMED. Transnational armed groups use
  CAMEO's IMG prefix with sector REB: Islamic State IMGISI, al-Qaeda IMGALQ.
- Sectors follow CAMEO: protesters and activists CVL, organised opposition
  OPP, security forces COP, intelligence SPY, media MED, health HLH,
  prosecutors, judges and courts JUD, unions and workers LAB, farmers AGR,
  students EDU, clerics REL, aid groups and rights groups NGO. Non-state armed
  groups are REB: rebels, militants, gunmen, insurgents, guerrillas,
  separatists, militias, and "fighters" (generic: "army fighters" stay MIL);
  state paramilitaries are PRM. Hackers, pirates, smugglers and gangs are CRM
  unless a sector word says whose they are ("military hackers" -> MIL).
- Nouns for a country's people are that country's civilians: "Iraqis",
  "an Iraqi", "ethnic Turks", "Poles" -> IRQCVL/TURCVL/POLCVL, unless a sector
  word says otherwise. Every adjective + "s" is such a noun, except -ese, -sh,
  -ch, -ss adjectives: "the Chinese", "the French" stay the bare country. An
  ethnic group whose phrase names the state it lives in codes as that state's
  civilians ("ethnic Hungarians in Romania", "the Albanians of Serbia").
- A group without a country of its own takes the country where it is or
  comes from: "rebels in Ivory Coast" CIVREB, "militias in Tripoli" LBYREB
  (a city after "in" is a place: its country, not GOV), "refugees from Syria"
  SYRREF. Not for diplomats, refugees, peacekeepers or aid workers "in" a
  country, nor for "foreign"/"coalition"/"Western" groups: they are foreigners
  there, and code as nothing. The head's own country wins ("Chinese troops in
  Mali" -> CHNMIL).
- Old names code as today's body: the European Community/EC/EEC -> EU, the
  OAU -> AU, the CSCE -> OSCE, GATT -> WTO, the UN Commission on Human Rights
  -> UNHRC, Yugoslavia -> SRB. UN peacekeeping missions code as UN (UNIFIL
  and MONUSCO keep their codes), NATO-led forces (ISAF, KFOR, SFOR) as NATO,
  ECOMOG as ECOWAS. The PLO is PSEREB before the Oslo recognition
  (1993-09-13) and PSEGOV from then.
"""

from detente.actors.kb import ActorDataError
from detente.actors.resolver import ActorResolver, Mention

__all__ = ["ActorDataError", "ActorResolver", "Mention"]
