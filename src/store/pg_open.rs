//! Opening a PostgreSQL database: connecting as libpq would (PGHOST, PGPORT, PGUSER,
//! PGPASSWORD, ~/.pgpass), the schema version kept in a table, the migrations, and what
//! `check` can ask a server.

use std::path::Path;
use std::str::FromStr;

use super::address::redact;
use super::db::{Conn, DbError};
use crate::error::{Error, Result};

macro_rules! pg_migration {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!("migrations/pg/", $name, ".sql")),
        )
    };
}

/// PostgreSQL's spelling of each numbered migration, same numbers as SQLite's.
pub(crate) const MIGRATIONS: &[(&str, &str)] = &[
    pg_migration!("0001_initial"),
    pg_migration!("0002_history_and_phone_search"),
    pg_migration!("0003_report_indexes"),
    pg_migration!("0004_stage_history"),
    pg_migration!("0005_promises_and_numbers"),
    pg_migration!("0006_import_keeps_everything"),
    pg_migration!("0007_snoozes"),
    pg_migration!("0008_expected_close"),
    pg_migration!("0009_sales_method"),
    pg_migration!("0010_team_scale_indexes"),
    pg_migration!("0011_contact_birthdays"),
    pg_migration!("0012_lost_deals_by_customer"),
    pg_migration!("0013_method_figures_indexes"),
];

/// The table holding the schema version (SQLite keeps it in `PRAGMA user_version`).
const VERSION_TABLE: &str = "calldeck_schema";

/// calldeck's tables, as `row_counts` lists them (the version table is not data).
pub(crate) const TABLES_SQL: &str = "SELECT CAST(table_name AS TEXT) FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
       AND table_name <> 'calldeck_schema' ORDER BY 1";

pub(crate) fn connect(addr: &str) -> Result<Conn> {
    let shown = redact(addr);
    let (addr, tls) = super::pg_tls::take_tls_options(addr, &shown)?;
    let mut config = postgres::Config::from_str(&addr).map_err(|e| {
        Error::usage(format!(
            "--db {shown} is not a PostgreSQL address ({}): write postgres://user@host:port/dbname",
            redact(&e.to_string())
        ))
    })?;
    libpq_defaults(&mut config);
    if config.get_password().is_none()
        && let Some(password) = password_for(&config)
    {
        config.password(password);
    }
    if config.get_application_name().is_none() {
        config.application_name("calldeck");
    }
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(std::time::Duration::from_secs(10));
    }
    config.ssl_mode(tls.ssl_mode());
    let client = tls.connect(&config).map_err(|e| {
        Error::invalid(format!(
            "cannot connect to the PostgreSQL database {shown}: {}; check the address and that the server runs, and give a password with PGPASSWORD or ~/.pgpass",
            one_line(&redact(&DbError::Pg(e).to_string()))
        ))
    })?;
    let conn = Conn::pg(client);
    // No notices on stderr; a writer waits for another at most 10 seconds, as on SQLite.
    conn.execute_batch("SET client_min_messages = warning; SET lock_timeout = '10s'")?;
    Ok(conn)
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What libpq fills in when the address leaves it out.
fn libpq_defaults(config: &mut postgres::Config) {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    if config.get_hosts().is_empty() {
        match env("PGHOST") {
            Some(h) => {
                config.host(&h);
            }
            None if Path::new("/var/run/postgresql").is_dir() => {
                config.host_path("/var/run/postgresql");
            }
            None => {
                config.host("localhost");
            }
        }
    }
    if config.get_ports().is_empty()
        && let Some(p) = env("PGPORT").and_then(|p| p.parse().ok())
    {
        config.port(p);
    }
    if config.get_user().is_none() {
        let user = env("PGUSER")
            .or_else(|| env("USER"))
            .or_else(|| env("LOGNAME"))
            .unwrap_or_else(|| "postgres".to_string());
        config.user(&user);
    }
    if config.get_dbname().is_none()
        && let Some(d) = env("PGDATABASE")
    {
        config.dbname(&d);
    }
}

/// PGPASSWORD, else the first matching line of PGPASSFILE or ~/.pgpass
/// (`host:port:database:user:password`, `*` matching anything), as libpq reads them.
fn password_for(config: &postgres::Config) -> Option<String> {
    if let Ok(p) = std::env::var("PGPASSWORD")
        && !p.is_empty()
    {
        return Some(p);
    }
    let file = std::env::var_os("PGPASSFILE")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".pgpass")))?;
    let text = std::fs::read_to_string(file).ok()?;
    let host = match config.get_hosts().first() {
        Some(postgres::config::Host::Tcp(h)) => h.clone(),
        _ => "localhost".to_string(),
    };
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let user = config.get_user().unwrap_or_default().to_string();
    let db = config.get_dbname().unwrap_or(&user).to_string();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields = split_pgpass(line);
        if fields.len() != 5 {
            continue;
        }
        let matches = |i: usize, want: &str| fields[i] == "*" || fields[i] == want;
        if matches(0, &host) && matches(1, &port) && matches(2, &db) && matches(3, &user) {
            return Some(fields[4].clone());
        }
    }
    None
}

fn split_pgpass(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    fields.last_mut().expect("one field").push(n);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => fields.last_mut().expect("one field").push(c),
        }
    }
    fields
}

pub(crate) fn version(conn: &Conn) -> Result<i64> {
    let exists: Option<String> = conn.query_row(
        "SELECT CAST(to_regclass(?1) AS TEXT)",
        [VERSION_TABLE],
        |r| r.get(0),
    )?;
    if exists.is_none() {
        return Ok(0);
    }
    let v: Option<i64> = conn.query_row(
        &format!("SELECT max(version) FROM {VERSION_TABLE}"),
        [],
        |r| r.get(0),
    )?;
    Ok(v.unwrap_or(0))
}

pub(crate) fn set_version(conn: &Conn, version: i64) -> Result<()> {
    conn.execute_batch(&format!(
        "CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (version BIGINT NOT NULL);
         DELETE FROM {VERSION_TABLE}; INSERT INTO {VERSION_TABLE} (version) VALUES ({version})"
    ))?;
    Ok(())
}

/// A database holding another program's tables (and no schema version of ours) is
/// refused before anything is written to it.
pub(crate) fn refuse_foreign(conn: &Conn, shown: &Path) -> Result<()> {
    if version(conn)? != 0 {
        return Ok(());
    }
    let tables: Vec<String> = conn
        .prepare(&format!("{TABLES_SQL} LIMIT 4"))?
        .query_map([], |r| r.get(0))?
        .collect::<super::db::Result<_>>()?;
    if tables.is_empty() {
        return Ok(());
    }
    Err(Error::invalid(format!(
        "{} holds tables of another program ({}), not a calldeck database; it was left unchanged: give calldeck a database of its own",
        shown.display(),
        tables.join(", ")
    )))
}

/// What `check` asks a server: the schema is the one this calldeck made, and every
/// reference points to a row that exists (constraints can be disabled or deferred by
/// hand, and a restore can load rows without them).
pub(crate) fn check(conn: &Conn) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let found = version(conn)?;
    if found != super::SCHEMA_VERSION {
        problems.push(format!(
            "schema version {found}, expected {}",
            super::SCHEMA_VERSION
        ));
    }
    let missing_tables: Vec<String> = {
        let have: Vec<String> = conn
            .prepare(TABLES_SQL)?
            .query_map([], |r| r.get(0))?
            .collect::<super::db::Result<_>>()?;
        [
            "calls",
            "contacts",
            "contracts",
            "customers",
            "deals",
            "meta",
            "plans",
            "plan_entries",
            "reps",
        ]
        .iter()
        .filter(|t| !have.iter().any(|h| h == *t))
        .map(|t| t.to_string())
        .collect()
    };
    if !missing_tables.is_empty() {
        problems.push(format!("missing tables: {}", missing_tables.join(", ")));
        return Ok(problems);
    }
    let refs: Vec<(String, String, String, String)> = conn
        .prepare(
            "SELECT CAST(tc.table_name AS TEXT), CAST(kcu.column_name AS TEXT),
                    CAST(ccu.table_name AS TEXT), CAST(ccu.column_name AS TEXT)
             FROM information_schema.table_constraints tc
             JOIN information_schema.key_column_usage kcu
               ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
             JOIN information_schema.constraint_column_usage ccu
               ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
             WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()
               AND (SELECT count(*) FROM information_schema.key_column_usage k2
                    WHERE k2.constraint_name = tc.constraint_name
                      AND k2.table_schema = tc.table_schema) = 1
             ORDER BY 1, 2",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<super::db::Result<_>>()?;
    for (table, column, parent, key) in refs {
        let bad: i64 = conn.query_row(
            &format!(
                "SELECT count(*) FROM \"{table}\" t WHERE t.\"{column}\" IS NOT NULL
                 AND NOT EXISTS (SELECT 1 FROM \"{parent}\" p WHERE p.\"{key}\" = t.\"{column}\")"
            ),
            [],
            |r| r.get(0),
        )?;
        if bad > 0 {
            problems.push(format!(
                "{bad} rows of {table} point to a missing {parent} ({column})"
            ));
        }
    }
    Ok(problems)
}

/// A server's error in the user's words.
pub(crate) fn message(e: &DbError) -> String {
    let code = e.pg_code().unwrap_or("");
    let text = one_line(&e.to_string());
    match code {
        "40001" | "40P01" => format!(
            "{text}: another calldeck wrote the same rows at the same moment; try again (nothing was saved)"
        ),
        "55P03" => format!(
            "{text}: another calldeck held the database for more than 10 seconds; try again (nothing was saved)"
        ),
        "53100" => "the database server's disk is full: ask its administrator to free space (nothing was saved)".to_string(),
        "25006" => format!("{text}: the database is read-only for you (nothing was saved)"),
        "42501" => format!(
            "{text}: your database role may not do this; ask the administrator for the rights calldeck needs (nothing was saved)"
        ),
        c if c.starts_with("08") => format!(
            "{text}: the connection to the database server was lost; try again (nothing was saved)"
        ),
        _ => format!("database error: {text}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pgpass_lines_split_on_unescaped_colons() {
        assert_eq!(
            split_pgpass(r"db:5432:*:chen:pa\:ss:word"),
            vec!["db", "5432", "*", "chen", "pa:ss:word"]
        );
    }
}
