// The actuals conformance cases (tests/actuals/): rows kept, bad rows and
// warnings, as the Rust suite and pytest give them; and the warnings of
// every way of loading.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

import { Actuals, examplePlan, loadActuals } from "salesplan";

import { actualsDir, normalise } from "./helpers.mjs";

const plan = examplePlan();

function run(dir) {
  const options = JSON.parse(readFileSync(join(dir, "input.json"), "utf8"));
  const text = readFileSync(join(dir, "actuals.csv"), "utf8");
  try {
    const actuals = Actuals.fromCsv(plan, text, { lenient: Boolean(options.lenient) });
    return { rows: actuals.length, problems: actuals.problems, warnings: actuals.warnings };
  } catch (error) {
    return { error: { code: error.code, message: error.message } };
  }
}

describe("actuals conformance", () => {
  const names = readdirSync(actualsDir).sort();
  it("has cases", () => assert.ok(names.length > 0));
  for (const name of names) {
    it(name, () => {
      const expected = readFileSync(join(actualsDir, name, "expected.json"), "utf8");
      assert.equal(normalise(run(join(actualsDir, name))), expected);
    });
  }
});

describe("rows outside the plan period", () => {
  const rows = [
    { date: "2026-03-01", measure: "revenue", value: "1" },
    { date: "2027-01-01", measure: "revenue", value: "2" },
  ];

  it("are kept and reported by strict loads of every kind", () => {
    const loads = [
      Actuals.fromRecords(plan, rows),
      Actuals.fromJson(plan, JSON.stringify(rows)),
      loadActuals(plan, "date,measure,value\n2026-03-01,revenue,1\n2027-01-01,revenue,2\n"),
      Actuals.fromColumns(plan, {
        date: ["2026-03-01", "2027-01-01"],
        measure: ["revenue", "revenue"],
        value: new Float64Array([1, 2]),
      }),
    ];
    for (const actuals of loads) {
      assert.equal(actuals.length, 2);
      const [warning, ...rest] = actuals.warnings;
      assert.deepEqual(rest, []);
      assert.equal(warning.code, "outside_period");
      assert.deepEqual([warning.rows, warning.first_rows], [1, [2]]);
      assert.deepEqual([warning.earliest, warning.latest], ["2027-01-01", "2027-01-01"]);
      assert.match(warning.message, /outside the plan period 2026-01-01 to 2026-12-31/);
    }
  });

  it("are absent from a load within the period", () => {
    assert.deepEqual(Actuals.fromRecords(plan, rows.slice(0, 1)).warnings, []);
  });
});

describe("no partial load", () => {
  it("one bad row at the end refuses the whole strict load", () => {
    const n = 50000;
    const lines = ["date,measure,value"];
    for (let i = 0; i < n; i += 1) lines.push(`2026-01-${String((i % 28) + 1).padStart(2, "0")},revenue,${i}`);
    lines.push("2026-01-01,revnue,1");
    const text = lines.join("\n") + "\n";
    let error;
    assert.throws(() => loadActuals(plan, text), (e) => {
      error = e;
      return true;
    });
    assert.equal(error.code, "invalid_actuals");
    assert.deepEqual(error.problems.map((p) => [p.row, p.column]), [[n + 1, "measure"]]);
    const days = new Int32Array(n + 1).fill(20454);
    const codes = new Uint32Array(n + 1);
    codes[n] = 1;
    assert.throws(
      () =>
        Actuals.fromColumns(plan, {
          date: days,
          measure: { codes, values: ["revenue", "revnue"] },
          value: new Float64Array(n + 1).fill(1),
        }),
      (e) => e.code === "invalid_actuals" && e.problems.length === 1 && e.problems[0].row === n + 1,
    );
    assert.equal(loadActuals(plan, text, { lenient: true }).length, n);
  });
});
