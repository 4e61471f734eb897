//! What the plan review says, section by section, from a plan, its
//! evaluation, its risk register and, where given, a simulation and the
//! rules' proposals: the document, and the sections on performance
//! (headline, KPIs, the gap); `response` writes the rest.

use rust_decimal::Decimal;

use super::blocks::{percent, picture};
use super::doc::{Block, Document, Section};
use super::lang::Lang;
use super::{response, Review};
use crate::chart::Kind;
use crate::evaluate::KpiResult;
use crate::plan::KpiUnit;
use crate::Result;

/// The report's content; `version` is written in the footer.
pub(crate) fn document(review: &Review<'_>, lang: Lang, version: &str) -> Result<Document> {
    let plan = review.plan;
    let evaluation = review.evaluation;
    let mut sections = vec![
        headline(review, lang)?,
        kpis(review, lang)?,
        gap(review, lang)?,
        response::risks(review, lang)?,
    ];
    if let Some(section) = response::simulation(review, lang)? {
        sections.push(section);
    }
    if let Some(section) = response::proposals(review, lang)? {
        sections.push(section);
    }
    sections.push(response::execution(review, lang)?);
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

fn headline(review: &Review<'_>, lang: Lang) -> Result<Section> {
    let mut blocks = Vec::new();
    let revenue = crate::chart::revenue_kpi(review.plan).and_then(|k| review.evaluation.kpi(&k));
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
