// `Plan`: a plan read and checked once, with the package's functions as its
// methods, named and ordered as the Python `Plan`'s are. It holds the plan
// as JSON text and hands that to the functions, so a method call does what
// the free function of the same name does, with the plan first; nothing of
// the domain lives here. `definePlan` is given the guarded exports of an
// entry module (js/salesplan.js, js/salesplan-web.js).

/**
 * The `Plan` class over the functions of `api`.
 * @param {Record<string, Function>} api the guarded exports of the package.
 */
export function definePlan(api) {
  const revised = (result) => ({ plan: new Plan(result.plan), revision: result.revision });
  const textOf = (plan) => (plan instanceof Plan ? plan.toJson() : plan);

  class Plan {
    #document;
    #text;

    /**
     * Reads a plan document (an object or its JSON text), checking it as
     * `parsePlan` does.
     */
    constructor(document) {
      this.#document = api.parsePlan(document);
      this.#text = JSON.stringify(this.#document);
    }

    /** Reads a plan from its JSON text. */
    static fromJson(text) {
      return new Plan(String(text));
    }

    /** The case study: the technology company's plan for 1.2亿元. */
    static example() {
      return new Plan(api.examplePlanJson());
    }

    /** The plan's content that `diff(a, b)` turns `a`'s into. */
    static diff(a, b) {
      return api.diff(textOf(a), textOf(b));
    }

    /** The plan document as a fresh plain object (so `JSON.stringify(plan)` writes it). */
    toJSON() {
      return JSON.parse(this.#text);
    }

    /** The plan document as JSON text. */
    toJson() {
      return this.#text;
    }

    get id() {
      return this.#document.id;
    }

    get name() {
      return this.#document.name;
    }

    get currency() {
      return this.#document.currency;
    }

    /** The revision record, `null` for a first version. */
    get revision() {
      return this.#document.revision ?? null;
    }

    /** The revision number (1 for a first version). */
    get revisionNumber() {
      return this.#document.revision?.number ?? 1;
    }

    validate() {
      return api.validate(this.#text);
    }

    /** The headline numbers per section, the goals' effective targets among them. */
    summary() {
      return api.summary(this.#text);
    }

    loadActuals(source, options) {
      return api.loadActuals(this.#text, source, options);
    }

    evaluate(actuals, options) {
      return api.evaluate(this.#text, actuals, options);
    }

    monitor(evaluation, options) {
      return api.monitor(this.#text, evaluation, options);
    }

    fold(actuals, options) {
      return api.fold(this.#text, actuals, options);
    }

    evaluatePartial(partial, options) {
      return api.evaluatePartial(this.#text, partial, options);
    }

    scorecards(evaluation, rubrics, options) {
      return api.scorecards(this.#text, evaluation, rubrics, options);
    }

    riskRegister(evaluation) {
      return api.riskRegister(this.#text, evaluation);
    }

    simulate(actuals, pipeline, options) {
      return api.simulate(this.#text, actuals, pipeline, options);
    }

    accuracy(history, closing) {
      return api.accuracy(this.#text, history, closing);
    }

    snapshot(evaluation, simulation) {
      return api.snapshot(this.#text, evaluation, simulation);
    }

    propose(evaluation, accepted) {
      return api.propose(this.#text, evaluation, accepted);
    }

    /** Accepts proposals into a new revision: `{plan, revision}`, `plan` a `Plan`. */
    apply(proposals, change, evaluation) {
      return revised(api.apply(this.#text, proposals, change, evaluation));
    }

    /** A manual edit as a new revision: `{plan, revision}`, `plan` a `Plan`. */
    edit(patch, change) {
      return revised(api.edit(this.#text, patch, change));
    }

    /** The JSON Patch that turns this plan's content into `other`'s. */
    diff(other) {
      return api.diff(this.#text, textOf(other));
    }

    replay(actuals, options) {
      return api.replay(this.#text, actuals, options);
    }

    scenarios(scenarios, actuals, options) {
      return api.scenarios(this.#text, scenarios, actuals, options);
    }

    report(actuals, options) {
      return api.report(this.#text, actuals, options);
    }

    phaseGoal(goalId) {
      return api.phaseGoal(this.#text, goalId);
    }
  }

  return Plan;
}
