//! PDF files.

use super::ReadError;
use crate::source::Source;

/// Read a PDF's text layer.
pub fn read(_name: &str, _bytes: &[u8]) -> Result<Source, ReadError> {
    Err(ReadError::Pdf("not yet supported".into()))
}
