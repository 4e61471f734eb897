//! Accuracy pooled by the owner of the KPIs' goals, at the company node.

use serde::{Deserialize, Serialize};

use super::score::{self, Coverage, Method, Summary};
use super::Series;
use crate::error::Result;

/// One owner's company-level forecasts, pooled over their KPIs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OwnerAccuracy {
    /// The owner of the KPIs' goal; `None` for KPIs without one.
    pub owner: Option<String>,
    /// The KPIs pooled, in plan order.
    pub kpis: Vec<String>,
    /// Per method with at least one point, in [`Method::ALL`] order.
    pub methods: Vec<OwnerMethod>,
    /// The simulations' calibration over the owner's KPIs.
    pub coverage: Option<Coverage>,
}

/// One method's pooled figures for an owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OwnerMethod {
    /// The method.
    pub method: Method,
    /// Over every point of the owner's KPIs.
    pub summary: Summary,
}

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
