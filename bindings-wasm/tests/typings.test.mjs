// The hand-written TypeScript declarations (src/typings.d.ts) must not drift
// from the Rust model: every object and string enum of the plan's JSON
// Schema has a declaration here with the same field names, the same optional
// fields and the same values; and every output (evaluation, actuals,
// allocations, funnels) has exactly the fields its interface declares.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

import {
  cascade,
  decomposeGap,
  evaluatePlan,
  examplePlan,
  loadActuals,
  phaseGoal,
  planSchema,
  reverseFunnel,
  scorecards,
  unitEconomics,
} from "salesplan";

import { evaluationsDir, packageDir } from "./helpers.mjs";

const source = readFileSync(join(packageDir, "src", "typings.d.ts"), "utf8");
const schema = planSchema();
const defs = schema.$defs;

/** `export interface Name { field?: T; ... }` → Map(name → Map(field → optional)). */
function interfaces(text) {
  const found = new Map();
  for (const [, name, body] of text.matchAll(/^export interface (\w+)(?: extends \w+)? \{\n([\s\S]*?)^\}/gm)) {
    const fields = new Map();
    for (const [, field, optional] of body.matchAll(/^ {2}([\w$]+)(\?)?:/gm)) fields.set(field, optional === "?");
    found.set(name, fields);
  }
  return found;
}

/** `export type Name = "a" | "b";` → Map(name → sorted values). */
function stringUnions(text) {
  const found = new Map();
  for (const [, name, body] of text.matchAll(/^export type (\w+) =([^;]*);/gm)) {
    const values = [...body.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
    if (values.length > 0 && /^[\s|"\w]*$/.test(body)) found.set(name, values.sort());
  }
  return found;
}

/** The fields of an object schema: Map(field → optional). */
function schemaFields(def) {
  const required = new Set(def.required ?? []);
  return new Map(Object.keys(def.properties).map((field) => [field, !required.has(field)]));
}

const sorted = (map) => Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)));
const declared = interfaces(source);
const unions = stringUnions(source);

describe("typings.d.ts against the plan schema", () => {
  it("PlanDocument has the top-level fields", () => {
    assert.deepEqual(sorted(declared.get("PlanDocument")), sorted(schemaFields(schema)));
  });

  for (const [name, def] of Object.entries(defs)) {
    if (def.properties) {
      it(`interface ${name}`, () => {
        assert.ok(declared.has(name), `no interface ${name} in src/typings.d.ts`);
        assert.deepEqual(sorted(declared.get(name)), sorted(schemaFields(def)));
      });
    } else if (def.oneOf?.every((variant) => typeof variant.const === "string")) {
      it(`type ${name}`, () => {
        assert.ok(unions.has(name), `no type ${name} in src/typings.d.ts`);
        assert.deepEqual(unions.get(name), def.oneOf.map((variant) => variant.const).sort());
      });
    }
  }

  it("type Action has one variant per action, with its fields", () => {
    const body = /^export type Action =([\s\S]*?);$/m.exec(source)?.[1] ?? "";
    const variants = new Map();
    for (const [, fields] of body.matchAll(/\{([^}]*)\}/g)) {
      const map = new Map([...fields.matchAll(/(\w+)(\?)?:/g)].map(([, f, o]) => [f, o === "?"]));
      variants.set(/type: "(\w+)"/.exec(fields)[1], sorted(map));
    }
    const expected = new Map(defs.Action.oneOf.map((v) => [v.properties.type.const, sorted(schemaFields(v))]));
    assert.deepEqual(sorted(variants), sorted(expected));
  });
});

/** One of each output, with every optional part present somewhere. */
function outputs() {
  const plan = examplePlan();
  const read = (file) => readFileSync(join(evaluationsDir, "case-study", file), "utf8");
  const actuals = loadActuals(plan, read("actuals.csv"));
  const regions = { id: "company", children: ["east", "west", "north"].map((r) => ({ id: `region=${r}` })) };
  const evaluation = evaluatePlan(plan, actuals, {
    asOf: "2026-12-31",
    hierarchy: ["region"],
    pipeline: JSON.parse(read("pipeline.json")),
    cascade: regions,
  });
  const tree = { id: "CO", children: [{ id: "A", submitted: "1", children: [{ id: "A1" }] }, { id: "B" }] };
  const walk = (node) => [node, ...(node.children ?? []).flatMap(walk)];
  const funnel = { leads: 100, won: 10, revenue: 1000 };
  const rubric = { criterion: "Coaching", score: 4, reviewer: "CEO", node: "region=mars" };
  const cards = scorecards(plan, actuals, { asOf: "2026-06-30", hierarchy: ["region"] }, [rubric]);
  const samples = {
    Evaluation: [evaluation],
    KpiResult: evaluation.kpis,
    PeriodResult: evaluation.kpis.flatMap((k) => k.periods),
    NodeGap: evaluation.gaps,
    Observation: actuals.toRecords(),
    RowProblem: loadActuals(plan, "date,measure,value\n2026-01-01,revenue,x\n", { lenient: true }).problems,
    PeriodTarget: phaseGoal(plan, "G-REV"),
    Allocation: walk(cascade(100, tree)),
    GapEffects: [decomposeGap(funnel, funnel)],
    ReverseFunnel: [reverseFunnel(100, 10, "0.5", "0.5")],
    UnitEconomics: [unitEconomics(100, 10, 100, "0.5", "0.5")],
    Scorecard: cards,
    ScoreLine: cards.flatMap((card) => card.lines),
  };
  actuals.free();
  return samples;
}

describe("typings.d.ts against the outputs", () => {
  for (const [name, samples] of Object.entries(outputs())) {
    it(`interface ${name}`, () => {
      assert.ok(declared.has(name), `no interface ${name} in src/typings.d.ts`);
      assert.ok(samples.length > 0, `no sample of ${name}`);
      const fields = declared.get(name);
      const seen = new Set(samples.flatMap((sample) => Object.keys(sample)));
      assert.deepEqual([...seen].sort(), [...fields.keys()].sort());
      for (const [field, optional] of fields) {
        if (!optional) assert.ok(samples.every((sample) => field in sample), `${name}.${field} is not always there`);
        else assert.ok(samples.some((sample) => !(field in sample)), `${name}.${field} is always there: not optional`);
      }
    });
  }
});
