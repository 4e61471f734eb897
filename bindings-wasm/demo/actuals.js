// The actuals panel: reads the CSV against the plan (leniently, so that bad
// rows are skipped and listed rather than refusing the whole file) and says
// what was loaded, skipped and warned about.
import { Actuals } from "../js/salesplan-web.js";

import { $, h, showError } from "./dom.js";

/**
 * Loads `source.text` (`{name, text}`) for the plan text `planText` and
 * shows the counts, and where the open deals `pipeline` come from. Returns
 * the `Actuals` handle (the caller frees it), or `null` without a source,
 * without a plan (`planText` null) or when the rows cannot be read at all.
 */
export function loadActuals(planText, source, pipeline) {
  const errorBox = $("#actuals-error");
  errorBox.hidden = true;
  $("#pipeline-source").textContent = pipeline
    ? `${pipeline.deals.length} open deal${pipeline.deals.length === 1 ? "" : "s"} from ${pipeline.name}`
    : "no open deals: the pipeline forecast and the simulation's pipeline are empty";
  const problems = $("#actuals-problems tbody");
  const warnings = $("#actuals-warnings");
  problems.replaceChildren();
  warnings.replaceChildren();
  $("#actuals-problems").hidden = true;
  const counts = $("#actuals-counts");
  counts.textContent = "";
  for (const key of ["rows", "skipped", "warnings"]) delete counts.dataset[key];
  if (source === null) {
    $("#actuals-source").textContent = "No actuals yet: choose or drop a CSV file.";
    return null;
  }
  if (planText === null) {
    $("#actuals-source").textContent = `${source.name}: not loaded while the plan cannot be read.`;
    return null;
  }
  $("#actuals-source").textContent = source.name;
  let actuals;
  try {
    actuals = Actuals.fromCsv(planText, source.text, { lenient: true });
  } catch (error) {
    showError(errorBox, error, "The actuals cannot be read: ");
    return null;
  }
  const skipped = actuals.problems;
  const warned = actuals.warnings;
  counts.dataset.rows = actuals.length;
  counts.dataset.skipped = skipped.length;
  counts.dataset.warnings = warned.length;
  counts.textContent =
    `${actuals.length} rows loaded · ${skipped.length} skipped · ` +
    `${warned.length} warning${warned.length === 1 ? "" : "s"}`;
  for (const p of skipped) {
    problems.append(h("tr", {}, h("td", { className: "num" }, String(p.row)), h("td", { className: "code" }, p.column), h("td", {}, p.message)));
  }
  $("#actuals-problems").hidden = skipped.length === 0;
  for (const w of warned) warnings.append(h("li", {}, h("code", {}, w.code), " ", w.message));
  return actuals;
}
