// The plan panel: validates the text of the editor and lists every finding.
import { validate } from "../js/salesplan-web.js";

import { $, h, showError } from "./dom.js";

/**
 * Validates `text` and shows the diagnostics (or why the document cannot be
 * read). Returns `{diagnostics}` or `{error}`.
 */
export function showDiagnostics(text) {
  const tbody = $("#diagnostics tbody");
  const errorBox = $("#error");
  tbody.replaceChildren();
  errorBox.hidden = true;
  let diagnostics;
  try {
    diagnostics = validate(text);
  } catch (error) {
    $("#summary").textContent = "";
    return { error: showError(errorBox, error, "The document cannot be read: ") };
  }
  for (const d of diagnostics) {
    tbody.append(
      h(
        "tr",
        {},
        h("td", {}, h("span", { className: `badge ${d.severity}` }, d.severity)),
        h("td", { className: "code" }, d.code),
        h("td", { className: "path" }, d.path),
        h("td", {}, d.message),
      ),
    );
  }
  if (diagnostics.length === 0) {
    tbody.append(h("tr", {}, h("td", { colSpan: 4, className: "none" }, "No findings.")));
  }
  const count = (severity) => diagnostics.filter((d) => d.severity === severity).length;
  const counted = (severity) => `${count(severity)} ${severity}${count(severity) === 1 ? "" : "s"}`;
  const summary = $("#summary");
  summary.className = count("error") === 0 ? "ok" : "";
  summary.textContent =
    `${counted("error")}, ${counted("warning")}, ${counted("info")}` +
    (count("error") === 0 ? " · the plan can be trusted as written" : "");
  return { diagnostics };
}
