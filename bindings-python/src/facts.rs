//! The facts of `RuleSet` contexts as they come from Python: a column per
//! fact (numpy arrays read in place, an Arrow table's columns, lists of
//! Python values) and single values, each read as its fact's kind.

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Decimal128Type, Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type,
    UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::Array;
use arrow_schema::DataType;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyString, PyType};
use rust_decimal::Decimal;
use salesplan::adjust::{Fact, FactValue, FACT_WORDS};
use salesplan::units::plain_decimal;

use crate::arrow::{invalid, strings, StrAt};
use crate::errors::CoreError;
use crate::numbers::from_f64;

/// `decimal.Decimal`, imported once.
static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The name of a fact or a cell for an error, made only for one.
pub(crate) type Name<'a> = &'a dyn Fn() -> String;

/// One fact's column as it came from Python.
pub(crate) enum Column<'py> {
    Floats(&'py [f64]),
    Ints(&'py [i64]),
    Values(Vec<Bound<'py, PyAny>>),
}

impl<'py> Column<'py> {
    pub(crate) fn from_python(column: &'py Bound<'py, PyAny>, slot: &Fact) -> PyResult<Self> {
        if column.is_none() {
            return Err(invalid("facts", format!("no column {slot}")).into());
        }
        if !slot.is_text() {
            if let Some(floats) = numpy::<f64>(column, "<f8")? {
                return Ok(Column::Floats(floats));
            }
            if let Some(ints) = numpy::<i64>(column, "<i8")? {
                return Ok(Column::Ints(ints));
            }
        }
        let values = column.try_iter()?.collect::<PyResult<Vec<_>>>()?;
        Ok(Column::Values(values))
    }

    pub(crate) fn len(&self) -> usize {
        match self {
            Column::Floats(v) => v.len(),
            Column::Ints(v) => v.len(),
            Column::Values(v) => v.len(),
        }
    }

    pub(crate) fn at(&self, row: usize, slot: &Fact) -> PyResult<FactValue> {
        Ok(match self {
            Column::Floats(v) => number(from_f64(v[row])),
            Column::Ints(v) => FactValue::Num(Decimal::from(v[row])),
            Column::Values(v) => {
                python_fact(&|| format!("{slot}[{row}]"), slot.is_text(), &v[row])?
            }
        })
    }
}

fn number(d: Option<Decimal>) -> FactValue {
    d.map_or(FactValue::Missing, FactValue::Num)
}

/// A 1-D contiguous numpy array of `typestr` as a slice, or `None` for
/// anything else. The GIL stays held (the slice lives no longer than the
/// borrow of `obj`), so no Python code changes the array meanwhile.
fn numpy<'a, T>(obj: &'a Bound<'_, PyAny>, typestr: &str) -> PyResult<Option<&'a [T]>> {
    let Ok(interface) = obj.getattr("__array_interface__") else {
        return Ok(None);
    };
    let Ok(interface) = interface.cast_into::<PyDict>() else {
        return Ok(None);
    };
    let item = |k: &str| interface.get_item(k);
    let found: Option<String> = item("typestr")?.map(|t| t.extract()).transpose()?;
    if found.as_deref() != Some(typestr) {
        return Ok(None);
    }
    let shape: Vec<usize> = match item("shape")? {
        Some(shape) => shape.extract()?,
        None => return Ok(None),
    };
    let strided = item("strides")?.is_some_and(|s| !s.is_none());
    if shape.len() != 1 || strided {
        return Ok(None);
    }
    let Some(data) = item("data")? else {
        return Ok(None);
    };
    let (address, _readonly): (usize, bool) = data.extract()?;
    if shape[0] == 0 {
        return Ok(Some(&[]));
    }
    if address == 0 || address % std::mem::align_of::<T>() != 0 {
        return Ok(None);
    }
    // SAFETY: numpy's interface: `shape[0]` contiguous, aligned items of
    // `typestr` (checked) at `address`, alive as long as `obj` is.
    Ok(Some(unsafe {
        std::slice::from_raw_parts(address as *const T, shape[0])
    }))
}

/// One fact's value from a Python object (`name` for errors): for a
/// number `Decimal`, `int`, `float` (the shortest decimal that gives it
/// back; NaN and the infinities are no value) or a decimal `str`; for a
/// text one of the words; `None` (or a float NaN, as pandas writes a
/// missing text) for no value.
pub(crate) fn python_fact(
    name: Name<'_>,
    text: bool,
    value: &Bound<'_, PyAny>,
) -> PyResult<FactValue> {
    if value.is_none() {
        return Ok(FactValue::Missing);
    }
    if let Ok(x) = value.cast::<pyo3::types::PyFloat>() {
        let x = x.value();
        if text && !x.is_nan() {
            return Err(invalid(
                "facts",
                format!("{}: expected a word or None, found float", name()),
            )
            .into());
        }
        return Ok(number(from_f64(x)));
    }
    if text {
        let word: String = value.extract().map_err(|_| {
            let found = type_name(value);
            invalid(
                "facts",
                format!("{}: expected a word or None, found {found}", name()),
            )
        })?;
        return word_fact(name, &word).map_err(Into::into);
    }
    if value.is_instance_of::<pyo3::types::PyBool>() {
        return Err(invalid(
            "facts",
            format!("{}: expected a number, found bool", name()),
        )
        .into());
    }
    if let Ok(i) = value.extract::<i64>() {
        return Ok(FactValue::Num(Decimal::from(i)));
    }
    let decimal = DECIMAL.import(value.py(), "decimal", "Decimal")?;
    let is_text = value.is_instance_of::<PyString>();
    if !is_text && !value.is_instance(decimal)? {
        let found = type_name(value);
        let message = format!(
            "{}: expected a Decimal, int, float or None, found {found}",
            name()
        );
        return Err(invalid("facts", message).into());
    }
    // A Decimal in plain digits (`format(d, "f")`: never `1E-7`).
    let text = if is_text {
        value.str()?
    } else {
        value
            .call_method1("__format__", ("f",))?
            .cast_into::<PyString>()?
    };
    let text = text.to_cow()?;
    match &*text {
        // Decimal("NaN") and the infinities are no value, as for floats.
        "NaN" | "-NaN" | "sNaN" | "-sNaN" | "Infinity" | "-Infinity" if !is_text => {
            return Ok(FactValue::Missing)
        }
        _ => {}
    }
    plain_decimal(&text).map(FactValue::Num).ok_or_else(|| {
        invalid(
            "facts",
            format!("{}: {text:?} is not a decimal number", name()),
        )
        .into()
    })
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map_or_else(|_| "?".into(), |n| n.to_string())
}

fn word_fact(name: Name<'_>, word: &str) -> Result<FactValue, CoreError> {
    FactValue::word(word).ok_or_else(|| {
        invalid(
            "facts",
            format!(
                "{}: {word:?} is not one of {}",
                name(),
                FACT_WORDS.join(", ")
            ),
        )
    })
}

/// Refuses an Arrow column that cannot hold the fact.
pub(crate) fn check_arrow(name: &str, text: bool, found: &DataType) -> Result<(), CoreError> {
    let fits = if text {
        matches!(
            found,
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Null
        ) || matches!(found, DataType::Dictionary(_, v) if matches!(**v, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View))
    } else {
        found.is_integer()
            || matches!(
                found,
                DataType::Float32 | DataType::Float64 | DataType::Decimal128(..) | DataType::Null
            )
    };
    if fits {
        return Ok(());
    }
    let expected = if text {
        "a string column"
    } else {
        "float, integer or decimal128"
    };
    Err(crate::arrow::wrong_type(name, found, expected))
}

/// Reads the facts of one Arrow column that `check_arrow` let by.
pub(crate) enum Reader<'a> {
    Numbers(&'a dyn Array),
    Texts(&'a dyn Array, Option<StrAt<'a>>),
    Dictionary(&'a dyn Array, Vec<usize>, Option<StrAt<'a>>),
}

impl<'a> Reader<'a> {
    pub(crate) fn new(array: &'a dyn Array) -> Reader<'a> {
        match array.data_type() {
            DataType::Dictionary(..) => {
                let dictionary = array.as_any_dictionary();
                let keys = dictionary.normalized_keys();
                Reader::Dictionary(array, keys, strings(dictionary.values().as_ref()))
            }
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => {
                Reader::Texts(array, strings(array))
            }
            _ => Reader::Numbers(array),
        }
    }

    pub(crate) fn at(&self, row: usize, slot: &Fact) -> Result<FactValue, CoreError> {
        let word = |at: &Option<StrAt<'a>>, i: usize| match at.as_ref().and_then(|at| at(i)) {
            Some(word) => word_fact(&|| format!("{slot}[{row}]"), word),
            None => Ok(FactValue::Missing),
        };
        match self {
            Reader::Numbers(array) => arrow_number(*array, row, slot),
            Reader::Texts(array, at) if array.is_valid(row) => word(at, row),
            Reader::Dictionary(array, keys, at) if array.is_valid(row) => word(at, keys[row]),
            _ => Ok(FactValue::Missing),
        }
    }
}

/// A decimal128 value: its mantissa at its column's scale, with trailing
/// zeros dropped where the mantissa is too wide for a decimal (a column
/// of scale 28 holds `12.5` as 125 followed by 27 zeros); exact, or none.
fn decimal128(mut mantissa: i128, scale: i8) -> Option<Decimal> {
    let mut scale = i32::from(scale);
    if scale < 0 {
        mantissa = mantissa.checked_mul(10i128.checked_pow(scale.unsigned_abs())?)?;
        scale = 0;
    }
    loop {
        if scale <= 28 {
            if let Ok(d) = Decimal::try_from_i128_with_scale(mantissa, scale as u32) {
                return Some(d);
            }
        }
        if scale == 0 || mantissa % 10 != 0 {
            return None;
        }
        mantissa /= 10;
        scale -= 1;
    }
}

/// One number from row `row` of a numeric Arrow array.
fn arrow_number(array: &dyn Array, row: usize, slot: &Fact) -> Result<FactValue, CoreError> {
    if array.is_null(row) {
        return Ok(FactValue::Missing);
    }
    let int = |v: i64| Ok(FactValue::Num(Decimal::from(v)));
    match array.data_type() {
        DataType::Float64 => Ok(number(from_f64(
            array.as_primitive::<Float64Type>().value(row),
        ))),
        DataType::Float32 => {
            // The shortest decimal that gives the float32 back: its text.
            let x = array.as_primitive::<Float32Type>().value(row);
            Ok(number(
                x.is_finite().then(|| format!("{x}").parse().ok()).flatten(),
            ))
        }
        DataType::Int8 => int(array.as_primitive::<Int8Type>().value(row).into()),
        DataType::Int16 => int(array.as_primitive::<Int16Type>().value(row).into()),
        DataType::Int32 => int(array.as_primitive::<Int32Type>().value(row).into()),
        DataType::Int64 => int(array.as_primitive::<Int64Type>().value(row)),
        DataType::UInt8 => int(array.as_primitive::<UInt8Type>().value(row).into()),
        DataType::UInt16 => int(array.as_primitive::<UInt16Type>().value(row).into()),
        DataType::UInt32 => int(array.as_primitive::<UInt32Type>().value(row).into()),
        DataType::UInt64 => Ok(FactValue::Num(Decimal::from(
            array.as_primitive::<UInt64Type>().value(row),
        ))),
        DataType::Decimal128(_, scale) => {
            let v = array.as_primitive::<Decimal128Type>().value(row);
            decimal128(v, *scale)
                .map(FactValue::Num)
                .ok_or_else(|| invalid("facts", format!("{slot}[{row}]: a decimal out of range")))
        }
        _ => Ok(FactValue::Missing),
    }
}
