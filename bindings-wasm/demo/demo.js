// The demo page: the web build of salesplan, plain DOM, no framework.
// When it is ready it sets <html data-state="ready"> and window.salesplanDemo,
// which the browser test reads.
import init, {
  examplePlan,
  examplePlanJson,
  formatAmount,
  parseAmount,
  validatePlan,
  version,
} from "../js/salesplan-web.js";

const $ = (selector) => document.querySelector(selector);

/** Validates the text in the editor and shows the result. */
function validate() {
  const tbody = $("#diagnostics tbody");
  const errorBox = $("#error");
  tbody.replaceChildren();
  errorBox.hidden = true;
  let diagnostics;
  try {
    diagnostics = validatePlan($("#plan").value);
  } catch (error) {
    if (error?.name !== "SalesplanError") throw error;
    errorBox.replaceChildren(
      "The document cannot be read: ",
      Object.assign(document.createElement("code"), { textContent: error.code }),
      error.path === null ? "" : ` at ${error.path || "(the whole document)"}`,
      document.createElement("br"),
      error.message,
    );
    errorBox.hidden = false;
    $("#summary").textContent = "";
    return { error: { code: error.code, path: error.path, message: error.message } };
  }
  for (const d of diagnostics) {
    const row = tbody.insertRow();
    const badge = Object.assign(document.createElement("span"), {
      className: `badge ${d.severity}`,
      textContent: d.severity,
    });
    row.insertCell().append(badge);
    Object.assign(row.insertCell(), { className: "code", textContent: d.code });
    Object.assign(row.insertCell(), { className: "path", textContent: d.path });
    row.insertCell().textContent = d.message;
  }
  if (diagnostics.length === 0) {
    const cell = tbody.insertRow().insertCell();
    cell.colSpan = 4;
    cell.className = "none";
    cell.textContent = "No findings.";
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

/** Shows the amount in the input as an exact decimal and in 万. */
function showAmount() {
  try {
    const exact = parseAmount($("#amount").value);
    $("#amount-exact").textContent = exact;
    $("#amount-wan").textContent = formatAmount(exact, { unit: "wan" });
    return exact;
  } catch (error) {
    $("#amount-exact").textContent = error.code ?? String(error);
    $("#amount-wan").textContent = "";
    return null;
  }
}

try {
  await init();
  $("#version").textContent = `v${version()} · WebAssembly`;
  $("#plan").value = examplePlanJson();
  for (const element of document.querySelectorAll("textarea, button")) element.disabled = false;
  $("#validate").addEventListener("click", () => validate());
  $("#reset").addEventListener("click", () => {
    $("#plan").value = examplePlanJson();
    validate();
  });
  $("#amount").addEventListener("input", () => showAmount());
  $("#amount-form").addEventListener("submit", (event) => event.preventDefault());

  const result = validate();
  const revenue = examplePlan().goals.find((goal) => goal.id === "G-REV");
  window.salesplanDemo = {
    validate,
    report: {
      version: version(),
      exampleTarget: revenue?.target ?? null,
      diagnostics: result.diagnostics ?? null,
      amount: showAmount(),
    },
  };
  document.documentElement.dataset.state = "ready";
} catch (error) {
  document.documentElement.dataset.state = "failed";
  $("#version").textContent = `failed to load: ${error}`;
  throw error;
}
