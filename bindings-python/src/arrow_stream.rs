//! Reading an Arrow C stream (`ArrowArrayStream`) into record batches whose
//! buffers are aligned for their types. Arrow data that arrives over IPC —
//! a Spark `toArrow()` or `mapInArrow` batch, say — may have buffers at any
//! address; `arrow-array`'s own stream reader builds arrays from them
//! directly and panics on a misaligned decimal or integer buffer. Here each
//! batch is imported as raw array data first, and a buffer that is not
//! aligned is copied to one that is (an aligned one is taken as it is).

use std::ffi::CStr;
use std::sync::Arc;

use arrow_array::ffi::{from_ffi_and_data_type, FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::{RecordBatch, StructArray};
use arrow_schema::{ArrowError, DataType, Schema, SchemaRef};

/// Every batch of `stream`, and its schema.
pub(crate) fn read(
    mut stream: FFI_ArrowArrayStream,
) -> Result<(SchemaRef, Vec<RecordBatch>), ArrowError> {
    let missing = || ArrowError::CDataInterface("the stream is released or incomplete".into());
    let (Some(get_schema), Some(get_next), Some(_)) =
        (stream.get_schema, stream.get_next, stream.release)
    else {
        return Err(missing());
    };
    let mut ffi_schema = FFI_ArrowSchema::empty();
    // SAFETY: `stream` is a live stream (its release callback is set), and
    // `get_schema` writes a schema it owns into `ffi_schema`.
    let code = unsafe { get_schema(&mut stream, &mut ffi_schema) };
    if code != 0 {
        return Err(last_error(&mut stream, code));
    }
    let schema: SchemaRef = Arc::new(Schema::try_from(&ffi_schema)?);
    let struct_type = DataType::Struct(schema.fields().clone());
    let mut batches = Vec::new();
    loop {
        let mut array = FFI_ArrowArray::empty();
        // SAFETY: as above; `get_next` writes the next array, or a released
        // one at the end of the stream.
        let code = unsafe { get_next(&mut stream, &mut array) };
        if code != 0 {
            return Err(last_error(&mut stream, code));
        }
        if array.is_released() {
            return Ok((schema, batches));
        }
        // SAFETY: the array is a struct of the stream's schema, as the C
        // stream interface promises; the data is checked by the import.
        let mut data = unsafe { from_ffi_and_data_type(array, struct_type.clone())? };
        data.align_buffers();
        let columns = StructArray::from(data).into_parts().1;
        batches.push(RecordBatch::try_new(schema.clone(), columns)?);
    }
}

/// The stream's own account of error `code`.
fn last_error(stream: &mut FFI_ArrowArrayStream, code: i32) -> ArrowError {
    let told = stream.get_last_error.and_then(|get| {
        // SAFETY: the stream is live; the message it returns is valid until
        // its next call, and is copied here at once.
        let text = unsafe { get(stream) };
        (!text.is_null()).then(|| {
            unsafe { CStr::from_ptr(text) }
                .to_string_lossy()
                .into_owned()
        })
    });
    ArrowError::CDataInterface(
        told.unwrap_or_else(|| format!("the stream failed with code {code}")),
    )
}
