//! Failures that stop one file (or the whole run) from being linted. Findings are not errors:
//! they are [`crate::diagnostic::Diagnostic`]s.

use crate::read::ReadError;
use crate::source::DecodeError;

/// A file that could not be read or decoded. The run reports it and goes on with the others.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum FileError {
    #[error("{path}: {message}")]
    #[diagnostic(code(policy_lint::io))]
    Io { path: String, message: String },
    /// The reason is part of the message, not a cause below it: said once.
    #[error("{path}: {reason}")]
    #[diagnostic(code(policy_lint::source::decode))]
    Decode {
        path: String,
        reason: DecodeError,
        #[help]
        help: Option<String>,
    },
    /// A docx, PDF or HTML file its reader could not read.
    #[error("{path}: {reason}")]
    #[diagnostic(code(policy_lint::read))]
    Read {
        path: String,
        reason: ReadError,
        #[help]
        help: Option<String>,
    },
}

impl FileError {
    pub fn io(path: &str, e: std::io::Error) -> Self {
        let message = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
            _ => e.to_string(),
        };
        FileError::Io { path: path.to_owned(), message }
    }
    pub fn other(path: &str, message: impl Into<String>) -> Self {
        FileError::Io { path: path.to_owned(), message: message.into() }
    }
    pub fn decode(path: &str, source: DecodeError) -> Self {
        use miette::Diagnostic;
        let help = source.help().map(|h| h.to_string());
        FileError::Decode { path: path.to_owned(), reason: source, help }
    }
    pub fn read(path: &str, source: ReadError) -> Self {
        use miette::Diagnostic;
        match source {
            ReadError::Decode(e) => FileError::decode(path, e),
            source => {
                let help = source.help().map(|h| h.to_string());
                FileError::Read { path: path.to_owned(), reason: source, help }
            }
        }
    }
    pub fn path(&self) -> &str {
        match self {
            FileError::Io { path, .. } | FileError::Decode { path, .. } | FileError::Read { path, .. } => path,
        }
    }
    /// Why, without the path: what a machine format puts beside the path it names.
    pub fn reason(&self) -> String {
        match self {
            FileError::Io { message, .. } => message.clone(),
            FileError::Decode { reason, .. } => reason.to_string(),
            FileError::Read { reason, .. } => reason.to_string(),
        }
    }
}
