"""parse_amount and format_amount: exact money with 万 and 亿."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Dict, Union

import pytest

import salesplan
from salesplan import AmountError, format_amount, format_money, parse_amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.2亿", "120000000"),
        ("3,500万", "35000000"),
        ("1亿2000万", "120000000"),
        ("-3,500万", "-35000000"),
        ("120000000.50", "120000000.5"),
        ("￥1.5万亿元", "1500000000000"),
        ("2亿零500万", "205000000"),
    ],
)
def test_parse_amount(text: str, expected: str) -> None:
    amount = parse_amount(text)
    assert isinstance(amount, Decimal)
    assert amount == Decimal(expected)
    assert str(amount) == expected


def test_parse_amount_is_exact_beyond_float_precision() -> None:
    assert parse_amount("12345678901234567.89") == Decimal("12345678901234567.89")


def test_parse_amount_reads_money_written_with_29_digits() -> None:
    # 27 digits and two zero decimals: the zeros do not count against the
    # digits a decimal holds.
    large = Decimal("938128862192746978789686781")
    assert parse_amount(format_money(large, "")) == large
    assert parse_amount("1.000000000000000000000000000000") == Decimal(1)


@pytest.mark.parametrize("text", ["", "abc", "1.2亿亿", "2000万1亿", "1,20万", "1万5", "1.2e8", "一亿"])
def test_parse_amount_refuses(text: str) -> None:
    with pytest.raises(AmountError):
        parse_amount(text)
    with pytest.raises(ValueError):
        parse_amount(text)


@pytest.mark.parametrize(
    ("amount", "kwargs", "expected"),
    [
        (Decimal("120000000"), {}, "1.2亿"),
        (120000000, {}, "1.2亿"),
        ("1.2亿", {}, "1.2亿"),
        (Decimal("-35000000"), {}, "-3,500万"),
        (Decimal("1234.5"), {}, "1,234.5"),
        (Decimal("123456789"), {}, "1.2346亿"),
        (Decimal("123456789"), {"max_decimals": 2}, "1.23亿"),
        (Decimal("123456789"), {"unit": "wan"}, "12,345.6789万"),
        (Decimal("123456789"), {"unit": "wan", "grouping": False}, "12345.6789万"),
        (Decimal("35000000"), {"unit": "yi"}, "0.35亿"),
        (Decimal("123456789"), {"unit": "none"}, "123,456,789"),
        (Decimal("1.2E+8"), {}, "1.2亿"),
    ],
)
def test_format_amount(amount: Union[Decimal, int, str], kwargs: Dict[str, Any], expected: str) -> None:
    assert format_amount(amount, **kwargs) == expected


def test_format_and_parse_round_trip() -> None:
    for text in ["1.2亿", "3,500万", "1,234.5"]:
        assert format_amount(parse_amount(text)) == text


@pytest.mark.parametrize("amount", [1.5, True, None, [1]])
def test_format_amount_refuses_inexact_types(amount: object) -> None:
    with pytest.raises(TypeError, match="decimal.Decimal, an int or a str"):
        format_amount(amount)  # type: ignore[arg-type]


@pytest.mark.parametrize("amount", [Decimal("NaN"), Decimal("Infinity"), "lots"])
def test_format_amount_refuses_non_numbers(amount: Union[Decimal, str]) -> None:
    with pytest.raises(AmountError):
        format_amount(amount)


def test_format_money() -> None:
    assert format_money(Decimal("120000000"), "CNY") == "CNY 120,000,000.00"
    assert format_money(Decimal("-12.345"), "USD") == "USD -12.35"
    assert format_money(5, "") == "5.00"


def test_exported_names() -> None:
    for name in salesplan.__all__:
        assert hasattr(salesplan, name), name
