//! Charts as SVG text (`salesplan::chart`): `chartBurnUp`,
//! `chartKpiBullets`, `chartGapWaterfall`, `chartRiskHeatmap`,
//! `chartOutcomeHistogram`, `chartGantt` and `chartBudgetBurn`, each the
//! same SVG document the Rust and Python faces draw.

use salesplan::chart::{draw, Inputs, Kind, Lang};
use salesplan::risk::{RiskRegister, Simulation};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::evaluate::date;
use crate::interop::{options_from_js, output_from_js, plan_from_js, Thrown};
use crate::lend::evaluation_from_js;

/// The JavaScript options of the chart exports; each reads what it needs.
#[derive(Debug, Default, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "an options object such as {\"lang\": \"en\"}"
)]
struct ChartOptions {
    lang: Option<String>,
    kpi: Option<String>,
    node: Option<String>,
    as_of: Option<String>,
}

fn read_options(value: &JsValue) -> Result<(ChartOptions, Lang), Thrown> {
    let options: ChartOptions = if value.is_undefined() || value.is_null() {
        ChartOptions::default()
    } else {
        options_from_js("options", value)?
    };
    let lang = options.lang.as_deref().unwrap_or("zh").parse()?;
    Ok((options, lang))
}

fn read_simulation(value: &JsValue) -> Result<Option<Simulation>, Thrown> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    Ok(Some(output_from_js("simulation", value)?))
}

/// Cumulative actual against the phased target of an additive KPI (the
/// plan's revenue KPI unless `options.kpi`), with the run-rate and trend
/// forecasts and, given a simulation, its P10–P90 band: an SVG document.
///
/// @throws {SalesplanError} `"invalid_argument"` for an unknown KPI or
/// node, or a bad option.
#[wasm_bindgen(js_name = chartBurnUp)]
pub fn chart_burn_up(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EvaluationResult | Evaluation")] evaluation: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ChartOptions | undefined")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Simulation | null | undefined")] simulation: JsValue,
) -> Result<String, Thrown> {
    let plan = plan_from_js(&plan)?;
    let evaluation = evaluation_from_js("evaluation", &evaluation)?;
    let (o, lang) = read_options(&options)?;
    let simulation = read_simulation(&simulation)?;
    let inputs = Inputs {
        plan: Some(&plan),
        evaluation: Some(&evaluation),
        simulation: simulation.as_ref(),
        kpi: o.kpi.as_deref(),
        node: o.node.as_deref().unwrap_or(""),
        ..Inputs::default()
    };
    Ok(draw(Kind::BurnUp, &inputs, lang)?)
}

/// One bullet per KPI of a node (`options.node`, the company by default):
/// attainment against its thresholds, coloured by status.
///
/// @throws {SalesplanError} `"invalid_argument"` for an unknown node.
#[wasm_bindgen(js_name = chartKpiBullets)]
pub fn chart_kpi_bullets(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EvaluationResult | Evaluation")] evaluation: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ChartOptions | undefined")] options: JsValue,
) -> Result<String, Thrown> {
    let plan = plan_from_js(&plan)?;
    let evaluation = evaluation_from_js("evaluation", &evaluation)?;
    let (o, lang) = read_options(&options)?;
    let inputs = Inputs {
        plan: Some(&plan),
        evaluation: Some(&evaluation),
        node: o.node.as_deref().unwrap_or(""),
        ..Inputs::default()
    };
    Ok(draw(Kind::KpiBullets, &inputs, lang)?)
}

/// A node's revenue gap from expected to actual through the volume,
/// conversion and deal-size effects.
///
/// @throws {SalesplanError} `"invalid_argument"` for a node without a gap.
#[wasm_bindgen(js_name = chartGapWaterfall)]
pub fn chart_gap_waterfall(
    #[wasm_bindgen(unchecked_param_type = "EvaluationResult | Evaluation")] evaluation: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ChartOptions | undefined")] options: JsValue,
) -> Result<String, Thrown> {
    let evaluation = evaluation_from_js("evaluation", &evaluation)?;
    let (o, lang) = read_options(&options)?;
    let inputs = Inputs {
        evaluation: Some(&evaluation),
        node: o.node.as_deref().unwrap_or(""),
        ..Inputs::default()
    };
    Ok(draw(Kind::GapWaterfall, &inputs, lang)?)
}

/// The risk register on its likelihood × impact matrix, inherent and
/// residual.
///
/// @throws {SalesplanError} when `register` is not a risk register.
#[wasm_bindgen(js_name = chartRiskHeatmap)]
pub fn chart_risk_heatmap(
    #[wasm_bindgen(unchecked_param_type = "RiskRegister")] register: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ChartOptions | undefined")] options: JsValue,
) -> Result<String, Thrown> {
    let register: RiskRegister = output_from_js("register", &register)?;
    let (_, lang) = read_options(&options)?;
    let inputs = Inputs {
        register: Some(&register),
        ..Inputs::default()
    };
    Ok(draw(Kind::RiskHeatmap, &inputs, lang)?)
}

/// The simulated outcomes' histogram with the target marked.
///
/// @throws {SalesplanError} when `simulation` is not a simulation.
#[wasm_bindgen(js_name = chartOutcomeHistogram)]
pub fn chart_outcome_histogram(
    #[wasm_bindgen(unchecked_param_type = "Simulation")] simulation: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ChartOptions | undefined")] options: JsValue,
) -> Result<String, Thrown> {
    let simulation: Simulation = output_from_js("simulation", &simulation)?;
    let (_, lang) = read_options(&options)?;
    let inputs = Inputs {
        simulation: Some(&simulation),
        ..Inputs::default()
    };
    Ok(draw(Kind::OutcomeHistogram, &inputs, lang)?)
}

/// The plan's tasks and milestones on a time axis, the critical path
/// highlighted, `options.as_of` marked.
///
/// @throws {SalesplanError} `"invalid_argument"` without `as_of`.
#[wasm_bindgen(js_name = chartGantt)]
pub fn chart_gantt(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ChartOptions")] options: JsValue,
) -> Result<String, Thrown> {
    plan_chart(Kind::Gantt, &plan, &options)
}

/// Each budget line's phased amount, cumulative over the periods,
/// `options.as_of` marked.
///
/// @throws {SalesplanError} `"invalid_argument"` without `as_of`.
#[wasm_bindgen(js_name = chartBudgetBurn)]
pub fn chart_budget_burn(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ChartOptions")] options: JsValue,
) -> Result<String, Thrown> {
    plan_chart(Kind::BudgetBurn, &plan, &options)
}

fn plan_chart(kind: Kind, plan: &JsValue, options: &JsValue) -> Result<String, Thrown> {
    let plan = plan_from_js(plan)?;
    let (o, lang) = read_options(options)?;
    let as_of = o.as_of.as_deref().map(|d| date("as_of", d)).transpose()?;
    let inputs = Inputs {
        plan: Some(&plan),
        as_of,
        ..Inputs::default()
    };
    Ok(draw(kind, &inputs, lang)?)
}
