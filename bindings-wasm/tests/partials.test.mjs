// The partial-evaluation conformance suite (tests/partials/ at the
// repository root, format in tests/README.md): actuals cut into batches of
// CSV rows, each folded, the partials merged in a stated order through their
// bytes, and the merge evaluated — the same evaluation as all the rows at
// once, and the expected output byte for byte after normalisation.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

import { Actuals, Partial, evaluate, evaluatePartial, examplePlanJson, fold } from "salesplan";

import { partialsDir, normalise } from "./helpers.mjs";

const read = (path) => readFileSync(path, "utf8");

const cases = existsSync(partialsDir)
  ? readdirSync(partialsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
  : [];

function run(folder, input) {
  const plan = examplePlanJson();
  const text = read(join(folder, input.actuals));
  const [header, ...body] = text.split("\n").filter((line) => line !== "");
  const pipeline = input.pipeline ? { pipeline: JSON.parse(read(join(folder, input.pipeline))) } : {};
  const parts = [];
  let start = 0;
  input.batches.forEach((size, batch) => {
    const actuals = Actuals.fromCsv(plan, [header, ...body.slice(start, start + size)].join("\n"));
    start += size;
    parts.push(fold(plan, actuals, { as_of: input.as_of, hierarchy: input.hierarchy, batch }));
    actuals.free();
  });
  assert.equal(start, body.length, "the batches cover every row");
  let merged = Partial.empty(plan, { as_of: input.as_of, hierarchy: input.hierarchy });
  for (const i of input.merge) {
    const sent = Partial.fromBytes(parts[i].toBytes());
    merged.merge(sent);
    sent.free();
  }
  const bytes = merged.toBytes();
  merged = Partial.fromBytes(bytes);
  const result = evaluatePartial(plan, merged, pipeline);
  const all = Actuals.fromCsv(plan, text);
  const whole = evaluate(plan, all, { as_of: input.as_of, hierarchy: input.hierarchy, ...pipeline });
  assert.equal(JSON.stringify(result), JSON.stringify(whole), "the merge evaluates otherwise than the whole");
  const out = { rows: merged.rows, nodes: merged.nodes, bytes: bytes.length, evaluation: result.toJSON() };
  for (const handle of [...parts, merged, result, all, whole]) handle.free();
  return out;
}

describe("partial-evaluation conformance", () => {
  it("has the cases", () => {
    assert.ok(cases.length >= 3, `no partial cases in ${partialsDir}`);
  });

  for (const name of cases) {
    it(name, () => {
      const folder = join(partialsDir, name);
      const input = JSON.parse(read(join(folder, "input.json")));
      const actual = run(folder, input);
      if (input.whole) {
        assert.equal(normalise(actual.evaluation), read(join(folder, input.whole)));
      }
      assert.equal(normalise(actual), read(join(folder, "expected.json")));
    });
  }
});

describe("partials", () => {
  const plan = examplePlanJson();

  it("refuse to merge partials of another day, and change nothing", () => {
    const a = Partial.empty(plan, { as_of: "2026-06-30", hierarchy: ["region"] });
    const b = Partial.empty(plan, { as_of: "2026-07-01", hierarchy: ["region"] });
    const before = a.toBytes();
    assert.throws(
      () => a.merge(b),
      (e) => e.name === "SalesplanError" && e.code === "invalid_argument" && /the other as of 2026-07-01/.test(e.message),
    );
    assert.deepEqual(a.toBytes(), before);
    assert.equal(a.asOf, "2026-06-30");
    assert.deepEqual(a.hierarchy, ["region"]);
    a.free();
    b.free();
  });

  it("refuse bytes that are not a partial, and unknown options", () => {
    assert.throws(
      () => Partial.fromBytes(new Uint8Array([80, 75, 3, 4])),
      (e) => e.name === "SalesplanError" && e.code === "invalid_argument" && /not a partial evaluation/.test(e.message),
    );
    const actuals = Actuals.fromCsv(plan, "date,measure,value\n2026-01-05,revenue,10\n");
    assert.throws(
      () => fold(plan, actuals, { as_of: "2026-06-30", batches: 1 }),
      (e) => e.name === "SalesplanError" && e.code === "invalid_argument",
    );
    assert.throws(
      () => fold(plan, actuals, { as_of: "2026-06-30", batch: -1 }),
      (e) => e.name === "SalesplanError" && e.code === "invalid_argument",
    );
    const partial = fold(plan, actuals, { as_of: "2026-06-30" });
    assert.equal(partial.rows, 1);
    assert.throws(
      () => evaluatePartial(plan, partial, { as_of: "2026-06-30" }),
      (e) => e.name === "SalesplanError" && e.code === "invalid_argument",
    );
    const result = evaluatePartial(plan, partial);
    assert.equal(result.kpi("K-REV").actual, "10");
    for (const handle of [actuals, partial, result]) handle.free();
  });
});
