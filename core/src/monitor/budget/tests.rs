use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;
use crate::example_plan;
use crate::plan::{BudgetCategory, BudgetLineId, StrategyId};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn spend(a: &mut Actuals, day: NaiveDate, line: &str, value: &str) {
    a.push(day, SPEND, dec(value), &[(BUDGET_LINE_TAG, line)]);
}

#[test]
fn promotion_burning_twenty_percent_over_its_phasing_forecasts_an_overrun() {
    let plan = example_plan();
    let mut a = Actuals::new();
    spend(&mut a, date(2026, 4, 10), "B-PROMO", "1500000.00");
    spend(&mut a, date(2026, 6, 30), "B-PROMO", "2100000.00");
    let b = budget_burn(&plan, &a, date(2026, 6, 30)).unwrap();
    let promo = b.line("B-PROMO").unwrap();
    // April to June are due in full: 0.6 × 5,000,000.
    assert_eq!(promo.expected, dec("3000000.00"));
    assert_eq!(promo.spent, dec("3600000.00"));
    assert_eq!(promo.variance, dec("600000.00"));
    assert_eq!(promo.burn, Some(dec("1.2")));
    // 3,600,000 over the 181 days from January to June.
    assert_eq!(promo.burn_rate, Some(dec("19889.50")));
    // The 2,000,000 still planned, at 1.2 times the pace.
    assert_eq!(promo.forecast_at_completion, dec("6000000.00"));
    assert_eq!(promo.overrun, dec("1000000.00"));
    assert_eq!(promo.status, BurnStatus::Over);
    assert_eq!(promo.category, BudgetCategory::Promotion);
    assert_eq!(promo.strategy.as_ref().unwrap().as_str(), "S-PROMO");
}

#[test]
fn the_current_period_counts_pro_rata_by_days() {
    let plan = example_plan();
    let mut a = Actuals::new();
    spend(&mut a, date(2026, 5, 1), "B-PROMO", "1800000.00");
    let b = budget_burn(&plan, &a, date(2026, 5, 15)).unwrap();
    let promo = b.line("B-PROMO").unwrap();
    // April in full and 15 of May's 31 days: 1,000,000 + 483,870.967….
    assert_eq!(promo.expected, dec("1483870.97"));
    assert_eq!(promo.burn, Some(dec("1.2130")));
    // 1,800,000 + 3,516,129.03 × 1,800,000 ÷ 1,483,870.97.
    assert_eq!(promo.forecast_at_completion, dec("6065217.38"));
    assert_eq!(promo.overrun, dec("1065217.38"));
    // A line without phasing is spread evenly over the 365 days.
    let launch = b.line("B-LAUNCH").unwrap();
    // 6,000,000 × 135 ÷ 365.
    assert_eq!(launch.expected, dec("2219178.08"));
    assert_eq!(launch.spent, Decimal::ZERO);
    assert_eq!(launch.burn, Some(Decimal::ZERO));
    assert_eq!(launch.forecast_at_completion, Decimal::ZERO);
    assert_eq!(launch.status, BurnStatus::Under);
}

#[test]
fn even_spread_is_by_days_of_the_plan_period() {
    let plan = example_plan();
    let mut a = Actuals::new();
    spend(&mut a, date(2026, 3, 1), "B-LAUNCH", "2975342.47");
    let b = budget_burn(&plan, &a, date(2026, 6, 30)).unwrap();
    let launch = b.line("B-LAUNCH").unwrap();
    // 6,000,000 × 181 ÷ 365 = 2,975,342.4657….
    assert_eq!(launch.expected, dec("2975342.47"));
    assert_eq!(launch.burn, Some(Decimal::ONE));
    assert_eq!(launch.variance, Decimal::ZERO);
    assert_eq!(launch.forecast_at_completion, dec("6000000.00"));
    assert_eq!(launch.overrun, Decimal::ZERO);
    assert_eq!(launch.status, BurnStatus::OnPlan);
}

#[test]
fn spending_before_anything_is_due_is_over_and_adds_to_the_amount() {
    let plan = example_plan();
    let mut a = Actuals::new();
    let quiet = budget_burn(&plan, &a, date(2026, 3, 31)).unwrap();
    let promo = quiet.line("B-PROMO").unwrap();
    assert_eq!(promo.expected, Decimal::ZERO);
    assert_eq!(promo.burn, None);
    assert_eq!(promo.status, BurnStatus::OnPlan);
    assert_eq!(promo.forecast_at_completion, dec("5000000.00"));
    spend(&mut a, date(2026, 2, 1), "B-PROMO", "100000");
    let early = budget_burn(&plan, &a, date(2026, 3, 31)).unwrap();
    let promo = early.line("B-PROMO").unwrap();
    assert_eq!(promo.burn, None);
    assert_eq!(promo.status, BurnStatus::Over);
    assert_eq!(promo.forecast_at_completion, dec("5100000.00"));
    assert_eq!(promo.overrun, dec("100000.00"));
}

#[test]
fn no_rows_means_nothing_spent() {
    let plan = example_plan();
    let b = budget_burn(&plan, &Actuals::new(), date(2026, 12, 31)).unwrap();
    assert_eq!(b.lines.len(), plan.resources.budget.len());
    assert_eq!(b.total.spent, Decimal::ZERO);
    assert_eq!(b.total.expected, dec("17000000.00"));
    assert_eq!(b.total.amount, dec("17000000.00"));
    assert_eq!(b.total.burn, Some(Decimal::ZERO));
    assert_eq!(b.total.forecast_at_completion, Decimal::ZERO);
    assert_eq!(b.total.status, BurnStatus::Under);
}

#[test]
fn rows_outside_the_plan_period_or_after_as_of_are_ignored() {
    let plan = example_plan();
    let mut a = Actuals::new();
    spend(&mut a, date(2025, 12, 31), "B-CRM", "999");
    spend(&mut a, date(2026, 1, 1), "B-CRM", "100");
    spend(&mut a, date(2026, 2, 28), "B-CRM", "20.50");
    spend(&mut a, date(2026, 3, 1), "B-CRM", "7777");
    spend(&mut a, date(2027, 1, 1), "B-CRM", "5555");
    a.push(
        date(2026, 1, 5),
        "revenue",
        dec("1000"),
        &[(BUDGET_LINE_TAG, "B-NOPE")],
    );
    let b = budget_burn(&plan, &a, date(2026, 2, 28)).unwrap();
    assert_eq!(b.line("B-CRM").unwrap().spent, dec("120.50"));
    let later = budget_burn(&plan, &a, date(2030, 1, 1)).unwrap();
    assert_eq!(later.line("B-CRM").unwrap().spent, dec("7897.50"));
    // After the plan end, everything planned is due.
    assert_eq!(later.line("B-CRM").unwrap().expected, dec("1500000.00"));
    assert_eq!(later.line("B-CRM").unwrap().burn_rate, Some(dec("21.64")));
    let before = budget_burn(&plan, &a, date(2025, 12, 31)).unwrap();
    assert_eq!(before.line("B-CRM").unwrap().spent, Decimal::ZERO);
    assert_eq!(before.line("B-CRM").unwrap().burn_rate, None);
    assert_eq!(before.total.burn_rate, None);
}

#[test]
fn a_zero_amount_line_forecasts_what_it_spent() {
    let mut plan = example_plan();
    plan.resources.budget[5].amount = Decimal::ZERO;
    let mut a = Actuals::new();
    spend(&mut a, date(2026, 4, 1), "B-RESERVE", "250.004");
    let b = budget_burn(&plan, &a, date(2026, 6, 30)).unwrap();
    let reserve = b.line("B-RESERVE").unwrap();
    assert_eq!(reserve.expected, Decimal::ZERO);
    assert_eq!(reserve.spent, dec("250.00"));
    assert_eq!(reserve.burn, None);
    assert_eq!(reserve.forecast_at_completion, dec("250.00"));
    assert_eq!(reserve.overrun, dec("250.00"));
    assert_eq!(reserve.status, BurnStatus::Over);
}

#[test]
fn totals_group_by_category_and_strategy_in_order_of_appearance() {
    let plan = example_plan();
    let mut a = Actuals::new();
    spend(&mut a, date(2026, 4, 2), "B-PROMO", "3600000");
    spend(&mut a, date(2026, 4, 2), "B-ACQ", "400000");
    spend(&mut a, date(2026, 4, 2), "B-RESERVE", "10");
    let b = budget_burn(&plan, &a, date(2026, 6, 30)).unwrap();
    let categories: Vec<_> = b.by_category.iter().map(|c| c.category).collect();
    use BudgetCategory::*;
    assert_eq!(categories, [Events, Promotion, Tooling, Training, Other]);
    let promotion = &b.by_category[1].totals;
    assert_eq!(promotion.spent, dec("4000000.00"));
    assert_eq!(promotion.amount, dec("7000000.00"));
    let strategies: Vec<_> = b
        .by_strategy
        .iter()
        .map(|s| s.strategy.as_ref().map(|s| s.as_str().to_owned()))
        .collect();
    let named = |s: &str| Some(s.to_owned());
    assert_eq!(
        strategies,
        [named("S-HIGHEND"), named("S-PROMO"), named("S-ACQ"), None]
    );
    assert_eq!(b.by_strategy[3].totals.spent, dec("10.00"));
    // Overruns add up line by line; underspent lines do not offset them.
    assert_eq!(b.total.overrun, dec("1000000.00"));
    assert!(b.total.forecast_at_completion < b.total.amount);
}

#[test]
fn every_bad_spend_row_is_reported_and_nothing_is_computed() {
    let plan = example_plan();
    let mut a = Actuals::new();
    spend(&mut a, date(2026, 4, 1), "B-PROMO", "1");
    spend(&mut a, date(2026, 4, 1), "B-NOPE", "1");
    a.push(date(2026, 4, 1), SPEND, dec("1"), &[("region", "east")]);
    a.push(date(2026, 4, 1), "revenue", dec("1"), &[]);
    spend(&mut a, date(2030, 4, 1), "", "1");
    let Err(Error::Actuals { problems }) = budget_burn(&plan, &a, date(2026, 6, 30)) else {
        panic!("bad spend rows must be refused");
    };
    let rows: Vec<usize> = problems.iter().map(|p| p.row).collect();
    assert_eq!(rows, [2, 3, 5]);
    assert!(problems.iter().all(|p| p.column == BUDGET_LINE_TAG));
    assert!(problems[0].message.contains("\"B-NOPE\""));
    assert!(problems[0].message.contains("B-LAUNCH, B-PROMO"));
    assert!(problems[1].message.contains("needs a budget_line tag"));
}

#[test]
fn sums_beyond_a_decimal_are_an_overflow() {
    let plan = example_plan();
    let mut a = Actuals::new();
    for _ in 0..2 {
        a.push(
            date(2026, 4, 1),
            SPEND,
            Decimal::MAX,
            &[(BUDGET_LINE_TAG, "B-CRM")],
        );
    }
    let err = budget_burn(&plan, &a, date(2026, 6, 30)).unwrap_err();
    assert_eq!(err.code(), "overflow");
    assert!(err.to_string().contains("B-CRM"), "{err}");
    let mut huge = Actuals::new();
    huge.push(
        date(2026, 4, 1),
        SPEND,
        Decimal::MAX,
        &[(BUDGET_LINE_TAG, "B-PROMO")],
    );
    let err = budget_burn(&plan, &huge, date(2026, 6, 30)).unwrap_err();
    assert_eq!(err.code(), "overflow");
}

#[test]
fn serialises_with_decimal_strings_and_reads_back() {
    let plan = example_plan();
    let mut a = Actuals::new();
    spend(&mut a, date(2026, 4, 1), "B-PROMO", "12.5");
    let b = budget_burn(&plan, &a, date(2026, 6, 30)).unwrap();
    let json = serde_json::to_value(&b).unwrap();
    assert_eq!(json["lines"][1]["spent"], "12.50");
    assert_eq!(json["lines"][1]["status"], "under");
    assert_eq!(json["lines"][5]["strategy"], serde_json::Value::Null);
    assert_eq!(json["by_category"][0]["category"], "events");
    assert_eq!(json["by_category"][0]["amount"], "6000000.00");
    assert_eq!(json["total"]["status"], "under");
    let back: BudgetBurn = serde_json::from_value(json).unwrap();
    assert_eq!(back, b);
}

const CATEGORIES: [BudgetCategory; 3] = [
    BudgetCategory::Promotion,
    BudgetCategory::Events,
    BudgetCategory::Other,
];

fn arb_line() -> impl Strategy<Value = (i64, usize, Option<u8>, Vec<(u32, u32)>)> {
    (
        0i64..1_000_000_000_000,
        0usize..CATEGORIES.len(),
        proptest::option::of(0u8..3),
        proptest::collection::vec((1u32..=12, 1u32..100), 0..5),
    )
}

fn budget_line(
    i: usize,
    (cents, cat, strategy, weights): (i64, usize, Option<u8>, Vec<(u32, u32)>),
) -> BudgetLine {
    let mut phasing = BTreeMap::new();
    for (month, w) in weights {
        phasing.insert(format!("2026-{month:02}"), Decimal::new(i64::from(w), 2));
    }
    BudgetLine {
        id: BudgetLineId(format!("B{i}")),
        name: format!("line {i}"),
        category: CATEGORIES[cat],
        amount: Decimal::new(cents, 2),
        strategy: strategy.map(|s| StrategyId(format!("S{s}"))),
        phasing,
    }
}

/// One money field of a line, and the same field of a total.
type LineField = fn(&BudgetLineBurn) -> Decimal;
type TotalField = fn(&BudgetTotals) -> Decimal;

proptest! {
    #[test]
    fn totals_reconcile_to_the_cent_with_the_lines(
        lines in proptest::collection::vec(arb_line(), 1..8),
        rows in proptest::collection::vec((0usize..8, -40i64..420, -100_000_000i64..1_000_000_000, 0u32..4), 0..40),
        as_of in -20i64..400,
    ) {
        let mut plan = example_plan();
        plan.resources.budget = lines.into_iter().enumerate().map(|(i, l)| budget_line(i, l)).collect();
        let n = plan.resources.budget.len();
        let start = date(2026, 1, 1);
        let mut a = Actuals::new();
        for (line, day, value, scale) in rows {
            let id = format!("B{}", line % n);
            a.push(start + chrono::Duration::days(day), SPEND, Decimal::new(value, scale), &[(BUDGET_LINE_TAG, &id)]);
        }
        let b = budget_burn(&plan, &a, start + chrono::Duration::days(as_of)).unwrap();
        let sum = |get: fn(&BudgetLineBurn) -> Decimal, of: &mut dyn Iterator<Item = &BudgetLineBurn>| -> Decimal {
            of.map(get).sum()
        };
        let fields: [(LineField, TotalField); 6] = [
            (|l| l.amount, |t| t.amount),
            (|l| l.spent, |t| t.spent),
            (|l| l.expected, |t| t.expected),
            (|l| l.variance, |t| t.variance),
            (|l| l.forecast_at_completion, |t| t.forecast_at_completion),
            (|l| l.overrun, |t| t.overrun),
        ];
        for l in &b.lines {
            prop_assert_eq!(l.variance, l.spent - l.expected);
            for (line, _) in &fields {
                prop_assert!(line(l).scale() <= 2);
            }
            prop_assert!(l.overrun >= Decimal::ZERO);
        }
        for (line, total) in &fields {
            prop_assert_eq!(sum(*line, &mut b.lines.iter()), total(&b.total));
            let by_cat: Decimal = b.by_category.iter().map(|c| total(&c.totals)).sum();
            prop_assert_eq!(by_cat, total(&b.total));
            let by_strategy: Decimal = b.by_strategy.iter().map(|s| total(&s.totals)).sum();
            prop_assert_eq!(by_strategy, total(&b.total));
            for c in &b.by_category {
                let mut of = b.lines.iter().filter(|l| l.category == c.category);
                prop_assert_eq!(sum(*line, &mut of), total(&c.totals));
            }
            for s in &b.by_strategy {
                let mut of = b.lines.iter().filter(|l| l.strategy == s.strategy);
                prop_assert_eq!(sum(*line, &mut of), total(&s.totals));
            }
        }
        prop_assert_eq!(b.total.variance, b.total.spent - b.total.expected);
        let rates: Option<Decimal> = b.lines.iter().map(|l| l.burn_rate).sum();
        prop_assert_eq!(rates, b.total.burn_rate);
    }
}
