// The revision panel: what accepting proposals changed (the JSON Patch from
// the old plan to the new one) and the new revision evaluated at the end of
// the plan period.
import { $, h, isSalesplanError, showError } from "./dom.js";
import { kpiTable } from "./evaluation.js";

/** A JSON value in at most `limit` characters. */
function brief(value, limit = 140) {
  if (value === undefined) return "";
  const text = JSON.stringify(value);
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/**
 * Shows the revision `revised` (what `apply` returns), the patch
 * `patch` that `diff` gives from the plan before, and `yearEnd`, the
 * new plan's evaluation at the end of its period (`null` when it has none).
 */
export function showRevision(revised, patch, yearEnd) {
  const r = revised.plan.revision;
  const box = $("#revision");
  box.hidden = false;
  $("#revision-error").hidden = true;
  box.dataset.number = r.number;
  $("#revision-title").textContent = `Revision ${r.number} (from revision ${r.parent})`;
  $("#revision-body").replaceChildren(
    h("p", {}, `${r.author}, ${r.at}: ${r.reason}. Accepted ${(r.proposals ?? []).join(", ")}.`),
    h("h3", {}, `What changed: ${patch.length} operation${patch.length === 1 ? "" : "s"}`),
    h(
      "table",
      { id: "diff" },
      h("thead", {}, h("tr", {}, h("th", {}, "Op"), h("th", {}, "Path"), h("th", {}, "Value"))),
      h(
        "tbody",
        {},
        patch.map((op) => h("tr", { dataset: { op: op.op, path: op.path } }, h("td", { className: "code" }, op.op), h("td", { className: "path" }, op.path), h("td", { className: "path" }, brief(op.value ?? op.from)))),
      ),
    ),
    yearEnd === null ? "" : h("h3", {}, `Revision ${r.number} at the end of the plan period (${yearEnd.as_of})`),
    yearEnd === null ? "" : h("div", { id: "year-end", className: "scroll" }, kpiTable(revised.plan, yearEnd, { companyOnly: true })),
  );
}

/** Shows why proposals could not be accepted (a rejection lists the new plan's errors). */
export function showRejection(error) {
  if (!isSalesplanError(error)) throw error;
  const box = $("#revision");
  box.hidden = false;
  showError($("#revision-error"), error, "Not accepted: ");
  $("#revision-body").replaceChildren(
    ...(error.diagnostics ?? []).filter((d) => d.severity === "error").map((d) => h("p", { className: "path" }, `${d.code} at ${d.path}: ${d.message}`)),
  );
}
