#!/usr/bin/env python3
"""Writes actuals.csv and pipeline.json: FY2026 monthly actuals for the case
study, and the open pipeline as it stands at mid-year.

Deterministic (no randomness): run it again and the file is the same. The
story: revenue runs slightly below the seasonal plan in the first half while
the new high-end line ramps up after its April launch, and conversion sits
at 22% against a 28% target. From August, customer training and after-sales
service lift conversion and satisfaction, and the year closes above 1.2亿.

All amounts are computed in integer cents, so every split adds up exactly.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent

# Plan seasonality of G-REV (per mille) and the revenue actually booked as a
# share of each month's plan (per mille): 97% in H1, 104% in H2.
SEASONALITY = [60, 50, 80, 80, 80, 90, 80, 80, 90, 90, 100, 120]
DELIVERY = [970] * 6 + [1040] * 6
YEAR_TARGET_CENTS = 120_000_000_00
# High-end revenue per month, in 万元: a pilot, then the April launch.
HIGH_END_WAN = [20, 20, 20, 140, 180, 220, 280, 340, 390, 430, 480, 540]
# Won deals per month out of 200 opportunities.
WON = [44] * 6 + [46, 50, 54, 57, 58, 60]
SATISFACTION = ["4.1", "4.1", "4.0", "4.0", "3.9", "3.9", "4.1", "4.3", "4.4", "4.5", "4.6", "4.6"]
REGIONS = [("east", 5), ("west", 3), ("north", 2)]  # tenths of each amount
SAM_CENTS = 800_000_000_00
# Open deals at mid-year: (id, 万元, probability, expected close, region, segment).
DEALS = [
    ("D-101", 600, "0.6", "2026-07-20", "east", "SEG-HIGH"),
    ("D-102", 450, "0.4", "2026-08-15", "west", "SEG-HIGH"),
    ("D-103", 300, "0.7", "2026-08-31", "east", "SEG-MID"),
    ("D-104", 800, "0.3", "2026-09-30", "north", "SEG-HIGH"),
    ("D-105", 250, "0.8", "2026-09-15", "west", "SEG-MID"),
    ("D-106", 120, "0.9", "2026-07-10", "north", "SEG-PRICE"),
    ("D-107", 500, "0.5", "2026-10-31", "east", "SEG-HIGH"),
    ("D-108", 380, "0.35", "2026-11-20", "west", "SEG-MID"),
    ("D-109", 900, "0.2", "2026-12-15", "east", "SEG-HIGH"),
    ("D-110", 200, "0.6", "2026-12-20", "north", "SEG-PRICE"),
    ("D-111", 700, "0.5", "2027-01-31", "east", "SEG-HIGH"),
]


def split(total: int, weights: list[int]) -> list[int]:
    """Integer split by weights; the remainder goes to the first part."""
    parts = [total * w // sum(weights) for w in weights]
    parts[0] += total - sum(parts)
    return parts


def money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def main() -> None:
    rows = ["date,measure,value,region,segment"]
    market = split(SAM_CENTS, [1] * 12)
    for m in range(12):
        month = f"2026-{m + 1:02d}"
        planned = YEAR_TARGET_CENTS * SEASONALITY[m] // 1000
        booked = planned * DELIVERY[m] // 1000
        high = HIGH_END_WAN[m] * 10_000_00
        mid, price = split(booked - high, [6, 4])
        for segment, amount in (("SEG-HIGH", high), ("SEG-MID", mid), ("SEG-PRICE", price)):
            for (region, _), part in zip(REGIONS, split(amount, [w for _, w in REGIONS])):
                rows.append(f"{month}-15,revenue,{money(part)},{region},{segment}")
        for measure, total in (("leads", 2000), ("opportunities", 200), ("won_deals", WON[m]), ("new_customers", 32)):
            for (region, _), part in zip(REGIONS, split(total, [w for _, w in REGIONS])):
                rows.append(f"{month}-28,{measure},{part},{region},")
        rows.append(f"{month}-28,marketing_spend,700000.00,,")
        rows.append(f"{month}-28,sales_spend,1000000.00,,")
        rows.append(f"{month}-28,satisfaction_score,{SATISFACTION[m]},,")
        rows.append(f"{month}-28,market_size,{money(market[m])},,")
    (HERE / "actuals.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    deals = [
        f'  {{"id": "{i}", "amount": "{wan * 10_000}.00", "probability": "{p}", "expected_close": "{close}", '
        f'"tags": {{"region": "{region}", "segment": "{segment}"}}}}'
        for i, wan, p, close, region, segment in DEALS
    ]
    (HERE / "pipeline.json").write_text("[\n" + ",\n".join(deals) + "\n]\n", encoding="utf-8")


if __name__ == "__main__":
    main()
