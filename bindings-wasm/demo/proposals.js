// The proposals panel: what the plan's rules propose as of the day, each
// with the facts its condition read, its actions and an Accept button;
// conflicts and rules held back by their cooldown below them.
import { $, h } from "./dom.js";
import { money, percent } from "./format.js";

/** An action of a proposal in a line. */
function describe(action) {
  switch (action.type) {
    case "add_strategy":
      return `add strategy ${action.strategy.id} “${action.strategy.name}” (${action.strategy.lever}` +
        (action.strategy.cost ? `, ${money(action.strategy.cost)}` : "") + ")";
    case "add_task":
      return `add task ${action.task.id} “${action.task.name}”, ${action.task.start} → ${action.task.due}`;
    case "move_budget":
      return `move ${action.amount ? money(action.amount) : `${percent(action.share)} of it`} from ${action.from} to ${action.to}`;
    case "set_goal_target":
      return `set the target of ${action.goal} to ${money(action.target)}`;
    case "set_kpi_target":
      return `set the target of ${action.kpi} to ${action.target}`;
    case "rephase":
      return `rephase ${action.goal} over the periods left`;
    case "set_risk":
      return `set risk ${action.risk}: likelihood ${action.likelihood ?? "as is"}, impact ${action.impact ?? "as is"}`;
    case "set_thresholds":
      return `set ${action.kpi}'s thresholds: on track ${action.on_track}, off track ${action.off_track}`;
    case "recommend":
      return `recommend: ${action.message}` + (action.escalate_to ? ` (escalate to ${action.escalate_to})` : "");
    default:
      return JSON.stringify(action);
  }
}

/** One proposal as a card; `accept(proposal, button)` runs on its button. */
function card(p, accept) {
  const button = h("button", { className: "primary accept", type: "button" }, "Accept");
  button.addEventListener("click", () => accept(p, button));
  return h(
    "article",
    { className: "proposal", dataset: { proposal: p.id, rule: p.rule } },
    h("header", {}, h("h3", {}, h("span", { className: "code" }, p.id), " ", p.name), h("span", { className: "muted" }, `priority ${p.priority}`)),
    h("p", {}, "When ", h("code", {}, p.condition)),
    h(
      "table",
      { className: "facts" },
      h("thead", {}, h("tr", {}, h("th", {}, "Fact"), h("th", { className: "num" }, "Value"))),
      h("tbody", {}, p.facts.map((f) => h("tr", {}, h("td", { className: "code" }, f.fact), h("td", { className: "num" }, f.value ?? "no value")))),
    ),
    h("ol", { className: "actions-list" }, p.actions.map((a) => h("li", { dataset: { type: a.type } }, describe(a)))),
    h("div", { className: "actions" }, button, h("span", { className: "muted" }, `touches ${p.touches.join(", ")}`)),
  );
}

/** Shows `proposals` (what `propose` returns). */
export function showProposals(proposals, accept) {
  const list = $("#proposals");
  list.dataset.asOf = proposals.as_of;
  list.replaceChildren(
    ...(proposals.proposals.length === 0
      ? [h("p", { className: "note" }, `No rule fires as of ${proposals.as_of}.`)]
      : proposals.proposals.map((p) => card(p, accept))),
    ...proposals.conflicts.map((c) => h("p", { className: "warning-line" }, `Conflict on ${c.target}: ${c.proposals.join(", ")} — choose one.`)),
    ...proposals.suppressed.map((s) => h("p", { className: "muted", dataset: { suppressed: s.rule } }, `${s.rule} holds but is held back: ${s.reason}.`)),
  );
}

/** The change the inputs describe: `{author, at, reason}`. */
export function change() {
  return { author: $("#change-author").value, at: $("#change-at").value, reason: $("#change-reason").value };
}
