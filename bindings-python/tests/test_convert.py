"""The schema-guided walker that types decimals and dates in to_dict(),
tried on small schemas with every shape it follows."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, Dict

from salesplan._convert import compile_schema, to_json_text

DEC = {"type": "string", "format": "decimal"}
SCHEMA: Dict[str, Any] = {
    "type": "object",
    "properties": {
        "amount": {"$ref": "#/$defs/Decimal"},
        "maybe": {"anyOf": [{"$ref": "#/$defs/Decimal"}, {"type": "null"}]},
        "day": {"type": ["string", "null"], "format": "date"},
        "by_period": {"type": "object", "additionalProperties": {"$ref": "#/$defs/Decimal"}},
        "days": {"type": "array", "items": {"type": "string", "format": "date"}},
        "actions": {"type": "array", "items": {"$ref": "#/$defs/Action"}},
        "tree": {"$ref": "#/$defs/Node"},
        "label": {"type": "string"},
    },
    "$defs": {
        "Decimal": DEC,
        "Action": {
            "oneOf": [
                {
                    "type": "object",
                    "properties": {"type": {"const": "pay", "type": "string"}, "value": DEC},
                },
                {
                    "type": "object",
                    "properties": {
                        "type": {"const": "meet", "type": "string"},
                        "value": {"type": "string", "format": "date"},
                    },
                },
            ]
        },
        "Node": {
            "type": "object",
            "properties": {
                "value": DEC,
                "children": {"type": "array", "items": {"$ref": "#/$defs/Node"}},
            },
        },
    },
}


def test_every_shape() -> None:
    convert = compile_schema(SCHEMA)
    out = convert(
        {
            "amount": "1.50",
            "maybe": None,
            "day": "2026-03-31",
            "by_period": {"2026-Q1": "0.25"},
            "days": ["2026-01-01"],
            "actions": [{"type": "pay", "value": "3"}, {"type": "meet", "value": "2026-02-01"}],
            "tree": {"value": "1", "children": [{"value": "2", "children": []}]},
            "label": "1.50",
            "unknown": "2026-01-01",
        }
    )
    assert out == {
        "amount": Decimal("1.50"),
        "maybe": None,
        "day": datetime.date(2026, 3, 31),
        "by_period": {"2026-Q1": Decimal("0.25")},
        "days": [datetime.date(2026, 1, 1)],
        "actions": [
            {"type": "pay", "value": Decimal("3")},
            {"type": "meet", "value": datetime.date(2026, 2, 1)},
        ],
        "tree": {"value": Decimal("1"), "children": [{"value": Decimal("2"), "children": []}]},
        "label": "1.50",
        "unknown": "2026-01-01",
    }
    assert str(out["amount"]) == "1.50"
    assert convert({"maybe": "2"})["maybe"] == Decimal("2")
    assert convert({"day": None}) == {"day": None}


def test_a_schema_without_decimals_changes_nothing() -> None:
    convert = compile_schema({"type": "object", "properties": {"a": {"type": "string"}}})
    value = {"a": "1", "b": [1, 2]}
    assert convert(value) is value


def test_encoding_keeps_decimals_exact() -> None:
    text = to_json_text(
        {"a": Decimal("0.1"), "b": Decimal("1E+3"), "c": datetime.date(2026, 1, 2), "d": 3, "e": "中"}
    )
    assert text == '{"a": "0.1", "b": "1000", "c": "2026-01-02", "d": 3, "e": "中"}'
