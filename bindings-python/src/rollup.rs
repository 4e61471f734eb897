//! The exact roll-up kernel ([`salesplan::actuals::rollup`]) over columns
//! that cross without copying: an Arrow stream's buffers, or numpy arrays
//! read through `__array_interface__`. Results go back as raw `int64`
//! bytes that numpy views (`np.frombuffer`), never as a Python object per
//! cell.

use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyCapsule, PyDict};
use rust_decimal::Decimal;
use salesplan::actuals::rollup::{rollup_by_month, MonthlyRollup, ATTAINMENT_DECIMALS};

use crate::arrow::{invalid, Table};
use crate::errors::CoreError;

/// Month names, sums (`int64` minor units, key-major), and when quotas were
/// given attainment (`int64` basis points) and a mask (`1` where the quota
/// is zero).
type Output<'py> = (
    Vec<String>,
    Bound<'py, PyBytes>,
    Option<(Bound<'py, PyBytes>, Bound<'py, PyBytes>)>,
);

fn date(name: &str, text: &str) -> Result<NaiveDate, CoreError> {
    crate::options::day(name, text)
}

/// A 1-D, C-contiguous numpy array (anything with `__array_interface__`)
/// of `typestr` as a slice. The object stays referenced, and the GIL held,
/// while the slice is read.
fn array<'a, T>(obj: &'a Bound<'_, PyAny>, name: &str, typestr: &str) -> PyResult<&'a [T]> {
    let interface = obj.getattr("__array_interface__")?.cast_into::<PyDict>()?;
    let item = |k: &str| -> PyResult<Bound<'_, PyAny>> {
        interface
            .get_item(k)?
            .ok_or_else(|| invalid(name, format!("__array_interface__ has no {k:?}")).into())
    };
    let found: String = item("typestr")?.extract()?;
    if found != typestr {
        return Err(invalid(name, format!("dtype {found}; expected {typestr}")).into());
    }
    let shape: Vec<usize> = item("shape")?.extract()?;
    let strides = interface.get_item("strides")?;
    if shape.len() != 1 || strides.is_some_and(|s| !s.is_none()) {
        return Err(invalid(name, "expected a 1-D contiguous array".into()).into());
    }
    let (address, _readonly): (usize, bool) = item("data")?.extract()?;
    if shape[0] == 0 {
        return Ok(&[]);
    }
    if address == 0 || address % std::mem::align_of::<T>() != 0 {
        return Err(invalid(name, "the array's data is not aligned".into()).into());
    }
    // SAFETY: numpy's interface: `shape[0]` contiguous, aligned items of
    // `typestr` (checked) at `address`, alive as long as `obj` is; the GIL
    // stays held, so no Python code changes them meanwhile.
    Ok(unsafe { std::slice::from_raw_parts(address as *const T, shape[0]) })
}

fn int64_bytes<'py>(py: Python<'py>, values: &[i64]) -> PyResult<Bound<'py, PyBytes>> {
    PyBytes::new_with(py, values.len() * 8, |buf| {
        for (chunk, v) in buf.chunks_exact_mut(8).zip(values) {
            chunk.copy_from_slice(&v.to_ne_bytes());
        }
        Ok(())
    })
}

fn units(value: Decimal, scale: u32, what: &str) -> Result<i64, CoreError> {
    let mut v = value;
    v.rescale(scale);
    i64::try_from(v.mantissa())
        .map_err(|_| invalid(what, format!("{value} does not fit in int64 units")))
}

fn output<'py>(
    py: Python<'py>,
    rollup: &MonthlyRollup,
    quotas: Option<&[i64]>,
) -> PyResult<Output<'py>> {
    let scale = rollup.scale();
    let months = rollup.months().iter().map(ToString::to_string).collect();
    let sums = rollup
        .sums()
        .iter()
        .map(|&s| units(s, scale, "amount"))
        .collect::<Result<Vec<_>, _>>()?;
    let attainment = match quotas {
        None => None,
        Some(q) => {
            let q: Vec<Decimal> = q.iter().map(|&c| Decimal::new(c, scale)).collect();
            let a = rollup.attainment(&q).map_err(CoreError)?;
            let bp = a
                .iter()
                .map(|v| v.map_or(Ok(0), |v| units(v, ATTAINMENT_DECIMALS, "quotas")))
                .collect::<Result<Vec<_>, _>>()?;
            let mask: Vec<u8> = a.iter().map(|v| u8::from(v.is_none())).collect();
            Some((int64_bytes(py, &bp)?, PyBytes::new(py, &mask)))
        }
    };
    Ok((months, int64_bytes(py, &sums)?, attainment))
}

/// `key_count`, or one more than the largest key.
fn count(key_count: Option<usize>, keys: &[u32]) -> usize {
    key_count.unwrap_or_else(|| keys.iter().max().map_or(0, |&k| k as usize + 1))
}

/// Rolls up numpy arrays: `keys` uint32, `days` int32 (days since
/// 1970-01-01), `amounts` int64 minor units with `scale` decimals;
/// `quotas` int64 minor units per cell, key-major.
#[pyfunction]
#[pyo3(signature = (keys, days, amounts, scale, start, end, key_count = None, quotas = None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn rollup_arrays<'py>(
    py: Python<'py>,
    keys: &Bound<'py, PyAny>,
    days: &Bound<'py, PyAny>,
    amounts: &Bound<'py, PyAny>,
    scale: u32,
    start: &str,
    end: &str,
    key_count: Option<usize>,
    quotas: Option<&Bound<'py, PyAny>>,
) -> PyResult<Output<'py>> {
    let (start, end) = (date("start", start)?, date("end", end)?);
    let keys = array::<u32>(keys, "keys", "<u4")?;
    let days = array::<i32>(days, "days", "<i4")?;
    let amounts = array::<i64>(amounts, "amounts", "<i8")?;
    let quotas = quotas
        .map(|q| array::<i64>(q, "quotas", "<i8"))
        .transpose()?;
    let n = count(key_count, keys);
    let rollup = rollup_by_month(n, keys, days, amounts, scale, start, end).map_err(CoreError)?;
    output(py, &rollup, quotas)
}

/// The only batch's column `name` (a table of several batches is refused:
/// rechunk it first), without nulls.
fn column<'t>(table: &'t Table, name: &str) -> Result<&'t dyn arrow_array::Array, CoreError> {
    let i = table.position(name)?;
    let batch = match table.batches.as_slice() {
        [one] => one,
        [] => return Err(invalid("source", "the table has no batch".into())),
        many => {
            let msg = format!("{} batches; combine them into one (rechunk)", many.len());
            return Err(invalid("source", msg));
        }
    };
    let array = batch.column(i).as_ref();
    if array.null_count() > 0 {
        return Err(invalid("source", format!("column `{name}` has nulls")));
    }
    Ok(array)
}

/// Rolls up an Arrow stream's columns `key` (uint32), `day` (date32 or
/// int32) and `amount` (int64 minor units with `scale` decimals).
#[pyfunction]
#[pyo3(signature = (stream, key, day, amount, scale, start, end, key_count = None, quotas = None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn rollup_arrow<'py>(
    py: Python<'py>,
    stream: &Bound<'py, PyCapsule>,
    key: &str,
    day: &str,
    amount: &str,
    scale: u32,
    start: &str,
    end: &str,
    key_count: Option<usize>,
    quotas: Option<&Bound<'py, PyAny>>,
) -> PyResult<Output<'py>> {
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Date32Type, Int32Type, Int64Type, UInt32Type};
    use arrow_schema::DataType;
    let (start, end) = (date("start", start)?, date("end", end)?);
    let quotas = quotas
        .map(|q| array::<i64>(q, "quotas", "<i8"))
        .transpose()?;
    let table = Table::from_capsule(stream)?;
    let wrong = |name: &str, a: &dyn arrow_array::Array, want: &str| {
        invalid(
            "source",
            format!("column `{name}` is {}; expected {want}", a.data_type()),
        )
    };
    let k = column(&table, key)?;
    let keys = k
        .as_primitive_opt::<UInt32Type>()
        .ok_or_else(|| wrong(key, k, "uint32"))?;
    let d = column(&table, day)?;
    let days = match d.data_type() {
        DataType::Date32 => d.as_primitive::<Date32Type>().values().as_ref(),
        DataType::Int32 => d.as_primitive::<Int32Type>().values().as_ref(),
        _ => return Err(wrong(day, d, "date32 or int32").into()),
    };
    let a = column(&table, amount)?;
    let amounts = a
        .as_primitive_opt::<Int64Type>()
        .ok_or_else(|| wrong(amount, a, "int64"))?;
    let keys = keys.values().as_ref();
    let amounts = amounts.values().as_ref();
    let n = count(key_count, keys);
    let rollup = py
        .detach(|| rollup_by_month(n, keys, days, amounts, scale, start, end))
        .map_err(CoreError)?;
    output(py, &rollup, quotas)
}
