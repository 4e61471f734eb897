//! An Arrow table into actuals through the core's [`ActualsBuilder`], a
//! record batch at a time: no Python object per row, and no copy of the
//! `date32`, dictionary-key and `decimal128` buffers.
//!
//! `date` is date32, date64, a timestamp without a time zone, or
//! `YYYY-MM-DD` text; `measure` and every tag are strings (utf8,
//! large_utf8, utf8view) or dictionary-encoded strings; `value` is
//! decimal128 (exact minor units), an integer, a float or decimal text.

use std::str::FromStr;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    ArrowPrimitiveType, Date64Type, Decimal128Type, Float32Type, Float64Type, Int16Type, Int32Type,
    Int64Type, Int8Type, TimestampMicrosecondType, TimestampMillisecondType,
    TimestampNanosecondType, TimestampSecondType, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::Array;
use arrow_schema::{DataType, TimeUnit};
use chrono::NaiveDate;
use pyo3::prelude::*;
use rust_decimal::Decimal;
use std::collections::HashMap;

use salesplan::actuals::{
    ActualsBuilder, Batch, BatchText, BatchValues, Keys, LoadMode, LoadReport, Validity,
};

use crate::arrow::{strings, wrong_type, Table};
use crate::errors::CoreError;

fn days_of<T: ArrowPrimitiveType<Native = i64>>(
    array: &dyn Array,
    per_day: i64,
) -> Vec<Option<i32>> {
    let a = array.as_primitive::<T>();
    a.iter()
        .map(|v| v.and_then(|v| i32::try_from(v.div_euclid(per_day)).ok()))
        .collect()
}

fn push_days(out: &mut Vec<Option<i32>>, array: &dyn Array) -> Result<(), CoreError> {
    const DAY_S: i64 = 86_400;
    match array.data_type() {
        DataType::Date32 => out.extend(array.as_primitive::<arrow_array::types::Date32Type>()),
        DataType::Date64 => out.extend(days_of::<Date64Type>(array, DAY_S * 1_000)),
        DataType::Timestamp(unit, None) => out.extend(match unit {
            TimeUnit::Second => days_of::<TimestampSecondType>(array, DAY_S),
            TimeUnit::Millisecond => days_of::<TimestampMillisecondType>(array, DAY_S * 1_000),
            TimeUnit::Microsecond => days_of::<TimestampMicrosecondType>(array, DAY_S * 1_000_000),
            TimeUnit::Nanosecond => {
                days_of::<TimestampNanosecondType>(array, DAY_S * 1_000_000_000)
            }
        }),
        other => match strings(array) {
            Some(at) => out.extend((0..array.len()).map(|i| {
                let date = NaiveDate::parse_from_str(at(i)?.trim(), "%Y-%m-%d").ok()?;
                Some(date.to_epoch_days())
            })),
            None => {
                return Err(wrong_type(
                    "date",
                    other,
                    "date32, date64, a timestamp without time zone or YYYY-MM-DD text",
                ))
            }
        },
    }
    Ok(())
}

/// A text column of one batch: its keys and dictionary, read in place
/// for dictionary arrays, encoded here for plain strings.
struct TextKeys<'a> {
    keys: Keys<'a>,
    validity: Option<Validity<'a>>,
    values: Vec<&'a str>,
    /// Keys this reader made (plain strings, or a key type made wider).
    owned: Vec<u32>,
    owned_bits: Vec<u8>,
}

impl<'a> TextKeys<'a> {
    fn new(column: &str, array: &'a dyn Array) -> Result<TextKeys<'a>, CoreError> {
        if let Some(dict) = array.as_any_dictionary_opt() {
            let at = strings(dict.values().as_ref())
                .ok_or_else(|| wrong_type(column, array.data_type(), "strings"))?;
            // A null in the dictionary reads as no value.
            let values = (0..dict.values().len())
                .map(|k| at(k).unwrap_or(""))
                .collect();
            let keys = dict.keys();
            let keys = match keys.data_type() {
                DataType::Int8 => Keys::I8(keys.as_primitive::<Int8Type>().values()),
                DataType::Int16 => Keys::I16(keys.as_primitive::<Int16Type>().values()),
                DataType::Int32 => Keys::I32(keys.as_primitive::<Int32Type>().values()),
                DataType::Int64 => Keys::I64(keys.as_primitive::<Int64Type>().values()),
                DataType::UInt8 => Keys::U8(keys.as_primitive::<UInt8Type>().values()),
                DataType::UInt16 => Keys::U16(keys.as_primitive::<UInt16Type>().values()),
                DataType::UInt32 => Keys::U32(keys.as_primitive::<UInt32Type>().values()),
                other => {
                    return Err(wrong_type(
                        column,
                        other,
                        "dictionary keys of 32 bits or fewer, or int64",
                    ))
                }
            };
            return Ok(TextKeys {
                keys,
                validity: validity(array),
                values,
                owned: Vec::new(),
                owned_bits: Vec::new(),
            });
        }
        let mut text = TextKeys {
            keys: Keys::U32(&[]),
            validity: None,
            values: Vec::new(),
            owned: Vec::with_capacity(array.len()),
            owned_bits: Vec::new(),
        };
        if array.data_type() == &DataType::Null {
            text.owned.resize(array.len(), 0);
            text.owned_bits = vec![0; array.len().div_ceil(8)];
            return Ok(text);
        }
        let at = strings(array).ok_or_else(|| {
            wrong_type(
                column,
                array.data_type(),
                "strings or dictionary-encoded strings",
            )
        })?;
        let mut index: HashMap<&'a str, u32> = HashMap::new();
        for i in 0..array.len() {
            let code = match at(i) {
                Some(v) => *index.entry(v).or_insert_with(|| {
                    text.values.push(v);
                    (text.values.len() - 1) as u32
                }),
                None => 0,
            };
            text.owned.push(code);
        }
        Ok(text)
    }

    fn column(&self, array: &'a dyn Array) -> BatchText<'_> {
        let (keys, validity) =
            if self.owned.len() == array.len() && array.as_any_dictionary_opt().is_none() {
                let validity = if self.owned_bits.is_empty() {
                    validity(array)
                } else {
                    Validity::new(&self.owned_bits, 0, self.owned.len())
                };
                (Keys::U32(&self.owned), validity)
            } else {
                (self.keys, self.validity)
            };
        BatchText {
            keys,
            validity,
            values: &self.values,
        }
    }
}

/// The validity bitmap of an array, when it has nulls (for a dictionary
/// array, those of its keys).
fn validity(array: &dyn Array) -> Option<Validity<'_>> {
    let nulls = array.nulls()?;
    Validity::new(nulls.validity(), nulls.offset(), nulls.len())
}

/// The value column of one batch.
enum ValueKeys<'a> {
    Units(&'a [i128], u32),
    Integers(&'a [i64]),
    /// Integers made wider, and the rows that have one where some do not.
    OwnedIntegers(Vec<i64>, Option<Vec<u8>>),
    Floats(&'a [f64]),
    OwnedFloats(Vec<f64>),
    /// Decimal text, each distinct text parsed once; `None` for bad text.
    Decimals(Vec<Decimal>, Vec<u8>),
}

impl<'a> ValueKeys<'a> {
    fn new(array: &'a dyn Array) -> Result<ValueKeys<'a>, CoreError> {
        fn ints<T: ArrowPrimitiveType>(a: &dyn Array) -> ValueKeys<'_>
        where
            T::Native: TryInto<i64>,
        {
            let a = a.as_primitive::<T>();
            let values: Vec<Option<i64>> =
                a.values().iter().map(|v| (*v).try_into().ok()).collect();
            if values.iter().all(Option::is_some) {
                return ValueKeys::OwnedIntegers(values.into_iter().flatten().collect(), None);
            }
            // A u64 beyond i64 is not a value.
            let ok: Vec<bool> = values
                .iter()
                .enumerate()
                .map(|(i, v)| v.is_some() && a.is_valid(i))
                .collect();
            let values = values.into_iter().map(Option::unwrap_or_default).collect();
            ValueKeys::OwnedIntegers(values, Some(bitmap(&ok)))
        }
        Ok(match array.data_type() {
            DataType::Decimal128(_, scale) => match u32::try_from(*scale) {
                Ok(scale) if scale <= 28 => {
                    ValueKeys::Units(array.as_primitive::<Decimal128Type>().values(), scale)
                }
                _ => {
                    return Err(wrong_type(
                        "value",
                        array.data_type(),
                        "a scale from 0 to 28",
                    ))
                }
            },
            DataType::Int64 => ValueKeys::Integers(array.as_primitive::<Int64Type>().values()),
            DataType::Int8 => ints::<Int8Type>(array),
            DataType::Int16 => ints::<Int16Type>(array),
            DataType::Int32 => ints::<Int32Type>(array),
            DataType::UInt8 => ints::<UInt8Type>(array),
            DataType::UInt16 => ints::<UInt16Type>(array),
            DataType::UInt32 => ints::<UInt32Type>(array),
            DataType::UInt64 => ints::<UInt64Type>(array),
            DataType::Float64 => ValueKeys::Floats(array.as_primitive::<Float64Type>().values()),
            DataType::Float32 => ValueKeys::OwnedFloats(
                // Through the float32's shortest text, not its binary64 widening.
                array
                    .as_primitive::<Float32Type>()
                    .values()
                    .iter()
                    .map(|v| v.to_string().parse::<f64>().unwrap_or(f64::NAN))
                    .collect(),
            ),
            DataType::Null => ValueKeys::OwnedFloats(vec![f64::NAN; array.len()]),
            _ => {
                let text = TextKeys::new("value", array).map_err(|_| {
                    wrong_type(
                        "value",
                        array.data_type(),
                        "decimal128, an integer, a float or decimal text",
                    )
                })?;
                let column = text.column(array);
                let parsed: Vec<Option<Decimal>> =
                    column.values.iter().map(|t| parse_value(t)).collect();
                let mut decimals = Vec::with_capacity(array.len());
                let mut ok = Vec::with_capacity(array.len());
                for row in 0..array.len() {
                    let v = if array.is_valid(row) {
                        parsed[key(&column, row)]
                    } else {
                        None
                    };
                    decimals.push(v.unwrap_or_default());
                    ok.push(v.is_some());
                }
                ValueKeys::Decimals(decimals, bitmap(&ok))
            }
        })
    }

    fn column(&self) -> BatchValues<'_> {
        match self {
            ValueKeys::Units(units, scale) => BatchValues::Units {
                units,
                scale: *scale,
            },
            ValueKeys::Integers(v) => BatchValues::Integers(v),
            ValueKeys::OwnedIntegers(v, _) => BatchValues::Integers(v),
            ValueKeys::Floats(v) => BatchValues::Floats(v),
            ValueKeys::OwnedFloats(v) => BatchValues::Floats(v),
            ValueKeys::Decimals(v, _) => BatchValues::Decimals(v),
        }
    }

    /// The rows with a value: the array's own nulls, and for text also the
    /// rows whose text is not a number.
    fn validity(&self, array: &'a dyn Array) -> Option<Validity<'_>> {
        match self {
            ValueKeys::Decimals(v, ok) => Validity::new(ok, 0, v.len()),
            ValueKeys::OwnedIntegers(v, Some(ok)) => Validity::new(ok, 0, v.len()),
            _ => validity(array),
        }
    }
}

fn key(column: &BatchText<'_>, row: usize) -> usize {
    match column.keys {
        Keys::I8(k) => usize::try_from(k[row]).unwrap_or(0),
        Keys::I16(k) => usize::try_from(k[row]).unwrap_or(0),
        Keys::I32(k) => usize::try_from(k[row]).unwrap_or(0),
        Keys::I64(k) => usize::try_from(k[row]).unwrap_or(0),
        Keys::U8(k) => usize::from(k[row]),
        Keys::U16(k) => usize::from(k[row]),
        Keys::U32(k) => k[row] as usize,
    }
    .min(column.values.len().saturating_sub(1))
}

fn bitmap(valid: &[bool]) -> Vec<u8> {
    let mut bits = vec![0u8; valid.len().div_ceil(8)];
    for (i, v) in valid.iter().enumerate() {
        bits[i / 8] |= u8::from(*v) << (i % 8);
    }
    bits
}

/// Decimal text as the CSV reader reads it (`"1,200.50"`, `"3.5万"` too).
fn parse_value(text: &str) -> Option<Decimal> {
    let t = text.trim();
    Decimal::from_str(t)
        .ok()
        .or_else(|| salesplan::parse_amount(t).ok())
}

/// Days since 1970-01-01, borrowed or made, and the rows that have one
/// when this reader made them.
type Days<'a> = (std::borrow::Cow<'a, [i32]>, Option<Vec<u8>>);

/// The dates of one batch as days since 1970-01-01.
fn batch_days(array: &dyn Array) -> Result<Days<'_>, CoreError> {
    if let DataType::Date32 = array.data_type() {
        let days = array
            .as_primitive::<arrow_array::types::Date32Type>()
            .values();
        return Ok((std::borrow::Cow::Borrowed(days), None));
    }
    let mut out = Vec::with_capacity(array.len());
    push_days(&mut out, array)?;
    let ok: Vec<bool> = out.iter().map(Option::is_some).collect();
    let days = out.into_iter().map(|d| d.unwrap_or(0)).collect();
    Ok((std::borrow::Cow::Owned(days), Some(bitmap(&ok))))
}

/// Reads actuals from an Arrow stream: `date`, `measure`, `value` and one
/// tag column per other column, batch by batch, reading dictionary keys,
/// `date32` days and `decimal128` mantissas where they lie.
pub(crate) fn actuals_from_table(
    py: Python<'_>,
    table: &Table,
    known_measure: &(dyn Fn(&str) -> bool + Sync),
    mode: LoadMode,
) -> Result<LoadReport, CoreError> {
    let (date, measure, value) = (
        table.position("date")?,
        table.position("measure")?,
        table.position("value")?,
    );
    let fields = table.schema.fields();
    let tag_positions: Vec<usize> = (0..fields.len())
        .filter(|i| ![date, measure, value].contains(i))
        .collect();
    py.detach(|| {
        let mut builder = ActualsBuilder::new(known_measure, mode);
        builder.reserve(table.batches.iter().map(|b| b.num_rows()).sum());
        for batch in &table.batches {
            let dates = batch.column(date).as_ref();
            let (days, day_bits) = batch_days(dates)?;
            let measures = batch.column(measure).as_ref();
            let measure_keys = TextKeys::new("measure", measures)?;
            let values = batch.column(value).as_ref();
            let value_keys = ValueKeys::new(values)?;
            let tag_keys = tag_positions
                .iter()
                .map(|&i| TextKeys::new(fields[i].name(), batch.column(i).as_ref()))
                .collect::<Result<Vec<_>, _>>()?;
            let days_validity = match &day_bits {
                Some(bits) => Validity::new(bits, 0, days.len()),
                None => validity(dates),
            };
            let columns = Batch {
                days: &days,
                days_validity,
                measures: measure_keys.column(measures),
                values: value_keys.column(),
                values_validity: value_keys.validity(values),
                tags: tag_positions
                    .iter()
                    .zip(&tag_keys)
                    .map(|(&i, t)| {
                        (
                            fields[i].name().as_str(),
                            t.column(batch.column(i).as_ref()),
                        )
                    })
                    .collect(),
            };
            builder.append(&columns).map_err(CoreError)?;
        }
        builder.finish().map_err(CoreError)
    })
}
