//! Benchmarks for salesplan live in `benches/`; see `README.md` here.
