//! `--kind deals`: another CRM's pipeline. Each row is a deal of the customer its company
//! names (created if new); won and lost rows are closed deals in history, the most
//! advanced open row becomes the customer's open deal.

use std::collections::{BTreeMap, BTreeSet};

use crate::store::Transaction;
use chrono::NaiveDate;

use super::dates::parse_date;
use super::record::{Field, Record};
use super::stages::{StageMap, StageValue};
use super::{ImportOptions, ImportReport, Rejection};
use crate::clock::Clock;
use crate::config::Config;
use crate::domain::{STAGE_RENEWAL, parse_money};
use crate::error::Result;
use crate::store::extra_fields::{add_external_id, external_ids};
use crate::store::import::{
    ClosedDeal, OpenDeal, Settled, drop_open_deal, insert_closed_deal, set_open_deal,
    settle_closed_deals,
};
use crate::store::{NewCustomer, insert_customer};

/// A row read and checked, before it is written.
struct DealRow {
    company: String,
    owner_id: Option<i64>,
    product: String,
    stage: StageValue,
    value_cents: i64,
    opened: Option<NaiveDate>,
    closed: Option<NaiveDate>,
}

/// The best open row seen for a customer so far.
struct BestOpen {
    stage: u8,
    value_cents: i64,
    owner_id: Option<i64>,
    product: String,
    opened: NaiveDate,
}

/// Renewals (7) rank between "interested" and "intends to choose us".
fn rank(stage: u8) -> f32 {
    if stage == STAGE_RENEWAL {
        3.5
    } else {
        f32::from(stage)
    }
}

pub fn import(
    tx: &Transaction,
    records: impl Iterator<Item = Record>,
    options: &ImportOptions,
    config: &Config,
    clock: &Clock,
    report: &mut ImportReport,
) -> Result<()> {
    let (mut index, mut owners, stages) = super::lookups(tx, options, config)?;
    let mut external = external_ids(tx)?;
    let mut best_open: BTreeMap<i64, BestOpen> = BTreeMap::new();
    let mut closed_customers: BTreeSet<i64> = BTreeSet::new();
    let mut open_rows = 0usize;
    for record in records {
        let record = &record;
        let row = match read_deal(record, &stages, options) {
            Ok(row) => row,
            Err((field, reason)) => {
                report.rejected.push(Rejection::at(record, field, reason));
                continue;
            }
        };
        // A deal imported before (same id in the same CRM): closed, it is left as it
        // was; open, it updates the customer's open deal; open then and closed now, it
        // closes.
        let deal_key = match record.get(Field::Id) {
            "" => None,
            id => Some(format!("deal:{id}")),
        };
        let known = deal_key.as_ref().and_then(|k| external.get(k).copied());
        let closed_key = deal_key.as_ref().map(|k| format!("{k}:closed"));
        let closed_now = matches!(row.stage, StageValue::Won | StageValue::Lost);
        if closed_key
            .as_ref()
            .is_some_and(|k| external.contains_key(k))
        {
            report.deals_known += 1;
            continue;
        }
        if let Some(customer) = known
            && closed_now
        {
            drop_open_deal(tx, customer)?;
        }
        // Salesforce's opportunities name their account only by its id.
        let account = record.get(Field::AccountId);
        let by_account = (!account.is_empty())
            .then(|| external.get(account).copied())
            .flatten();
        if !account.is_empty() && by_account.is_none() && record.get(Field::Company).is_empty() {
            report.rejected.push(Rejection::at(
                record,
                Field::AccountId,
                format!(
                    "no customer has the account id '{account}': import the accounts file first (its id column is kept), or add a company column"
                ),
            ));
            continue;
        }
        let owner_id = match owners.of_row(tx, record, options.default_owner, clock)? {
            Ok(owner) => owner,
            Err(rejection) => {
                report.rejected.push(rejection);
                continue;
            }
        };
        let row = DealRow { owner_id, ..row };
        let customer_id = match known.or(by_account).or_else(|| index.company(&row.company)) {
            Some(id) => id,
            None => {
                let new = NewCustomer {
                    company: row.company.clone(),
                    owner_id: row.owner_id,
                    ..NewCustomer::named(&row.company)
                };
                let id = insert_customer(tx, &new, clock)?;
                index.add(id, &[], &[], &row.company);
                report.created += 1;
                id
            }
        };
        if !account.is_empty() && !external.contains_key(account) {
            add_external_id(tx, account, customer_id)?;
            external.insert(account.to_string(), customer_id);
        }
        let keys = [deal_key, closed_key.filter(|_| closed_now)];
        for key in keys.into_iter().flatten() {
            if let std::collections::hash_map::Entry::Vacant(slot) = external.entry(key) {
                add_external_id(tx, slot.key(), customer_id)?;
                slot.insert(customer_id);
            }
        }
        match row.stage {
            StageValue::Won | StageValue::Lost => {
                let won = row.stage == StageValue::Won;
                let closed = row.closed.unwrap_or_else(|| clock.today());
                insert_closed_deal(
                    tx,
                    &ClosedDeal {
                        customer_id,
                        owner_id: row.owner_id,
                        product: &row.product,
                        value_cents: row.value_cents,
                        opened: row.opened.unwrap_or(closed),
                        closed,
                        won,
                        lost_at_stage: 1,
                    },
                    config.contracts.term_months,
                    clock,
                )?;
                if won {
                    report.deals_won += 1;
                } else {
                    report.deals_lost += 1;
                }
                closed_customers.insert(customer_id);
            }
            StageValue::Open(stage) => {
                open_rows += 1;
                let candidate = BestOpen {
                    stage,
                    value_cents: row.value_cents,
                    owner_id: row.owner_id,
                    product: row.product,
                    opened: row.opened.unwrap_or_else(|| clock.today()),
                };
                let better = best_open.get(&customer_id).is_none_or(|b| {
                    (rank(candidate.stage), candidate.value_cents) > (rank(b.stage), b.value_cents)
                });
                if better {
                    best_open.insert(customer_id, candidate);
                }
            }
        }
    }
    for (customer_id, b) in &best_open {
        set_open_deal(
            tx,
            &OpenDeal {
                customer_id: *customer_id,
                owner_id: b.owner_id,
                product: &b.product,
                value_cents: b.value_cents,
                stage: b.stage,
                opened: b.opened,
            },
            clock,
        )?;
    }
    // The summary counts what is stored: one open deal per customer.
    report.deals_open = best_open.len();
    report.deals_folded = open_rows - best_open.len();
    let term = config.contracts.term_months;
    for customer_id in closed_customers.difference(&best_open.keys().copied().collect()) {
        match settle_closed_deals(tx, *customer_id, term, clock)? {
            Settled::RenewalOpened => {
                report.renewals_opened += 1;
                report.deals_open += 1;
            }
            Settled::Lost => report.lost += 1,
            Settled::UnderContract | Settled::Unchanged => {}
        }
    }
    report.reps_created = owners.created;
    Ok(())
}

fn read_deal(
    r: &Record,
    stages: &StageMap,
    options: &ImportOptions,
) -> std::result::Result<DealRow, (Field, String)> {
    if let Some(problem) = r.garbled() {
        return Err(problem);
    }
    let company = [Field::Company, Field::Name]
        .into_iter()
        .map(|f| r.get(f))
        .find(|v| !v.is_empty())
        .or((!r.get(Field::AccountId).is_empty()).then_some(""))
        .ok_or((
            Field::Company,
            "no company: a deal needs the customer it belongs to".to_string(),
        ))?
        .to_string();
    let stage = match r.get(Field::Stage) {
        "" => {
            return Err((
                Field::Stage,
                "no stage: say where the deal stands (a stage number, won or lost)".into(),
            ));
        }
        s => stages.read(s).map_err(|e| (Field::Stage, e))?,
    };
    let date = |f: Field| match r.get(f) {
        "" => Ok(None),
        s => parse_date(s, options.date_order)
            .map(Some)
            .map_err(|e| (f, e)),
    };
    let opened = date(Field::Opened)?;
    let closed = date(Field::Closed)?;
    if matches!(stage, StageValue::Won | StageValue::Lost) && closed.is_none() {
        return Err((
            Field::Closed,
            "a won or lost deal needs the date it closed".into(),
        ));
    }
    let value_cents = match r.get(Field::Value) {
        "" => 0,
        s => parse_money(s).map_err(|e| (Field::Value, e.to_string()))?,
    };
    Ok(DealRow {
        company,
        owner_id: None,
        product: r.get(Field::Product).to_string(),
        stage,
        value_cents,
        opened,
        closed,
    })
}
