"""The JSON Schemas of the core, compiled once at import: typed plan
documents, rule actions and JSON Patches on plans, and typed outputs."""

from __future__ import annotations

import json
from typing import Any, Callable, Dict, FrozenSet, Mapping

from . import _convert, _native

PLAN = _convert.Schema(json.loads(_native.plan_schema_json()))
"""Converters for plan documents (``PLAN.document``), their parts and the
operations of patches on them."""


OUTPUTS = _convert.Schema(json.loads(_native.outputs_schema_json()))
"""Converters for every output, by its schema name
(``OUTPUTS.definition("Evaluation")``)."""


def _decimal_names(schema: Mapping[str, Any]) -> FrozenSet[str]:
    """Every field name that holds a decimal in some output."""
    found = set()
    for definition in schema.get("$defs", {}).values():
        for name, node in definition.get("properties", {}).items():
            branches = node.get("anyOf", [node])
            if any(b.get("$ref") == "#/$defs/Decimal" or b.get("format") == "decimal" for b in branches):
                found.add(name)
    return frozenset(found)


DECIMAL_NAMES = _decimal_names(json.loads(_native.outputs_schema_json()))
"""Names of the output fields that hold decimals, read from the schema: a
DataFrame column of only ``None`` under such a name is a column of
decimals."""

_NO_KEYS: Mapping[str, _convert.Convert] = {}


def output(value: Any, name: str, by_key: Mapping[str, _convert.Convert] = _NO_KEYS) -> Any:
    """An output of the core (plain JSON) typed by the schema ``name``
    (``"Evaluation"``; a list is typed item by item). ``by_key`` converts
    what a key holds, wherever it is, afterwards (a revision's ``patch``,
    whose values are typed by where they go in the plan)."""
    convert = OUTPUTS.definition(name)
    typed = [convert(item) for item in value] if isinstance(value, list) else convert(value)
    return _by_key(typed, by_key) if by_key else typed


def _by_key(value: Any, by_key: Mapping[str, Callable[[Any], Any]]) -> Any:
    if isinstance(value, list):
        return [_by_key(item, by_key) for item in value]
    if isinstance(value, dict):
        out: Dict[str, Any] = {}
        for key, item in value.items():
            out[key] = by_key[key](item) if key in by_key else _by_key(item, by_key)
        return out
    return value
