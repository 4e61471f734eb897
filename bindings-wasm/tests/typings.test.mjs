// The hand-written TypeScript declarations (src/typings.d.ts) must not drift
// from the Rust model: every object and string enum of the plan's JSON
// Schema has a declaration here with the same field names, the same optional
// fields and the same values; every output (evaluation, actuals,
// allocations, funnels, risk register, simulation, proposals, revisions,
// the history, replays, scenarios) has exactly the fields its interface
// declares; and the inputs the schema does not cover (deals, options,
// changes, accepted proposals, scenarios, patch operations) have the fields
// and required fields the core reads.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

import {
  History,
  apply,
  cascade,
  decomposeGap,
  edit,
  evaluate,
  examplePlan,
  loadActuals,
  monitor,
  phaseGoal,
  planSchema,
  propose,
  replay,
  reverseFunnel,
  riskRegister,
  scenarios,
  scorecards,
  simulate,
  unitEconomics,
} from "salesplan";

import { evaluationsDir, monitoringDir, packageDir, thrown } from "./helpers.mjs";

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
    if (values.length > 0 && /^[\s|"\w-]*$/.test(body)) found.set(name, values.sort());
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
  const evaluation = evaluate(plan, actuals, {
    as_of: "2026-12-31",
    hierarchy: ["region"],
    pipeline: JSON.parse(read("pipeline.json")),
    cascade: regions,
  }).toJSON();
  const tree = { id: "CO", children: [{ id: "A", submitted: "1", children: [{ id: "A1" }] }, { id: "B" }] };
  const walk = (node) => [node, ...(node.children ?? []).flatMap(walk)];
  const funnel = { leads: 100, won: 10, revenue: 1000 };
  const rubric = { criterion: "Coaching", score: 4, reviewer: "CEO", node: "region=mars" };
  const cards = scorecards(plan, actuals, { as_of: "2026-06-30", hierarchy: ["region"] }, [rubric]);
  const monitored = monitor(plan, evaluate(plan, actuals, { as_of: "2026-06-30" }).toJSON(), {
    updates: read("updates.csv"),
    resources: read("resources.csv"),
    accuracy: readFileSync(join(monitoringDir, "case-study-midyear", "accuracy.json"), "utf8"),
  });
  const watched = monitored.toJSON();
  const m = watched.monitoring;
  const bare = monitor(plan, watched, { updates: read("updates.csv") });
  const tasksOnly = bare.toJSON().monitoring;
  bare.free();
  const samples = {
    Evaluation: [evaluation, watched],
    Monitoring: [m, tasksOnly],
    ExecutionTracking: [m.execution],
    TaskTracking: m.execution.tasks,
    MilestoneTracking: m.execution.milestones,
    BudgetBurn: [m.budget],
    BudgetLineBurn: m.budget.lines,
    BudgetTotals: [m.budget.total],
    CapacityActuals: [m.capacity],
    HeadcountActuals: m.capacity.lines,
    StrategyEffects: m.strategies,
    EffectCheck: m.strategies.flatMap((s) => s.effects),
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
    ...riskOutputs(plan, actuals, monitored),
    ...adjustOutputs(plan, actuals),
  };
  actuals.free();
  monitored.free();
  return samples;
}

/** The risk register (planned, at mid-year, and at mid-year monitored) and simulations (with and without new business). */
function riskOutputs(plan, actuals, monitored) {
  const midYear = evaluate(plan, actuals, { as_of: "2026-06-30" }).toJSON();
  const registers = [riskRegister(plan), riskRegister(plan, midYear), riskRegister(plan, monitored)];
  const risks = registers.flatMap((r) => r.risks);
  const deals = JSON.parse(readFileSync(join(evaluationsDir, "case-study", "pipeline.json"), "utf8"));
  const simulations = [
    simulate(plan, actuals, deals, { as_of: "2026-06-30", trials: 100 }),
    simulate(plan, null, deals, { as_of: "2026-06-30", trials: 100, new_business: "none" }),
  ];
  return {
    RiskRegister: registers,
    ScoredRisk: risks,
    Score: risks.flatMap((r) => [r.planned, r.inherent, r.residual]),
    IndicatorReading: risks.flatMap((r) => r.indicators),
    SignalReading: risks.flatMap((r) => r.signals ?? []),
    RiskMove: registers.flatMap((r) => r.moves),
    RiskTotals: registers.map((r) => r.totals),
    RiskTotal: registers.flatMap((r) => [...r.totals.by_category, ...r.totals.by_owner, ...r.totals.by_level]),
    RiskHeatmap: registers.map((r) => r.heatmap),
    Simulation: simulations,
    PipelineSummary: simulations.map((s) => s.pipeline),
    NewBusinessFit: simulations.map((s) => s.new_business).filter((fit) => fit !== null),
    Bin: simulations.flatMap((s) => s.histogram),
    Driver: simulations.flatMap((s) => s.drivers),
  };
}

/** Proposals (with a conflict and a cooldown), revisions, a history, a replay and scenarios. */
function adjustOutputs(plan, actuals) {
  const midYear = evaluate(plan, actuals, { as_of: "2026-06-30" }).toJSON();
  const two = structuredClone(plan);
  two.rules.push({
    id: "R-PROMO-CUT",
    name: "Cut promotion",
    when: 'kpi("K-CONV").attainment < 0.9',
    actions: [{ type: "move_budget", from: "B-PROMO", to: "B-RESERVE", amount: "1.00" }],
  });
  const proposals = [
    propose(plan, midYear),
    propose(two, midYear),
    propose(plan, evaluate(plan, actuals, { as_of: "2026-07-31" }).toJSON(), [{ rule: "R-CONV-SERVICE", as_of: "2026-06-30" }]),
  ];
  const change = { author: "A", at: "2026-07-03T09:00:00+08:00", reason: "R" };
  const history = new History(plan);
  const revised = [apply(plan, proposals[0], change, midYear)];
  history.commit(revised[0]);
  revised.push(history.undo(change));
  const log = history.toJSON();
  history.free();
  const year = replay(plan, actuals);
  const scenarios = [{ name: "more", run_rate_factor: "1.2" }];
  const tables = [
    scenarios(plan, scenarios, actuals, { as_of: "2026-06-30" }),
    scenarios(plan, scenarios, actuals, { as_of: "2026-06-30", simulation: { trials: 50 } }),
  ];
  const all = proposals.flatMap((p) => p.proposals);
  return {
    Proposals: proposals,
    Proposal: all,
    FactReading: all.flatMap((p) => p.facts),
    Conflict: proposals.flatMap((p) => p.conflicts),
    Suppressed: proposals.flatMap((p) => p.suppressed),
    Revised: revised,
    Revision: log.revisions,
    Accepted: log.revisions.flatMap((r) => r.accepted),
    HistoryDocument: [log],
    Replay: [year],
    ReplayStep: year.steps,
    FirstFired: year.first_fired,
    ScenarioComparison: tables,
    ScenarioRow: tables.flatMap((t) => t.rows),
  };
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

/** The field names in backticks of an "unknown field" error: the fields the reader knows. */
function knownFields(error) {
  assert.equal(error.code, "unknown_field", error.message);
  return [...error.message.matchAll(/`([^`]*)`/g)].map((m) => m[1]).slice(1);
}

/** Map(field → optional) of `full`: a field is required when leaving it out is a missing field. */
function optionalFields(full, call) {
  return new Map(
    Object.keys(full).map((field) => {
      const { [field]: _, ...rest } = full;
      let optional = true;
      try {
        call(rest);
      } catch (error) {
        optional = !(error.code === "missing_field" && error.message.includes(`\`${field}\``));
      }
      return [field, optional];
    }),
  );
}

describe("typings.d.ts against the inputs the core reads", () => {
  const plan = examplePlan();

  it("interface Deal", () => {
    const deal = {
      id: "D-1",
      amount: "2.00",
      probability: "0.5",
      amount_low: "1.00",
      amount_high: "3.00",
      expected_close: "2026-09-30",
      stage: "proposal",
      tags: { region: "east" },
      currency: "CNY",
    };
    const options = { as_of: "2026-06-30", trials: 1, new_business: "none" };
    const call = (d) => simulate(plan, null, [d], options);
    const fields = knownFields(thrown(() => call({ ...deal, "?": 0 })));
    assert.deepEqual(fields.toSorted(), [...declared.get("Deal").keys()].sort());
    assert.deepEqual(sorted(optionalFields(deal, call)), sorted(declared.get("Deal")));
  });

  it("interface SimulationOptions", () => {
    const options = {
      as_of: "2026-06-30",
      goal: "G-REV",
      target: "1",
      trials: 1,
      seed: 1,
      new_business: "none",
      new_business_from: "2026-07-31",
      net_of_pipeline: false,
      run_rate_factor: "1.1",
      bins: 1,
      drivers: 1,
      threads: 1,
    };
    const call = (o) => simulate(plan, null, [], o);
    const fields = knownFields(thrown(() => call({ ...options, "?": 0 })));
    assert.deepEqual(fields.toSorted(), [...declared.get("SimulationOptions").keys()].sort());
    assert.deepEqual(sorted(optionalFields(options, call)), sorted(declared.get("SimulationOptions")));
    const modes = /newBusiness`?: unknown variant `maybe`, expected `(\w+)` or `(\w+)`/.exec(
      thrown(() => call({ ...options, new_business: "maybe" })).message,
    );
    assert.deepEqual(modes?.slice(1).sort(), unions.get("NewBusinessMode"));
  });
});

/** The field names in backticks of an "unknown field" message, whatever its code. */
function namedFields(error) {
  assert.match(error.message, /unknown field `\?`/, error.message);
  return [...error.message.matchAll(/`([^`]*)`/g)].map((m) => m[1]).slice(1);
}

/** Map(field → optional) of `full`: a field is required when leaving it out says "missing field". */
function optionalByMessage(full, call) {
  return new Map(
    Object.keys(full).map((field) => {
      const { [field]: _, ...rest } = full;
      let optional = true;
      try {
        call(rest);
      } catch (error) {
        optional = !error.message.includes(`missing field \`${field}\``);
      }
      return [field, optional];
    }),
  );
}

describe("typings.d.ts against the adjustment inputs the core reads", () => {
  const plan = examplePlan();
  const actuals = loadActuals(plan, []);
  const evaluation = evaluate(plan, actuals, { as_of: "2026-06-30" }).toJSON();
  const change = { author: "A", at: "2026-07-03T09:00:00+08:00", reason: "R" };

  it("interface Change", () => {
    const call = (c) => apply(plan, [], c);
    assert.deepEqual(namedFields(thrown(() => call({ ...change, "?": 0 }))).sort(), [...declared.get("Change").keys()].sort());
    assert.deepEqual(sorted(optionalByMessage(change, call)), sorted(declared.get("Change")));
  });

  it("interface Accepted", () => {
    const accepted = { rule: "R-CONV-SERVICE", as_of: "2026-06-30" };
    const call = (a) => propose(plan, evaluation, [a]);
    assert.deepEqual(namedFields(thrown(() => call({ ...accepted, "?": 0 }))).sort(), [...declared.get("Accepted").keys()].sort());
    assert.deepEqual(sorted(optionalByMessage(accepted, call)), sorted(declared.get("Accepted")));
  });

  it("interface Scenario", () => {
    const scenario = { name: "x", description: "d", patch: [], run_rate_factor: "1.1" };
    const call = (s) => scenarios(plan, [s], actuals, { as_of: "2026-06-30" });
    assert.deepEqual(namedFields(thrown(() => call({ ...scenario, "?": 0 }))).sort(), [...declared.get("Scenario").keys()].sort());
    assert.deepEqual(sorted(optionalByMessage(scenario, call)), sorted(declared.get("Scenario")));
  });

  it("interfaces EvaluateOptions, ReplayOptions and CompareScenariosOptions", () => {
    const evaluateFields = namedFields(thrown(() => evaluate(plan, actuals, { as_of: "2026-06-30", "?": 0 }).toJSON()));
    assert.deepEqual(evaluateFields.toSorted(), [...declared.get("EvaluateOptions").keys()].sort());
    const replayFields = namedFields(thrown(() => replay(plan, actuals, { "?": 0 })));
    assert.deepEqual(replayFields.toSorted(), [...declared.get("ReplayOptions").keys()].sort());
    assert.ok([...declared.get("ReplayOptions").values()].every((optional) => optional));
    // scenarios reads evaluate's options and its own `simulation`.
    const compareFields = namedFields(thrown(() => scenarios(plan, [], actuals, { as_of: "2026-06-30", "?": 0 })));
    assert.deepEqual([...compareFields, "simulation"].sort(), [...evaluateFields, ...declared.get("CompareScenariosOptions").keys()].sort());
  });

  it("type PatchOp has one variant per operation, with its fields", () => {
    const body = /^export type PatchOp =([\s\S]*?);$/m.exec(source)?.[1] ?? "";
    const variants = new Map();
    for (const [, fields] of body.matchAll(/\{([^}]*)\}/g)) {
      const map = new Map([...fields.matchAll(/(\w+)(\?)?:/g)].filter(([, f]) => f !== "op").map(([, f, o]) => [f, o === "?"]));
      variants.set(/op: "(\w+)"/.exec(fields)[1], sorted(map));
    }
    const call = (op) => edit(plan, [op], change);
    const ops = /expected one of (.*)$/.exec(thrown(() => call({ op: "?", path: "/id" })).message)[1];
    const expected = new Map(
      [...ops.matchAll(/`(\w+)`/g)].map(([, op]) => {
        const full = { op, from: "/id", path: "/name", value: "x" };
        const fields = namedFields(thrown(() => call({ op, "?": 0 })));
        const variant = Object.fromEntries([["op", op], ...fields.map((f) => [f, full[f]])]);
        return [op, sorted(new Map([...optionalByMessage(variant, call)].filter(([f]) => f !== "op")))];
      }),
    );
    assert.deepEqual(sorted(variants), sorted(expected));
  });
});
