//! What a history must satisfy before its forecasts are scored: snapshots
//! in strictly increasing date order, none after the close, each
//! evaluation as of its snapshot's day, and only KPIs the plan has.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::history::History;
use crate::error::{Error, Result};
use crate::evaluate::Evaluation;
use crate::plan::Plan;

/// Refuses a history (or closing evaluation) that cannot be scored, with
/// the JSON pointer of the first fault as the error's path.
pub(super) fn check(plan: &Plan, history: &History, closing: &Evaluation) -> Result<()> {
    let known: HashSet<&str> = plan.kpis.iter().map(|k| k.id.as_str()).collect();
    let unknown = |kpi: &str| {
        let ids: Vec<&str> = plan.kpis.iter().map(|k| k.id.as_str()).collect();
        format!("unknown KPI {kpi:?}; the plan has {}", ids.join(", "))
    };
    for (j, k) in closing.kpis.iter().enumerate() {
        if !known.contains(k.kpi.as_str()) {
            return Err(invalid(
                "closing",
                format!("kpis[{j}]: {}", unknown(&k.kpi)),
            ));
        }
    }
    let mut previous: Option<NaiveDate> = None;
    for (i, snapshot) in history.snapshots.iter().enumerate() {
        let at = format!("/snapshots/{i}");
        if let Some(before) = previous {
            if snapshot.as_of == before {
                let message = format!("{} is given twice; one snapshot a day", snapshot.as_of);
                return Err(invalid(&format!("{at}/as_of"), message));
            }
            if snapshot.as_of < before {
                let message = format!(
                    "{} is listed after {before}; snapshots are kept in date order",
                    snapshot.as_of
                );
                return Err(invalid(&format!("{at}/as_of"), message));
            }
        }
        previous = Some(snapshot.as_of);
        if snapshot.as_of > closing.as_of {
            let message = format!("{} is after the close on {}", snapshot.as_of, closing.as_of);
            return Err(invalid(&format!("{at}/as_of"), message));
        }
        if snapshot.evaluation.as_of != snapshot.as_of {
            let message = format!(
                "the evaluation is as of {}, the snapshot as of {}",
                snapshot.evaluation.as_of, snapshot.as_of
            );
            return Err(invalid(&format!("{at}/evaluation/as_of"), message));
        }
        for (j, k) in snapshot.evaluation.kpis.iter().enumerate() {
            if !known.contains(k.kpi.as_str()) {
                return Err(invalid(
                    &format!("{at}/evaluation/kpis/{j}/kpi"),
                    unknown(&k.kpi),
                ));
            }
        }
        let mut seen = HashSet::new();
        for (j, sim) in snapshot.simulations.iter().enumerate() {
            let here = format!("{at}/simulations/{j}");
            if !known.contains(sim.kpi.as_str()) {
                return Err(invalid(&format!("{here}/kpi"), unknown(&sim.kpi)));
            }
            if !seen.insert((sim.kpi.as_str(), sim.node.as_str())) {
                let message = format!(
                    "KPI {} for node {:?} is simulated twice in one snapshot",
                    sim.kpi, sim.node
                );
                return Err(invalid(&here, message));
            }
            if !(sim.p10 <= sim.p50 && sim.p50 <= sim.p90) {
                let message = format!(
                    "percentiles out of order: p10 {}, p50 {}, p90 {}; expected p10 ≤ p50 ≤ p90",
                    sim.p10, sim.p50, sim.p90
                );
                return Err(invalid(&here, message));
            }
        }
    }
    Ok(())
}

fn invalid(name: &str, message: String) -> Error {
    Error::InvalidArgument {
        name: name.to_owned(),
        message,
    }
}
