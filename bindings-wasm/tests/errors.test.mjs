// Input that cannot be read throws a SalesplanError: a real Error with the
// core's code, a JSON pointer (or null) and the core's message.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { evaluate, examplePlan, formatAmount, loadActuals, parseAmount, parsePlan, validate } from "salesplan";

import { thrown } from "./helpers.mjs";

/** The error that both parsePlan and validate throw for `input`. */
function planError(input) {
  const error = thrown(() => parsePlan(input));
  const again = thrown(() => validate(input));
  assert.deepEqual(
    { code: again.code, path: again.path, message: again.message },
    { code: error.code, path: error.path, message: error.message },
  );
  return error;
}

function assertShape(error, code, path) {
  assert.ok(error instanceof Error, "a real Error");
  assert.equal(error.name, "SalesplanError");
  assert.equal(error.code, code);
  assert.equal(error.path, path);
  assert.equal(typeof error.message, "string");
  assert.ok(error.message.length > 0);
  assert.equal(typeof error.stack, "string");
  assert.match(String(error), /^SalesplanError: /);
}

describe("document errors", () => {
  it("unknown field, with its path", () => {
    const plan = examplePlan();
    plan.goals[0].colour = "red";
    const error = planError(plan);
    assertShape(error, "unknown_field", "/goals/0/colour");
    assert.match(error.message, /unknown field `colour`/);
    // The same document as text gives the same error.
    assert.deepEqual(planError(JSON.stringify(plan)).message, error.message);
  });

  it("wrong type", () => {
    const error = planError({ ...examplePlan(), id: 7 });
    assertShape(error, "invalid_type", "/id");
    assert.match(error.message, /^\/id: invalid type/);
  });

  it("money as a number instead of a string", () => {
    const plan = examplePlan();
    plan.goals[1].target = 30000000;
    assertShape(planError(plan), "invalid_type", "/goals/1/target");
  });

  it("bad date", () => {
    const plan = examplePlan();
    plan.period.start = "2026-13-01";
    const error = planError(plan);
    assertShape(error, "invalid_value", "/period/start");
    assert.match(error.message, /2026-13-01/);
  });

  it("missing field", () => {
    const { name, ...plan } = examplePlan();
    assert.equal(typeof name, "string");
    assertShape(planError(plan), "missing_field", "/name");
  });

  it("malformed JSON, with line and column", () => {
    const error = planError('{\n  "schema": "salesplan/1",\n}');
    assertShape(error, "syntax", "");
    assert.match(error.message, /line 3, column 1/);
  });

  it("wrong schema version", () => {
    const error = planError({ ...examplePlan(), schema: "salesplan/2" });
    assertShape(error, "unsupported_schema", "/schema");
    assert.match(error.message, /salesplan\/2/);
  });

  it("not an object at all", () => {
    for (const input of [42, null, undefined, [], true, "[1]", "null", () => {}]) {
      assertShape(planError(input), "invalid_type", "");
    }
  });

  it("a value that JSON cannot hold", () => {
    const cyclic = { ...examplePlan() };
    cyclic.self = cyclic;
    for (const input of [cyclic, { ...examplePlan(), id: 7n }]) {
      const error = planError(input);
      assertShape(error, "invalid_argument", null);
      assert.match(error.message, /JSON/);
    }
  });

  it("leaves the module usable afterwards", () => {
    planError("{");
    assert.deepEqual(
      validate(examplePlan()).filter((d) => d.severity === "error"),
      [],
    );
  });
});

describe("amount errors", () => {
  it("parseAmount refuses what it cannot read exactly", () => {
    for (const text of ["", "abc", "2000万1亿", "1万5", "1,00", "1e5"]) {
      const error = thrown(() => parseAmount(text));
      assertShape(error, "invalid_amount", null);
      assert.ok(error.message.includes(JSON.stringify(text)), error.message);
    }
  });

  it("formatAmount refuses unusable amounts", () => {
    assertShape(thrown(() => formatAmount("abc")), "invalid_amount", null);
    for (const amount of [NaN, Infinity, 1e300, 10n ** 40n, {}, null, undefined, true]) {
      const error = thrown(() => formatAmount(amount));
      assertShape(error, "invalid_argument", null);
      assert.match(error.message, /^invalid argument amount: /);
    }
  });

  it("formatAmount refuses unknown or ill-typed options", () => {
    for (const options of [{ max_decimals: -1 }, { max_decimals: 1.5 }, { grouping: "yes" }, { colour: "red" }, "wan"]) {
      const error = thrown(() => formatAmount("1", options));
      assertShape(error, "invalid_argument", null);
      assert.match(error.message, /^invalid argument options: /);
    }
    // An unknown unit is refused by the core, with the units it knows.
    const error = thrown(() => formatAmount("1", { unit: "million" }));
    assertShape(error, "invalid_argument", null);
    assert.equal(error.message, 'invalid argument unit: "million" is not one of "auto", "yi", "wan", "none"');
  });
});

describe("actuals errors", () => {
  it("carry every bad row in problems", () => {
    const csv = "date,measure,value\n2026-01-01,revenue,x\n2026-01-02,profit,1\n";
    const error = thrown(() => loadActuals(examplePlan(), csv));
    assertShape(error, "invalid_actuals", null);
    assert.deepEqual(error.problems, [
      { row: 1, column: "value", message: '"x" is not a number' },
      { row: 2, column: "measure", message: "unknown measure `profit`; declare it in the plan's `measures`" },
    ]);
    assert.equal(error.message, '2 bad row(s) in the actuals; first: row 1, column value: "x" is not a number');
  });

  it("a header without the required columns is row 0", () => {
    const error = thrown(() => loadActuals(examplePlan(), "date,amount\n2026-01-01,5\n", { lenient: true }));
    assertShape(error, "invalid_actuals", null);
    assert.deepEqual(error.problems, [
      { row: 0, column: "measure", message: "the header lacks the column(s) measure, value" },
    ]);
  });

  it("other errors have no problems property", () => {
    assert.equal("problems" in thrown(() => parseAmount("abc")), false);
  });
});

describe("arithmetic errors", () => {
  it("a sum beyond what a decimal holds is an overflow error, and the next call works", () => {
    const plan = examplePlan();
    const big = "79228162514264337593543950335";
    const csv = "date,measure,value\n" + [1, 2, 3].map((d) => `2026-01-0${d},revenue,${big}\n`).join("");
    const error = thrown(() => evaluate(plan, loadActuals(plan, csv), { as_of: "2026-01-31" }).toJSON());
    assertShape(error, "overflow", null);
    assert.match(error.message, /sum\(revenue\)/);
    const small = loadActuals(plan, "date,measure,value\n2026-01-01,revenue,1\n");
    assert.ok(evaluate(plan, small, { as_of: "2026-01-31" }).toJSON().kpis.length > 0);
  });
});

describe("limits", () => {
  const deep = (levels) => "[".repeat(levels) + "]".repeat(levels);

  it("a document nested deeper than 64 levels is refused with the path where it is", () => {
    const error = planError(`{"schema": "salesplan/1", "id": ${deep(65)}}`);
    assertShape(error, "limit_exceeded", "/id" + "/0".repeat(63));
    assert.match(error.message, /nested deeper than 64 levels/);
    // An object given as a document goes through the same reader.
    const plan = examplePlan();
    let nested = "x";
    for (let i = 0; i < 80; i += 1) nested = [nested];
    plan.goals[0].name = nested;
    assert.equal(planError(plan).code, "limit_exceeded");
  });

  it("a string longer than 64 KiB is refused, in a plan and in actuals, and the next call works", () => {
    const plan = examplePlan();
    plan.goals[0].name = "x".repeat(64 * 1024 + 1);
    const error = planError(plan);
    assertShape(error, "limit_exceeded", "/goals/0/name");
    assert.match(error.message, /a string of 65537 bytes is longer than the limit of 65536 bytes/);
    const atLimit = examplePlan();
    atLimit.goals[0].name = "x".repeat(64 * 1024);
    assert.equal(parsePlan(atLimit).goals[0].name.length, 64 * 1024);

    const cell = "date,measure,value,note\n2026-01-01,revenue,1," + "y".repeat(64 * 1024 + 1) + "\n";
    const fromCsv = thrown(() => loadActuals(examplePlan(), cell, { lenient: true }));
    assertShape(fromCsv, "limit_exceeded", null);
    assert.match(fromCsv.message, /^row 1, column note: a cell of 65537 bytes/);
    const rows = [{ date: "2026-01-01", measure: "revenue", value: "1", tags: { note: "z".repeat(70000) } }];
    assertShape(thrown(() => loadActuals(examplePlan(), rows)), "limit_exceeded", "/0/tags/note");
    assert.equal(loadActuals(examplePlan(), "date,measure,value\n2026-01-01,revenue,1\n").length, 1);
  });
});
