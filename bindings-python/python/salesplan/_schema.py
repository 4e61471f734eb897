"""The plan's JSON Schema, compiled once at import: typed plan documents,
rule actions and JSON Patches on plans."""

from __future__ import annotations

import json

from . import _convert, _native

PLAN = _convert.Schema(json.loads(_native.plan_schema_json()))
"""Converters for plan documents (``PLAN.document``), their parts and the
operations of patches on them."""

ACTION = PLAN.definition("Action")
"""A rule's action (``add_strategy``, ``move_budget``, ...), typed."""
