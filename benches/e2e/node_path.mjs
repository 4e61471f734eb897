// This library's user path from JavaScript (the WebAssembly package for
// Node), in the end-to-end benchmark.
//
// Usage: node node_path.mjs PKG DIR RUNS
// PKG is the package's entry for Node (bindings-wasm/js/salesplan.js).
//
// Reads the raw columns that gen_data.py wrote beside the Parquet file
// (days as an Int32Array, the dictionary keys as Int32Arrays, the values'
// cents as a BigInt64Array; the dictionaries from meta.json), untimed, then
// runs the path RUNS times after one untimed warm-up, timing each step and
// the whole:
//
//   Actuals.fromColumns(plan, columns)          typed arrays, scale 2
//   evaluatePlan(plan, actuals, {asOf})         the company, as plain objects
//   evaluate(..., {asOf, hierarchy})            region / rep, kept in WebAssembly
//                                               memory as an EvaluationResult
//   propose(plan, evaluation)                   with the EvaluationResult
//   riskRegister(plan, evaluation)              with the EvaluationResult
//   simulate(plan, actuals, deals, {asOf, trials: 10000, seed: 1})
//
// `plan` is the object examplePlan() gives, as the package's README uses
// it. Then, untimed in the whole: one KPI of one rep node looked up per
// call with `evaluation.kpi(id, node)` (an index in WebAssembly memory),
// and the peak RSS (process.resourceUsage()).
// Prints one JSON line and writes the hierarchy's evaluation to
// DIR/out/node.evaluation.json.

import { readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

const [pkg, dir, runsText] = process.argv.slice(2);
const runs = Number(runsText);
const TRIALS = 10_000;
const SEED = 1;
const KPI_CALLS = 2_000;

const sp = await import(pathToFileURL(pkg).href);

function peakRssMb() {
  return process.resourceUsage().maxRSS / 1024; // KiB
}

function typed(Type, name) {
  const bytes = readFileSync(join(dir, name));
  // A copy into an ArrayBuffer of its own: aligned, and the whole buffer.
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Type(copy.buffer);
}

const t0 = performance.now();
const meta = JSON.parse(readFileSync(join(dir, "meta.json"), "utf8"));
const deals = JSON.parse(readFileSync(join(dir, "deals.json"), "utf8"));
const columns = {
  date: typed(Int32Array, "day.i32"),
  measure: { codes: typed(Int32Array, "measure.i32"), values: meta.measures },
  value: typed(BigInt64Array, "value_cents.i64"),
  scale: 2,
  tags: {
    region: { codes: typed(Int32Array, "region.i32"), values: meta.regions_dictionary },
    rep: { codes: typed(Int32Array, "rep.i32"), values: meta.reps_dictionary },
    segment: { codes: typed(Int32Array, "segment.i32"), values: meta.segments },
  },
};
const readSeconds = (performance.now() - t0) / 1000;
const rssRead = peakRssMb();
const asOf = meta.end;
const plan = sp.examplePlan();

const STEPS = ["load_actuals", "evaluate company", "evaluate region/rep", "propose", "risk_register", "simulate"];

function path() {
  const seconds = {};
  const start = performance.now();
  let t = start;
  const lap = (name) => {
    const now = performance.now();
    seconds[name] = (now - t) / 1000;
    t = now;
  };
  const actuals = sp.Actuals.fromColumns(plan, columns);
  lap(STEPS[0]);
  const company = sp.evaluatePlan(plan, actuals, { asOf });
  lap(STEPS[1]);
  const evaluation = sp.evaluate(plan, actuals, { asOf, hierarchy: ["region", "rep"] });
  lap(STEPS[2]);
  const proposals = sp.propose(plan, evaluation);
  lap(STEPS[3]);
  const register = sp.riskRegister(plan, evaluation);
  lap(STEPS[4]);
  const simulation = sp.simulate(plan, actuals, deals, { asOf, trials: TRIALS, seed: SEED });
  lap(STEPS[5]);
  seconds["whole path"] = (performance.now() - start) / 1000;
  return { seconds, out: { actuals, company, evaluation, proposals, register, simulation } };
}

// One untimed warm-up, then the timed runs; each run's actuals and
// evaluation are freed before the next.
const times = {};
let out = null;
for (let run = 0; run <= runs; run++) {
  if (out) {
    out.actuals.free();
    out.evaluation.free();
  }
  out = null;
  const result = path();
  out = result.out;
  if (run === 0) continue;
  for (const [name, s] of Object.entries(result.seconds)) (times[name] ??= []).push(s);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

const kpiIds = out.evaluation.texts("kpi");
const nodes = out.evaluation.texts("node").filter((node, i) => kpiIds[i] === "K-REV" && node.includes("/rep="));
const perCall = [];
for (let r = 0; r < runs; r++) {
  const t = performance.now();
  for (let i = 0; i < KPI_CALLS; i++) {
    const node = nodes[i % nodes.length];
    const found = out.evaluation.kpi("K-REV", node);
    if (!found) throw new Error(`no K-REV for ${node}`);
  }
  perCall.push((performance.now() - t) / 1000 / KPI_CALLS);
}
const rssEnd = peakRssMb();

mkdirSync(join(dir, "out"), { recursive: true });
writeFileSync(join(dir, "out", "node.evaluation.json"), JSON.stringify(out.evaluation));
const companyActual = (id) => out.company.kpis.find((k) => k.kpi === id && k.node === "")?.actual ?? null;
const sim = out.simulation;
const medians = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
console.log(
  JSON.stringify({
    tool: "node",
    rows: out.actuals.length,
    read_columns_s: readSeconds,
    times_s: times,
    median_s: medians,
    kpi_call_s: median(perCall),
    kpi_calls: KPI_CALLS,
    results: out.evaluation.length,
    peak_rss_mb: { after_read: rssRead, end: rssEnd },
    company: { "K-REV": companyActual("K-REV"), "K-REV-HIGH": companyActual("K-REV-HIGH"), "K-CONV": companyActual("K-CONV") },
    proposals: out.proposals.proposals.map((p) => p.rule),
    moves: out.register.moves.map((m) => m.risk),
    simulation: {
      probability: sim.probability,
      mean: sim.mean,
      p10: sim.p10,
      p50: sim.p50,
      p90: sim.p90,
      closed: sim.closed,
      expected_new_deals: sim.new_business?.expected_deals ?? null,
      run_rate_deals: sim.new_business?.run_rate_deals ?? null,
    },
    versions: { node: process.version, salesplan: sp.version() },
  }),
);
