//! Roll-ups by (key, calendar month) over integer columns.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;
use salesplan::actuals::rollup::{epoch_day, rollup_by_month};

use crate::bytes::Bytes;
use crate::check_error;

/// Bytes choose the key count, the scale, the range and rows of (key,
/// day, amount); keys and days may fall outside, amounts may be extreme.
///
/// The roll-up is refused with a typed error exactly when a key or a day
/// is out of range or a cell's sum does not fit a decimal; otherwise every
/// cell is the exact sum of its rows, added here in 128 bits.
pub fn rollup(data: &[u8]) {
    let mut bytes = Bytes::new(data);
    let key_count = bytes.below(6);
    let scale = u32::from(bytes.byte()) % 30;
    let base = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    let start = base + Days::new(u64::from(bytes.byte()) * 3);
    let length = u64::from(u16::from_le_bytes([bytes.byte(), bytes.byte()]) % 800);
    let end = start + Days::new(length);
    let (first, last) = (epoch_day(start), epoch_day(end));
    let mut keys = Vec::new();
    let mut days = Vec::new();
    let mut amounts = Vec::new();
    while !bytes.is_empty() && keys.len() < 4096 {
        let flags = bytes.byte();
        keys.push(u32::from(bytes.byte()) % (key_count as u32 + 1));
        let offset = i32::from(u16::from_le_bytes([bytes.byte(), bytes.byte()]));
        days.push(first - 2 + offset % (last - first + 5));
        amounts.push(match flags % 8 {
            0 => i64::MAX,
            1 => i64::MIN,
            2 => i64::MAX - i64::from(bytes.byte()),
            3 => i64::MIN + i64::from(bytes.byte()),
            4 | 5 => i64::from(i16::from_le_bytes([bytes.byte(), bytes.byte()])),
            _ => bytes.i64(),
        });
    }

    let month = |day: i32| -> Option<usize> {
        let date = NaiveDate::from_epoch_days(day)?;
        let months =
            (date.year() - start.year()) * 12 + date.month0() as i32 - start.month0() as i32;
        usize::try_from(months).ok()
    };
    let in_range = keys.iter().all(|&k| (k as usize) < key_count)
        && days.iter().all(|&d| first <= d && d <= last);
    let mut sums: BTreeMap<(u32, usize), i128> = BTreeMap::new();
    if in_range {
        for ((&k, &d), &a) in keys.iter().zip(&days).zip(&amounts) {
            let Some(m) = month(d) else { return };
            *sums.entry((k, m)).or_default() += i128::from(a);
        }
    }
    let cells: Option<BTreeMap<(u32, usize), Decimal>> = sums
        .iter()
        .map(|(&cell, &sum)| {
            Decimal::try_from_i128_with_scale(sum, scale.min(28))
                .ok()
                .map(|d| (cell, d))
        })
        .collect();
    let expected_ok = in_range && scale <= 28 && cells.is_some();

    match rollup_by_month(key_count, &keys, &days, &amounts, scale, start, end) {
        Ok(rollup) => {
            assert!(
                expected_ok,
                "a roll-up out of range or too large was accepted"
            );
            let cells = cells.unwrap_or_default();
            let months = rollup.months().len();
            assert_eq!(month(last).map(|m| m + 1), Some(months));
            for k in 0..key_count {
                for m in 0..months {
                    let want = cells.get(&(k as u32, m)).copied().unwrap_or_default();
                    assert_eq!(
                        rollup.get(k, m),
                        Some(want),
                        "key {k}, month {m}, scale {scale}"
                    );
                }
            }
        }
        Err(e) => {
            check_error(&e);
            assert!(!expected_ok, "a valid roll-up was refused: {e}");
        }
    }
}
