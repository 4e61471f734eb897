//! Accuracy pooled by the owner of the KPIs' goals, at the company node.

use super::score;
use super::Series;
use super::{Coverage, Method, OwnerAccuracy, OwnerMethod};
use crate::error::Result;

/// Groups the company-level series by owner.
pub(super) fn by_owner(series: &[Series]) -> Result<Vec<OwnerAccuracy>> {
    let company: Vec<&Series> = series.iter().filter(|s| s.node.is_empty()).collect();
    let mut owners: Vec<Option<String>> = Vec::new();
    for s in &company {
        if !owners.contains(&s.owner) {
            owners.push(s.owner.clone());
        }
    }
    let mut out = Vec::new();
    for owner in owners {
        let mine: Vec<&&Series> = company.iter().filter(|s| s.owner == owner).collect();
        let mut methods = Vec::new();
        for method in Method::ALL {
            let points: Vec<_> = mine
                .iter()
                .filter_map(|s| s.method(method))
                .flat_map(|m| m.points.iter())
                .collect();
            if points.is_empty() {
                continue;
            }
            methods.push(OwnerMethod {
                method,
                summary: score::summarise(points)?,
            });
        }
        let covered: Vec<&Coverage> = mine.iter().filter_map(|s| s.coverage.as_ref()).collect();
        let coverage = if covered.is_empty() {
            None
        } else {
            let count: u32 = covered.iter().map(|c| c.count).sum();
            let inside: u32 = covered.iter().map(|c| c.inside).sum();
            Some(Coverage {
                count,
                inside,
                share: score::ratio(
                    rust_decimal::Decimal::from(inside) / rust_decimal::Decimal::from(count),
                ),
            })
        };
        out.push(OwnerAccuracy {
            owner,
            kpis: mine.iter().map(|s| s.kpi.clone()).collect(),
            methods,
            coverage,
        });
    }
    Ok(out)
}
