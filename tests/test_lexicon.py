"""The trigger lexicon: coverage of CAMEO, pattern matching on parses, bad user files."""

from __future__ import annotations

import pytest

from detente.events.lexicon import TriggerLexicon
from detente.events.ontology import CAMEO
from detente.nlp import load_nlp


@pytest.fixture(scope="module")
def lexicon() -> TriggerLexicon:
    return TriggerLexicon.default()


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def codes_in(lexicon: TriggerLexicon, nlp, sentence: str) -> dict[str, str]:
    doc = nlp(sentence)
    out = {}
    for anchor in lexicon.anchors(doc[:]):
        found = lexicon.match(anchor)
        if found is not None:
            out[anchor.text] = found.code
    return out


def test_every_code_is_a_cameo_code_and_every_root_is_covered(lexicon):
    codes = lexicon.codes()
    assert codes <= set(CAMEO)
    roots = {code[:2] for code in codes}
    assert {f"{n:02d}" for n in range(1, 21)} <= roots
    assert len(lexicon) > 2000


@pytest.mark.parametrize(
    ("sentence", "word", "root"),
    [
        ("The foreign ministers held talks in Geneva on Tuesday.", "held", "04"),
        ("Japan sent humanitarian aid to Turkey after the earthquake.", "sent", "07"),
        ("The two governments signed a trade agreement.", "signed", "05"),
        ("The minister urged the rebels to lay down their arms.", "urged", "02"),
        ("The president demanded the release of the detained journalists.", "demanded", "10"),
        ("Beijing condemned the arms sale.", "condemned", "11"),
        ("The government rejected the peace plan.", "rejected", "12"),
        ("Moscow threatened to cut gas supplies.", "threatened", "13"),
        ("Thousands of students marched through the capital.", "marched", "14"),
        ("The army deployed troops along the border.", "deployed", "15"),
        ("The EU imposed sanctions on three banks.", "imposed", "16"),
        ("Police arrested two opposition leaders.", "arrested", "17"),
        ("Gunmen kidnapped four aid workers.", "kidnapped", "18"),
        ("Russian forces shelled the city overnight.", "shelled", "19"),
    ],
)
def test_common_news_phrasings_get_their_root(lexicon, nlp, sentence, word, root):
    found = codes_in(lexicon, nlp, sentence)
    assert found.get(word, "")[:2] == root, found


def test_nominal_triggers(lexicon, nlp):
    doc = nlp("Talks between the two countries resumed after the airstrike.")
    matches = {t.text: lexicon.match(t) for t in lexicon.anchors(doc[:])}
    assert matches["Talks"].nominal and matches["Talks"].code.startswith("04")
    assert matches["airstrike"].code.startswith("19")


def test_longer_pattern_wins(lexicon, nlp):
    doc = nlp("Washington threatened to impose sanctions on the company.")
    match = lexicon.match(doc[1])
    assert match.code.startswith("13")  # a threat of sanctions, not the sanctions (163)
    assert match.specificity >= 2 and len(match.tokens) >= 2


def test_governor_carries_the_code(lexicon, nlp):
    doc = nlp("The opposition refused to meet the president.")
    assert lexicon.match(doc[2]).code.startswith("12")


def test_malformed_user_lexicon_names_file_and_entry(tmp_path):
    bad = tmp_path / "mine.yaml"
    bad.write_text('"042":\n  - visit\n"999":\n  - frobnicate\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"mine.yaml.*'999'.*not a CAMEO code"):
        TriggerLexicon.from_file(bad)
    bad.write_text('"042":\n  - Cease-Fire\n', encoding="utf-8")
    with pytest.raises(ValueError, match="pattern 1"):
        TriggerLexicon.from_file(bad)
    bad.write_text("just text", encoding="utf-8")
    with pytest.raises(ValueError, match="mapping"):
        TriggerLexicon.from_file(bad)
    # A code written twice would silently lose the first list: refused, with the line.
    bad.write_text('"042":\n  - visit\n"042":\n  - tour\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"(?s)mine.yaml.*duplicate key '042'.*line 3"):
        TriggerLexicon.from_file(bad)


def test_user_lexicon_is_used(tmp_path, nlp):
    mine = tmp_path / "mine.yaml"
    mine.write_text('"042":\n  - noun: pilgrimage\n', encoding="utf-8")
    lexicon = TriggerLexicon.from_file(mine)
    doc = nlp("The king's pilgrimage to Mecca began.")
    assert lexicon.match(doc[3]).code == "042"


def test_opening_a_border_to_let_food_through_is_humanitarian_access():
    from detente.events.coder import EventCoder
    from detente.model import Document

    coder = EventCoder(use_classifier=False)
    events = coder.code_document(Document("t", "Uzbekistan opened the Friendship Bridge to allow "
                                               "the delivery of grain to Afghanistan.",
                                          "2001-12-09"))
    assert ("UZB", "AFG", "0863") in {(e.source.code, e.target.code, e.cameo) for e in events}


def test_an_apposition_between_pattern_words_does_not_break_the_pattern(lexicon, nlp):
    doc = nlp("Jakarta forced the UN refugee agency, UNHCR, out of the country.")
    found = lexicon.match(doc[1])
    assert found is not None and found.code.startswith("166")


@pytest.mark.parametrize("code, plover", [
    ("163", "SANCTION"),   # the manual: international sanctions are SANCTION 'discontinue'
    ("0813", "CONCEDE"),   # the manual: "removing curfews" is a concession
    ("0814", "CONCEDE"),
    ("0841", "RETREAT"),   # the crosswalk elsewhere: releasing prisoners
])
def test_crosswalk_follows_the_plover_manual_where_they_differ(code, plover):
    assert CAMEO[code].plover == plover


@pytest.mark.parametrize("sentence", [
    "Officials pressed the workers of the Lagos State Transport Company of Nigeria to "
    "call off their strike.",
    "Officials have been pressuring the workers of the bus company (LSTC) to cancel the "
    "strike.",
])
def test_a_long_object_or_a_bracket_does_not_break_a_pattern(lexicon, nlp, sentence):
    found = codes_in(lexicon, nlp, sentence)
    assert "020" in (found.get("pressed"), found.get("pressuring"))


def test_the_object_is_no_free_gap_for_content_words(lexicon, nlp):
    # Only the words that link an object to what follows ("to", "of") may sit past it.
    found = codes_in(lexicon, nlp, "Rebels demanded a truce with government forces in the "
                                   "east before allowing aid convoys to pass.")
    assert found.get("demanded", "").startswith("10") and found["demanded"] != "1055"


def test_receiving_observers_lets_them_in(lexicon, nlp):
    found = codes_in(lexicon, nlp, "The prime minister received a mission of observers from "
                                   "the OSCE.")
    assert found.get("received") == "0862"


def test_blocking_transport_is_an_obstruction(lexicon, nlp):
    found = codes_in(lexicon, nlp, "Striking truckers blocked transport into the capital.")
    assert found.get("blocked") == "144"


def test_paying_compensation_is_material_restitution(lexicon, nlp):
    found = codes_in(lexicon, nlp, "Germany paid compensation to the victims' families.")
    assert found.get("paid") == "0842"
    assert CAMEO["0842"].plover == "RETREAT"


def test_recognising_the_oppositions_election_victory_is_a_concession(lexicon, nlp):
    found = codes_in(lexicon, nlp, "Parliament approved a law recognizing the opposition's "
                                   "victories in the municipal elections.")
    assert CAMEO[found["recognizing"]].plover == "CONCEDE"


@pytest.mark.parametrize("sentence, trigger, expected_root", [
    ("Biden attacked Trump on his handling of the pandemic.", "attacked", "11"),
    ("Russia attacked Ukraine on Monday.", "attacked", "19"),  # "on Monday" is when
    ("Thousands of people marched in London on Saturday.", "marched", "14"),
    ("Both houses held a minute of silence in Chirac's honour.", "held", "01"),
])
def test_a_time_phrase_is_never_a_pattern_word(lexicon, nlp, sentence, trigger, expected_root):
    assert codes_in(lexicon, nlp, sentence)[trigger].startswith(expected_root)


def test_exploding_bombs_is_a_bombing(lexicon, nlp):
    found = codes_in(lexicon, nlp, "Rebels exploded a series of bombs in the capital.")
    assert found.get("exploded") == "183"
