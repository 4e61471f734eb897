//! Arrow arrays out, through the Arrow PyCapsule interface: an
//! [`ArrowArray`] has `__arrow_c_array__`, so `pyarrow.array(obj)` (or any
//! reader of the interface) takes its buffers without a Python object per
//! value. Text columns of the results go to pandas this way when its `str`
//! dtype is Arrow-backed (pandas 3): a `list` of `str` costs far more there.

use std::sync::Arc;

use arrow_array::{Array, ArrayRef, LargeStringArray};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

/// One Arrow array, exported when asked.
#[pyclass(frozen, module = "salesplan._native", name = "ArrowArray")]
pub(crate) struct ArrowArray {
    array: ArrayRef,
}

impl ArrowArray {
    /// A `large_string` array of the texts (`None`: null).
    pub(crate) fn texts<'a>(texts: impl Iterator<Item = Option<&'a str>>) -> Self {
        ArrowArray {
            array: Arc::new(texts.collect::<LargeStringArray>()),
        }
    }
}

#[pymethods]
impl ArrowArray {
    /// The Arrow PyCapsule interface: the schema and the array as the
    /// capsules `arrow_schema` and `arrow_array`. A requested schema is
    /// not honoured (the consumer casts).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_array__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<(Bound<'py, PyCapsule>, Bound<'py, PyCapsule>)> {
        let _ = requested_schema;
        let (array, schema) = arrow_array::ffi::to_ffi(&self.array.to_data())
            .map_err(|e| PyValueError::new_err(format!("Arrow export failed: {e}")))?;
        // The consumer moves the structs out of the capsules (leaving them
        // released); a capsule never consumed releases its struct on drop.
        let schema = PyCapsule::new_with_value(py, schema, c"arrow_schema")?;
        let array = PyCapsule::new_with_value(py, array, c"arrow_array")?;
        Ok((schema, array))
    }

    fn __len__(&self) -> usize {
        self.array.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "ArrowArray(type={}, length={})",
            self.array.data_type(),
            self.array.len()
        )
    }
}
