//! The roll-up kernel alone, on 1M generated rows (no Python needed). The
//! side-by-side comparison with pandas and polars is `benches/rollup/run.sh`.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rust_decimal::Decimal;
use salesplan::actuals::rollup::{epoch_day, rollup_by_month, MonthGrid};

const ROWS: usize = 1_000_000;
const REPS: u32 = 5_000;

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn bench(c: &mut Criterion) {
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date");
    let end = NaiveDate::from_ymd_opt(2026, 12, 31).expect("a date");
    let first = epoch_day(start);
    let mut rng = Rng(2026);
    let keys: Vec<u32> = (0..ROWS)
        .map(|_| rng.below(u64::from(REPS)) as u32)
        .collect();
    let days: Vec<i32> = (0..ROWS).map(|_| first + rng.below(365) as i32).collect();
    let amounts: Vec<i64> = (0..ROWS).map(|_| 1 + rng.below(200_000) as i64).collect();
    let reps = REPS as usize;

    let mut group = c.benchmark_group("rollup");
    group.throughput(Throughput::Elements(ROWS as u64));
    group.bench_function("rollup_by_month 1M rows, 5000 reps x 12 months", |b| {
        b.iter(|| {
            rollup_by_month(reps, black_box(&keys), &days, &amounts, 2, start, end)
                .expect("valid rows")
        })
    });
    let grid = MonthGrid::new(start, end).expect("a range");
    let rollup = grid
        .rollup(reps, &keys, &days, &amounts, 2)
        .expect("valid rows");
    let quotas = vec![Decimal::new(1_500_000, 2); rollup.cells()];
    group.throughput(Throughput::Elements(rollup.cells() as u64));
    group.bench_function("attainment 60000 cells", |b| {
        b.iter(|| black_box(&rollup).attainment(&quotas).expect("same shape"))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
