//! Tests of reading and writing amounts.

use proptest::prelude::*;

use super::format::group_thousands;
use super::*;
use crate::error::Error;

fn d(text: &str) -> Decimal {
    text.parse().expect("test decimal")
}

fn parsed(text: &str) -> Decimal {
    parse_amount(text).unwrap_or_else(|e| panic!("{text:?} should parse: {e}"))
}

fn refusal(text: &str) -> String {
    match parse_amount(text) {
        Err(Error::Amount { input, message }) => {
            assert_eq!(input, text);
            message
        }
        other => panic!("{text:?} should be refused, got {other:?}"),
    }
}

#[test]
fn plain_numbers() {
    assert_eq!(parsed("120000000"), d("120000000"));
    assert_eq!(parsed("120000000.50"), d("120000000.5"));
    assert_eq!(parsed("-3.5"), d("-3.5"));
    assert_eq!(parsed("120,000,000.50"), d("120000000.5"));
    assert_eq!(parsed("  42  "), d("42"));
    assert_eq!(parsed("0"), Decimal::ZERO);
    assert_eq!(parsed("-0"), Decimal::ZERO);
    assert_eq!(parsed("1,000"), d("1000"));
    assert_eq!(parsed("999"), d("999"));
}

#[test]
fn chinese_units() {
    assert_eq!(parsed("1.2亿"), d("120000000"));
    assert_eq!(parsed("3,500万"), d("35000000"));
    assert_eq!(parsed("1亿2000万"), d("120000000"));
    assert_eq!(parsed("1亿2000万5000"), d("120005000"));
    assert_eq!(parsed("2亿零500万"), d("205000000"));
    assert_eq!(parsed("12万3456"), d("123456"));
    assert_eq!(parsed("0.5万"), d("5000"));
    assert_eq!(parsed("1.5万亿"), d("1500000000000"));
    assert_eq!(parsed("1万亿2000亿"), d("1200000000000"));
    assert_eq!(parsed("1亿零5000"), d("100005000"));
    assert_eq!(parsed("1万零500"), d("10500"));
    assert_eq!(parsed("12万3456.78"), d("123456.78"));
    assert_eq!(parsed("1亿2000.5万"), d("120005000"));
}

#[test]
fn hundreds_and_thousands() {
    assert_eq!(parsed("3千"), d("3000"));
    assert_eq!(parsed("5百"), d("500"));
    assert_eq!(parsed("3千万"), d("30000000"));
    assert_eq!(parsed("5百万"), d("5000000"));
    assert_eq!(parsed("2千亿"), d("200000000000"));
    assert_eq!(parsed("1亿2千万"), d("120000000"));
    assert_eq!(parsed("1万2千5百"), d("12500"));
    assert_eq!(parsed("1千万亿"), d("1000000000000000"));
}

#[test]
fn decorations() {
    assert_eq!(parsed("￥1.2亿元"), d("120000000"));
    assert_eq!(parsed("¥ 1.2 亿 元"), d("120000000"));
    assert_eq!(parsed("1.2 亿"), d("120000000"));
    assert_eq!(parsed("-¥5"), d("-5"));
    assert_eq!(parsed("¥-5"), d("-5"));
    assert_eq!(parsed("- 5万"), d("-50000"));
    assert_eq!(parsed("3,500万元"), d("35000000"));
    assert_eq!(parsed("1亿 2000万"), d("120000000"));
}

#[test]
fn results_are_normalised() {
    let amount = parsed("1.2亿");
    assert_eq!(amount.scale(), 0);
    assert_eq!(amount.to_string(), "120000000");
    assert_eq!(parsed("0.50").to_string(), "0.5");
    assert_eq!(parsed("-0.00").to_string(), "0");
}

#[test]
fn refuses_empty_and_digitless_text() {
    assert!(refusal("").contains("empty"));
    assert!(refusal("   ").contains("empty"));
    assert!(refusal("¥").contains("no digits"));
    assert!(refusal("元").contains("no digits"));
    assert!(refusal("-").contains("no digits"));
    assert!(refusal("万").contains("no number before it"));
    assert!(refusal("abc").contains("unexpected character 'a'"));
}

#[test]
fn refuses_bad_grouping() {
    assert!(refusal("1,20,000").contains("groups of three"));
    assert!(refusal("1234,567").contains("groups of three"));
    assert!(refusal(",123").contains("groups of three"));
    assert!(refusal("1,000,").contains("groups of three"));
    assert!(refusal("1,000.5,0").contains("decimals"));
    assert!(refusal("1.2.3").contains("decimals"));
    assert!(refusal(".5").contains("must start with a digit"));
    assert!(refusal("5.").contains("decimals"));
    assert!(refusal("1 000").contains("need a unit between them"));
}

#[test]
fn refuses_units_out_of_order_or_repeated() {
    assert!(refusal("2000万1亿").contains("larger unit first"));
    assert!(refusal("1亿1亿").contains("appears twice"));
    assert!(refusal("1万2万").contains("appears twice"));
    assert!(refusal("1亿万").contains("not a unit"));
    assert!(refusal("1万万").contains("not a unit"));
    assert!(refusal("1百千").contains("not a unit"));
}

#[test]
fn refuses_parts_too_large_for_their_place() {
    let message = refusal("1亿10000万");
    assert!(message.contains("too large to follow 亿"), "{message}");
    assert!(refusal("12万10000").contains("too large to follow 万"));
    assert!(refusal("1万20千").contains("too large"));
    assert_eq!(parsed("1亿9999.9999万"), d("199999999"));
}

#[test]
fn refuses_decimals_before_the_last_part() {
    assert!(refusal("1.5亿2000万").contains("only the last part may have decimals"));
}

#[test]
fn refuses_ambiguous_bare_numbers() {
    assert!(refusal("1万5").contains("ambiguous"));
    assert!(refusal("1亿5000").contains("ambiguous"));
    assert!(refusal("1亿2000万500").contains("ambiguous"));
    assert_eq!(parsed("1万0005"), d("10005"));
}

#[test]
fn refuses_misplaced_fillers_and_signs() {
    assert!(refusal("零5万").contains("between two parts"));
    assert!(refusal("1亿零").contains("followed by a number"));
    assert!(refusal("1亿零零5").contains("between two parts"));
    assert!(refusal("5零").contains("between two parts"));
    assert!(refusal("--5").contains("'-'"));
    assert!(refusal("5-").contains("'-'"));
    assert!(refusal("5元元").contains("'元'"));
    assert!(refusal("5¥").contains("'¥'"));
    assert!(refusal("5 USD").contains("unexpected character 'U'"));
}

#[test]
fn trailing_zeros_of_the_decimals_do_not_count_against_the_digits() {
    // 27 digits and two zero decimals: 29 digits as written, a value a
    // decimal holds. Money is written this way (found by fuzzing).
    let large = d("938128862192746978789686781");
    assert_eq!(parsed("938,128,862,192,746,978,789,686,781.00"), large);
    assert_eq!(parsed(&format_money(large, "")), large);
    assert_eq!(parsed("1.000000000000000000000000000000"), d("1"));
    assert_eq!(parsed("2.50万"), d("25000"));
    assert!(refusal("1.0亿2000万").contains("only the last part may have decimals"));
}

#[test]
fn refuses_values_a_decimal_cannot_hold() {
    assert!(refusal("79228162514264337593543950336").contains("too many digits"));
    assert!(refusal("1000000000000000000000万亿").contains("too many digits"));
    assert!(refusal("0.00000000000000000000000000001").contains("too many digits"));
    assert!(refusal("1万亿零0.0000000000000000000001").contains("too many digits"));
    assert_eq!(parsed("79228162514264337593543950335"), Decimal::MAX);
}

#[test]
fn error_message_names_the_input() {
    let error = parse_amount("1亿1亿").expect_err("repeated unit");
    assert_eq!(error.code(), "invalid_amount");
    assert!(error.to_string().starts_with("invalid amount \"1亿1亿\": "));
}

#[test]
fn formats_with_automatic_units() {
    assert_eq!(format_amount_auto(d("120000000")), "1.2亿");
    assert_eq!(format_amount_auto(d("35000000")), "3,500万");
    assert_eq!(format_amount_auto(d("123456789")), "1.2346亿");
    assert_eq!(format_amount_auto(d("1234.5")), "1,234.5");
    assert_eq!(format_amount_auto(d("-35000000")), "-3,500万");
    assert_eq!(format_amount_auto(Decimal::ZERO), "0");
    assert_eq!(format_amount_auto(d("10000")), "1万");
    assert_eq!(format_amount_auto(d("9999.99")), "9,999.99");
    assert_eq!(format_amount_auto(d("1500000000000")), "15,000亿");
}

#[test]
fn auto_moves_up_when_rounding_reaches_the_next_unit() {
    assert_eq!(format_amount_auto(d("99999999.99")), "1亿");
    assert_eq!(format_amount_auto(d("9999.99999")), "1万");
    assert_eq!(format_amount_auto(d("-99999999.99")), "-1亿");
}

#[test]
fn formats_with_fixed_units_and_options() {
    let format = |unit, max_decimals, grouping| AmountFormat {
        unit,
        max_decimals,
        grouping,
    };
    let amount = d("123456789.125");
    assert_eq!(
        format_amount(amount, &format(AmountUnit::Wan, 2, true)),
        "12,345.68万"
    );
    assert_eq!(
        format_amount(amount, &format(AmountUnit::Yi, 0, true)),
        "1亿"
    );
    assert_eq!(
        format_amount(amount, &format(AmountUnit::None, 2, false)),
        "123456789.13"
    );
    assert_eq!(
        format_amount(amount, &format(AmountUnit::None, 28, true)),
        "123,456,789.125"
    );
    assert_eq!(
        format_amount(Decimal::ZERO, &format(AmountUnit::Wan, 4, true)),
        "0万"
    );
    assert_eq!(
        format_amount(d("-0.00001"), &format(AmountUnit::None, 4, true)),
        "0"
    );
    assert_eq!(
        format_amount(d("0.5"), &format(AmountUnit::None, 0, true)),
        "1"
    );
    assert_eq!(
        format_amount(d("-2.5"), &format(AmountUnit::None, 0, true)),
        "-3"
    );
    assert_eq!(
        format_amount(d("1"), &format(AmountUnit::Yi, 100, true)),
        "0.00000001亿"
    );
}

#[test]
fn formats_extreme_values_without_panicking() {
    let format = AmountFormat {
        unit: AmountUnit::Yi,
        max_decimals: u32::MAX,
        grouping: true,
    };
    assert!(!format_amount(Decimal::MAX, &format).is_empty());
    assert!(!format_amount(Decimal::MIN, &format).is_empty());
    assert_eq!(format_amount(Decimal::new(1, 28), &format), "0亿");
    assert_eq!(
        format_amount_auto(Decimal::MAX),
        "792,281,625,142,643,375,935.4395亿"
    );
}

#[test]
fn formats_money() {
    assert_eq!(format_money(d("120000000"), "CNY"), "CNY 120,000,000.00");
    assert_eq!(format_money(d("1234.5"), "USD"), "USD 1,234.50");
    assert_eq!(format_money(d("0.005"), "CNY"), "CNY 0.01");
    assert_eq!(format_money(d("-0.005"), "CNY"), "CNY -0.01");
    assert_eq!(format_money(d("-0.004"), "CNY"), "CNY 0.00");
    assert_eq!(format_money(d("999.999"), "EUR"), "EUR 1,000.00");
    assert_eq!(format_money(d("7"), ""), "7.00");
}

#[test]
fn groups_thousands() {
    assert_eq!(group_thousands("1"), "1");
    assert_eq!(group_thousands("123"), "123");
    assert_eq!(group_thousands("1234"), "1,234");
    assert_eq!(group_thousands("123456"), "123,456");
    assert_eq!(group_thousands("1234567"), "1,234,567");
}

fn none_format() -> AmountFormat {
    AmountFormat {
        unit: AmountUnit::None,
        max_decimals: 28,
        grouping: true,
    }
}

/// A number of 万 below 10000 with at most four decimals, as a mantissa
/// and a scale.
fn below_yi_in_wan() -> impl Strategy<Value = (i64, u32)> {
    (0_u32..=4).prop_flat_map(|scale| {
        let limit = 10_i64.pow(4 + scale) - 1;
        (-limit..=limit, Just(scale))
    })
}

proptest! {
    #[test]
    fn plain_format_round_trips(mantissa in any::<i64>(), scale in 0_u32..=2) {
        let amount = Decimal::new(mantissa, scale);
        let text = format_amount(amount, &none_format());
        prop_assert_eq!(parse_amount(&text), Ok(amount), "text {}", text);
    }

    #[test]
    fn ungrouped_format_round_trips(mantissa in any::<i64>(), scale in 0_u32..=10) {
        let amount = Decimal::new(mantissa, scale);
        let format = AmountFormat { grouping: false, ..none_format() };
        let text = format_amount(amount, &format);
        prop_assert_eq!(parse_amount(&text), Ok(amount), "text {}", text);
    }

    #[test]
    fn auto_format_round_trips_multiples_of_wan(wan in -(10_i64.pow(15))..10_i64.pow(15)) {
        let amount = Decimal::from(wan) * power_of_ten(4);
        let text = format_amount_auto(amount);
        prop_assert_eq!(parse_amount(&text), Ok(amount), "text {}", text);
    }

    #[test]
    fn auto_format_round_trips_below_yi((mantissa, scale) in below_yi_in_wan()) {
        // Below 1亿 with at most four decimals in 万: exact in any unit Auto picks.
        let amount = Decimal::new(mantissa, scale) * power_of_ten(4);
        let text = format_amount_auto(amount);
        prop_assert_eq!(parse_amount(&text), Ok(amount), "text {}", text);
    }

    #[test]
    fn yi_and_wan_compose(yi in 0_i64..10_000, wan in 0_i64..10_000) {
        let text = format!("{yi}亿{wan}万");
        let expected = Decimal::from(yi * 100_000_000 + wan * 10_000);
        prop_assert_eq!(parse_amount(&text), Ok(expected));
    }

    #[test]
    fn yi_wan_and_units_compose(yi in 1_i64..10_000, wan in 0_i64..10_000, one in 0_i64..10_000) {
        let text = format!("{yi}亿{wan}万零{one}");
        let expected = Decimal::from(yi * 100_000_000 + wan * 10_000 + one);
        prop_assert_eq!(parse_amount(&text), Ok(expected));
        let padded = format!("{yi}亿{wan}万{one:04}");
        prop_assert_eq!(parse_amount(&padded), Ok(expected));
    }

    #[test]
    fn never_panics_on_any_text(text in any::<String>()) {
        let _ = parse_amount(&text);
    }

    #[test]
    fn never_panics_on_amount_like_text(text in "[-¥￥ 0-9,.零百千万亿元]{0,24}") {
        let _ = parse_amount(&text);
    }

    #[test]
    fn parsed_amounts_format_back_to_the_same_value(text in "[0-9]{1,6}(万|亿|万亿)?") {
        if let Ok(amount) = parse_amount(&text) {
            let format = AmountFormat { max_decimals: 28, ..AmountFormat::default() };
            let formatted = format_amount(amount, &format);
            prop_assert_eq!(parse_amount(&formatted), Ok(amount), "text {}", formatted);
        }
    }
}
