"""Shared fixtures for the salesplan tests."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Dict

import pytest

import salesplan
from salesplan import Actuals, Plan

CASE_STUDY = Path(__file__).resolve().parents[2] / "tests" / "evaluations" / "case-study"


@pytest.fixture(scope="session")
def example_document() -> Dict[str, Any]:
    """The case study as plain JSON values (strings for decimals and dates)."""
    loaded: Dict[str, Any] = json.loads(salesplan.example_plan().to_json())
    return loaded


@pytest.fixture
def document(example_document: Dict[str, Any]) -> Dict[str, Any]:
    """A fresh copy of the case study to break."""
    return copy.deepcopy(example_document)


@pytest.fixture(scope="module")
def plan() -> Plan:
    """The case study plan, one per test module."""
    return salesplan.example_plan()


@pytest.fixture(scope="module")
def actuals(plan: Plan) -> Actuals:
    """The case study's actuals for the year (`tests/evaluations/case-study`)."""
    return plan.load_actuals(CASE_STUDY / "actuals.csv")
