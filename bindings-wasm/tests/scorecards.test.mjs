// scorecards: the case study's mid-year evaluation scored with rubrics, for
// the company, the goal owners and the regions.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

import { Actuals, evaluate, examplePlanJson, scorecards } from "salesplan";

import { evaluationsDir, thrown } from "./helpers.mjs";

const plan = examplePlanJson();
const read = (file) => readFileSync(join(evaluationsDir, "case-study", file), "utf8");
const actuals = Actuals.fromCsv(plan, read("actuals.csv"));
const midyear = {
  as_of: "2026-06-30",
  hierarchy: ["region"],
  pipeline: JSON.parse(read("pipeline.json")),
};
const evaluation = evaluate(plan, actuals, midyear);
const RUBRICS = [
  { criterion: "Planning discipline", score: 5, reviewer: "CEO", period: "2026-Q2" },
  { criterion: "Coaching", score: 4, reviewer: "CEO", owner: "Sales VP Li Wei", comment: "weekly 1:1s" },
];

describe("scorecards", () => {
  const cards = scorecards(plan, evaluation, RUBRICS);

  it("scores the company first, mixing KPI points and rubrics 70/30", () => {
    const company = cards[0];
    assert.equal(company.subject, "company");
    assert.equal(company.name, "");
    assert.equal(company.rubric_score, "100");
    const kpi = Number(company.kpi_score);
    assert.ok(kpi > 0 && kpi <= 100, company.kpi_score);
    assert.equal(Number(company.score), Math.round((0.7 * kpi + 30) * 100) / 100);
    assert.match(company.grade, /^[A-E]$/);
    const evaluation = evaluate(plan, actuals, midyear).toJSON();
    const attained = evaluation.kpis.filter((k) => k.node === "" && k.attainment !== null).map((k) => k.kpi);
    assert.deepEqual(
      company.lines.map((l) => l.kpi),
      attained,
    );
  });

  it("scores the owner with the owner's KPIs and rubric", () => {
    const vp = cards.find((c) => c.name === "Sales VP Li Wei");
    assert.ok(vp, JSON.stringify(cards.map((c) => c.name)));
    assert.equal(vp.subject, "owner");
    assert.equal(vp.rubric_score, "75");
    assert.ok(vp.lines.some((l) => l.kpi === "K-REV"));
  });

  it("scores the regions once the cascade gives them targets, after the owners", () => {
    assert.ok(cards.every((c) => c.subject !== "node"), "no node has a target without a cascade");
    const regions = { id: "company", children: ["east", "west", "north"].map((r) => ({ id: `region=${r}` })) };
    const rubric = { criterion: "Territory plan", score: 2, reviewer: "Sales VP Li Wei", node: "region=east" };
    const withNodes = scorecards(plan, evaluate(plan, actuals, { ...midyear, cascade: regions }), [...RUBRICS, rubric]);
    const order = ["company", "owner", "node"];
    const subjects = withNodes.map((c) => order.indexOf(c.subject));
    assert.deepEqual(subjects, [...subjects].sort());
    const nodes = withNodes.filter((c) => c.subject === "node");
    assert.deepEqual(
      nodes.map((c) => c.name),
      ["region=east", "region=north", "region=west"],
    );
    assert.deepEqual(
      nodes.map((c) => c.rubric_score),
      ["25", null, null],
    );
    assert.ok(nodes.every((c) => c.kpi_score !== null && c.lines.length > 0));
  });

  it("takes the rubric share and cap as strings or numbers", () => {
    const kpiOnly = scorecards(plan, evaluation, RUBRICS, { rubric_share: 0 })[0];
    assert.equal(kpiOnly.score, kpiOnly.kpi_score);
    const rubricOnly = scorecards(plan, evaluation, RUBRICS, { rubric_share: "1", cap: "1.2" })[0];
    assert.equal(Number(rubricOnly.score), 100);
    const none = scorecards(plan, evaluation)[0];
    assert.equal(none.rubric_score, null);
    assert.equal(none.score, none.kpi_score);
    assert.deepEqual(scorecards(plan, evaluation, null), scorecards(plan, evaluation, []));
    // The evaluation as plain objects scores the same.
    assert.deepEqual(scorecards(plan, evaluation.toJSON(), RUBRICS), cards);
  });

  it("refuses scores off the scale and bad options", () => {
    const cases = [
      [[{ criterion: "x", score: 6, reviewer: "CEO" }], undefined, "rubrics[0]"],
      [[{ criterion: "x", score: 3, reviewer: "CEO", stars: 2 }], undefined, "rubrics"],
      [[], { rubric_share: "1.5" }, "rubric_share"],
    ];
    for (const [rubrics, options, name] of cases) {
      const error = thrown(() => scorecards(plan, evaluation, rubrics, options));
      assert.equal(error.name, "SalesplanError");
      assert.equal(error.code, "invalid_argument");
      assert.ok(error.message.includes(name), `${error.message} should name ${name}`);
    }
    // Options the core cannot read are named; camelCase keys are read as snake_case ones.
    for (const [given, name] of [
      [{ rubric_share: "lots" }, "options.rubric_share"],
      [{ rubric_share: "lots" }, "options.rubric_share"],
      [{ share: 0.3 }, "options"],
    ]) {
      const error = thrown(() => scorecards(plan, evaluation, [], given));
      assert.equal(error.code, "invalid_argument");
      assert.ok(error.message.includes(name), `${error.message} should name ${name}`);
    }
    assert.equal(thrown(() => scorecards(plan, {})).code, "invalid_argument");
  });
});
