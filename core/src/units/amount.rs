//! Reading and writing amounts of money the way Chinese sales plans write
//! them: `"1.2亿"`, `"3,500万"`, `"1亿2000万"`, `"￥120,000,000.50元"`.
//!
//! Reading is a small pipeline: strip the sign and currency decorations,
//! split the rest into numbers, units and 零 fillers, pair each number with
//! its unit, then add the parts up while checking their order and places.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::{Error, Result};

/// The most decimal places a [`Decimal`] can hold.
const MAX_SCALE: u32 = 28;

/// The filler that may stand between two parts of an amount.
const ZERO_FILLER: char = '零';

/// The unit characters and their powers of ten, in the slots in which they
/// may appear inside one compound unit such as 千万亿.
const UNIT_SLOTS: [&[(char, u32)]; 3] = [&[('百', 2), ('千', 3)], &[('万', 4)], &[('亿', 8)]];

/// What every message about an unreadable amount may point to.
const EXAMPLES: &str = "write an amount such as \"120000000\", \"1.2亿\" or \"1亿2000万\"";

/// Reads an amount of money, with or without Chinese units.
///
/// An amount is an optional `-`, an optional currency sign (`¥` or `￥`,
/// before or after the `-`), one or more *parts*, and an optional trailing
/// `元`. Spaces may stand between these pieces, but not inside a number.
///
/// A part is a number followed by a unit. A number is written with ASCII
/// digits, may group its whole part with commas in groups of three
/// (`120,000,000`) and may have decimals (`1.2`). The units are 万 (10⁴) and
/// 亿 (10⁸), and also 百 (10²), 千 (10³) and the compounds 百万, 千万, 百亿,
/// 千亿, 万亿 (10¹²), 百万亿 and 千万亿.
///
/// Parts go from the largest unit to the smallest (`1亿2000万`), each unit at
/// most once, and each part must be less than one of the unit before it: in
/// `1亿2000万` the 万 part must be below 10000万. Only the last part may have
/// decimals. The last part may also be a bare number without a unit, counting
/// single units (`12万3456` is 123456). `零` may stand between two parts as a
/// filler (`2亿零500万`).
///
/// A bare last number must fill all the places below the unit before it, or
/// stand after `零`: `12万3456` and `1万零500` are read, but `1万5` is refused
/// because people write it for 15000 as often as for 10005.
///
/// The result is exact and normalised: `"1.2亿"` gives `120000000` with no
/// decimal places and `"0.50"` gives `0.5`. Anything a [`Decimal`] cannot
/// hold exactly is refused rather than rounded.
///
/// # Errors
///
/// [`Error::Amount`] when the text is empty, has no digits, stray
/// characters, misgrouped commas, units out of order or repeated, a part too
/// large for its place, decimals before the last part, an ambiguous bare last
/// number, or a value that a [`Decimal`] cannot hold exactly.
///
/// ```
/// use salesplan::units::parse_amount;
///
/// assert_eq!(parse_amount("￥1.5万亿元").unwrap().to_string(), "1500000000000");
/// assert_eq!(parse_amount("-3,500万").unwrap().to_string(), "-35000000");
/// assert!(parse_amount("2000万1亿").is_err());
/// ```
pub fn parse_amount(input: &str) -> Result<Decimal> {
    parse(input).map_err(|message| Error::Amount {
        input: input.to_owned(),
        message,
    })
}

/// Which unit [`format_amount`] writes an amount in (`"auto"`, `"yi"`,
/// `"wan"` or `"none"` as JSON).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum AmountUnit {
    /// 亿 from 10⁸ up, 万 from 10⁴ up, no unit below that.
    Auto,
    /// Always in 亿 (10⁸).
    Yi,
    /// Always in 万 (10⁴).
    Wan,
    /// Always in single units, without a unit sign.
    None,
}

/// Reads a decimal the way every input of the library does: a plain
/// numeral (`"0.50"`, `"-3"`) exactly, keeping its scale, and anything else
/// as [`parse_amount`] reads it (`"1,200.50"`, `"1.2亿"`). Surrounding
/// whitespace is ignored.
///
/// ```
/// use salesplan::units::parse_decimal;
/// assert_eq!(parse_decimal(" 0.50 ").unwrap().to_string(), "0.50");
/// assert_eq!(parse_decimal("3.5万").unwrap().to_string(), "35000");
/// assert!(parse_decimal("abc").is_err());
/// ```
///
/// # Errors
/// [`Error::Amount`] when the text is neither.
pub fn parse_decimal(text: &str) -> Result<Decimal> {
    let t = text.trim();
    let plain = !t.is_empty()
        && t.bytes()
            .enumerate()
            .all(|(i, b)| b.is_ascii_digit() || b == b'.' || (i == 0 && b == b'-'));
    match Decimal::from_str_exact(t) {
        Ok(exact) if plain => Ok(exact),
        _ => parse_amount(t),
    }
}

impl std::str::FromStr for AmountUnit {
    type Err = Error;

    /// Reads the unit's name as the bindings spell it: `auto`, `yi`, `wan`
    /// or `none`.
    fn from_str(name: &str) -> Result<AmountUnit> {
        match name {
            "auto" => Ok(AmountUnit::Auto),
            "yi" => Ok(AmountUnit::Yi),
            "wan" => Ok(AmountUnit::Wan),
            "none" => Ok(AmountUnit::None),
            other => Err(Error::InvalidArgument {
                name: "unit".to_owned(),
                message: format!("{other:?} is not one of \"auto\", \"yi\", \"wan\", \"none\""),
            }),
        }
    }
}

impl AmountUnit {
    /// The power of ten that one of this unit stands for (`Auto` has none of
    /// its own and counts as single units).
    fn exponent(self) -> u32 {
        match self {
            AmountUnit::Yi => 8,
            AmountUnit::Wan => 4,
            AmountUnit::Auto | AmountUnit::None => 0,
        }
    }

    /// The sign written after the number.
    fn suffix(self) -> &'static str {
        match self {
            AmountUnit::Yi => "亿",
            AmountUnit::Wan => "万",
            AmountUnit::Auto | AmountUnit::None => "",
        }
    }

    /// The unit that [`AmountUnit::Auto`] picks for an amount of this size.
    fn for_magnitude(magnitude: Decimal) -> AmountUnit {
        if magnitude >= power_of_ten(8) {
            AmountUnit::Yi
        } else if magnitude >= power_of_ten(4) {
            AmountUnit::Wan
        } else {
            AmountUnit::None
        }
    }

    /// The next larger unit that [`AmountUnit::Auto`] may pick.
    fn larger(self) -> Option<AmountUnit> {
        match self {
            AmountUnit::None => Some(AmountUnit::Wan),
            AmountUnit::Wan => Some(AmountUnit::Yi),
            AmountUnit::Yi | AmountUnit::Auto => None,
        }
    }
}

/// How [`format_amount`] writes an amount. As JSON, every field may be
/// left out.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(default, deny_unknown_fields)]
pub struct AmountFormat {
    /// The unit to write the amount in.
    pub unit: AmountUnit,
    /// The most decimal places to keep, counted in the chosen unit; the
    /// number is rounded half away from zero and trailing zeros are dropped.
    /// Values above 28 count as 28.
    pub max_decimals: u32,
    /// Whether to separate thousands in the whole part with commas.
    pub grouping: bool,
}

impl Default for AmountFormat {
    /// Automatic unit, at most four decimal places, grouped thousands.
    fn default() -> Self {
        AmountFormat {
            unit: AmountUnit::Auto,
            max_decimals: 4,
            grouping: true,
        }
    }
}

/// Writes an amount for people, in 亿 or 万 as `format` says.
///
/// With [`AmountUnit::Auto`] an amount that would round up to 10000 of its
/// unit is written in the next larger unit instead (`99999999.99` is `1亿`,
/// not `10,000万`).
///
/// ```
/// use rust_decimal::Decimal;
/// use salesplan::units::{format_amount, AmountFormat};
///
/// let format = AmountFormat::default();
/// assert_eq!(format_amount(Decimal::new(123456789, 0), &format), "1.2346亿");
/// assert_eq!(format_amount(Decimal::new(-35000000, 0), &format), "-3,500万");
/// assert_eq!(format_amount(Decimal::new(12345, 1), &format), "1,234.5");
/// ```
pub fn format_amount(amount: Decimal, format: &AmountFormat) -> String {
    let decimals = format.max_decimals.min(MAX_SCALE);
    let (unit, value) = match format.unit {
        AmountUnit::Auto => auto_scaled(amount, decimals),
        unit => (unit, scaled(amount, unit, decimals)),
    };
    let mut text = render(value, 0, format.grouping);
    text.push_str(unit.suffix());
    text
}

/// [`format_amount`] with the [default format](AmountFormat::default).
///
/// ```
/// use rust_decimal::Decimal;
/// use salesplan::units::format_amount_auto;
///
/// assert_eq!(format_amount_auto(Decimal::new(120000000, 0)), "1.2亿");
/// ```
pub fn format_amount_auto(amount: Decimal) -> String {
    format_amount(amount, &AmountFormat::default())
}

/// Writes an amount with exactly two decimal places, grouped thousands and
/// the currency code in front, rounding half away from zero. An empty
/// `currency` writes the number alone.
///
/// ```
/// use rust_decimal::Decimal;
/// use salesplan::units::format_money;
///
/// assert_eq!(format_money(Decimal::new(120000000, 0), "CNY"), "CNY 120,000,000.00");
/// assert_eq!(format_money(Decimal::new(-12345, 3), "USD"), "USD -12.35");
/// ```
pub fn format_money(amount: Decimal, currency: &str) -> String {
    let rounded = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let number = render(rounded, 2, true);
    if currency.is_empty() {
        number
    } else {
        format!("{currency} {number}")
    }
}

// ---------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------

/// `amount` counted in `unit`, rounded to `decimals` places and normalised.
fn scaled(amount: Decimal, unit: AmountUnit, decimals: u32) -> Decimal {
    // Dividing by 1, 10⁴ or 10⁸ can neither overflow nor divide by zero.
    let in_unit = amount / power_of_ten(unit.exponent());
    in_unit
        .round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

/// The unit [`AmountUnit::Auto`] picks for `amount`, and the amount in it.
fn auto_scaled(amount: Decimal, decimals: u32) -> (AmountUnit, Decimal) {
    let unit = AmountUnit::for_magnitude(amount.abs());
    let value = scaled(amount, unit, decimals);
    match unit.larger() {
        Some(larger) if value.abs() >= power_of_ten(4) => {
            (larger, scaled(amount, larger, decimals))
        }
        _ => (unit, value),
    }
}

/// Writes `value` in plain digits with at least `min_decimals` decimal places
/// and, when `grouping`, commas between the thousands of the whole part.
fn render(value: Decimal, min_decimals: usize, grouping: bool) -> String {
    let digits = value.abs().to_string();
    let (whole, fraction) = digits.split_once('.').unwrap_or((&digits, ""));
    let mut text = String::with_capacity(digits.len() + digits.len() / 3 + min_decimals + 2);
    if value.is_sign_negative() && !value.is_zero() {
        text.push('-');
    }
    if grouping {
        text.push_str(&group_thousands(whole));
    } else {
        text.push_str(whole);
    }
    if !fraction.is_empty() || min_decimals > 0 {
        text.push('.');
        text.push_str(fraction);
        let padding = min_decimals.saturating_sub(fraction.len());
        text.extend(std::iter::repeat_n('0', padding));
    }
    text
}

/// Puts a comma between every three digits of `digits`, from the right.
fn group_thousands(digits: &str) -> String {
    let count = digits.chars().count();
    let mut grouped = String::with_capacity(count + count / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (count - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// 10 to the power `exponent`. Exponents here are at most 15 (千万亿); larger
/// ones are capped at 19, the largest power of ten a `u64` holds.
fn power_of_ten(exponent: u32) -> Decimal {
    Decimal::from(10_u64.pow(exponent.min(19)))
}

// ---------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------

/// A unit as written, such as `万` or `万亿`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Unit<'a> {
    /// The characters as written.
    text: &'a str,
    /// The power of ten it stands for.
    exponent: u32,
}

/// One lexical piece of an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'a> {
    /// Digits with commas and a decimal point.
    Number(&'a str),
    /// A unit.
    Unit(Unit<'a>),
    /// The filler 零.
    Zero,
}

/// One number with the unit that follows it, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Part<'a> {
    /// The digits as written.
    number: &'a str,
    /// The unit, or `None` for a bare last number.
    unit: Option<Unit<'a>>,
    /// Whether 零 stood before the number.
    after_zero: bool,
}

impl Part<'_> {
    /// The power of ten of the part's unit (0 for a bare number).
    fn exponent(&self) -> u32 {
        self.unit.map_or(0, |unit| unit.exponent)
    }

    /// The part as written, for messages.
    fn text(&self) -> String {
        format!("{}{}", self.number, self.unit.map_or("", |unit| unit.text))
    }
}

/// A number as read from its digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Number {
    /// Its exact value.
    value: Decimal,
    /// How many digits its whole part has (leading zeros included).
    whole_digits: usize,
    /// Whether it has a decimal point.
    has_fraction: bool,
}

/// [`parse_amount`] with the reason for a refusal as a plain message.
fn parse(input: &str) -> Result<Decimal, String> {
    let text = input.trim();
    if text.is_empty() {
        return Err(format!("the text is empty; {EXAMPLES}"));
    }
    let (negative, body) = strip_decorations(text);
    let tokens = tokenize(body)?;
    let parts = group_parts(&tokens)?;
    let magnitude = evaluate(&parts)?;
    let value = if negative { -magnitude } else { magnitude };
    Ok(value.normalize())
}

/// Removes the sign, the currency sign and a trailing 元, returning whether
/// the amount is negative and what is left.
fn strip_decorations(text: &str) -> (bool, &str) {
    let (symbol_first, rest) = strip_currency_sign(text);
    let (negative, rest) = match rest.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, rest),
    };
    let rest = if symbol_first {
        rest
    } else {
        strip_currency_sign(rest).1
    };
    let body = rest.strip_suffix('元').unwrap_or(rest).trim_end();
    (negative, body)
}

/// Removes a leading `¥` or `￥`, returning whether there was one.
fn strip_currency_sign(text: &str) -> (bool, &str) {
    match text.strip_prefix(['¥', '￥']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, text),
    }
}

/// Whether `c` may be part of a number.
fn is_number_char(c: char) -> bool {
    c.is_ascii_digit() || c == ',' || c == '.'
}

/// Whether `c` is one of the unit characters.
fn is_unit_char(c: char) -> bool {
    UNIT_SLOTS
        .iter()
        .any(|slot| slot.iter().any(|&(unit, _)| unit == c))
}

/// Splits `text` after its leading run of characters that satisfy `keep`.
fn split_run(text: &str, keep: impl Fn(char) -> bool) -> (&str, &str) {
    let end = text.find(|c: char| !keep(c)).unwrap_or(text.len());
    text.split_at(end)
}

/// Splits the body of an amount into numbers, units and fillers.
fn tokenize(body: &str) -> Result<Vec<Token<'_>>, String> {
    let mut tokens = Vec::new();
    let mut rest = body.trim_start();
    while let Some(first) = rest.chars().next() {
        let (token, tail) = if is_number_char(first) {
            let (number, tail) = split_run(rest, is_number_char);
            (Token::Number(number), tail)
        } else if is_unit_char(first) {
            let (unit, tail) = split_run(rest, is_unit_char);
            (Token::Unit(parse_unit(unit)?), tail)
        } else if let Some(tail) = rest.strip_prefix(ZERO_FILLER) {
            (Token::Zero, tail)
        } else {
            return Err(unexpected_character(first));
        };
        tokens.push(token);
        rest = tail.trim_start();
    }
    Ok(tokens)
}

/// The message for a character that has no place in an amount.
fn unexpected_character(c: char) -> String {
    match c {
        '-' => "'-' may only stand at the start of the amount".to_owned(),
        '¥' | '￥' => format!("{c:?} may only stand at the start of the amount"),
        '元' => "'元' may only stand at the end of the amount".to_owned(),
        _ => format!("unexpected character {c:?}; {EXAMPLES}"),
    }
}

/// Reads a run of unit characters as one unit: an optional 百 or 千, an
/// optional 万 and an optional 亿, in that order.
fn parse_unit(text: &str) -> Result<Unit<'_>, String> {
    let mut rest = text;
    let mut exponent = 0;
    for slot in UNIT_SLOTS {
        let found = slot
            .iter()
            .find_map(|&(unit, power)| rest.strip_prefix(unit).map(|tail| (tail, power)));
        if let Some((tail, power)) = found {
            rest = tail;
            exponent += power;
        }
    }
    if rest.is_empty() {
        Ok(Unit { text, exponent })
    } else {
        Err(format!(
            "{text:?} is not a unit; the units are 万, 亿 and 万亿 (also 百, 千, 百万, 千万, 百亿 and 千亿)"
        ))
    }
}

/// Pairs every number with the unit after it.
fn group_parts<'a>(tokens: &[Token<'a>]) -> Result<Vec<Part<'a>>, String> {
    let mut parts = Vec::new();
    let mut pending: Option<&str> = None;
    let mut after_zero = false;
    let mut previous: Option<Token<'a>> = None;
    for &token in tokens {
        match token {
            Token::Number(number) => {
                if let Some(before) = pending {
                    return Err(format!(
                        "{before:?} and {number:?} need a unit between them \
                         (thousands are separated with commas, not spaces)"
                    ));
                }
                pending = Some(number);
            }
            Token::Unit(unit) => {
                let number = pending
                    .take()
                    .ok_or_else(|| format!("the unit {} has no number before it", unit.text))?;
                parts.push(Part {
                    number,
                    unit: Some(unit),
                    after_zero,
                });
                after_zero = false;
            }
            Token::Zero => {
                if !matches!(previous, Some(Token::Unit(_))) {
                    return Err(
                        "零 may only stand between two parts, as in \"2亿零500万\"".to_owned()
                    );
                }
                after_zero = true;
            }
        }
        previous = Some(token);
    }
    match pending {
        Some(number) => parts.push(Part {
            number,
            unit: None,
            after_zero,
        }),
        None if after_zero => return Err("零 must be followed by a number".to_owned()),
        None => {}
    }
    if parts.is_empty() {
        return Err(format!("there are no digits; {EXAMPLES}"));
    }
    Ok(parts)
}

/// Adds up the parts, checking that they are in order and fit their places.
fn evaluate(parts: &[Part<'_>]) -> Result<Decimal, String> {
    let mut total = Decimal::ZERO;
    let mut previous: Option<&Part<'_>> = None;
    for (index, part) in parts.iter().enumerate() {
        let number = parse_number(part.number)?;
        if number.has_fraction && index + 1 < parts.len() {
            return Err(format!(
                "only the last part may have decimals, but {:?} is followed by more \
                 (write 1.5亿 either alone or as 1亿5000万)",
                part.text()
            ));
        }
        if let Some(previous) = previous {
            check_place(previous, part, &number)?;
        }
        let value = number
            .value
            .checked_mul(power_of_ten(part.exponent()))
            .ok_or_else(too_large)?;
        total = exact_sum(total, value)?;
        previous = Some(part);
    }
    Ok(total)
}

/// Checks that `part` may follow `previous`: a smaller unit, a value below
/// one of the previous unit, and no ambiguous bare number.
fn check_place(previous: &Part<'_>, part: &Part<'_>, number: &Number) -> Result<(), String> {
    let previous_unit = previous.unit.map_or("", |unit| unit.text);
    let (upper, lower) = (previous.exponent(), part.exponent());
    if lower == upper {
        return Err(format!("the unit {previous_unit} appears twice"));
    }
    if lower > upper {
        return Err(format!(
            "{:?} cannot follow {:?}: write the larger unit first",
            part.text(),
            previous.text()
        ));
    }
    if number.value >= power_of_ten(upper - lower) {
        return Err(format!(
            "{:?} is too large to follow {previous_unit}: it must be less than 1{previous_unit}",
            part.text()
        ));
    }
    let places = usize::try_from(upper).unwrap_or(usize::MAX);
    if part.unit.is_none() && !part.after_zero && number.whole_digits < places {
        return Err(format!(
            "the bare {number:?} after {previous_unit} is ambiguous: if it counts single units \
             write \"零{number}\" or give it all {places} places, otherwise give it a unit",
            number = part.number
        ));
    }
    Ok(())
}

/// Reads digits with optional comma grouping and decimals.
fn parse_number(text: &str) -> Result<Number, String> {
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (text, None),
    };
    if whole.is_empty() {
        return Err(format!("{text:?} must start with a digit"));
    }
    let plain_whole = ungroup(whole)?;
    let digits = match fraction {
        None => plain_whole,
        Some(fraction) if is_digits(fraction) => {
            // Trailing zeros add nothing to the value, which is normalised
            // anyway; kept, they would count against the digits a decimal
            // holds and refuse "938,128,862,192,746,978,789,686,781.00".
            match fraction.trim_end_matches('0') {
                "" => plain_whole,
                significant => format!("{plain_whole}.{significant}"),
            }
        }
        Some(_) => {
            return Err(format!(
                "{text:?} is not a number: the decimals must be digits after a single '.'"
            ))
        }
    };
    let value = Decimal::from_str_exact(&digits).map_err(|_| too_large())?;
    Ok(Number {
        value,
        whole_digits: whole_digits_count(whole),
        has_fraction: fraction.is_some(),
    })
}

/// The digits of a whole part, with commas only between groups of three.
fn ungroup(whole: &str) -> Result<String, String> {
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or_default();
    let first_ok = is_digits(first) && (first.len() <= 3 || !whole.contains(','));
    let rest_ok = groups.all(|group| group.len() == 3 && is_digits(group));
    if first_ok && rest_ok {
        Ok(whole.replace(',', ""))
    } else {
        Err(format!(
            "{whole:?} is not a whole number: commas must separate groups of three digits, \
             as in 120,000,000"
        ))
    }
}

/// How many digits a whole part has.
fn whole_digits_count(whole: &str) -> usize {
    whole.chars().filter(char::is_ascii_digit).count()
}

/// Whether `text` is one or more ASCII digits.
fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// `a + b`, refusing a sum that a [`Decimal`] would have to round (a large
/// whole part with many decimals): the rounded sum minus `a` is not `b`.
fn exact_sum(a: Decimal, b: Decimal) -> Result<Decimal, String> {
    let sum = a.checked_add(b).ok_or_else(too_large)?;
    if sum.checked_sub(a) == Some(b) {
        Ok(sum)
    } else {
        Err(too_large())
    }
}

/// The message for a value that a [`Decimal`] cannot hold exactly.
fn too_large() -> String {
    "the amount has too many digits to be held exactly \
     (at most 28 significant digits and 28 decimal places)"
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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
}
