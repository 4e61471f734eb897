//! What the plan review says, section by section, from a plan, its
//! evaluation, its risk register and, where given, a simulation and the
//! rules' proposals.

use rust_decimal::Decimal;

use super::doc::{Block, Document, Section};
use super::lang::Lang;
use super::Review;
use crate::adjust::{Change, PatchOp};
use crate::chart::{draw, Inputs, Kind};
use crate::evaluate::KpiResult;
use crate::plan::{Kpi, KpiUnit};
use crate::Result;

/// The report's content; `version` is written in the footer.
pub(crate) fn document(review: &Review<'_>, lang: Lang, version: &str) -> Result<Document> {
    let plan = review.plan;
    let evaluation = review.evaluation;
    let mut sections = vec![
        headline(review, lang)?,
        kpis(review, lang)?,
        gap(review, lang)?,
        risks(review, lang)?,
    ];
    if let Some(section) = simulation(review, lang)? {
        sections.push(section);
    }
    if let Some(section) = proposals(review, lang)? {
        sections.push(section);
    }
    sections.push(execution(review, lang)?);
    let title = match lang {
        Lang::Zh => format!("{} · 经营复盘", plan.name),
        Lang::En => format!("{} · Plan review", plan.name),
    };
    let subtitle = match lang {
        Lang::Zh => format!(
            "截至 {}（计划期 {} 至 {}，第 {} 版）",
            lang.long_date(evaluation.as_of),
            lang.long_date(plan.period.start),
            lang.long_date(plan.period.end),
            plan.revision_number()
        ),
        Lang::En => format!(
            "As of {} (plan period {} to {}, revision {})",
            lang.long_date(evaluation.as_of),
            lang.long_date(plan.period.start),
            lang.long_date(plan.period.end),
            plan.revision_number()
        ),
    };
    let footer = match lang {
        Lang::Zh => format!(
            "由 salesplan {version} 生成。金额为精确小数，单位：{}。",
            plan.currency.as_str()
        ),
        Lang::En => format!(
            "Made by salesplan {version}. Amounts are exact decimals in {}.",
            plan.currency.as_str()
        ),
    };
    Ok(Document {
        lang,
        title,
        subtitle,
        sections,
        footer,
    })
}

/// A chart of the review as a picture block.
fn picture(review: &Review<'_>, kind: Kind, lang: Lang, caption: &str) -> Result<Block> {
    let inputs = Inputs {
        plan: Some(review.plan),
        evaluation: Some(review.evaluation),
        register: Some(review.register),
        simulation: review.simulation,
        ..Inputs::default()
    };
    Ok(Block::Picture {
        caption: caption.to_owned(),
        svg: draw(kind, &inputs, lang)?,
    })
}

/// The plan's revenue KPI: `sum(revenue)` without a filter.
fn revenue_kpi<'a>(review: &Review<'a>) -> Option<&'a Kpi> {
    review.plan.kpis.iter().find(|k| {
        k.filter.is_empty() && k.formula.split_whitespace().collect::<String>() == "sum(revenue)"
    })
}

/// A KPI's value as its unit is written.
fn value(review: &Review<'_>, lang: Lang, kpi: &str, v: Option<Decimal>) -> String {
    let Some(v) = v else { return "—".into() };
    let currency = review.plan.currency.as_str();
    match review.plan.kpi(kpi).map(|k| k.unit) {
        Some(KpiUnit::Money) => lang.money(v, currency),
        Some(KpiUnit::Ratio) => lang.percent(v),
        _ => lang.number(v),
    }
}

fn percent(lang: Lang, v: Option<Decimal>) -> String {
    v.map_or_else(|| "—".into(), |v| lang.percent(v))
}

fn headline(review: &Review<'_>, lang: Lang) -> Result<Section> {
    let mut blocks = Vec::new();
    let revenue = revenue_kpi(review).and_then(|k| review.evaluation.kpi(k.id.as_str()));
    if let Some(r) = revenue {
        let v = |x: Option<Decimal>| value(review, lang, &r.kpi, x);
        let mut figures = vec![
            (
                lang.pick("全年目标", "Target for the year").to_owned(),
                v(r.target),
            ),
            (
                lang.pick("截至当日实际", "Actual to date").to_owned(),
                v(r.actual),
            ),
            (
                lang.pick("当日应达", "Expected to date").to_owned(),
                v(r.expected),
            ),
            (
                lang.pick("达成率", "Attainment").to_owned(),
                percent(lang, r.attainment),
            ),
            (
                lang.pick("状态", "Status").to_owned(),
                lang.status(r.status).to_owned(),
            ),
            (
                lang.pick("按当前速度预测", "Forecast at run rate")
                    .to_owned(),
                v(r.forecast_run_rate),
            ),
        ];
        if r.forecast_pipeline.is_some() {
            figures.push((
                lang.pick("含商机预测", "Forecast with pipeline").to_owned(),
                v(r.forecast_pipeline),
            ));
        }
        if let Some(sim) = review.simulation {
            figures.push((
                lang.pick("达成概率", "Chance of reaching the target")
                    .to_owned(),
                lang.percent(sim.probability),
            ));
        }
        blocks.push(Block::Figures(figures));
        let gap = r.variance.map(|g| value(review, lang, &r.kpi, Some(g)));
        blocks.push(Block::Para(match lang {
            Lang::Zh => format!(
                "{}截至{}实际 {}，应达 {}，差额 {}，状态：{}。",
                r.kpi,
                lang.long_date(review.evaluation.as_of),
                v(r.actual),
                v(r.expected),
                gap.unwrap_or_else(|| "—".into()),
                lang.status(r.status)
            ),
            Lang::En => format!(
                "{} to {}: {} against {} expected, a variance of {}; {}.",
                r.kpi,
                lang.long_date(review.evaluation.as_of),
                v(r.actual),
                v(r.expected),
                gap.unwrap_or_else(|| "—".into()),
                lang.status(r.status).to_lowercase()
            ),
        }));
        blocks.push(picture(
            review,
            Kind::BurnUp,
            lang,
            lang.pick(
                "累计实际与分期目标、预测及模拟区间",
                "Cumulative actual against the phased target, the forecasts and the simulated range",
            ),
        )?);
    } else {
        blocks.push(Block::Para(
            lang.pick(
                "计划没有收入指标（sum(revenue)）。",
                "The plan has no revenue KPI (sum(revenue)).",
            )
            .to_owned(),
        ));
    }
    Ok(Section {
        id: "headline",
        title: lang.pick("概览", "Headline").to_owned(),
        blocks,
    })
}

fn kpis(review: &Review<'_>, lang: Lang) -> Result<Section> {
    let head = [
        lang.pick("指标", "KPI"),
        lang.pick("节点", "Node"),
        lang.pick("目标", "Target"),
        lang.pick("应达", "Expected"),
        lang.pick("实际", "Actual"),
        lang.pick("达成率", "Attainment"),
        lang.pick("状态", "Status"),
        lang.pick("趋势预测", "Trend forecast"),
    ];
    let row = |r: &KpiResult| {
        let v = |x: Option<Decimal>| value(review, lang, &r.kpi, x);
        vec![
            r.kpi.clone(),
            lang.node(&r.node),
            v(r.target),
            v(r.expected),
            v(r.actual),
            percent(lang, r.attainment),
            lang.status(r.status).to_owned(),
            v(r.forecast_trend),
        ]
    };
    let rows = review.evaluation.kpis.iter().map(row).collect();
    Ok(Section {
        id: "kpis",
        title: lang.pick("指标与节点", "KPIs by node").to_owned(),
        blocks: vec![
            picture(
                review,
                Kind::KpiBullets,
                lang,
                lang.pick(
                    "公司各指标达成率与阈值",
                    "The company's KPIs: attainment against thresholds",
                ),
            )?,
            Block::Table {
                head: head.iter().map(|h| (*h).to_owned()).collect(),
                rows,
                numeric: vec![false, false, true, true, true, true, false, true],
            },
        ],
    })
}

fn gap(review: &Review<'_>, lang: Lang) -> Result<Section> {
    let currency = review.plan.currency.as_str();
    let money = |d: Decimal| lang.money(d, currency);
    let effect = |name: &str| match name {
        "volume" => lang.pick("线索量", "lead volume"),
        "conversion" => lang.pick("转化率", "conversion"),
        "deal_size" => lang.pick("客单价", "deal size"),
        _ => "—",
    };
    let mut blocks = Vec::new();
    if review.evaluation.gaps.is_empty() {
        blocks.push(Block::Para(
            lang.pick(
                "计划未给出计划漏斗（基线的成交数与商机数），无法拆解差额。",
                "The plan states no planned funnel (baseline won deals and opportunities), so the gap is not split.",
            )
            .to_owned(),
        ));
    } else {
        let rows = review
            .evaluation
            .gaps
            .iter()
            .map(|g| {
                vec![
                    lang.node(&g.node),
                    money(g.effects.variance),
                    money(g.effects.volume),
                    money(g.effects.conversion),
                    money(g.effects.deal_size),
                    effect(&g.biggest).to_owned(),
                ]
            })
            .collect();
        blocks.push(Block::Para(
            lang.pick(
                "收入差额（实际 − 应达）拆为线索量、转化率、客单价三项影响，三项之和等于差额。",
                "The revenue variance (actual − expected) split into the effects of lead volume, conversion and deal size, which sum to it.",
            )
            .to_owned(),
        ));
        blocks.push(Block::Table {
            head: vec![
                lang.pick("节点", "Node").to_owned(),
                lang.pick("差额", "Variance").to_owned(),
                lang.pick("线索量", "Volume").to_owned(),
                lang.pick("转化率", "Conversion").to_owned(),
                lang.pick("客单价", "Deal size").to_owned(),
                lang.pick("主因", "Biggest").to_owned(),
            ],
            rows,
            numeric: vec![false, true, true, true, true, false],
        });
        if review.evaluation.gaps.iter().any(|g| g.node.is_empty()) {
            blocks.push(picture(
                review,
                Kind::GapWaterfall,
                lang,
                lang.pick(
                    "公司收入差额瀑布图",
                    "The company's revenue gap, effect by effect",
                ),
            )?);
        }
    }
    Ok(Section {
        id: "gap",
        title: lang.pick("差额拆解", "The gap explained").to_owned(),
        blocks,
    })
}

fn risks(review: &Review<'_>, lang: Lang) -> Result<Section> {
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

fn simulation(review: &Review<'_>, lang: Lang) -> Result<Option<Section>> {
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

fn proposals(review: &Review<'_>, lang: Lang) -> Result<Option<Section>> {
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
            let text = serde_json::to_value(a)
                .map(|v| describe(&v))
                .unwrap_or_default();
            format!("{}: {text}", lang.pick("动作", "Action"))
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

/// One action in a line.
fn describe(v: &serde_json::Value) -> String {
    let s = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
    match v["type"].as_str() {
        Some("add_strategy") => format!(
            "add_strategy {} {}",
            v["strategy"]["id"].as_str().unwrap_or("?"),
            v["strategy"]["name"].as_str().unwrap_or("")
        ),
        Some("add_task") => format!(
            "add_task {} {}",
            v["task"]["id"].as_str().unwrap_or("?"),
            v["task"]["name"].as_str().unwrap_or("")
        ),
        Some("move_budget") => {
            let how = if v["amount"].is_string() {
                s("amount")
            } else {
                format!("{} share", s("share"))
            };
            format!("move_budget {how} {} → {}", s("from"), s("to"))
        }
        Some("recommend") => s("message"),
        Some(kind) => {
            let mut rest = v.clone();
            if let Some(map) = rest.as_object_mut() {
                map.remove("type");
            }
            format!("{kind} {rest}")
        }
        None => v.to_string(),
    }
}

fn op_text(op: &PatchOp) -> String {
    match op {
        PatchOp::Add { path, .. } => format!("add {path}"),
        PatchOp::Remove { path } => format!("remove {path}"),
        PatchOp::Replace { path, value } => format!("replace {path} = {value}"),
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

fn execution(review: &Review<'_>, lang: Lang) -> Result<Section> {
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
