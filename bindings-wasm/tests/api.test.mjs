// The exports of the Node build, one contract at a time.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

import * as salesplan from "salesplan";
import {
  examplePlan,
  examplePlanJson,
  formatAmount,
  parseAmount,
  parsePlan,
  planSchema,
  validate,
  version,
} from "salesplan";

import { packageDir } from "./helpers.mjs";

const EXPORTS = [
  "Actuals",
  "EvaluationResult",
  "History",
  "Partial",
  "Plan",
  "RuleSet",
  "accuracy",
  "allocate",
  "apply",
  "applyPatch",
  "cascade",
  "chartBudgetBurn",
  "chartBurnUp",
  "chartGantt",
  "chartGapWaterfall",
  "chartKpiBullets",
  "chartOutcomeHistogram",
  "chartRiskHeatmap",
  "decomposeGap",
  "diff",
  "edit",
  "evaluate",
  "evaluatePartial",
  "examplePlan",
  "examplePlanJson",
  "fold",
  "formatAmount",
  "formatMoney",
  "headsNeeded",
  "loadActuals",
  "monitor",
  "optionsSchema",
  "outputsSchema",
  "parseAmount",
  "parsePlan",
  "phaseGoal",
  "planSchema",
  "propose",
  "replay",
  "report",
  "reverseFunnel",
  "riskRegister",
  "scenarios",
  "scorecards",
  "sections",
  "simulate",
  "snapshot",
  "summary",
  "unitEconomics",
  "validate",
  "version",
];

describe("the package", () => {
  it("exports exactly the documented functions", () => {
    assert.deepEqual(Object.keys(salesplan).sort(), EXPORTS);
  });

  it("has the version of the core crate, as package.json does", () => {
    const pkg = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
    const cargo = readFileSync(join(packageDir, "..", "Cargo.toml"), "utf8");
    const workspaceVersion = /\[workspace\.package\][^[]*?\nversion = "([^"]+)"/.exec(cargo)?.[1];
    assert.match(version(), /^\d+\.\d+\.\d+/);
    assert.equal(version(), pkg.version);
    assert.equal(version(), workspaceVersion);
  });
});

describe("examplePlan", () => {
  it("is the case study: 1.2亿元 revenue, kept as an exact string", () => {
    const plan = examplePlan();
    assert.equal(plan.schema, "salesplan/1");
    const revenue = plan.goals.find((goal) => goal.id === "G-REV");
    assert.equal(revenue.target, "120000000.00");
    assert.equal(typeof revenue.target, "string");
    assert.equal(parseAmount("1.2亿"), "120000000");
  });

  it("validates with no errors", () => {
    const diagnostics = validate(examplePlan());
    assert.deepEqual(
      diagnostics.filter((d) => d.severity === "error"),
      [],
    );
  });

  it("is plain JSON-compatible data: objects, arrays, strings, numbers, booleans", () => {
    const plan = examplePlan();
    const walk = (value) => {
      if (Array.isArray(value)) return value.forEach(walk);
      if (value !== null && typeof value === "object") {
        assert.equal(Object.getPrototypeOf(value), Object.prototype);
        return Object.values(value).forEach(walk);
      }
      assert.ok(["string", "number", "boolean"].includes(typeof value), `${typeof value}`);
    };
    walk(plan);
    assert.deepEqual(JSON.parse(JSON.stringify(plan)), plan);
  });

  it("equals the shipped JSON text once normalised", () => {
    const text = examplePlanJson();
    assert.equal(typeof text, "string");
    assert.deepEqual(parsePlan(text), examplePlan());
    assert.deepEqual(parsePlan(JSON.parse(text)), examplePlan());
  });
});

describe("parsePlan", () => {
  const minimal = {
    schema: "salesplan/1",
    id: "p",
    name: "Minimal",
    currency: "CNY",
    period: { start: "2026-01-01", end: "2026-12-31", granularity: "month" },
  };

  it("reads a plain object and a JSON string alike", () => {
    const fromObject = parsePlan(minimal);
    const fromString = parsePlan(JSON.stringify(minimal));
    assert.deepEqual(fromObject, fromString);
    assert.equal(fromObject.id, "p");
  });

  it("fills in defaults", () => {
    const plan = parsePlan(minimal);
    assert.equal(plan.period.fiscal_year_start_month, 1);
    assert.deepEqual(plan.goals, []);
    assert.equal(plan.risks.matrix.likelihood_levels, 5);
  });

  it("round-trips its own output", () => {
    const once = parsePlan(examplePlan());
    assert.deepEqual(parsePlan(once), once);
  });

  it("reads objects as JSON would: undefined properties are absent", () => {
    assert.deepEqual(parsePlan({ ...minimal, description: undefined }), parsePlan(minimal));
  });

  it("does not change its input", () => {
    const input = structuredClone(minimal);
    parsePlan(input);
    assert.deepEqual(input, minimal);
  });
});

describe("validate", () => {
  it("returns plain diagnostics {severity, code, path, message}", () => {
    const plan = examplePlan();
    plan.execution.tasks[0].due = "2025-01-01";
    const diagnostics = validate(plan);
    assert.ok(diagnostics.length > 0);
    for (const d of diagnostics) {
      assert.deepEqual(Object.keys(d).sort(), ["code", "message", "path", "severity"]);
      assert.ok(["error", "warning", "info"].includes(d.severity));
      assert.equal(typeof d.code, "string");
      assert.match(d.path, /^(\/|$)/);
    }
    const due = diagnostics.find((d) => d.code === "task_due_before_start");
    assert.ok(due, JSON.stringify(diagnostics));
    assert.equal(due.severity, "error");
    assert.equal(due.path.startsWith("/execution/tasks/0"), true);
  });

  it("gives the same answer for an object and for its text", () => {
    const plan = examplePlan();
    plan.goals[0].deadline = undefined;
    assert.deepEqual(validate(plan), validate(JSON.stringify(plan)));
  });
});

describe("planSchema", () => {
  it("is the JSON Schema of the document", () => {
    const schema = planSchema();
    assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
    assert.equal(schema.type, "object");
    assert.deepEqual(schema.properties.schema.const, "salesplan/1");
    for (const key of ["schema", "id", "name", "currency", "period"]) {
      assert.ok(schema.required.includes(key), key);
    }
    for (const section of ["goals", "market", "strategies", "resources", "execution", "risks", "kpis", "rules"]) {
      assert.ok(section in schema.properties, section);
    }
  });

  it("equals the committed schema file", () => {
    const committed = JSON.parse(readFileSync(join(packageDir, "..", "schema", "plan.schema.json"), "utf8"));
    assert.deepEqual(planSchema(), committed);
  });

  it("has the output and option schemas beside it, as committed", () => {
    for (const [name, schema] of [["outputs", salesplan.outputsSchema()], ["options", salesplan.optionsSchema()]]) {
      const committed = JSON.parse(readFileSync(join(packageDir, "..", "schema", `${name}.schema.json`), "utf8"));
      assert.deepEqual(schema, committed, name);
    }
  });
});

describe("Plan", () => {
  it("reads a plan once and gives the functions as methods, with the same answers", () => {
    const plan = salesplan.Plan.example();
    const text = salesplan.examplePlanJson();
    assert.deepEqual(plan.toJSON(), salesplan.parsePlan(text));
    assert.deepEqual([plan.id, plan.currency, plan.revisionNumber, plan.revision], ["techco-fy2026", "CNY", 1, null]);
    assert.deepEqual(plan.validate(), salesplan.validate(text));
    const csv = "date,measure,value\n2026-01-20,revenue,6500000\n";
    const actuals = plan.loadActuals(csv);
    const evaluation = plan.evaluate(actuals, { as_of: "2026-01-31" });
    assert.deepEqual(evaluation.toJSON(), salesplan.evaluate(text, actuals, { as_of: "2026-01-31" }).toJSON());
    assert.deepEqual(plan.propose(evaluation), salesplan.propose(text, evaluation));
    assert.deepEqual(plan.phaseGoal("G-REV"), salesplan.phaseGoal(text, "G-REV"));
    assert.deepEqual(plan.summary(), salesplan.summary(text));
    assert.equal(plan.summary().goals[0].target, "120000000.00");
    assert.deepEqual(salesplan.sections()[0], { key: "goals", zh: "目标设定", en: "Goals" });
    // A free function takes the Plan itself too.
    assert.deepEqual(salesplan.validate(plan), plan.validate());
  });

  it("edits into a new Plan, and diffs back", () => {
    const plan = salesplan.Plan.example();
    const change = { author: "A", at: "2026-07-03T09:00:00+08:00", reason: "R" };
    const revised = plan.edit([{ op: "replace", path: "/name", value: "Renamed" }], change);
    assert.ok(revised.plan instanceof salesplan.Plan);
    assert.equal(revised.plan.name, "Renamed");
    assert.equal(revised.plan.revisionNumber, 2);
    assert.deepEqual(salesplan.Plan.diff(plan, revised.plan), [{ op: "replace", path: "/name", value: "Renamed" }]);
  });

  it("refuses a document that is not a plan, as parsePlan does", () => {
    assert.throws(() => new salesplan.Plan('{"schema": "salesplan/1", "id": 7}'), { name: "SalesplanError", code: "invalid_type", path: "/id" });
  });
});

describe("parseAmount", () => {
  const cases = [
    ["1.2亿", "120000000"],
    ["3,500万", "35000000"],
    ["1亿2000万", "120000000"],
    ["120000000.50", "120000000.5"],
    ["-3,500万", "-35000000"],
    ["￥1.5万亿元", "1500000000000"],
    ["0.1", "0.1"],
  ];
  for (const [text, expected] of cases) {
    it(`${text} → ${expected}`, () => {
      const amount = parseAmount(text);
      assert.equal(typeof amount, "string");
      assert.equal(amount, expected);
    });
  }

  it("keeps more digits than a float can", () => {
    assert.equal(parseAmount("12345678901234567.89"), "12345678901234567.89");
  });

  it("reads money written with 29 digits, trailing zero decimals not counted", () => {
    assert.equal(
      parseAmount("938,128,862,192,746,978,789,686,781.00"),
      "938128862192746978789686781",
    );
    assert.equal(parseAmount("1.000000000000000000000000000000"), "1");
  });
});

describe("formatAmount", () => {
  it("writes amounts in 亿 and 万 by default", () => {
    assert.equal(formatAmount("120000000"), "1.2亿");
    assert.equal(formatAmount("35000000"), "3,500万");
    assert.equal(formatAmount("1亿2000万"), "1.2亿");
    assert.equal(formatAmount("999"), "999");
  });

  it("takes numbers and bigints exactly", () => {
    assert.equal(formatAmount(120000000), "1.2亿");
    assert.equal(formatAmount(0.1, { unit: "none" }), "0.1");
    assert.equal(formatAmount(35000000n), "3,500万");
    assert.equal(formatAmount(-12345n, { unit: "wan" }), "-1.2345万");
  });

  it("follows its options", () => {
    assert.equal(formatAmount("120000000", { unit: "wan" }), "12,000万");
    assert.equal(formatAmount("120000000", { unit: "wan", grouping: false }), "12000万");
    assert.equal(formatAmount("1234.5678", { unit: "none", max_decimals: 2 }), "1,234.57");
    assert.equal(formatAmount("123456789", { unit: "yi", max_decimals: 2 }), "1.23亿");
    assert.equal(formatAmount("123456789", { unit: "auto" }), formatAmount("123456789"));
    assert.equal(formatAmount("1", {}), "1");
    assert.equal(formatAmount("1", undefined), "1");
    assert.equal(formatAmount("1", null), "1");
  });

  it("round-trips through parseAmount", () => {
    for (const text of ["1.2亿", "3,500万", "999", "1.2345万"]) {
      assert.equal(formatAmount(parseAmount(text)), text);
    }
  });
});
