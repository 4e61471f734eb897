// The bad-input suite (tests/bad-input/ at the repository root, format in
// tests/README.md): every case's input, given to the JavaScript entry point
// the case names, must throw a SalesplanError (a real Error) with the
// expected code and path, and the expected bad rows for actuals; never a
// TypeError or a RuntimeError from the glue. Rust and pytest run the same
// cases.
//
// Values that exist only in JavaScript (NaN, Infinity, undefined, BigInt)
// are written {"$value": NAME} in a case and made here; a float column is a
// Float64Array, its missing entries NaN.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

import {
  Actuals,
  History,
  edit,
  evaluate,
  examplePlanJson,
  parsePlan,
  propose,
  simulate,
  validate,
} from "salesplan";

import { badInputDir, normalise } from "./helpers.mjs";

const BLESS = process.env.SALESPLAN_BLESS !== undefined;

const JS_VALUES = {
  NaN: () => NaN,
  Infinity: () => Infinity,
  undefined: () => undefined,
  BigInt: () => 10n,
};

/** The case's JSON with every {"$value": NAME} made a JavaScript value. */
function values(value) {
  if (Array.isArray(value)) return value.map(values);
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === "$value") return JS_VALUES[value.$value]();
    return Object.fromEntries(keys.map((key) => [key, values(value[key])]));
  }
  return value;
}

const read = (folder, file) => readFileSync(join(folder, file), "utf8");

/** The input as text, or undefined when it is a value. */
function text(folder, c) {
  if (c.input_file !== undefined) return read(folder, c.input_file);
  return typeof c.input === "string" ? c.input : undefined;
}

const plan = (folder, c) => (c.plan === undefined ? examplePlanJson() : read(folder, c.plan));

const rows = (problems) => problems.map((p) => ({ row: p.row, column: p.column }));

function loaded(actuals) {
  return { loaded: { rows: actuals.length, problems: rows(actuals.problems) } };
}

/** A text or date column: strings and nulls, or booleans to be refused. */
const textColumn = (given) => (Array.isArray(given) ? given : given.booleans);

/** The case's columns as `Actuals.fromColumns` takes them. */
function columns(spec) {
  const out = { date: textColumn(spec.date), measure: textColumn(spec.measure) };
  const value = spec.value;
  if (value.floats !== undefined) {
    out.value = Float64Array.from(values(value.floats), (f) => (f === null ? NaN : f));
  } else if (value.decimals !== undefined) {
    out.value = value.decimals;
  } else if (value.units !== undefined) {
    out.value = BigInt64Array.from(value.units, (u) => BigInt(u));
    out.scale = value.scale;
  } else {
    out.value = value.booleans;
  }
  if (spec.tags !== undefined) out.tags = spec.tags;
  return out;
}

/** `as_of` → `asOf`. */
const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

function camelKeys(options) {
  return Object.fromEntries(Object.entries(options).map(([k, v]) => [camel(k), v]));
}

const CHANGE = { author: "Li Wei", at: "2026-07-03T09:00:00+08:00", reason: "a test of bad input" };

function run(folder, c) {
  const lenient = { lenient: c.lenient === true };
  const given = text(folder, c);
  try {
    switch (c.entry) {
      case "plan": {
        const input = given ?? values(c.input);
        parsePlan(input);
        const errors = validate(input)
          .filter((d) => d.severity === "error")
          .map((d) => ({ code: d.code, path: d.path }));
        return { diagnostics: errors };
      }
      case "actuals_csv":
        return loaded(Actuals.fromCsv(plan(folder, c), given, lenient));
      case "actuals_json":
        return loaded(Actuals.fromJson(plan(folder, c), given, lenient));
      case "actuals_records":
        return loaded(Actuals.fromRecords(plan(folder, c), values(c.input), lenient));
      case "actuals_columns":
        return loaded(Actuals.fromColumns(plan(folder, c), columns(c.columns), lenient));
      case "pipeline": {
        const p = plan(folder, c);
        evaluate(p, Actuals.fromRecords(p, []), { as_of: "2026-06-30", pipeline: values(c.input) }).toJSON();
        return { ok: true };
      }
      case "rules": {
        const p = plan(folder, c);
        const evaluation = evaluate(p, Actuals.fromRecords(p, []), { as_of: c.as_of ?? "2026-06-30" }).toJSON();
        propose(p, evaluation);
        return { ok: true };
      }
      case "patch":
        edit(plan(folder, c), values(c.input), { ...CHANGE, ...(c.change ?? {}) });
        return { ok: true };
      case "history":
        History.fromJson(given);
        return { ok: true };
      case "evaluate": {
        const p = plan(folder, c);
        const actuals = c.actuals === undefined ? Actuals.fromRecords(p, []) : Actuals.fromCsv(p, read(folder, c.actuals));
        evaluate(p, actuals, camelKeys(values(c.input))).toJSON();
        return { ok: true };
      }
      case "simulate":
        simulate(plan(folder, c), null, values(c.pipeline ?? null), camelKeys(values(c.input)));
        return { ok: true };
      default:
        throw new Error(`unknown entry point ${c.entry}`);
    }
  } catch (error) {
    // Anything but the library's own error fails the case.
    if (error?.name !== "SalesplanError") throw error;
    assert.ok(error instanceof Error, "a SalesplanError is a real Error");
    const out = { code: error.code, path: error.path };
    if (error.code === "invalid_actuals") out.problems = rows(error.problems);
    if (error.code === "rejected") {
      out.diagnostics = error.diagnostics
        .filter((d) => d.severity === "error")
        .map((d) => ({ code: d.code, path: d.path }));
    }
    return { error: out };
  }
}

const cases = existsSync(badInputDir)
  ? readdirSync(badInputDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(badInputDir, entry.name, "case.json")))
      .map((entry) => entry.name)
      .sort()
  : [];

describe("bad input", () => {
  it("has the cases", () => {
    assert.ok(cases.length >= 60, `expected at least 60 cases in ${badInputDir}`);
  });

  for (const name of cases) {
    const folder = join(badInputDir, name);
    const c = JSON.parse(read(folder, "case.json"));
    const here = c.languages === undefined || c.languages.includes("js");
    it(name, { skip: here ? false : `runs in ${c.languages.join(", ")}` }, () => {
      const actual = run(folder, c);
      // Rust writes the expected outcome of the cases it runs; the others
      // are written by the first language they list.
      const languages = c.languages ?? ["rust", "python", "js"];
      if (BLESS && !languages.includes("rust") && languages[0] === "js") {
        writeFileSync(join(folder, "case.json"), normalise({ ...c, expected: actual }));
        return;
      }
      assert.deepEqual(actual, c.expected);
    });
  }
});
