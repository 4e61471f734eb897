// Declarations of js/plan.js for both entries: `T` is the entry's module.
import type * as Api from "../pkg/salesplan.js";

/**
 * A plan read and checked once, with the package's functions as methods
 * (named as the Python `Plan`'s are). Each method does what the function
 * of the same name does, with this plan first.
 */
export declare class Plan {
  /** Reads a plan document (an object or its JSON text), as `parsePlan` does. */
  constructor(document: Api.PlanDocument | string);
  /** Reads a plan from its JSON text. */
  static fromJson(text: string): Plan;
  /** The case study: the technology company's plan for 1.2亿元. */
  static example(): Plan;
  /** The JSON Patch that turns `a`'s content into `b`'s. */
  static diff(a: Plan | Api.PlanDocument | string, b: Plan | Api.PlanDocument | string): Api.PatchOp[];
  /** The plan document as a fresh plain object. */
  toJSON(): Api.PlanDocument;
  /** The plan document as JSON text. */
  toJson(): string;
  readonly id: string;
  readonly name: string;
  readonly currency: string;
  /** The revision record, `null` for a first version. */
  readonly revision: Api.RevisionInfo | null;
  /** The revision number (1 for a first version). */
  readonly revisionNumber: number;
  validate(): Api.Diagnostic[];
  /** The headline numbers per section, the goals' effective targets among them. */
  summary(): Api.PlanSummary;
  loadActuals(source: string | Api.ObservationInput[], options?: Api.LoadActualsOptions): Api.Actuals;
  evaluate(actuals: Api.Actuals, options: Api.EvaluateOptions): Api.EvaluationResult;
  monitor(evaluation: Api.EvaluationResult | Api.Evaluation, options: Api.MonitorOptions): Api.EvaluationResult;
  fold(actuals: Api.Actuals, options: Api.FoldOptions): Api.Partial;
  evaluatePartial(partial: Api.Partial, options?: Api.EvaluatePartialOptions): Api.EvaluationResult;
  scorecards(
    evaluation: Api.EvaluationResult | Api.Evaluation,
    rubrics?: Api.RubricScore[] | null,
    options?: Api.ScorecardOptions,
  ): Api.Scorecard[];
  riskRegister(evaluation?: Api.EvaluationResult | Api.Evaluation | null): Api.RiskRegister;
  simulate(
    actuals: Api.Actuals | null | undefined,
    pipeline: Api.Deal[] | null | undefined,
    options: Api.SimulationOptions,
  ): Api.Simulation;
  accuracy(
    history: string | Api.Snapshot[] | { snapshots: Api.Snapshot[] },
    closing: Api.EvaluationResult | Api.Evaluation,
  ): Api.Accuracy;
  snapshot(evaluation: Api.EvaluationResult | Api.Evaluation, simulation?: Api.Simulation | null): Api.Snapshot;
  propose(evaluation: Api.EvaluationResult | Api.Evaluation, accepted?: Api.Accepted[] | null): Api.Proposals;
  /** Accepts proposals into a new revision. */
  apply(
    proposals: Api.Proposals | Api.Proposal[],
    change: Api.Change,
    evaluation?: Api.EvaluationResult | Api.Evaluation | null,
  ): { plan: Plan; revision: Api.Revision };
  /** A manual edit as a new revision. */
  edit(patch: Api.PatchOp[], change: Api.Change): { plan: Plan; revision: Api.Revision };
  /** The JSON Patch that turns this plan's content into `other`'s. */
  diff(other: Plan | Api.PlanDocument | string): Api.PatchOp[];
  replay(actuals: Api.Actuals, options?: Api.ReplayOptions): Api.Replay;
  scenarios(scenarios: Api.Scenario[], actuals: Api.Actuals, options: Api.ScenariosOptions): Api.ScenarioComparison;
  report(actuals: Api.Actuals, options: Api.ReviewOptions): string;
  phaseGoal(goalId: string): Api.PeriodTarget[];
}

/** `Plan` over the given functions (used by the entries). */
export declare function definePlan(api: unknown): typeof Plan;
