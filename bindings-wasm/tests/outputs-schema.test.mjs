// The output schema (schema/outputs.schema.json, generated from the Rust
// types, from which src/types.generated.d.ts is generated in turn) against
// real outputs: one of each, with every optional part present somewhere.
// Every field a sample has is in its schema, every required field is always
// there, and every optional one is left out somewhere (so the declarations
// say `?` exactly where a field can be missing).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

import {
  History,
  apply,
  cascade,
  decomposeGap,
  evaluate,
  examplePlan,
  loadActuals,
  monitor,
  phaseGoal,
  propose,
  replay,
  reverseFunnel,
  riskRegister,
  scenarios,
  scorecards,
  simulate,
  unitEconomics,
} from "salesplan";

import { evaluationsDir, monitoringDir, packageDir } from "./helpers.mjs";

const schema = JSON.parse(readFileSync(join(packageDir, "..", "schema", "outputs.schema.json"), "utf8"));

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
  const cards = scorecards(plan, evaluate(plan, actuals, { as_of: "2026-06-30", hierarchy: ["region"] }), [rubric]);
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
    Total: registers.flatMap((r) => [...r.totals.by_category, ...r.totals.by_owner, ...r.totals.by_level]),
    Heatmap: registers.map((r) => r.heatmap),
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
  const whatIfs = [{ name: "more", run_rate_factor: "1.2" }];
  const tables = [
    scenarios(plan, whatIfs, actuals, { as_of: "2026-06-30" }),
    scenarios(plan, whatIfs, actuals, { as_of: "2026-06-30", simulation: { trials: 50 } }),
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
    History: [log],
    Replay: [year],
    ReplayStep: year.steps,
    FirstFired: year.first_fired,
    ScenarioComparison: tables,
    ScenarioRow: tables.flatMap((t) => t.rows),
  };
}

describe("the output schema against the outputs", () => {
  for (const [name, samples] of Object.entries(outputs())) {
    it(`${name}`, () => {
      const def = schema.$defs[name];
      assert.ok(def?.properties, `no object schema ${name} in schema/outputs.schema.json`);
      assert.ok(samples.length > 0, `no sample of ${name}`);
      const required = new Set(def.required ?? []);
      const seen = new Set(samples.flatMap((sample) => Object.keys(sample)));
      assert.deepEqual([...seen].sort(), Object.keys(def.properties).sort());
      for (const field of Object.keys(def.properties)) {
        if (required.has(field)) assert.ok(samples.every((sample) => field in sample), `${name}.${field} is not always there`);
        else assert.ok(samples.some((sample) => !(field in sample)), `${name}.${field} is always there: not optional`);
      }
    });
  }
});
