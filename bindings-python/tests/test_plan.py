"""The Plan class: reading, writing, comparing, displaying."""

from __future__ import annotations

import copy
import datetime
import json
import pickle
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict

import pytest

import salesplan
from salesplan import Plan


def test_version_follows_the_crate() -> None:
    from importlib.metadata import version

    assert salesplan.__version__ == version("salesplan")
    assert salesplan.__version__.count(".") >= 2


def test_example_plan_is_the_case_study() -> None:
    plan = salesplan.example_plan()
    assert plan.id == "techco-fy2026"
    assert "销售行动计划" in plan.name
    assert plan.currency == "CNY"
    revenue = plan.to_dict()["goals"][0]
    assert revenue["metric"] == "revenue"
    assert revenue["target"] == salesplan.parse_amount("1.2亿")
    assert revenue["growth"] == Decimal("0.20")


def test_example_plan_validates_without_errors() -> None:
    diagnostics = salesplan.example_plan().validate()
    assert isinstance(diagnostics, list)
    assert [d for d in diagnostics if d.severity == "error"] == []


def test_properties_are_read_only() -> None:
    plan = salesplan.example_plan()
    with pytest.raises(AttributeError):
        plan.id = "other"  # type: ignore[misc]


def test_repr_names_the_plan() -> None:
    text = repr(salesplan.example_plan())
    assert text.startswith("Plan(id='techco-fy2026', name='TechCo FY2026")
    assert text.endswith("currency='CNY')")


def test_plans_are_not_constructed_directly() -> None:
    with pytest.raises(TypeError, match="Plan.from_json"):
        Plan()


def test_equality_is_the_same_document(document: Dict[str, Any]) -> None:
    a = salesplan.example_plan()
    assert a == salesplan.example_plan()
    assert a == Plan.from_dict(document)
    document["name"] = "Another name"
    assert a != Plan.from_dict(document)
    assert a != "techco-fy2026"
    with pytest.raises(TypeError):
        hash(a)


def test_to_dict_has_decimals_and_dates() -> None:
    d = salesplan.example_plan().to_dict()
    assert isinstance(d["period"]["start"], datetime.date)
    assert d["period"]["start"] == datetime.date(2026, 1, 1)
    assert d["baseline"]["measures"]["revenue"] == Decimal("100000000.00")
    goal = d["goals"][0]
    assert isinstance(goal["target"], Decimal)
    assert str(goal["target"]) == "120000000.00"  # the scale is kept
    assert isinstance(goal["deadline"], datetime.date)
    assert all(isinstance(v, Decimal) for v in goal["seasonality"].values())
    assert sum(goal["seasonality"].values()) == Decimal("1")
    assert isinstance(d["market"]["tam"], Decimal)
    # Strings that are not decimals stay strings, counts stay ints.
    assert isinstance(d["id"], str) and isinstance(goal["id"], str)
    assert d["period"]["fiscal_year_start_month"] == 1


def test_to_dict_follows_tagged_actions() -> None:
    actions = [a for rule in salesplan.example_plan().to_dict()["rules"] for a in rule["actions"]]
    kinds = {a["type"] for a in actions}
    assert "add_task" in kinds and "add_strategy" in kinds
    for action in actions:
        if action["type"] == "add_task":
            assert isinstance(action["task"]["start"], datetime.date)
        if action["type"] == "add_strategy":
            assert isinstance(action["strategy"]["cost"], Decimal)


def test_no_float_anywhere_in_to_dict() -> None:
    def walk(value: Any) -> None:
        assert not isinstance(value, float), value
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(salesplan.example_plan().to_dict())


def test_dict_round_trip() -> None:
    plan = salesplan.example_plan()
    again = Plan.from_dict(plan.to_dict())
    assert again == plan
    assert again.to_dict() == plan.to_dict()


def test_json_round_trip() -> None:
    plan = salesplan.example_plan()
    text = plan.to_json()
    assert json.loads(text)["schema"] == salesplan.SCHEMA_VERSION
    assert Plan.from_json(text) == plan
    assert Plan.from_json(text).to_json() == text


def test_from_dict_accepts_decimals_dates_and_strings(document: Dict[str, Any]) -> None:
    goal = document["goals"][0]
    goal["target"] = Decimal("1.2E+8")  # exponent form is written out in full
    goal["deadline"] = datetime.date(2026, 12, 31)
    document["period"]["start"] = "2026-01-01"
    plan = Plan.from_dict(document)
    assert plan.to_dict()["goals"][0]["target"] == Decimal("120000000")
    assert plan.to_dict()["goals"][0]["deadline"] == datetime.date(2026, 12, 31)


def test_from_dict_refuses_floats_with_the_path(document: Dict[str, Any]) -> None:
    document["goals"][0]["target"] = 120000000.5
    with pytest.raises(salesplan.ParseError) as info:
        Plan.from_dict(document)
    assert info.value.code == "invalid_type"
    assert info.value.path == "/goals/0/target"


def test_from_dict_refuses_what_json_cannot_hold(document: Dict[str, Any]) -> None:
    document["goals"][0]["owner"] = object()
    with pytest.raises(TypeError, match="not JSON serializable"):
        Plan.from_dict(document)


def test_from_dict_does_not_change_its_argument(document: Dict[str, Any]) -> None:
    typed = salesplan.example_plan().to_dict()
    before = copy.deepcopy(typed)
    Plan.from_dict(typed)
    assert typed == before


def test_load_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_text(salesplan.example_plan().to_json(), encoding="utf-8")
    assert Plan.load(path) == salesplan.example_plan()
    assert Plan.load(str(path)) == salesplan.example_plan()


def test_load_of_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        Plan.load(tmp_path / "nowhere.json")


def test_load_reports_the_path_inside_the_document(tmp_path: Path, document: Dict[str, Any]) -> None:
    document["goals"][0]["colour"] = "blue"
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(salesplan.ParseError) as info:
        Plan.load(path)
    assert info.value.path == "/goals/0/colour"


def test_pickle_round_trip() -> None:
    plan = salesplan.example_plan()
    assert pickle.loads(pickle.dumps(plan)) == plan
    assert copy.deepcopy(plan) == plan


def test_subclasses_construct_themselves() -> None:
    class MyPlan(Plan):
        __slots__ = ()

    plan = MyPlan.from_json(salesplan.example_plan().to_json())
    assert type(plan) is MyPlan
    assert plan == salesplan.example_plan()


def test_repr_html_lists_the_eight_sections() -> None:
    html = salesplan.example_plan()._repr_html_()
    assert html.startswith("<table>")
    for section in ("goals", "market", "strategies", "resources", "execution", "risks", "kpis", "rules"):
        assert f"<td>{section}</td>" in html
    assert "目标设定" in html and "调整机制" in html
    assert "1.2亿 CNY" in html


def test_repr_html_escapes_names(document: Dict[str, Any]) -> None:
    document["name"] = "<script>alert(1)</script>"
    html = Plan.from_dict(document)._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_plan_schema_is_a_fresh_dict() -> None:
    schema = salesplan.plan_schema()
    assert schema["properties"]["schema"]["const"] == "salesplan/1"
    assert schema["$defs"]["Decimal"]["format"] == "decimal"
    schema.clear()
    assert salesplan.plan_schema()["$id"] == "urn:salesplan:schema:plan:1"


def test_output_and_option_schemas_name_every_root() -> None:
    outputs, options = salesplan.outputs_schema(), salesplan.options_schema()
    assert "Evaluation" in outputs["roots"] and "Evaluation" in outputs["$defs"]
    assert options["$defs"]["EvaluationOptions"]["required"] == ["as_of"]
    outputs.clear()
    assert salesplan.outputs_schema()["$id"] == "urn:salesplan:schema:outputs:1"


def test_summary_gives_the_effective_targets_as_the_core_does() -> None:
    plan = salesplan.example_plan()
    summary = plan.summary()
    assert summary["goals"][0]["id"] == "G-REV"
    assert summary["goals"][0]["target"] == Decimal("120000000.00")
    assert summary["diagnostics"] == {}
    # A goal stated only as growth on the baseline: the headline shows the grown target.
    document = plan.to_dict()
    document["goals"][0].pop("target")
    grown = Plan.from_dict(document)
    assert "1.2亿" in grown._repr_html_()


def test_sections_are_the_cores() -> None:
    assert [key for key, _, _ in salesplan.SECTIONS] == [
        "goals", "market", "strategies", "resources", "execution", "risks", "kpis", "rules"
    ]
    assert salesplan.SECTIONS[0] == ("goals", "目标设定", "Goals")
