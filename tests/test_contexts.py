"""Context (issue) lexicon: keywords, implied contexts, word boundaries, bad files."""

import pytest

from detente.events.contexts import ContextLexicon


@pytest.fixture(scope="module")
def lexicon() -> ContextLexicon:
    return ContextLexicon.default()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("China staged drills around Taiwan after the inauguration.", {"taiwan", "territory"}),
        ("Chinese coast guard ships fired water cannon near Second Thomas Shoal.",
         {"south_china_sea", "territory", "maritime"}),
        ("Washington pressed Beijing to curb fentanyl precursor chemicals.", {"drugs", "crime"}),
        ("The US urged China to release wrongfully detained Americans.", {"human_rights"}),
        ("Washington raised tariffs on Chinese electric vehicles.",
         {"trade", "economic", "technology"}),
        ("Iran expanded uranium enrichment, the IAEA said.", {"nuclear", "cbrn"}),
    ],
)
def test_contexts_found(lexicon, sentence, expected):
    assert expected <= set(lexicon.find(sentence))


def test_word_boundaries(lexicon):
    assert "trade" not in lexicon.find("The minister was traded to another portfolio.")
    assert "trade" not in lexicon.find("He is a tradesman.")
    assert "drugs" not in lexicon.find("The precursory remarks were brief.")


def test_spans_point_at_keywords(lexicon):
    text = "Talks touched on Taiwan and trade."
    spans = lexicon.find_spans(text)
    assert (text.index("Taiwan"), text.index("Taiwan") + 6, "taiwan") in spans
    assert any(text[s:e].lower() == "trade" for s, e, c in spans if c == "trade")


def test_malformed_file_names_the_entry(tmp_path):
    bad = tmp_path / "contexts.yaml"
    bad.write_text("trade:\n  keywords: tariffs\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"contexts.yaml.*'trade'"):
        ContextLexicon.from_file(bad)
    bad.write_text("trade:\n  keywords: [tariff]\n  implies: [nonsense]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="nonsense"):
        ContextLexicon.from_file(bad)
