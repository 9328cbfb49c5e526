//! A stage as another CRM names it, read as one of calldeck's funnel stages or as the
//! end of a deal (won, lost).

use std::collections::HashMap;

use crate::config::Config;
use crate::domain::{MAX_STAGE, STAGE_WON};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageValue {
    Open(u8),
    Won,
    Lost,
}

impl StageValue {
    /// `--stage-map` targets: a stage number (0-5, 7), "won" or "lost".
    pub fn parse(s: &str) -> Result<StageValue, String> {
        let t = s.trim().to_ascii_lowercase();
        match t.as_str() {
            "won" | "6" => Ok(StageValue::Won),
            "lost" => Ok(StageValue::Lost),
            _ => match t.parse::<u8>() {
                Ok(n) if n <= MAX_STAGE && n != STAGE_WON => Ok(StageValue::Open(n)),
                _ => Err(crate::t!("cfg-stage-is-not-one-of-0", s = s.to_string())),
            },
        }
    }
}

const WON: &[&str] = &[
    "won",
    "win",
    "closed won",
    "closed/won",
    "closedwon",
    "closed won renewal",
    "deal won",
    "赢单",
    "成交",
    "已成交",
    "签约",
    "已签约",
    "受注",
];
const LOST: &[&str] = &[
    "lost",
    "closed lost",
    "closed/lost",
    "closedlost",
    "closed lost to competition",
    "deal lost",
    "disqualified",
    "unqualified",
    "junk lead",
    "lost lead",
    "not qualified",
    "无效",
    "已输单",
    "输单",
    "丢单",
    "失败",
    "已流失",
    "失注",
];
/// Stage names common in other CRMs' exports.
const OPEN: &[(&str, u8)] = &[
    ("new", 1),
    ("lead", 1),
    ("prospecting", 1),
    ("qualification", 2),
    ("qualified", 2),
    ("engaging", 2),
    ("engaged", 2),
    ("needs analysis", 2),
    ("proposal", 3),
    ("proposal/price quote", 3),
    ("quote", 3),
    ("negotiation", 4),
    ("negotiation/review", 4),
    ("contract sent", 5),
    ("contractsent", 5),
    // Lead statuses and the default pipelines of HubSpot, Salesforce, Pipedrive, Zoho
    // and Odoo, as their exports spell them.
    ("new lead", 1),
    ("open", 1),
    ("open lead", 1),
    ("attempted to contact", 1),
    ("contacted", 1),
    ("connected", 1),
    ("bad timing", 1),
    ("open deal", 2),
    ("contact made", 1),
    ("contact in future", 1),
    ("lead in", 1),
    ("on hold", 1),
    ("in progress", 2),
    ("appointmentscheduled", 1),
    ("appointment scheduled", 1),
    ("qualifiedtobuy", 2),
    ("qualified to buy", 2),
    ("presentationscheduled", 2),
    ("presentation scheduled", 2),
    ("demo scheduled", 2),
    ("needs defined", 2),
    ("value proposition", 2),
    ("id. decision makers", 2),
    ("id decision makers", 2),
    ("identify decision makers", 2),
    ("decisionmakerboughtin", 3),
    ("decision maker bought in", 3),
    ("perception analysis", 3),
    ("proposition", 3),
    ("proposal sent", 3),
    ("proposal made", 3),
    ("negotiations started", 4),
    ("初步接洽", 1),
    ("待跟进", 1),
    ("跟进中", 2),
    ("意向客户", 2),
    ("已报价", 3),
    ("初步接触", 1),
    ("新线索", 1),
    ("需求确认", 2),
    ("方案报价", 3),
    ("报价", 3),
    ("谈判", 4),
    ("商务谈判", 4),
    ("合同审批", 5),
];

fn normalise(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words the file's stage column may hold, in the order they are looked up: the
/// user's `--stage-map`, numbers, the configured stage names, then common CRM words.
pub struct StageMap {
    user: HashMap<String, StageValue>,
    names: HashMap<String, StageValue>,
}

impl StageMap {
    pub fn new(user: &[(String, StageValue)], config: &Config) -> StageMap {
        let user = user.iter().map(|(k, v)| (normalise(k), *v)).collect();
        let mut names = HashMap::new();
        for w in WON {
            names.insert(normalise(w), StageValue::Won);
        }
        for w in LOST {
            names.insert(normalise(w), StageValue::Lost);
        }
        for (w, n) in OPEN {
            names.insert(normalise(w), StageValue::Open(*n));
        }
        for (i, name) in config.stages.names.iter().enumerate() {
            let value = match i as u8 {
                STAGE_WON => StageValue::Won,
                n => StageValue::Open(n),
            };
            names.insert(normalise(name), value);
        }
        StageMap { user, names }
    }

    pub fn read(&self, s: &str) -> Result<StageValue, String> {
        let key = normalise(s);
        if let Some(v) = self.user.get(&key) {
            return Ok(*v);
        }
        if let Ok(n) = key.parse::<u8>() {
            return StageValue::parse(&n.to_string());
        }
        self.names.get(&key).copied().ok_or_else(|| {
            crate::t!(
                "cfg-unknown-stage-translate-it-with-stage",
                a0 = (s.trim()).to_string(),
                a1 = (s.trim()).to_string()
            )
        })
    }
}
