//! The customer card: everything the card shows, loaded in one go, and its JSON shape
//! (`calldeck show --format json`; `export customers` uses the same object without calls
//! and score).

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Value, json};

use crate::clock::Clock;
use crate::config::Config;
use crate::error::Result;
use crate::planner::Score;
use crate::store::{CallRecord, Customer, Store};

#[derive(Debug, Clone)]
pub struct CardData {
    pub customer: Customer,
    pub calls: Vec<CallRecord>,
    pub complaint: Option<(String, DateTime<Utc>)>,
    pub contract: Option<(i64, NaiveDate, NaiveDate)>,
    /// The planner's score for today; `None` for customers it never plans.
    pub score: Option<Score>,
    /// Columns an import kept that map to no field, by name.
    pub extra_fields: Vec<(String, String)>,
    /// Every complaint, resolved ones included, newest first.
    pub complaints: Vec<crate::store::Complaint>,
    /// ABC by revenue and the RFM segment, over the owner's book.
    pub tiers: crate::store::Tiers,
}

/// A contract's status on a given day.
pub fn contract_status(
    contract: Option<(i64, NaiveDate, NaiveDate)>,
    today: NaiveDate,
) -> &'static str {
    match contract {
        None => "none",
        Some((_, start, end)) if start <= today && today <= end => "active",
        Some((_, start, _)) if start > today => "signed",
        Some(_) => "expired",
    }
}

impl CardData {
    pub fn load(store: &Store, id: i64, clock: &Clock, config: &Config) -> Result<CardData> {
        Ok(CardData {
            customer: store.customer(id)?,
            calls: store.calls_of(id)?,
            complaint: store.open_complaint(id)?,
            contract: store.latest_contract(id)?,
            score: crate::planner::score_of(store, id, clock.today(), clock, config)?,
            extra_fields: store.extra_fields(id)?,
            complaints: store.complaints(Some(id), false)?,
            tiers: store.tiers(id, clock.today(), clock)?,
        })
    }

    pub fn to_json(&self, config: &Config, today: NaiveDate) -> Value {
        let mut v = customer_json(&self.customer, config);
        let obj = v.as_object_mut().expect("customer_json builds an object");
        obj.insert(
            "contract".into(),
            json!({
                "status": contract_status(self.contract, today),
                "value_cents": self.contract.map(|c| c.0),
                "start": self.contract.map(|c| c.1.to_string()),
                "end": self.contract.map(|c| c.2.to_string()),
            }),
        );
        obj.insert("extra_fields".into(), extra_json(&self.extra_fields));
        obj.insert(
            "complaint".into(),
            match &self.complaint {
                Some((text, at)) => json!({"text": text, "opened_at": at.to_rfc3339()}),
                None => Value::Null,
            },
        );
        obj.insert(
            "tiers".into(),
            json!({
                "abc": self.tiers.abc.to_string(),
                "rfm": self.tiers.rfm,
                "revenue_12m_cents": self.tiers.revenue_12m_cents,
            }),
        );
        obj.insert(
            "complaints".into(),
            self.complaints
                .iter()
                .map(|k| {
                    json!({
                        "id": k.id,
                        "text": k.text,
                        "category": k.category,
                        "assignee": k.assignee,
                        "opened_at": k.opened_at.to_rfc3339(),
                        "due": k.due_on.map(|d| d.to_string()),
                        "resolved_at": k.resolved_at.map(|t| t.to_rfc3339()),
                        "resolution": k.resolution,
                        "follow_up_due": k.follow_up_on.map(|d| d.to_string()),
                        "followed_up": k.followed_up,
                    })
                })
                .collect::<Vec<_>>()
                .into(),
        );
        obj.insert(
            "score".into(),
            match &self.score {
                Some(score) => json!({
                    "total": score.total,
                    "parts": score.parts.iter().map(|p| json!({"reason": p.reason, "points": p.points})).collect::<Vec<_>>(),
                }),
                None => Value::Null,
            },
        );
        obj.insert(
            "calls".into(),
            self.calls
                .iter()
                .map(|c| {
                    json!({
                        "id": c.id,
                        "at": c.at.to_rfc3339(),
                        "rep": c.rep,
                        "outcome": c.outcome.code(),
                        "reached": c.reached,
                        "note": c.note,
                        "stage_before": c.stage_before,
                        "stage_after": c.stage_after,
                        "intent_before": c.intent_before,
                        "intent_after": c.intent_after,
                        "grade_before": c.grade_before,
                        "grade_after": c.grade_after,
                        "next_call": c.next_call.map(|n| n.to_string()),
                        "void": c.void,
                    })
                })
                .collect(),
        );
        v
    }
}

/// Extra fields as a JSON object, in the order they were kept.
pub fn extra_json(fields: &[(String, String)]) -> Value {
    Value::Object(
        fields
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect(),
    )
}

/// A customer as JSON, the shape `show` and `export customers` share.
pub fn customer_json(c: &Customer, config: &Config) -> Value {
    let s = &c.state;
    json!({
        "id": c.id,
        "name": c.name,
        "company": c.company,
        "industry": c.industry,
        "region": c.region,
        "address": c.address,
        "source": c.source,
        "owner": c.owner,
        "stage": s.stage,
        "stage_name": config.stage_name(s.stage),
        "intent": s.intent,
        "grade": s.grade.as_str(),
        "status": s.status.as_str(),
        "value_cents": s.value_cents,
        "next_call": s.next_call.map(|n| n.to_string()),
        "last_contact": s.last_contact.map(|t| t.to_rfc3339()),
        "last_reached": s.last_reached.map(|t| t.to_rfc3339()),
        "attempts": s.attempts,
        "tags": c.tags,
        "birthday": c.birthday.map(|b| b.to_string()),
        "notes": c.notes,
        "created_at": c.created_at.to_rfc3339(),
        "contacts": c.contacts.iter().map(|k| json!({
            "id": k.id,
            "name": k.name,
            "role": k.role.as_str(),
            "phone": k.phone,
            "email": k.email,
            "style": k.style.map(|s| s.as_str()),
            "birthday": k.birthday.map(|b| b.to_string()),
            "primary": k.primary,
        })).collect::<Vec<_>>(),
    })
}
