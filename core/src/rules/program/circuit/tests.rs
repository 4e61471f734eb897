//! The circuit against the tree: the same rules fire, whatever the facts.

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::super::{FactValue, FiredSets, RuleSet};
use super::{doubled_at_scale, finite_inverse, SATURATED};
use crate::example_plan;
use crate::plan::Plan;

/// Number facts of the case study the conditions read.
const NUMBERS: [&str; 5] = [
    r#"kpi("K-REV").attainment"#,
    r#"kpi("K-REV").variance"#,
    r#"kpi("K-CONV").pace"#,
    r#"kpi("K-CONV").trend"#,
    r#"risk("R-CHURN").score"#,
];

/// Text facts and the texts they are compared with (one is no status).
const TEXTS: [&str; 2] = [r#"kpi("K-CONV").status"#, r#"risk("R-CHURN").level"#];
const WORDS: [&str; 5] = ["on_track", "at_risk", "off_track", "high", "nothing"];

/// Values that make sums, products and comparisons meet exactly.
const NICE: [&str; 12] = [
    "0", "0.5", "0.75", "1", "1.5", "2", "-0.25", "0.1", "0.2", "0.3", "3", "-1",
];

fn number() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        3 => (0..NUMBERS.len()).prop_map(|i| NUMBERS[i].to_owned()),
        2 => (0..NICE.len()).prop_map(|i| NICE[i].to_owned()),
        1 => (-100_000i64..100_000, 0u32..6).prop_map(|(m, s)| Decimal::new(m, s).to_string()),
    ];
    leaf.prop_recursive(3, 8, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone(), 0..3usize)
                .prop_map(|(a, b, op)| format!("({a} {} {b})", ["+", "-", "*"][op])),
            (inner.clone(), 0..6usize)
                .prop_map(|(a, d)| { format!("({a} / {})", ["2", "4", "0.5", "10", "3", "0"][d]) }),
            inner.prop_map(|a| format!("(-{a})")),
        ]
    })
}

fn condition() -> impl Strategy<Value = String> {
    const OPS: [&str; 6] = ["<", "<=", ">", ">=", "==", "!="];
    let leaf = prop_oneof![
        4 => (number(), 0..OPS.len(), number())
            .prop_map(|(a, op, b)| format!("{a} {} {b}", OPS[op])),
        2 => (0..NUMBERS.len(), 0..OPS.len(), 0..NICE.len())
            .prop_map(|(f, op, c)| format!("{} {} {}", NUMBERS[f], OPS[op], NICE[c])),
        1 => (0..TEXTS.len(), any::<bool>(), 0..WORDS.len()).prop_map(|(f, eq, w)| {
            format!("{} {} {:?}", TEXTS[f], if eq { "==" } else { "!=" }, WORDS[w])
        }),
        1 => (0..TEXTS.len(), 0..WORDS.len(), 0..WORDS.len())
            .prop_map(|(f, a, b)| format!("{} in [{:?}, {:?}]", TEXTS[f], WORDS[a], WORDS[b])),
        1 => (0..NUMBERS.len(), 0..NICE.len())
            .prop_map(|(f, c)| format!("{} in [{}, 2]", NUMBERS[f], NICE[c])),
        1 => any::<bool>().prop_map(|b| b.to_string()),
    ];
    leaf.prop_recursive(3, 12, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} and {b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} or {b})")),
            inner.prop_map(|a| format!("not ({a})")),
        ]
    })
}

/// A number fact: nice values (to meet constants), small and fine ones,
/// ones too fine or too large for the fast paths, or nothing.
fn number_fact() -> impl Strategy<Value = FactValue> {
    prop_oneof![
        4 => (0..NICE.len()).prop_map(|i| FactValue::Num(NICE[i].parse().unwrap())),
        3 => (-10_000_000i64..10_000_000, 0u32..9).prop_map(|(m, s)| FactValue::Num(Decimal::new(m, s))),
        1 => (any::<i64>(), 0u32..=28).prop_map(|(m, s)| FactValue::Num(Decimal::new(m, s))),
        1 => (any::<u32>(), any::<u32>(), any::<u32>(), any::<bool>(), 0u32..=28)
            .prop_map(|(lo, mid, hi, neg, s)| FactValue::Num(Decimal::from_parts(lo, mid, hi, neg, s))),
        1 => Just(FactValue::Missing),
        1 => Just(FactValue::Text("on_track")),
    ]
}

fn text_fact() -> impl Strategy<Value = FactValue> {
    const ALL: [&str; 6] = [
        "on_track",
        "at_risk",
        "off_track",
        "high",
        "low",
        "critical",
    ];
    prop_oneof![
        5 => (0..ALL.len()).prop_map(|i| FactValue::Text(ALL[i])),
        1 => Just(FactValue::Missing),
        1 => Just(FactValue::Num(Decimal::ONE)),
    ]
}

/// A plan whose rules have the given conditions.
fn plan_with(conditions: &[String]) -> Plan {
    let mut plan = example_plan();
    let rule = plan.rules[0].clone();
    plan.rules = conditions
        .iter()
        .map(|c| {
            let mut r = rule.clone();
            r.when = c.clone();
            r
        })
        .collect();
    plan
}

/// Every rule of the set against the facts, by the circuit and by the tree.
fn both(set: &RuleSet, facts: &[FactValue]) -> (Vec<usize>, Vec<usize>) {
    let mut fired = Vec::new();
    set.evaluate(facts, &mut fired);
    let walked = (0..set.rules().len())
        .filter(|&i| set.holds(&set.rules()[i], facts))
        .collect();
    (fired, walked)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The circuit fires exactly the rules the decimal tree fires.
    #[test]
    fn the_circuit_fires_what_the_tree_fires(
        conditions in prop::collection::vec(condition(), 1..6),
        numbers in prop::collection::vec(number_fact(), NUMBERS.len()),
        texts in prop::collection::vec(text_fact(), TEXTS.len()),
        short in any::<bool>(),
    ) {
        let plan = plan_with(&conditions);
        let set = RuleSet::compile(&plan).unwrap();
        let mut facts = facts_for(&set, &numbers, &texts);
        if short {
            // Fewer facts than slots: the rest are missing.
            facts.truncate(facts.len() / 2);
        }
        let (fired, walked) = both(&set, &facts);
        prop_assert_eq!(fired, walked, "{:?} over {:?}", conditions, facts);
    }
}

/// The facts of the set's slots from the generated ones.
fn facts_for(set: &RuleSet, numbers: &[FactValue], texts: &[FactValue]) -> Vec<FactValue> {
    set.slots()
        .iter()
        .map(|f| {
            let s = f.to_string();
            match NUMBERS.iter().position(|n| *n == s) {
                Some(i) => numbers[i],
                None => texts[TEXTS.iter().position(|t| *t == s).unwrap()],
            }
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Many contexts at once (full blocks of 64 and a partial one) give
    /// what each gives alone.
    #[test]
    fn many_at_once_is_each_alone(
        conditions in prop::collection::vec(condition(), 1..5),
        contexts in prop::collection::vec(
            (
                prop::collection::vec(number_fact(), NUMBERS.len()),
                prop::collection::vec(text_fact(), TEXTS.len()),
                0usize..8,
            ),
            1..140,
        ),
    ) {
        let set = RuleSet::compile(&plan_with(&conditions)).unwrap();
        let contexts: Vec<Vec<FactValue>> = contexts
            .iter()
            .map(|(n, t, cut)| {
                let mut facts = facts_for(&set, n, t);
                // Now and then a short context: the rest is missing.
                if *cut == 0 {
                    facts.truncate(facts.len() / 2);
                }
                facts
            })
            .collect();
        let mut out = FiredSets::new(&set);
        set.evaluate_many(contexts.iter().map(Vec::as_slice), &mut out);
        prop_assert_eq!(out.len(), contexts.len());
        let mut fired = Vec::new();
        for (i, facts) in contexts.iter().enumerate() {
            set.evaluate(facts, &mut fired);
            let many: Vec<usize> = out.fired(i).collect();
            prop_assert_eq!(&many, &fired, "context {} {:?}", i, facts);
        }
    }
}

/// A number at a given scale: small, near the edges of exact `f64`
/// (2⁵² to 2⁵⁴ as twice the mantissa), or one of the nice values.
fn number_at(scale: u32) -> impl Strategy<Value = FactValue> {
    prop_oneof![
        3 => (-3_000_000i64..3_000_000).prop_map(move |m| FactValue::Num(Decimal::new(m, scale))),
        1 => ((1i64 << 51) - 4..(1i64 << 53) + 4, any::<bool>())
            .prop_map(move |(m, neg)| FactValue::Num(Decimal::new(if neg { -m } else { m }, scale))),
        1 => (0..NICE.len()).prop_map(move |i| {
            let mut d: Decimal = NICE[i].parse().unwrap();
            d.rescale(scale);
            FactValue::Num(d)
        }),
        1 => Just(FactValue::Missing),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Columns whose numbers share a scale (the case the four-at-a-time
    /// `f64` comparisons take), also beyond 2⁵³, agree with the tree.
    #[test]
    fn columns_at_one_scale_agree(
        conditions in prop::collection::vec(condition(), 1..5),
        generated in prop::collection::vec(0u32..6, NUMBERS.len()).prop_flat_map(|scales| {
            let numbers: Vec<_> = scales.into_iter().map(number_at).collect();
            prop::collection::vec(
                (numbers, prop::collection::vec(text_fact(), TEXTS.len())),
                65..130,
            )
        }),
    ) {
        let set = RuleSet::compile(&plan_with(&conditions)).unwrap();
        let contexts: Vec<Vec<FactValue>> = generated
            .iter()
            .map(|(numbers, texts)| facts_for(&set, numbers, texts))
            .collect();
        let mut out = FiredSets::new(&set);
        set.evaluate_many(contexts.iter().map(Vec::as_slice), &mut out);
        for (i, facts) in contexts.iter().enumerate() {
            let (fired, walked) = both(&set, facts);
            prop_assert_eq!(&fired, &walked, "{:?} over {:?}", conditions, facts);
            prop_assert_eq!(out.fired(i).collect::<Vec<_>>(), walked, "{:?} over {:?}", conditions, facts);
        }
    }
}

#[test]
fn columns_beyond_exact_f64_compare_as_integers() {
    // Twice 2⁵³ + 3 and the constant's 2·⌊c⌋ + 1 both round to 2⁵⁴ + 8
    // in `f64`; only the integers tell them apart.
    let conditions: Vec<String> = ["<", "==", ">="]
        .map(|op| format!(r#"kpi("K-REV").variance {op} 9007199254740995.5"#))
        .to_vec();
    let set = RuleSet::compile(&plan_with(&conditions)).unwrap();
    let contexts = vec![vec![FactValue::Num(Decimal::from(9_007_199_254_740_995i64))]; 64];
    let mut out = FiredSets::new(&set);
    set.evaluate_many(contexts.iter().map(Vec::as_slice), &mut out);
    for i in 0..64 {
        assert_eq!(out.fired(i).collect::<Vec<_>>(), [0]);
    }
}

#[test]
fn fired_sets_read_back() {
    let conditions: Vec<String> = (0..70)
        .map(|i| format!(r#"kpi("K-REV").attainment >= {}"#, Decimal::new(i, 2)))
        .collect();
    let set = RuleSet::compile(&plan_with(&conditions)).unwrap();
    let contexts = [
        vec![FactValue::Num("0.655".parse().unwrap())],
        vec![FactValue::Missing],
    ];
    let mut out = FiredSets::new(&set);
    set.evaluate_many(contexts.iter().map(Vec::as_slice), &mut out);
    // 0.655 is at least 0.00 … 0.65: the first 66 rules, across two words.
    assert_eq!(
        out.fired(0).collect::<Vec<_>>(),
        (0..66).collect::<Vec<_>>()
    );
    assert!(out.holds(0, 65) && !out.holds(0, 66) && !out.holds(0, 700));
    assert_eq!(out.row(0).unwrap().len(), 2);
    assert_eq!(out.fired(1).count(), 0);
    assert_eq!(out.fired(2).count(), 0);
    assert!(out.row(2).is_none() && out.row(usize::MAX).is_none());
    set.evaluate_many(contexts.iter().map(Vec::as_slice), &mut out);
    assert_eq!(out.len(), 4);
    out.clear();
    assert!(out.is_empty());
}

#[test]
fn ties_and_edges_agree() {
    let conditions: Vec<String> = [
        r#"kpi("K-REV").attainment + kpi("K-CONV").pace == 1.5"#,
        r#"kpi("K-REV").attainment * kpi("K-CONV").pace >= 0.5625"#,
        r#"(kpi("K-REV").attainment + kpi("K-CONV").pace) / 2 < 0.75"#,
        r#"kpi("K-REV").attainment / 3 > 0.25"#,
        r#"kpi("K-REV").attainment / 0 > 0.25"#,
        r#"kpi("K-REV").attainment >= 0.75"#,
        r#"not (kpi("K-REV").attainment < 0.75)"#,
        r#"kpi("K-CONV").status in ["at_risk", "off_track"]"#,
        r#"kpi("K-CONV").status != "on_track""#,
        // Decimal rounds 10⁻²⁸·10⁻²⁸ to 0: the f64 path must not decide.
        r#"kpi("K-REV").attainment * kpi("K-CONV").pace > 0"#,
    ]
    .map(String::from)
    .to_vec();
    let set = RuleSet::compile(&plan_with(&conditions)).unwrap();
    let num = |s: &str| FactValue::Num(s.parse().unwrap());
    let contexts = [
        vec![num("0.75"), num("0.75"), FactValue::Text("at_risk")],
        vec![
            num("0.7500"),
            num("0.75000000"),
            FactValue::Text("on_track"),
        ],
        vec![
            num("0.7499999999999999999999999999"),
            num("0.75"),
            FactValue::Missing,
        ],
        vec![
            FactValue::Missing,
            num("0.75"),
            FactValue::Text("off_track"),
        ],
        vec![
            num("79228162514264337593543950335"),
            num("0.75"),
            FactValue::Text("high"),
        ],
        vec![num("-0.75"), FactValue::Text("at_risk"), num("1")],
        vec![
            num("1e-28"),
            num("0.0000000000000000000000000001"),
            FactValue::Missing,
        ],
    ];
    let mut out = FiredSets::new(&set);
    set.evaluate_many(contexts.iter().map(Vec::as_slice), &mut out);
    for (i, facts) in contexts.iter().enumerate() {
        let (fired, walked) = both(&set, facts);
        assert_eq!(fired, walked, "{facts:?}");
        assert_eq!(out.fired(i).collect::<Vec<_>>(), walked, "{facts:?}");
    }
    // The first context: every rule but the division by zero and `/ 3 >`.
    let mut fired = Vec::new();
    set.evaluate(&contexts[0], &mut fired);
    assert_eq!(fired, [0, 1, 5, 6, 7, 8, 9]);
    set.evaluate(&contexts[6], &mut fired);
    assert_eq!(fired, [2]);
}

#[test]
fn constants_order_facts_exactly_at_every_scale() {
    let c: Decimal = "0.875".parse().unwrap();
    // At scale 2, 0.875 lies between 0.87 and 0.88: 2·87 + 1.
    assert_eq!(doubled_at_scale(c, 2), 175);
    assert_eq!(doubled_at_scale(c, 3), 1750);
    assert_eq!(doubled_at_scale(-c, 2), -175);
    assert_eq!(doubled_at_scale(Decimal::MAX, 28), SATURATED as i64);
    assert_eq!(finite_inverse("0.25".parse().unwrap()), Some(2));
    assert_eq!(finite_inverse("20".parse().unwrap()), Some(2));
    assert_eq!(finite_inverse("3".parse().unwrap()), None);
    assert_eq!(finite_inverse(Decimal::ZERO), None);
}
