//! The one place that knows which database engine is underneath: a `Conn` over SQLite
//! (rusqlite) or PostgreSQL (the synchronous `postgres` crate) whose calls have the shapes
//! the store was written against (`execute`, `query_row`, `prepare(..)?.query_map`,
//! transactions), so a store function reads the same for both. SQL keeps SQLite's `?N`
//! placeholders; for PostgreSQL they become `$N` once per statement text.

use std::cell::RefCell;
use std::collections::HashMap;

/// A value going to or coming from either engine. Booleans travel as 0/1, as SQLite keeps
/// them; dates and times are TEXT in both.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

#[derive(Debug)]
pub enum DbError {
    Sqlite(rusqlite::Error),
    Pg(postgres::Error),
    /// A query expected to return a row returned none (see `OptionalExtension`).
    NoRows,
    /// A column that does not hold what the code reads it as.
    Conversion {
        column: usize,
        message: String,
    },
}

impl std::fmt::Display for DbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DbError::Sqlite(e) => write!(f, "{e}"),
            DbError::Pg(e) => match e.as_db_error() {
                Some(d) => write!(f, "{}", d.message()),
                None => {
                    // The driver's own words ("error performing TLS handshake") and why.
                    let mut text = e.to_string();
                    let mut cause = std::error::Error::source(e);
                    while let Some(c) = cause {
                        let more = c.to_string();
                        if !text.contains(&more) {
                            text.push_str(&format!(": {more}"));
                        }
                        cause = c.source();
                    }
                    write!(f, "{}", super::address::redact(&text))
                }
            },
            DbError::NoRows => write!(f, "query returned no rows"),
            DbError::Conversion { column, message } => write!(f, "column {column}: {message}"),
        }
    }
}

impl std::error::Error for DbError {}

impl From<rusqlite::Error> for DbError {
    fn from(e: rusqlite::Error) -> Self {
        match e {
            rusqlite::Error::QueryReturnedNoRows => DbError::NoRows,
            e => DbError::Sqlite(e),
        }
    }
}

impl From<postgres::Error> for DbError {
    fn from(e: postgres::Error) -> Self {
        DbError::Pg(e)
    }
}

impl DbError {
    pub fn sqlite_error_code(&self) -> Option<rusqlite::ErrorCode> {
        match self {
            DbError::Sqlite(e) => e.sqlite_error_code(),
            _ => None,
        }
    }

    /// PostgreSQL's SQLSTATE, when the server answered with an error.
    pub fn pg_code(&self) -> Option<&str> {
        match self {
            DbError::Pg(e) => e.code().map(|c| c.code()),
            _ => None,
        }
    }
}

pub type Result<T, E = DbError> = std::result::Result<T, E>;

mod values;
pub(crate) use values::params;
pub use values::{FromSql, Params, ToSql};

/// `.optional()` on a single-row query, as rusqlite's.
pub trait OptionalExtension<T> {
    fn optional(self) -> Result<Option<T>>;
}

impl<T> OptionalExtension<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(DbError::NoRows) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

impl<T> OptionalExtension<T> for crate::error::Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(crate::error::Error::Db(DbError::NoRows)) => Ok(None),
            Err(crate::error::Error::Db(e)) => Err(e),
            Err(e) => Err(DbError::Conversion {
                column: 0,
                message: e.to_string(),
            }),
        }
    }
}

/// A column position, as rusqlite's `RowIndex` (so `row.get(0)` infers `usize`).
pub trait RowIndex {
    fn index(&self) -> usize;
}

impl RowIndex for usize {
    fn index(&self) -> usize {
        *self
    }
}

/// One result row, read whole from either engine.
#[derive(Debug, Clone)]
pub struct Row {
    values: Vec<Value>,
}

impl Row {
    /// `row.get(0)` / `row.get::<_, String>(1)`, as rusqlite's.
    pub fn get<I: RowIndex, T: FromSql>(&self, idx: I) -> Result<T> {
        let idx = idx.index();
        let v = self.values.get(idx).ok_or(DbError::Conversion {
            column: idx,
            message: "no such column".into(),
        })?;
        T::from_value(v).map_err(|message| DbError::Conversion {
            column: idx,
            message,
        })
    }

    /// A text or NULL column without copying it, with `get::<_, Option<String>>`'s errors.
    pub fn opt_str(&self, idx: usize) -> Result<Option<&str>> {
        match self.values.get(idx) {
            Some(Value::Text(s)) => Ok(Some(s)),
            Some(Value::Null) => Ok(None),
            Some(other) => Err(DbError::Conversion {
                column: idx,
                message: format!("expected text, found {other:?}"),
            }),
            None => Err(DbError::Conversion {
                column: idx,
                message: "no such column".into(),
            }),
        }
    }

    /// A text column without copying it, with `get::<_, String>`'s errors.
    pub fn str(&self, idx: usize) -> Result<&str> {
        self.opt_str(idx)?.ok_or_else(|| DbError::Conversion {
            column: idx,
            message: format!("expected text, found {:?}", Value::Null),
        })
    }

    /// The text of a column without copying it; "" for anything else.
    pub fn text(&self, idx: usize) -> &str {
        match self.values.get(idx) {
            Some(Value::Text(s)) => s,
            _ => "",
        }
    }

    pub fn values(&self) -> &[Value] {
        &self.values
    }

    fn from_sqlite(r: &rusqlite::Row) -> rusqlite::Result<Row> {
        use rusqlite::types::ValueRef;
        let n = r.as_ref().column_count();
        let mut values = Vec::with_capacity(n);
        for i in 0..n {
            values.push(match r.get_ref(i)? {
                ValueRef::Null => Value::Null,
                ValueRef::Integer(i) => Value::Int(i),
                ValueRef::Real(f) => Value::Real(f),
                ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
                ValueRef::Blob(b) => Value::Blob(b.to_vec()),
            });
        }
        Ok(Row { values })
    }

    fn from_pg(r: &postgres::Row) -> Result<Row> {
        let mut values = Vec::with_capacity(r.len());
        for i in 0..r.len() {
            values.push(r.try_get::<_, super::pg::PgValue>(i)?.0);
        }
        Ok(Row { values })
    }
}

/// Which engine a connection talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

pub struct PgConn {
    client: RefCell<postgres::Client>,
    statements: RefCell<HashMap<String, postgres::Statement>>,
}

pub enum Conn {
    Sqlite(rusqlite::Connection),
    Pg(Box<PgConn>),
}

impl Conn {
    pub fn pg(client: postgres::Client) -> Conn {
        Conn::Pg(Box::new(PgConn {
            client: RefCell::new(client),
            statements: RefCell::new(HashMap::new()),
        }))
    }

    pub fn engine(&self) -> Engine {
        match self {
            Conn::Sqlite(_) => Engine::Sqlite,
            Conn::Pg(_) => Engine::Postgres,
        }
    }

    /// One statement's two spellings, where the engines cannot share one.
    pub fn pick<'s>(&self, sqlite: &'s str, postgres: &'s str) -> &'s str {
        match self {
            Conn::Sqlite(_) => sqlite,
            Conn::Pg(_) => postgres,
        }
    }

    #[cfg(test)]
    pub fn sqlite_mut(&mut self) -> Option<&mut rusqlite::Connection> {
        match self {
            Conn::Sqlite(c) => Some(c),
            Conn::Pg(_) => None,
        }
    }

    pub fn is_pg(&self) -> bool {
        self.engine() == Engine::Postgres
    }

    /// The SQLite connection, for what only SQLite has (pragmas, `VACUUM INTO`, tests).
    pub fn sqlite(&self) -> Option<&rusqlite::Connection> {
        match self {
            Conn::Sqlite(c) => Some(c),
            Conn::Pg(_) => None,
        }
    }

    pub fn execute<P: Params>(&self, sql: &str, params: P) -> Result<usize> {
        self.prepare_cached(sql)?.execute(params)
    }

    pub fn query_row<P, T, F>(&self, sql: &str, params: P, f: F) -> Result<T>
    where
        P: Params,
        F: FnOnce(&Row) -> Result<T>,
    {
        self.prepare_cached(sql)?.query_row(params, f)
    }

    pub fn prepare(&self, sql: &str) -> Result<Statement<'_>> {
        match self {
            Conn::Sqlite(c) => Ok(Statement::Sqlite(Box::new(c.prepare_cached(sql)?))),
            Conn::Pg(p) => Ok(Statement::Pg(p, p.statement(sql)?)),
        }
    }

    pub fn prepare_cached(&self, sql: &str) -> Result<Statement<'_>> {
        self.prepare(sql)
    }

    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        match self {
            Conn::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Conn::Pg(p) => Ok(p.client.borrow_mut().batch_execute(sql)?),
        }
    }

    /// The id the last insert on this connection gave its row.
    pub fn last_insert_rowid(&self) -> Result<i64> {
        match self {
            Conn::Sqlite(c) => Ok(c.last_insert_rowid()),
            Conn::Pg(_) => self.query_row("SELECT lastval()", [], |r| r.get(0)),
        }
    }

    /// Begins the one kind of transaction a writer takes. SQLite: `BEGIN IMMEDIATE`, the
    /// file's one write lock. PostgreSQL: a transaction holding one advisory lock for
    /// writers, so two writers follow each other as they do on SQLite (a call's
    /// read-then-write never interleaves with another's); readers are never held up.
    pub fn transaction(&self) -> Result<Transaction<'_>> {
        match self {
            Conn::Sqlite(c) => c.execute_batch("BEGIN IMMEDIATE")?,
            Conn::Pg(p) => {
                p.client.borrow_mut().batch_execute(&format!(
                    "BEGIN; SELECT pg_advisory_xact_lock({WRITER_LOCK})"
                ))?;
            }
        }
        Ok(Transaction {
            conn: self,
            done: false,
        })
    }

    /// A writer that touches one customer's rows only (recording a call): on
    /// PostgreSQL it shares the writers' lock with other such writers and takes that
    /// customer's lock alone, so calls to different customers are saved side by side
    /// while any other writer still has the database to itself. SQLite: as `transaction`.
    pub fn customer_transaction(&self, customer_id: i64) -> Result<Transaction<'_>> {
        match self {
            Conn::Sqlite(_) => self.transaction(),
            Conn::Pg(p) => {
                let key = (customer_id.rem_euclid(i64::from(i32::MAX))) as i32;
                p.client.borrow_mut().batch_execute(&format!(
                    "BEGIN; SELECT pg_advisory_xact_lock_shared({WRITER_LOCK});
                     SELECT pg_advisory_xact_lock({CUSTOMER_LOCK}, {key})"
                ))?;
                Ok(Transaction {
                    conn: self,
                    done: false,
                })
            }
        }
    }
}

/// The advisory lock key every calldeck writer on a PostgreSQL database takes.
const WRITER_LOCK: i64 = 0x0ca1_1dec;
/// The class of the per-customer advisory locks (two-key form, a space of its own).
const CUSTOMER_LOCK: i32 = 0x0ca1;

impl PgConn {
    fn statement(&self, sql: &str) -> Result<postgres::Statement> {
        if let Some(s) = self.statements.borrow().get(sql) {
            return Ok(s.clone());
        }
        let text = super::pg::placeholders(sql);
        let stmt = self.client.borrow_mut().prepare(&text);
        if let Err(e) = &stmt
            && std::env::var_os("CALLDECK_DEBUG_SQL").is_some()
        {
            eprintln!("{e}: {text}");
        }
        let stmt = stmt?;
        let mut cache = self.statements.borrow_mut();
        if cache.len() > 256 {
            cache.clear();
        }
        cache.insert(sql.to_string(), stmt.clone());
        Ok(stmt)
    }

    fn run(&self, stmt: &postgres::Statement, params: Vec<Value>) -> Result<Vec<postgres::Row>> {
        let values: Vec<super::pg::PgParam> = params.into_iter().map(super::pg::PgParam).collect();
        let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = values
            .iter()
            .take(stmt.params().len())
            .map(|v| v as &(dyn postgres::types::ToSql + Sync))
            .collect();
        let rows = self.client.borrow_mut().query(stmt, &refs);
        if let Err(e) = &rows
            && std::env::var_os("CALLDECK_DEBUG_SQL").is_some()
        {
            eprintln!("{e:?}: {:?}", stmt.columns());
        }
        Ok(rows?)
    }

    fn run_execute(&self, stmt: &postgres::Statement, params: Vec<Value>) -> Result<u64> {
        let values: Vec<super::pg::PgParam> = params.into_iter().map(super::pg::PgParam).collect();
        let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = values
            .iter()
            .take(stmt.params().len())
            .map(|v| v as &(dyn postgres::types::ToSql + Sync))
            .collect();
        Ok(self.client.borrow_mut().execute(stmt, &refs)?)
    }
}

pub enum Statement<'c> {
    Sqlite(Box<rusqlite::CachedStatement<'c>>),
    Pg(&'c PgConn, postgres::Statement),
}

impl Statement<'_> {
    pub fn execute<P: Params>(&mut self, params: P) -> Result<usize> {
        match self {
            Statement::Sqlite(s) => Ok(s.execute(rusqlite::params_from_iter(
                params.values().into_iter().map(SqliteValue),
            ))?),
            Statement::Pg(p, s) => Ok(p.run_execute(s, params.values())? as usize),
        }
    }

    pub fn query_row<P, T, F>(&mut self, params: P, f: F) -> Result<T>
    where
        P: Params,
        F: FnOnce(&Row) -> Result<T>,
    {
        let mut rows = self.query(params)?;
        match rows.next()? {
            Some(row) => f(row),
            None => Err(DbError::NoRows),
        }
    }

    pub fn query_map<'s, P, T, F>(
        &'s mut self,
        params: P,
        mut f: F,
    ) -> Result<Box<dyn Iterator<Item = Result<T>> + 's>>
    where
        P: Params,
        F: FnMut(&Row) -> Result<T> + 's,
        T: 's,
    {
        match self {
            Statement::Sqlite(s) => {
                let rows = s.query_map(
                    rusqlite::params_from_iter(params.values().into_iter().map(SqliteValue)),
                    Row::from_sqlite,
                )?;
                Ok(Box::new(rows.map(move |r| f(&r?))))
            }
            Statement::Pg(p, s) => {
                let rows = p.run(s, params.values())?;
                Ok(Box::new(
                    rows.into_iter()
                        .map(move |r| Row::from_pg(&r).and_then(|r| f(&r))),
                ))
            }
        }
    }

    pub fn query<P: Params>(&mut self, params: P) -> Result<Rows<'_>> {
        match self {
            Statement::Sqlite(s) => Ok(Rows::Sqlite(
                s.query(rusqlite::params_from_iter(
                    params.values().into_iter().map(SqliteValue),
                ))?,
                None,
            )),
            Statement::Pg(p, s) => Ok(Rows::Pg(p.run(s, params.values())?.into_iter(), None)),
        }
    }
}

/// Rows read one at a time: `while let Some(r) = rows.next()? { .. }`.
pub enum Rows<'s> {
    Sqlite(rusqlite::Rows<'s>, Option<Row>),
    Pg(std::vec::IntoIter<postgres::Row>, Option<Row>),
}

impl Rows<'_> {
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<&Row>> {
        match self {
            Rows::Sqlite(rows, current) => {
                *current = match rows.next()? {
                    Some(r) => Some(Row::from_sqlite(r)?),
                    None => None,
                };
                Ok(current.as_ref())
            }
            Rows::Pg(rows, current) => {
                *current = match rows.next() {
                    Some(r) => Some(Row::from_pg(&r)?),
                    None => None,
                };
                Ok(current.as_ref())
            }
        }
    }
}

/// A writer's transaction: rolled back when dropped without `commit`, as rusqlite's.
pub struct Transaction<'c> {
    conn: &'c Conn,
    done: bool,
}

impl Transaction<'_> {
    pub fn commit(mut self) -> Result<()> {
        self.done = true;
        self.end("COMMIT")
    }

    pub fn rollback(mut self) -> Result<()> {
        self.done = true;
        self.end("ROLLBACK")
    }

    fn end(&self, sql: &str) -> Result<()> {
        self.conn.execute_batch(sql)
    }
}

impl std::ops::Deref for Transaction<'_> {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        self.conn
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        if !self.done {
            let _ = self.end("ROLLBACK");
        }
    }
}

struct SqliteValue(Value);

impl rusqlite::ToSql for SqliteValue {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(ToSqlOutput::Borrowed(match &self.0 {
            Value::Null => ValueRef::Null,
            Value::Int(i) => ValueRef::Integer(*i),
            Value::Real(f) => ValueRef::Real(*f),
            Value::Text(s) => ValueRef::Text(s.as_bytes()),
            Value::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

impl From<rusqlite::Error> for crate::error::Error {
    fn from(e: rusqlite::Error) -> Self {
        crate::error::Error::Db(e.into())
    }
}

impl From<postgres::Error> for crate::error::Error {
    fn from(e: postgres::Error) -> Self {
        crate::error::Error::Db(e.into())
    }
}
