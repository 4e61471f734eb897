//! The rule-engine benchmark's data (`benches/rules/run.sh` runs it): a
//! 50-rule table over 20 KPI facts, written once and turned into both this
//! library's plan rules and an equivalent zen-engine decision table (JDM),
//! and a seeded generator of contexts (one value for each of the 20 facts).
//!
//! A rule is a conjunction of conditions. A condition on one fact
//! ([`Cond::Cmp`]) becomes, on the library side, `kpi("K-03").attainment <
//! 0.9`, and on the zen side the unary test `< 0.9` in the table column of
//! that fact (zen joins the cells of a row with `and`). A condition across
//! facts (an `or`, arithmetic, a `not`; [`Cond::Expr`]) is written by hand
//! in both languages; on the zen side it goes into the one input column
//! without a field, whose cells are whole expressions (zen's way to write
//! such conditions in a table).

use rust_decimal::Decimal;
use salesplan::adjust::{FactValue, FiredSets, RuleSet};
use salesplan::Plan;
use serde_json::{json, Value};

#[cfg(feature = "zen")]
pub mod zen;

/// How the values of a fact are drawn.
#[derive(Debug, Clone, Copy)]
pub enum Gen {
    /// A decimal uniform over `lo..=hi` (in units of `10^-scale`).
    Num {
        /// Lowest mantissa.
        lo: i64,
        /// Highest mantissa.
        hi: i64,
        /// Decimal places.
        scale: u32,
    },
    /// A KPI status: `on_track` 50%, `at_risk` 30%, `off_track` 20%.
    Status,
}

/// One of the 20 facts the rules read.
#[derive(Debug, Clone, Copy)]
pub struct FactSpec {
    /// KPI id in the plan.
    pub kpi: &'static str,
    /// KPI field, as the condition language names it.
    pub field: &'static str,
    /// How its values are drawn.
    pub gen: Gen,
}

impl FactSpec {
    /// The fact in the library's condition language.
    pub fn library(&self) -> String {
        format!("kpi(\"{}\").{}", self.kpi, self.field)
    }

    /// The fact's path in a zen context: `k03.attainment`.
    pub fn zen_field(&self) -> String {
        format!(
            "{}.{}",
            self.kpi.replace('-', "").to_lowercase(),
            self.field
        )
    }
}

const fn ratio(lo: i64, hi: i64) -> Gen {
    Gen::Num { lo, hi, scale: 4 }
}

const fn money(lo: i64, hi: i64) -> Gen {
    Gen::Num { lo, hi, scale: 2 }
}

/// The 20 facts: 10 KPIs, two fields each. Ratios have 4 decimals, money,
/// days and counts 2.
pub const FACTS: [FactSpec; 20] = [
    // 0, 1: revenue
    f("K-01", "attainment", ratio(6_000, 13_000)),
    f("K-01", "variance", money(-200_000_000, 100_000_000)),
    // 2, 3: new-customer revenue
    f("K-02", "pace", ratio(5_000, 13_000)),
    f("K-02", "forecast_attainment", ratio(6_000, 13_000)),
    // 4, 5: conversion rate
    f("K-03", "attainment", ratio(5_000, 13_000)),
    f("K-03", "status", Gen::Status),
    // 6, 7: pipeline coverage
    f("K-04", "attainment", ratio(5_000, 15_000)),
    f("K-04", "trend", ratio(-5_000, 5_000)),
    // 8, 9: win rate
    f("K-05", "pace", ratio(5_000, 13_000)),
    f("K-05", "status", Gen::Status),
    // 10, 11: average deal size
    f("K-06", "variance", money(-5_000_000, 5_000_000)),
    f("K-06", "trend", money(-500_000, 500_000)),
    // 12, 13: sales cycle in days (lower is better)
    f("K-07", "attainment", ratio(5_000, 14_000)),
    f("K-07", "trend", money(-500, 500)),
    // 14, 15: churn rate (lower is better)
    f("K-08", "forecast_attainment", ratio(5_000, 15_000)),
    f("K-08", "status", Gen::Status),
    // 16, 17: gross margin
    f("K-09", "attainment", ratio(7_000, 12_000)),
    f("K-09", "variance", ratio(-1_000, 1_000)),
    // 18, 19: sales activities
    f("K-10", "pace", ratio(4_000, 14_000)),
    f("K-10", "trend", money(-20_000, 20_000)),
];

const fn f(kpi: &'static str, field: &'static str, gen: Gen) -> FactSpec {
    FactSpec { kpi, field, gen }
}

/// The 10 KPIs of the plan: id, name, unit, direction, formula, target.
const KPIS: [(&str, &str, &str, &str, &str, &str); 10] = [
    (
        "K-01",
        "Revenue",
        "money",
        "higher_is_better",
        "sum(revenue)",
        "120000000.00",
    ),
    (
        "K-02",
        "New-customer revenue",
        "money",
        "higher_is_better",
        "sum(new_customer_revenue)",
        "30000000.00",
    ),
    (
        "K-03",
        "Conversion rate",
        "ratio",
        "higher_is_better",
        "sum(won_deals) / sum(opportunities)",
        "0.28",
    ),
    (
        "K-04",
        "Pipeline coverage",
        "ratio",
        "higher_is_better",
        "sum(pipeline) / sum(quota)",
        "3.0",
    ),
    (
        "K-05",
        "Win rate",
        "ratio",
        "higher_is_better",
        "sum(won_deals) / sum(closed_deals)",
        "0.35",
    ),
    (
        "K-06",
        "Average deal size",
        "money",
        "higher_is_better",
        "sum(revenue) / sum(won_deals)",
        "250000.00",
    ),
    (
        "K-07",
        "Sales cycle",
        "days",
        "lower_is_better",
        "avg(cycle_days)",
        "45",
    ),
    (
        "K-08",
        "Churn rate",
        "ratio",
        "lower_is_better",
        "sum(churned_customers) / sum(customers)",
        "0.08",
    ),
    (
        "K-09",
        "Gross margin",
        "ratio",
        "higher_is_better",
        "sum(gross_profit) / sum(revenue)",
        "0.42",
    ),
    (
        "K-10",
        "Sales activities",
        "count",
        "higher_is_better",
        "sum(activities)",
        "60000",
    ),
];

/// A condition of a rule.
#[derive(Debug, Clone, Copy)]
pub enum Cond {
    /// A fact (index into [`FACTS`]) against a constant: operator
    /// (`<`, `<=`, `>`, `>=`, `==`, `!=`) and the constant as written
    /// (`0.9`, `-50000`, `"off_track"`).
    Cmp(usize, &'static str, &'static str),
    /// A condition across facts, in both languages.
    Expr {
        /// In the library's condition language.
        library: &'static str,
        /// In zen's expression language, over the context paths.
        zen: &'static str,
    },
}

/// One rule: an id, what it is about, and the conjunction of conditions.
#[derive(Debug, Clone, Copy)]
pub struct RuleSpec {
    /// Rule id (`R-01` …).
    pub id: &'static str,
    /// The recommendation it makes.
    pub message: &'static str,
    /// Conditions, all of which must hold.
    pub all: &'static [Cond],
}

use Cond::{Cmp, Expr};

const fn r(id: &'static str, message: &'static str, all: &'static [Cond]) -> RuleSpec {
    RuleSpec { id, message, all }
}

/// The 50 rules.
pub const RULES: [RuleSpec; 50] = [
    r(
        "R-01",
        "Revenue behind and the gap is large: escalate to the CEO",
        &[Cmp(0, "<", "0.9"), Cmp(1, "<", "-500000")],
    ),
    r(
        "R-02",
        "Revenue well ahead: propose a stretch target",
        &[Cmp(0, ">=", "1.1")],
    ),
    r(
        "R-03",
        "New-customer revenue behind pace and forecast short: add prospecting",
        &[Cmp(2, "<", "0.85"), Cmp(3, "<", "0.9")],
    ),
    r(
        "R-04",
        "Conversion below target while pipeline grows: add sales training",
        &[Cmp(4, "<", "0.9"), Cmp(7, ">", "0")],
    ),
    r(
        "R-05",
        "Conversion off track: review qualification",
        &[Cmp(5, "==", "\"off_track\"")],
    ),
    r(
        "R-06",
        "Conversion and win rate both off track: run deal reviews",
        &[Cmp(5, "==", "\"off_track\""), Cmp(9, "==", "\"off_track\"")],
    ),
    r(
        "R-07",
        "Pipeline coverage thin: run a pipeline generation campaign",
        &[Cmp(6, "<", "0.8")],
    ),
    r(
        "R-08",
        "Pipeline coverage thin and shrinking: escalate",
        &[Cmp(6, "<", "0.8"), Cmp(7, "<", "0")],
    ),
    r(
        "R-09",
        "Win rate behind while conversion is below target: coach on closing",
        &[Cmp(8, "<", "0.9"), Cmp(4, "<", "0.95")],
    ),
    r(
        "R-10",
        "Deal size falling: review discounting",
        &[Cmp(10, "<", "-20000"), Cmp(11, "<", "0")],
    ),
    r(
        "R-11",
        "Sales cycle too long: simplify the approval path",
        &[Cmp(12, "<", "0.85")],
    ),
    r(
        "R-12",
        "Sales cycle lengthening quickly",
        &[Cmp(13, ">", "2.5")],
    ),
    r(
        "R-13",
        "Churn forecast well above target: start a retention programme",
        &[Cmp(14, "<", "0.8")],
    ),
    r(
        "R-14",
        "Churn off track and forecast short: call the top accounts",
        &[Cmp(15, "==", "\"off_track\""), Cmp(14, "<", "0.9")],
    ),
    r(
        "R-15",
        "Margin below target and falling behind: tighten discount approval",
        &[Cmp(16, "<", "0.9"), Cmp(17, "<", "-0.03")],
    ),
    r(
        "R-16",
        "Activity far behind pace: review territory coverage",
        &[Cmp(18, "<", "0.7")],
    ),
    r(
        "R-17",
        "Activity behind and dropping",
        &[Cmp(18, "<", "0.8"), Cmp(19, "<", "-50")],
    ),
    r(
        "R-18",
        "Much activity, few wins: coach on qualification",
        &[Cmp(18, ">=", "1.2"), Cmp(8, "<", "0.9")],
    ),
    r(
        "R-19",
        "New business forecast ahead while revenue lags: shift focus to expansion",
        &[Cmp(3, ">=", "1.05"), Cmp(0, "<", "1")],
    ),
    r(
        "R-20",
        "Revenue in the 80-90% band: watch closely",
        &[Cmp(0, ">=", "0.8"), Cmp(0, "<", "0.9")],
    ),
    r(
        "R-21",
        "Win rate not on track and coverage thin",
        &[Cmp(9, "!=", "\"on_track\""), Cmp(6, "<", "0.9")],
    ),
    r(
        "R-22",
        "Deal size growing and ahead: raise price points",
        &[Cmp(11, ">", "2000"), Cmp(10, ">", "10000")],
    ),
    r(
        "R-23",
        "Fast cycles and strong win rate: replicate the playbook",
        &[Cmp(12, ">=", "1.1"), Cmp(8, ">=", "1")],
    ),
    r(
        "R-24",
        "Margin well above plan: invest in growth",
        &[Cmp(17, ">", "0.05")],
    ),
    r(
        "R-25",
        "Pipeline coverage falling fast",
        &[Cmp(7, "<", "-0.3")],
    ),
    r("R-26", "Conversion far below target", &[Cmp(4, "<", "0.7")]),
    r(
        "R-27",
        "New-customer revenue far behind pace",
        &[Cmp(2, "<", "0.75")],
    ),
    r(
        "R-28",
        "Churn forecast far off and not on track: executive sponsor calls",
        &[Cmp(14, "<", "0.7"), Cmp(15, "!=", "\"on_track\"")],
    ),
    r("R-29", "Win rate far behind pace", &[Cmp(8, "<", "0.7")]),
    r(
        "R-30",
        "Activity surging and ahead: check data quality",
        &[Cmp(19, ">", "150"), Cmp(18, ">", "1.1")],
    ),
    r(
        "R-31",
        "Revenue far ahead of the expected value",
        &[Cmp(1, ">", "800000")],
    ),
    r(
        "R-32",
        "Conversion at risk and below 85%",
        &[Cmp(5, "==", "\"at_risk\""), Cmp(4, "<", "0.85")],
    ),
    r(
        "R-33",
        "Revenue collapse, or a large gap with conversion off track",
        &[Expr {
            library: r#"kpi("K-01").attainment < 0.75 or (kpi("K-01").variance < -1500000 and kpi("K-03").status == "off_track")"#,
            zen: r#"k01.attainment < 0.75 or (k01.variance < -1500000 and k03.status == "off_track")"#,
        }],
    ),
    r(
        "R-34",
        "Conversion or win rate far behind",
        &[Expr {
            library: r#"kpi("K-03").attainment < 0.8 or kpi("K-05").pace < 0.8"#,
            zen: r#"k03.attainment < 0.8 or k05.pace < 0.8"#,
        }],
    ),
    r(
        "R-35",
        "Churn off track or forecast far off",
        &[Expr {
            library: r#"kpi("K-08").status == "off_track" or kpi("K-08").forecast_attainment < 0.75"#,
            zen: r#"k08.status == "off_track" or k08.forecast_attainment < 0.75"#,
        }],
    ),
    r(
        "R-36",
        "Sales cycle lengthening or far too long",
        &[Expr {
            library: r#"kpi("K-07").trend > 3 or kpi("K-07").attainment < 0.7"#,
            zen: r#"k07.trend > 3 or k07.attainment < 0.7"#,
        }],
    ),
    r(
        "R-37",
        "Coverage weak while new business lags",
        &[
            Expr {
                library: r#"kpi("K-04").attainment < 0.9 or kpi("K-04").trend < -0.2"#,
                zen: r#"k04.attainment < 0.9 or k04.trend < -0.2"#,
            },
            Cmp(2, "<", "0.9"),
        ],
    ),
    r(
        "R-38",
        "Margin far below target or falling",
        &[Expr {
            library: r#"kpi("K-09").attainment < 0.8 or kpi("K-09").variance < -0.08"#,
            zen: r#"k09.attainment < 0.8 or k09.variance < -0.08"#,
        }],
    ),
    r(
        "R-39",
        "Activity collapse, or dropping while win rate is not on track",
        &[Expr {
            library: r#"kpi("K-10").pace < 0.6 or (kpi("K-10").trend < -150 and kpi("K-05").status != "on_track")"#,
            zen: r#"k10.pace < 0.6 or (k10.trend < -150 and k05.status != "on_track")"#,
        }],
    ),
    r(
        "R-40",
        "Win rate or conversion off track",
        &[Expr {
            library: r#"kpi("K-05").status == "off_track" or kpi("K-03").status == "off_track""#,
            zen: r#"k05.status == "off_track" or k03.status == "off_track""#,
        }],
    ),
    r(
        "R-41",
        "Revenue not yet at 90%: weekly forecast calls",
        &[Expr {
            library: r#"not (kpi("K-01").attainment >= 0.9)"#,
            zen: r#"not (k01.attainment >= 0.9)"#,
        }],
    ),
    r(
        "R-42",
        "Revenue and deal-size gaps add up to more than one million",
        &[Expr {
            library: r#"kpi("K-01").variance + kpi("K-06").variance * 20 < -1000000"#,
            zen: r#"k01.variance + k06.variance * 20 < -1000000"#,
        }],
    ),
    r(
        "R-43",
        "New-business forecast falling behind its pace",
        &[Expr {
            library: r#"kpi("K-02").forecast_attainment - kpi("K-02").pace < -0.15"#,
            zen: r#"k02.forecast_attainment - k02.pace < -0.15"#,
        }],
    ),
    r(
        "R-44",
        "Coverage and its trend together too weak",
        &[Expr {
            library: r#"kpi("K-04").attainment * 2 + kpi("K-04").trend < 1.4"#,
            zen: r#"k04.attainment * 2 + k04.trend < 1.4"#,
        }],
    ),
    r(
        "R-45",
        "Conversion and win rate average below 85%",
        &[Expr {
            library: r#"(kpi("K-03").attainment + kpi("K-05").pace) / 2 < 0.85"#,
            zen: r#"(k03.attainment + k05.pace) / 2 < 0.85"#,
        }],
    ),
    r(
        "R-46",
        "Activity times win rate below 60%",
        &[Expr {
            library: r#"kpi("K-10").pace * kpi("K-05").pace < 0.6"#,
            zen: r#"k10.pace * k05.pace < 0.6"#,
        }],
    ),
    r(
        "R-47",
        "Margin gap weighs more than the margin attainment",
        &[Expr {
            library: r#"kpi("K-09").variance * 10 + kpi("K-09").attainment < 0.75"#,
            zen: r#"k09.variance * 10 + k09.attainment < 0.75"#,
        }],
    ),
    r(
        "R-48",
        "Sales cycle long once its trend is counted",
        &[Expr {
            library: r#"kpi("K-07").attainment - kpi("K-07").trend / 10 < 0.8"#,
            zen: r#"k07.attainment - k07.trend / 10 < 0.8"#,
        }],
    ),
    r(
        "R-49",
        "Churn and revenue together short",
        &[Expr {
            library: r#"kpi("K-08").forecast_attainment + kpi("K-01").attainment < 1.7"#,
            zen: r#"k08.forecast_attainment + k01.attainment < 1.7"#,
        }],
    ),
    r(
        "R-50",
        "Deal size below plan and its trend makes it worse",
        &[
            Expr {
                library: r#"kpi("K-06").trend * 3 + kpi("K-06").variance < -30000"#,
                zen: r#"k06.trend * 3 + k06.variance < -30000"#,
            },
            Cmp(10, "<", "0"),
        ],
    ),
];

impl RuleSpec {
    /// The condition in the library's language.
    pub fn library(&self) -> String {
        self.all
            .iter()
            .map(|c| match c {
                Cmp(fact, op, value) => format!("{} {op} {value}", FACTS[*fact].library()),
                Expr { library, .. } if self.all.len() > 1 => format!("({library})"),
                Expr { library, .. } => (*library).to_owned(),
            })
            .collect::<Vec<_>>()
            .join(" and ")
    }

    /// The row of the zen decision table: the cell of each fact column
    /// (unary tests) and of the expression column, the empty cells left
    /// out.
    pub fn zen_row(&self) -> Value {
        let mut row = serde_json::Map::new();
        row.insert("_id".into(), json!(self.id));
        let mut cells: Vec<Vec<String>> = vec![Vec::new(); FACTS.len() + 1];
        for c in self.all {
            match c {
                // `== "x"` is written as zen writes a match, the bare value.
                Cmp(fact, "==", value) => cells[*fact].push((*value).to_owned()),
                Cmp(fact, op, value) => cells[*fact].push(format!("{op} {value}")),
                Expr { zen, .. } if self.all.len() > 1 => {
                    cells[FACTS.len()].push(format!("({zen})"))
                }
                Expr { zen, .. } => cells[FACTS.len()].push((*zen).to_owned()),
            }
        }
        for (i, cell) in cells.iter().enumerate() {
            if !cell.is_empty() {
                row.insert(zen_column(i), json!(cell.join(" and ")));
            }
        }
        row.insert("rule".into(), json!(format!("\"{}\"", self.id)));
        Value::Object(row)
    }
}

/// The zen input column id of fact `i`, or of the expression column
/// (`i == FACTS.len()`).
fn zen_column(i: usize) -> String {
    if i == FACTS.len() {
        "x".to_owned()
    } else {
        format!("f{i:02}")
    }
}

/// The plan: the case study with its KPIs replaced by the 10 KPIs and its
/// rules by the 50 rules (each recommends its message).
///
/// # Errors
/// If the plan does not read back (a mistake in this file).
pub fn plan() -> salesplan::Result<Plan> {
    let mut value = salesplan::example_plan().to_value();
    value["kpis"] = KPIS
        .iter()
        .map(|(id, name, unit, direction, formula, target)| {
            json!({
                "id": id, "name": name, "unit": unit, "direction": direction,
                "formula": formula, "target": target,
                "thresholds": {"basis": "attainment", "on_track": "0.95", "off_track": "0.85"},
            })
        })
        .collect();
    value["rules"] = RULES
        .iter()
        .map(|rule| {
            json!({
                "id": rule.id, "name": rule.message, "when": rule.library(),
                "actions": [{"type": "recommend", "message": rule.message}],
            })
        })
        .collect();
    Plan::from_value(value)
}

/// The zen JDM graph: input node → decision table (hit policy `collect`,
/// one fact column per fact, one expression column, one output column
/// `rule`) → output node.
pub fn jdm() -> Value {
    let mut inputs: Vec<Value> = FACTS
        .iter()
        .enumerate()
        .map(|(i, fact)| {
            json!({"id": zen_column(i), "name": fact.library(), "field": fact.zen_field()})
        })
        .collect();
    inputs.push(json!({"id": zen_column(FACTS.len()), "name": "Across facts"}));
    let rules: Vec<Value> = RULES.iter().map(RuleSpec::zen_row).collect();
    json!({
        "nodes": [
            {"id": "in", "name": "request", "type": "inputNode", "content": {}},
            {"id": "dt", "name": "rules", "type": "decisionTableNode", "content": {
                "hitPolicy": "collect",
                "inputs": inputs,
                "outputs": [{"id": "rule", "name": "Rule", "field": "rule"}],
                "rules": rules,
            }},
            {"id": "out", "name": "response", "type": "outputNode", "content": {}},
        ],
        "edges": [
            {"id": "e1", "sourceId": "in", "targetId": "dt"},
            {"id": "e2", "sourceId": "dt", "targetId": "out"},
        ],
    })
}

/// A small deterministic generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform over `0..n` (`n > 0`), by multiply-shift.
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }
}

/// One value of a fact.
pub fn draw(gen: Gen, rng: &mut SplitMix64) -> FactValue {
    match gen {
        Gen::Num { lo, hi, scale } => {
            let span = (hi - lo) as u64 + 1;
            FactValue::Num(Decimal::new(lo + rng.below(span) as i64, scale))
        }
        Gen::Status => FactValue::Text(match rng.below(10) {
            0..=4 => "on_track",
            5..=7 => "at_risk",
            _ => "off_track",
        }),
    }
}

/// `n` contexts, one value per fact in [`FACTS`] order, flat
/// (`n * FACTS.len()` values).
pub fn contexts(n: usize, seed: u64) -> Vec<FactValue> {
    let mut rng = SplitMix64(seed);
    let mut out = Vec::with_capacity(n * FACTS.len());
    for _ in 0..n {
        out.extend(FACTS.iter().map(|fact| draw(fact.gen, &mut rng)));
    }
    out
}

/// For each slot of the compiled set, the index of its fact in [`FACTS`].
///
/// # Errors
/// If the set's slots are not exactly the 20 facts.
pub fn slot_order(set: &RuleSet) -> Result<Vec<usize>, String> {
    let names: Vec<String> = FACTS.iter().map(FactSpec::library).collect();
    let order: Vec<usize> = set
        .slots()
        .iter()
        .map(|slot| {
            let s = slot.to_string();
            names
                .iter()
                .position(|n| *n == s)
                .ok_or_else(|| format!("slot {s} is not one of the facts"))
        })
        .collect::<Result<_, _>>()?;
    if order.len() != FACTS.len() {
        return Err(format!(
            "the rules read {} facts, not {}",
            order.len(),
            FACTS.len()
        ));
    }
    Ok(order)
}

/// The contexts reordered from [`FACTS`] order to the set's slot order.
pub fn to_slots(contexts: &[FactValue], order: &[usize]) -> Vec<FactValue> {
    contexts
        .chunks_exact(FACTS.len())
        .flat_map(|c| order.iter().map(move |&i| c[i]))
        .collect()
}

/// One evaluation with `RuleSet::evaluate`: the fired rules of one context
/// (`facts` in slot order) as a bit mask, bit `i` for rule `i`. `positions`
/// is a buffer reused across calls.
#[inline]
pub fn fired(set: &RuleSet, facts: &[FactValue], positions: &mut Vec<usize>) -> u64 {
    set.evaluate(facts, positions);
    positions.iter().fold(0, |mask, &i| mask | 1 << i)
}

/// Every context (`facts`, 20 a context in slot order) at once with
/// `RuleSet::evaluate_many`, each context's fired rules as a bit mask into
/// `masks`. `out` is cleared first.
pub fn fired_many(set: &RuleSet, facts: &[FactValue], out: &mut FiredSets, masks: &mut [u64]) {
    out.clear();
    set.evaluate_many(facts.chunks_exact(FACTS.len()), out);
    for (i, mask) in masks.iter_mut().enumerate() {
        *mask = out.row(i).map_or(0, |row| row[0]);
    }
}

/// The same evaluation rule by rule with `RuleSet::holds`.
#[inline]
pub fn fired_by_holds(set: &RuleSet, facts: &[FactValue]) -> u64 {
    let mut mask = 0u64;
    for (i, rule) in set.rules().iter().enumerate() {
        if set.holds(rule, facts) {
            mask |= 1 << i;
        }
    }
    mask
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rules_compile_to_twenty_slots() {
        let plan = plan().expect("the plan reads");
        let set = RuleSet::compile(&plan).expect("the rules compile");
        assert_eq!(set.rules().len(), RULES.len());
        let order = slot_order(&set).expect("20 facts");
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..FACTS.len()).collect::<Vec<_>>());
    }

    #[test]
    fn rows_and_conditions_are_written_out() {
        assert_eq!(
            RULES[0].library(),
            r#"kpi("K-01").attainment < 0.9 and kpi("K-01").variance < -500000"#
        );
        let row = RULES[19].zen_row();
        assert_eq!(row["f00"], ">= 0.8 and < 0.9");
        let row = RULES[5].zen_row();
        assert_eq!(row["f05"], "\"off_track\"");
        let row = RULES[36].zen_row();
        assert_eq!(row["x"], "(k04.attainment < 0.9 or k04.trend < -0.2)");
        assert_eq!(row["f02"], "< 0.9");
        assert_eq!(FACTS[5].zen_field(), "k03.status");
    }

    #[test]
    fn the_three_ways_fire_the_same_rules() {
        let plan = plan().expect("the plan reads");
        let set = RuleSet::compile(&plan).expect("the rules compile");
        let order = slot_order(&set).expect("20 facts");
        let facts = to_slots(&contexts(300, 11), &order);
        let mut masks = vec![0; 300];
        fired_many(&set, &facts, &mut FiredSets::new(&set), &mut masks);
        let mut positions = Vec::new();
        for (context, mask) in facts.chunks_exact(FACTS.len()).zip(&masks) {
            assert_eq!(fired(&set, context, &mut positions), *mask);
            assert_eq!(fired_by_holds(&set, context), *mask);
        }
        assert!(masks.iter().any(|m| m.count_ones() > 5));
    }

    #[test]
    fn contexts_are_deterministic_and_in_range() {
        let a = contexts(100, 7);
        assert_eq!(a, contexts(100, 7));
        assert_eq!(a.len(), 100 * FACTS.len());
        for (i, v) in a.iter().enumerate() {
            match (FACTS[i % FACTS.len()].gen, v) {
                (Gen::Num { lo, hi, scale }, FactValue::Num(d)) => {
                    assert_eq!(d.scale(), scale);
                    let m = i64::try_from(d.mantissa()).expect("small");
                    assert!((lo..=hi).contains(&m));
                }
                (Gen::Status, FactValue::Text(_)) => {}
                other => panic!("{other:?}"),
            }
        }
    }
}
