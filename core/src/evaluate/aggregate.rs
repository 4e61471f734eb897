//! Folding a measure's observations, and computing KPI formulas from the
//! folds.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::formula::{Aggregate, BinaryOp, Formula};

/// Everything the formula language can ask of one measure's observations.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fold {
    /// Total of the values.
    pub sum: Decimal,
    /// Number of observations.
    pub count: u64,
    /// Date and value of the latest observation (the later row wins a tie).
    pub last: Option<(NaiveDate, Decimal)>,
    /// Smallest value.
    pub min: Option<Decimal>,
    /// Largest value.
    pub max: Option<Decimal>,
}

impl Fold {
    /// Adds one observation.
    pub fn add(&mut self, date: NaiveDate, value: Decimal) {
        self.sum += value;
        self.count += 1;
        if self.last.is_none_or(|(d, _)| date >= d) {
            self.last = Some((date, value));
        }
        self.min = Some(self.min.map_or(value, |m| m.min(value)));
        self.max = Some(self.max.map_or(value, |m| m.max(value)));
    }

    /// Adds another fold's observations.
    pub fn merge(&mut self, other: &Fold) {
        self.sum += other.sum;
        self.count += other.count;
        if let Some((d, v)) = other.last {
            if self.last.is_none_or(|(mine, _)| d >= mine) {
                self.last = Some((d, v));
            }
        }
        self.min = match (self.min, other.min) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.max = match (self.max, other.max) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
    }

    /// The aggregate's value; `None` when there is nothing to average or
    /// take the last, min or max of. A sum or count of nothing is zero.
    pub fn get(&self, aggregate: Aggregate) -> Option<Decimal> {
        match aggregate {
            Aggregate::Sum => Some(self.sum),
            Aggregate::Count => Some(Decimal::from(self.count)),
            Aggregate::Avg => (self.count > 0)
                .then(|| self.sum.checked_div(Decimal::from(self.count)))
                .flatten(),
            Aggregate::Last => self.last.map(|(_, v)| v),
            Aggregate::Min => self.min,
            Aggregate::Max => self.max,
        }
    }
}

/// Computes a formula. Measures are looked up with `measure` (a missing
/// measure is an empty fold), other KPIs with `kpi`. `None` when the value
/// is undefined: a division by zero, an average of nothing, an overflow, or
/// an undefined KPI.
pub fn compute(
    formula: &Formula,
    measure: &dyn Fn(&str) -> Fold,
    kpi: &dyn Fn(&str) -> Option<Decimal>,
) -> Option<Decimal> {
    match formula {
        Formula::Number(n) => Some(*n),
        Formula::Measure {
            aggregate,
            measure: m,
            ..
        } => measure(m).get(*aggregate),
        Formula::Kpi { id, .. } => kpi(id),
        Formula::Neg(inner) => compute(inner, measure, kpi).map(|v| -v),
        Formula::Binary(op, l, r) => {
            let (a, b) = (compute(l, measure, kpi)?, compute(r, measure, kpi)?);
            match op {
                BinaryOp::Add => a.checked_add(b),
                BinaryOp::Sub => a.checked_sub(b),
                BinaryOp::Mul => a.checked_mul(b),
                BinaryOp::Div => a.checked_div(b),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, d).unwrap()
    }

    #[test]
    fn folds_and_merges() {
        let mut a = Fold::default();
        a.add(day(3), Decimal::from(5));
        a.add(day(1), Decimal::from(9));
        let mut b = Fold::default();
        b.add(day(4), Decimal::from(1));
        a.merge(&b);
        assert_eq!(a.get(Aggregate::Sum), Some(Decimal::from(15)));
        assert_eq!(a.get(Aggregate::Count), Some(Decimal::from(3)));
        assert_eq!(a.get(Aggregate::Avg), Some(Decimal::from(5)));
        assert_eq!(a.get(Aggregate::Last), Some(Decimal::from(1)));
        assert_eq!(a.get(Aggregate::Min), Some(Decimal::from(1)));
        assert_eq!(a.get(Aggregate::Max), Some(Decimal::from(9)));
        assert_eq!(Fold::default().get(Aggregate::Avg), None);
    }

    #[test]
    fn ratio_of_sums_and_cac() {
        let fold = |m: &str| {
            let mut f = Fold::default();
            let v = match m {
                "won_deals" => 20,
                "opportunities" => 100,
                "marketing_spend" => 300,
                "sales_spend" => 200,
                "new_customers" => 10,
                _ => return f,
            };
            f.add(day(1), Decimal::from(v));
            f
        };
        let none = |_: &str| None;
        let conv = Formula::parse("sum(won_deals) / sum(opportunities)").unwrap();
        assert_eq!(compute(&conv, &fold, &none), Some(Decimal::new(2, 1)));
        let cac = Formula::parse("(sum(marketing_spend) + sum(sales_spend)) / sum(new_customers)")
            .unwrap();
        assert_eq!(compute(&cac, &fold, &none), Some(Decimal::from(50)));
        let zero = Formula::parse("sum(revenue) / sum(leads)").unwrap();
        assert_eq!(compute(&zero, &fold, &none), None);
    }
}
