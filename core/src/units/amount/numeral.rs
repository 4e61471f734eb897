//! Reading amounts the way Chinese sales plans write them (`"1.2亿"`,
//! `"3,500万"`, `"1亿2000万"`): strip the sign and currency decorations,
//! split the rest into numbers, units and 零 fillers, pair each number with
//! its unit, then add the parts up while checking their order and places.

use rust_decimal::Decimal;

use super::power_of_ten;
use crate::error::{Error, Result};

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
    match Decimal::from_str_exact(t) {
        Ok(exact) if is_plain(t) => Ok(exact),
        _ => parse_amount(t),
    }
}

/// A plain decimal numeral (`"-12.5"`), as plan documents write them and
/// fact values are given: digits, at most one leading `-` and a point; no
/// exponent, grouping or unit. More than 28 decimal places are rounded to
/// 28, the most a decimal holds. `None` for anything else.
///
/// ```
/// use salesplan::units::plain_decimal;
/// assert_eq!(plain_decimal("-12.50").unwrap().to_string(), "-12.50");
/// assert_eq!(plain_decimal("1e3"), None);
/// assert_eq!(plain_decimal("1.2亿"), None);
/// ```
pub fn plain_decimal(text: &str) -> Option<Decimal> {
    is_plain(text).then(|| text.parse().ok()).flatten()
}

/// Whether `text` is written only with digits, a point and a leading `-`.
fn is_plain(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .enumerate()
            .all(|(i, b)| b.is_ascii_digit() || b == b'.' || (i == 0 && b == b'-'))
}

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
