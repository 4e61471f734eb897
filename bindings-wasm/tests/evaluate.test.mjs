// evaluate and phaseGoal: plain JSON-compatible results with exact
// decimal strings, options and their errors.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";

import { evaluate, examplePlan, examplePlanJson, loadActuals, phaseGoal } from "salesplan";

import { evaluationsDir, thrown } from "./helpers.mjs";

const CASE = join(evaluationsDir, "case-study");
const plan = examplePlan();
const actuals = loadActuals(plan, readFileSync(join(CASE, "actuals.csv"), "utf8"));
const pipeline = () => JSON.parse(readFileSync(join(CASE, "pipeline.json"), "utf8"));
const MID_YEAR = { as_of: "2026-06-30", hierarchy: ["region"] };
after(() => actuals.free());

/** A decimal string with at most two decimals as a BigInt of cents. */
const cents = (text) => {
  const [whole, fraction = ""] = text.split(".");
  assert.ok(fraction.length <= 2, text);
  return BigInt(whole + fraction.padEnd(2, "0"));
};
const kpi = (evaluation, id, node = "") => evaluation.kpis.find((k) => k.kpi === id && k.node === node);

describe("evaluate", () => {
  const evaluation = evaluate(plan, actuals, MID_YEAR).toJSON();

  it("tells the case study's story at mid-year", () => {
    assert.equal(evaluation.as_of, "2026-06-30");
    const revenue = kpi(evaluation, "K-REV");
    assert.equal(revenue.target, "120000000.00");
    assert.equal(revenue.actual, "51216000.00");
    assert.equal(revenue.status, "on_track");
    assert.equal(kpi(evaluation, "K-CONV").status, "off_track");
    assert.equal(revenue.periods.length, 6);
    assert.deepEqual(revenue.periods[0], {
      period: "2026-01",
      target: "7200000.00",
      actual: "6984000.00",
      attainment: "0.97",
    });
    assert.equal(kpi(evaluation, "K-REV", "region=east").target, null);
  });

  it("is plain JSON-compatible data: decimals as strings, absent values as null", () => {
    assert.deepEqual(JSON.parse(JSON.stringify(evaluation)), evaluation);
    const revenue = kpi(evaluation, "K-REV");
    assert.equal(typeof revenue.forecast_run_rate, "string");
    assert.equal(revenue.forecast_pipeline, null);
    assert.deepEqual(Object.keys(evaluation), ["as_of", "kpis", "gaps"]);
  });

  it("explains every node's revenue gap", () => {
    const company = evaluation.gaps.find((g) => g.node === "");
    assert.equal(company.variance, kpi(evaluation, "K-REV").variance);
    for (const gap of evaluation.gaps) {
      assert.ok(["volume", "conversion", "deal_size"].includes(gap.biggest));
      assert.equal(cents(gap.volume) + cents(gap.conversion) + cents(gap.deal_size), cents(gap.variance));
    }
  });

  it("gives the same answer for the plan as text", () => {
    assert.deepEqual(evaluate(examplePlanJson(), actuals, MID_YEAR).toJSON(), evaluation);
  });

  it("follows its options", () => {
    const company = evaluate(plan, actuals, { as_of: "2026-06-30" }).toJSON();
    assert.deepEqual([...new Set(company.kpis.map((k) => k.node))], [""]);
    assert.equal(kpi(evaluate(plan, actuals, { ...MID_YEAR, trend_periods: 0 }).toJSON(), "K-REV").trend, null);
    const nested = evaluate(plan, actuals, { as_of: "2026-06-30", hierarchy: ["region", "segment"] }).toJSON();
    assert.ok(nested.kpis.some((k) => k.node === "region=east/segment=SEG-HIGH"));
  });

  it("forecasts revenue from the open pipeline", () => {
    const withPipeline = evaluate(plan, actuals, { ...MID_YEAR, pipeline: pipeline() }).toJSON();
    const revenue = kpi(withPipeline, "K-REV");
    assert.ok(Number(revenue.forecast_pipeline) > Number(revenue.actual));
    assert.equal(kpi(withPipeline, "K-CONV").forecast_pipeline, null);
  });

  it("cascades targets to the nodes", () => {
    const cascade = {
      id: "company",
      children: [
        { id: "region=east", weight: "5" },
        { id: "region=west", weight: "3" },
        { id: "region=north", weight: "2" },
      ],
    };
    const east = kpi(evaluate(plan, actuals, { ...MID_YEAR, cascade }).toJSON(), "K-REV", "region=east");
    assert.equal(east.target, "60000000.00");
    assert.equal(east.expected, "26400000.00");
  });

  it("refuses bad options", () => {
    const cases = [
      [undefined, "invalid argument options: as_of is required (YYYY-MM-DD)"],
      [{}, "invalid argument options: as_of is required (YYYY-MM-DD)"],
      [{ as_of: "30/06/2026" }, 'invalid argument as_of: "30/06/2026" is not a date (YYYY-MM-DD)'],
      // The camelCase spelling of earlier releases is read as the same key.
      [{ asOf: "30/06/2026" }, 'invalid argument as_of: "30/06/2026" is not a date (YYYY-MM-DD)'],
      [{ as_of: "2025-12-31" }, /^invalid argument as_of: 2025-12-31 is before the plan starts/],
      [{ as_of: "2026-06-30", trend_periods: -1 }, /^invalid argument options\.trend_periods: /],
      [{ as_of: "2026-06-30", hierarchy: "region" }, /^invalid argument options\.hierarchy: /],
      [{ as_of: "2026-06-30", colour: "red" }, /^invalid argument options: unknown field `colour`/],
      [{ as_of: "2026-06-30", cascade: { id: "company", colour: "red" } }, /unknown field `colour`/],
    ];
    for (const [options, message] of cases) {
      const error = thrown(() => evaluate(plan, actuals, options).toJSON());
      assert.equal(error.name, "SalesplanError");
      assert.equal(error.code, "invalid_argument");
      if (typeof message === "string") assert.equal(error.message, message);
      else assert.match(error.message, message);
    }
  });

  it("refuses a bad pipeline with the deal's path", () => {
    const deals = pipeline();
    deals[1].amount = 4500000;
    const error = thrown(() => evaluate(plan, actuals, { ...MID_YEAR, pipeline: deals }).toJSON());
    assert.equal(error.code, "invalid_type");
    assert.equal(error.path, "/1/amount");
  });

  it("needs an Actuals object", () => {
    assert.throws(() => evaluate(plan, actuals.toRecords(), MID_YEAR).toJSON());
  });
});

describe("phaseGoal", () => {
  it("splits a goal's target by its seasonality, exactly", () => {
    const phases = phaseGoal(plan, "G-REV");
    assert.equal(phases.length, 12);
    assert.deepEqual(phases[1], { period: "2026-02", start: "2026-02-01", end: "2026-02-28", target: "6000000.00" });
    assert.equal(
      phases.reduce((sum, p) => sum + cents(p.target), 0n),
      cents("120000000.00"),
    );
  });

  it("refuses an unknown goal", () => {
    const error = thrown(() => phaseGoal(plan, "G-NOPE"));
    assert.equal(error.code, "invalid_argument");
    assert.equal(error.message, 'invalid argument goalId: the plan has no goal "G-NOPE"');
    assert.equal(thrown(() => phaseGoal(plan, 7)).message, "invalid argument goalId: expected a string, found number");
  });
});
