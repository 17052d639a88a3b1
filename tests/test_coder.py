"""The event coder on sentences and articles written for these tests."""

from __future__ import annotations

import pytest

from detente.events.coder import EventCoder
from detente.model import Document


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder()


def code(coder: EventCoder, text: str, date: str = "2023-06-19") -> list:
    return coder.code_document(Document(id="t", text=text, date=date))


def triples(events) -> set[tuple[str, str, str | None]]:
    return {(e.source.country or e.source.code, e.target.country or e.target.code, e.plover)
            for e in events if not e.negated}


def test_active_voice_meeting_with_title_and_date(coder):
    events = code(coder, "Blinken held talks with Chinese Foreign Minister Qin Gang "
                         "in Beijing on Sunday.")
    assert ("USA", "CHN", "CONSULT") in triples(events)
    event = next(e for e in events if e.plover == "CONSULT")
    assert event.source.code == "USAGOV" and event.target.code == "CHNGOV"
    assert event.date == "2023-06-18"  # "on Sunday" before a Monday publication
    assert event.quad_class == 1 and event.cameo.startswith("04")
    assert "talks" in event.evidence.trigger
    assert event.sentence.startswith("Blinken held talks")


def test_passive_voice_swaps_roles(coder):
    events = code(coder, "Israel was attacked by Iran with drones and missiles.")
    assert ("IRN", "ISR", "ASSAULT") in triples(events)
    assert ("ISR", "IRN", "ASSAULT") not in triples(events)


def test_coordinated_subjects_are_reciprocal(coder):
    events = code(coder, "China and Russia agreed to expand economic cooperation.")
    found = {(s, t) for s, t, _ in triples(events)}
    assert ("CHN", "RUS") in found and ("RUS", "CHN") in found


def test_one_verb_several_targets(coder):
    events = code(coder, "Washington has expanded military cooperation with Japan and "
                         "the Philippines.")
    targets = {t for s, t, _ in triples(events) if s == "USA"}
    assert {"JPN", "PHL"} <= targets


def test_nominal_triggers(coder):
    visit = code(coder, "Blinken's visit to Beijing was the first by a secretary of state "
                        "in five years.")
    assert ("USA", "CHN", "CONSULT") in triples(visit)
    talks = code(coder, "Talks between India and Pakistan resumed in Islamabad.")
    found = {(s, t) for s, t, p in triples(talks) if p == "CONSULT"}
    assert ("IND", "PAK") in found and ("PAK", "IND") in found


def test_apposition_gives_the_role(coder):
    events = code(coder, "Qin Gang, China's foreign minister, met Blinken in Beijing.")
    event = next(e for e in events if e.plover == "CONSULT")
    assert event.source.code == "CHNGOV" and event.target.country == "USA"


def test_control_verb_request(coder):
    events = code(coder, "The United States urged China to release detained American citizens.")
    assert ("USA", "CHN", "REQUEST") in triples(events)


def test_reported_speech_codes_the_reported_act(coder):
    events = code(coder, "Xi said China was willing to cooperate with the United States.")
    assert any(s == "CHN" and t == "USA" and p in ("AGREE", "COOPERATE")
               for s, t, p in triples(events))


def test_said_must_is_a_demand(coder):
    events = code(coder, "Germany said on Tuesday that Iran must release the detained "
                         "journalists.")
    assert ("DEU", "IRN", "REQUEST") in triples(events)


@pytest.mark.parametrize("sentence", [
    "Turkey did not sign the agreement with Greece.",
    "Turkey refused to sign the agreement with Greece.",
])
def test_negation_never_yields_the_positive_event(coder, sentence):
    events = code(coder, sentence)
    positive = [e for e in events if not e.negated and e.plover in ("SUPPORT", "AGREE",
                                                                    "COOPERATE")]
    assert positive == []


def test_threat_is_not_the_act(coder):
    events = code(coder, "Russia threatened to cut gas supplies to Moldova.")
    assert events, "a threat is an event"
    assert all(e.cameo_root == "13" for e in events if not e.negated)


def test_plan_is_intent_not_the_act(coder):
    events = code(coder, "Japan plans to send humanitarian aid to Turkey.")
    assert all(e.cameo_root != "07" for e in events)


def test_tenure_dates_select_the_role(coder):
    text = "Blinken met Wang Yi in Beijing."
    before = code(coder, text, date="2023-06-19")
    assert any(e.source.code == "USAGOV" for e in before)
    after = code(coder, text, date="2025-06-01")
    assert all(e.source.code != "USAGOV" for e in after)


def test_pronoun_and_two_sides_coreference(coder):
    text = ("Blinken arrived in Beijing on Sunday. He met Chinese Foreign Minister Qin Gang. "
            "The two sides agreed to keep channels of communication open.")
    events = code(coder, text)
    pairs = {(s, t) for s, t, _ in triples(events)}
    assert ("USA", "CHN") in pairs
    assert ("CHN", "USA") in pairs  # the two sides agreed: both directions


def test_no_event_from_a_mere_list(coder):
    events = code(coder, "Disputes over trade, Taiwan, human rights and Russia's invasion of "
                         "Ukraine have strained ties between Washington and Beijing.")
    assert not any("RUS" in (s, t) for s, t, _ in triples(events))


def test_contexts_from_sentence(coder):
    events = code(coder, "The United States called on China to curb exports of fentanyl "
                         "precursor chemicals.")
    assert events and "drugs" in events[0].contexts


def test_event_record_shape(coder):
    event = code(coder, "Russian forces shelled Kharkiv, Ukraine's second city.")[0]
    record = event.to_dict()
    assert set(record) == {
        "doc_id", "sentence_index", "sentence", "date", "source", "target", "cameo",
        "cameo_root", "plover", "mode", "contexts", "goldstein", "quad_class", "negated",
        "confidence", "evidence",
    }
    assert isinstance(record["cameo"], str) and record["cameo"].startswith(record["cameo_root"])
    assert set(record["source"]) == {"text", "code", "country", "sector"}
    assert 0 < record["confidence"] <= 1
    assert record["quad_class"] == 4 and record["goldstein"] < 0


def test_evidence_offsets_point_into_the_text(coder):
    text = "Markets were calm. Iran condemned the Israeli strike on Damascus."
    events = code(coder, text)
    assert events
    for event in events:
        assert text[event.evidence.start:event.evidence.end] == event.sentence


def test_reported_speech_pronoun_is_the_speaker(coder):
    events = code(coder, "Switzerland said on Monday it had expelled two Russian diplomats.")
    assert ("CHE", "RUS", "SANCTION") in triples(events)


def test_nominal_event_in_a_manner_phrase_takes_the_verbs_actors(coder):
    events = code(coder, "Houthi rebels wounded two Saudi soldiers in a bomb attack near the "
                         "border.")
    assert any(e.source.country == "YEM" and e.target.code == "SAUMIL" and e.quad_class == 4
               for e in events)


def test_protest_without_named_target_is_against_own_government(coder):
    events = code(coder, "Thousands of Egyptian demonstrators marched in Cairo on Friday.")
    protest = [e for e in events if e.plover == "PROTEST"]
    assert protest and protest[0].source.country == "EGY"
    assert protest[0].target.code == "EGYGOV"
    assert protest[0].confidence < 0.9  # the target is inferred


def test_a_city_target_codes_its_country(coder):
    events = code(coder, "Russian forces shelled Kharkiv overnight.")
    assert ("RUS", "UKR", "ASSAULT") in triples(events)


def test_a_non_actor_objects_owner_is_the_target(coder):
    events = code(coder, "Iran condemned the Israeli strike on Damascus.")
    assert ("IRN", "ISR", "ACCUSE") in triples(events)


def test_participle_of_a_statement_takes_its_authors_subject(coder):
    events = code(coder, "Iran issued a statement demanding that Britain release the "
                         "seized tanker.")
    assert ("IRN", "GBR", "REQUEST") in triples(events)


def test_conditional_clause_subject_is_the_threats_target(coder):
    events = code(coder, "Turkey threatened to launch a military offensive unless Syria "
                         "expelled the militants.")
    assert any(s == "TUR" and t == "SYR" and p == "THREATEN" for s, t, p in triples(events))


def test_an_announced_decision_is_the_act_not_an_intention(coder):
    events = code(coder, "The European Union announced on Monday it would impose sanctions "
                         "on Belarus.")
    assert ("EU", "BLR", "SANCTION") in triples(events)


def test_a_conditional_promise_of_force_is_a_threat(coder):
    events = code(coder, "Israel said it would strike Lebanon unless Hezbollah withdrew.")
    assert all(e.cameo_root != "19" for e in events)


def test_an_attempt_is_coded_as_the_act(coder):
    events = code(coder, "North Korea tried to hack into the computers of South Korean "
                         "officials.")
    assert any(e.source.country == "PRK" and e.target.country == "KOR" and e.quad_class == 4
               for e in events)


def test_attacking_someone_for_something_is_criticism_not_force(coder):
    events = code(coder, "US senators attacked the Chinese government for its crackdown.",
                  date="2023-06-19")
    events += code(coder, "Russian forces attacked Kharkiv overnight.")
    roots = {(e.target.country, e.cameo_root) for e in events}
    assert ("CHN", "11") in roots and ("UKR", "19") in roots


def test_unlisted_group_takes_the_country_its_sentence_is_about(coder):
    events = code(coder, "Kenyan police arrested leaders of the Umoja Workers Front in Nairobi "
                         "on Tuesday.", date="2024-05-07")
    coded = [e for e in events if e.plover == "COERCE"]
    assert coded and coded[0].source.code == "KENCOP"
    assert coded[0].target.country == "KEN" and coded[0].target.text.startswith("leaders")


def test_unlisted_group_is_not_placed_when_the_sentence_names_two_countries(coder):
    events = code(coder, "The Umoja Workers Front criticised Kenya and Uganda on Tuesday.",
                  date="2024-05-07")
    assert not events


def test_unattributed_attack_is_coded_to_where_it_happened(coder):
    events = code(coder, "A roadside bomb near the town of Samarra killed two U.S. soldiers "
                         "on Sunday.", date="2006-05-08")
    assert ("IRQ", "USA", "ASSAULT") in triples(events)
    assert all(e.source.text.startswith("(unidentified") for e in events)
    # A named but unknown attacker is not replaced by the place.
    named = code(coder, "Gunmen loyal to the Black Lion Brigade shot two soldiers from Chad "
                        "and Niger near Agadez.", date="2006-05-08")
    assert not any(e.source.text.startswith("(unidentified") for e in named)


def test_anti_prefix_gives_no_nationality(coder):
    events = code(coder, "An anti-Syria journalist was killed in a car bomb explosion in Beirut.",
                  date="2005-06-02")
    assert events and all(e.target.country == "LBN" for e in events)


def test_shared_surname_out_of_office_still_gives_the_country(coder):
    events = code(coder, "President Bush threatened further action against Russia.",
                  date="2000-01-01")
    assert ("USA", "RUS", "THREATEN") in triples(events)


def test_what_someone_demanded_is_their_request_not_the_others_act(coder):
    for text in ("Turkey demanded that Israel withdraw its troops from Gaza.",
                 "Turkey repeated its demand that Israel withdraw its troops from Gaza.",
                 "Turkey said Israel must withdraw its troops from Gaza."):
        found = triples(code(coder, text))
        assert ("TUR", "ISR", "REQUEST") in found, text
        assert not any(s == "ISR" for s, _, _ in found), text


def test_an_act_held_over_anothers_conduct_is_a_threat(coder):
    threat = code(coder, "Nigeria announced that it will withdraw its peacekeepers from Chad "
                         "unless the government holds elections.")
    assert ("NGA", "TCD", "THREATEN") in triples(threat)
    offer = code(coder, "The rebels said they would meet the UN envoy if he guaranteed "
                        "their safety.")
    assert "THREATEN" not in {p for _, _, p in triples(offer)}


def test_a_nominal_event_acted_on_by_another_trigger_is_one_event(coder):
    events = code(coder, "The Red Cross suspended aid deliveries to Iraq on Wednesday.")
    assert {e.plover for e in events} == {"SANCTION"}
    demanded = code(coder, "Serbia demanded a meeting with the UN Security Council.")
    assert "CONSULT" not in {e.plover for e in demanded}


def test_what_a_protest_demands_is_part_of_the_protest(coder):
    events = code(coder, "Thousands of Turkish students marched in Ankara to demand the "
                         "resignation of the education minister.")
    assert {e.plover for e in events} == {"PROTEST"}
    aimed = code(coder, "Hundreds of ethnic Turks started a hunger strike on Monday to protest "
                        "against Sweden's decision to deport them.")
    assert ("SWE", "SWE", "PROTEST") in triples(aimed)  # a minority living in Sweden


def test_acts_named_as_a_detail_of_a_noun_are_not_attributed_to_the_place(coder):
    events = code(coder, "Serbia rejected an ultimatum to hand over a guard involved in a shooting "
                         "in Sydney.")
    assert not any(e.source.text.startswith("(unidentified") for e in events)


def test_must_on_a_governor_makes_the_act_a_demand(coder):
    events = code(coder, "Mubarak said the US must be ready to mediate between Israel and the "
                         "Palestinians.", date="1996-01-10")
    assert ("EGY", "USA", "REQUEST") in triples(events)
    assert not any(e.source.country == "USA" for e in events)


def test_an_ethnic_minority_is_coded_to_the_country_it_lives_in(coder):
    events = code(coder, "Serbian police killed two ethnic Hungarians in a clash in northern "
                         "Serbia.", date="2004-03-01")
    assert ("SRB", "SRB", "ASSAULT") in triples(events)
    named = code(coder, "Ethnic Albanians in southern Serbia demanded a UN military presence.",
                 date="2001-03-01")
    assert ("SRB", "IGO", "REQUEST") in {(s, "IGO" if t == "UN" else t, p)
                                         for s, t, p in triples(named)}


def test_curfews_and_called_off_strikes_are_aimed_at_the_own_country(coder):
    curfew = code(coder, "President Omar al-Bashir on Thursday shortened the nightly curfew by "
                         "one hour.", date="1989-08-10")
    assert [(e.source.code, e.target.code) for e in curfew] == [("SDNGOV", "SDNCVL")]
    strike = code(coder, "Nigerian teachers called off their strike on Thursday.")
    assert [(e.source.code, e.target.code) for e in strike] == [("NGAEDU", "NGAGOV")]
    # Easing sanctions is aimed at someone abroad: no target is guessed.
    assert not code(coder, "Russia eased sanctions on Thursday.")


def test_a_mediator_is_not_one_of_the_parties(coder):
    events = code(coder, "Egypt launched a mediation effort between Israel and Hamas on Saturday.")
    assert {(e.source.country, e.target.country) for e in events} == {("EGY", "ISR"),
                                                                      ("EGY", "PSE")}


def test_dates_and_coordinated_objects_do_not_break_a_pattern(coder):
    events = code(coder, "Arafat defended Iraq and Libya on Friday against Western criticism of "
                         "their arms industries.", date="1990-04-06")
    assert {("PSE", "IRQ", "SUPPORT"), ("PSE", "LBY", "SUPPORT")} <= triples(events)


def test_orders_and_reminders_are_demands_of_the_one_addressed(coder):
    ordered = code(coder, "A Brazilian judge ordered Bolivia's consul to appear for questioning.",
                   date="2010-05-01")
    assert ("BRA", "BOL", "REQUEST") in triples(ordered)
    reminded = code(coder, "France issued a stern reminder to Iraq that it must cooperate with "
                           "the inspectors.", date="1998-01-10")
    assert ("FRA", "IRQ", "REQUEST") in triples(reminded)


def test_an_object_moved_after_an_as_phrase_is_still_the_target(coder):
    events = code(coder, "Albania denounced as an ugly crime Serbia's crackdown in Kosovo.",
                  date="1998-03-06")
    assert ("ALB", "SRB", "ACCUSE") in triples(events)


def test_a_denied_concession_is_a_refusal(coder):
    events = code(coder, "The U.S. said it would not meet Iran's demands to release its "
                         "prisoners.", date="2004-09-20")
    assert ("USA", "IRN", "REJECT") in triples(events)
    refused = code(coder, "The Taliban refused to allow United Nations planes to land in Kabul.",
                   date="1999-05-01")
    assert ("AFG", "UN", "REJECT") in triples(refused)


def test_an_unlisted_party_can_act_on_its_own_country(coder):
    events = code(coder, "The Umma party said it will boycott Algeria's elections unless the "
                         "president steps down.", date="1991-05-01")
    assert ("DZA", "DZA", "THREATEN") in triples(events)
    # An unknown bare name gives no country.
    assert not code(coder, "Desmond Tutu called for sanctions against Nigeria.",
                    date="1995-11-12")


def test_a_threat_keeps_its_threat_when_the_act_is_more_specific(coder):
    events = code(coder, "A French minister threatened to impose import restrictions on German "
                         "goods.", date="1983-03-01")
    assert {e.plover for e in events} == {"THREATEN"}
    curfew = code(coder, "President Bouteflika threatened to impose a curfew in Algiers.",
                  date="2001-06-15")
    assert ("DZA", "DZA", "THREATEN") in triples(curfew)


def test_coordinated_nominal_triggers_take_the_light_verbs_subject(coder):
    events = code(coder, "Vietnamese forces launched artillery, mortar and rocket fire against "
                         "Cambodian guerrilla camps.", date="1985-01-10")
    assert ("VNM", "KHM", "ASSAULT") in triples(events)


def test_the_perpetrator_of_investigated_crimes_is_the_target(coder):
    events = code(coder, "Serbian police launched an investigation into crimes committed by "
                         "Croatian forces.", date="2003-02-01")
    assert ("SRB", "HRV", "ACCUSE") in triples(events)


def test_an_unlisted_group_in_a_sentence_about_two_countries_takes_the_acts_place(coder):
    events = code(coder, "Turkish police prevented a demonstration staged by students at a "
                         "university in Sivas to protest the decision to send troops to Iraq.",
                  date="2003-10-16")
    assert ("TURCOP", "TUREDU") in {(e.source.code, e.target.code) for e in events}
    settlers = code(coder, "Settlers in Hebron set fire to Palestinian offices after the killing "
                           "of an Israeli man.", date="1994-03-01")
    assert not any(e.source.text.lower().startswith("settlers") for e in settlers)


def test_what_a_request_or_threat_is_for_is_part_of_it(coder):
    demand = code(coder, "Serbia demanded a meeting of the UN Security Council to discuss "
                         "Croatia's military advance.", date="1995-08-01")
    assert "CONSULT" not in {e.plover for e in demand}
    threat = code(coder, "French farmers said they would blockade Paris to demand an end to the "
                         "European Union's farm reform.", date="1992-06-01")
    assert {e.plover for e in threat} == {"THREATEN"}


def test_what_a_plan_proposes_is_not_an_event(coder):
    events = code(coder, "Hungary will support a UN resolution that aims to impose a naval "
                         "blockade on Serbia.", date="1993-04-01")
    assert not any(e.target.country == "SRB" for e in events)


def test_a_complaint_targets_what_it_is_about_not_its_addressee(coder):
    events = code(coder, "Lebanon complained to the United Nations over two Israeli air raids.",
                  date="1996-04-10")
    assert ("LBN", "ISR", "ACCUSE") in triples(events)


def test_they_in_a_when_clause_is_the_main_clauses_subject(coder):
    events = code(coder, "Two Palestinian suicide bombers killed 23 people when they blew "
                         "themselves up in Tel Aviv.", date="2003-01-06")
    assert events and all(e.source.country == "PSE" for e in events)


def test_acts_in_conditions_did_not_happen(coder):
    events = code(coder, "Norway is willing to help defend Saudi Arabia if it is attacked.",
                  date="1990-08-20")
    assert "ASSAULT" not in {e.plover for e in events}
    until = code(coder, "Ethnic Albanian rebels vowed to fight until they gain control of the "
                        "villages near Tetovo.", date="2001-03-20")
    assert "COERCE" not in {e.plover for e in until}


def test_a_title_before_a_town_name_makes_it_a_person(coder):
    events = code(coder, "King Hassan of Morocco said he would be ready to host a meeting between "
                         "Israel and the PLO.", date="1989-01-01")
    assert {e.source.country for e in events} == {"MAR"}


def test_quoted_as_saying_he_stands_for_the_one_quoted(coder):
    events = code(coder, "King Hussein was quoted as saying he would meet Yasser Arafat.",
                  date="1990-01-01")
    assert ("JOR", "PSE") in {(e.source.country, e.target.country) for e in events}


def test_an_unknown_leader_is_not_given_the_other_sides_country(coder):
    assert not code(coder, "King Zog met Netanyahu on Monday.", date="2023-01-01")
    judged = code(coder, "Judge Alejandro Rivera opened fraud investigations against 28 Chilean "
                         "government officials.", date="2001-01-01")
    assert ("CHL", "CHL", "ACCUSE") in triples(judged)


def test_an_after_clause_is_its_own_event_not_a_requests_purpose(coder):
    events = code(coder, "The United States called on China to stop harassing Philippine vessels "
                         "after a Chinese coast guard ship fired a water cannon at a Philippine "
                         "supply boat.", date="2023-08-06")
    assert ("CHN", "PHL", "COERCE") in triples(events)
    assert ("USA", "CHN", "REQUEST") in triples(events)


def test_him_stands_for_the_person_named_earlier_in_the_sentence(coder):
    events = code(coder, "Putin met Xi Jinping in Moscow and praised him for his peace plan.",
                  date="2023-03-21")
    assert ("RUSGOV", "CHNGOV", "SUPPORT") in {(e.source.code, e.target.code, e.plover)
                                               for e in events}


def test_titles_and_accusations_are_not_events_of_their_own(coder):
    chiefs = code(coder, "Misri said the military operations chiefs of the two countries had "
                         "agreed to the ceasefire by phone.", date="2025-05-10")
    assert "ASSAULT" not in {e.plover for e in chiefs}
    accused = code(coder, "Wang Yi accused Washington of suppressing China's development.",
                   date="2024-01-01")
    assert not any(e.source.text.startswith("(unidentified") for e in accused)
    assert ("CHN", "USA", "ACCUSE") in triples(accused)


def test_a_surname_the_tagger_takes_for_an_organisation_is_not_placed(coder):
    assert not code(coder, "On Tuesday, Zorbalino met Premier Li Qiang.", date="2023-08-29")


def test_accidents_and_references_to_old_attacks_get_no_unidentified_attacker(coder):
    crash = code(coder, "Seven people were killed in Connecticut when a vintage plane crashed "
                        "at Bradley airport.", date="2019-10-03")
    assert not any(e.source.text.startswith("(unidentified") for e in crash)
    old = code(coder, "Sirhan is serving a life sentence for the 1968 assassination of "
                      "Senator Robert Kennedy in Los Angeles.", date="2019-08-30")
    assert not any(e.source.text.startswith("(unidentified") for e in old)
    bombing = code(coder, "Twin bombings struck a cathedral in Jolo, Philippines.",
                   date="2019-01-28")
    assert [(e.source.code, e.target.country) for e in bombing][:1] == [("PHLUAF", "PHL")]


def test_a_guessed_target_is_not_the_next_sentences_counterpart(coder):
    events = code(coder, "President Trump declared a state of emergency. He admits that he will "
                         "likely lose this case in court.", date="2019-02-16")
    assert [e.cameo for e in events] == ["1724"]


def test_a_dollar_amount_is_not_the_united_states(coder):
    events = code(coder, "Trump ordered his staff to delay around US$400 million in military "
                         "aid.", date="2019-09-25")
    assert not any(e.target.text.startswith("around US$") for e in events)


def test_a_named_congress_is_an_actor_not_a_venue(coder):
    events = code(coder, "The US Congress agreed to lift the embargo on Cuba.", date="2000-01-01")
    assert ("USALEG", "CUB") in {(e.source.code, e.target.country) for e in events}
    summit = code(coder, "Xi met Biden on the sidelines of the APEC summit.", date="2023-11-16")
    assert all(e.target.code != "APEC" for e in summit)


def test_one_noun_with_two_nationalities_is_two_actors(coder):
    events = code(coder, "Russian and Chinese warships fired on Japanese vessels.",
                  date="2023-01-01")
    assert {("RUS", "JPN", "ASSAULT"), ("CHN", "JPN", "ASSAULT")} <= triples(events)
    scores = code(coder, "Security forces in Guinea tortured scores of Sierra Leonean and "
                         "Liberian refugees.", date="2001-01-01")
    assert {("GIN", "SLE", "ASSAULT"), ("GIN", "LBR", "ASSAULT")} <= triples(scores)


def test_pushing_for_someone_to_act_is_a_request_of_them(coder):
    events = code(coder, "Britain is pushing for the United States to support its debt relief "
                         "plan.", date="2005-01-01")
    assert ("GBR", "USA", "REQUEST") in triples(events)
    assert not any(e.source.country == "USA" for e in events)


def test_its_troops_are_the_speakers_or_subjects_troops(coder):
    said = code(coder, "Israel said its troops killed three militants in Gaza.", date="2024-01-01")
    assert said and all(e.source.code == "ISRMIL" for e in said)
    coast = code(coder, "China said its coast guard expelled a Philippine vessel.",
                 date="2024-01-01")
    assert ("CHNMIL", "PHL") in {(e.source.code, e.target.country) for e in coast}
    moved = code(coder, "Russia moved its troops to the Ukrainian border.", date="2022-01-01")
    assert ("RUS", "UKR", "MOBILIZE") in triples(moved)


def test_agreeing_takes_two_and_mediators_reach_both_parties(coder):
    agreed = code(coder, "India and Pakistan agreed to a ceasefire after four days of fighting.",
                  date="2025-05-10")
    assert {("IND", "PAK", "AGREE"), ("PAK", "IND", "AGREE")} <= triples(agreed)
    mediated = code(coder, "Egypt and Qatar mediated talks between Israel and Hamas in Cairo.",
                    date="2024-01-10")
    assert {("EGY", "ISR"), ("EGY", "PSE"), ("QAT", "ISR"), ("QAT", "PSE")} <= {
        (e.source.country, e.target.country) for e in mediated}


def test_a_warning_of_force_targets_whom_it_would_answer(coder):
    events = code(coder, "Iran warned that its forces would respond to any attack by Israel.",
                  date="2024-04-01")
    assert ("IRN", "ISR", "THREATEN") in triples(events)


def test_an_announced_deployment_is_no_threat_by_itself(coder):
    events = code(coder, "Kenya will send 1,000 police officers to Haiti to fight gangs.",
                  date="2024-01-01")
    assert ("KEN", "HTI", "MOBILIZE") in triples(events)
    assert "THREATEN" not in {e.plover for e in events}


def test_news_sentences_from_this_decade(coder):
    cases = [
        ("Serbia and Kosovo traded accusations after a gunfight in northern Kosovo.",
         ("SRB", "XKX", "ACCUSE")),
        ("China's coast guard boarded a Philippine vessel and seized its cargo.",
         ("CHN", "PHL", "COERCE")),
        ("France recalled its ambassador from Niger after the coup.", ("FRA", "NER", "SANCTION")),
        ("The United States demanded that the Democratic People's Republic of Korea forsake "
         "its nuclear program.", ("USA", "PRK", "REQUEST")),
        ("Russia expelled two British diplomats, accusing them of spying.",
         ("RUS", "GBR", "SANCTION")),
    ]
    for text, expected in cases:
        assert expected in triples(code(coder, text, date="2024-01-01")), text


def test_what_a_say_verb_reports_is_not_a_statement_at_its_subject(coder):
    events = code(coder, "North Korea fired two ballistic missiles into the sea, South Korea's "
                         "military said.", date="2024-01-01")
    assert not any(e.cameo == "010" for e in events)
    assert not code(coder, "Lula described the offensive as genocide.", date="2024-02-18")


def test_fighting_between_two_unlisted_groups_is_coded_both_ways(coder):
    events = code(coder, "The government said it was prepared to impose martial law in Iraq as "
                         "street battles raged in central Baghdad between insurgents and "
                         "security forces.", date="2004-07-01")
    pairs = {(e.source.code, e.target.code, e.plover) for e in events}
    assert {("IRQREB", "IRQCOP", "ASSAULT"), ("IRQCOP", "IRQREB", "ASSAULT")} <= pairs


def test_an_intended_curfew_or_martial_law_is_a_threat_to_the_own_people(coder):
    events = code(coder, "Iraq's interim government said it is prepared to impose martial law.",
                  date="2004-07-01")
    assert [(e.source.code, e.target.code, e.cameo) for e in events] == [
        ("IRQGOV", "IRQCVL", "1324")]
    shields = code(coder, "The Sri Lankan army has been holding thousands of Tamil refugees as "
                          "human shields.", date="2000-01-01")
    assert ("LKA", "LKA", "ASSAULT") in triples(shields)


def test_a_population_named_by_its_people_lives_where_the_act_happens(coder):
    events = code(coder, "Serb forces were engaged in ethnic cleansing in Montenegro against the "
                         "Albanian population of the province.", date="1999-04-01")
    assert ("SRB", "MNE", "ASSAULT") in triples(events)


def test_a_bracketed_short_form_is_not_a_person(coder):
    events = code(coder, "Officials of the Montenegro Municipality Association (AKK) criticised "
                         "Serbia.", date="2019-01-01")
    assert all(e.source.country != "DEU" for e in events)


def test_it_is_not_the_officials_who_said_it(coder):
    events = code(coder, "Chinese officials said it has infected over 200 people and killed "
                         "three.", date="2020-01-21")
    assert not any(e.source.code == "CHNGOV" and e.plover == "ASSAULT" for e in events)


def test_what_someone_is_accused_of_is_not_coded_as_done(coder):
    events = code(coder, "The Trump campaign accused Biden of siding with criminals.",
                  date="2020-08-20")
    assert "SUPPORT" not in {e.plover for e in events}


def test_a_modifier_word_does_not_make_a_group(coder):
    events = code(coder, "Trump denied the reports in a public briefing in California.",
                  date="2020-03-01")
    assert all(e.target.sector != "CVL" for e in events)
    killed = code(coder, "Azerbaijan claimed to have killed about 2,300 Artsakh soldiers.",
                  date="2020-10-10")
    assert not any(e.target.code == "AZEMIL" for e in killed)


def test_those_converging_for_a_rally_hold_it(coder):
    events = code(coder, "Thousands of Nigerians were converging on Thursday for a rally in "
                         "Lagos.", date="2000-01-01")
    assert ("NGA", "NGA", "PROTEST") in triples(events)


def test_a_sentence_the_coder_trips_on_is_skipped_not_fatal(coder, monkeypatch, caplog):
    original = coder._code_sentence

    def flaky(document, sent, index, memory, mentions):
        if "Kabul" in sent.text:
            raise RuntimeError("boom")
        return original(document, sent, index, memory, mentions)

    monkeypatch.setattr(coder, "_code_sentence", flaky)
    events = code(coder, "Taliban fighters attacked a police post in Kabul. Pakistan accused "
                         "India of shelling its border posts.", date="2023-01-01")
    assert ("PAK", "IND", "ACCUSE") in triples(events)
    assert "could not code sentence 0 of document t" in caplog.text


def test_ethnic_violence_is_no_minority(coder):
    events = code(coder, "Serbia eased emergency measures in the province of Vojvodina, the scene "
                         "of ethnic violence last March.", date="2000-01-01")
    assert all(e.source.country == "SRB" for e in events)


def test_more_news_sentences_from_this_decade(coder):
    cases = [
        ("Pakistan's army said Indian troops violated the ceasefire along the Line of Control.",
         ("IND", "PAK", "ASSAULT")),
        ("The African Union suspended Niger after the military coup.", ("AU", "NER", "SANCTION")),
    ]
    for text, expected in cases:
        assert expected in triples(code(coder, text, date="2024-01-01")), text
    sanctioned = code(coder, "The US Treasury sanctioned three Chinese companies for supplying "
                             "drone parts to Russia.", date="2024-01-01")
    assert {e.plover for e in sanctioned} == {"SANCTION"}


def test_a_crowd_named_by_its_number_protests_at_home(coder):
    events = code(coder, "Thousands marched in Warsaw to protest against the government's "
                         "judicial reforms.", date="2023-06-01")
    assert ("POL", "POL", "PROTEST") in triples(events)


def test_meetings_calls_and_visits_in_other_words(coder):
    cases = [
        ("Biden called Xi on Tuesday to discuss the fentanyl crisis.", ("USA", "CHN", "CONSULT")),
        ("Talks were held between Russian and Ukrainian delegations in Istanbul.",
         ("RUS", "UKR", "CONSULT")),
        ("A meeting between the leaders of Egypt and Jordan took place in Amman.",
         ("EGY", "JOR", "CONSULT")),
        ("The Saudi crown prince received the Chinese foreign minister in Riyadh.",
         ("SAU", "CHN", "CONSULT")),
    ]
    for text, expected in cases:
        assert expected in triples(code(coder, text, date="2024-01-01")), text


def test_a_state_protesting_is_an_official_complaint(coder):
    events = code(coder, "Vietnam protested China's deployment of a survey ship in its exclusive "
                         "economic zone.", date="2023-06-01")
    assert ("VNM", "CHN", "ACCUSE") in triples(events)
    street = code(coder, "Thousands of students protested against the new law in Hanoi.",
                  date="2023-06-01")
    assert "PROTEST" in {e.plover for e in street}


def test_a_visit_and_what_it_is_for_are_one_event(coder):
    events = code(coder, "Blinken met Wang Yi in Beijing to discuss Taiwan.", date="2023-06-19")
    assert [e.cameo for e in events] == ["040"]
    during = code(coder, "An American was put under investigation in Italy for rioting during a "
                         "G8 summit in Genoa.", date="2001-08-10")
    assert "CONSULT" not in {e.plover for e in during}


def test_an_unlisted_object_comes_before_a_place(coder):
    events = code(coder, "Kenyan police arrested 50 protesters in Nairobi.", date="2024-06-25")
    assert [(e.source.code, e.target.code) for e in events] == [("KENCOP", "KENCVL")]


def test_a_protest_voicing_disapproval_of_someone_is_aimed_at_them(coder):
    events = code(coder, "Demonstrators in Baghdad blocked a road to show their disapproval of "
                         "the United States' military policies.", date="2004-01-01")
    assert triples(events) == {("IRQ", "USA", "PROTEST")}


def test_rejecting_criticism_is_aimed_at_the_critic(coder):
    events = code(coder, "Chinese officials rejected American criticism of China's record in "
                         "Xinjiang.", date="2023-06-19")
    assert {(e.source.code, e.target.country, e.plover) for e in events} == {
        ("CHNGOV", "USA", "REJECT")}


def test_a_candidates_rally_is_no_protest(coder):
    assert not code(coder, "At one Biden rally in Pennsylvania, supporters chanted slogans.",
                    date="2020-10-01")
    opposition = code(coder, "Thousands joined an opposition rally in Tbilisi against the foreign "
                             "agents law.", date="2024-05-01")
    assert "PROTEST" in {e.plover for e in opposition}


def test_a_promise_about_others_has_no_implicit_counterpart(coder):
    events = code(coder, "Biden met Trump on Tuesday. He vowed to protect people with "
                         "pre-existing conditions.", date="2020-10-01")
    assert all(e.sentence_index == 0 for e in events)


def test_a_protest_in_defiance_of_someone_is_aimed_at_them(coder):
    events = code(coder, "Hundreds of thousands of people blocked streets in Hong Kong in "
                         "defiance of Chinese authorities.", date="2003-07-01")
    assert triples(events) == {("HKG", "CHN", "PROTEST")}


def test_disasters_and_proposals_are_not_attacks(coder):
    assert not code(coder, "Haiti's 2010 earthquake destroyed the country's infrastructure.",
                    date="2019-06-01")
    assert not code(coder, "Giuliani's proposals for improving security and attacking crime in "
                           "El Salvador come as violence rises.", date="2019-06-01")


def test_a_preposition_is_no_particle(coder):
    assert not code(coder, "Statements the women gave in court proceedings in Chile revealed "
                           "abuses.", date="2019-06-01")
    gave = code(coder, "Israel gave in to Egypt's demands.", date="2019-06-01")
    assert ("ISR", "EGY", "CONCEDE") in triples(gave)


def test_a_former_leaders_bare_surname_needs_their_country_in_the_document(coder):
    events = code(coder, "Guatemala's attorney general said Morales met with Estrada in April.",
                  date="2019-06-01")
    assert all(e.target.country != "PHL" for e in events)
    named = code(coder, "Former Philippine president Joseph Estrada spoke on Monday. Estrada "
                        "praised China.", date="2019-06-01")
    assert ("PHL", "CHN", "SUPPORT") in triples(named)


def test_a_show_of_force_is_aimed_at_the_neighbour_reporting_it(coder):
    events = code(coder, "North Korea fired two ballistic missiles into the sea off its east "
                         "coast on Thursday, South Korea's military said.", date="2024-01-01")
    assert [(e.source.code, e.target.code, e.plover) for e in events] == [
        ("PRK", "KOR", "MOBILIZE")]
    assert not code(coder, "North Korea fired two ballistic missiles into the sea.",
                    date="2024-01-01")


def test_weapons_and_meeting_places_are_no_targets(coder):
    events = code(coder, "Iran launched more than 300 drones and missiles at Israel overnight.",
                  date="2024-04-14")
    assert {(e.source.code, e.target.code) for e in events} == {("IRN", "ISR")}
    met = code(coder, "Russian and Ukrainian delegations met in Istanbul on Friday.",
               date="2025-05-16")
    assert {(e.source.country, e.target.country) for e in met} == {("RUS", "UKR"), ("UKR", "RUS")}


def test_an_object_the_parse_made_a_clause_subject_is_still_the_target(coder):
    # The parse makes "officers" the subject of "holed up", leaving "to" with no object.
    events = code(coder, "Peru has granted diplomatic asylum to five Panamanian army officers "
                         "holed up in a diplomatic residence, the embassy said.", "1990-01-09")
    assert ("PER", "PAN", "AID") in triples(events)


def test_people_a_participle_describes_do_its_act(coder):
    events = code(coder, "Kenyan riot police used tear gas to disperse demonstrators "
                         "protesting the election results in Nairobi.", "2008-01-02")
    protest = next(e for e in events if e.plover == "PROTEST")
    assert protest.source.text == "demonstrators" and protest.source.code == "KENCVL"


def test_announced_coercion_still_to_come_is_a_threat_an_announced_cutoff_an_act(coder):
    curfew = code(coder, "Kenya's interior minister announced on Sunday that he will extend "
                         "the night curfew in Nairobi.", "2008-01-06")
    assert ("KEN", "KEN", "THREATEN") in triples(curfew)
    cutoff = code(coder, "The United States announced it would halt all aid to Niger.")
    assert ("USA", "NER", "SANCTION") in triples(cutoff)


@pytest.mark.parametrize("sentence, date, expected", [
    pytest.param("Hezbollah fighters killed a commander of Israel's militia ally in southern "
                 "Lebanon on Sunday.", "2000-05-08", ("LBN", "LBN", "ASSAULT"),
                 id="a country's ally is not the country"),
    pytest.param("A Palestinian detainee died under torture in Israeli police custody, a rights "
                 "group said.", "2004-01-01", ("ISR", "PSE", "ASSAULT"),
                 id="who died under torture suffered it; the custodian did it"),
    pytest.param("General Soleimani approved the attacks on the US embassy in Baghdad.",
                 "2020-01-03", ("IRN", "USA", "ASSAULT"),
                 id="who approved an attack is its author, not a supporter of its target"),
    pytest.param("The Pentagon justified the strike on Iraq, which was approved by the "
                 "president.", "2020-01-03", ("USA", "IRQ", "ASSAULT"),
                 id="an approval told in the passive is no support either"),
    pytest.param("Hundreds of ethnic Hungarians started a hunger strike on Monday to protest "
                 "against Slovakia's decision to ban their language.", "1997-02-10",
                 ("SVK", "SVK", "PROTEST"), id="a minority protests the state it lives under"),
    pytest.param("A massive Israeli airstrike hit Gaza on Monday.", "2023-10-10",
                 ("ISR", "PSE", "ASSAULT"),
                 id="a nominal attack's name, not its first adjective; what it hit"),
    pytest.param("New US sanctions against Iran took effect on Monday.", "2019-05-06",
                 ("USA", "IRN", "SANCTION"), id="'New US sanctions' are American"),
    pytest.param("Mexico's president is asking citizens not to panic and to support the "
                 "crackdown.", "2019-01-10", ("MEX", "MEX", "REQUEST"),
                 id="asking others to support a crackdown is still a request"),
])
def test_exactly_one_event(coder, sentence, date, expected):
    assert triples(code(coder, sentence, date)) == {expected}


def test_territory_taken_in_combat_is_an_assault_an_occupation_is_coercion(coder):
    battle = code(coder, "Ukrainian troops recaptured the city of Kherson after weeks "
                         "of heavy fighting with Russian forces.", "2023-08-29")
    taken = [e for e in battle if e.source.country == "UKR"]
    assert taken and all(e.plover == "ASSAULT" for e in taken)
    occupation = code(coder, "Russian troops occupied the Zaporizhzhia nuclear plant.",
                      "2022-03-05")
    assert ("RUS", "UKR", "COERCE") in triples(occupation)


def test_a_refusal_despite_pressure_is_aimed_at_who_pressed(coder):
    events = code(coder, "Hungarian Prime Minister Viktor Orban refused to resign despite "
                         "pressure from the European Union.", "2019-03-01")
    assert any(e.plover == "REJECT" and e.target.code == "EU" for e in events)


@pytest.mark.parametrize("sentence, dyad", [
    ("Iran rejected an offer to hold direct talks with the United States.", ("IRN", "USA")),
    ("The Taliban rejected an invitation to attend a conference of Afghan political "
     "parties.", ("AFG", "AFG")),
])
def test_a_turned_down_proposal_is_aimed_at_who_it_proposed_to_meet(coder, sentence, dyad):
    assert (*dyad, "REJECT") in triples(code(coder, sentence, "2019-01-01"))


def test_insisting_on_demands_that_someone_act_is_a_request_of_them(coder):
    events = code(coder, "Russia insisted on its demands that Ukraine's government grant "
                         "the Donbas region more autonomy.", "2015-03-01")
    assert ("RUS", "UKR", "REQUEST") in triples(events)
    assert not any(e.plover == "CONCEDE" for e in events)  # the grant has not happened


def test_a_refused_demand_is_aimed_at_whose_demand_it_was(coder):
    events = code(coder, "The Philippine government said it would not meet the hostage-takers "
                         "demands to free prisoners.", "2004-01-01")
    refusal = next(e for e in events if e.plover == "REJECT")
    assert refusal.target.code == "PHLCRM" and not refusal.negated


def test_a_prevented_protest_is_coercion_placed_where_it_was_staged(coder):
    events = code(coder, "Belarusian police prevented a demonstration staged by students in "
                         "Minsk to protest Russia's troop deployment.", "2022-03-01")
    assert ("BLR", "BLR", "COERCE") in triples(events)
    assert not any(e.plover == "ASSAULT" for e in events)


def test_a_ceasefire_peacekeepers_oversee_is_not_news_of_a_new_one(coder):
    events = code(coder, "Ethiopia agreed to admit more UN peacekeepers, who are deployed to "
                         "oversee a ceasefire between Ethiopia and Eritrea.", "2001-01-10")
    assert ("ETH", "ERI", "RETREAT") not in triples(events)
    new = code(coder, "Ethiopia and Eritrea agreed to a ceasefire on Sunday.", "2000-06-19")
    assert ("ETH", "ERI", "RETREAT") in triples(new) or ("ETH", "ERI", "AGREE") in triples(new)


@pytest.mark.parametrize("sentence", [
    # acts the sentence dates years before the article: background, not news
    "In 2007, the United States labeled the commander a terrorist and imposed sanctions on Iran.",
    "Soviet security forces murdered thousands of Polish officers during World War Two.",
    "Idi Amin expelled the Asian community from Uganda 18 years ago.",
    "The 1994 genocide against the Tutsi in Rwanda killed some 800,000 people.",
    "On September 19, 2018, Cyprus and Egypt had signed a deal to export gas.",
    # real news whose words only look like events
    "Iran's supreme leader ordered three days of public mourning after the strike.",
    "China has invested about nine billion US dollars to develop diagnostics.",
    "Bontddu Hall was a country retreat for the Mayor of Birmingham.",
    "With so many Indian students in Australia, Melbourne can seize the opportunity.",
    "President Trump continued to hold campaign rallies in Pennsylvania.",
])
def test_sentences_that_report_no_event_of_the_day(coder, sentence):
    assert code(coder, sentence, "2020-01-10") == []


def test_acts_of_this_or_last_year_are_news(coder):
    events = code(coder, "In 2019, the United States imposed sanctions on Iran.", "2020-01-10")
    assert ("USA", "IRN", "SANCTION") in triples(events)


def test_who_acted_during_a_protest_took_part_in_it_and_aimed_at_its_target(coder):
    events = code(coder, "Palestinian youths resorted to throwing stones during demonstrations "
                         "against the alleged abuses by the Israeli army, witnesses said on "
                         "Friday.", "2000-10-05")
    assert {(e.source.code, e.target.country) for e in events} == {("PSECVL", "ISR")}
    police = code(coder, "Kenyan police fired tear gas during protests against the government "
                         "in Nairobi.", "2008-01-05")
    assert not any(e.source.sector == "COP" and e.plover == "PROTEST" for e in police)


def test_forces_withdrawn_by_no_one_named_were_withdrawn_by_their_own_side(coder):
    events = code(coder, "Two hundred UN peacekeepers were pulled out of the Bosnian enclave of "
                         "Srebrenica on Friday.", "1995-07-21")
    assert {(e.source.code, e.target.country) for e in events} == {("UN", "BIH")}
    airlift = code(coder, "Alexei Navalny was airlifted from Omsk to Berlin.", "2020-08-22")
    assert not any(e.source.text.startswith("Alexei") for e in airlift)


def test_arrests_and_investigations_with_no_one_named_are_the_authorities_of_the_place(coder):
    arrest = code(coder, "Two British journalists were arrested in Iran on Monday.", "2019-06-03")
    assert [(e.source.code, e.target.country, e.plover) for e in arrest] == [
        ("IRNCOP", "GBR", "COERCE")]
    probe = code(coder, "A US national has been put under investigation in Italy.", "2001-08-10")
    assert ("ITA", "USA", "ACCUSE") in triples(probe)
    nowhere = code(coder, "Two British journalists were arrested on Monday.", "2019-06-03")
    assert nowhere == []


def test_a_name_after_a_comma_aside_is_not_the_asides_name(coder):
    events = code(coder, "The US Congress agreed to lift embargoes on medicine sales to Iran, "
                         "Libya and Sudan, and with strings attached, Cuba.", "1999-04-29")
    targets = {t for s, t, _ in triples(events) if s == "USA"}
    assert {"IRN", "LBY", "SDN"} <= targets


def test_what_a_demand_would_allow_first_has_not_happened(coder):
    events = code(coder, "Bosnian Serb leaders demanded a truce with government forces before "
                         "allowing UN aid convoys into Srebrenica.", "1993-03-01")
    assert not any(e.plover == "RETREAT" for e in events)
    sequence = code(coder, "Serbia released the prisoners before allowing UN aid convoys into "
                           "Srebrenica.", "1993-03-01")
    assert any(e.cameo.startswith("08") for e in sequence)


def test_rallying_support_is_aimed_at_whom_others_are_asked_to_support(coder):
    events = code(coder, "Poland urged the European Union to support Ukraine's bid for "
                         "membership.", "2022-03-01")
    rally = [e for e in events if e.cameo == "053"]
    assert rally and all((e.source.country, e.target.country) == ("POL", "UKR") for e in rally)


def test_a_states_order_to_its_own_media_or_firms_is_coercion_not_a_demand(coder):
    paper = code(coder, "Russia's government ordered the opposition newspaper Novaya Gazeta to "
                        "suspend publication.", "2022-03-28")
    assert ("RUS", "RUS", "COERCE") in triples(paper)
    abroad = code(coder, "The UN Security Council ordered Iraq to destroy its chemical weapons.",
                  "1991-04-03")
    assert not any(e.plover == "COERCE" for e in abroad)


def test_a_weather_warning_is_no_threat(coder):
    events = code(coder, "The National Weather Service has issued a flash flood warning "
                         "covering an area from Gulfport, Mississippi, to New Orleans.",
                  "2019-07-11")
    assert events == []


def test_a_sentence_handed_down_where_no_one_is_named_is_the_courts(coder):
    events = code(coder, "A former aide to the president was sentenced in Moscow on "
                         "Wednesday.", "2019-12-18")
    assert [e.source.code for e in events] == ["RUSJUD"]


def test_readying_force_is_a_show_of_force_saying_one_is_ready_a_threat(coder):
    readying = code(coder, "Azerbaijan's army prepared to resume shelling Armenian positions.",
                    "2020-10-01")
    assert ("AZE", "ARM", "MOBILIZE") in triples(readying)
    saying = code(coder, "Azerbaijan said it is prepared to use force against Armenia.",
                  "2020-10-01")
    assert ("AZE", "ARM", "THREATEN") in triples(saying)
    nominal = code(coder, "Azerbaijan is preparing a major offensive against Armenia.",
                   "2020-10-01")
    assert ("AZE", "ARM", "MOBILIZE") in triples(nominal)


def test_help_given_for_a_purpose_is_one_act_aimed_at_whom_it_helps(coder):
    events = code(coder, "Denmark is willing to send materiel to help defend Estonia if it is "
                         "attacked, its foreign minister said.", "2022-03-01")
    assert triples(events) == {("DNK", "EST", "AGREE")}
    sent = code(coder, "Germany sent air defence systems to help protect Poland.", "2023-01-10")
    assert {t for _, t, _ in triples(sent)} == {"POL"}


def test_a_military_retreat_is_still_one(coder):
    events = code(coder, "Russian troops made a hasty retreat from Kharkiv.",
                  "2022-09-12")
    assert any(e.cameo == "0874" and e.source.country == "RUS" for e in events)


def test_a_ship_is_of_the_country_whose_flag_it_flies(coder):
    events = code(coder, "Iran seized a British-flagged tanker in the Strait of Hormuz.",
                  "2019-07-20")
    assert {(s, t) for s, t, _ in triples(events)} == {("IRN", "GBR")}


def test_the_nearest_clause_that_names_a_time_dates_the_act(coder):
    started = code(coder, "In 2015, Saudi Arabia started supporting the government of Yemen, "
                          "providing airstrikes.", "2019-10-01")
    assert started == []
    events = code(coder, "Russia invaded Ukraine in 2022, after annexing Crimea in 2014.",
                  "2022-03-01")
    assert [e.cameo[:2] for e in events] == ["19"]  # the invasion, not the annexation
    nested = code(coder, "In spite of record seizures in 2014, Colombian police still arrested "
                         "only a fraction of Venezuelan smugglers.", "2019-06-01")
    assert ("COL", "VEN", "COERCE") in triples(nested)  # 2014 dates the seizures


def test_a_town_sharing_a_persons_name_is_the_person_in_their_story(coder):
    story = ("American radio host Don Imus died on Friday. The family asked for donations to "
             "the Imus Ranch Foundation, which provides support for families with sick children.")
    assert not any(e.source.country == "PHL" for e in code(coder, story, "2019-12-30"))


def test_a_participle_the_parse_made_the_subject_keeps_its_noun_as_the_speaker(coder):
    events = code(coder, "The Red Cross operating in Syria said Russian and Turkish forces must "
                         "ensure security for aid convoys.", "2020-03-01")
    assert {(e.source.code, e.target.country) for e in events} >= {("ICRC", "RUS"),
                                                                    ("ICRC", "TUR")}


def test_georgia_in_a_story_told_among_us_states_is_the_state(coder):
    us = code(coder, "Trump held a rally in Phoenix, Arizona on Monday. Biden made campaign "
                     "stops in Pennsylvania, Georgia, Florida and Wisconsin.", "2020-10-30")
    assert us and not any("GEO" in (e.source.country, e.target.country) for e in us)
    caucasus = code(coder, "Russian troops entered Georgia in August.", "2008-08-30")
    assert ("RUS", "GEO", "COERCE") in triples(caucasus)


def test_the_press_that_carries_a_statement_is_not_its_target(coder):
    told = code(coder, "A Canadian lawyer told the BBC that his client was innocent.",
                "2019-02-01")
    assert not any(e.target.sector == "MED" for e in told)
