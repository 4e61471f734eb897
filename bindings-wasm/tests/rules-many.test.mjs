// RuleSet: a plan's rules over many contexts at once (the core's
// RuleSet::evaluate_many) give the answers of the one-context path
// (RuleSet::evaluate) for the same facts, and the answers the shared case
// tests/rules-many/case.json lists (written from the Python bindings).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";

import { RuleSet, evaluate, examplePlan, loadActuals, propose } from "salesplan";

import { evaluationsDir, thrown } from "./helpers.mjs";

const CASE = JSON.parse(readFileSync(new URL("../../tests/rules-many/case.json", import.meta.url), "utf8"));
const caseStudy = examplePlan();

function planWith(rules) {
  const plan = structuredClone(caseStudy);
  const template = plan.rules[0];
  plan.rules = rules.map((r) => ({ ...template, id: r.id, name: r.id, when: r.when, actions: [{ type: "recommend", message: "m" }] }));
  return plan;
}

const rules = new RuleSet(planWith(CASE.rules));
after(() => rules.free());

/** The rule ids of each row of a FiredRules. */
function names({ rules: ids, contexts, fired }) {
  assert.equal(fired.length, contexts * ids.length);
  return Array.from({ length: contexts }, (_, c) => ids.filter((_, r) => fired[c * ids.length + r] === 1));
}

/** The case's columns: number facts as Float64Arrays (NaN for null), texts as they are. */
function floatColumns() {
  const kinds = rules.factKinds;
  return Object.fromEntries(
    rules.facts.map((fact, i) => {
      const column = CASE.columns[fact];
      return [fact, kinds[i] === "number" ? Float64Array.from(column, (v) => (v === null ? NaN : v)) : column];
    }),
  );
}

describe("RuleSet", () => {
  it("lists the rules and the facts they read", () => {
    assert.deepEqual(rules.ids, CASE.rules.map((r) => r.id));
    assert.deepEqual(rules.facts, Object.keys(CASE.columns));
    assert.deepEqual(rules.enabled, CASE.rules.map(() => true));
    assert.ok(rules.factKinds.every((k) => k === "number" || k === "text"));
  });

  it("gives the shared case's answers one context at a time", () => {
    const columns = CASE.columns;
    CASE.expected.forEach((expected, i) => {
      const context = Object.fromEntries(rules.facts.map((fact) => [fact, columns[fact][i]]));
      assert.deepEqual(rules.evaluate(context), expected, `context ${i}`);
      // Numbers as the decimal strings String(x) prints: the same facts.
      const exact = Object.fromEntries(
        Object.entries(context).map(([fact, v]) => [fact, typeof v === "number" ? String(v).includes("e") ? v : String(v) : v]),
      );
      assert.deepEqual(rules.evaluate(exact), expected, `context ${i} as text`);
    });
  });

  it("gives them over Float64Array columns", () => {
    const result = rules.evaluateMany(floatColumns());
    assert.ok(result.fired instanceof Uint8Array);
    assert.equal(result.contexts, CASE.expected.length);
    assert.deepEqual(result.rules, rules.ids);
    assert.deepEqual(names(result), CASE.expected);
  });

  it("gives them over arrays of numbers, decimal strings and nulls", () => {
    assert.deepEqual(names(rules.evaluateMany(CASE.columns)), CASE.expected);
    const withExtra = { ...floatColumns(), unused: ["anything"] };
    assert.deepEqual(names(rules.evaluateMany(withExtra)), CASE.expected);
  });

  it("runs more contexts than one block, as one by one", () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const n = 9000;
    const picks = Array.from({ length: n }, () => next() % CASE.expected.length);
    const columns = Object.fromEntries(rules.facts.map((fact) => [fact, picks.map((p) => CASE.columns[fact][p])]));
    const rows = names(rules.evaluateMany(columns));
    assert.equal(rows.length, n);
    rows.forEach((row, i) => assert.deepEqual(row, CASE.expected[picks[i]]));
    assert.deepEqual(names(rules.evaluateMany(Object.fromEntries(rules.facts.map((f) => [f, []])))), []);
  });

  it("reads a number as the shortest decimal that gives it back", () => {
    const set = new RuleSet(planWith([{ id: "R", when: 'kpi("K-CONV").attainment < 0.7' }]));
    const [fact] = set.facts;
    const values = [0.7, 0.6999999999999998, 0.1 + 0.6, NaN, Infinity, 1e-30];
    const { fired } = set.evaluateMany({ [fact]: Float64Array.from(values) });
    assert.deepEqual([...fired], [0, 1, 0, 0, 0, 1]);
    assert.deepEqual(values.map((v) => set.evaluate({ [fact]: v }).length), [...fired]);
    assert.deepEqual(set.evaluate({ [fact]: "0.69" }), ["R"]);
    assert.deepEqual(set.evaluate({}), []);
    set.free();
  });

  it("reads the facts of an evaluation as propose does", () => {
    const plan = examplePlan();
    const set = new RuleSet(plan);
    const actuals = loadActuals(plan, readFileSync(join(evaluationsDir, "case-study", "actuals.csv"), "utf8"));
    const contexts = [];
    for (let month = 1; month <= 12; month++) {
      const asOf = `2026-${String(month).padStart(2, "0")}-28`;
      const result = evaluate(plan, actuals, { as_of: asOf });
      const facts = set.factsOf(result);
      contexts.push(facts);
      const proposed = propose(plan, result.toJSON()).proposals.map((p) => p.rule);
      assert.deepEqual(set.evaluate(facts).sort(), proposed.sort(), asOf);
      result.free();
    }
    const columns = Object.fromEntries(set.facts.map((f) => [f, contexts.map((c) => c[f])]));
    assert.deepEqual(names(set.evaluateMany(columns)), contexts.map((c) => set.evaluate(c)));
    assert.ok(contexts.some((c) => set.evaluate(c).length > 0));
    actuals.free();
    set.free();
  });

  it("refuses what it cannot read", () => {
    const columns = floatColumns();
    const [first] = rules.facts;
    const last = rules.facts[rules.facts.length - 1];
    const { [first]: _, ...missing } = columns;
    let error = thrown(() => rules.evaluateMany(missing));
    assert.equal(error.code, "invalid_argument");
    assert.match(error.message, /no column kpi\("K-CONV"\)\.attainment/);
    error = thrown(() => rules.evaluateMany({ ...columns, [last]: columns[last].slice(0, 3) }));
    assert.match(error.message, /has 3 values; the others 400/);
    const status = rules.facts.find((_, i) => rules.factKinds[i] === "text");
    error = thrown(() => rules.evaluateMany({ ...columns, [status]: CASE.expected.map(() => "late") }));
    assert.match(error.message, /"late" is not one of on_track, at_risk, off_track/);
    error = thrown(() => rules.evaluateMany({ ...columns, [status]: new Float64Array(400) }));
    assert.match(error.message, /is a text fact/);
    error = thrown(() => rules.evaluate({ [first]: "1e3" }));
    assert.match(error.message, /"1e3" is not a decimal number/);
    error = thrown(() => rules.evaluate({ [first]: true }));
    assert.match(error.message, /expected a number, a decimal string or null, found boolean/);
    error = thrown(() => new RuleSet(planWith([{ id: "R", when: 'kpi("K-NOPE").actual > 1' }])));
    assert.equal(error.code, "invalid_argument");
    assert.match(error.message, /^invalid argument \/rules\/0\/when: rule R, column 1: the plan has no KPI "K-NOPE"/);
  });
});
