//! The Rust side of the roll-up benchmark (`benches/rollup/run.sh` runs it).
//!
//! Loads the columns that `benches/rollup/gen_data.py` wrote, then times
//! `rollup_by_month` + the quota join + attainment several times and prints
//! one JSON line with every run's seconds. The last run's cells are written
//! to `DIR/out/rust.actual_cents.i64` and `DIR/out/rust.attainment_bp.i64`
//! (key-major, 12 months a rep) for the driver to compare with pandas and
//! polars.
//!
//! Usage: `rollup DIR [RUNS]`

use std::error::Error;
use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use salesplan::actuals::rollup::{rollup_by_month, MonthlyRollup};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// The columns of the data set.
struct Data {
    rep: Vec<u32>,
    day: Vec<i32>,
    amount_cents: Vec<i64>,
    quota_rep: Vec<u32>,
    quota_month: Vec<u8>,
    quota_cents: Vec<i64>,
    reps: usize,
    scale: u32,
    start: NaiveDate,
    end: NaiveDate,
}

fn column<T, const N: usize>(dir: &Path, name: &str, from: fn([u8; N]) -> T) -> Result<Vec<T>> {
    let bytes = std::fs::read(dir.join(name)).map_err(|e| format!("{name}: {e}"))?;
    if bytes.len() % N != 0 {
        return Err(format!(
            "{name}: {} bytes is not a whole number of values",
            bytes.len()
        )
        .into());
    }
    Ok(bytes
        .chunks_exact(N)
        .map(|c| from(c.try_into().expect("chunk of N bytes")))
        .collect())
}

fn load(dir: &Path) -> Result<Data> {
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("meta.json"))?)?;
    let text = |k: &str| meta[k].as_str().ok_or_else(|| format!("meta.json: no {k}"));
    let number = |k: &str| meta[k].as_u64().ok_or_else(|| format!("meta.json: no {k}"));
    let data = Data {
        rep: column(dir, "rep.u32", u32::from_le_bytes)?,
        day: column(dir, "day.i32", i32::from_le_bytes)?,
        amount_cents: column(dir, "amount_cents.i64", i64::from_le_bytes)?,
        quota_rep: column(dir, "quota_rep.u32", u32::from_le_bytes)?,
        quota_month: column(dir, "quota_month.u8", u8::from_le_bytes)?,
        quota_cents: column(dir, "quota_cents.i64", i64::from_le_bytes)?,
        reps: usize::try_from(number("reps")?)?,
        scale: u32::try_from(number("scale")?)?,
        start: text("start")?.parse()?,
        end: text("end")?.parse()?,
    };
    if data.rep.len() != usize::try_from(number("rows")?)? {
        return Err("meta.json: row count differs from the columns".into());
    }
    Ok(data)
}

/// The timed work: roll up, join the quotas, compute attainment.
fn run(d: &Data) -> Result<(MonthlyRollup, Vec<Option<Decimal>>)> {
    let rollup = rollup_by_month(
        d.reps,
        &d.rep,
        &d.day,
        &d.amount_cents,
        d.scale,
        d.start,
        d.end,
    )?;
    // The join: quota rows (rep, month 1-12 of the grid's single year) to
    // their dense cells. Months are calendar months of `start`'s year.
    let months = rollup.months().len();
    let mut quotas = vec![Decimal::ZERO; rollup.cells()];
    for ((&rep, &month), &cents) in d.quota_rep.iter().zip(&d.quota_month).zip(&d.quota_cents) {
        let m = usize::from(month)
            .checked_sub(1)
            .filter(|&m| m < months)
            .ok_or_else(|| format!("quota month {month} is not in the range"))?;
        let cell = rollup
            .index(rep as usize, m)
            .ok_or_else(|| format!("quota rep {rep} is not in the range"))?;
        quotas[cell] = Decimal::new(cents, d.scale);
    }
    let attainment = rollup.attainment(&quotas)?;
    Ok((rollup, attainment))
}

fn write_i64(path: &Path, values: impl Iterator<Item = i64>) -> Result<()> {
    let bytes: Vec<u8> = values.flat_map(i64::to_le_bytes).collect();
    std::fs::write(path, bytes)?;
    Ok(())
}

/// The decimal as an integer count of `10^-scale`.
fn units(value: Decimal, scale: u32) -> Result<i64> {
    let mut v = value;
    v.rescale(scale);
    if v.scale() != scale || v != value {
        return Err(format!("{value} does not have {scale} decimals").into());
    }
    Ok(i64::try_from(v.mantissa())?)
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().ok_or("usage: rollup DIR [RUNS]")?;
    let runs: usize = args.next().map_or(Ok(7), |r| r.parse())?;
    let dir = Path::new(&dir);

    let t = Instant::now();
    let data = load(dir)?;
    let load_s = t.elapsed().as_secs_f64();

    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    // One untimed warm-up run, then the timed ones.
    black_box(run(&data)?);
    for _ in 0..runs {
        let t = Instant::now();
        let result = black_box(run(black_box(&data))?);
        times.push(t.elapsed().as_secs_f64());
        last = Some(result);
    }
    let (rollup, attainment) = last.ok_or("RUNS must be at least 1")?;

    let out = dir.join("out");
    std::fs::create_dir_all(&out)?;
    let actual: Vec<i64> = rollup
        .sums()
        .iter()
        .map(|&s| units(s, data.scale))
        .collect::<Result<_>>()?;
    let attain: Vec<i64> = attainment
        .iter()
        .map(|a| {
            a.map_or(Ok(i64::MIN), |a| {
                units(a, salesplan::actuals::rollup::ATTAINMENT_DECIMALS)
            })
        })
        .collect::<Result<_>>()?;
    write_i64(&out.join("rust.actual_cents.i64"), actual.into_iter())?;
    write_i64(&out.join("rust.attainment_bp.i64"), attain.into_iter())?;

    let report = serde_json::json!({
        "tool": "rust",
        "rows": data.rep.len(),
        "cells": rollup.cells(),
        "load_s": load_s,
        "times_s": times,
    });
    println!("{report}");
    Ok(())
}
