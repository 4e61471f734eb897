//! Arrow tables in: the Arrow PyCapsule interface (`__arrow_c_stream__`)
//! read with `arrow-array`, and text columns dictionary-encoded across
//! batches. `columns.rs` turns a table into actuals, `rollup.rs` hands its
//! buffers to the roll-up kernel.

use arrow_array::cast::AsArray;
use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::{Array, RecordBatch};
use arrow_schema::{DataType, SchemaRef};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

use crate::errors::CoreError;

/// An `InvalidArgumentError` about the table given as `name`.
pub(crate) fn invalid(name: &str, message: String) -> CoreError {
    CoreError(salesplan::Error::InvalidArgument {
        name: name.into(),
        message,
    })
}

/// Every batch of an Arrow stream, and its schema.
pub(crate) struct Table {
    pub(crate) schema: SchemaRef,
    pub(crate) batches: Vec<RecordBatch>,
}

impl Table {
    /// Takes the stream out of a capsule named `arrow_array_stream` (the
    /// capsule is left holding a released stream) and reads every batch.
    pub(crate) fn from_capsule(capsule: &Bound<'_, PyCapsule>) -> Result<Table, CoreError> {
        let pointer = capsule
            .pointer_checked(Some(c"arrow_array_stream"))
            .map_err(|_| {
                invalid(
                    "source",
                    "expected the capsule of __arrow_c_stream__() (named \"arrow_array_stream\")"
                        .into(),
                )
            })?;
        // SAFETY: a capsule with this name holds an `ArrowArrayStream` (the
        // Arrow PyCapsule interface); `from_raw` moves it out and leaves an
        // empty one, which the capsule's destructor does not release again.
        let stream = unsafe { FFI_ArrowArrayStream::from_raw(pointer.as_ptr().cast()) };
        let (schema, batches) = crate::arrow_stream::read(stream)
            .map_err(|e| invalid("source", format!("Arrow stream: {e}")))?;
        Ok(Table { schema, batches })
    }

    /// The position of column `name`, or an error naming it.
    pub(crate) fn position(&self, name: &str) -> Result<usize, CoreError> {
        self.schema.index_of(name).map_err(|_| {
            let names: Vec<&str> = self
                .schema
                .fields()
                .iter()
                .map(|f| f.name().as_str())
                .collect();
            invalid("source", format!("no column `{name}` (columns: {names:?})"))
        })
    }
}

pub(crate) fn wrong_type(column: &str, found: &DataType, expected: &str) -> CoreError {
    invalid(
        "source",
        format!("column `{column}` is {found}; expected {expected}"),
    )
}

/// Strings of a utf8, large_utf8 or utf8view array, by row.
pub(crate) type StrAt<'a> = Box<dyn Fn(usize) -> Option<&'a str> + 'a>;

pub(crate) fn strings(array: &dyn Array) -> Option<StrAt<'_>> {
    if let Some(a) = array.as_string_opt::<i32>() {
        return Some(Box::new(move |i| a.is_valid(i).then(|| a.value(i))));
    }
    if let Some(a) = array.as_string_opt::<i64>() {
        return Some(Box::new(move |i| a.is_valid(i).then(|| a.value(i))));
    }
    let a = array.as_string_view_opt()?;
    Some(Box::new(move |i| a.is_valid(i).then(|| a.value(i))))
}
