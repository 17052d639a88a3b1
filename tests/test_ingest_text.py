"""Plain-text cleaning: page furniture out, article body and title kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.ingest import clean_text, clean_title, iter_articles
from detente.ingest.text import normalize_whitespace, parse_date_line

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"

FURNITURE = [
    "Image source",
    "Reuters/Kim",
    "Getty Images",
    "Share this article",
    "Share on Facebook",
    "Tweet",
    "Related Articles",
    "Border clashes leave dozens wounded",
    "Analysts doubt quick deal",
    "Trade between neighbours falls",
    "Read more",
    "Advertisement",
    "cookies",
    "Back to top",
    "senior correspondent",
    "All rights reserved",
    "Skip to content",
    "Home | World",
    "Published:",
    "By Amara Okafor",
    "WhatsApp",
    "Photo:",
]


def test_furniture_fixture_comes_out_clean() -> None:
    result = clean_text((FIXTURES / "furniture.txt").read_text())
    assert result.title == "Foreign ministers agree to reopen border talks after two-year freeze"
    for piece in FURNITURE:
        assert piece not in result.text, piece
    assert result.title not in result.text  # the duplicated headline is gone
    paragraphs = result.text.split("\n\n")
    assert len(paragraphs) == 5
    assert paragraphs[0].startswith("The foreign ministers of the two neighbouring countries")
    assert paragraphs[-1].startswith("Diplomats from the region welcomed")
    assert result.author == "Amara Okafor"
    assert result.date == "2024-03-14"


def test_furniture_fixture_through_iter_articles() -> None:
    problems: list[tuple[str, str]] = []
    (article,) = iter_articles([str(FIXTURES / "furniture.txt")],
                               on_error=lambda s, m: problems.append((s, m)))
    assert not problems
    assert article.title.startswith("Foreign ministers agree")
    assert article.source_kind == "text"
    assert "Back to top" not in article.text and "Image source" not in article.text
    assert len(article.id) == 16


def test_single_sentence_survives() -> None:
    text = "Blinken met Wang Yi in Beijing on Sunday."
    assert clean_text(text).text == text
    assert clean_text("Blinken meets Xi").text == "Blinken meets Xi"


def test_short_subheading_inside_body_is_kept() -> None:
    text = (
        "Ministers met on Monday to discuss the border and agreed to talk again.\n\n"
        "Background\n\n"
        "The dispute dates back to a treaty signed decades ago by both governments."
    )
    assert "Background" in clean_text(text, title="T").text


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = (
        "The foreign minister said on Monday that the government would not accept\n"
        "any settlement that left troops on the disputed ridge, and called for\n"
        "international observers.\n\n"
        "Talks are due to resume next week."
    )
    result = clean_text(text, title="T")
    assert result.text.split("\n\n")[0].endswith("called for international observers.")


def test_structural_false_keeps_short_lines_and_scripts_without_spaces() -> None:
    text = ("Kindle書籍を読む場合は。\n\n再起動して完了\n\n"
            "| 1 | Kyle Busch | 5040 |\n\n| 2 | Martin | 5035 |")
    result = clean_text(text, title="", detect_title=False, structural=False)
    assert result.text == normalize_whitespace(text)


def test_related_block_and_tail_link_list_removed() -> None:
    text = (
        "Officials said the ceasefire held overnight across the northern front line.\n\n"
        "Aid convoys reached two towns for the first time in a month, the UN said.\n\n"
        "More from World\n"
        "Floods hit southern provinces\n"
        "Election date set for autumn"
    )
    result = clean_text(text, title="T")
    assert "Floods" not in result.text and "More from" not in result.text
    assert result.text.count("\n\n") == 1


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Talks resume in Geneva | The Harbour Times", None, "Talks resume in Geneva"),
        ("Talks resume in Geneva | World | Harbour", None, "Talks resume in Geneva"),
        ("Talks resume in Geneva - Harbour Times", "Harbour Times", "Talks resume in Geneva"),
        ("Russia-Ukraine talks - what we know", None, "Russia-Ukraine talks - what we know"),
        ("Harbour Times | Talks resume", "Harbour Times", "Talks resume"),
        ("Opinion: why the treaty matters", None, "Opinion: why the treaty matters"),
    ],
)
def test_clean_title(title: str, site: str | None, expected: str) -> None:
    assert clean_title(title, site) == expected


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Friday, January 4, 2019", "2019-01-04"),
        ("4 January 2019", "2019-01-04"),
        ("Published: March 3, 2024 | Updated: March 4, 2024", "2024-03-03"),
        ("Jan. 4, 2019 10:30 a.m. EST", "2019-01-04"),
        ("2019-01-04T10:00:00Z", "2019-01-04"),
        ("The talks of January 4, 2019 failed.", None),
    ],
)
def test_parse_date_line(line: str, iso: str | None) -> None:
    assert parse_date_line(line) == iso
