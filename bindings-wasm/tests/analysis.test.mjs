// Planning arithmetic: allocation, cascades, gap decomposition, funnels,
// heads and unit economics, with exact decimal strings in and out.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { allocate, cascade, decomposeGap, headsNeeded, reverseFunnel, unitEconomics } from "salesplan";

import { thrown } from "./helpers.mjs";

function assertInvalid(f, message) {
  const error = thrown(f);
  assert.equal(error.name, "SalesplanError");
  assert.equal(error.code, "invalid_argument");
  if (typeof message === "string") assert.equal(error.message, message);
  else assert.match(error.message, message);
}

describe("allocate", () => {
  it("splits in cents that sum exactly, keeping the total's scale", () => {
    assert.deepEqual(allocate("100.00", ["1", "1", "1", "0", "2.5"]), ["18.18", "18.18", "18.18", "0", "45.46"]);
    assert.deepEqual(allocate(100, [1, 1, 1]), ["33.34", "33.33", "33.33"]);
    assert.deepEqual(allocate("1万", [1n, 3n], 0), ["2500", "7500"]);
  });

  it("refuses what it cannot split", () => {
    assertInvalid(() => allocate(100, []), /^invalid argument weights: /);
    assertInvalid(() => allocate(100, "1,1"), "invalid argument weights: expected an array, found string");
    assertInvalid(() => allocate(100, [1, {}]), /^invalid argument weights\[1\]: expected a string, number or bigint/);
    assertInvalid(() => allocate(100, [1], -1), "invalid argument scale: -1 is not a whole number from 0");
  });
});

describe("cascade", () => {
  const tree = {
    id: "CO",
    children: [
      {
        id: "EAST",
        name: "华东",
        weight: "2",
        children: [
          { id: "E1", submitted: "30000000" },
          { id: "E2", submitted: "45000000" },
        ],
      },
      { id: "WEST", weight: "1", children: [{ id: "W1", submitted: "40000000" }, { id: "W2", weight: "3" }] },
    ],
  };

  it("splits down the tree with bottom-up gaps", () => {
    const allocation = cascade("1.2亿", tree);
    assert.equal(allocation.target, "120000000");
    assert.equal(allocation.bottom_up, null, "W2 has not submitted");
    const [east, west] = allocation.children;
    assert.deepEqual(
      { target: east.target, bottom_up: east.bottom_up, gap: east.gap },
      { target: "80000000", bottom_up: "75000000", gap: "-5000000" },
    );
    assert.equal(west.children[1].target, "30000000");
    assert.equal("children" in west.children[1], false);
    assert.equal(cascade("120000000.00", tree).target, "120000000.00");
  });

  it("refuses a tree that does not fit", () => {
    assertInvalid(() => cascade(100, { id: "CO", weigth: "2" }), /^invalid argument tree: unknown field `weigth`/);
    const withWeight = (weight) => ({ id: "CO", children: [{ id: "A", weight }] });
    assertInvalid(() => cascade(100, withWeight(2)), /^invalid argument tree: invalid type: integer `2`/);
    assertInvalid(() => cascade(100, withWeight("0")), /^invalid argument children of CO: /);
    assertInvalid(() => cascade(100, undefined), /^invalid argument tree: /);
  });
});

describe("decomposeGap", () => {
  it("explains a conversion shortfall", () => {
    const effects = decomposeGap(
      { leads: 1000, won: 250, revenue: "5000万" },
      { leads: "1000", won: 220n, revenue: "44000000" },
    );
    assert.deepEqual(effects, { variance: "-6000000", volume: "0", conversion: "-6000000.00", deal_size: "0.00" });
  });

  it("names the missing number", () => {
    const one = { leads: 1, won: 1, revenue: 1 };
    const zero = { leads: 0, won: 0, revenue: 0 };
    assertInvalid(
      () => decomposeGap({ leads: 1, won: 1 }, one),
      "invalid argument planned.revenue: expected a string, number or bigint, found undefined",
    );
    assertInvalid(() => decomposeGap([1, 2, 3], one), /^invalid argument planned: expected \{leads, won, revenue\}/);
    assertInvalid(() => decomposeGap(zero, zero), /planned funnel needs leads/);
  });
});

describe("reverseFunnel, headsNeeded, unitEconomics", () => {
  it("size a funnel, rounding up", () => {
    assert.deepEqual(reverseFunnel("1000001", 1000, "0.5", 0.5), { deals: "1001", opportunities: "2002", leads: "4004" });
    assertInvalid(() => reverseFunnel(1, 1, "1.5", "0.5"), /^invalid argument win_rate: /);
  });

  it("count heads", () => {
    assert.equal(headsNeeded("3000万", "400万", 3, "0.10", 12), "10");
    assertInvalid(() => headsNeeded(1, 1, -1, 0, 12), "invalid argument rampMonths: -1 is not a whole number from 0");
    assertInvalid(() => headsNeeded(1, 1, 1.5, 0, 12), "invalid argument rampMonths: 1.5 is not a whole number from 0");
    assertInvalid(() => headsNeeded(1, 1, 0, 0, "12"), "invalid argument months: expected a number, found string");
  });

  it("work out unit economics", () => {
    assert.deepEqual(unitEconomics("2000万", 300, 330000, "0.6", "0.15"), {
      cac: "66666.67",
      ltv: "1320000",
      ltv_to_cac: "19.8000",
      payback_months: "4.0",
    });
    assertInvalid(() => unitEconomics(1, 1, 1, 0, "0.1"), /^invalid argument gross_margin: /);
    assertInvalid(() => unitEconomics(NaN, 1, 1, 1, 1), "invalid argument acquisitionSpend: NaN is not a finite number");
  });
});
