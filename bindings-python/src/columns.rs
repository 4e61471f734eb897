//! An Arrow table as the core's dictionary-encoded [`Columns`], then
//! [`Actuals::from_columns`]: no Python object per row.
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
use salesplan::actuals::{Actuals, Columns, LoadMode, LoadReport, ValueColumn};

use crate::arrow::{strings, wrong_type, Table, Text};
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

/// The value column as it is being read.
enum Values<'a> {
    Minor(Vec<Option<i128>>, u32),
    Float(Vec<Option<f64>>),
    Text(Text<'a>),
}

impl<'a> Values<'a> {
    fn new(data_type: &DataType) -> Result<Self, CoreError> {
        use DataType::*;
        Ok(match data_type {
            Decimal128(_, scale) => match u32::try_from(*scale) {
                Ok(scale) if scale <= 28 => Values::Minor(Vec::new(), scale),
                _ => return Err(wrong_type("value", data_type, "a scale from 0 to 28")),
            },
            Int8 | Int16 | Int32 | Int64 | UInt8 | UInt16 | UInt32 | UInt64 => {
                Values::Minor(Vec::new(), 0)
            }
            Float32 | Float64 | Null => Values::Float(Vec::new()),
            _ => Values::Text(Text::default()),
        })
    }

    fn push(&mut self, array: &'a dyn Array) -> Result<(), CoreError> {
        fn ints<T: ArrowPrimitiveType>(out: &mut Vec<Option<i128>>, a: &dyn Array)
        where
            i128: From<T::Native>,
        {
            out.extend(a.as_primitive::<T>().iter().map(|v| v.map(i128::from)));
        }
        match (self, array.data_type()) {
            (Values::Minor(out, _), DataType::Decimal128(..)) => {
                out.extend(array.as_primitive::<Decimal128Type>())
            }
            (Values::Minor(out, _), data_type) => match data_type {
                DataType::Int8 => ints::<Int8Type>(out, array),
                DataType::Int16 => ints::<Int16Type>(out, array),
                DataType::Int32 => ints::<Int32Type>(out, array),
                DataType::Int64 => ints::<Int64Type>(out, array),
                DataType::UInt8 => ints::<UInt8Type>(out, array),
                DataType::UInt16 => ints::<UInt16Type>(out, array),
                DataType::UInt32 => ints::<UInt32Type>(out, array),
                _ => ints::<UInt64Type>(out, array),
            },
            (Values::Float(out), DataType::Float64) => {
                out.extend(array.as_primitive::<Float64Type>())
            }
            (Values::Float(out), DataType::Float32) => out.extend(
                // Through the float32's shortest text, not its binary64 widening.
                array
                    .as_primitive::<Float32Type>()
                    .iter()
                    .map(|v| v.and_then(|v| v.to_string().parse::<f64>().ok())),
            ),
            (Values::Float(out), _) => out.extend(std::iter::repeat_n(None, array.len())),
            (Values::Text(text), _) => text.push("value", array).map_err(|_| {
                wrong_type(
                    "value",
                    array.data_type(),
                    "decimal128, an integer, a float or decimal text",
                )
            })?,
        }
        Ok(())
    }
}

/// Decimal text as the CSV reader reads it (`"1,200.50"`, `"3.5万"` too).
fn parse_value(text: &str) -> Option<Decimal> {
    let t = text.trim();
    Decimal::from_str(t)
        .ok()
        .or_else(|| salesplan::parse_amount(t).ok())
}

/// Reads actuals from an Arrow stream: `date`, `measure`, `value` and one
/// tag column per other column.
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
    let mut days = Vec::new();
    let mut measures = Text::default();
    let mut values = Values::new(fields[value].data_type())?;
    let tag_positions: Vec<usize> = (0..fields.len())
        .filter(|i| ![date, measure, value].contains(i))
        .collect();
    let mut tags: Vec<Text<'_>> = tag_positions.iter().map(|_| Text::default()).collect();
    for batch in &table.batches {
        push_days(&mut days, batch.column(date).as_ref())?;
        measures.push("measure", batch.column(measure).as_ref())?;
        values.push(batch.column(value).as_ref())?;
        for (text, &i) in tags.iter_mut().zip(&tag_positions) {
            text.push(fields[i].name(), batch.column(i).as_ref())?;
        }
    }
    let decimals: Vec<Option<Decimal>>;
    let value_column = match &values {
        Values::Minor(units, scale) => ValueColumn::Minor {
            units,
            scale: *scale,
        },
        Values::Float(floats) => ValueColumn::Float(floats),
        Values::Text(text) => {
            // Each distinct text is parsed once.
            let parsed: Vec<Option<Decimal>> = text.values.iter().map(|t| parse_value(t)).collect();
            decimals = text.codes.iter().map(|c| parsed[(*c)? as usize]).collect();
            ValueColumn::Decimal(&decimals)
        }
    };
    let columns = Columns {
        days: &days,
        measures: measures.column(),
        values: value_column,
        tags: tag_positions
            .iter()
            .zip(&tags)
            .map(|(&i, t)| (fields[i].name().as_str(), t.column()))
            .collect(),
    };
    py.detach(|| Actuals::from_columns(&columns, known_measure, mode))
        .map_err(CoreError)
}
