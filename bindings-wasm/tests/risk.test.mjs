// riskRegister and simulate: the risk conformance suite (tests/risk/ at the
// repository root, format in core/tests/risks.rs), byte for byte after
// normalisation, and the contract of both exports.
//
// The cases write the simulation options as the core does (`as_of`); they
// are given to `simulate` in its camelCase (`asOf`), and an error about the
// options names them as JavaScript does, so the expected message of such an
// error is compared with its option names respelled the same way (and
// nothing else changed).
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";

import {
  Actuals,
  evaluate,
  examplePlan,
  examplePlanJson,
  loadActuals,
  riskRegister,
  simulate,
} from "salesplan";

import { evaluationsDir, normalise, riskDir, thrown } from "./helpers.mjs";

const read = (path) => readFileSync(path, "utf8");

/** `as_of` → `asOf`. */
const camelCase = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

/** The JavaScript names of the options, as the error for an unknown one lists them. */
function optionNames() {
  const error = thrown(() => simulate(examplePlanJson(), null, [], { as_of: "2026-06-30", "?": 0 }));
  return [...error.message.matchAll(/`([^`]*)`/g)].map((m) => m[1]).slice(1);
}

/** A core message about the options with their JavaScript names: `as_of` → `asOf`, `/as_of:` → `/as_of:`. */
function respell(message) {
  let out = message;
  for (const js of optionNames()) {
    const core = js.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    if (core === js) continue;
    out = out.replaceAll(`\`${core}\``, `\`${js}\``);
    if (out.startsWith(`/${core}:`) || out.startsWith(`/${core}/`)) out = `/${js}${out.slice(core.length + 1)}`;
  }
  return out;
}

/** What every binding produces for one case, as `core/tests/risks.rs` runs it. */
function run(directory, input) {
  const planPath = join(directory, "plan.json");
  const plan = existsSync(planPath) ? read(planPath) : examplePlanJson();
  const actuals = input.actuals ? Actuals.fromCsv(plan, read(join(directory, input.actuals))) : null;
  try {
    if (input.operation === "register") {
      let evaluation;
      if (input.evaluation) {
        const source = actuals ?? loadActuals(plan, []);
        evaluation = evaluate(plan, source, { as_of: input.evaluation.as_of }).toJSON();
      }
      return { result: riskRegister(plan, evaluation) };
    }
    assert.equal(input.operation, "simulate", `unknown operation ${input.operation}`);
    const pipeline =
      typeof input.pipeline === "string" ? JSON.parse(read(join(directory, input.pipeline))) : input.pipeline;
    const options = Object.fromEntries(Object.entries(input.options ?? {}).map(([k, v]) => [camelCase(k), v]));
    return { result: simulate(plan, actuals, pipeline, options) };
  } catch (error) {
    if (error?.name !== "SalesplanError") throw error;
    return { error: { code: error.code, message: error.message } };
  } finally {
    actuals?.free();
  }
}

const cases = existsSync(riskDir)
  ? readdirSync(riskDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(riskDir, entry.name, "input.json")))
      .map((entry) => entry.name)
      .sort()
  : [];

describe("risk conformance", () => {
  it("has the seven cases", () => {
    assert.ok(cases.length >= 7, `no risk cases in ${riskDir}`);
  });

  for (const name of cases) {
    it(name, () => {
      const directory = join(riskDir, name);
      const input = JSON.parse(read(join(directory, "input.json")));
      const expected = JSON.parse(read(join(directory, "expected.json")));
      const optionsError = input.operation === "simulate" && expected.error?.message.startsWith("/");
      if (optionsError) expected.error.message = respell(expected.error.message);
      const text = optionsError ? normalise(expected) : read(join(directory, "expected.json"));
      assert.equal(normalise(run(directory, input)), text);
    });
  }
});

const CASE = join(evaluationsDir, "case-study");
const plan = examplePlan();
const actuals = loadActuals(plan, read(join(CASE, "actuals.csv")));
const pipeline = () => JSON.parse(read(join(CASE, "pipeline.json")));
const evaluation = evaluate(plan, actuals, { as_of: "2026-06-30" }).toJSON();
after(() => actuals.free());

describe("riskRegister", () => {
  it("scores the register as planned without an evaluation", () => {
    const register = riskRegister(plan);
    assert.equal(register.as_of, null);
    assert.deepEqual(
      register.risks.map((r) => [r.risk, r.inherent.score, r.inherent.level]),
      [
        ["R-MARKET", 12, "high"],
        ["R-CHURN", 12, "high"],
        ["R-EXEC", 9, "medium"],
        ["R-FIN", 6, "medium"],
      ],
    );
    assert.deepEqual(register.moves, []);
    assert.ok(register.risks.every((r) => r.indicators.every((i) => i.value === null && !i.breached)));
    assert.equal(register.totals.exposure, "6700000.00");
    assert.deepEqual(riskRegister(plan, null), register);
    assert.deepEqual(riskRegister(examplePlanJson()), register);
  });

  it("moves R-CHURN by K-CONV at mid-year", () => {
    const register = riskRegister(plan, evaluation);
    assert.equal(register.as_of, "2026-06-30");
    assert.equal(register.moves.length, 1);
    const [move] = register.moves;
    assert.equal(move.risk, "R-CHURN");
    assert.deepEqual(move.kpis, ["K-CONV"]);
    assert.deepEqual([move.from_likelihood, move.to_likelihood], [4, 5]);
    const churn = register.risks.find((r) => r.risk === "R-CHURN");
    assert.deepEqual(churn.planned, { likelihood: 4, impact: 3, score: 12, level: "high" });
    assert.deepEqual(churn.inherent, { likelihood: 5, impact: 3, score: 15, level: "high" });
    const conversion = churn.indicators.find((i) => i.kpi === "K-CONV");
    assert.equal(conversion.breached, true);
    assert.equal(conversion.value, evaluation.kpis.find((k) => k.kpi === "K-CONV" && k.node === "").attainment);
  });

  it("reads the evaluation back as plain data", () => {
    const copy = JSON.parse(JSON.stringify(evaluation));
    assert.deepEqual(riskRegister(plan, copy), riskRegister(plan, evaluation));
    const register = riskRegister(plan, evaluation);
    assert.deepEqual(JSON.parse(JSON.stringify(register)), register);
  });

  it("refuses what is not an evaluation", () => {
    for (const bad of [{}, { as_of: "30/06/2026", kpis: [], gaps: [] }, "2026-06-30"]) {
      const error = thrown(() => riskRegister(plan, bad));
      assert.equal(error.name, "SalesplanError");
      assert.equal(error.code, "invalid_argument");
      assert.match(error.message, /^invalid argument evaluation: /);
    }
  });
});

describe("simulate", () => {
  const MID_YEAR = { as_of: "2026-06-30", trials: 2000, seed: 2026 };
  const small = [
    { id: "S-1", amount: "3000000.00", probability: "0.5", expected_close: "2026-08-31" },
    { id: "S-2", amount: "2000000.00", probability: "0.8", expected_close: "2026-09-30" },
  ];

  it("gives the chance of reaching the revenue goal at mid-year", () => {
    const simulation = simulate(plan, actuals, pipeline(), MID_YEAR);
    assert.equal(simulation.goal, "G-REV");
    assert.equal(simulation.closed, "51216000.00");
    assert.equal(simulation.trials, 2000);
    assert.equal(simulation.seed, 2026);
    assert.equal(simulation.pipeline.deals, 10);
    assert.equal(typeof simulation.new_business.expected_deals, "string");
    const p = Number(simulation.probability);
    assert.ok(p > 0 && p < 1, simulation.probability);
    assert.ok(Number(simulation.p10) < Number(simulation.p50) && Number(simulation.p50) < Number(simulation.p90));
    assert.equal(
      simulation.histogram.reduce((sum, bin) => sum + bin.count, 0),
      2000,
    );
    assert.deepEqual(JSON.parse(JSON.stringify(simulation)), simulation);
  });

  it("gives the same numbers for the same seed, and others for another", () => {
    const first = simulate(plan, actuals, pipeline(), MID_YEAR);
    assert.deepEqual(simulate(examplePlanJson(), actuals, pipeline(), MID_YEAR), first);
    assert.deepEqual(simulate(plan, actuals, pipeline(), { ...MID_YEAR, threads: 8 }), first);
    assert.notEqual(simulate(plan, actuals, pipeline(), { ...MID_YEAR, seed: 7 }).mean, first.mean);
  });

  it("runs on the pipeline alone, with null or empty actuals", () => {
    const options = { as_of: "2026-06-30", target: "4000000", new_business: "none", trials: 4000, seed: 1 };
    const simulation = simulate(plan, null, small, options);
    assert.equal(simulation.closed, "0.00");
    assert.equal(simulation.new_business, null);
    assert.equal(simulation.target, "4000000.00");
    // Reached only when both are won: 0.5 × 0.8.
    assert.equal(simulation.exact_probability, "0.400000");
    assert.deepEqual(simulate(plan, undefined, small, options), simulation);
    const none = loadActuals(plan, []);
    assert.deepEqual(simulate(plan, none, small, options), simulation);
    none.free();
    const empty = simulate(plan, null, null, options);
    assert.equal(empty.pipeline.deals, 0);
    assert.equal(empty.probability, "0.000000");
    assert.deepEqual(simulate(plan, null, [], options), empty);
  });

  it("leaves the actuals usable", () => {
    simulate(plan, actuals, [], { ...MID_YEAR, trials: 10 });
    assert.equal(actuals.length, 300);
  });

  it("refuses bad options with a code and a path", () => {
    const cases = [
      [{ ...MID_YEAR, trails: 10 }, "unknown_field", "/trails", /^\/trails: unknown field `trails`, expected one of `as_of`, /],
      [{ trials: 10 }, "missing_field", "/as_of", /^\/as_of: missing field `as_of`$/],
      [undefined, "missing_field", "/as_of", /^\/as_of: missing field `as_of`$/],
      [{ as_of: "30/06/2026" }, "invalid_value", "/as_of", /^\/as_of: invalid date "30\/06\/2026"/],
      // The camelCase spelling of earlier releases is read as the same key.
      [{ asOf: "30/06/2026" }, "invalid_value", "/as_of", /^\/as_of: invalid date "30\/06\/2026"/],
      [{ ...MID_YEAR, seed: 1.5 }, "invalid_type", "/seed", /^\/seed: invalid type: floating point `1.5`/],
      [{ ...MID_YEAR, new_business: "maybe" }, "invalid_value", "/new_business", /unknown variant `maybe`, expected `fit` or `none`$/],
      [{ ...MID_YEAR, net_of_pipeline: "yes" }, "invalid_type", "/net_of_pipeline", /^\/net_of_pipeline: invalid type/],
      [{ ...MID_YEAR, trials: 0 }, "invalid_argument", null, /^invalid argument trials: 0 is not between 1 and 10000000$/],
      [{ ...MID_YEAR, seed: 2 ** 53 }, "invalid_argument", null, /^invalid argument seed: 9007199254740992 is above 9007199254740991$/],
      [{ ...MID_YEAR, goal: "G-NOPE" }, "invalid_argument", null, /^invalid argument goal: the plan has no goal G-NOPE$/],
      [{ as_of: "2025-12-31" }, "invalid_argument", null, /^invalid argument as_of: 2025-12-31 is outside the plan/],
      ["2026-06-30", "invalid_argument", null, /^invalid argument options: expected an object, found string$/],
    ];
    for (const [options, code, path, message] of cases) {
      const error = thrown(() => simulate(plan, actuals, [], options));
      assert.ok(error instanceof Error);
      assert.equal(error.name, "SalesplanError");
      assert.deepEqual([error.code, error.path], [code, path], error.message);
      assert.match(error.message, message);
    }
  });

  it("refuses a bad pipeline with the deal's path", () => {
    const deals = pipeline();
    deals[1].amount = 4500000;
    const error = thrown(() => simulate(plan, actuals, deals, MID_YEAR));
    assert.deepEqual([error.code, error.path], ["invalid_type", "/1/amount"]);
    const ranged = [{ ...small[0], amount_low: "3500000.00", amount_high: "4000000.00" }];
    const range = thrown(() => simulate(plan, actuals, ranged, MID_YEAR));
    assert.equal(range.code, "invalid_argument");
    assert.match(range.message, /^invalid argument \/0\/amount_low: deal S-1 needs 0 ≤ amount_low ≤ amount ≤ amount_high$/);
    assert.equal(thrown(() => simulate(plan, actuals, { id: "D" }, MID_YEAR)).code, "invalid_type");
  });

  it("needs an Actuals object or null", () => {
    for (const bad of [actuals.toRecords(), "date,measure,value\n", 7]) {
      const error = thrown(() => simulate(plan, bad, [], MID_YEAR));
      assert.equal(error.code, "invalid_argument");
      assert.match(error.message, /^invalid argument actuals: expected an Actuals object or null, found /);
    }
  });
});
