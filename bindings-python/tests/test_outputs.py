"""The outputs of the core cannot drift from the Python side unnoticed:
every field of every output is typed by _convert (decimal, date or plain
string), and every TypedDict in salesplan._types has exactly the output's
keys."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterator, Tuple

import pytest

import salesplan
from salesplan import _convert, _native, _types

CASE = Path(__file__).resolve().parents[2] / "tests" / "evaluations" / "case-study"

# Fields that hold plain strings.
STRINGS = frozenset({"kpi", "node", "period", "status", "id", "measure", "column", "message", "biggest"})


def _outputs() -> Dict[str, Any]:
    """Raw JSON of one of each output, with every optional part present."""
    plan = salesplan.example_plan()
    actuals = plan.load_actuals(CASE / "actuals.csv")
    pipeline = (CASE / "pipeline.json").read_text(encoding="utf-8")
    evaluation = plan.evaluate(actuals, as_of="2026-12-31", hierarchy=["region"], pipeline=pipeline)
    tree = {"id": "CO", "children": [{"id": "A", "submitted": "1"}, {"id": "B", "submitted": "2"}]}
    lenient = plan.load_actuals("date,measure,value\n2026-01-01,revenue,x\n", lenient=True)
    funnel = {"leads": 100, "won": 10, "revenue": 1000}
    return {
        "evaluation": json.loads(evaluation.to_json()),
        "observations": json.loads(actuals._actuals.to_json()),
        "problems": lenient.problems,
        "phases": json.loads(plan._plan.phase_goal_json("G-REV")),
        "allocation": json.loads(_native.cascade_json(100, json.dumps(tree))),
        "gap": json.loads(_native.decompose_gap_json(funnel, funnel)),  # type: ignore[arg-type]
        "funnel": json.loads(_native.reverse_funnel_json(100, 10, "0.5", "0.5")),
        "economics": json.loads(_native.unit_economics_json(100, 10, 100, "0.5", "0.5")),
    }


OUTPUTS = _outputs()


def _fields(value: Any) -> Iterator[Tuple[str, Any]]:
    if isinstance(value, list):
        for item in value:
            yield from _fields(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key, item
            yield from _fields(item)


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_every_string_field_is_classified(name: str) -> None:
    known = _convert.OUTPUT_DECIMALS | _convert.OUTPUT_DATES | STRINGS | {"tags"}
    unknown = {key for key, item in _fields(OUTPUTS[name]) if isinstance(item, str) or item is None} - known
    assert not unknown, f"add {sorted(unknown)} to _convert.OUTPUT_DECIMALS, OUTPUT_DATES or STRINGS here"
    assert not {k for k, _ in _fields(OUTPUTS[name])} & (_convert.OUTPUT_DECIMALS & STRINGS)


def _keys(typed_dict: Any) -> FrozenSet[str]:
    return frozenset(typed_dict.__required_keys__ | typed_dict.__optional_keys__)


@pytest.mark.parametrize(
    ("typed_dict", "sample"),
    [
        (_types.EvaluationDict, lambda o: o["evaluation"]),
        (_types.KpiResult, lambda o: o["evaluation"]["kpis"][0]),
        (_types.PeriodResult, lambda o: o["evaluation"]["kpis"][0]["periods"][0]),
        (_types.NodeGap, lambda o: o["evaluation"]["gaps"][0]),
        (_types.Observation, lambda o: o["observations"][0]),
        (_types.RowProblem, lambda o: o["problems"][0]),
        (_types.PeriodTarget, lambda o: o["phases"][0]),
        (_types.Allocation, lambda o: o["allocation"]),
        (_types.GapEffects, lambda o: o["gap"]),
        (_types.ReverseFunnel, lambda o: o["funnel"]),
        (_types.UnitEconomics, lambda o: o["economics"]),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_typed_dicts_have_the_output_keys(typed_dict: Any, sample: Any) -> None:
    assert _keys(typed_dict) == frozenset(sample(OUTPUTS))


def test_every_kpi_result_field_has_a_dataframe_column() -> None:
    from salesplan._evaluation import _GAP_COLUMNS, _KPI_COLUMNS, _PERIOD_COLUMNS

    assert set(_KPI_COLUMNS) == _keys(_types.KpiResult) - {"periods"}
    assert set(_PERIOD_COLUMNS) == _keys(_types.PeriodResult) | {"kpi", "node"}
    assert set(_GAP_COLUMNS) == _keys(_types.NodeGap)


def test_no_string_is_left_that_reads_as_a_decimal() -> None:
    typed = _convert.typed_output(OUTPUTS["evaluation"])
    for key, item in _fields(typed):
        if isinstance(item, str) and key not in STRINGS:
            pytest.fail(f"{key}: {item!r} is still a string")
