// Weekly and 4-4-5 plans from JavaScript: phasing that adds up to the
// target, evaluation by week and by fiscal month, the charts stored in
// tests/charts/calendars (the Rust snapshots, byte for byte), the review,
// and bad calendars refused with their path or reported as diagnostics.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

import { chartBudgetBurn, chartBurnUp, evaluate, loadActuals, parsePlan, phaseGoal, report, validate } from "salesplan";

import { evaluationsDir } from "./helpers.mjs";

const chartsDir = fileURLToPath(new URL("../../tests/charts/calendars/", import.meta.url));
const read = (path) => readFileSync(path, "utf8");
const csv = read(join(evaluationsDir, "case-study", "actuals.csv"));
const planText = (kind) => read(join(evaluationsDir, `case-study-${kind}`, "plan.json"));
const planDoc = (kind) => JSON.parse(planText(kind));

/** The sum of decimal strings with two places, in cents, exactly. */
const cents = (values) => values.reduce((sum, v) => sum + BigInt(v.replace(".", "")), 0n);

describe("weekly and retail calendars", () => {
  for (const [kind, count, first, last] of [
    ["weekly", 53, "2026-W01", "2026-W53"],
    ["445", 12, "FY2026-P01", "FY2026-P12"],
  ]) {
    it(`${kind}: goals phase to the cent`, () => {
      for (const [goal, target] of [
        ["G-REV", 12000000000n],
        ["G-HIGH", 3000000000n],
      ]) {
        const phases = phaseGoal(planText(kind), goal);
        assert.equal(phases.length, count);
        assert.deepEqual([phases[0].period, phases.at(-1).period], [first, last]);
        assert.ok(phases.every((p) => /^\d+\.\d\d$/.test(p.target)));
        assert.equal(cents(phases.map((p) => p.target)), target);
      }
    });
  }

  it("weekly: an even split goes by days, the first week clipped", () => {
    const [w01, w02] = phaseGoal(planDoc("weekly"), "G-HIGH");
    assert.deepEqual([w01.start, w01.end, w01.target], ["2026-01-01", "2026-01-04", "328767.12"]);
    assert.equal(w02.target, "575342.47");
  });

  for (const [kind, current, expected] of [
    ["weekly", "2026-W27", "52728702.86"],
    ["445", "FY2026-P07", "53485714.29"],
  ]) {
    it(`${kind}: evaluation by the plan's periods, charts as in Rust`, () => {
      const plan = planText(kind);
      const actuals = loadActuals(plan, csv);
      const evaluation = evaluate(plan, actuals, { as_of: "2026-06-30" }).toJSON();
      const revenue = evaluation.kpis.find((k) => k.kpi === "K-REV" && k.node === "");
      assert.equal(revenue.periods.at(-1).period, current);
      assert.equal(revenue.expected, expected);
      const charts = {
        "burn-up": chartBurnUp(plan, evaluation, { kpi: "K-REV", lang: "en" }),
        "budget-burn": chartBudgetBurn(plan, { as_of: "2026-06-30", lang: "en" }),
      };
      for (const [name, svg] of Object.entries(charts)) {
        assert.equal(svg, read(join(chartsDir, `${kind}-${name}-midyear-en.svg`)), `${kind}-${name}`);
      }
      const review = report(plan, actuals, { as_of: "2026-06-30", lang: "en", format: "md", simulation: false });
      assert.ok(review.includes("2026-06-30"));
      actuals.free();
    });
  }

  it("an unknown calendar or granularity is refused with its path", () => {
    for (const [field, value] of [
      ["calendar", "4-4-4"],
      ["granularity", "fortnight"],
    ]) {
      const doc = planDoc("445");
      doc.period[field] = value;
      assert.throws(
        () => parsePlan(doc),
        (e) => e.name === "SalesplanError" && e.code === "invalid_value" && e.path === `/period/${field}`,
      );
    }
  });

  it("calendar mistakes are diagnostics with paths", () => {
    const retail = planDoc("445");
    retail.period.start = "2026-01-01";
    const found = validate(retail).map((d) => `${d.code} ${d.path}`);
    assert.ok(found.includes("retail_start_weekday /period/start"), found.join("\n"));
    assert.equal(cents(phaseGoal(retail, "G-REV").map((p) => p.target)), 12000000000n);

    const weekly = planDoc("weekly");
    weekly.resources.budget[1].phasing = { "2026-04": "1" };
    const paths = validate(weekly).map((d) => `${d.code} ${d.path}`);
    assert.ok(paths.includes("unknown_period /resources/budget/1/phasing/2026-04"), paths.join("\n"));
  });
});
