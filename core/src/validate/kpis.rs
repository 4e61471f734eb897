//! KPIs: formulas that parse and read known measures, no formula cycles,
//! thresholds that agree with the direction.

use std::collections::HashMap;

use super::{graph, Report};
use crate::formula::Formula;
use crate::plan::{Direction, Plan, ThresholdBasis};

pub(super) fn check(plan: &Plan, out: &mut Report) {
    let by_id: HashMap<&str, usize> = plan
        .kpis
        .iter()
        .enumerate()
        .map(|(i, k)| (k.id.as_str(), i))
        .collect();
    let mut edges = vec![Vec::new(); plan.kpis.len()];
    for (i, k) in plan.kpis.iter().enumerate() {
        let path = format!("/kpis/{i}");
        match Formula::parse(&k.formula) {
            Err(e) => out.error(
                "kpi_formula_syntax",
                format!("{path}/formula"),
                format!("KPI {} formula {:?}: {e}", k.id, k.formula),
            ),
            Ok(f) => {
                for (m, column) in f.measures() {
                    if !plan.knows_measure(m) {
                        out.error(
                            "kpi_unknown_measure",
                            format!("{path}/formula"),
                            format!(
                                "KPI {} formula reads unknown measure `{m}` at column {column}; \
                                 declare it in `measures` or use a standard one",
                                k.id
                            ),
                        );
                    }
                }
                for (id, column) in f.kpis() {
                    match by_id.get(id) {
                        Some(&j) => edges[i].push(j),
                        None => out.error(
                            "unknown_reference",
                            format!("{path}/formula"),
                            format!("KPI {} formula refers to KPI {id:?} at column {column}, which does not exist", k.id),
                        ),
                    }
                }
            }
        }
        if let Some(t) = &k.thresholds {
            let inverted = match (t.basis, k.direction) {
                (ThresholdBasis::Attainment, _)
                | (ThresholdBasis::Value, Direction::HigherIsBetter) => t.on_track <= t.off_track,
                (ThresholdBasis::Value, Direction::LowerIsBetter) => t.on_track >= t.off_track,
            };
            if inverted {
                let want = match (t.basis, k.direction) {
                    (ThresholdBasis::Value, Direction::LowerIsBetter) => "below",
                    _ => "above",
                };
                let why = match t.basis {
                    ThresholdBasis::Attainment => {
                        "attainment is always higher-is-better".to_owned()
                    }
                    ThresholdBasis::Value => format!("the KPI is {}", direction_words(k.direction)),
                };
                out.error(
                    "kpi_threshold_direction",
                    format!("{path}/thresholds"),
                    format!(
                        "KPI {}: on_track {} must be {want} off_track {} because {why}",
                        k.id, t.on_track, t.off_track
                    ),
                );
            }
        }
    }
    for ring in graph::cycles(&edges) {
        let mut names: Vec<&str> = ring.iter().map(|&k| plan.kpis[k].id.as_str()).collect();
        names.push(names[0]);
        out.error(
            "kpi_formula_cycle",
            format!("/kpis/{}/formula", ring[0]),
            format!(
                "KPI formulas refer to each other in a cycle: {}",
                names.join(" → ")
            ),
        );
    }
}

fn direction_words(d: Direction) -> &'static str {
    match d {
        Direction::HigherIsBetter => "higher-is-better",
        Direction::LowerIsBetter => "lower-is-better",
    }
}
