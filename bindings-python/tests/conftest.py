"""Shared fixtures for the salesplan tests."""

from __future__ import annotations

import copy
import json
from typing import Any, Dict

import pytest

import salesplan


@pytest.fixture(scope="session")
def example_document() -> Dict[str, Any]:
    """The case study as plain JSON values (strings for decimals and dates)."""
    loaded: Dict[str, Any] = json.loads(salesplan.example_plan().to_json())
    return loaded


@pytest.fixture
def document(example_document: Dict[str, Any]) -> Dict[str, Any]:
    """A fresh copy of the case study to break."""
    return copy.deepcopy(example_document)
