//! PostgreSQL's side of `db`: values to and from the wire, `?N` placeholders made `$N`,
//! and connecting.

use std::error::Error as StdError;

use postgres::types::{FromSql, IsNull, ToSql, Type, to_sql_checked};

use super::db::Value;

type BoxError = Box<dyn StdError + Sync + Send>;

/// A statement as PostgreSQL takes it: `$N` for SQLite's `?N`, and without SQLite's
/// `INDEXED BY name` hints (PostgreSQL's planner picks its indexes by itself).
pub(crate) fn placeholders(sql: &str) -> String {
    let text = dollars(sql);
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find(" INDEXED BY ") {
        out.push_str(&rest[..at]);
        let after = &rest[at + " INDEXED BY ".len()..];
        let end = after
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        rest = &after[end..];
    }
    out.push_str(rest);
    // SQLite's CROSS JOIN fixes the join order; PostgreSQL takes no ON after it.
    out.replace(" CROSS JOIN ", " JOIN ")
}

/// SQLite's `?N` (and bare `?`) as PostgreSQL's `$N`, outside quoted text.
fn dollars(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut quote: Option<char> = None;
    let mut next = 1;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                if c == q {
                    quote = None;
                }
                out.push(c);
            }
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                out.push(c);
            }
            None if c == '?' => {
                out.push('$');
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                if digits.is_empty() {
                    out.push_str(&next.to_string());
                    next += 1;
                } else {
                    out.push_str(&digits);
                }
            }
            None => out.push(c),
        }
    }
    out
}

/// A parameter, written as whatever type the server inferred for its place: the store
/// binds integers, text and reals the way SQLite takes them.
#[derive(Debug)]
pub(crate) struct PgParam(pub Value);

impl ToSql for PgParam {
    fn to_sql(&self, ty: &Type, out: &mut bytes::BytesMut) -> Result<IsNull, BoxError> {
        let v = &self.0;
        if *v == Value::Null {
            return Ok(IsNull::Yes);
        }
        let int = || -> Result<i64, BoxError> {
            match v {
                Value::Int(i) => Ok(*i),
                Value::Real(f) => Ok(*f as i64),
                Value::Text(s) => s
                    .trim()
                    .parse()
                    .map_err(|_| format!("'{s}' is not a whole number").into()),
                _ => Err("bytes given for a number".into()),
            }
        };
        match *ty {
            Type::INT8 => int()?.to_sql(ty, out),
            Type::INT4 => i32::try_from(int()?)?.to_sql(ty, out),
            Type::INT2 => i16::try_from(int()?)?.to_sql(ty, out),
            Type::BOOL => (int()? != 0).to_sql(ty, out),
            Type::FLOAT8 | Type::FLOAT4 => {
                let f = match v {
                    Value::Real(f) => *f,
                    Value::Int(i) => *i as f64,
                    Value::Text(s) => s.trim().parse()?,
                    _ => return Err("bytes given for a number".into()),
                };
                if *ty == Type::FLOAT4 {
                    (f as f32).to_sql(ty, out)
                } else {
                    f.to_sql(ty, out)
                }
            }
            Type::BYTEA => match v {
                Value::Blob(b) => b.to_sql(ty, out),
                Value::Text(s) => s.as_bytes().to_sql(ty, out),
                _ => Err("a number given for bytes".into()),
            },
            Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => {
                let text = match v {
                    Value::Text(s) => s.clone(),
                    Value::Int(i) => i.to_string(),
                    Value::Real(f) => f.to_string(),
                    Value::Blob(b) => String::from_utf8_lossy(b).into_owned(),
                    Value::Null => unreachable!("handled above"),
                };
                out.extend_from_slice(text.as_bytes());
                Ok(IsNull::No)
            }
            // Anything else would need its own binary form: the SQL casts to TEXT first.
            _ => Err(format!("cannot send a value as {ty}: cast the parameter to TEXT").into()),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

/// A column read from PostgreSQL as the `Value` SQLite would have given.
pub(crate) struct PgValue(pub Value);

impl<'a> FromSql<'a> for PgValue {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
        Ok(PgValue(match *ty {
            Type::INT8 => Value::Int(i64::from_sql(ty, raw)?),
            Type::INT4 => Value::Int(i32::from_sql(ty, raw)?.into()),
            Type::INT2 => Value::Int(i16::from_sql(ty, raw)?.into()),
            Type::BOOL => Value::Int(bool::from_sql(ty, raw)?.into()),
            Type::FLOAT8 => Value::Real(f64::from_sql(ty, raw)?),
            Type::FLOAT4 => Value::Real(f32::from_sql(ty, raw)?.into()),
            Type::NUMERIC => numeric(raw)?,
            Type::BYTEA => Value::Blob(raw.to_vec()),
            Type::OID => Value::Int(u32::from_sql(ty, raw)?.into()),
            _ => Value::Text(String::from_utf8_lossy(raw).into_owned()),
        }))
    }

    fn from_sql_null(_: &Type) -> Result<Self, BoxError> {
        Ok(PgValue(Value::Null))
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// NUMERIC (what `sum` of BIGINT and `avg` give): whole numbers as integers, the rest as
/// reals, as SQLite's `sum` and `avg` return them.
fn numeric(raw: &[u8]) -> Result<Value, BoxError> {
    let word = |i: usize| -> Result<u16, BoxError> {
        raw.get(i..i + 2)
            .map(|b| u16::from_be_bytes([b[0], b[1]]))
            .ok_or_else(|| "short numeric".into())
    };
    let ndigits = word(0)? as usize;
    let weight = word(2)? as i16 as i32;
    let sign = word(4)?;
    let dscale = word(6)?;
    if sign == 0xC000 {
        return Ok(Value::Real(f64::NAN));
    }
    let negative = sign == 0x4000;
    if dscale == 0 {
        let mut n: i128 = 0;
        for i in 0..ndigits {
            n = n * 10_000 + i128::from(word(8 + 2 * i)?);
        }
        let exp = weight + 1 - ndigits as i32;
        for _ in 0..exp.max(0) {
            n *= 10_000;
        }
        let n = if negative { -n } else { n };
        return Ok(i64::try_from(n).map_or(Value::Real(n as f64), Value::Int));
    }
    let mut f = 0.0f64;
    for i in 0..ndigits {
        f += f64::from(word(8 + 2 * i)?) * 10_000f64.powi(weight - i as i32);
    }
    Ok(Value::Real(if negative { -f } else { f }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_dollars_outside_quotes() {
        assert_eq!(
            placeholders("SELECT ?1, '?2', ?12 FROM t WHERE a = ? AND b = \"x?\""),
            "SELECT $1, '?2', $12 FROM t WHERE a = $1 AND b = \"x?\""
        );
        assert_eq!(
            placeholders("SELECT 1 FROM calls k INDEXED BY calls_at WHERE k.at > ?1"),
            "SELECT 1 FROM calls k WHERE k.at > $1"
        );
    }

    #[test]
    fn numeric_sums_read_as_integers_and_averages_as_reals() {
        // 12345678 = digits [1234, 5678], weight 1, dscale 0.
        let raw = [0, 2, 0, 1, 0, 0, 0, 0, 0x04, 0xD2, 0x16, 0x2E];
        assert_eq!(numeric(&raw).unwrap(), Value::Int(12_345_678));
        // -20000: one digit [2], weight 1.
        let raw = [0, 1, 0, 1, 0x40, 0, 0, 0, 0, 2];
        assert_eq!(numeric(&raw).unwrap(), Value::Int(-20_000));
        // 2.5: digits [2, 5000], weight 0, dscale 1.
        let raw = [0, 2, 0, 0, 0, 0, 0, 1, 0, 2, 0x13, 0x88];
        assert_eq!(numeric(&raw).unwrap(), Value::Real(2.5));
    }
}
