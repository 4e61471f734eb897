// The adjustment loop: the conformance suite (tests/adjust/ at the
// repository root, format in tests/README.md), byte for byte after
// normalisation, and the contract of propose, apply, edit,
// diff, History, replay and scenarios.
//
// The cases write options as the core does (`as_of`); they are given here
// as JavaScript takes them: `replay`'s last day is `until`, and the
// simulation options of `scenarios` are camelCase.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";

import {
  Actuals,
  History,
  apply,
  diff,
  edit,
  evaluate,
  examplePlan,
  examplePlanJson,
  loadActuals,
  parsePlan,
  propose,
  replay,
  scenarios,
  validate,
} from "salesplan";

import { adjustDir, evaluationsDir, normalise, thrown } from "./helpers.mjs";

const read = (path) => readFileSync(path, "utf8");

/** `as_of` → `asOf`. */
const camelCase = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
const camelCaseKeys = (object) => Object.fromEntries(Object.entries(object).map(([k, v]) => [camelCase(k), v]));

/** The company's result of a KPI. */
const kpi = (evaluation, id) => evaluation.kpis.find((k) => k.kpi === id && k.node === "");

/** What every binding produces for one case, as `core/tests/adjust.rs` runs it. */
function run(directory, input) {
  const planPath = join(directory, "plan.json");
  const plan = existsSync(planPath) ? read(planPath) : examplePlanJson();
  const actuals = input.actuals ? Actuals.fromCsv(plan, read(join(directory, input.actuals))) : loadActuals(plan, []);
  try {
    return { result: operation(plan, actuals, directory, input) };
  } catch (error) {
    if (error?.name !== "SalesplanError") throw error;
    return { error: { code: error.code, message: error.message } };
  } finally {
    actuals.free();
  }
}

function operation(plan, actuals, directory, input) {
  switch (input.operation) {
    case "propose": {
      const evaluation = evaluate(plan, actuals, { as_of: input.as_of }).toJSON();
      return propose(plan, evaluation, input.accepted ?? []);
    }
    case "loop": {
      const midYear = evaluate(plan, actuals, { as_of: input.propose_as_of }).toJSON();
      const proposals = propose(plan, midYear);
      const revised = apply(plan, proposals, input.change, midYear);
      const yearEnd = evaluate(revised.plan, actuals, { as_of: input.final_as_of }).toJSON();
      const revenue = kpi(yearEnd, "K-REV");
      const { target, actual, attainment, status } = revenue;
      return {
        proposals,
        revision: revised.revision,
        plan_revision: revised.plan.revision,
        final: { as_of: yearEnd.as_of, kpi: revenue.kpi, target, actual, attainment, status },
      };
    }
    case "replay":
      return replay(plan, actuals, { until: input.as_of });
    case "scenarios": {
      const pipeline = input.pipeline ? JSON.parse(read(join(directory, input.pipeline))) : [];
      const simulation = input.simulation ? camelCaseKeys(input.simulation) : undefined;
      return scenarios(plan, input.scenarios, actuals, { as_of: input.as_of, pipeline, simulation });
    }
    case "edit": {
      const revised = edit(plan, input.patch, input.change);
      return { revision: revised.revision, plan_revision: revised.plan.revision };
    }
    default:
      throw new Error(`unknown operation ${input.operation}`);
  }
}

const cases = existsSync(adjustDir)
  ? readdirSync(adjustDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(adjustDir, entry.name, "input.json")))
      .map((entry) => entry.name)
      .sort()
  : [];

describe("adjustment conformance", () => {
  it("has the seven cases", () => {
    assert.ok(cases.length >= 7, `no adjustment cases in ${adjustDir}`);
  });

  for (const name of cases) {
    it(name, () => {
      const directory = join(adjustDir, name);
      const input = JSON.parse(read(join(directory, "input.json")));
      assert.equal(normalise(run(directory, input)), read(join(directory, "expected.json")));
    });
  }
});

const CASE = join(evaluationsDir, "case-study");
const plan = examplePlan();
const actuals = loadActuals(plan, read(join(CASE, "actuals.csv")));
const midYear = evaluate(plan, actuals, { as_of: "2026-06-30" }).toJSON();
const change = {
  author: "Sales VP Li Wei",
  at: "2026-07-03T09:00:00+08:00",
  reason: "Conversion is 22% against a 28% target; add customer training and after-sales service",
};
after(() => actuals.free());

/** A decimal string with at most two decimals as a BigInt of cents. */
const cents = (text) => {
  const [whole, fraction = ""] = text.split(".");
  return BigInt(whole + fraction.padEnd(2, "0"));
};

/** The plan without its `revision` member: its content. */
const content = ({ revision: _, ...rest }) => rest;

describe("the case study's loop", () => {
  it("proposes customer service at mid-year, and revision 2 reaches 1.2亿 by the year's end", () => {
    const proposals = propose(plan, midYear);
    assert.equal(proposals.as_of, "2026-06-30");
    assert.deepEqual(
      proposals.proposals.map((p) => p.id),
      ["R-CONV-SERVICE@2026-06-30"],
    );
    const [service] = proposals.proposals;
    assert.deepEqual(service.facts, [
      { fact: 'kpi("K-CONV").attainment', value: "0.7857" },
      { fact: 'kpi("K-REV-HIGH").trend', value: "400000" },
    ]);
    assert.equal(service.explanation, 'kpi("K-CONV").attainment = 0.7857; kpi("K-REV-HIGH").trend = 400000');
    assert.deepEqual(
      service.actions.map((a) => a.type),
      ["add_strategy", "add_task", "add_task", "move_budget", "recommend"],
    );

    const revised = apply(plan, proposals, change, midYear);
    assert.deepEqual(revised.plan.revision, {
      number: 2,
      parent: 1,
      author: change.author,
      at: change.at,
      reason: change.reason,
      proposals: ["R-CONV-SERVICE@2026-06-30"],
    });
    assert.equal(revised.revision.number, 2);
    assert.deepEqual(revised.revision.accepted, [{ rule: "R-CONV-SERVICE", as_of: "2026-06-30" }]);
    assert.ok(revised.plan.strategies.some((s) => s.id === "S-CARE"));
    const budget = (p, id) => p.resources.budget.find((b) => b.id === id).amount;
    assert.equal(budget(revised.plan, "B-PROMO"), "3500000.00");
    assert.equal(budget(revised.plan, "B-TRAIN"), "2500000.00");
    assert.deepEqual(validate(revised.plan).filter((d) => d.severity === "error"), []);

    const yearEnd = kpi(evaluate(revised.plan, actuals, { as_of: "2026-12-31" }).toJSON(), "K-REV");
    assert.equal(yearEnd.target, "120000000.00");
    assert.ok(cents(yearEnd.actual) >= cents("120000000.00"), yearEnd.actual);
    assert.equal(yearEnd.status, "on_track");
  });

  it("leaves the plan given alone", () => {
    const before = structuredClone(plan);
    apply(plan, propose(plan, midYear), change, midYear);
    assert.deepEqual(plan, before);
  });

  it("accepts the proposals object or the proposals chosen from it", () => {
    const proposals = propose(plan, midYear);
    const all = apply(plan, proposals, change, midYear);
    assert.deepEqual(apply(plan, proposals.proposals, change, midYear), all);
    assert.deepEqual(apply(examplePlanJson(), JSON.parse(JSON.stringify(proposals)), change, JSON.parse(JSON.stringify(midYear))), all);
    const none = apply(plan, [], change);
    assert.deepEqual(none.revision.patch, []);
    assert.deepEqual(none.revision.accepted, []);
    assert.equal(none.plan.revision.number, 2);
  });

  it("numbers revisions from the plan's own", () => {
    const second = apply(plan, propose(plan, midYear), change, midYear);
    const third = edit(second.plan, [{ op: "replace", path: "/resources/budget/5/amount", value: "1000000.00" }], {
      ...change,
      reason: "Reserve cut",
    });
    assert.deepEqual([third.revision.number, third.revision.parent], [3, 2]);
    assert.deepEqual([third.plan.revision.number, third.plan.revision.parent], [3, 2]);
  });

  it("takes a Date for the time of a change", () => {
    const at = new Date(Date.UTC(2026, 6, 3, 1, 0, 0));
    const revised = apply(plan, [], { ...change, at });
    assert.equal(revised.revision.at, "2026-07-03T01:00:00.000Z");
  });
});

describe("propose", () => {
  it("holds a rule back within its cooldown", () => {
    const july = evaluate(plan, actuals, { as_of: "2026-07-31" }).toJSON();
    assert.deepEqual(propose(plan, july).proposals.map((p) => p.rule), ["R-CONV-SERVICE"]);
    const cooling = propose(plan, july, [{ rule: "R-CONV-SERVICE", as_of: "2026-06-30" }]);
    assert.deepEqual(cooling.proposals, []);
    assert.deepEqual(cooling.suppressed, [
      { rule: "R-CONV-SERVICE", reason: "accepted as of 2026-06-30; cooling down for 2 period(s), 1 elapsed" },
    ]);
    assert.deepEqual(propose(plan, july, null), propose(plan, july));
  });

  it("reports proposals that touch the same thing as a conflict", () => {
    const two = structuredClone(plan);
    two.rules.push({
      id: "R-PROMO-CUT",
      name: "Cut promotion while conversion lags",
      when: 'kpi("K-CONV").attainment < 0.9',
      actions: [{ type: "move_budget", from: "B-PROMO", to: "B-RESERVE", amount: "500000.00" }],
      priority: 3,
    });
    const proposals = propose(two, midYear);
    assert.deepEqual(
      proposals.proposals.map((p) => [p.id, p.priority]),
      [
        ["R-CONV-SERVICE@2026-06-30", 10],
        ["R-PROMO-CUT@2026-06-30", 3],
      ],
    );
    assert.deepEqual(proposals.conflicts, [
      { target: "budget:B-PROMO", proposals: ["R-CONV-SERVICE@2026-06-30", "R-PROMO-CUT@2026-06-30"] },
    ]);
  });

  it("names the rule and the column of a condition that does not compile", () => {
    const broken = structuredClone(plan);
    broken.rules[1].when = 'kpi("K-REV").status < 0.9';
    const error = thrown(() => propose(broken, midYear));
    assert.equal(error.name, "SalesplanError");
    assert.deepEqual([error.code, error.path], ["invalid_argument", "/rules/1/when"]);
    assert.equal(error.message, "invalid argument /rules/1/when: rule R-REV-PACE, column 21: compares a text with a number");
    const [diagnostic] = validate(broken).filter((d) => d.severity === "error");
    assert.equal(diagnostic.path, "/rules/1/when");
    assert.match(diagnostic.message, /^rule R-REV-PACE, column 21: /);
  });

  it("refuses conditions nested too deep or too long instead of overflowing the stack", () => {
    const broken = structuredClone(plan);
    broken.rules[1].when = `${"(".repeat(5000)}1${")".repeat(5000)} > 0`;
    broken.rules[0].when = `1${" + 1".repeat(2000)} > 0`;
    const errors = validate(broken).filter((d) => d.severity === "error");
    assert.deepEqual(errors.map((d) => d.path), ["/rules/0/when", "/rules/1/when"]);
    assert.match(errors[0].message, /column 513: the condition is too long: at most 256 tokens$/);
    assert.match(errors[1].message, /column 33: parentheses and brackets nest more than 32 deep$/);
  });

  it("refuses KPI formulas nested too deep instead of overflowing the stack", () => {
    const broken = structuredClone(plan);
    broken.kpis[0].formula = `${"(".repeat(20000)}sum(revenue)${")".repeat(20000)}`;
    const errors = validate(broken).filter((d) => d.severity === "error");
    assert.deepEqual(errors.map((d) => d.path), ["/kpis/0/formula"]);
    assert.match(errors[0].message, /column 33: parentheses nest more than 32 deep/);
  });

  it("refuses what is not an evaluation or a list of accepted proposals", () => {
    const cases = [
      [() => propose(plan, {}), /^invalid argument evaluation: missing field `as_of`$/],
      [() => propose(plan, undefined), /^invalid argument evaluation: /],
      [() => propose(plan, midYear, [{ rule: "R" }]), /^invalid argument accepted: missing field `as_of`$/],
      [() => propose(plan, midYear, [{ rule: "R", as_of: "2026-06-30", by: "me" }]), /^invalid argument accepted: unknown field `by`/],
    ];
    for (const [call, message] of cases) {
      const error = thrown(call);
      assert.equal(error.code, "invalid_argument");
      assert.match(error.message, message);
    }
  });
});

describe("apply and edit refused", () => {
  const orphan = {
    op: "add",
    path: "/execution/tasks/-",
    value: { id: "T-99", name: "Orphan task", owner: "Ops", start: "2026-08-01", due: "2026-08-31", depends_on: ["T-404"] },
  };

  it("rejects a change that would make the plan invalid, with every diagnostic", () => {
    const before = structuredClone(plan);
    const error = thrown(() => edit(plan, [orphan], change));
    assert.ok(error instanceof Error);
    assert.equal(error.name, "SalesplanError");
    assert.deepEqual([error.code, error.path], ["rejected", null]);
    assert.match(error.message, /^the change would make the plan invalid: 1 error\(s\); first: \[unknown_reference\] /);
    // The diagnostics of the plan it would have been, errors first.
    const would = structuredClone(plan);
    would.execution.tasks.push(orphan.value);
    const diagnostics = validate(would);
    const errorsFirst = [...diagnostics.filter((d) => d.severity === "error"), ...diagnostics.filter((d) => d.severity !== "error")];
    assert.deepEqual(error.diagnostics, errorsFirst);
    assert.deepEqual(error.diagnostics[0], {
      severity: "error",
      code: "unknown_reference",
      path: "/execution/tasks/9/depends_on/0",
      message: 'task T-99 refers to task "T-404", which does not exist',
    });
    assert.deepEqual(plan, before);
  });

  it("rejects accepted proposals that would clash with the plan", () => {
    const taken = structuredClone(plan);
    taken.execution.tasks.push({ id: "T-10", name: "Taken", start: "2026-08-01", due: "2026-08-31" });
    const before = structuredClone(taken);
    const error = thrown(() => apply(taken, propose(taken, midYear), change, midYear));
    assert.equal(error.code, "rejected");
    assert.ok(error.diagnostics.some((d) => d.code === "duplicate_id" && d.severity === "error"));
    assert.deepEqual(taken, before);
  });

  it("refuses an action that cannot be carried out", () => {
    const proposals = structuredClone(propose(plan, midYear).proposals);
    proposals[0].actions.find((a) => a.type === "move_budget").amount = "99000000.00";
    const error = thrown(() => apply(plan, proposals, change, midYear));
    assert.equal(error.code, "invalid_argument");
    assert.match(error.message, /B-PROMO has 5000000.00, less than the 99000000.00 to move$/);
  });

  it("refuses a change without an author, a reason or a time", () => {
    const cases = [
      [{ ...change, author: " " }, "invalid argument author: a revision needs an author"],
      [{ ...change, reason: "" }, "invalid argument reason: a revision needs a reason"],
      [{ ...change, at: "3 July" }, "invalid argument at: not an RFC 3339 time (2026-07-03T09:00:00+08:00)"],
      [{ author: "A", reason: "B" }, "invalid argument change: missing field `at`"],
      [{ ...change, colour: "red" }, "invalid argument change: unknown field `colour`, expected one of `author`, `at`, `reason`"],
    ];
    for (const [bad, message] of cases) {
      assert.equal(thrown(() => edit(plan, [], bad)).message, message);
      assert.equal(thrown(() => apply(plan, [], bad)).message, message);
    }
  });

  it("refuses what is not a set of proposals", () => {
    const cases = [
      [7, /^invalid argument proposals: expected what propose returns or an array of proposals, found number$/],
      [{ as_of: "2026-06-30" }, /^invalid argument proposals: expected what propose returns or an array of proposals, found an object/],
      [[{ id: "R@2026-06-30" }], /^invalid argument proposals\/0: missing field `rule`$/],
    ];
    for (const [bad, message] of cases) {
      const error = thrown(() => apply(plan, bad, change));
      assert.equal(error.code, "invalid_argument");
      assert.match(error.message, message);
    }
  });

  it("refuses a patch that cannot be read, applied or that touches the revision", () => {
    const cases = [
      [[{ op: "explode", path: "/id" }], "invalid_value", "/0/op", /unknown variant `explode`, expected one of `add`, `remove`, `replace`, `move`, `copy`, `test`$/],
      [[{ op: "replace", path: "/id" }], "missing_field", "/0/value", /missing field `value`$/],
      [[{ op: "remove", path: "/nope" }], "invalid_argument", null, /^invalid argument patch\/0: remove: nothing at \/nope$/],
      [[{ op: "test", path: "/id", value: "other" }], "invalid_argument", null, /^invalid argument patch\/0: test: the value at \/id differs$/],
      [[{ op: "replace", path: "/revision", value: null }], "invalid_argument", null, /^invalid argument patch\/0: a patch changes the plan's content/],
      [[{ op: "add", path: "/colour", value: "red" }], "unknown_field", "/colour", /^\/colour: unknown field `colour`/],
    ];
    for (const [patch, code, path, message] of cases) {
      const error = thrown(() => edit(plan, patch, change));
      assert.deepEqual([error.code, error.path], [code, path], error.message);
      assert.match(error.message, message);
    }
  });
});

describe("diff", () => {
  it("gives the patch between two plans, their revision members aside", () => {
    assert.deepEqual(diff(plan, examplePlanJson()), []);
    const revised = apply(plan, propose(plan, midYear), change, midYear);
    const patch = diff(plan, revised.plan);
    assert.deepEqual(patch, revised.revision.patch);
    assert.ok(patch.every((op) => ["add", "remove", "replace"].includes(op.op) && op.path.startsWith("/")));
    assert.ok(!patch.some((op) => op.path.startsWith("/revision")));
    const again = edit(plan, patch, change);
    assert.deepEqual(content(again.plan), content(revised.plan));
    assert.deepEqual(diff(revised.plan, plan), diff(again.plan, plan));
  });
});

describe("History", () => {
  it("keeps the log: commit, rebuild, diff, undo and read back", () => {
    const history = new History(plan);
    assert.equal(history.latestNumber, 1);
    assert.deepEqual(history.revisions, []);
    assert.deepEqual(history.accepted(), []);
    assert.deepEqual(history.latest(), parsePlan(plan));

    const revised = apply(history.latest(), propose(plan, midYear), change, midYear);
    assert.equal(history.commit(revised), 2);
    assert.equal(history.latestNumber, 2);
    assert.deepEqual(history.revisions, [revised.revision]);
    assert.deepEqual(history.latest(), revised.plan);
    assert.deepEqual(history.plan(1), parsePlan(plan));
    assert.deepEqual(history.diff(1, 2), revised.revision.patch);
    assert.deepEqual(history.accepted(), [{ rule: "R-CONV-SERVICE", as_of: "2026-06-30" }]);

    // The accepted proposal holds its rule back a period later.
    const july = evaluate(history.latest(), actuals, { as_of: "2026-07-31" }).toJSON();
    const cooling = propose(history.latest(), july, history.accepted());
    assert.deepEqual(cooling.proposals, []);
    assert.deepEqual(cooling.suppressed.map((s) => s.rule), ["R-CONV-SERVICE"]);

    const undo = { author: "CEO", at: "2026-07-10T18:00:00+08:00", reason: "Not this year" };
    const undone = history.undo(undo);
    assert.deepEqual([undone.revision.number, undone.revision.parent], [3, 2]);
    assert.deepEqual(undone.plan.revision, { number: 3, parent: 2, ...undo });
    assert.deepEqual(undone.revision.patch, diff(revised.plan, plan));
    assert.equal(history.latestNumber, 3);
    assert.deepEqual(history.diff(1, 3), []);
    assert.deepEqual(content(history.latest()), content(parsePlan(plan)));
    assert.deepEqual(history.diff(3, 2), history.diff(1, 2));

    const saved = JSON.stringify(history);
    assert.deepEqual(Object.keys(JSON.parse(saved)), ["base", "revisions"]);
    for (const source of [saved, JSON.parse(saved), history.toJSON()]) {
      const back = History.fromJson(source);
      assert.equal(back.latestNumber, 3);
      assert.equal(JSON.stringify(back), saved);
      assert.deepEqual(back.latest(), history.latest());
      back.free();
    }
    assert.deepEqual(History.fromJson({ base: plan }).toJSON(), new History(plan).toJSON());
    history.free();
  });

  it("starts from a plan's own revision", () => {
    const second = edit(plan, [{ op: "replace", path: "/name", value: "Revised" }], change).plan;
    const history = new History(JSON.stringify(second));
    assert.equal(history.latestNumber, 2);
    assert.deepEqual(history.base, second);
    assert.deepEqual(history.plan(2), second);
    history.free();
  });

  it("refuses a revision made from another one, and nothing to undo", () => {
    const history = new History(plan);
    const undo = thrown(() => history.undo(change));
    assert.deepEqual([undo.code, undo.message], ["invalid_argument", "invalid argument revision: nothing to undo: the log has only its base"]);
    const revised = edit(plan, [{ op: "replace", path: "/name", value: "Revised" }], change);
    history.commit(revised);
    const stale = thrown(() => history.commit(revised));
    assert.equal(stale.message, "invalid argument revision: revision 2 was made from 1, not from the latest revision 2");
    assert.equal(history.latestNumber, 2);
    const missing = thrown(() => history.plan(7));
    assert.equal(missing.message, "invalid argument revision: the log has no revision 7 (1 to 2)");
    assert.equal(thrown(() => history.plan(-1)).message, "invalid argument number: -1 is not a whole number from 0");
    assert.match(thrown(() => history.commit({ revision: revised.revision })).message, /^invalid argument revised: missing field `plan`/);
    assert.match(thrown(() => history.commit(7)).message, /^invalid argument revised: expected \{plan, revision\}/);
    history.free();
  });

  it("reads a log back with errors that say where", () => {
    const cases = [
      ["{", "syntax", "", /^invalid JSON at line 1, column 1: /],
      [[], "invalid_type", "", /^: a history must be a JSON object/],
      [{ revisions: [] }, "missing_field", "/base", /^\/base: missing field `base`$/],
      [{ base: plan, colour: "red" }, "unknown_field", "/colour", /^\/colour: unknown field `colour`/],
      [{ base: { ...plan, id: 7 } }, "invalid_type", "/base/id", /^\/base\/id: invalid type/],
      [{ base: plan, revisions: [{}] }, "missing_field", "/revisions/0/number", /missing field `number`/],
    ];
    for (const [source, code, path, message] of cases) {
      const error = thrown(() => History.fromJson(source));
      assert.deepEqual([error.code, error.path], [code, path], error.message);
      assert.match(error.message, message);
    }
  });
});

describe("replay", () => {
  it("replays the year: the service rule fires first at the end of April", () => {
    const year = replay(plan, actuals);
    assert.deepEqual(year, replay(plan, actuals, { until: "2026-12-31" }));
    assert.equal(year.steps.length, 12);
    assert.deepEqual(year.first_fired, [
      { rule: "R-CONV-SERVICE", as_of: "2026-04-30", times: 3 },
      { rule: "R-REV-PACE", as_of: null, times: 0 },
    ]);
    const fired = year.steps.filter((s) => s.proposals.length > 0).map((s) => s.period);
    const cooling = year.steps.filter((s) => s.suppressed.length > 0).map((s) => s.period);
    assert.equal(fired[0], "2026-04");
    assert.ok(cooling.includes("2026-05"), cooling.join());
  });

  it("stops at until", () => {
    const spring = replay(plan, actuals, { until: "2026-04-30" });
    assert.deepEqual(spring.steps.map((s) => s.period), ["2026-01", "2026-02", "2026-03", "2026-04"]);
    assert.deepEqual(replay(plan, actuals, { until: "2026-05-30" }).steps, spring.steps);
    assert.deepEqual(replay(plan, loadActuals(plan, [])).steps, []);
  });

  it("refuses bad options", () => {
    const cases = [
      [{ until: "April" }, 'invalid argument until: "April" is not a date (YYYY-MM-DD)'],
      [{ as_of: "2026-06-30" }, "invalid argument options.as_of: replay runs until `until`"],
      [{ colour: "red" }, /^invalid argument options: unknown field `colour`/],
    ];
    for (const [options, message] of cases) {
      const error = thrown(() => replay(plan, actuals, options));
      if (typeof message === "string") assert.equal(error.message, message);
      else assert.match(error.message, message);
    }
  });
});

describe("scenarios", () => {
  const whatIfs = [
    { name: "two more reps", patch: [{ op: "replace", path: "/resources/headcount/0/heads", value: 12 }] },
    { name: "promotion +20%", patch: [{ op: "replace", path: "/resources/budget/1/amount", value: "6000000.00" }] },
  ];

  it("sets scenarios beside the base, without a simulation", () => {
    const table = scenarios(plan, whatIfs, actuals, { as_of: "2026-06-30" });
    assert.equal(table.as_of, "2026-06-30");
    assert.deepEqual(table.rows.map((r) => r.scenario), ["base", "two more reps", "promotion +20%"]);
    const [base, reps, promotion] = table.rows;
    assert.deepEqual([base.probability, base.p50], [null, null]);
    assert.deepEqual(base.proposals, ["R-CONV-SERVICE"]);
    assert.ok(base.off_track.includes("K-CONV"));
    assert.ok(cents(reps.sales_capacity) > cents(base.sales_capacity));
    assert.equal(cents(promotion.budget) - cents(base.budget), cents("1000000.00"));
    assert.equal(base.attainment, kpi(midYear, "K-REV").attainment);
  });

  it("gives a row with its errors to a scenario whose plan breaks", () => {
    const broken = [{ name: "overspend", patch: [{ op: "replace", path: "/resources/budget/0/amount", value: "99000000.00" }] }];
    const [base, overspend] = scenarios(plan, broken, actuals, { as_of: "2026-06-30" }).rows;
    assert.equal(base.errors, 0);
    assert.ok(overspend.errors > 0);
  });

  it("simulates each scenario as of the evaluation's day", () => {
    const simulation = { trials: 500, seed: 7 };
    const table = scenarios(plan, whatIfs, actuals, { as_of: "2026-06-30", simulation });
    assert.ok(table.rows.every((r) => typeof r.probability === "string" && typeof r.p50 === "string"));
    const same = scenarios(plan, whatIfs, actuals, { as_of: "2026-06-30", simulation: { ...simulation, as_of: "2026-06-30" } });
    assert.deepEqual(same, table);
    const faster = [{ name: "more new business", run_rate_factor: "1.5" }];
    const [base, more] = scenarios(plan, faster, actuals, { as_of: "2026-06-30", simulation }).rows;
    assert.ok(Number(more.probability) > Number(base.probability));
  });

  it("refuses bad scenarios and options", () => {
    const options = { as_of: "2026-06-30" };
    const cases = [
      [[{ name: "x", colour: "red" }], options, "invalid_argument", null, /^invalid argument scenarios\/0: unknown field `colour`/],
      [[{ name: "x", patch: [{ op: "remove", path: "/nope" }] }], options, "invalid_argument", null, /^invalid argument scenarios\/0\/patch: x: /],
      [[{ name: "x" }, { name: "x" }], options, "invalid_argument", null, /^invalid argument scenarios\/1: two scenarios are named "x"$/],
      [{ name: "x" }, options, "invalid_argument", null, /^invalid argument scenarios: expected an array of scenarios, found object$/],
      [[], {}, "invalid_argument", null, /^invalid argument options: as_of is required/],
      [[], undefined, "invalid_argument", null, /^invalid argument options: as_of is required/],
      [[], { ...options, colour: "red" }, "invalid_argument", null, /^invalid argument options: unknown field `colour`/],
      [[], { ...options, simulation: { trails: 10 } }, "unknown_field", "/simulation/trails", /^\/simulation\/trails: unknown field `trails`, expected one of `as_of`, /],
      [[], { ...options, simulation: { seed: 1.5 } }, "invalid_type", "/simulation/seed", /^\/simulation\/seed: invalid type/],
      [[], { ...options, simulation: { trials: 0 } }, "invalid_argument", null, /^invalid argument trials: 0 is not between 1 and 10000000$/],
      [[], { ...options, simulation: { as_of: "2026-05-31" } }, "invalid_argument", null, /^invalid argument simulation: as_of 2026-05-31 is not the evaluation's day 2026-06-30/],
      [[], { ...options, simulation: "yes" }, "invalid_argument", null, /^invalid argument simulation: expected an object, found string$/],
    ];
    for (const [given, opts, code, path, message] of cases) {
      const error = thrown(() => scenarios(plan, given, actuals, opts));
      assert.deepEqual([error.code, error.path], [code, path], error.message);
      assert.match(error.message, message);
    }
    assert.deepEqual(
      scenarios(plan, [], actuals, { ...options, simulation: null }),
      scenarios(plan, [], actuals, options),
    );
  });
});
