// evaluate and EvaluationResult: the evaluation kept in WebAssembly memory
// gives what evaluate gives, one result at a time through kpi(), and one
// field at a time as columns.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";

import {
  EvaluationResult,
  apply,
  evaluate,
  examplePlan,
  loadActuals,
  propose,
  riskRegister,
} from "salesplan";

import { evaluationsDir, thrown } from "./helpers.mjs";

const CASE = join(evaluationsDir, "case-study");
const plan = examplePlan();
const actuals = loadActuals(plan, readFileSync(join(CASE, "actuals.csv"), "utf8"));
const pipeline = JSON.parse(readFileSync(join(CASE, "pipeline.json"), "utf8"));
const OPTIONS = [
  { as_of: "2026-06-30" },
  { as_of: "2026-06-30", hierarchy: ["region"] },
  {
    as_of: "2026-06-30",
    hierarchy: ["region"],
    pipeline,
    cascade: { id: "company", children: [{ id: "region=east", weight: "5" }, { id: "region=west", weight: "3" }] },
  },
  { as_of: "2026-03-17", hierarchy: ["region", "segment"] },
  { as_of: "2026-12-31", hierarchy: ["segment"] },
];
const results = OPTIONS.map((options) => [options, evaluate(plan, actuals, options), evaluate(plan, actuals, options).toJSON()]);
after(() => {
  for (const [, result] of results) result.free();
  actuals.free();
});

const NUMBERS = [
  "target",
  "actual",
  "expected",
  "variance",
  "attainment",
  "forecast_run_rate",
  "forecast_trend",
  "forecast_pipeline",
  "trend",
];
/** What a column holds for an exact decimal string: the nearest double, NaN for none. */
const number = (text) => (text === null ? NaN : Number(text));

describe("evaluate", () => {
  it("keeps what evaluate gives", () => {
    for (const [options, result, plain] of results) {
      assert.ok(result instanceof EvaluationResult);
      assert.deepEqual(result.toJSON(), plain, JSON.stringify(options));
      assert.deepEqual(result.toObject(), plain);
      assert.deepEqual(JSON.parse(JSON.stringify(result)), plain);
      assert.equal(result.asOf, plain.as_of);
      assert.equal(result.length, plain.kpis.length);
    }
  });

  it("finds every result through kpi(), the company by default", () => {
    for (const [, result, plain] of results) {
      for (const expected of plain.kpis) {
        assert.deepEqual(result.kpi(expected.kpi, expected.node), expected);
      }
      const company = plain.kpis.find((k) => k.kpi === "K-REV" && k.node === "");
      assert.deepEqual(result.kpi("K-REV"), company);
      assert.equal(result.kpi("K-REV", "region=nowhere"), undefined);
      assert.equal(result.kpi("K-NOPE"), undefined);
    }
    const [, result] = results[1];
    const mine = result.kpi("K-REV");
    mine.actual = null;
    assert.equal(result.kpi("K-REV").actual, "51216000.00");
  });

  it("gives every field of every result as a column", () => {
    for (const [, result, plain] of results) {
      for (const name of NUMBERS) {
        const column = result.column(name);
        assert.ok(column instanceof Float64Array);
        assert.deepEqual([...column], plain.kpis.map((k) => number(k[name])), name);
      }
      for (const name of ["kpi", "node", "status"]) {
        assert.deepEqual(result.texts(name), plain.kpis.map((k) => k[name]), name);
      }
    }
  });

  it("gives every field of every period as a column", () => {
    for (const [, result, plain] of results) {
      const rows = plain.kpis.flatMap((k) => k.periods.map((p) => ({ kpi: k.kpi, node: k.node, ...p })));
      assert.equal(result.periodLength, rows.length);
      for (const name of ["target", "actual", "attainment"]) {
        assert.deepEqual([...result.periodColumn(name)], rows.map((r) => number(r[name])), name);
      }
      for (const name of ["kpi", "node", "period"]) {
        assert.deepEqual(result.periodTexts(name), rows.map((r) => r[name]), name);
      }
    }
  });

  it("refuses unknown columns and wrong arguments", () => {
    const [, result] = results[0];
    let error = thrown(() => result.column("status"));
    assert.equal(error.code, "invalid_argument");
    assert.match(error.message, /no column "status"; expected target, actual/);
    assert.equal(thrown(() => result.texts("actual")).code, "invalid_argument");
    assert.equal(thrown(() => result.periodColumn("expected")).code, "invalid_argument");
    assert.equal(thrown(() => result.periodTexts("status")).code, "invalid_argument");
    error = thrown(() => result.kpi(42));
    assert.equal(error.code, "invalid_argument");
    assert.equal(thrown(() => evaluate(plan, actuals, {})).code, "invalid_argument");
  });
});

describe("an EvaluationResult where an evaluation is taken", () => {
  const change = { author: "revops", at: "2026-07-01T09:00:00Z", reason: "mid-year review" };

  it("gives propose, riskRegister and apply what the plain evaluation gives", () => {
    let proposed = 0;
    for (const [options, result, plain] of results) {
      const label = JSON.stringify(options);
      const proposals = propose(plan, result);
      assert.deepEqual(proposals, propose(plan, plain), label);
      assert.deepEqual(riskRegister(plan, result), riskRegister(plan, plain), label);
      if (proposals.proposals.length > 0) {
        proposed += 1;
        assert.deepEqual(
          apply(plan, proposals, change, result),
          apply(plan, proposals, change, plain),
          label,
        );
      }
      // The result is lent, not given away: it still answers.
      assert.equal(result.length, plain.kpis.length);
    }
    assert.ok(proposed > 0, "the mid-year case study proposes something");
  });

  it("throws for a freed result, and the next call works", () => {
    const freed = evaluate(plan, actuals, { as_of: "2026-06-30" });
    freed.free();
    assert.throws(() => propose(plan, freed));
    assert.equal(thrown(() => propose(plan, { kpis: 3 })).code, "invalid_argument");
    const [, result, plain] = results[0];
    assert.deepEqual(propose(plan, result), propose(plan, plain));
  });
});
