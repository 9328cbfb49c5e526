//! `calldeck export customers|calls|deals`: the same table written as CSV (UTF-8 with BOM,
//! formulas neutralised), JSON, or an Excel sheet with numbers as numbers. The customers'
//! CSV uses the plain field names the importer reads, so an export imports back.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, XlsxError};
use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer as _};
use serde_json::Value;

use super::csv_safe::push_text;
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

/// Where the rows of an export come from: the header names, then the rows one at a time
/// (`feed` calls its argument once per row, in order).
type Feed<'a> = Box<dyn FnOnce(&mut dyn FnMut(&[Val]) -> Result<()>) -> Result<()> + 'a>;

struct Rows<'a> {
    headers: Vec<String>,
    feed: Feed<'a>,
}

/// The extra field names as export columns: a name the fixed columns already use gets
/// "extra: ", so what an import kept goes back out under the name it came in with.
fn extra_headers(names: &[String]) -> Vec<String> {
    names
        .iter()
        .map(|n| {
            if CUSTOMER_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(n)) {
                format!("extra: {n}")
            } else {
                n.clone()
            }
        })
        .collect()
}

/// The columns of a customer's tiers, written after the fixed ones; an import passes them by.
pub const TIER_HEADERS: [&str; 3] = ["abc_tier", "rfm_segment", "revenue_12m"];

/// The customers' tiers (ABC by revenue within the owner's book, RFM segment), computed
/// once for the export as of the clock's today.
fn export_tiers(store: &Store) -> Result<HashMap<i64, CustomerTiers>> {
    let clock = Clock::from_env()?;
    store.all_tiers(clock.today(), &clock)
}

fn tier_cells(tiers: &HashMap<i64, CustomerTiers>, id: i64) -> [Val; 3] {
    match tiers.get(&id) {
        Some(t) => [
            text(t.tiers.abc.to_string()),
            text(t.tiers.rfm),
            Val::Money(t.tiers.revenue_12m_cents),
        ],
        None => [text(""), text(""), text("")],
    }
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

pub const CALL_HEADERS: [&str; 18] = [
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
];

pub const DEAL_HEADERS: [&str; 11] = [
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
];

pub fn customer_row(c: &Customer) -> Vec<Val> {
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
}

pub fn call_row(k: &CallRecord) -> Vec<Val> {
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
}

pub fn deal_row(d: &DealRecord) -> Vec<Val> {
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
}

fn headers(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

/// The rows of `kind` in `owner`'s book (everyone's when None), read as they are written.
fn rows<'a>(store: &'a Store, kind: ExportKind, owner: Option<i64>) -> Result<Rows<'a>> {
    Ok(match kind {
        ExportKind::Customers => {
            let names = store.extra_field_names()?;
            let tiers = export_tiers(store)?;
            let mut all = headers(&CUSTOMER_HEADERS);
            all.extend(extra_headers(&names));
            all.extend(TIER_HEADERS.map(String::from));
            Rows {
                headers: all,
                feed: Box::new(move |each| {
                    store.for_each_customer(owner, |c| {
                        let mut row = customer_row(&c);
                        if !names.is_empty() {
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
                        row.extend(tier_cells(&tiers, c.id));
                        each(&row)
                    })
                }),
            }
        }
        ExportKind::Calls => Rows {
            headers: headers(&CALL_HEADERS),
            feed: Box::new(move |each| store.for_each_call(owner, |k| each(&call_row(&k)))),
        },
        ExportKind::Deals => Rows {
            headers: headers(&DEAL_HEADERS),
            feed: Box::new(move |each| store.for_each_deal(owner, |d| each(&deal_row(&d)))),
        },
    })
}

/// A write to the export's target failed: the error names the target.
fn write_error(target: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |e| Error::io("cannot write", target, e)
}

fn write_csv(rows: Rows, out: &mut dyn Write, target: &Path) -> Result<()> {
    let mut line = String::from('\u{feff}');
    for (i, name) in rows.headers.iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        push_text(&mut line, name);
    }
    line.push_str("\r\n");
    out.write_all(line.as_bytes())
        .map_err(write_error(target))?;
    (rows.feed)(&mut |row| {
        line.clear();
        for (i, v) in row.iter().enumerate() {
            if i > 0 {
                line.push(',');
            }
            match v {
                Val::Text(s) => push_text(&mut line, s),
                Val::Int(n) => {
                    let _ = write!(line, "{n}");
                }
                Val::Money(c) => line.push_str(&units(*c)),
                Val::Bool(b) => line.push_str(if *b { "true" } else { "false" }),
                Val::Empty => {}
            }
        }
        line.push_str("\r\n");
        out.write_all(line.as_bytes()).map_err(write_error(target))
    })
}

/// One exported value as JSON: money as integer cents.
struct JsonVal<'a>(&'a Val);

impl Serialize for JsonVal<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self.0 {
            Val::Text(t) => s.serialize_str(t),
            Val::Int(n) | Val::Money(n) => s.serialize_i64(*n),
            Val::Bool(b) => s.serialize_bool(*b),
            Val::Empty => s.serialize_unit(),
        }
    }
}

/// One flat record: its keys in name order (as a JSON object map keeps them), a repeated
/// key keeping its last value.
struct JsonRecord<'a>(Vec<(Cow<'a, str>, &'a Val)>);

impl<'a> JsonRecord<'a> {
    fn new(headers: &'a [String], row: &'a [Val]) -> JsonRecord<'a> {
        let mut fields: Vec<(Cow<str>, &Val)> = headers
            .iter()
            .zip(row)
            .map(|(name, v)| match v {
                Val::Money(_) => (Cow::Owned(format!("{name}_cents")), v),
                _ => (Cow::Borrowed(name.as_str()), v),
            })
            .collect();
        fields.sort_by(|a, b| a.0.cmp(&b.0));
        let mut kept: Vec<(Cow<str>, &Val)> = Vec::with_capacity(fields.len());
        for field in fields {
            match kept.last_mut() {
                Some(last) if last.0 == field.0 => *last = field,
                _ => kept.push(field),
            }
        }
        JsonRecord(kept)
    }
}

impl Serialize for JsonRecord<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (key, v) in &self.0 {
            map.serialize_entry(key.as_ref(), &JsonVal(v))?;
        }
        map.end()
    }
}

/// An element of a JSON export: a flat record, or a customer's object.
enum Element<'a> {
    Record(JsonRecord<'a>),
    Object(&'a Value),
}

impl Serialize for Element<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Element::Record(r) => r.serialize(s),
            Element::Object(v) => v.serialize(s),
        }
    }
}

/// A pretty JSON array written element by element: the same bytes as the whole array
/// pretty-printed at once, and a closing newline.
fn write_json_array(
    out: &mut dyn Write,
    target: &Path,
    fill: impl FnOnce(&mut dyn FnMut(Element<'_>) -> Result<()>) -> Result<()>,
) -> Result<()> {
    let json_error = |e: serde_json::Error| Error::io("cannot write", target, e.into());
    let mut ser = serde_json::Serializer::pretty(&mut *out);
    let mut seq = (&mut ser).serialize_seq(None).map_err(json_error)?;
    fill(&mut |element| seq.serialize_element(&element).map_err(json_error))?;
    SerializeSeq::end(seq).map_err(json_error)?;
    out.write_all(b"\n").map_err(write_error(target))
}

fn write_xlsx<W: Write + Send>(
    rows: Rows,
    sheet: &str,
    config: &Config,
    out: W,
    tempdir: Option<&Path>,
) -> Result<()> {
    let workbook_error = |e: XlsxError| {
        Error::invalid(crate::t!(
            "cfg-cannot-build-the-workbook",
            e = e.to_string()
        ))
    };
    let sym = config.currency_symbol.replace('"', "");
    let money = Format::new().set_num_format(format!("\"{sym}\"#,##0.00"));
    let bold = Format::new().set_bold();
    let mut wb = Workbook::new();
    if let Some(dir) = tempdir {
        // The sheet's rows wait on disk beside the export, not in memory.
        wb.set_tempdir(dir).map_err(workbook_error)?;
    }
    let ws = wb
        .add_worksheet_with_constant_memory()
        .map_err(workbook_error)?;
    let mut build = || -> Result<(), XlsxError> {
        ws.set_name(sheet)?;
        for (c, name) in rows.headers.iter().enumerate() {
            ws.set_column_width(c as u16, 14)?;
            ws.write_string_with_format(0, c as u16, name, &bold)?;
        }
        ws.set_freeze_panes(1, 0)?;
        Ok(())
    };
    build().map_err(workbook_error)?;
    let mut r: u32 = 0;
    (rows.feed)(&mut |row| {
        r += 1;
        let mut write = || -> Result<(), XlsxError> {
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
            Ok(())
        };
        write().map_err(workbook_error)
    })?;
    wb.save_to_writer(out).map_err(workbook_error)
}

/// Writes the export of `kind` in `format` to `out` as it is read: `owner`'s book (the
/// customers they own, the calls they made, the deals they own), or everyone's when
/// `owner` is None. `target` names `out` in errors; a workbook keeps its rows in a
/// temporary file in `tempdir` (the system's when None) until it is saved.
#[allow(clippy::too_many_arguments)]
pub fn write_export<W: Write + Send>(
    store: &Store,
    config: &Config,
    kind: ExportKind,
    format: ExportFormat,
    owner: Option<&Rep>,
    mut out: W,
    target: &Path,
    tempdir: Option<&Path>,
) -> Result<()> {
    let owner = owner.map(|rep| rep.id);
    if kind == ExportKind::Customers && format == ExportFormat::Json {
        // The same objects `show --format json` gives, without calls and score.
        let tiers = export_tiers(store)?;
        return write_json_array(&mut out, target, |element| {
            store.for_each_customer(owner, |c| {
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
                element(Element::Object(&v))
            })
        });
    }
    let rows = rows(store, kind, owner)?;
    match format {
        ExportFormat::Csv => write_csv(rows, &mut out, target),
        ExportFormat::Json => {
            let Rows { headers, feed } = rows;
            write_json_array(&mut out, target, |element| {
                feed(&mut |row| element(Element::Record(JsonRecord::new(&headers, row))))
            })
        }
        ExportFormat::Xlsx => write_xlsx(rows, kind.as_str(), config, out, tempdir),
    }
}

/// The export of `kind` in `format`, as the bytes to write (see `write_export`).
pub fn export(
    store: &Store,
    config: &Config,
    kind: ExportKind,
    format: ExportFormat,
    owner: Option<&Rep>,
) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    write_export(
        store,
        config,
        kind,
        format,
        owner,
        &mut bytes,
        Path::new("memory"),
        None,
    )?;
    Ok(bytes)
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
