//! Typed Python values made straight from the core's results, without JSON
//! text in between: `decimal.Decimal` from a decimal's exact digits, `None`
//! for no value, `str`, and `float64` columns as raw bytes that numpy views
//! (`np.frombuffer`).
//!
//! A `decimal.Decimal` costs a few hundred nanoseconds to make, far more
//! than anything else here, so a [`Values`] makes each distinct decimal
//! (same digits and same scale: `1.5` and `1.50` stay apart) once and hands
//! out the same immutable object again, and keeps one `str` per distinct
//! text.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyString, PyType};
use rust_decimal::Decimal;

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// A hasher for keys that are already well mixed integers (a decimal's
/// 16 bytes, a text's address): one multiply, no SipHash rounds.
#[derive(Default)]
pub(crate) struct MixHasher(u64);

impl Hasher for MixHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(23) ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn write_u128(&mut self, n: u128) {
        self.write_u64(n as u64);
        self.write_u64((n >> 64) as u64);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

type Mix = BuildHasherDefault<MixHasher>;

/// Makes the Python values of one conversion, sharing equal ones.
pub(crate) struct Values<'py, 'a> {
    py: Python<'py>,
    decimal: Bound<'py, PyType>,
    share: bool,
    decimals: HashMap<u128, Bound<'py, PyAny>, Mix>,
    strings: HashMap<&'a str, Bound<'py, PyString>>,
}

impl<'py, 'a> Values<'py, 'a> {
    /// Values that share equal decimals and texts: for many results.
    pub(crate) fn new(py: Python<'py>) -> PyResult<Self> {
        Ok(Values {
            py,
            decimal: DECIMAL.import(py, "decimal", "Decimal")?.clone(),
            share: true,
            decimals: HashMap::default(),
            strings: HashMap::new(),
        })
    }

    /// Values made afresh each: for one result, where looking for equal
    /// ones costs more than it saves.
    pub(crate) fn unshared(py: Python<'py>) -> PyResult<Self> {
        Ok(Values {
            share: false,
            ..Values::new(py)?
        })
    }

    pub(crate) fn py(&self) -> Python<'py> {
        self.py
    }

    /// `decimal.Decimal` of the exact digits and scale (what
    /// `Decimal(str(d))` gives).
    pub(crate) fn decimal(&mut self, d: Decimal) -> PyResult<Bound<'py, PyAny>> {
        let mut text = [0u8; TEXT];
        if !self.share {
            let text = decimal_text(d, &mut text);
            return self.decimal.call1((PyString::new(self.py, text),));
        }
        let key = u128::from_le_bytes(d.serialize());
        if let Some(found) = self.decimals.get(&key) {
            return Ok(found.clone());
        }
        let text = decimal_text(d, &mut text);
        let made = self.decimal.call1((PyString::new(self.py, text),))?;
        self.decimals.insert(key, made.clone());
        Ok(made)
    }

    /// A decimal, or `None`.
    pub(crate) fn opt(&mut self, d: Option<Decimal>) -> PyResult<Bound<'py, PyAny>> {
        match d {
            Some(d) => self.decimal(d),
            None => Ok(self.py.None().into_bound(self.py)),
        }
    }

    /// One `str` per distinct text.
    pub(crate) fn str(&mut self, text: &'a str) -> Bound<'py, PyString> {
        if !self.share {
            return PyString::new(self.py, text);
        }
        self.strings
            .entry(text)
            .or_insert_with(|| PyString::new(self.py, text))
            .clone()
    }
}

/// Room for a decimal's text: a sign, 29 digits, a point and a leading
/// zero.
const TEXT: usize = 40;

/// A decimal's text as its `Display` writes it (`-` for any negative sign,
/// at least one digit before the point, `scale` digits after it), without
/// the formatting machinery; most mantissas are divided as a `u64`.
fn decimal_text(d: Decimal, out: &mut [u8; TEXT]) -> &str {
    let scale = d.scale() as usize;
    let mut digits = [b'0'; TEXT];
    let mut n = 0;
    let mantissa = d.mantissa().unsigned_abs();
    if let Ok(mut m) = u64::try_from(mantissa) {
        while m != 0 {
            digits[n] = b'0' + (m % 10) as u8;
            m /= 10;
            n += 1;
        }
    } else {
        let mut m = mantissa;
        while m != 0 {
            digits[n] = b'0' + (m % 10) as u8;
            m /= 10;
            n += 1;
        }
    }
    // Zeros are already there: at least one digit before the point.
    let n = n.max(scale + 1);
    let mut len = 0;
    if d.is_sign_negative() {
        out[0] = b'-';
        len = 1;
    }
    for i in (scale..n).rev() {
        out[len] = digits[i];
        len += 1;
    }
    if scale > 0 {
        out[len] = b'.';
        len += 1;
        for i in (0..scale).rev() {
            out[len] = digits[i];
            len += 1;
        }
    }
    // Only ASCII digits, a sign and a point were written.
    std::str::from_utf8(&out[..len]).unwrap_or_default()
}

/// `f64`s as raw native-endian bytes, for `np.frombuffer(..., "float64")`.
pub(crate) fn float64_bytes<'py>(
    py: Python<'py>,
    values: impl ExactSizeIterator<Item = f64>,
) -> PyResult<Bound<'py, PyBytes>> {
    PyBytes::new_with(py, values.len() * 8, |buf| {
        for (chunk, v) in buf.chunks_exact_mut(8).zip(values) {
            chunk.copy_from_slice(&v.to_ne_bytes());
        }
        Ok(())
    })
}

/// Optional decimals as `f64`s, `NaN` for none.
pub(crate) fn floats<'py>(
    py: Python<'py>,
    values: impl ExactSizeIterator<Item = Option<Decimal>>,
) -> PyResult<Bound<'py, PyBytes>> {
    float64_bytes(
        py,
        values.map(|v| v.map_or(f64::NAN, crate::numbers::to_f64)),
    )
}
