// Actuals: loading from CSV, JSON and records against a plan, strict and
// lenient, and the way out again.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { Actuals, examplePlan, examplePlanJson, loadActuals } from "salesplan";

import { thrown } from "./helpers.mjs";

const CSV = [
  "date,measure,value,region,rep",
  "2026-01-05,revenue,1200.50,east,r1",
  "2026-01-06,won_deals,2,east,",
  "2026-13-01,revenue,5,west,r2",
  "2026-01-07,revnue,5,west,r2",
  "2026-01-08,revenue,abc,west,r2",
  '2026-01-09,revenue,"1,500",west',
  "2026-01-10,revenue,3.5万,west,r3",
  "",
].join("\n");
const CLEAN = CSV.split("\n").filter((_, i) => ![3, 4, 5, 6].includes(i)).join("\n");
const RECORDS = [
  { date: "2026-02-01", measure: "revenue", value: "100.25", tags: { segment: "SEG-HIGH" } },
  { date: "2026-02-02", measure: "opportunities", value: 7 },
  { date: "2026-02-03", measure: "revenue", value: "1200", tags: { region: "east", rep: null } },
];
const plan = examplePlan();

describe("loadActuals", () => {
  it("reads CSV text into an Actuals object", () => {
    const actuals = loadActuals(plan, CLEAN);
    assert.ok(actuals instanceof Actuals);
    assert.equal(actuals.length, 3);
    assert.deepEqual(actuals.problems, []);
    assert.deepEqual(actuals.toRecords(), [
      { date: "2026-01-05", measure: "revenue", value: "1200.50", tags: { region: "east", rep: "r1" } },
      { date: "2026-01-06", measure: "won_deals", value: "2", tags: { region: "east" } },
      { date: "2026-01-10", measure: "revenue", value: "35000", tags: { region: "west", rep: "r3" } },
    ]);
    actuals.free();
  });

  it("refuses bad rows by default, listing every one", () => {
    const error = thrown(() => loadActuals(plan, CSV));
    assert.ok(error instanceof Error);
    assert.equal(error.name, "SalesplanError");
    assert.equal(error.code, "invalid_actuals");
    assert.equal(error.path, null);
    assert.deepEqual(
      error.problems.map((p) => [p.row, p.column]),
      [
        [3, "date"],
        [4, "measure"],
        [5, "value"],
        [6, ""],
      ],
    );
    assert.match(error.problems[1].message, /unknown measure `revnue`/);
    assert.match(error.message, /^4 bad row\(s\) in the actuals; first: row 3, column date: /);
  });

  it("skips and reports bad rows when lenient", () => {
    const actuals = loadActuals(plan, CSV, { lenient: true });
    assert.equal(actuals.length, 3);
    assert.deepEqual(
      actuals.problems.map((p) => p.row),
      [3, 4, 5, 6],
    );
    assert.deepEqual(Object.keys(actuals.problems[0]).sort(), ["column", "message", "row"]);
    assert.notEqual(actuals.problems, actuals.problems, "a fresh array every time");
    assert.deepEqual(actuals.toRecords(), loadActuals(plan, CLEAN).toRecords());
  });

  it("reads JSON text and arrays of observations", () => {
    const fromText = loadActuals(plan, JSON.stringify(RECORDS));
    const fromArray = loadActuals(plan, RECORDS);
    assert.deepEqual(fromText.toRecords(), fromArray.toRecords());
    assert.deepEqual(fromArray.toRecords(), [
      { date: "2026-02-01", measure: "revenue", value: "100.25", tags: { segment: "SEG-HIGH" } },
      { date: "2026-02-02", measure: "opportunities", value: "7", tags: {} },
      { date: "2026-02-03", measure: "revenue", value: "1200", tags: { region: "east" } },
    ]);
    assert.equal(loadActuals(plan, `  \n${JSON.stringify(RECORDS)}`).length, 3);
  });

  it("takes the plan as an object or as text", () => {
    assert.deepEqual(loadActuals(examplePlanJson(), CLEAN).toRecords(), loadActuals(plan, CLEAN).toRecords());
  });

  it("reads as the format option says", () => {
    assert.equal(thrown(() => loadActuals(plan, CLEAN, { format: "json" })).code, "syntax");
    assert.equal(thrown(() => loadActuals(plan, JSON.stringify(RECORDS), { format: "csv" })).code, "invalid_actuals");
    for (const options of [{ format: "xlsx" }, { lenient: "yes" }, { colour: "red" }]) {
      const error = thrown(() => loadActuals(plan, CLEAN, options));
      assert.equal(error.code, "invalid_argument");
      assert.match(error.message, /^invalid argument options: /);
    }
  });

  it("refuses sources that are neither text nor an array", () => {
    for (const source of [42, { date: "2026-01-01" }, null, undefined]) {
      const error = thrown(() => loadActuals(plan, source));
      assert.equal(error.code, "invalid_argument");
      assert.match(error.message, /^invalid argument source: expected CSV or JSON text or an array/);
    }
  });

  it("checks records row by row, numbered from 1", () => {
    const rows = [
      { date: "2026-02-01", measure: "revenue", value: "1" },
      { date: "2026-02-02T09:30:00Z", measure: "revenue", value: "1" },
      { date: "2026-02-03", measure: "revenue", value: "1", region: "east" },
    ];
    const actuals = loadActuals(plan, rows, { lenient: true });
    assert.equal(actuals.length, 1);
    assert.deepEqual(
      actuals.problems.map((p) => [p.row, p.column]),
      [
        [2, "date"],
        [3, "region"],
      ],
    );
  });
});

describe("Actuals", () => {
  it("has static constructors for each format", () => {
    const csv = Actuals.fromCsv(plan, CLEAN);
    const json = Actuals.fromJson(plan, JSON.stringify(csv.toRecords()));
    const records = Actuals.fromRecords(plan, csv.toRecords());
    assert.deepEqual(json.toRecords(), csv.toRecords());
    assert.deepEqual(records.toRecords(), csv.toRecords());
    assert.equal(Actuals.fromCsv(plan, CSV, { lenient: true }).problems.length, 4);
    assert.equal(thrown(() => Actuals.fromCsv(plan, CSV)).code, "invalid_actuals");
    assert.equal(thrown(() => Actuals.fromJson(plan, "[1,")).code, "syntax");
  });

  it("refuses what is not text or records", () => {
    const error = thrown(() => Actuals.fromCsv(plan, 42));
    assert.equal(error.code, "invalid_argument");
    assert.equal(error.message, "invalid argument text: expected a string, found number");
    assert.match(thrown(() => Actuals.fromRecords(plan, "[]")).message, /^invalid argument records: expected an array/);
    assert.match(thrown(() => Actuals.fromCsv(plan, CLEAN, { format: "csv" })).message, /^invalid argument options: /);
  });

  it("made with new (a type error) holds nothing", () => {
    assert.throws(() => new Actuals().length, /null pointer/);
  });

  it("frees its memory, after which it cannot be used", () => {
    const actuals = loadActuals(plan, CLEAN);
    actuals.free();
    assert.throws(() => actuals.toRecords());
  });

  it("is disposable with `using` semantics", () => {
    const actuals = loadActuals(plan, CLEAN);
    assert.equal(typeof actuals[Symbol.dispose], "function");
    actuals[Symbol.dispose]();
    assert.throws(() => actuals.length);
  });
});
