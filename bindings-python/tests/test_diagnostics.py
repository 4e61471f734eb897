"""Diagnostic: what validate() returns."""

from __future__ import annotations

from typing import Any, Dict

import salesplan
from salesplan import Diagnostic, Plan


def _broken(document: Dict[str, Any]) -> Plan:
    document["goals"].append(dict(document["goals"][0]))  # the same id twice
    return Plan.from_dict(document)


def test_validate_reports_findings(document: Dict[str, Any]) -> None:
    diagnostics = _broken(document).validate()
    duplicate = [d for d in diagnostics if d.code == "duplicate_id"]
    assert duplicate, diagnostics
    d = duplicate[0]
    assert isinstance(d, Diagnostic)
    assert d.severity == "error"
    assert d.path.startswith("/goals/")
    assert isinstance(d.message, str) and d.message


def test_diagnostic_to_dict_repr_str_eq_hash(document: Dict[str, Any]) -> None:
    plan = _broken(document)
    diagnostics = plan.validate()
    d = diagnostics[0]
    assert d.to_dict() == {"severity": d.severity, "code": d.code, "path": d.path, "message": d.message}
    assert list(d.to_dict()) == ["severity", "code", "path", "message"]
    assert repr(d) == (
        f"Diagnostic(severity={d.severity!r}, code={d.code!r}, path={d.path!r}, message={d.message!r})"
    )
    assert str(d) == f"{d.severity}[{d.code}] {d.path}: {d.message}"
    again = Plan.from_json(plan.to_json()).validate()
    assert again == diagnostics
    assert hash(again[0]) == hash(d)
    assert d != d.to_dict()


def test_severities_are_the_three_words(document: Dict[str, Any]) -> None:
    document["execution"]["tasks"][0]["owner"] = None
    for d in _broken(document).validate():
        assert d.severity in {"error", "warning", "info"}


def test_example_plan_findings_are_not_errors() -> None:
    assert all(d.severity != "error" for d in salesplan.example_plan().validate())
