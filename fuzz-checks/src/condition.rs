//! The rule condition language: parse, compile, evaluate.

use rust_decimal::Decimal;
use salesplan::adjust::{condition, FactValue, FiredSets, RuleSet, FACT_WORDS};

use crate::bytes::Bytes;
use crate::case_study;

/// Numbers that meet the constants conditions tend to compare with.
const NICE: [&str; 12] = [
    "0", "0.5", "0.75", "0.9", "1", "1.5", "2", "-0.25", "0.1", "0.3", "3", "-1",
];

/// Conditions and facts: the bytes up to the last NUL are conditions
/// separated by NULs (at most four), the bytes after it choose the facts of
/// up to 70 contexts.
///
/// A condition parses or is refused with a column inside the text (or just
/// past it); the conditions compile against the case study as rules, each
/// alone too; for every context, the compiled circuit fires exactly the
/// rules the decimal tree says hold, one context at a time and many at
/// once.
pub fn condition(data: &[u8]) {
    let (texts, facts) = match data.iter().rposition(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let conditions: Vec<String> = texts
        .split(|&b| b == 0)
        .take(4)
        .map(|t| String::from_utf8_lossy(t).into_owned())
        .collect();
    let plan = case_study();
    for text in &conditions {
        if let Err(e) = condition::parse(text) {
            let columns = text.chars().count() + 1;
            assert!(
                e.column >= 1 && e.column <= columns,
                "column {} outside {text:?}: {e}",
                e.column
            );
        }
        if let Err(e) = RuleSet::compile_condition(plan, text) {
            let columns = text.chars().count() + 1;
            assert!(e.column >= 1 && e.column <= columns, "{text:?}: {e}");
        }
    }
    let mut with_rules = plan.clone();
    let Some(template) = plan.rules.first().cloned() else {
        return;
    };
    with_rules.rules = conditions
        .iter()
        .map(|c| {
            let mut rule = template.clone();
            rule.when.clone_from(c);
            rule
        })
        .collect();
    let Ok(set) = RuleSet::compile(&with_rules) else {
        return;
    };
    agree(&set, facts);
}

/// The circuit and the tree agree on every context the bytes describe.
fn agree(set: &RuleSet, facts: &[u8]) {
    let slots = set.slots();
    let mut bytes = Bytes::new(facts);
    let count = if bytes.is_empty() {
        1
    } else {
        bytes.below(70) + 1
    };
    let contexts: Vec<Vec<FactValue>> = (0..count)
        .map(|_| {
            slots
                .iter()
                .map(|slot| fact(&mut bytes, slot.is_text()))
                .collect()
        })
        .collect();
    let mut fired = Vec::new();
    for (c, context) in contexts.iter().enumerate() {
        set.evaluate(context, &mut fired);
        let walked: Vec<usize> = (0..set.rules().len())
            .filter(|&i| set.holds(&set.rules()[i], context))
            .collect();
        assert_eq!(
            fired, walked,
            "context {c}: the circuit fired {fired:?}, the tree {walked:?}, facts {context:?}"
        );
    }
    let mut many = FiredSets::new(set);
    set.evaluate_many(contexts.iter().map(Vec::as_slice), &mut many);
    assert_eq!(many.len(), contexts.len());
    for (c, context) in contexts.iter().enumerate() {
        for (i, rule) in set.rules().iter().enumerate() {
            assert_eq!(
                many.holds(c, i),
                set.holds(rule, context),
                "context {c} of many, rule {i}: facts {context:?}"
            );
        }
    }
}

/// One fact: mostly of its kind, sometimes missing or of the other kind.
fn fact(bytes: &mut Bytes<'_>, text: bool) -> FactValue {
    let tag = bytes.byte();
    match tag % 16 {
        0 => FactValue::Missing,
        1 => FactValue::Text(FACT_WORDS[bytes.below(FACT_WORDS.len())]),
        2 => FactValue::Num(Decimal::ONE),
        _ if text => FactValue::Text(FACT_WORDS[usize::from(tag >> 4) % FACT_WORDS.len()]),
        3..=8 => FactValue::Num(NICE[bytes.below(NICE.len())].parse().unwrap_or_default()),
        9..=12 => {
            let mantissa = i64::from(i16::from_le_bytes([bytes.byte(), bytes.byte()]));
            FactValue::Num(Decimal::new(mantissa, u32::from(tag >> 4) % 6))
        }
        13 | 14 => FactValue::Num(Decimal::new(bytes.i64(), u32::from(tag >> 4) % 29)),
        _ => {
            let (lo, mid, hi) = (bytes.u32(), bytes.u32(), bytes.u32());
            FactValue::Num(Decimal::from_parts(
                lo,
                mid,
                hi,
                tag & 0x10 != 0,
                u32::from(bytes.byte()) % 29,
            ))
        }
    }
}
