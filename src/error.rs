//! The one error type of the library. Every message is a single line that says what was
//! wrong and, where there is one, how to fix it: `main` prints it as it is.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}", crate::store::db_message(.0))]
    Db(#[from] crate::store::db::DbError),

    #[error("{} {}: {source}", io_action(action), path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("{}", crate::t!("err-config", path = path.display().to_string(), line = *line, key = key, message = message))]
    Config {
        path: PathBuf,
        key: String,
        line: usize,
        message: String,
    },

    #[error("{}", crate::t!("err-schema-too-new", path = path.display().to_string(), found = *found, supported = *supported))]
    SchemaTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    #[error("{}", crate::t!("err-no-customer", id = *.0))]
    NoCustomer(i64),

    #[error("{}", crate::t!("err-no-rep", name = name, hint = hint))]
    NoRep { name: String, hint: String },

    /// Input from the user that cannot be used as given; the message says how to fix it.
    #[error("{0}")]
    Invalid(String),

    /// Arguments that cannot go together or are out of range: bad usage, exit code 2.
    #[error("{0}")]
    Usage(String),

    /// A file that cannot be imported at all (unreadable, unknown layout, no rows).
    #[error("{}", crate::t!("err-import-file", path = path.display().to_string(), message = message))]
    ImportFile { path: PathBuf, message: String },

    #[error("{}", crate::t!("err-import-line", path = path.display().to_string(), line = *line, message = message))]
    Import {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

/// What failed on a file, in the current language ("cannot read"); an action the catalog
/// does not know reads as written.
fn io_action(action: &str) -> String {
    let key = format!("io-{}", action.replace(' ', "-"));
    let text = crate::t!(&key);
    if text == key {
        action.to_string()
    } else {
        text
    }
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
