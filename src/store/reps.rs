use super::db::{OptionalExtension, Row, params};
use serde::Serialize;

use super::{Store, ts};
use crate::clock::Clock;
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RepRole {
    Rep,
    Lead,
}

impl RepRole {
    pub fn as_str(self) -> &'static str {
        match self {
            RepRole::Rep => "rep",
            RepRole::Lead => "lead",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rep {
    #[serde(skip)]
    pub id: i64,
    pub name: String,
    pub role: RepRole,
    /// The rep's own daily quota; `None` takes the configured one.
    pub quota: Option<u32>,
    /// Customers in the rep's book.
    pub customers: i64,
    /// The monthly revenue target, in cents, if one is set.
    pub target_cents: Option<i64>,
}

impl Rep {
    pub fn is_lead(&self) -> bool {
        self.role == RepRole::Lead
    }
}

const REP_COLUMNS: &str = "r.id, r.name, r.role, r.quota,
    (SELECT count(*) FROM customers c WHERE c.owner_id = r.id), r.target_cents";

fn rep_from_row(r: &Row) -> super::db::Result<Rep> {
    let role: String = r.get(2)?;
    Ok(Rep {
        id: r.get(0)?,
        name: r.get(1)?,
        role: if role == "lead" {
            RepRole::Lead
        } else {
            RepRole::Rep
        },
        quota: r.get::<_, Option<i64>>(3)?.map(|q| q as u32),
        customers: r.get(4)?,
        target_cents: r.get(5)?,
    })
}

impl Store {
    pub fn add_rep(
        &self,
        name: &str,
        role: RepRole,
        quota: Option<u32>,
        clock: &Clock,
    ) -> Result<Rep> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::invalid(crate::t!("store-rep-needs-name")));
        }
        if quota == Some(0) {
            return Err(Error::invalid("a quota must be at least 1 call a day"));
        }
        // The check and the insert under one lock: two reps added at once with the same
        // name get the clear refusal, not a constraint error.
        let tx = self.transaction()?;
        let exists: Option<i64> = tx
            .query_row(
                "SELECT id FROM reps WHERE lower(name) = lower(?1)",
                [name],
                |r| r.get(0),
            )
            .optional()?;
        if exists.is_some() {
            return Err(Error::invalid(crate::t!("store-rep-exists", name = name)));
        }
        insert_rep(&tx, name, role, quota, clock)?;
        tx.commit()?;
        self.rep_by_name(name)?
            .ok_or_else(|| Error::invalid("the rep just added cannot be read back"))
    }

    /// Sets (or with `None` clears) a rep's monthly revenue target.
    pub fn set_rep_target(&mut self, rep_id: i64, target_cents: Option<i64>) -> Result<()> {
        if target_cents.is_some_and(|t| t < 0) {
            return Err(Error::invalid("a target must be 0 or more"));
        }
        let tx = self.transaction()?;
        tx.execute(
            "UPDATE reps SET target_cents = ?2 WHERE id = ?1",
            params![rep_id, target_cents],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn reps(&self) -> Result<Vec<Rep>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {REP_COLUMNS} FROM reps r ORDER BY r.role DESC, r.name"
        ))?;
        let reps = stmt
            .query_map([], rep_from_row)?
            .collect::<super::db::Result<Vec<_>>>()?;
        Ok(reps)
    }

    pub fn rep_by_name(&self, name: &str) -> Result<Option<Rep>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {REP_COLUMNS} FROM reps r WHERE lower(r.name) = lower(?1)"),
                [name.trim()],
                rep_from_row,
            )
            .optional()?)
    }

    pub fn rep_by_id(&self, id: i64) -> Result<Option<Rep>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {REP_COLUMNS} FROM reps r WHERE r.id = ?1"),
                [id],
                rep_from_row,
            )
            .optional()?)
    }

    /// The rep last chosen for this file (in the TUI's picker), shared by the TUI and the
    /// commands.
    pub fn remembered_rep(&self) -> Result<Option<String>> {
        Ok(self.meta("rep")?.filter(|n| !n.trim().is_empty()))
    }

    pub fn remember_rep(&self, name: &str) -> Result<()> {
        self.set_meta("rep", name)
    }

    /// The rep a command acts for: the name given, else the only rep in the file.
    pub fn resolve_rep(&self, name: Option<&str>) -> Result<Rep> {
        let name = name.map(str::trim).filter(|n| !n.is_empty());
        // A named rep is one lookup; the whole team (each with its book counted) is read
        // only to say who there is when the name matches no one.
        if let Some(name) = name
            && let Some(rep) = self.rep_by_name(name)?
        {
            return Ok(rep);
        }
        let reps = self.reps()?;
        let names = || {
            if reps.is_empty() {
                crate::t!("store-no-reps")
            } else {
                let list: Vec<&str> = reps.iter().map(|r| r.name.as_str()).collect();
                crate::t!("store-give-rep", reps = list.join(", "))
            }
        };
        match name {
            Some(name) => Err(Error::NoRep {
                name: name.to_string(),
                hint: names(),
            }),
            None => {
                let workers: Vec<&Rep> = reps.iter().filter(|r| !r.is_lead()).collect();
                let only = match (workers.as_slice(), reps.as_slice()) {
                    ([only], _) => Some((*only).clone()),
                    (_, [only]) => Some(only.clone()),
                    _ => None,
                };
                match only {
                    Some(rep) => Ok(rep),
                    None if reps.is_empty() => Err(Error::invalid(names())),
                    None => Err(Error::invalid(crate::t!(
                        "store-several-reps",
                        hint = names()
                    ))),
                }
            }
        }
    }
}

pub(crate) fn insert_rep(
    conn: &super::db::Conn,
    name: &str,
    role: RepRole,
    quota: Option<u32>,
    clock: &Clock,
) -> Result<()> {
    conn.execute(
        "INSERT INTO reps (name, role, quota, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![
            name,
            role.as_str(),
            quota.map(i64::from),
            ts(clock.now_utc())
        ],
    )?;
    Ok(())
}
