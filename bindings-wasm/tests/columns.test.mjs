// Actuals.fromColumns: columns of typed arrays or strings give the same
// observations as the same data in CSV, and the same evaluation.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

import { Actuals, evaluate, examplePlan, examplePlanJson } from "salesplan";

import { evaluationsDir, normalise, thrown } from "./helpers.mjs";

const plan = examplePlan();
const DAY = 86_400_000;
const days = (dates) => Int32Array.from(dates, (d) => Date.parse(`${d}T00:00:00Z`) / DAY);

/** Dictionary-encodes strings in JS, the way Arrow or pandas would hand them over. */
function dictionary(strings, Codes = Uint32Array) {
  const values = [...new Set(strings.filter((s) => s !== null))];
  const codes = Codes.from(strings, (s) => (s === null ? -1 : values.indexOf(s)));
  return { codes, values };
}

/** CSV text (no quoting) as string columns; empty tag cells are null. */
function csvColumns(text) {
  const [header, ...rows] = text.trim().split("\n").map((line) => line.split(","));
  const column = (i) => rows.map((row) => row[i] || null);
  const tags = Object.fromEntries(header.slice(3).map((name, i) => [name, column(i + 3)]));
  return { date: column(0), measure: column(1), value: column(2), tags };
}

const CSV = [
  "date,measure,value,region,rep",
  "2026-01-05,revenue,1200.50,east,r1",
  "2026-01-06,won_deals,2.00,east,",
  "2026-02-10,revenue,35000.00,west,r3",
  "2026-03-01,opportunities,7.00,,r3",
].join("\n");

describe("Actuals.fromColumns", () => {
  const expected = Actuals.fromCsv(plan, CSV).toRecords();

  it("reads string columns as fromCsv reads the same rows", () => {
    const actuals = Actuals.fromColumns(plan, csvColumns(CSV));
    assert.equal(actuals.length, 4);
    assert.deepEqual(actuals.problems, []);
    assert.deepEqual(actuals.toRecords(), expected);
    actuals.free();
  });

  it("reads typed arrays: days, dictionary codes, minor units with a scale", () => {
    const c = csvColumns(CSV);
    const columns = {
      date: days(c.date),
      measure: dictionary(c.measure),
      value: BigInt64Array.from(c.value, (v) => BigInt(v.replace(".", ""))),
      scale: 2,
      tags: { region: dictionary(c.tags.region, Int32Array), rep: dictionary(c.tags.rep, Int32Array) },
    };
    assert.deepEqual(Actuals.fromColumns(plan, columns).toRecords(), expected);
  });

  it("reads a Float64Array by each number's shortest decimal", () => {
    const columns = { date: ["2026-01-05", "2026-01-06"], measure: ["revenue", "leads"], value: Float64Array.of(0.1, 30) };
    const csv = "date,measure,value\n2026-01-05,revenue,0.1\n2026-01-06,leads,30\n";
    assert.deepEqual(Actuals.fromColumns(plan, columns).toRecords(), Actuals.fromCsv(plan, csv).toRecords());
  });

  it("gives the mid-year evaluation of the case study", () => {
    const directory = join(evaluationsDir, "case-study");
    const read = (file) => readFileSync(join(directory, file), "utf8");
    const c = csvColumns(read("actuals.csv"));
    const tags = Object.fromEntries(Object.entries(c.tags).map(([name, v]) => [name, dictionary(v, Int32Array)]));
    const actuals = Actuals.fromColumns(examplePlanJson(), {
      date: days(c.date),
      measure: dictionary(c.measure),
      value: c.value,
      tags,
    });
    const options = JSON.parse(read("midyear.options.json"));
    const pipeline = join(directory, "pipeline.json");
    const evaluation = evaluate(examplePlanJson(), actuals, {
      as_of: options.as_of,
      hierarchy: options.hierarchy,
      ...(existsSync(pipeline) ? { pipeline: JSON.parse(read("pipeline.json")) } : {}),
    }).toJSON();
    assert.equal(normalise(evaluation), read("midyear.expected.json"));
    actuals.free();
  });

  it("refuses bad rows by default and reports them when lenient", () => {
    const columns = {
      date: ["2026-01-05", "2026-13-01", "2026-01-07", "2026-01-08", "2026-01-09"],
      measure: { codes: Int32Array.of(0, 0, 1, -1, 0), values: ["revenue", "revnue"] },
      value: ["1", "2", "3", "4", "abc"],
    };
    const error = thrown(() => Actuals.fromColumns(plan, columns));
    assert.equal(error.name, "SalesplanError");
    assert.equal(error.code, "invalid_actuals");
    const rows = [
      [2, "date"],
      [3, "measure"],
      [4, "measure"],
      [5, "value"],
    ];
    assert.deepEqual(
      error.problems.map((p) => [p.row, p.column]),
      rows,
    );
    const actuals = Actuals.fromColumns(plan, columns, { lenient: true });
    assert.equal(actuals.length, 1);
    assert.deepEqual(
      actuals.problems.map((p) => [p.row, p.column]),
      rows,
    );
    assert.match(actuals.problems[1].message, /unknown measure `revnue`/);
  });

  it("refuses columns of different lengths, codes outside the values and wrong kinds", () => {
    const good = { date: ["2026-01-05"], measure: ["revenue"], value: Float64Array.of(1) };
    const cases = [
      ["columns", { ...good, value: Float64Array.of(1, 2) }],
      ["columns", { ...good, tags: { region: ["east", "west"] } }],
      ["columns", { ...good, measure: { codes: Uint32Array.of(1), values: ["revenue"] } }],
      ["columns", { ...good, region: ["east"] }],
      ["columns", { date: good.date, value: good.value }],
      ["columns", [good]],
      ["columns.date", { ...good, date: Float64Array.of(20454) }],
      ["columns.measure", { ...good, measure: { codes: [0], values: ["revenue"] } }],
      ["columns.measure", { ...good, measure: [1] }],
      ["columns.value", { ...good, value: Int32Array.of(1) }],
      ["columns.scale", { ...good, scale: 2 }],
      ["columns.scale", { ...good, value: BigInt64Array.of(1n), scale: 1.5 }],
      ["columns.tags", { ...good, tags: ["east"] }],
    ];
    for (const [name, columns] of cases) {
      const error = thrown(() => Actuals.fromColumns(plan, columns));
      assert.equal(error.name, "SalesplanError", JSON.stringify(Object.keys(columns)));
      assert.equal(error.code, "invalid_argument");
      assert.ok(error.message.includes(name), `${error.message} should name ${name}`);
    }
    assert.equal(thrown(() => Actuals.fromColumns(plan, good, { strict: true })).code, "invalid_argument");
  });
});
