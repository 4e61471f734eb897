// monitor: the monitoring conformance suite (tests/monitoring/ at the
// repository root, format in tests/README.md), byte for byte after
// normalisation, and the contract of the export.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

import { RuleSet, evaluate, examplePlan, loadActuals, monitor, propose, riskRegister } from "salesplan";

import { evaluationsDir, monitoringDir, normalise, thrown } from "./helpers.mjs";

const read = (path) => readFileSync(path, "utf8");
const study = join(evaluationsDir, "case-study");

function runCase(dir) {
  const input = JSON.parse(read(join(dir, "input.json")));
  const plan = examplePlan();
  plan.rules = plan.rules.concat(input.rules ?? []);
  const actuals = loadActuals(plan, read(join(dir, input.actuals)));
  const evaluation = evaluate(plan, actuals, { as_of: input.as_of });
  let monitored;
  try {
    monitored = monitor(plan, evaluation, {
      updates: input.updates ? read(join(dir, input.updates)) : undefined,
      resources: input.resources ? read(join(dir, input.resources)) : undefined,
      accuracy: input.accuracy ? read(join(dir, input.accuracy)) : undefined,
    });
  } catch (error) {
    return { error: { code: error.code, path: error.path, message: error.message } };
  }
  const register = riskRegister(plan, monitored);
  const out = { monitoring: monitored.monitoring, moves: register.moves };
  if (input.rules) {
    const rules = new RuleSet(plan);
    out.facts = rules.factsOf(monitored);
    rules.free();
    out.proposed = propose(plan, monitored).proposals.map((p) => p.rule);
  }
  return out;
}

describe("monitoring conformance", () => {
  const names = readdirSync(monitoringDir).filter((n) => existsSync(join(monitoringDir, n, "input.json")));
  it("has cases", () => assert.ok(names.length >= 5));
  for (const name of names.sort()) {
    it(name, () => {
      const expected = read(join(monitoringDir, name, "expected.json"));
      assert.equal(normalise(runCase(join(monitoringDir, name))), expected);
    });
  }
});

describe("monitor", () => {
  const plan = examplePlan();
  const actuals = loadActuals(plan, read(join(study, "actuals.csv")));

  it("takes updates as objects and a plain evaluation, and the signals fire", () => {
    const evaluation = evaluate(plan, actuals, { as_of: "2026-06-30" }).toJSON();
    const monitored = monitor(plan, evaluation, {
      updates: [{ date: "2026-05-15", task: "T-05", status: "done" }],
      resources: read(join(study, "resources.csv")),
    });
    const m = monitored.monitoring;
    assert.equal(m.execution.tasks.find((t) => t.task === "T-05").slip_days, 15);
    assert.equal(m.budget.lines.find((l) => l.id === "B-PROMO").burn, "1.2500");
    assert.equal(monitored.toJSON().monitoring.as_of, "2026-06-30");
    const moved = riskRegister(plan, monitored).moves.map((mv) => mv.risk);
    assert.ok(moved.includes("R-EXEC") && moved.includes("R-FIN"), moved.join());
    monitored.free();
  });

  it("leaves an evaluation without monitoring as it was", () => {
    const evaluation = evaluate(plan, actuals, { as_of: "2026-06-30" });
    assert.equal(evaluation.monitoring, null);
    evaluation.free();
  });

  it("refuses bad input with a typed error and its path", () => {
    const evaluation = evaluate(plan, actuals, { as_of: "2026-06-30" }).toJSON();
    let e = thrown(() => monitor(plan, evaluation, { updates: [{ date: "2026-05-01", task: "T-99" }] }));
    assert.equal(e.code, "invalid_value");
    assert.equal(e.path, "/0/task");
    e = thrown(() => monitor(plan, evaluation, { updates: "date,task,progress\n2026-05-01,T-05,1.5\n" }));
    assert.equal(e.path, "/0/progress");
    e = thrown(() => monitor(plan, evaluation, { resources: "date,measure,value,budget_line\n2026-05-01,spend,5,B-NONE\n" }));
    assert.equal(e.code, "invalid_actuals");
    e = thrown(() => monitor(plan, evaluation, { update: [] }));
    assert.equal(e.code, "invalid_argument");
    e = thrown(() => monitor(plan, { as_of: "2026-06-30" }, {}));
    assert.equal(e.code, "invalid_argument");
  });
});
