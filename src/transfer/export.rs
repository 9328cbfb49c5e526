//! `calldeck export customers|calls|deals`: the same table written as CSV (UTF-8 with BOM,
//! formulas neutralised), JSON, or an Excel sheet with numbers as numbers. The customers'
//! CSV uses the plain field names the importer reads, so an export imports back.

use std::collections::HashMap;

use rust_xlsxwriter::{Format, Workbook, XlsxError};
use serde_json::{Value, json};

use super::csv_safe::{Cell, CsvWriter};
use crate::card::{customer_json, extra_json};
use crate::clock::Clock;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::store::{CallRecord, Customer, CustomerTiers, DealRecord, Rep, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    Customers,
    Calls,
    Deals,
}

impl ExportKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ExportKind::Customers => "customers",
            ExportKind::Calls => "calls",
            ExportKind::Deals => "deals",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
    Xlsx,
}

/// One value of an exported table.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Text(String),
    Int(i64),
    /// Integer cents, written as currency units.
    Money(i64),
    Bool(bool),
    Empty,
}

fn text(s: impl Into<String>) -> Val {
    Val::Text(s.into())
}

fn opt_text(s: Option<impl ToString>) -> Val {
    s.map_or(Val::Empty, |s| Val::Text(s.to_string()))
}

/// Cents as units with two decimals ("1234.50"), which the importer's money parser reads.
pub fn units(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// A table: header names and rows of values.
pub struct Table {
    pub headers: Vec<&'static str>,
    /// Columns after the fixed ones: the extra fields imports kept, by their names.
    pub extra_headers: Vec<String>,
    pub rows: Vec<Vec<Val>>,
}

impl Table {
    fn all_headers(&self) -> Vec<&str> {
        self.headers
            .iter()
            .copied()
            .chain(self.extra_headers.iter().map(String::as_str))
            .collect()
    }
}

/// Adds a column per extra field name, so what an import kept goes back out with the
/// column name it came in under; a name the fixed columns already use gets "extra: ".
fn add_extra_fields(table: &mut Table, store: &Store, customers: &[Customer]) -> Result<()> {
    let names = store.extra_field_names()?;
    if names.is_empty() {
        return Ok(());
    }
    for (row, c) in table.rows.iter_mut().zip(customers) {
        let fields = store.extra_fields(c.id)?;
        for name in &names {
            let value = fields
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
                .unwrap_or("");
            row.push(text(value));
        }
    }
    table.extra_headers = names
        .into_iter()
        .map(|n| {
            if table.headers.iter().any(|h| h.eq_ignore_ascii_case(&n)) {
                format!("extra: {n}")
            } else {
                n
            }
        })
        .collect();
    Ok(())
}

/// The columns of a customer's tiers, written after the fixed ones; an import passes them by.
pub const TIER_HEADERS: [&str; 3] = ["abc_tier", "rfm_segment", "revenue_12m"];

/// Adds the tier columns: ABC by revenue, RFM segment, and the 12 months' contract revenue.
fn add_tiers(table: &mut Table, tiers: &HashMap<i64, CustomerTiers>, customers: &[Customer]) {
    for (row, c) in table.rows.iter_mut().zip(customers) {
        match tiers.get(&c.id) {
            Some(t) => {
                row.push(text(t.tiers.abc.to_string()));
                row.push(text(t.tiers.rfm));
                row.push(Val::Money(t.tiers.revenue_12m_cents));
            }
            None => row.extend([text(""), text(""), text("")]),
        }
    }
    table.extra_headers.extend(TIER_HEADERS.map(String::from));
}

pub const CUSTOMER_HEADERS: [&str; 18] = [
    "name",
    "company",
    "industry",
    "region",
    "address",
    "source",
    "owner",
    "phone",
    "email",
    "stage",
    "intent",
    "grade",
    "status",
    "value",
    "tags",
    "birthday",
    "notes",
    "next_call",
];

pub fn customers_table(customers: &[Customer]) -> Table {
    let rows = customers
        .iter()
        .map(|c| {
            let primary = c
                .contacts
                .iter()
                .find(|k| k.primary)
                .or_else(|| c.contacts.first());
            let s = &c.state;
            vec![
                text(&c.name),
                text(&c.company),
                text(&c.industry),
                text(&c.region),
                text(&c.address),
                text(&c.source),
                opt_text(c.owner.as_ref()),
                text(c.primary_phone()),
                text(primary.map(|k| k.email.as_str()).unwrap_or("")),
                Val::Int(s.stage.into()),
                Val::Int(s.intent.into()),
                text(s.grade.as_str()),
                text(s.status.as_str()),
                Val::Money(s.value_cents),
                text(c.tags.join(", ")),
                opt_text(c.birthday),
                text(&c.notes),
                opt_text(s.next_call),
            ]
        })
        .collect();
    Table {
        headers: CUSTOMER_HEADERS.to_vec(),
        extra_headers: Vec::new(),
        rows,
    }
}

pub fn calls_table(calls: &[CallRecord]) -> Table {
    let rows = calls
        .iter()
        .map(|k| {
            vec![
                Val::Int(k.id),
                text(k.at.to_rfc3339()),
                text(&k.rep),
                Val::Int(k.customer_id),
                text(&k.customer),
                text(&k.channel),
                text(k.outcome.code()),
                Val::Bool(k.reached),
                k.duration_s.map_or(Val::Empty, Val::Int),
                text(&k.note),
                Val::Int(k.stage_before.into()),
                Val::Int(k.stage_after.into()),
                Val::Int(k.intent_before.into()),
                Val::Int(k.intent_after.into()),
                text(&k.grade_before),
                text(&k.grade_after),
                opt_text(k.next_call),
                Val::Bool(k.void),
            ]
        })
        .collect();
    Table {
        extra_headers: Vec::new(),
        headers: vec![
            "id",
            "at",
            "rep",
            "customer_id",
            "customer",
            "channel",
            "outcome",
            "reached",
            "duration_s",
            "note",
            "stage_before",
            "stage_after",
            "intent_before",
            "intent_after",
            "grade_before",
            "grade_after",
            "next_call",
            "void",
        ],
        rows,
    }
}

pub fn deals_table(deals: &[DealRecord]) -> Table {
    let rows = deals
        .iter()
        .map(|d| {
            vec![
                Val::Int(d.id),
                Val::Int(d.customer_id),
                text(&d.customer),
                text(if d.company.is_empty() {
                    &d.customer
                } else {
                    &d.company
                }),
                opt_text(d.owner.as_ref()),
                text(&d.product),
                Val::Int(d.stage.into()),
                Val::Money(d.value_cents),
                opt_text(d.opened_on),
                opt_text(d.closed_on),
                text(&d.result),
            ]
        })
        .collect();
    Table {
        extra_headers: Vec::new(),
        headers: vec![
            "id",
            "customer_id",
            "customer",
            "company",
            "owner",
            "product",
            "stage",
            "value",
            "opened",
            "closed",
            "result",
        ],
        rows,
    }
}

pub fn to_csv(table: &Table) -> String {
    let mut w = CsvWriter::new();
    w.header(&table.all_headers());
    for row in &table.rows {
        let cells: Vec<Cell> = row
            .iter()
            .map(|v| match v {
                Val::Text(s) => Cell::text(s.as_str()),
                Val::Int(n) => Cell::num(n),
                Val::Money(c) => Cell::Number(units(*c)),
                Val::Bool(b) => Cell::num(b),
                Val::Empty => Cell::Number(String::new()),
            })
            .collect();
        w.row(&cells);
    }
    w.finish()
}

/// Flat JSON records; money columns are renamed `<name>_cents` and hold integer cents.
pub fn to_json_records(table: &Table) -> Value {
    let records: Vec<Value> = table
        .rows
        .iter()
        .map(|row| {
            let mut obj = serde_json::Map::new();
            for (name, v) in table.all_headers().iter().zip(row) {
                let (key, value) = match v {
                    Val::Text(s) => (name.to_string(), json!(s)),
                    Val::Int(n) => (name.to_string(), json!(n)),
                    Val::Money(c) => (format!("{name}_cents"), json!(c)),
                    Val::Bool(b) => (name.to_string(), json!(b)),
                    Val::Empty => (name.to_string(), Value::Null),
                };
                obj.insert(key, value);
            }
            Value::Object(obj)
        })
        .collect();
    Value::Array(records)
}

pub fn to_xlsx(table: &Table, sheet: &str, config: &Config) -> Result<Vec<u8>> {
    let build = || -> Result<Vec<u8>, XlsxError> {
        let sym = config.currency_symbol.replace('"', "");
        let money = Format::new().set_num_format(format!("\"{sym}\"#,##0.00"));
        let bold = Format::new().set_bold();
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name(sheet)?;
        for (c, name) in table.all_headers().iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *name, &bold)?;
            ws.set_column_width(c as u16, 14)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, v) in row.iter().enumerate() {
                let c = c as u16;
                match v {
                    Val::Text(s) => {
                        ws.write_string(r, c, s)?;
                    }
                    Val::Int(n) => {
                        ws.write_number(r, c, *n as f64)?;
                    }
                    Val::Money(cents) => {
                        ws.write_number_with_format(r, c, *cents as f64 / 100.0, &money)?;
                    }
                    Val::Bool(b) => {
                        ws.write_boolean(r, c, *b)?;
                    }
                    Val::Empty => {}
                }
            }
        }
        ws.set_freeze_panes(1, 0)?;
        wb.save_to_buffer()
    };
    build().map_err(|e| {
        Error::invalid(crate::t!(
            "cfg-cannot-build-the-workbook",
            e = e.to_string()
        ))
    })
}

/// The export of `kind` in `format`, as the bytes to write: `owner`'s book (the customers
/// they own, the calls they made, the deals they own), or everyone's when `owner` is None.
pub fn export(
    store: &Store,
    config: &Config,
    kind: ExportKind,
    format: ExportFormat,
    owner: Option<&Rep>,
) -> Result<Vec<u8>> {
    let customers = || -> Result<Vec<Customer>> {
        let mut all = store.all_customers()?;
        if let Some(rep) = owner {
            all.retain(|c| c.owner_id == Some(rep.id));
        }
        Ok(all)
    };
    let tiers = || -> Result<HashMap<i64, CustomerTiers>> {
        let clock = Clock::from_env()?;
        store.all_tiers(clock.today(), &clock)
    };
    if kind == ExportKind::Customers && format == ExportFormat::Json {
        // The same objects `show --format json` gives, without calls and score.
        let tiers = tiers()?;
        let mut out: Vec<Value> = Vec::new();
        for c in customers()? {
            let mut v = customer_json(&c, config);
            if let Some(obj) = v.as_object_mut() {
                obj.insert(
                    "extra_fields".into(),
                    extra_json(&store.extra_fields(c.id)?),
                );
                if let Some(t) = tiers.get(&c.id) {
                    obj.insert(
                        "tiers".into(),
                        serde_json::json!({
                            "abc": t.tiers.abc.to_string(),
                            "rfm": t.tiers.rfm,
                            "revenue_12m_cents": t.tiers.revenue_12m_cents,
                        }),
                    );
                }
            }
            out.push(v);
        }
        return Ok(pretty(&Value::Array(out)));
    }
    let table = match kind {
        ExportKind::Customers => {
            let customers = customers()?;
            let mut table = customers_table(&customers);
            add_extra_fields(&mut table, store, &customers)?;
            add_tiers(&mut table, &tiers()?, &customers);
            table
        }
        ExportKind::Calls => {
            let mut calls = store.all_calls()?;
            if let Some(rep) = owner {
                calls.retain(|k| k.rep == rep.name);
            }
            calls_table(&calls)
        }
        ExportKind::Deals => {
            let mut deals = store.all_deals()?;
            if let Some(rep) = owner {
                deals.retain(|d| d.owner.as_deref() == Some(rep.name.as_str()));
            }
            deals_table(&deals)
        }
    };
    match format {
        ExportFormat::Csv => Ok(to_csv(&table).into_bytes()),
        ExportFormat::Json => Ok(pretty(&to_json_records(&table))),
        ExportFormat::Xlsx => to_xlsx(&table, kind.as_str(), config),
    }
}

fn pretty(v: &Value) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(v).expect("JSON values always serialise");
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_written_in_units() {
        assert_eq!(units(1_200_050), "12000.50");
        assert_eq!(units(5), "0.05");
        assert_eq!(units(-150), "-1.50");
    }
}
