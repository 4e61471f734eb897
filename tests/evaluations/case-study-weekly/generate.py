"""Writes plan.json (the case study phased by ISO weeks) and copies the
case study's actuals and options, deterministically.

The plan is the embedded case study with `granularity: "week"`. The
revenue goal's monthly seasonality becomes weekly weights: each day of a
month carries the month's weight divided by its days, a week the sum of its
days (so the clipped first and last weeks carry four days each), rounded to
six places with the rounding left on the largest week so that they total 1
exactly. The high-end goal has no seasonality, so it is spread evenly by
days. The promotion budget's monthly phasing becomes weekly the same way.

Run from the repository root: python3 tests/evaluations/case-study-weekly/generate.py
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import shutil
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
PLACES = Decimal("0.000001")


def weekly(monthly: dict) -> dict:
    """Monthly weights (`2026-03`) as weekly ones (`2026-W10`) totalling 1."""
    weeks: dict = {}
    day = dt.date(2026, 1, 1)
    while day.year == 2026:
        month = f"{day.year:04}-{day.month:02}"
        share = Decimal(monthly.get(month, "0")) / calendar.monthrange(day.year, day.month)[1]
        year, week, _ = day.isocalendar()
        name = f"{year:04}-W{week:02}"
        weeks[name] = weeks.get(name, Decimal(0)) + share
        day += dt.timedelta(days=1)
    rounded = {k: v.quantize(PLACES) for k, v in weeks.items() if v}
    largest = max(rounded, key=lambda k: (rounded[k], k))
    rounded[largest] += Decimal(1) - sum(rounded.values())
    return {k: str(v.normalize() if v == v.to_integral() else v) for k, v in rounded.items()}


def main() -> None:
    plan = json.loads((ROOT / "core" / "examples" / "case-study.json").read_text(encoding="utf-8"))
    plan["id"] = "techco-fy2026-weekly"
    plan["name"] += " — weekly"
    plan["period"]["granularity"] = "week"
    for goal in plan["goals"]:
        if goal["id"] == "G-REV":
            goal["seasonality"] = weekly(goal["seasonality"])
        elif goal["id"] == "G-HIGH":
            del goal["seasonality"]
    for line in plan["resources"]["budget"]:
        if line.get("phasing"):
            line["phasing"] = weekly(line["phasing"])
    text = json.dumps(plan, ensure_ascii=False, indent=2) + "\n"
    (HERE / "plan.json").write_text(text, encoding="utf-8")
    source = HERE.parent / "case-study"
    for name in ["actuals.csv", "midyear.options.json"]:
        shutil.copyfile(source / name, HERE / name)


if __name__ == "__main__":
    main()
