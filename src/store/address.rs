//! Which database `--db` / `CALLDECK_DB` names: a path is a SQLite file; a
//! `postgres://` or `postgresql://` URL, or libpq's `key=value` form, is a PostgreSQL
//! database. A password is never taken from the address: libpq's PGPASSWORD and
//! ~/.pgpass give it, so it never shows in a process list, a shell history or a log.

use std::path::Path;

use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Address {
    Sqlite,
    /// The address as given (a URL or keyword form), for `postgres::Config`.
    Postgres(String),
}

/// Libpq's connection keywords, by which a `key=value` address is recognised.
const KEYWORDS: &[&str] = &[
    "host",
    "hostaddr",
    "port",
    "dbname",
    "user",
    "sslmode",
    "sslrootcert",
    "sslcert",
    "sslkey",
    "application_name",
    "connect_timeout",
    "options",
    "password",
];

pub fn classify(path: &Path) -> Result<Address> {
    let Some(text) = path.to_str() else {
        return Ok(Address::Sqlite);
    };
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
        refuse_password_in_url(t)?;
        return Ok(Address::Postgres(t.to_string()));
    }
    if let Some((scheme, _)) = t.split_once("://")
        && !scheme.is_empty()
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    {
        return Err(Error::usage(format!(
            "--db {}: calldeck speaks to SQLite files and PostgreSQL only, not {scheme}://; give a file path or a postgres://user@host:port/dbname address",
            redact(t)
        )));
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let keyworded = !words.is_empty()
        && words.iter().all(|w| {
            w.split_once('=')
                .is_some_and(|(k, _)| KEYWORDS.contains(&k.to_ascii_lowercase().as_str()))
        });
    if keyworded {
        if words
            .iter()
            .any(|w| w.to_ascii_lowercase().starts_with("password="))
        {
            return Err(password_refused());
        }
        return Ok(Address::Postgres(t.to_string()));
    }
    Ok(Address::Sqlite)
}

fn password_refused() -> Error {
    Error::usage(
        "--db: a password does not go in the database address (it would show in process lists and logs): set PGPASSWORD or put it in ~/.pgpass",
    )
}

fn refuse_password_in_url(url: &str) -> Result<()> {
    let rest = url.split_once("://").map_or("", |(_, r)| r);
    let authority = rest.split(['/', '?']).next().unwrap_or("");
    if let Some((userinfo, _)) = authority.rsplit_once('@')
        && userinfo.contains(':')
    {
        return Err(password_refused());
    }
    if url.to_ascii_lowercase().contains("password=") {
        return Err(password_refused());
    }
    Ok(())
}

/// An address fit for a message: any password in it replaced by `***`.
pub fn redact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&redact_word(word));
    }
    out
}

fn redact_word(word: &str) -> String {
    if let Some((scheme, rest)) = word.split_once("://") {
        let end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(end);
        let authority = match authority.rsplit_once('@') {
            Some((userinfo, host)) => match userinfo.split_once(':') {
                Some((user, _)) => format!("{user}:***@{host}"),
                None => format!("{userinfo}@{host}"),
            },
            None => authority.to_string(),
        };
        return format!("{scheme}://{authority}{}", redact_query(tail));
    }
    redact_query(word)
}

fn redact_query(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    match lower.find("password=") {
        Some(at) => {
            let start = at + "password=".len();
            let end = text[start..]
                .find(['&', ' '])
                .map_or(text.len(), |e| start + e);
            format!("{}***{}", &text[..start], &text[end..])
        }
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> Result<Address> {
        classify(Path::new(s))
    }

    #[test]
    fn paths_urls_and_keywords_are_told_apart() {
        assert_eq!(kind("team.db").unwrap(), Address::Sqlite);
        assert_eq!(kind("/srv/calldeck/team.db").unwrap(), Address::Sqlite);
        assert_eq!(kind("a=b.db").unwrap(), Address::Sqlite);
        assert!(matches!(
            kind("postgres://chen@db.example:5432/sales").unwrap(),
            Address::Postgres(_)
        ));
        assert!(matches!(
            kind("postgresql://db/sales?sslmode=require").unwrap(),
            Address::Postgres(_)
        ));
        assert!(matches!(
            kind("host=db.example dbname=sales user=chen").unwrap(),
            Address::Postgres(_)
        ));
    }

    #[test]
    fn other_schemes_and_passwords_are_refused_in_one_line() {
        let e = kind("mysql://root@db/sales").unwrap_err().to_string();
        assert!(e.contains("not mysql://"), "{e}");
        assert!(!e.contains('\n'));
        let e = kind("postgres://chen:secret@db/sales")
            .unwrap_err()
            .to_string();
        assert!(e.contains("PGPASSWORD") && !e.contains("secret"), "{e}");
        let e = kind("host=db password=secret").unwrap_err().to_string();
        assert!(!e.contains("secret"), "{e}");
    }

    #[test]
    fn redaction_hides_passwords() {
        assert_eq!(
            redact("postgres://chen:secret@db:5432/sales"),
            "postgres://chen:***@db:5432/sales"
        );
        assert_eq!(
            redact("host=db password=secret dbname=x"),
            "host=db password=*** dbname=x"
        );
        assert_eq!(
            redact("postgres://db/x?password=secret&sslmode=require"),
            "postgres://db/x?password=***&sslmode=require"
        );
    }
}
