//! How long reading and validating the case-study plan takes.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let text = salesplan::EXAMPLE_PLAN_JSON;
    c.bench_function("parse case study", |b| {
        b.iter(|| salesplan::Plan::from_json(black_box(text)))
    });
    let plan = salesplan::example_plan();
    c.bench_function("validate case study", |b| {
        b.iter(|| black_box(&plan).validate())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
