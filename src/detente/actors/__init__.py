"""Actor resolution: who is acting, as a CAMEO-style code, on a given date.

    >>> from detente.actors import ActorResolver
    >>> ActorResolver.default().resolve("Chinese troops", "2023-06-18").code
    'CHNMIL'

The knowledge base lives in ``actors/data``: countries.csv (built from ISO
3166 by scripts/build_countries.py, then curated), organizations.yaml,
agents.yaml (sector nouns and titles) and every people*.yaml (named people
with tenure dates). The rules are described in ``resolver``.

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
  prosecutors JUD.
"""

from detente.actors.kb import ActorDataError
from detente.actors.resolver import ActorResolver, Mention

__all__ = ["ActorDataError", "ActorResolver", "Mention"]
