from __future__ import annotations

import pytest

from newsalign.facts import number_values, parse_number


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("1,500", 1500.0),
        ("12.3", 12.3),
        ("1.5 million", 1.5e6),
        ("2 billion", 2e9),
        ("1만", 1e4),
        ("3천", 3e3),
        ("1억1천만", 1.1e8),
        ("12조3천억", 1.23e13),
        ("1만5000", 15000.0),
        ("three thousand", 3000.0),
        ("troops", None),
    ],
)
def test_parse_number(token: str, value: float | None) -> None:
    assert parse_number(token) == value


def test_korean_and_english_share_values() -> None:
    en = number_values("over 3,000 troops now, 10,000 by December")
    ko = number_values("북한군 3천명 이상, 12월까지 1만명")
    assert {3000.0, 10000.0} <= en & ko


def test_no_numbers() -> None:
    assert number_values("No one knows.") == frozenset()
