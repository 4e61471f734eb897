"""Calls the stubs must refuse; test_typing.py expects mypy to flag each line
marked `# error`. Never run."""

from __future__ import annotations

import salesplan

salesplan.format_amount(1.5)  # error
salesplan.format_amount(1, unit="lakh")  # error
salesplan.parse_amount(120000000)  # error
salesplan.example_plan().id = "x"  # error
salesplan.Plan.from_json(b"{}")  # error
severity: int = salesplan.example_plan().validate()[0].severity  # error
