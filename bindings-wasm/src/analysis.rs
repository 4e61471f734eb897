//! Planning arithmetic: allocate by weights, cascade a target down a tree,
//! split a revenue gap into its causes, size a funnel and a team, unit
//! economics.
//!
//! Decimals come in as strings (a plain numeral keeps its scale; `"1.2亿"`
//! is read as `parseAmount` reads it), finite numbers or bigints, and go out
//! as exact strings.

use rust_decimal::Decimal;
use salesplan::decompose::{self, Node};
use salesplan::evaluate::gap::{self, Funnel};
use salesplan::funnel;
use wasm_bindgen::prelude::*;

use crate::amount::decimal_from_js;
use crate::interop::{count_from_js, invalid_argument, to_js, type_name, value_from_js, Thrown};

/// Splits `total` by `weights` at `scale` decimal places (2 by default), so
/// that the parts sum to it exactly.
///
/// @throws {SalesplanError} `"invalid_argument"` for no weights, a negative
/// weight, weights that sum to zero or a scale above 10.
#[wasm_bindgen(js_name = allocate, unchecked_return_type = "DecimalString[]")]
pub fn allocate(
    #[wasm_bindgen(unchecked_param_type = "DecimalInput")] total: JsValue,
    #[wasm_bindgen(unchecked_param_type = "DecimalInput[]")] weights: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "number")] scale: Option<JsValue>,
) -> Result<JsValue, Thrown> {
    let total = decimal_from_js("total", &total)?;
    let Some(weights) = weights.dyn_ref::<js_sys::Array>() else {
        let found = type_name(&weights);
        return Err(
            invalid_argument("weights", format!("expected an array, found {found}")).into(),
        );
    };
    let weights = (weights.iter().enumerate())
        .map(|(i, w)| decimal_from_js(&format!("weights[{i}]"), &w))
        .collect::<Result<Vec<_>, _>>()?;
    let scale = match scale {
        Some(scale) if !scale.is_undefined() => count_from_js("scale", &scale)?,
        _ => 2,
    };
    let parts = decompose::allocate(total, &weights, scale)?;
    to_js(&parts.iter().map(Decimal::to_string).collect::<Vec<_>>())
}

/// Splits `total` down a tree by the children's weights, in cents, so that
/// every level sums to its parent exactly; where leaves submitted numbers,
/// each node also gets its bottom-up sum and the gap to its target.
///
/// @throws {SalesplanError} `"invalid_argument"` for a tree that does not fit
/// or weights that cannot be used.
#[wasm_bindgen(js_name = cascade, unchecked_return_type = "Allocation")]
pub fn cascade(
    #[wasm_bindgen(unchecked_param_type = "DecimalInput")] total: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CascadeNode")] tree: JsValue,
) -> Result<JsValue, Thrown> {
    let total = decimal_from_js("total", &total)?;
    let tree: Node = value_from_js("tree", &tree)?;
    to_js(&decompose::cascade(total, &tree)?)
}

/// Splits the revenue variance between a planned and an actual funnel into
/// lead-volume, conversion and deal-size effects that sum to it exactly.
///
/// @throws {SalesplanError} `"invalid_argument"` for a missing or unreadable
/// number, or a planned funnel without leads or won deals.
#[wasm_bindgen(js_name = decomposeGap, unchecked_return_type = "GapEffects")]
pub fn decompose_gap(
    #[wasm_bindgen(unchecked_param_type = "FunnelInput")] planned: JsValue,
    #[wasm_bindgen(unchecked_param_type = "FunnelInput")] actual: JsValue,
) -> Result<JsValue, Thrown> {
    let effects = gap::decompose(
        funnel_from_js("planned", &planned)?,
        funnel_from_js("actual", &actual)?,
    )?;
    to_js(&effects)
}

fn funnel_from_js(name: &str, side: &JsValue) -> Result<Funnel, Thrown> {
    if !side.is_object() || js_sys::Array::is_array(side) {
        let found = type_name(side);
        return Err(invalid_argument(
            name,
            format!("expected {{leads, won, revenue}}, found {found}"),
        )
        .into());
    }
    let field = |key: &str| {
        let value = js_sys::Reflect::get(side, &key.into()).unwrap_or(JsValue::UNDEFINED);
        decimal_from_js(&format!("{name}.{key}"), &value)
    };
    Ok(Funnel {
        leads: field("leads")?,
        won: field("won")?,
        revenue: field("revenue")?,
    })
}

/// The deals, opportunities and leads a revenue target needs, each rounded
/// up; the rates are fractions (`"0.25"`).
///
/// @throws {SalesplanError} `"invalid_argument"` for a non-positive target or
/// deal size, or a rate outside (0, 1].
#[wasm_bindgen(js_name = reverseFunnel, unchecked_return_type = "ReverseFunnel")]
pub fn reverse_funnel(
    #[wasm_bindgen(unchecked_param_type = "DecimalInput")] target: JsValue,
    #[wasm_bindgen(js_name = "dealSize", unchecked_param_type = "DecimalInput")] deal_size: JsValue,
    #[wasm_bindgen(js_name = "winRate", unchecked_param_type = "DecimalInput")] win_rate: JsValue,
    #[wasm_bindgen(js_name = "leadToOpportunity", unchecked_param_type = "DecimalInput")]
    lead_to_opportunity: JsValue,
) -> Result<JsValue, Thrown> {
    to_js(&funnel::reverse_funnel(
        decimal_from_js("target", &target)?,
        decimal_from_js("dealSize", &deal_size)?,
        decimal_from_js("winRate", &win_rate)?,
        decimal_from_js("leadToOpportunity", &lead_to_opportunity)?,
    )?)
}

/// The sales heads a target needs, given the yearly quota per head, the
/// months a new head takes to ramp up, yearly attrition and the months
/// left, rounded up.
///
/// @throws {SalesplanError} `"invalid_argument"` when a head sells nothing.
#[wasm_bindgen(js_name = headsNeeded, unchecked_return_type = "DecimalString")]
pub fn heads_needed(
    #[wasm_bindgen(unchecked_param_type = "DecimalInput")] target: JsValue,
    #[wasm_bindgen(unchecked_param_type = "DecimalInput")] quota: JsValue,
    #[wasm_bindgen(js_name = "rampMonths", unchecked_param_type = "number")] ramp_months: JsValue,
    #[wasm_bindgen(unchecked_param_type = "DecimalInput")] attrition: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] months: JsValue,
) -> Result<JsValue, Thrown> {
    let heads = funnel::heads_needed(
        decimal_from_js("target", &target)?,
        decimal_from_js("quota", &quota)?,
        count_from_js("rampMonths", &ramp_months)?,
        decimal_from_js("attrition", &attrition)?,
        count_from_js("months", &months)?,
    )?;
    Ok(JsValue::from_str(&heads.to_string()))
}

/// Customer acquisition cost, lifetime value, LTV:CAC and payback months;
/// margin and churn are fractions.
///
/// @throws {SalesplanError} `"invalid_argument"` for no new customers, no
/// revenue, or a margin or churn outside (0, 1].
#[wasm_bindgen(js_name = unitEconomics, unchecked_return_type = "UnitEconomics")]
pub fn unit_economics(
    #[wasm_bindgen(js_name = "acquisitionSpend", unchecked_param_type = "DecimalInput")]
    acquisition_spend: JsValue,
    #[wasm_bindgen(js_name = "newCustomers", unchecked_param_type = "DecimalInput")] new_customers: JsValue,
    #[wasm_bindgen(
        js_name = "yearlyRevenuePerCustomer",
        unchecked_param_type = "DecimalInput"
    )]
    yearly_revenue_per_customer: JsValue,
    #[wasm_bindgen(js_name = "grossMargin", unchecked_param_type = "DecimalInput")]
    gross_margin: JsValue,
    #[wasm_bindgen(js_name = "yearlyChurn", unchecked_param_type = "DecimalInput")]
    yearly_churn: JsValue,
) -> Result<JsValue, Thrown> {
    to_js(&funnel::unit_economics(
        decimal_from_js("acquisitionSpend", &acquisition_spend)?,
        decimal_from_js("newCustomers", &new_customers)?,
        decimal_from_js("yearlyRevenuePerCustomer", &yearly_revenue_per_customer)?,
        decimal_from_js("grossMargin", &gross_margin)?,
        decimal_from_js("yearlyChurn", &yearly_churn)?,
    )?)
}
