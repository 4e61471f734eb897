"""Writes plan.json (the case study on a 4-4-5 retail calendar) and copies
the case study's actuals and options, deterministically.

The plan is the embedded case study with `calendar: "4-4-5"`: its fiscal
year FY2026 runs from Monday 2025-12-29 to Sunday 2026-12-27 (52 weeks),
in months `FY2026-P01` to `FY2026-P12` of 4, 4 and 5 weeks. The revenue
goal's seasonality and the promotion budget's phasing keep their monthly
weights, keyed by fiscal month (`2026-03` becomes `FY2026-P03`); the
high-end goal has none, so it is spread evenly by days (a five-week month
carries 5/52 of it). Dates on 2026-12-31 move to the year's last day.

Run from the repository root: python3 tests/evaluations/case-study-445/generate.py
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
LAST_DAY = "2026-12-27"


def fiscal(monthly: dict) -> dict:
    """`2026-03` keys as `FY2026-P03`."""
    return {f"FY2026-P{k[5:]}": v for k, v in monthly.items()}


def main() -> None:
    text = (ROOT / "core" / "examples" / "case-study.json").read_text(encoding="utf-8")
    plan = json.loads(text.replace('"2026-12-31"', f'"{LAST_DAY}"'))
    plan["id"] = "techco-fy2026-445"
    plan["name"] += " — 4-4-5"
    plan["period"].update({"start": "2025-12-29", "end": LAST_DAY, "calendar": "4-4-5"})
    for goal in plan["goals"]:
        if goal["id"] == "G-REV":
            goal["seasonality"] = fiscal(goal["seasonality"])
        elif goal["id"] == "G-HIGH":
            del goal["seasonality"]
    for line in plan["resources"]["budget"]:
        if line.get("phasing"):
            line["phasing"] = fiscal(line["phasing"])
    out = json.dumps(plan, ensure_ascii=False, indent=2) + "\n"
    (HERE / "plan.json").write_text(out, encoding="utf-8")
    source = HERE.parent / "case-study"
    for name in ["actuals.csv", "midyear.options.json"]:
        shutil.copyfile(source / name, HERE / name)


if __name__ == "__main__":
    main()
