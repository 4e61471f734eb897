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
    /// Adds one observation; `None` (and nothing changed) when the sum
    /// would be beyond what a decimal holds.
    pub fn add(&mut self, date: NaiveDate, value: Decimal) -> Option<()> {
        self.sum = self.sum.checked_add(value)?;
        self.count += 1;
        if self.last.is_none_or(|(d, _)| date >= d) {
            self.last = Some((date, value));
        }
        self.min = Some(self.min.map_or(value, |m| m.min(value)));
        self.max = Some(self.max.map_or(value, |m| m.max(value)));
        Some(())
    }

    /// Adds another fold's observations, which come after this fold's;
    /// `None` (and nothing changed) when the sum would be beyond what a
    /// decimal holds.
    pub fn merge(&mut self, other: &Fold) -> Option<()> {
        self.sum = self.sum.checked_add(other.sum)?;
        self.count += other.count;
        self.merge_extremes(other);
        Some(())
    }

    /// Takes the last, smallest and largest of `other` where they win:
    /// ties go to `other` for the last and the largest, to `self` for the
    /// smallest.
    pub(crate) fn merge_extremes(&mut self, other: &Fold) {
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
            Aggregate::Baseline => None,
        }
    }
}

/// Where a formula's inputs come from.
pub trait Source {
    /// The observations of a measure in the window (empty when none).
    fn fold(&self, measure: &str) -> Fold;
    /// The value of another KPI over the same window.
    fn kpi(&self, _id: &str) -> Option<Decimal> {
        None
    }
    /// The plan baseline's value of a measure, prorated to the window.
    fn baseline(&self, _measure: &str) -> Option<Decimal> {
        None
    }
}

/// Computes a formula over a [`Source`]. `None` when the value is
/// undefined: a division by zero, an average of nothing, an overflow, a
/// missing baseline or an undefined KPI.
pub fn compute(formula: &Formula, source: &dyn Source) -> Option<Decimal> {
    match formula {
        Formula::Number(n) => Some(*n),
        Formula::Measure {
            aggregate: Aggregate::Baseline,
            measure,
            ..
        } => source.baseline(measure),
        Formula::Measure {
            aggregate, measure, ..
        } => source.fold(measure).get(*aggregate),
        Formula::Kpi { id, .. } => source.kpi(id),
        Formula::Neg(inner) => compute(inner, source).map(|v| -v),
        Formula::Binary(op, l, r) => {
            let (a, b) = (compute(l, source)?, compute(r, source)?);
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
        a.add(day(3), Decimal::from(5)).unwrap();
        a.add(day(1), Decimal::from(9)).unwrap();
        let mut b = Fold::default();
        b.add(day(4), Decimal::from(1)).unwrap();
        a.merge(&b).unwrap();
        assert_eq!(a.get(Aggregate::Sum), Some(Decimal::from(15)));
        assert_eq!(a.get(Aggregate::Count), Some(Decimal::from(3)));
        assert_eq!(a.get(Aggregate::Avg), Some(Decimal::from(5)));
        assert_eq!(a.get(Aggregate::Last), Some(Decimal::from(1)));
        assert_eq!(a.get(Aggregate::Min), Some(Decimal::from(1)));
        assert_eq!(a.get(Aggregate::Max), Some(Decimal::from(9)));
        assert_eq!(Fold::default().get(Aggregate::Avg), None);
    }

    struct Fixed;

    impl Source for Fixed {
        fn fold(&self, m: &str) -> Fold {
            let mut f = Fold::default();
            let v = match m {
                "won_deals" => 20,
                "opportunities" => 100,
                "marketing_spend" => 300,
                "sales_spend" => 200,
                "new_customers" => 10,
                _ => return f,
            };
            f.add(day(1), Decimal::from(v)).unwrap();
            f
        }

        fn baseline(&self, m: &str) -> Option<Decimal> {
            (m == "won_deals").then(|| Decimal::from(16))
        }
    }

    #[test]
    fn ratio_of_sums_cac_and_growth() {
        let conv = Formula::parse("sum(won_deals) / sum(opportunities)").unwrap();
        assert_eq!(compute(&conv, &Fixed), Some(Decimal::new(2, 1)));
        let cac = Formula::parse("(sum(marketing_spend) + sum(sales_spend)) / sum(new_customers)")
            .unwrap();
        assert_eq!(compute(&cac, &Fixed), Some(Decimal::from(50)));
        let zero = Formula::parse("sum(revenue) / sum(leads)").unwrap();
        assert_eq!(compute(&zero, &Fixed), None);
        let growth = Formula::parse("sum(won_deals) / baseline(won_deals) - 1").unwrap();
        assert_eq!(compute(&growth, &Fixed), Some(Decimal::new(25, 2)));
        let missing = Formula::parse("sum(revenue) / baseline(revenue)").unwrap();
        assert_eq!(compute(&missing, &Fixed), None);
    }
}
