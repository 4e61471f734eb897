// The demo page: the whole plan loop of the web build in one page, plain
// DOM, no framework. The plan is validated, evaluated against the actuals
// as of a day, its risks scored, the chance of reaching the revenue target
// simulated (in a worker) and its rules' proposals listed; accepting one
// makes revision 2, whose change and year-end evaluation are shown, and the
// editor then holds it. When the page is ready it sets
// <html data-state="ready"> and window.salesplanDemo, which the browser
// tests read.
import init, {
  apply,
  diff,
  evaluate,
  examplePlan,
  examplePlanJson,
  formatAmount,
  parseAmount,
  parsePlan,
  propose,
  riskRegister,
  version,
} from "../js/salesplan-web.js";

import { loadActuals } from "./actuals.js";
import { drawCharts } from "./charts.js";
import { caseStudyData, readFile } from "./data.js";
import { showDiagnostics } from "./diagnostics.js";
import { $, isSalesplanError, showError, showNote } from "./dom.js";
import { kpiTable } from "./evaluation.js";
import { change, showProposals } from "./proposals.js";
import { showRejection, showRevision } from "./revision.js";
import { showRisks } from "./risks.js";
import { noSimulation, onSimulation, simulateSoon } from "./simulation.js";

/** What the page works on. `handle` is the Actuals object of the last run, freed by the next. */
const state = {
  caseStudy: { actuals: null, pipeline: null },
  actuals: null,
  pipeline: null,
  handle: null,
  /** Proposals accepted on this page, for the rules' cooldowns. */
  accepted: [],
  /** The last run's plan text, plan, evaluation and register, and the last simulation. */
  last: null,
};

const asOf = () => $("#as-of").value;
const hierarchy = () => ($("#hierarchy").value ? [$("#hierarchy").value] : []);
const pipelineOption = () => (state.pipeline ? { pipeline: state.pipeline.deals } : {});

/** Runs `f`; a SalesplanError is shown in the alert `box` and gives `null`. */
function attempt(box, lead, f) {
  const alert = $(box);
  alert.hidden = true;
  try {
    return f();
  } catch (error) {
    showError(alert, error, lead);
    return null;
  }
}

/** The panels after the actuals, each with its alert box. */
const PANELS = ["#evaluation", "#risks", "#proposals"];

/** Empties the panels after the plan or actuals when they cannot be used. */
function blocked(reason) {
  for (const panel of PANELS) showNote($(panel), reason);
  noSimulation(reason);
  state.last = null;
  drawCharts(null, { as_of: asOf(), evaluation: null, register: null, simulation: null });
}

/** Validates, loads, evaluates, scores, proposes and simulates: the whole page from its inputs. */
function refresh() {
  const text = $("#plan").value;
  const checked = showDiagnostics(text);
  for (const panel of PANELS) $(`${panel}-error`).hidden = true;
  state.handle?.free();
  state.handle = null;
  if (checked.error) {
    loadActuals(null, null, state.pipeline);
    blocked("The plan cannot be read: see its diagnostics.");
    return checked;
  }
  const actuals = loadActuals(text, state.actuals, state.pipeline);
  state.handle = actuals;
  if (actuals === null) {
    blocked("There are no actuals to evaluate.");
    return checked;
  }
  const plan = attempt("#evaluation-error", "The plan cannot be read: ", () => parsePlan(text));
  if (plan === null) {
    blocked("No plan to evaluate.");
    return checked;
  }
  const options = { as_of: asOf(), hierarchy: hierarchy(), ...pipelineOption() };
  const evaluation = attempt("#evaluation-error", "The plan cannot be evaluated: ", () => evaluate(text, actuals, options).toJSON());
  if (evaluation === null) {
    blocked("No evaluation.");
    return checked;
  }
  $("#evaluation").replaceChildren(kpiTable(plan, evaluation));
  const register = attempt("#risks-error", "The risks cannot be scored: ", () => riskRegister(text, evaluation));
  if (register) showRisks(register);
  else $("#risks").replaceChildren();
  const proposals = attempt("#proposals-error", "The rules cannot run: ", () => propose(text, evaluation, state.accepted));
  if (proposals) showProposals(proposals, accept);
  else $("#proposals").replaceChildren();
  state.last = { text, plan, evaluation, register, simulation: null };
  drawCharts(text, { as_of: options.as_of, evaluation, register, simulation: null });
  simulateSoon({ plan: text, csv: state.actuals.text, pipeline: state.pipeline?.deals ?? null, as_of: options.as_of });
  return checked;
}

/** Accepts one proposal into a new revision, shows it, and carries on with it. */
function accept(proposal) {
  const last = state.last;
  if (last === null || state.handle === null) return;
  let revised;
  let patch;
  try {
    revised = apply(last.text, [proposal], change(), last.evaluation);
    patch = diff(last.text, revised.plan);
  } catch (error) {
    showRejection(error);
    return;
  }
  let yearEnd = null;
  let failure = null;
  try {
    yearEnd = evaluate(revised.plan, state.handle, { as_of: revised.plan.period.end, ...pipelineOption() }).toJSON();
  } catch (error) {
    if (!isSalesplanError(error)) throw error;
    failure = error;
  }
  showRevision(revised, patch, yearEnd);
  if (failure) showError($("#revision-error"), failure, "The new revision cannot be evaluated: ");
  state.accepted.push(...revised.revision.accepted);
  $("#plan").value = JSON.stringify(revised.plan, null, 2);
  refresh();
}

/** Puts the example plan and the case study's data back. */
function reset() {
  $("#plan").value = examplePlanJson();
  state.actuals = state.caseStudy.actuals;
  state.pipeline = state.caseStudy.pipeline;
  state.accepted = [];
  $("#revision").hidden = true;
  return refresh();
}

/** Takes a file the user chose or dropped as actuals (CSV) or open deals (JSON). */
async function takeFile(file) {
  const box = $("#actuals-error");
  try {
    const read = await readFile(file);
    if (read.kind === "pipeline") state.pipeline = read;
    else state.actuals = read;
  } catch (error) {
    box.textContent = `${file.name} cannot be read: ${error.message}`;
    box.hidden = false;
    return;
  }
  refresh();
}

/** Shows the amount in the input as an exact decimal and in 万. */
function showAmount() {
  try {
    const exact = parseAmount($("#amount").value);
    $("#amount-exact").textContent = exact;
    $("#amount-wan").textContent = formatAmount(exact, { unit: "wan" });
    return exact;
  } catch (error) {
    if (!isSalesplanError(error)) throw error;
    $("#amount-exact").textContent = error.code;
    $("#amount-wan").textContent = "";
    return null;
  }
}

/** Wires the inputs to the loop. */
function listen() {
  let typing;
  $("#plan").addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(refresh, 400);
  });
  $("#validate").addEventListener("click", () => refresh());
  $("#reset").addEventListener("click", () => reset());
  $("#as-of").addEventListener("change", () => refresh());
  $("#hierarchy").addEventListener("change", () => refresh());
  $("#simulate").addEventListener("click", () => simulateSoon());
  for (const input of ["#trials", "#seed"]) $(input).addEventListener("change", () => simulateSoon());
  $("#file").addEventListener("change", (event) => {
    const [file] = event.target.files;
    if (file) takeFile(file);
    event.target.value = "";
  });
  $("#use-case-study").addEventListener("click", () => {
    state.actuals = state.caseStudy.actuals;
    state.pipeline = state.caseStudy.pipeline;
    refresh();
  });
  const drop = $("#drop");
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    for (const file of event.dataTransfer.files) takeFile(file);
  });
  $("#amount").addEventListener("input", () => showAmount());
  $("#amount-form").addEventListener("submit", (event) => event.preventDefault());
  onSimulation((simulation) => {
    if (state.last === null) return;
    state.last.simulation = simulation;
    const { text, evaluation, register } = state.last;
    drawCharts(text, { as_of: evaluation.as_of, evaluation, register, simulation });
  });
}

try {
  const [, caseStudy] = await Promise.all([init(), caseStudyData()]);
  state.caseStudy = caseStudy;
  $("#version").textContent = `v${version()} · WebAssembly`;
  for (const element of document.querySelectorAll("textarea, button, input, select")) element.disabled = false;
  listen();
  const result = reset();
  const revenue = examplePlan().goals.find((goal) => goal.id === "G-REV");
  window.salesplanDemo = {
    validate: refresh,
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
