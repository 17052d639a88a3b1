"""Event dates: the publication date moved by the sentence's time expression."""

import pytest

from detente.events.dates import resolve

PUB = "2023-06-19"  # a Monday


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("on Sunday", "2023-06-18"),
        ("Sunday", "2023-06-18"),
        ("Monday", "2023-06-19"),
        ("last Monday", "2023-06-12"),
        ("yesterday", "2023-06-18"),
        ("today", "2023-06-19"),
        ("last week", "2023-06-12"),
        ("last month", "2023-05-01"),
        ("in February", "2023-02-01"),
        ("in November", "2022-11-01"),  # a month after publication means last year
        ("June 18", "2023-06-18"),
        ("18 June 2023", "2023-06-18"),
        ("Nov. 15, 2022", "2022-11-15"),
        ("2023-06-01", "2023-06-01"),
    ],
)
def test_relative_expressions(expression, expected):
    assert resolve(expression, PUB) == expected


def test_unreadable_expressions_give_none():
    assert resolve("the coming decade", PUB) is None
    assert resolve("February 30", PUB) is None


def test_without_publication_date_only_absolute_dates_resolve():
    assert resolve("on Sunday", None) is None
    assert resolve("2021-03-04", None) == "2021-03-04"
