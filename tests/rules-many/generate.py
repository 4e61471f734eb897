#!/usr/bin/env python3
"""Writes case.json: rules over the case study's facts, contexts for them as
columns, and which rules hold in each context.

The rules replace the case study's own (`rules`, each `{"id", "when"}`).
`columns` has a column per fact the rules read, a value per context: JSON
numbers (read by every language as the same float64, and from it as the
shortest decimal that gives it back), words for text facts, `null` for no
value. Many values sit exactly on, or one float step off, the constants of
the conditions. `expected` lists, per context, the ids of the rules that
hold, as the one-context path of the core (`RuleSet::evaluate`, through the
Python bindings) finds them with each float read as `Decimal(repr(x))`.

Deterministic (a seeded generator): run it again and the file is the same.
Needs the Python package built (scripts/test-python.sh).
"""

import json
import math
import random
from decimal import Decimal
from pathlib import Path

import salesplan

HERE = Path(__file__).resolve().parent
CONTEXTS = 400

RULES = [
    ("R-CONV", 'kpi("K-CONV").attainment < 0.9 and kpi("K-REV-HIGH").trend > 0'),
    ("R-PACE", 'kpi("K-REV").pace < 0.9'),
    ("R-PACE-EQ", 'kpi("K-REV").pace == 0.9 or kpi("K-REV").pace >= 1.25'),
    ("R-STATUS", 'kpi("K-REV").status in ["off_track", "at_risk"] and not kpi("K-CONV").status == "on_track"'),
    ("R-EAST", 'kpi("K-REV", region="east").status == "off_track" or kpi("K-REV", region="east").attainment <= 0.7'),
    ("R-GAP", '(kpi("K-REV").forecast - kpi("K-REV").target) / kpi("K-REV").target < -0.05'),
    ("R-CAC", 'kpi("K-CAC").actual * 1.1 > kpi("K-CAC").target + 100'),
    ("R-TREND", 'kpi("K-REV-HIGH").trend < -0.5 or kpi("K-CSAT").actual != 4.1'),
    ("R-CHURN", 'risk("R-CHURN").level in ["high", "critical"] or risk("R-CHURN").exposure >= 1000000'),
    ("R-BELOW", 'kpi("K-CONV").periods_below(0.9) >= 2 and risk("R-MARKET").score > 9'),
    ("R-ALWAYS", "true"),
    ("R-NEVER", 'kpi("K-SHARE").actual < 0 and kpi("K-SHARE").actual > 0'),
]

# Constants in the conditions, for values on and beside them.
CONSTANTS = [0.9, 1.25, 0.7, -0.05, 0, -0.5, 4.1, 1000000, 2, 9, 100, 0.1]
WORDS = {
    "status": ["on_track", "at_risk", "off_track"],
    "level": ["low", "medium", "high", "critical"],
}


def plan() -> salesplan.Plan:
    document = json.loads(salesplan.example_plan().to_json())
    template = document["rules"][0]
    document["rules"] = [
        {**template, "id": rule_id, "name": rule_id, "when": when, "actions": [{"type": "recommend", "message": rule_id}]}
        for rule_id, when in RULES
    ]
    return salesplan.Plan.from_dict(document)


def number(rng: random.Random) -> object:
    roll = rng.random()
    if roll < 0.1:
        return None
    c = rng.choice(CONSTANTS)
    if roll < 0.4:
        return c
    if roll < 0.6:
        return math.nextafter(c, rng.choice([-math.inf, math.inf]))
    if roll < 0.8:
        return round(c + rng.uniform(-1, 1) * max(1.0, abs(c)) * 0.2, rng.randrange(0, 6))
    return rng.uniform(-2, 2) * 10 ** rng.randrange(-3, 8)


def word(rng: random.Random, fact: str) -> object:
    if rng.random() < 0.1:
        return None
    return rng.choice(WORDS["level" if fact.endswith("level") else "status"])


def main() -> None:
    rules = salesplan.RuleSet(plan())
    rng = random.Random(20260630)
    columns = {
        fact: [word(rng, fact) if kind == "text" else number(rng) for _ in range(CONTEXTS)]
        for fact, kind in rules.fact_kinds.items()
    }

    def exact(value: object) -> object:
        return Decimal(repr(value)) if isinstance(value, float) else value

    expected = [
        rules.evaluate({fact: exact(column[i]) for fact, column in columns.items()}) for i in range(CONTEXTS)
    ]
    line = lambda value: json.dumps(value, ensure_ascii=False)  # noqa: E731
    text = "{\n" + '"rules": [\n'
    text += ",\n".join(f" {line({'id': i, 'when': w})}" for i, w in RULES)
    text += '\n],\n"columns": {\n'
    text += ",\n".join(f" {line(fact)}: {line(column)}" for fact, column in columns.items())
    text += '\n},\n"expected": [\n'
    text += ",\n".join(f" {line(fired)}" for fired in expected)
    text += "\n]\n}\n"
    assert json.loads(text) == {"rules": [{"id": i, "when": w} for i, w in RULES], "columns": columns, "expected": expected}
    (HERE / "case.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
