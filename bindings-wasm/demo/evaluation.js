// The KPI table of an evaluation: one row per KPI and node (the company
// first), each number written in its KPI's unit and kept exact in the
// cell's data-value.
import { h } from "./dom.js";
import { inUnit, percent, STATUS_TEXT } from "./format.js";

/** The columns after KPI and node: field of a KpiResult, heading, how it is written. */
const COLUMNS = [
  ["target", "Target", "unit"],
  ["expected", "Expected", "unit"],
  ["actual", "Actual", "unit"],
  ["attainment", "Attainment", "percent"],
  ["status", "Status", "status"],
  ["forecast_run_rate", "Run-rate forecast", "unit"],
  ["forecast_trend", "Trend forecast", "unit"],
  ["forecast_pipeline", "Pipeline forecast", "unit"],
];

/** One cell of a KPI row. */
function cell(kind, unit, value) {
  if (kind === "status") {
    return h(
      "td",
      { dataset: { value } },
      value === null ? "–" : h("span", { className: `badge ${value}` }, STATUS_TEXT[value] ?? value),
    );
  }
  const text = value === null ? "–" : kind === "percent" ? percent(value) : inUnit(unit, value);
  return h("td", { className: "num", dataset: { value } }, text);
}

/**
 * A table of `evaluation` (what `evaluate` returns) for the plan
 * document `plan` (for the KPIs' names and units); `companyOnly` leaves the
 * nodes out.
 */
export function kpiTable(plan, evaluation, { companyOnly = false } = {}) {
  const kpis = new Map((plan.kpis ?? []).map((k) => [k.id, k]));
  const head = h(
    "tr",
    {},
    h("th", {}, "KPI"),
    h("th", {}, "Node"),
    COLUMNS.map(([, title]) => h("th", { className: "num" }, title)),
  );
  const rows = evaluation.kpis
    .filter((r) => !companyOnly || r.node === "")
    .map((r) => {
      const kpi = kpis.get(r.kpi);
      return h(
        "tr",
        { className: r.node === "" ? "company" : "node", dataset: { kpi: r.kpi, node: r.node } },
        h("td", { className: "kpi" }, h("span", { className: "code" }, r.kpi), h("small", {}, kpi?.name ?? "")),
        h("td", {}, r.node === "" ? "Company" : r.node),
        COLUMNS.map(([field, , kind]) => {
          const td = cell(kind, kpi?.unit, r[field]);
          td.dataset.field = field;
          return td;
        }),
      );
    });
  return h("table", { className: "kpis" }, h("thead", {}, head), h("tbody", {}, rows));
}
