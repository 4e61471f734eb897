"""The defaults of keyword options are the core's: every default a Python
signature shows for an option the core reads is the default the core's
option schema (schema/options.schema.json, generated from the Rust types)
gives it, so the two cannot drift apart."""

from __future__ import annotations

import inspect
from typing import Any, Callable, Dict, Iterable, Tuple

import pytest

import salesplan

OPTIONS: Dict[str, Any] = salesplan.options_schema()["$defs"]


def _defaults(name: str) -> Dict[str, Any]:
    return {k: v["default"] for k, v in OPTIONS[name]["properties"].items() if "default" in v}


def _python(value: Any, core: Any) -> Any:
    """A signature's default as JSON writes it (a tuple is a list); `None`
    for an option whose default is empty means "left out": the same."""
    if value is None and core in ([], {}):
        return core
    return list(value) if isinstance(value, tuple) else value


CASES: Iterable[Tuple[str, Callable[..., Any], str]] = [
    ("Plan.evaluate", salesplan.Plan.evaluate, "EvaluationOptions"),
    ("Plan.replay", salesplan.Plan.replay, "EvaluationOptions"),
    ("Plan.scenarios", salesplan.Plan.scenarios, "EvaluationOptions"),
    ("Plan.simulate", salesplan.Plan.simulate, "SimulationOptions"),
    ("Plan.scorecards", salesplan.Plan.scorecards, "ScorecardOptions"),
    ("format_amount", salesplan.format_amount, "AmountFormat"),
]


@pytest.mark.parametrize(("name", "function", "schema"), CASES, ids=[c[0] for c in CASES])
def test_signature_defaults_are_the_cores(name: str, function: Callable[..., Any], schema: str) -> None:
    parameters = inspect.signature(function).parameters
    defaults = _defaults(schema)
    shared = [p for p in defaults if p in parameters]
    assert shared, f"{name} takes none of {schema}'s options"
    for option in shared:
        given = parameters[option].default
        assert _python(given, defaults[option]) == defaults[option], f"{name}({option}=...) defaults to {given!r}, the core to {defaults[option]!r}"
