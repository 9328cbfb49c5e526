//! The customer card as text for `calldeck show`.

use std::fmt::Write;

use crate::card::{CardData, contract_status};
use crate::clock::Clock;
use crate::config::Config;
use crate::domain::{INTENT_NAMES, format_money};

pub fn to_text(card: &CardData, config: &Config, clock: &Clock) -> String {
    let c = &card.customer;
    let s = &c.state;
    let money = |cents| format_money(cents, &config.currency_symbol);
    let mut out = String::new();
    let title = if c.company.is_empty() || c.company == c.name {
        c.name.clone()
    } else {
        format!("{} ({})", c.name, c.company)
    };
    let _ = writeln!(out, "#{}  {title}", c.id);
    let _ = writeln!(
        out,
        "Owner {}  ·  status {}  ·  stage {} {}  ·  intent {} {}  ·  grade {}",
        c.owner.as_deref().unwrap_or("-"),
        s.status.as_str(),
        s.stage,
        config.stage_name(s.stage),
        s.intent,
        INTENT_NAMES.get(s.intent as usize).unwrap_or(&"?"),
        s.grade
    );
    let last = s
        .last_contact
        .map(|t| {
            let days = (clock.today() - clock.to_local(t).date()).num_days();
            format!("{} ({days}d ago)", clock.to_local(t).format("%Y-%m-%d"))
        })
        .unwrap_or_else(|| "never".into());
    let _ = writeln!(
        out,
        "Next call {}  ·  last contact {last}  ·  misses in a row {}",
        s.next_call
            .map(|n| n.to_string())
            .unwrap_or_else(|| "none".into()),
        s.attempts
    );
    let _ = writeln!(
        out,
        "Value {}  ·  contract {}{}",
        money(s.value_cents),
        contract_status(card.contract, clock.today()),
        card.contract
            .map(|(v, a, b)| format!(" {} {a} to {b}", money(v)))
            .unwrap_or_default()
    );
    let details: Vec<String> = [
        ("industry", &c.industry),
        ("region", &c.region),
        ("source", &c.source),
        ("address", &c.address),
    ]
    .iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{k} {v}"))
    .collect();
    if !details.is_empty() {
        let _ = writeln!(out, "{}", details.join("  ·  "));
    }
    if !c.tags.is_empty() {
        let _ = writeln!(out, "Tags {}", c.tags.join(", "));
    }
    for (name, value) in &card.extra_fields {
        let label = config
            .field(name)
            .map_or(name.as_str(), |f| f.label.as_str());
        let _ = writeln!(out, "{label}: {value}");
    }
    if let Some(b) = c.birthday {
        let _ = writeln!(out, "Birthday {b}");
    }
    if let Some((text, at)) = &card.complaint {
        let _ = writeln!(
            out,
            "COMPLAINT open since {}: {text}",
            clock.to_local(*at).format("%Y-%m-%d %H:%M")
        );
    }
    let _ = writeln!(
        out,
        "Tiers: {} by revenue (12 months: {}), RFM {}",
        card.tiers.abc,
        crate::domain::format_money(card.tiers.revenue_12m_cents, &config.currency_symbol),
        card.tiers.rfm
    );
    for k in card.complaints.iter().filter(|k| k.resolved_at.is_some()) {
        let _ = writeln!(
            out,
            "Complaint ({}) {}: {} → resolved{}{}",
            k.category,
            clock.to_local(k.opened_at).format("%Y-%m-%d"),
            k.text,
            if k.resolution.is_empty() {
                String::new()
            } else {
                format!(": {}", k.resolution)
            },
            if k.followed_up { ", followed up" } else { "" }
        );
    }
    if !c.notes.is_empty() {
        let _ = writeln!(out, "Notes: {}", c.notes.replace('\n', " / "));
    }
    match &card.score {
        Some(score) => {
            let _ = writeln!(out, "\nScore today {:.1}", score.total);
            for part in &score.parts {
                let _ = writeln!(out, "  {:>+6.1}  {}", part.points, part.reason);
            }
        }
        None => {
            let _ = writeln!(out, "\nNot planned: status {}", s.status.as_str());
        }
    }
    let _ = writeln!(out, "\nContacts");
    if c.contacts.is_empty() {
        let _ = writeln!(
            out,
            "  none: add a phone with `calldeck edit {} --phone ...`",
            c.id
        );
    }
    for k in &c.contacts {
        let line = format!(
            "  {} {} ({}{})  {}  {}",
            if k.primary { "*" } else { " " },
            k.name,
            k.role.as_str(),
            k.style
                .map(|s| format!(", {}", s.as_str()))
                .unwrap_or_default(),
            k.phone,
            k.email
        );
        let _ = writeln!(out, "{}", line.trim_end());
        if let Some(b) = k.birthday {
            let _ = writeln!(out, "      birthday {b}");
        }
        if let Some(style) = k.style {
            let _ = writeln!(out, "      tip: {}", style.tip());
        }
    }
    let _ = writeln!(out, "\nCalls, newest first ({})", card.calls.len());
    for call in &card.calls {
        let stage = if call.stage_before != call.stage_after {
            format!("  stage {}→{}", call.stage_before, call.stage_after)
        } else {
            String::new()
        };
        let line = format!(
            "  {}  {:<14} {:<8}{stage}{}{}",
            clock.to_local(call.at).format("%Y-%m-%d %H:%M"),
            call.outcome.code(),
            call.rep,
            if call.note.is_empty() {
                String::new()
            } else {
                format!("  \"{}\"", call.note)
            },
            if call.void { "  [void]" } else { "" }
        );
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}
