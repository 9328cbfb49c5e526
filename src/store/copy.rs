//! `calldeck copy`: a whole database from one engine (or file) to another, in one
//! transaction on the target, verified by row counts and `check` on both sides.

use super::Store;
use super::db::{Conn, Value};
use crate::error::{Error, Result};

/// Tables in an order where every reference points to a table copied before it; a table
/// not named here (a later migration's) follows, by name.
const ORDER: &[&str] = &[
    "meta",
    "reps",
    "customers",
    "contacts",
    "deals",
    "contracts",
    "calls",
    "stage_changes",
    "complaints",
    "plans",
    "plan_entries",
    "pins",
    "customer_history",
    "customer_fields",
    "external_ids",
    "snoozes",
];

#[derive(Debug, Clone, PartialEq)]
pub struct CopyReport {
    /// (table, rows) as found on both sides after the copy.
    pub tables: Vec<(String, i64)>,
    /// Whether the target held rows that --force replaced.
    pub replaced: bool,
}

impl CopyReport {
    pub fn rows(&self) -> i64 {
        self.tables.iter().map(|t| t.1).sum()
    }
}

fn columns(conn: &Conn, table: &str) -> Result<Vec<String>> {
    let sql = conn.pick(
        "SELECT name FROM pragma_table_info(?1) ORDER BY cid",
        "SELECT CAST(column_name AS TEXT) FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = ?1 ORDER BY ordinal_position",
    );
    Ok(conn
        .prepare(sql)?
        .query_map([table], |r| r.get(0))?
        .collect::<super::db::Result<_>>()?)
}

impl Store {
    /// Copies every row of this database into `target`, which must hold no rows unless
    /// `force` (then its rows are deleted first, in the same transaction). Nothing is
    /// written to `target` unless all of it is, and the source is only read.
    pub fn copy_into(&self, target: &mut Store, force: bool) -> Result<CopyReport> {
        let problems = self.check()?;
        if !problems.is_empty() {
            return Err(Error::invalid(format!(
                "{} has problems, so it is not copied: {} (run `calldeck check`)",
                self.path().display(),
                problems.join("; ")
            )));
        }
        let source_counts = self.row_counts()?;
        let target_counts = target.row_counts()?;
        let held: i64 = target_counts.iter().map(|t| t.1).sum();
        if held > 0 && !force {
            return Err(Error::invalid(format!(
                "{} already holds {held} rows: copy into an empty database, or add --force to delete them and replace them with the copy",
                target.path().display()
            )));
        }
        let mut tables: Vec<String> = ORDER
            .iter()
            .map(|t| t.to_string())
            .filter(|t| source_counts.iter().any(|(s, _)| s == t))
            .collect();
        for (t, _) in &source_counts {
            if !tables.contains(t) {
                tables.push(t.clone());
            }
        }
        for t in &tables {
            if !target_counts.iter().any(|(x, _)| x == t) {
                return Err(Error::invalid(format!(
                    "{} has no table {t}: open it once with this calldeck so it is up to date",
                    target.path().display()
                )));
            }
        }

        // The source is read as one snapshot while others may keep writing to it.
        self.conn.execute_batch(
            self.conn
                .pick("BEGIN", "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"),
        )?;
        let copied = self.copy_tables(target, &tables, held > 0);
        let _ = self.conn.execute_batch("COMMIT");
        copied?;

        let after_source = self.row_counts()?;
        let after_target = target.row_counts()?;
        for (t, n) in &after_source {
            let there = after_target.iter().find(|(x, _)| x == t).map(|x| x.1);
            if there != Some(*n) {
                return Err(Error::invalid(format!(
                    "the copy's {t} holds {} rows, the source {n}: the source changed while it was copied; run the copy again with --force",
                    there.unwrap_or(0)
                )));
            }
        }
        let problems = target.check()?;
        if !problems.is_empty() {
            return Err(Error::invalid(format!(
                "the copy in {} has problems: {}",
                target.path().display(),
                problems.join("; ")
            )));
        }
        Ok(CopyReport {
            tables: after_source,
            replaced: held > 0,
        })
    }

    fn copy_tables(&self, target: &mut Store, tables: &[String], clear: bool) -> Result<()> {
        let tx = target.transaction()?;
        if tx.is_pg() {
            // Every table at once, so the references between them do not matter.
            if clear {
                let list: Vec<String> = tables.iter().map(|t| format!("\"{t}\"")).collect();
                tx.execute_batch(&format!("TRUNCATE {} RESTART IDENTITY", list.join(", ")))?;
            }
        } else {
            tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
            if clear {
                for t in tables.iter().rev() {
                    tx.execute_batch(&format!("DELETE FROM \"{t}\""))?;
                }
            }
        }
        for table in tables {
            let from = columns(&self.conn, table)?;
            let to = columns(&tx, table)?;
            let shared: Vec<&String> = to.iter().filter(|c| from.contains(c)).collect();
            if shared.is_empty() {
                continue;
            }
            let list = shared
                .iter()
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", ");
            // Rows in the order they were made, so a copy lists them as the source does.
            let order = if !self.conn.is_pg() {
                " ORDER BY rowid"
            } else if from.iter().any(|c| c == "id") {
                " ORDER BY id"
            } else if from.iter().any(|c| c == "seq") {
                " ORDER BY seq"
            } else {
                ""
            };
            let marks = (1..=shared.len())
                .map(|i| format!("?{i}"))
                .collect::<Vec<_>>()
                .join(", ");
            let insert = format!("INSERT INTO \"{table}\" ({list}) VALUES ({marks})");
            let mut read = self
                .conn
                .prepare(&format!("SELECT {list} FROM \"{table}\"{order}"))?;
            let mut rows = read.query([])?;
            let mut write = tx.prepare(&insert)?;
            while let Some(row) = rows.next()? {
                let values: Vec<Value> = row.values().to_vec();
                write.execute(values).map_err(|e| {
                    Error::invalid(format!(
                        "cannot copy a row of {table}: {}; nothing was copied",
                        super::db_message(&e)
                    ))
                })?;
            }
        }
        if tx.is_pg() {
            // Ids given by the copy: the next new row continues after them.
            for table in tables {
                for key in ["id", "seq"] {
                    if columns(&tx, table)?.iter().any(|c| c == key) {
                        tx.execute_batch(&format!(
                            "SELECT setval(pg_get_serial_sequence('\"{table}\"', '{key}'),
                                    COALESCE((SELECT max(\"{key}\") FROM \"{table}\"), 0) + 1, false)
                             WHERE pg_get_serial_sequence('\"{table}\"', '{key}') IS NOT NULL"
                        ))?;
                    }
                }
            }
        }
        tx.commit()?;
        Ok(())
    }
}
