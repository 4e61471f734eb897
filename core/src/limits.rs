//! The largest input this library reads. Beyond any of these, reading stops
//! with [`Error::LimitExceeded`](crate::Error::LimitExceeded) (code
//! `limit_exceeded`) before the input can cost more memory or stack than a
//! browser tab or a notebook has, and before a deep document can exhaust
//! the stack of a recursive reader.
//!
//! | limit | value | why |
//! |---|---|---|
//! | a JSON document (plan, pipeline, options) | 64 MiB | a full plan is tens of KiB; a thousand times that is still one read |
//! | actuals text (CSV or JSON) | 1 GiB | millions of rows fit; a JSON array of that size already takes several GiB as values |
//! | actuals rows | 100,000,000 | about 3 GB in memory at ~30 bytes a row, most of what a 32-bit WebAssembly memory can hold; roll larger data up first |
//! | nesting of arrays and objects | 64 levels | the deepest document nests about ten; readers recurse once a level, and WebAssembly's stack is 1 MiB |
//! | one string, key or CSV cell | 64 KiB | names, ids and descriptions are short; a longer cell is almost always a broken quote that swallowed the rest of a file |
//!
//! Rule conditions and KPI formulas have bounds of their own, where they are
//! read: at most 256 tokens and 32 levels of parentheses and brackets
//! ([`crate::rules::condition::MAX_TOKENS`], [`crate::formula::MAX_TOKENS`]).

/// The largest JSON document (plan, pipeline, options), in bytes.
pub const MAX_DOCUMENT_BYTES: usize = 64 * 1024 * 1024;

/// The largest actuals text (CSV or JSON), in bytes.
pub const MAX_ACTUALS_BYTES: usize = 1024 * 1024 * 1024;

/// The most rows of actuals one load reads.
pub const MAX_ACTUALS_ROWS: usize = 100_000_000;

/// The deepest nesting of arrays and objects in a JSON document.
pub const MAX_DEPTH: usize = 64;

/// The longest string, object key or CSV cell, in bytes (UTF-8).
pub const MAX_STRING_BYTES: usize = 64 * 1024;

/// The limits a reader applies; the constants above, or smaller ones in
/// tests that cannot afford to build input of the real size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limits {
    pub(crate) bytes: usize,
    pub(crate) rows: usize,
    pub(crate) depth: usize,
    pub(crate) string: usize,
}

impl Limits {
    /// The limits of a JSON document.
    pub(crate) const DOCUMENT: Limits = Limits {
        bytes: MAX_DOCUMENT_BYTES,
        rows: MAX_ACTUALS_ROWS,
        depth: MAX_DEPTH,
        string: MAX_STRING_BYTES,
    };

    /// The limits of actuals text.
    pub(crate) const ACTUALS: Limits = Limits {
        bytes: MAX_ACTUALS_BYTES,
        ..Limits::DOCUMENT
    };

    /// The error for a text longer than `self.bytes`, if it is.
    pub(crate) fn check_size(
        &self,
        what: &str,
        len: usize,
        path: Option<&str>,
    ) -> crate::Result<()> {
        if len > self.bytes {
            return Err(crate::Error::LimitExceeded {
                path: path.map(str::to_owned),
                message: format!(
                    "{what} of {len} bytes is larger than the limit of {} bytes",
                    self.bytes
                ),
            });
        }
        Ok(())
    }
}
