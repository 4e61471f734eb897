// The risk register scored against the evaluation: each risk's level
// before and after mitigation (as the key risk indicators moved it), its
// exposure and what every indicator read.
import { $, h } from "./dom.js";
import { money, percent } from "./format.js";

/** A score as a badge with likelihood × impact. */
function score(s) {
  return h(
    "span",
    { className: "score" },
    h("span", { className: `badge level-${s.level ?? "none"}` }, s.level ?? "below every band"),
    ` ${s.likelihood}×${s.impact}=${s.score}`,
  );
}

/** What an indicator read, in a line. */
function indicator(i) {
  const read = i.value === null ? "no value" : i.basis === "attainment" ? percent(i.value) : i.value;
  const limit = i.basis === "attainment" ? percent(i.threshold) : i.threshold;
  return h(
    "li",
    { className: i.breached ? "breached" : "", dataset: { kpi: i.kpi, breached: String(i.breached) } },
    `${i.kpi} ${i.basis} ${read} (alarm ${i.when} ${limit})`,
    i.breached ? h("strong", {}, ` breached, likelihood +${i.raise}`) : "",
  );
}

/** Shows `register` (what `riskRegister` returns). */
export function showRisks(register) {
  const rows = register.risks.map((r) =>
    h(
      "tr",
      { dataset: { risk: r.risk, inherent: r.inherent.level ?? "", residual: r.residual.level ?? "" } },
      h("td", {}, h("span", { className: "code" }, r.risk), " ", r.name, h("div", { className: "muted" }, r.category, r.owner ? ` · ${r.owner}` : "")),
      h(
        "td",
        {},
        score(r.inherent),
        r.inherent.score === r.planned.score ? "" : h("div", { className: "muted" }, `planned ${r.planned.likelihood}×${r.planned.impact}=${r.planned.score}`),
      ),
      h("td", {}, "→ ", score(r.residual)),
      h("td", { className: "num", dataset: { value: r.exposure } }, r.exposure === null ? "–" : money(r.exposure)),
      h("td", {}, r.indicators.length === 0 ? h("span", { className: "muted" }, "none") : h("ul", { className: "plain" }, r.indicators.map(indicator))),
    ),
  );
  $("#risks").replaceChildren(
    h(
      "table",
      {},
      h("thead", {}, h("tr", {}, h("th", {}, "Risk"), h("th", {}, "Inherent"), h("th", {}, "Residual"), h("th", { className: "num" }, "Exposure"), h("th", {}, "Key risk indicators"))),
      h("tbody", {}, rows),
    ),
    h("p", { className: "muted" }, `Total exposure ${money(register.totals.exposure)}, as of ${register.as_of ?? "the plan"}.`),
    register.moves.length === 0
      ? h("p", { className: "muted" }, "No indicator moved a risk.")
      : h("ul", { className: "moves" }, register.moves.map((m) => h("li", { dataset: { risk: m.risk } }, m.message))),
  );
}
