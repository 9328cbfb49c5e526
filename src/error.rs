//! The one error type of the library. Every message is a single line that says what was
//! wrong and, where there is one, how to fix it: `main` prints it as it is.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}", crate::store::db_message(.0))]
    Db(#[from] crate::store::db::DbError),

    #[error("{action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("config {path}, line {line}: key `{key}`: {message}")]
    Config {
        path: PathBuf,
        key: String,
        line: usize,
        message: String,
    },

    #[error(
        "{path} was written by a newer calldeck (schema version {found}); this calldeck knows up to version {supported}: upgrade calldeck to open it"
    )]
    SchemaTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    #[error("no customer with id {0}: list ids with `calldeck today` or search in the TUI")]
    NoCustomer(i64),

    #[error("no rep named '{name}'; {hint}")]
    NoRep { name: String, hint: String },

    /// Input from the user that cannot be used as given; the message says how to fix it.
    #[error("{0}")]
    Invalid(String),

    /// Arguments that cannot go together or are out of range: bad usage, exit code 2.
    #[error("{0}")]
    Usage(String),

    /// A file that cannot be imported at all (unreadable, unknown layout, no rows).
    #[error("import {path}: {message}")]
    ImportFile { path: PathBuf, message: String },

    #[error("import {path}, line {line}: {message}")]
    Import {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

impl Error {
    pub fn invalid(message: impl Into<String>) -> Self {
        Error::Invalid(message.into())
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Error::Usage(message.into())
    }

    /// Output that went to a reader who stopped reading (`calldeck … | head`): not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }

    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }
}
