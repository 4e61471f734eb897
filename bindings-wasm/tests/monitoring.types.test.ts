// The declarations of `monitor` and its outputs: the monitored evaluation's
// parts are typed, the options are checked, and misuse is a type error.
import {
  evaluate,
  examplePlan,
  loadActuals,
  monitor,
  type BudgetLineBurn,
  type EvaluationResult,
  type MilestoneTracking,
  type MonitorOptions,
  type Monitoring,
  type ProgressUpdate,
  type TaskTracking,
} from "salesplan";

const plan = examplePlan();
const actuals = loadActuals(plan, "date,measure,value\n2026-01-31,revenue,100\n");
const evaluation: EvaluationResult = evaluate(plan, actuals, { as_of: "2026-06-30" });
const updates: ProgressUpdate[] = [{ date: "2026-05-15", task: "T-05", status: "done", progress: "1" }];
const options: MonitorOptions = { updates, resources: "date,measure,value,budget_line\n" };
const monitored: EvaluationResult = monitor(plan, evaluation, options);
const m: Monitoring | null = monitored.monitoring;
if (m !== null) {
  const task: TaskTracking | undefined = m.execution.tasks[0];
  const slip: number | undefined = task?.slip_days;
  const milestone: MilestoneTracking | undefined = m.execution.milestones.find((x) => x.at_risk);
  const line: BudgetLineBurn | undefined = m.budget?.lines[0];
  const burn: string | null | undefined = line?.burn;
  void [slip, milestone, burn];
}
monitor(plan, monitored.toJSON(), { updates: "date,task\n" });

// @ts-expect-error progress is a decimal string, not a number
const bad: ProgressUpdate = { date: "2026-05-15", task: "T-05", progress: 1 };
// @ts-expect-error options name updates, resources and accuracy only
monitor(plan, evaluation, { update: [] });
void bad;
