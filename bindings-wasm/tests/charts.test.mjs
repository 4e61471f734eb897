// Charts from JavaScript: the same SVG documents as the Rust snapshots in
// tests/charts (the case study at mid-year and year-end, zh and en), from
// an EvaluationResult or a plain evaluation alike, and clear refusals.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

import {
  Actuals,
  chartBudgetBurn,
  chartBurnUp,
  chartGantt,
  chartGapWaterfall,
  chartKpiBullets,
  chartOutcomeHistogram,
  chartRiskHeatmap,
  evaluate,
  examplePlanJson,
  riskRegister,
  simulate,
} from "salesplan";

import { evaluationsDir } from "./helpers.mjs";

const chartsDir = fileURLToPath(new URL("../../tests/charts/", import.meta.url));
const read = (path) => readFileSync(path, "utf8");
const isError = (code) => (e) => e.name === "SalesplanError" && e.code === code;

const plan = examplePlanJson();
const csv = read(join(evaluationsDir, "case-study", "actuals.csv"));
const pipeline = JSON.parse(read(join(evaluationsDir, "case-study", "pipeline.json")));

function charts(asOf, lang) {
  const actuals = Actuals.fromCsv(plan, csv);
  const result = evaluate(plan, actuals, { as_of: asOf, hierarchy: ["region"], pipeline });
  const simulation = simulate(plan, actuals, pipeline, { as_of: asOf, trials: 2000, seed: 2026 });
  const register = riskRegister(plan, result);
  const out = {
    "burn-up": chartBurnUp(plan, result, { kpi: "K-REV", lang }, simulation),
    "kpi-bullets": chartKpiBullets(plan, result, { lang }),
    "gap-waterfall": chartGapWaterfall(result, { lang }),
    "risk-heatmap": chartRiskHeatmap(register, { lang }),
    "outcome-histogram": chartOutcomeHistogram(simulation, { lang }),
    gantt: chartGantt(plan, { as_of: asOf, lang }),
    "budget-burn": chartBudgetBurn(plan, { as_of: asOf, lang }),
  };
  result.free();
  actuals.free();
  return out;
}

describe("charts", () => {
  for (const [label, asOf] of [
    ["midyear", "2026-06-30"],
    ["yearend", "2026-12-31"],
  ]) {
    for (const lang of ["zh", "en"]) {
      it(`are the Rust snapshots: ${label}, ${lang}`, () => {
        for (const [name, svg] of Object.entries(charts(asOf, lang))) {
          assert.equal(svg, read(join(chartsDir, `${name}-${label}-${lang}.svg`)), `${name}-${label}-${lang}`);
        }
      });
    }
  }

  it("draw from a plain evaluation as from an EvaluationResult", () => {
    const actuals = Actuals.fromCsv(plan, csv);
    const result = evaluate(plan, actuals, { as_of: "2026-06-30" });
    const plain = evaluate(plan, actuals, { as_of: "2026-06-30" }).toJSON();
    assert.equal(chartKpiBullets(plan, plain), chartKpiBullets(plan, result));
    assert.ok(chartBurnUp(plan, plain).startsWith("<svg"));
    result.free();
    actuals.free();
  });

  it("refuse what they cannot draw", () => {
    const actuals = Actuals.fromCsv(plan, csv);
    const result = evaluate(plan, actuals, { as_of: "2026-06-30" });
    assert.throws(() => chartBurnUp(plan, result, { kpi: "K-NOPE" }), isError("invalid_argument"));
    assert.throws(() => chartKpiBullets(plan, result, { node: "region=mars" }), isError("invalid_argument"));
    assert.throws(() => chartKpiBullets(plan, result, { lang: "fr" }), isError("invalid_argument"));
    assert.throws(() => chartKpiBullets(plan, result, { colour: "red" }), isError("invalid_argument"));
    assert.throws(() => chartGantt(plan, {}), isError("invalid_argument"));
    assert.throws(() => chartRiskHeatmap({ risks: 3 }), (e) => e.name === "SalesplanError");
    result.free();
    actuals.free();
  });
});
