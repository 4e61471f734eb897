// Currencies and split credit: the conformance cases of tests/currencies
// and tests/credit (the same files as the Rust suite and pytest), read
// through every way in — CSV and JSON text, records, columns — and the bad
// input of rate tables and credit cells.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";

import { Actuals, evaluate, examplePlan, loadActuals } from "salesplan";

import { normalise, thrown } from "./helpers.mjs";

const root = fileURLToPath(new URL("../../tests/", import.meta.url));
const plan = examplePlan();

/** A CSV file of plain cells (no quotes) as its header and rows. */
function parseCsv(text) {
  const [header, ...lines] = text.trimEnd().split("\n");
  return { names: header.split(","), rows: lines.map((line) => line.split(",")) };
}

/** A rate table file as its rows. */
function rateRows(path) {
  const text = readFileSync(path, "utf8");
  if (path.endsWith(".json")) return JSON.parse(text);
  const { names, rows } = parseCsv(text);
  return rows.map((cells) => Object.fromEntries(names.map((n, i) => [n, cells[i]])));
}

/** CSV actuals as columns of strings, empty cells missing. */
function columns(text) {
  const { names, rows } = parseCsv(text);
  const column = (i) => rows.map((cells) => (cells[i] === "" ? null : cells[i]));
  const tags = {};
  names.forEach((name, i) => {
    if (!["date", "measure", "value"].includes(name)) tags[name] = column(i);
  });
  const at = (name) => column(names.indexOf(name));
  return { date: at("date"), measure: at("measure"), value: at("value"), tags };
}

const csvWays = {
  fromCsv: (text, options) => Actuals.fromCsv(plan, text, options),
  loadActuals: (text, options) => loadActuals(plan, text, options),
  fromColumns: (text, options) => Actuals.fromColumns(plan, columns(text), options),
};
const jsonWays = {
  fromJson: (text, options) => Actuals.fromJson(plan, text, options),
  loadActuals: (text, options) => loadActuals(plan, text, options),
  fromRecords: (text, options) => Actuals.fromRecords(plan, JSON.parse(text), options),
};

function run(dir, way, ratesAsRows) {
  const input = JSON.parse(readFileSync(join(dir, "input.json"), "utf8"));
  const options = { lenient: Boolean(input.lenient) };
  if (input.rates) {
    const path = join(dir, input.rates);
    options.rates = ratesAsRows ? rateRows(path) : readFileSync(path, "utf8");
  }
  let actuals;
  try {
    actuals = way(readFileSync(join(dir, input.actuals), "utf8"), options);
  } catch (error) {
    if (error.name !== "SalesplanError") throw error;
    const out = { code: error.code, path: error.path, message: error.message };
    if (error.code === "invalid_actuals") out.problems = error.problems;
    return { error: out };
  }
  const out = { rows: actuals.toRecords(), problems: actuals.problems };
  if (input.evaluate) {
    const { as_of: asOf, hierarchy } = input.evaluate;
    const kpis = evaluate(plan, actuals, { as_of: asOf, hierarchy }).toJSON().kpis.filter((k) => k.kpi === "K-REV");
    out.revenue = kpis.map((k) => ({ node: k.node, actual: k.actual }));
    if (input.company_total) assert.equal(kpis.find((k) => k.node === "").actual, input.company_total);
  }
  return out;
}

for (const family of ["currencies", "credit"]) {
  describe(`${family} conformance`, () => {
    const names = readdirSync(join(root, family)).sort();
    it("has cases", () => assert.ok(names.length >= 4));
    for (const name of names) {
      const dir = join(root, family, name);
      if (!existsSync(join(dir, "expected.json"))) continue;
      const input = JSON.parse(readFileSync(join(dir, "input.json"), "utf8"));
      const ways = input.actuals.endsWith(".json") ? jsonWays : csvWays;
      // Rows of a table that does not read are refused at a JSON pointer
      // instead of a CSV row: those cases take the table as text only.
      const tableFault = readFileSync(join(dir, "expected.json"), "utf8").includes('"invalid_argument"');
      const forms = input.rates && !(tableFault && !input.rates.endsWith(".json")) ? [false, true] : [false];
      for (const [label, way] of Object.entries(ways)) {
        for (const ratesAsRows of forms) {
          it(`${name} by ${label}${ratesAsRows ? " with rate rows" : ""}`, () => {
            const expected = readFileSync(join(dir, "expected.json"), "utf8");
            assert.equal(normalise(run(dir, way, ratesAsRows)), expected);
          });
        }
      }
    }
  });
}

describe("bad input", () => {
  const csv = "date,measure,value\n2026-01-01,revenue,1\n";

  it("a malformed rate table is refused whole, naming the row and the column", () => {
    const cases = [
      ["date,from,to,rate\n2026-01-01,USD,CNY,0\n", null, "row 1, column rate"],
      ["date,from,to,rate\n2026-01-01,USD,CNY,x\n", null, "row 1, column rate"],
      ["date,from,to,rate\n2026-01-01,USD,CNY,7\n2026-01-01,USD,CNY,7.1\n", null, "row 2, column date"],
      ["date,from,to,rate\n2026-01-01,US,CNY,7\n", null, "row 1, column from"],
      ["date,from,to,rate\n2026-01-01,USD,EUR,0.9\n", null, "the plan's currency is CNY"],
      [[{ date: "2026-01-01", from: "USD", to: "CNY", rate: 7.1 }], "/0/rate", "decimal strings"],
      [[{ date: "2026-01-01", from: "USD", to: "EUR", rate: "0.9" }], "/0/to", "the plan's currency is CNY"],
    ];
    for (const [rates, path, words] of cases) {
      const error = thrown(() => loadActuals(plan, csv, { rates }));
      assert.equal(error.name, "SalesplanError");
      assert.equal(error.code, "invalid_argument");
      assert.equal(error.path, path);
      assert.ok(error.message.includes(words), error.message);
    }
    const error = thrown(() => Actuals.fromCsv(plan, csv, { rates: 7 }));
    assert.equal(error.code, "invalid_argument");
  });

  it("a row without a rate in effect names its currency, date and row", () => {
    const text = "date,measure,value,currency\n2026-03-01,revenue,1,USD\n2026-03-02,revenue,2,EUR\n";
    const rates = [{ date: "2026-03-02", from: "USD", to: "CNY", rate: "7.1" }];
    for (const load of [
      () => loadActuals(plan, text, { rates }),
      () => Actuals.fromColumns(plan, columns(text), { rates }),
    ]) {
      const error = thrown(load);
      assert.equal(error.code, "invalid_actuals");
      assert.deepEqual(
        error.problems.map((p) => [p.row, p.column]),
        [
          [1, "currency"],
          [2, "currency"],
        ],
      );
      assert.match(error.problems[0].message, /USD.*2026-03-01/);
      assert.match(error.problems[1].message, /EUR.*2026-03-02/);
    }
    assert.equal(loadActuals(plan, text, { rates, lenient: true }).length, 0);
  });

  it("a bad credit cell is a problem of its row in column credit", () => {
    for (const [cell, words] of [
      ["rep=a:0.6;rep=b:0.3", "total 0.9"],
      ["rep=a:1;rep=b:0", "share 0 of rep=b"],
      ["rep=a:0.5;region=b:0.5", "names rep and region"],
      ["rep=a:0.5;rep=a:0.5", "named twice"],
      ["rep a 1", "not dimension=value:share"],
    ]) {
      const rows = [
        { date: "2026-01-05", measure: "revenue", value: "1" },
        { date: "2026-01-05", measure: "revenue", value: "100", credit: cell },
      ];
      const error = thrown(() => Actuals.fromRecords(plan, rows));
      assert.equal(error.code, "invalid_actuals");
      assert.deepEqual(
        error.problems.map((p) => [p.row, p.column]),
        [[2, "credit"]],
      );
      assert.ok(error.problems[0].message.includes(words), error.problems[0].message);
    }
  });
});

describe("pipeline deals in other currencies", () => {
  const actuals = loadActuals(plan, "date,measure,value\n2026-01-05,revenue,100\n");
  const deals = [
    { id: "D-1", amount: "1000.00", probability: "0.5", expected_close: "2026-09-30", currency: "USD" },
    { id: "D-2", amount: "50.00", probability: "1", expected_close: "2026-09-30", currency: "CNY" },
  ];
  const rates = "date,from,to,rate\n2026-01-01,USD,CNY,7.10\n2026-07-01,USD,CNY,7.20\n";
  const forecast = (asOf) =>
    evaluate(plan, actuals, { as_of: asOf, pipeline: deals, rates }).toJSON().kpis.find((k) => k.kpi === "K-REV" && k.node === "")
      .forecast_pipeline;

  it("convert at the rate in effect on the as-of date", () => {
    // 100 + 7100.00 × 0.5 + 50.00, then 100 + 7200.00 × 0.5 + 50.00.
    assert.equal(forecast("2026-06-30"), "3700.00");
    assert.equal(forecast("2026-07-15"), "3750.00");
  });

  it("are refused without a rate, naming the deal", () => {
    for (const options of [
      { as_of: "2026-06-30", pipeline: deals },
      { as_of: "2026-06-30", pipeline: deals, rates: "date,from,to,rate\n2026-08-01,USD,CNY,7.2\n" },
    ]) {
      const error = thrown(() => evaluate(plan, actuals, options).toJSON());
      assert.equal(error.code, "invalid_argument");
      assert.equal(error.path, "/0/currency");
      assert.match(error.message, /D-1 is in USD/);
    }
  });
});
