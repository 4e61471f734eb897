//! Fast, exact roll-up of money amounts to (key, month) cells.
//!
//! This is the kernel behind "revenue per rep per month" over millions of
//! transactions. It takes plain columns, the way Arrow, polars and numpy hold
//! them, so the bindings can pass buffers without copying:
//!
//! - `keys`: a dense `u32` code per row (a rep, a territory, a product —
//!   whatever was interned to `0..key_count`);
//! - `days`: the row's date as days since 1970-01-01 (`i32`, the layout of
//!   Arrow `date32`, polars `Date` and numpy `datetime64[D]`; see
//!   [`epoch_day`]);
//! - `amounts_minor`: the amount as an integer count of minor units
//!   (`12345` with `scale` 2 is `123.45`).
//!
//! Amounts are summed as integers, one `i64` (or, on overflow, `i128`) per
//! cell, and each cell is turned into a [`Decimal`] once at the end, so
//! the result is exact. A day→month table is built once per [`MonthGrid`],
//! so no calendar arithmetic runs per row.
//!
//! ```
//! use chrono::NaiveDate;
//! use rust_decimal::Decimal;
//! use salesplan::actuals::rollup::{epoch_day, rollup_by_month};
//!
//! let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
//! let end = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
//! let jan = epoch_day(NaiveDate::from_ymd_opt(2026, 1, 15).unwrap());
//! let feb = epoch_day(NaiveDate::from_ymd_opt(2026, 2, 3).unwrap());
//!
//! // Two reps; amounts in cents.
//! let rollup = rollup_by_month(2, &[0, 1, 0], &[jan, jan, feb], &[1050, 99, 2000], 2, start, end)?;
//! assert_eq!(rollup.months().len(), 12);
//! assert_eq!(rollup.get(0, 0), Some(Decimal::new(1050, 2))); // rep 0, 2026-01: 10.50
//! assert_eq!(rollup.get(0, 1), Some(Decimal::new(2000, 2))); // rep 0, 2026-02: 20.00
//!
//! // Quotas per rep per month, in the same layout as the sums.
//! let quotas = vec![Decimal::new(2000, 2); rollup.cells()];
//! let attainment = rollup.attainment(&quotas)?;
//! assert_eq!(attainment[rollup.index(0, 0).unwrap()], Some(Decimal::new(5250, 4))); // 0.5250
//! # Ok::<(), salesplan::Error>(())
//! ```

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::calendar::{Calendar, Granularity, Period};
use crate::plan::Direction;
use crate::{Error, Result};

/// Decimal places of [`MonthlyRollup::attainment`].
pub use crate::plan::ATTAINMENT_DECIMALS;

/// The most days a [`MonthGrid`] covers: 1,000 years of 366 days, a table of
/// 1.5 MB. Wider ranges are refused rather than allocated.
pub const MAX_GRID_DAYS: usize = 366_000;

/// The date as days since 1970-01-01 (negative before it), the day numbering
/// that `days` in [`rollup_by_month`] uses.
///
/// ```
/// use chrono::NaiveDate;
/// use salesplan::actuals::rollup::epoch_day;
///
/// assert_eq!(epoch_day(NaiveDate::from_ymd_opt(1970, 1, 2).unwrap()), 1);
/// assert_eq!(epoch_day(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()), 20454);
/// ```
pub fn epoch_day(date: NaiveDate) -> i32 {
    date.to_epoch_days()
}

fn invalid(name: &str, message: String) -> Error {
    Error::InvalidArgument {
        name: name.to_owned(),
        message,
    }
}

/// The calendar months that cover `start..=end`, and a table from each day
/// in that range to its month.
///
/// Build one once and reuse it for many roll-ups over the same range; the
/// table holds one `u32` per day (1.5 KB for a year, at most
/// [`MAX_GRID_DAYS`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthGrid {
    start: NaiveDate,
    end: NaiveDate,
    first_day: i32,
    months: Vec<Period>,
    /// `month_of[day - first_day]` is the month's position in `months`.
    month_of: Vec<u32>,
}

impl MonthGrid {
    /// The months from `start`'s to `end`'s, both days included.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] when `end` is before `start`, or when the
    /// range has more than [`MAX_GRID_DAYS`] days.
    pub fn new(start: NaiveDate, end: NaiveDate) -> Result<MonthGrid> {
        let first_day = epoch_day(start);
        // Both days are within ±2^28, so the difference cannot overflow.
        let day_count = i64::from(epoch_day(end)) - i64::from(first_day) + 1;
        if day_count < 1 {
            return Err(invalid("end", format!("{end} is before the start {start}")));
        }
        let day_count = usize::try_from(day_count)
            .ok()
            .filter(|&n| n <= MAX_GRID_DAYS)
            .ok_or_else(|| {
                invalid(
                    "end",
                    format!("{start}..={end} is {day_count} days, more than {MAX_GRID_DAYS}"),
                )
            })?;
        let months = Calendar::GREGORIAN.periods(start, end, Granularity::Month);
        let mut month_of = Vec::with_capacity(day_count);
        for (position, &month) in months.iter().enumerate() {
            let position = u32::try_from(position)
                .map_err(|_| invalid("end", "too many months".to_owned()))?;
            let from = Calendar::GREGORIAN.start(month).max(start);
            let to = Calendar::GREGORIAN.end(month).min(end);
            let days = i64::from(epoch_day(to)) - i64::from(epoch_day(from)) + 1;
            month_of.extend((0..days).map(|_| position));
        }
        debug_assert_eq!(month_of.len(), day_count);
        Ok(MonthGrid {
            start,
            end,
            first_day,
            months,
            month_of,
        })
    }

    /// The first day covered.
    pub fn start(&self) -> NaiveDate {
        self.start
    }

    /// The last day covered (inclusive).
    pub fn end(&self) -> NaiveDate {
        self.end
    }

    /// The months covered, in order: [`Period::Month`]s whose names are
    /// `"2026-01"`, `"2026-02"`, … The first and last may be partial.
    pub fn months(&self) -> &[Period] {
        &self.months
    }

    /// The position in [`months`](Self::months) of the month holding `day`
    /// (days since 1970-01-01), or `None` when `day` is outside
    /// `start..=end`.
    pub fn month_of_day(&self, day: i32) -> Option<usize> {
        let offset = usize::try_from(i64::from(day) - i64::from(self.first_day)).ok()?;
        self.month_of.get(offset).map(|&m| m as usize)
    }

    /// The position in [`months`](Self::months) of the month `"YYYY-MM"`,
    /// or `None` when it is not covered.
    pub fn month_position(&self, year: i32, month: u32) -> Option<usize> {
        self.months
            .iter()
            .position(|&p| p == Period::Month { year, month })
    }

    /// Sums `amounts_minor` (integer minor units with `scale` decimals) by
    /// `(keys[i], month of days[i])`. See [`rollup_by_month`].
    ///
    /// # Errors
    ///
    /// As [`rollup_by_month`].
    pub fn rollup(
        &self,
        key_count: usize,
        keys: &[u32],
        days: &[i32],
        amounts_minor: &[i64],
        scale: u32,
    ) -> Result<MonthlyRollup> {
        if days.len() != keys.len() || amounts_minor.len() != keys.len() {
            return Err(invalid(
                "amounts_minor",
                format!(
                    "the columns differ in length: {} keys, {} days, {} amounts",
                    keys.len(),
                    days.len(),
                    amounts_minor.len()
                ),
            ));
        }
        if scale > Decimal::MAX_SCALE {
            return Err(invalid(
                "scale",
                format!("{scale} is more than {} decimals", Decimal::MAX_SCALE),
            ));
        }
        let month_count = self.months.len();
        let cells = key_count
            .checked_mul(month_count)
            .ok_or_else(|| invalid("key_count", format!("{key_count} keys is too many")))?;
        let mut narrow = zeroed::<i64>(cells)?;
        let sums = match accumulate(self, key_count, &mut narrow, keys, days, amounts_minor) {
            Ok(()) => to_decimals(narrow.into_iter().map(i128::from), cells, scale)?,
            // A cell left the `i64` range: add again in `i128`, which cannot
            // overflow (see `Accumulator for i128`).
            Err(Stop::Overflow) => {
                drop(narrow);
                let mut wide = zeroed::<i128>(cells)?;
                accumulate(self, key_count, &mut wide, keys, days, amounts_minor)
                    .map_err(|stop| stop.into_error(self, key_count, keys, days))?;
                to_decimals(wide, cells, scale)?
            }
            Err(stop) => return Err(stop.into_error(self, key_count, keys, days)),
        };
        Ok(MonthlyRollup {
            key_count,
            months: self.months.clone(),
            scale,
            sums,
        })
    }
}

/// Sums amounts by `(key, calendar month)` with exact decimals.
///
/// Row `i` adds `amounts_minor[i]` minor units (`amounts_minor[i] ×
/// 10^-scale`) to the cell of key `keys[i]` and the month holding day
/// `days[i]` (days since 1970-01-01; see [`epoch_day`]). Months run from
/// `start`'s to `end`'s; cells with no rows are zero.
///
/// Sums are kept as integers, one `i64` per cell, and checked for overflow
/// on every add; if any cell would leave the `i64` range the rows are added
/// again in `i128`, which cannot overflow (a slice holds fewer than 2^61
/// `i64`s, so every sum is below 2^124 in magnitude). Each cell becomes a
/// [`Decimal`] once, at the end. One pass over the rows, no division, no
/// rounding, no calendar arithmetic per row: the month comes from a table
/// built once (see [`MonthGrid`], to reuse it across calls).
///
/// # Errors
///
/// [`Error::InvalidArgument`] when the three columns differ in length, when
/// `end` is before `start`, when `scale` is more than 28, when a key is not
/// below `key_count` or a day is outside `start..=end` (the message names
/// the first such row), or when a cell's sum is too large for a [`Decimal`]
/// (beyond ±2^96 minor units).
pub fn rollup_by_month(
    key_count: usize,
    keys: &[u32],
    days: &[i32],
    amounts_minor: &[i64],
    scale: u32,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<MonthlyRollup> {
    MonthGrid::new(start, end)?.rollup(key_count, keys, days, amounts_minor, scale)
}

/// Why the row loop stopped early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// A cell's sum left the accumulator's range.
    Overflow,
    /// Row `.0` has a key or a day out of range.
    BadRow(usize),
}

impl Stop {
    fn into_error(self, grid: &MonthGrid, key_count: usize, keys: &[u32], days: &[i32]) -> Error {
        match self {
            Stop::Overflow => invalid("amounts_minor", "a sum overflowed".to_owned()),
            Stop::BadRow(row) => {
                let key = keys[row];
                if key as usize >= key_count {
                    invalid(
                        "keys",
                        format!("row {row}: key {key} is not below the key count {key_count}"),
                    )
                } else {
                    let day = days[row];
                    let shown = NaiveDate::from_epoch_days(day)
                        .map_or_else(|| format!("day {day}"), |d| d.to_string());
                    invalid(
                        "days",
                        format!(
                            "row {row}: {shown} is outside {}..={}",
                            grid.start, grid.end
                        ),
                    )
                }
            }
        }
    }
}

/// An integer cell sum.
trait Accumulator: Copy + Default {
    /// `self + amount`, or `None` on overflow.
    fn add(self, amount: i64) -> Option<Self>;
}

impl Accumulator for i64 {
    #[inline(always)]
    fn add(self, amount: i64) -> Option<i64> {
        self.checked_add(amount)
    }
}

impl Accumulator for i128 {
    #[inline(always)]
    fn add(self, amount: i64) -> Option<i128> {
        // Never `None` for inputs that fit in memory: |sum| < 2^61 × 2^63.
        self.checked_add(i128::from(amount))
    }
}

/// The row loop: dense cells, key-major (`key * months + month`).
///
/// Kept lean for speed: a bad row only stops the loop, and
/// [`first_bad_row`] finds which one afterwards.
fn accumulate<A: Accumulator>(
    grid: &MonthGrid,
    key_count: usize,
    sums: &mut [A],
    keys: &[u32],
    days: &[i32],
    amounts: &[i64],
) -> std::result::Result<(), Stop> {
    let month_count = grid.months.len();
    let first_day = grid.first_day;
    let month_of = grid.month_of.as_slice();
    for ((&key, &day), &amount) in keys.iter().zip(days).zip(amounts) {
        let key = key as usize;
        // A day before `first_day` wraps to a huge offset and misses the table.
        let offset = day.wrapping_sub(first_day) as u32 as usize;
        let (true, Some(&month)) = (key < key_count, month_of.get(offset)) else {
            return Err(Stop::BadRow(first_bad_row(grid, key_count, keys, days)));
        };
        let cell = &mut sums[key * month_count + month as usize];
        *cell = cell.add(amount).ok_or(Stop::Overflow)?;
    }
    Ok(())
}

/// The first row whose key or day is out of range (`0` if none is).
#[cold]
#[inline(never)]
fn first_bad_row(grid: &MonthGrid, key_count: usize, keys: &[u32], days: &[i32]) -> usize {
    keys.iter()
        .zip(days)
        .position(|(&key, &day)| key as usize >= key_count || grid.month_of_day(day).is_none())
        .unwrap_or(0)
}

/// An empty vector with room for `cells`, or an error (not an abort) when
/// they cannot be allocated.
fn with_room<A>(cells: usize) -> Result<Vec<A>> {
    let mut v = Vec::new();
    v.try_reserve_exact(cells)
        .map_err(|_| invalid("key_count", format!("{cells} cells do not fit in memory")))?;
    Ok(v)
}

/// `cells` zeros, or an error when they cannot be allocated.
fn zeroed<A: Clone + Default>(cells: usize) -> Result<Vec<A>> {
    let mut v = with_room(cells)?;
    v.resize(cells, A::default());
    Ok(v)
}

/// Each of the `cells` integer sums as a decimal with `scale` places.
fn to_decimals(
    sums: impl IntoIterator<Item = i128>,
    cells: usize,
    scale: u32,
) -> Result<Vec<Decimal>> {
    let mut out = with_room(cells)?;
    for sum in sums {
        out.push(Decimal::try_from_i128_with_scale(sum, scale).map_err(|_| {
            invalid(
                "amounts_minor",
                format!("a sum of {sum} minor units is too large for a decimal"),
            )
        })?);
    }
    Ok(out)
}

/// Exact sums by (key, month), as [`rollup_by_month`] makes them.
///
/// Cells are dense and key-major: the cell of key `k` and month position `m`
/// is at `k * months().len() + m` in [`sums`](Self::sums); [`index`](Self::index)
/// computes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthlyRollup {
    key_count: usize,
    months: Vec<Period>,
    scale: u32,
    sums: Vec<Decimal>,
}

impl MonthlyRollup {
    /// How many keys (`0..key_count`).
    pub fn key_count(&self) -> usize {
        self.key_count
    }

    /// The months, in order; each is a [`Period::Month`] named like
    /// `"2026-01"`.
    pub fn months(&self) -> &[Period] {
        &self.months
    }

    /// The number of decimals of every sum (the `scale` of the amounts).
    pub fn scale(&self) -> u32 {
        self.scale
    }

    /// The number of cells, `key_count × months().len()`.
    pub fn cells(&self) -> usize {
        self.sums.len()
    }

    /// Where the cell of `key` and month position `month` is in
    /// [`sums`](Self::sums), or `None` when either is out of range.
    pub fn index(&self, key: usize, month: usize) -> Option<usize> {
        (key < self.key_count && month < self.months.len()).then(|| key * self.months.len() + month)
    }

    /// The sum for `key` in the month at position `month` (zero when no row
    /// fell there), or `None` when either is out of range.
    pub fn get(&self, key: usize, month: usize) -> Option<Decimal> {
        self.index(key, month).map(|i| self.sums[i])
    }

    /// Every cell's sum, key-major.
    pub fn sums(&self) -> &[Decimal] {
        &self.sums
    }

    /// The months of one key, in order, or `None` for a key out of range.
    pub fn key_sums(&self, key: usize) -> Option<&[Decimal]> {
        let months = self.months.len();
        (key < self.key_count).then(|| &self.sums[key * months..(key + 1) * months])
    }

    /// Attainment per cell: actual ÷ quota, rounded to
    /// [`ATTAINMENT_DECIMALS`] (4) places with banker's rounding, as in
    /// [`evaluate`](crate::evaluate) (`1.0125` is 101.25%): the
    /// higher-is-better [`Direction::attainment`].
    ///
    /// `quotas` has one quota per key per month, in the same key-major layout
    /// as [`sums`](Self::sums) (use [`index`](Self::index) to place them). A
    /// cell whose quota is zero has no attainment (`None`). The division and
    /// the rounding run once per cell, never per row.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] when `quotas` does not have
    /// [`cells`](Self::cells) entries.
    pub fn attainment(&self, quotas: &[Decimal]) -> Result<Vec<Option<Decimal>>> {
        if quotas.len() != self.sums.len() {
            return Err(invalid(
                "quotas",
                format!(
                    "{} quotas for {} cells ({} keys × {} months)",
                    quotas.len(),
                    self.sums.len(),
                    self.key_count,
                    self.months.len()
                ),
            ));
        }
        Ok(self
            .sums
            .iter()
            .zip(quotas)
            .map(|(actual, quota)| Direction::HigherIsBetter.attainment(*actual, *quota))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use chrono::Datelike;
    use proptest::prelude::*;

    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn day(y: i32, m: u32, d: u32) -> i32 {
        epoch_day(date(y, m, d))
    }

    fn year_2026() -> (NaiveDate, NaiveDate) {
        (date(2026, 1, 1), date(2026, 12, 31))
    }

    #[test]
    fn epoch_days() {
        assert_eq!(day(1970, 1, 1), 0);
        assert_eq!(day(1969, 12, 31), -1);
        assert_eq!(day(2026, 3, 1) - day(2026, 2, 28), 1);
    }

    #[test]
    fn grid_maps_every_day_to_its_month() {
        let grid = MonthGrid::new(date(2025, 11, 15), date(2026, 2, 3)).unwrap();
        let names: Vec<String> = grid.months().iter().map(ToString::to_string).collect();
        assert_eq!(names, ["2025-11", "2025-12", "2026-01", "2026-02"]);
        let mut d = grid.start();
        while d <= grid.end() {
            let m = grid.month_of_day(epoch_day(d)).unwrap();
            assert_eq!(
                grid.months()[m],
                Period::Month {
                    year: d.year(),
                    month: d.month()
                }
            );
            d = d.succ_opt().unwrap();
        }
        assert_eq!(grid.month_of_day(day(2025, 11, 14)), None);
        assert_eq!(grid.month_of_day(day(2026, 2, 4)), None);
        assert_eq!(grid.month_of_day(i32::MIN), None);
        assert_eq!(grid.month_of_day(i32::MAX), None);
        assert_eq!(grid.month_position(2026, 1), Some(2));
        assert_eq!(grid.month_position(2026, 3), None);
    }

    #[test]
    fn grid_range_is_capped() {
        let start = date(2000, 1, 1);
        let ok = MonthGrid::new(start, date(2999, 12, 31)).unwrap();
        assert_eq!(ok.months().len(), 12_000);
        assert_eq!(ok.month_of_day(day(2999, 12, 31)), Some(11_999));
        let err = MonthGrid::new(NaiveDate::MIN, NaiveDate::MAX).unwrap_err();
        assert!(matches!(err, Error::InvalidArgument { ref name, .. } if name == "end"));
    }

    #[test]
    fn single_day_grid() {
        let d = date(2024, 2, 29);
        let grid = MonthGrid::new(d, d).unwrap();
        assert_eq!(
            grid.months(),
            [Period::Month {
                year: 2024,
                month: 2
            }]
        );
        assert_eq!(grid.month_of_day(epoch_day(d)), Some(0));
    }

    #[test]
    fn sums_exactly_by_key_and_month() {
        let (start, end) = year_2026();
        let keys = [0, 1, 0, 2, 0];
        let days = [
            day(2026, 1, 1),
            day(2026, 1, 31),
            day(2026, 1, 31),
            day(2026, 12, 31),
            day(2026, 2, 1),
        ];
        let amounts = [10, 2_50, 1, -3_00, 99_99];
        let r = rollup_by_month(3, &keys, &days, &amounts, 2, start, end).unwrap();
        assert_eq!(r.key_count(), 3);
        assert_eq!(r.cells(), 36);
        assert_eq!(r.scale(), 2);
        assert_eq!(r.months()[11].to_string(), "2026-12");
        assert_eq!(r.get(0, 0), Some(Decimal::new(11, 2)));
        assert_eq!(r.get(0, 1), Some(Decimal::new(9999, 2)));
        assert_eq!(r.get(1, 0), Some(Decimal::new(250, 2)));
        assert_eq!(r.get(2, 11), Some(Decimal::new(-300, 2)));
        assert_eq!(r.get(2, 0), Some(Decimal::ZERO));
        assert_eq!(r.get(3, 0), None);
        assert_eq!(r.get(0, 12), None);
        assert_eq!(r.key_sums(0).unwrap()[1], Decimal::new(9999, 2));
        assert_eq!(r.key_sums(3), None);
        // Sums keep the amounts' scale.
        assert_eq!(r.get(0, 1).unwrap().to_string(), "99.99");
        assert_eq!(r.get(2, 0).unwrap().to_string(), "0.00");
    }

    #[test]
    fn empty_input_gives_zero_cells() {
        let (start, end) = year_2026();
        let r = rollup_by_month(2, &[], &[], &[], 2, start, end).unwrap();
        assert_eq!(r.sums(), [Decimal::new(0, 2); 24]);
        let r = rollup_by_month(0, &[], &[], &[], 0, start, end).unwrap();
        assert_eq!(r.cells(), 0);
    }

    #[test]
    fn bad_rows_are_errors_naming_the_row() {
        let (start, end) = year_2026();
        let ok = day(2026, 6, 1);
        let err = rollup_by_month(2, &[0, 2], &[ok, ok], &[1, 1], 2, start, end).unwrap_err();
        assert_eq!(err.code(), "invalid_argument");
        assert!(err.to_string().contains("row 1: key 2"), "{err}");

        let err = rollup_by_month(2, &[0, 1], &[ok, day(2027, 1, 1)], &[1, 1], 2, start, end)
            .unwrap_err();
        assert!(
            err.to_string().contains("row 1: 2027-01-01 is outside"),
            "{err}"
        );
        let err = rollup_by_month(2, &[0], &[day(2025, 12, 31)], &[1], 2, start, end).unwrap_err();
        assert!(err.to_string().contains("row 0: 2025-12-31"), "{err}");
        let err = rollup_by_month(2, &[0], &[i32::MIN], &[1], 2, start, end).unwrap_err();
        assert!(matches!(err, Error::InvalidArgument { ref name, .. } if name == "days"));
        let err = rollup_by_month(2, &[0], &[i32::MAX], &[1], 2, start, end).unwrap_err();
        assert!(matches!(err, Error::InvalidArgument { ref name, .. } if name == "days"));
    }

    #[test]
    fn bad_arguments_are_errors() {
        let (start, end) = year_2026();
        let ok = day(2026, 6, 1);
        let err = rollup_by_month(1, &[0], &[ok, ok], &[1], 2, start, end).unwrap_err();
        assert!(matches!(err, Error::InvalidArgument { ref name, .. } if name == "amounts_minor"));
        let err = rollup_by_month(1, &[0], &[ok], &[1], 29, start, end).unwrap_err();
        assert!(matches!(err, Error::InvalidArgument { ref name, .. } if name == "scale"));
        let err = rollup_by_month(1, &[0], &[ok], &[1], 2, end, start).unwrap_err();
        assert!(matches!(err, Error::InvalidArgument { ref name, .. } if name == "end"));
        let err = rollup_by_month(usize::MAX, &[0], &[ok], &[1], 2, start, end).unwrap_err();
        assert!(matches!(err, Error::InvalidArgument { ref name, .. } if name == "key_count"));
        // Cells that cannot be allocated are an error, not an abort.
        let err = rollup_by_month(usize::MAX / 16, &[0], &[ok], &[1], 2, start, end).unwrap_err();
        assert!(matches!(err, Error::InvalidArgument { ref name, .. } if name == "key_count"));
    }

    #[test]
    fn overflowing_i64_falls_back_to_i128() {
        let (start, end) = year_2026();
        let ok = day(2026, 6, 1);
        let r = rollup_by_month(
            1,
            &[0, 0, 0],
            &[ok; 3],
            &[i64::MAX, i64::MAX, 2],
            0,
            start,
            end,
        )
        .unwrap();
        let expected = i128::from(i64::MAX) * 2 + 2;
        assert_eq!(
            r.get(0, 5),
            Some(Decimal::from_i128_with_scale(expected, 0))
        );
        let r = rollup_by_month(1, &[0, 0], &[ok; 2], &[i64::MIN, -1], 2, start, end).unwrap();
        let expected = i128::from(i64::MIN) - 1;
        assert_eq!(
            r.get(0, 5),
            Some(Decimal::from_i128_with_scale(expected, 2))
        );
    }

    #[test]
    fn sum_beyond_decimal_range_is_an_error() {
        // Reaching 2^96 through rows takes 2^33 rows of i64::MAX, too many
        // to allocate in a test: check the conversion that refuses it.
        let err = to_decimals([1i128 << 100], 1, 2).unwrap_err();
        assert!(matches!(err, Error::InvalidArgument { ref name, .. } if name == "amounts_minor"));
        let max = (1i128 << 96) - 1;
        assert_eq!(to_decimals([max], 1, 0).unwrap()[0], Decimal::MAX);
        assert_eq!(to_decimals([-max], 1, 0).unwrap()[0], Decimal::MIN);
    }

    #[test]
    fn attainment_is_rounded_once_per_cell() {
        let (start, end) = year_2026();
        let d = day(2026, 1, 10);
        let r = rollup_by_month(3, &[0, 1, 2, 0], &[d; 4], &[1, 2, 5, 1], 2, start, end).unwrap();
        let mut quotas = vec![Decimal::new(3, 2); r.cells()];
        quotas[r.index(2, 0).unwrap()] = Decimal::ZERO;
        quotas[r.index(1, 0).unwrap()] = Decimal::new(16, 2);
        let a = r.attainment(&quotas).unwrap();
        assert_eq!(a.len(), 36);
        // 0.02 / 0.03 = 0.6666… → 0.6667
        assert_eq!(a[r.index(0, 0).unwrap()], Some(Decimal::new(6667, 4)));
        // 0.02 / 0.16 = 0.125 exactly.
        assert_eq!(a[r.index(1, 0).unwrap()], Some(Decimal::new(1250, 4)));
        assert_eq!(a[r.index(2, 0).unwrap()], None);
        assert_eq!(a[r.index(0, 1).unwrap()], Some(Decimal::ZERO));
        // Banker's rounding at a midpoint: 12345 / 100000 = 0.12345 → 0.1234.
        let r = rollup_by_month(1, &[0, 0], &[d; 2], &[12345, 0], 0, start, end).unwrap();
        let mut q = vec![Decimal::ONE; 12];
        q[0] = Decimal::from(100_000);
        assert_eq!(r.attainment(&q).unwrap()[0], Some(Decimal::new(1234, 4)));
        let err = r.attainment(&q[..11]).unwrap_err();
        assert!(matches!(err, Error::InvalidArgument { ref name, .. } if name == "quotas"));
    }

    /// The obvious implementation: a hash map of decimals, calendar per row.
    fn naive(rows: &[(u32, i32, i64)], scale: u32) -> HashMap<(u32, (i32, u32)), Decimal> {
        let mut map: HashMap<(u32, (i32, u32)), Decimal> = HashMap::new();
        for &(key, day, amount) in rows {
            let d = NaiveDate::from_epoch_days(day).unwrap();
            *map.entry((key, (d.year(), d.month()))).or_default() +=
                Decimal::from_i128_with_scale(i128::from(amount), scale);
        }
        map
    }

    /// Key count, start, span in days, rows of (key, day offset, amount), scale.
    type Case = (usize, NaiveDate, u32, Vec<(u32, u32, i64)>, u32);

    fn rows_strategy() -> impl Strategy<Value = Case> {
        (
            1usize..8,
            (2000i32..2030, 1u32..=12, 1u32..=28),
            0u32..800,
            0u32..4,
        )
            .prop_flat_map(|(keys, (y, m, d), span, scale)| {
                let row = (
                    0..keys as u32,
                    0..=span,
                    prop_oneof![
                        -1_000_000i64..1_000_000,
                        Just(i64::MAX / 4),
                        Just(i64::MIN / 4),
                    ],
                );
                (
                    Just(keys),
                    Just(NaiveDate::from_ymd_opt(y, m, d).unwrap()),
                    Just(span),
                    proptest::collection::vec(row, 0..200),
                    Just(scale),
                )
            })
    }

    proptest! {
        #[test]
        fn dense_rollup_equals_naive_hash_map(
            (key_count, start, span, rows, scale) in rows_strategy()
        ) {
            let end = start + chrono::Days::new(u64::from(span));
            let first = epoch_day(start);
            let rows: Vec<(u32, i32, i64)> = rows
                .into_iter()
                .map(|(k, offset, a)| (k, first + offset as i32, a))
                .collect();
            let keys: Vec<u32> = rows.iter().map(|r| r.0).collect();
            let days: Vec<i32> = rows.iter().map(|r| r.1).collect();
            let amounts: Vec<i64> = rows.iter().map(|r| r.2).collect();
            let r = rollup_by_month(key_count, &keys, &days, &amounts, scale, start, end).unwrap();
            let expected = naive(&rows, scale);
            for key in 0..key_count {
                for (m, month) in r.months().iter().enumerate() {
                    let Period::Month { year, month } = *month else {
                        panic!("not a month: {month:?}");
                    };
                    let want = expected
                        .get(&(key as u32, (year, month)))
                        .copied()
                        .unwrap_or_default();
                    prop_assert_eq!(r.get(key, m).unwrap(), want);
                }
            }
            // And the reference has no cell outside the grid: the totals agree.
            let dense_total: Decimal = r.sums().iter().sum();
            let naive_total: Decimal = expected.values().sum();
            prop_assert_eq!(dense_total, naive_total);
        }

        #[test]
        fn the_first_bad_row_is_named(
            key_count in 1usize..5,
            span in 0i32..60,
            rows in proptest::collection::vec((0u32..7, -3i32..70, -100i64..100), 0..60),
        ) {
            let start = date(2026, 1, 30);
            let end = start + chrono::Days::new(span as u64);
            let first = epoch_day(start);
            let keys: Vec<u32> = rows.iter().map(|r| r.0).collect();
            let days: Vec<i32> = rows.iter().map(|r| first + r.1).collect();
            let amounts: Vec<i64> = rows.iter().map(|r| r.2).collect();
            let bad = rows
                .iter()
                .position(|&(k, offset, _)| k as usize >= key_count || !(0..=span).contains(&offset));
            let result = rollup_by_month(key_count, &keys, &days, &amounts, 2, start, end);
            match bad {
                None => prop_assert!(result.is_ok()),
                Some(row) => {
                    let err = result.unwrap_err();
                    prop_assert_eq!(err.code(), "invalid_argument");
                    let row_prefix = format!("row {row}:");
                    prop_assert!(err.to_string().contains(&row_prefix), "{}", err);
                }
            }
        }

        #[test]
        fn attainment_equals_per_cell_division(
            (key_count, start, span, rows, scale) in rows_strategy(),
            quota in 0i64..10_000_000,
        ) {
            let end = start + chrono::Days::new(u64::from(span));
            let first = epoch_day(start);
            let keys: Vec<u32> = rows.iter().map(|r| r.0).collect();
            let days: Vec<i32> = rows.iter().map(|r| first + r.1 as i32).collect();
            let amounts: Vec<i64> = rows.iter().map(|r| r.2).collect();
            let r = rollup_by_month(key_count, &keys, &days, &amounts, scale, start, end).unwrap();
            let quotas: Vec<Decimal> = (0..r.cells())
                .map(|i| Decimal::new(quota + i as i64, 2))
                .collect();
            let a = r.attainment(&quotas).unwrap();
            for i in 0..r.cells() {
                let want = if quotas[i].is_zero() {
                    None
                } else {
                    Some((r.sums()[i] / quotas[i]).round_dp(4))
                };
                prop_assert_eq!(a[i], want);
            }
        }
    }
}
