"""Calls the stubs must refuse; test_typing.py expects mypy to flag each line
marked `# error`. Never run."""

from __future__ import annotations

import datetime

import salesplan

salesplan.format_amount(1.5)  # error
salesplan.format_amount(1, unit="lakh")  # error
salesplan.parse_amount(120000000)  # error
salesplan.example_plan().id = "x"  # error
salesplan.Plan.from_json(b"{}")  # error
severity: int = salesplan.example_plan().validate()[0].severity  # error
plan = salesplan.example_plan()
plan.evaluate(plan.load_actuals(""), as_of=20260630)  # error
plan.evaluate(plan.load_actuals(""), as_of="2026-06-30", trend_periods="3")  # error
plan.load_actuals("", lenient=True, format="xlsx")  # error
salesplan.cascade(100.0, {"id": "CO"})  # error
salesplan.cascade(100, {"name": "no id"})  # error
salesplan.decompose_gap({"leads": 1, "won": 1}, {"leads": 1, "won": 1, "revenue": 1})  # error
status: int = plan.evaluate(plan.load_actuals(""), as_of="2026-06-30").kpi("K-REV")["status"]  # error
problems: str = plan.load_actuals("", lenient=True).problems[0]["row"]  # error
plan.simulate(None, as_of="2026-06-30", new_business="maybe")  # error
plan.simulate(None, as_of="2026-06-30", target=1.5)  # error
plan.risk_register(plan.evaluate(plan.load_actuals(""), as_of="2026-06-30").to_dict())  # error
chance: float = plan.simulate(None, as_of="2026-06-30").probability  # error
proposals = plan.propose(plan.evaluate(plan.load_actuals(""), as_of="2026-06-30"))
plan.apply(proposals, author="a", reason="r", at=20260703)  # error
plan.apply(proposals, "a", "r", "2026-07-03T09:00:00Z")  # error
salesplan.History(plan).plan("2")  # error
when: datetime.date = proposals.proposals[0]["priority"]  # error
