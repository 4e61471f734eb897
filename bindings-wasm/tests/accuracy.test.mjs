// accuracy and snapshot: the accuracy conformance suite (tests/accuracy/ at
// the repository root, format in tests/README.md) byte for byte after
// normalisation, the ways a history can be given, and bad input.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

import { accuracy, evaluate, examplePlanJson, loadActuals, simulate, snapshot } from "salesplan";

import { evaluationsDir, normalise, thrown } from "./helpers.mjs";

const accuracyDir = fileURLToPath(new URL("../../tests/accuracy/", import.meta.url));
const read = (path) => readFileSync(path, "utf8");
const cases = readdirSync(accuracyDir)
  .filter((name) => existsSync(join(accuracyDir, name, "input.json")))
  .sort();

function run(folder, input) {
  const plan = examplePlanJson();
  const actuals = loadActuals(plan, read(join(folder, input.actuals)));
  const closing = evaluate(plan, actuals, { as_of: input.close, hierarchy: input.hierarchy }).toJSON();
  try {
    return { result: accuracy(plan, read(join(folder, input.history)), closing) };
  } catch (e) {
    if (e.name !== "SalesplanError") throw e;
    return { error: { code: e.code, path: e.path, message: e.message } };
  }
}

describe("accuracy conformance", () => {
  it("has the cases", () => assert.ok(cases.length >= 6, `found ${cases.length}`));
  for (const name of cases) {
    it(name, () => {
      const folder = join(accuracyDir, name);
      const input = JSON.parse(read(join(folder, "input.json")));
      assert.equal(normalise(run(folder, input)), read(join(folder, "expected.json")));
    });
  }
});

describe("accuracy and snapshot", () => {
  const plan = examplePlanJson();
  const actuals = loadActuals(plan, read(join(evaluationsDir, "case-study", "actuals.csv")));
  const closing = evaluate(plan, actuals, { as_of: "2026-12-31" }).toJSON();

  it("reads a history as text, an array or a document alike", () => {
    const text = read(join(accuracyDir, "simulated", "history.json"));
    const document = JSON.parse(text);
    const lines = document.snapshots.map((s) => JSON.stringify(s)).join("\n") + "\n";
    const expected = JSON.stringify(accuracy(plan, text, closing));
    assert.equal(JSON.stringify(accuracy(plan, document, closing)), expected);
    assert.equal(JSON.stringify(accuracy(plan, document.snapshots, closing)), expected);
    assert.equal(JSON.stringify(accuracy(plan, lines, closing)), expected);
  });

  it("makes snapshots that score, with the simulation's percentiles", () => {
    const history = ["2026-03-31", "2026-06-30", "2026-09-30"].map((asOf) => {
      const evaluation = evaluate(plan, actuals, { as_of: asOf }).toJSON();
      const simulation = simulate(plan, actuals, null, { as_of: asOf, trials: 500, seed: 7 });
      const kept = snapshot(plan, evaluation, simulation);
      assert.equal(kept.as_of, asOf);
      assert.deepEqual(kept.simulations[0], { kpi: "K-REV", node: "", p10: simulation.p10, p50: simulation.p50, p90: simulation.p90 });
      return JSON.stringify(kept) + "\n";
    });
    const result = accuracy(plan, history.join(""), closing);
    const revenue = result.series[0];
    assert.deepEqual(revenue.methods.map((m) => m.method), ["run_rate", "trend", "simulation_p50"]);
    assert.equal(revenue.coverage.count, 3);
    const steps = revenue.methods[0].waterfall;
    assert.equal(steps.at(-1).kind, "actual");
    assert.equal(steps.at(-1).value, revenue.actual);
    assert.equal(snapshot(plan, evaluate(plan, actuals, { as_of: "2026-03-31" }).toJSON()).simulations, undefined);
  });

  it("refuses bad histories with typed errors and paths", () => {
    const day = { as_of: "2026-06-30", evaluation: { as_of: "2026-06-30", kpis: [], gaps: [] } };
    let e = thrown(() => accuracy(plan, [day, day], closing));
    assert.equal(e.name, "SalesplanError");
    assert.deepEqual([e.code, e.path], ["invalid_argument", "/snapshots/1/as_of"]);
    e = thrown(() => accuracy(plan, '{"as_of": "2026-03-31", "evaluation": {"as_of": 7, "kpis": [], "gaps": []}}', closing));
    assert.deepEqual([e.code, e.path], ["invalid_type", "/snapshots/0/evaluation/as_of"]);
    assert.match(e.message, /line 1: /);
    e = thrown(() => accuracy(plan, '{"snapshots": [', closing));
    assert.equal(e.code, "syntax");
    e = thrown(() => accuracy(plan, [day], { as_of: "2026-12-31" }));
    assert.deepEqual([e.name, e.code], ["SalesplanError", "invalid_argument"]);
    e = thrown(() => accuracy(plan, undefined, closing));
    assert.deepEqual([e.name, e.code], ["SalesplanError", "invalid_argument"]);
    const march = evaluate(plan, actuals, { as_of: "2026-06-30" }).toJSON();
    const early = simulate(plan, actuals, null, { as_of: "2026-03-31", trials: 100 });
    e = thrown(() => snapshot(plan, march, early));
    assert.deepEqual([e.name, e.code], ["SalesplanError", "invalid_argument"]);
  });
});
