//! The sections of the plan review on what is being done about where the
//! plan stands: the risk register, the simulation, the rules' proposals
//! with the revision accepting them would make, and the tasks and budget.

use rust_decimal::Decimal;

use super::blocks::{percent, picture};
use super::doc::{Block, Section};
use super::lang::Lang;
use super::Review;
use crate::adjust::{Change, PatchOp};
use crate::chart::Kind;
use crate::Result;

pub(super) fn risks(review: &Review<'_>, lang: Lang) -> Result<Section> {
    let register = review.register;
    let currency = review.plan.currency.as_str();
    let rows = register
        .risks
        .iter()
        .map(|r| {
            let breached: Vec<&str> = r
                .indicators
                .iter()
                .filter(|i| i.breached)
                .map(|i| i.kpi.as_str())
                .collect();
            vec![
                r.risk.clone(),
                r.name.clone(),
                r.owner.clone().unwrap_or_else(|| "—".into()),
                format!(
                    "{} → {}",
                    lang.level(r.inherent.level),
                    lang.level(r.residual.level)
                ),
                r.exposure
                    .map_or_else(|| "—".into(), |e| lang.money(e, currency)),
                if breached.is_empty() {
                    "—".into()
                } else {
                    breached.join(", ")
                },
            ]
        })
        .collect();
    let mut blocks = vec![
        Block::Figures(vec![(
            lang.pick("风险敞口合计", "Total exposure").to_owned(),
            lang.money(register.totals.exposure, currency),
        )]),
        Block::Table {
            head: vec![
                lang.pick("风险", "Risk").to_owned(),
                lang.pick("名称", "Name").to_owned(),
                lang.pick("负责人", "Owner").to_owned(),
                lang.pick("固有 → 剩余", "Inherent → residual").to_owned(),
                lang.pick("敞口", "Exposure").to_owned(),
                lang.pick("触发的预警指标", "Indicators breached")
                    .to_owned(),
            ],
            rows,
            numeric: vec![false, false, false, false, true, false],
        },
    ];
    if !register.moves.is_empty() {
        blocks.push(Block::List(
            register.moves.iter().map(|m| m.message.clone()).collect(),
        ));
    }
    blocks.push(picture(
        review,
        Kind::RiskHeatmap,
        lang,
        lang.pick(
            "风险热力图：固有与剩余",
            "Risk heat map: inherent and residual",
        ),
    )?);
    Ok(Section {
        id: "risks",
        title: lang.pick("风险登记", "Risk register").to_owned(),
        blocks,
    })
}

pub(super) fn simulation(review: &Review<'_>, lang: Lang) -> Result<Option<Section>> {
    let Some(sim) = review.simulation else {
        return Ok(None);
    };
    let currency = review.plan.currency.as_str();
    let money = |d: Decimal| lang.money(d, currency);
    let blocks = vec![
        Block::Figures(vec![
            (lang.pick("目标", "Target").to_owned(), money(sim.target)),
            (
                lang.pick("达成概率", "P(attain)").to_owned(),
                lang.percent(sim.probability),
            ),
            ("P10".to_owned(), money(sim.p10)),
            ("P50".to_owned(), money(sim.p50)),
            ("P90".to_owned(), money(sim.p90)),
            (
                lang.pick("期望缺口", "Expected shortfall").to_owned(),
                money(sim.expected_shortfall),
            ),
        ]),
        Block::Para(match lang {
            Lang::Zh => format!(
                "{} 次模拟（种子 {}）：已成交 {}，在途商机 {} 个（加权 {}）。",
                sim.trials,
                sim.seed,
                money(sim.closed),
                sim.pipeline.deals,
                money(sim.pipeline.weighted)
            ),
            Lang::En => format!(
                "{} trials (seed {}): {} closed, {} open deals ({} weighted).",
                sim.trials,
                sim.seed,
                money(sim.closed),
                sim.pipeline.deals,
                money(sim.pipeline.weighted)
            ),
        }),
        picture(
            review,
            Kind::OutcomeHistogram,
            lang,
            lang.pick("模拟结果分布与目标", "Simulated outcomes and the target"),
        )?,
    ];
    Ok(Some(Section {
        id: "simulation",
        title: lang
            .pick("达成概率模拟", "Chance of reaching the target")
            .to_owned(),
        blocks,
    }))
}

pub(super) fn proposals(review: &Review<'_>, lang: Lang) -> Result<Option<Section>> {
    let Some(proposals) = review.proposals else {
        return Ok(None);
    };
    let mut blocks = Vec::new();
    if proposals.proposals.is_empty() {
        blocks.push(Block::Para(
            lang.pick("当日没有规则触发。", "No rule fires on this day.")
                .to_owned(),
        ));
    }
    for p in &proposals.proposals {
        blocks.push(Block::Para(format!("{} — {}", p.id, p.name)));
        let mut items = vec![format!(
            "{}: {}",
            lang.pick("依据", "Because"),
            p.explanation
        )];
        items.extend(p.actions.iter().map(|a| {
            format!(
                "{}: {} {}",
                lang.pick("动作", "Action"),
                a.kind(),
                a.summary()
            )
        }));
        blocks.push(Block::List(items));
    }
    if !proposals.proposals.is_empty() {
        // What accepting every proposal would change, as the revision the
        // library would make (checked, not kept).
        let change = Change {
            author: "report".into(),
            at: format!("{}T00:00:00Z", proposals.as_of),
            reason: "preview".into(),
        };
        match review
            .plan
            .apply(&proposals.proposals, &change, Some(review.evaluation))
        {
            Ok(revised) => {
                blocks.push(Block::Para(match lang {
                    Lang::Zh => format!(
                        "全部采纳后生成第 {} 版，改动 {} 处：",
                        revised.revision.number,
                        revised.revision.patch.len()
                    ),
                    Lang::En => format!(
                        "Accepting them all makes revision {} with {} changes:",
                        revised.revision.number,
                        revised.revision.patch.len()
                    ),
                }));
                blocks.push(Block::List(
                    revised.revision.patch.iter().map(op_text).collect(),
                ));
            }
            Err(e) => blocks.push(Block::Para(match lang {
                Lang::Zh => format!("全部采纳会被拒绝：{e}"),
                Lang::En => format!("Accepting them all would be refused: {e}"),
            })),
        }
    }
    Ok(Some(Section {
        id: "proposals",
        title: lang.pick("调整建议", "Proposals").to_owned(),
        blocks,
    }))
}

fn op_text(op: &PatchOp) -> String {
    match op {
        PatchOp::Add { path, .. } => format!("add {path}"),
        PatchOp::Remove { path } => format!("remove {path}"),
        PatchOp::Replace { path, value } => format!("replace {path} = {value}"),
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

pub(super) fn execution(review: &Review<'_>, lang: Lang) -> Result<Section> {
    let plan = review.plan;
    let currency = plan.currency.as_str();
    let tasks = plan
        .execution
        .tasks
        .iter()
        .map(|t| {
            vec![
                t.id.to_string(),
                t.name.clone(),
                t.owner.clone().unwrap_or_else(|| "—".into()),
                lang.long_date(t.start),
                lang.long_date(t.due),
                serde_json::to_value(t.status)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
                percent(lang, t.progress),
            ]
        })
        .collect();
    let lines = plan
        .resources
        .budget
        .iter()
        .map(|l| {
            vec![
                l.id.to_string(),
                l.name.clone(),
                l.strategy
                    .as_ref()
                    .map_or_else(|| "—".into(), |s| s.to_string()),
                lang.money(l.amount, currency),
            ]
        })
        .collect();
    Ok(Section {
        id: "execution",
        title: lang.pick("执行与预算", "Execution and budget").to_owned(),
        blocks: vec![
            picture(
                review,
                Kind::Gantt,
                lang,
                lang.pick(
                    "任务甘特图与关键路径",
                    "Tasks, milestones and the critical path",
                ),
            )?,
            Block::Table {
                head: vec![
                    lang.pick("任务", "Task").to_owned(),
                    lang.pick("名称", "Name").to_owned(),
                    lang.pick("负责人", "Owner").to_owned(),
                    lang.pick("开始", "Start").to_owned(),
                    lang.pick("截止", "Due").to_owned(),
                    lang.pick("状态", "Status").to_owned(),
                    lang.pick("进度", "Progress").to_owned(),
                ],
                rows: tasks,
                numeric: vec![false, false, false, false, false, false, true],
            },
            Block::Table {
                head: vec![
                    lang.pick("预算项", "Budget line").to_owned(),
                    lang.pick("名称", "Name").to_owned(),
                    lang.pick("策略", "Strategy").to_owned(),
                    lang.pick("金额", "Amount").to_owned(),
                ],
                rows: lines,
                numeric: vec![false, false, false, true],
            },
            picture(
                review,
                Kind::BudgetBurn,
                lang,
                lang.pick("预算分期（累计）", "The budget's phasing, cumulative"),
            )?,
        ],
    })
}
