//! The customer card as text for `calldeck show`.

use std::fmt::Write;

use crate::card::{CardData, contract_status};
use crate::clock::Clock;
use crate::config::Config;
use crate::domain::format_money;

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
        "{}",
        crate::t!(
            "cli-owner-status-stage-intent-grade",
            a0 = (c.owner.as_deref().unwrap_or("-")).to_string(),
            a1 = (s.status.as_str()).to_string(),
            a2 = (s.stage).to_string(),
            a3 = config.stage_label(s.stage).to_string(),
            a4 = (s.intent).to_string(),
            a5 = crate::domain::intent_name(s.intent),
            a6 = (s.grade).to_string()
        )
    );
    let last = s
        .last_contact
        .map(|t| {
            let days = (clock.today() - clock.to_local(t).date()).num_days();
            crate::t!(
                "show-days-ago",
                date = clock.to_local(t).format("%Y-%m-%d").to_string(),
                days = days
            )
        })
        .unwrap_or_else(|| crate::t!("plan-never"));
    let _ = writeln!(
        out,
        "{}",
        crate::t!(
            "cli-next-call-last-contact-misses-in",
            a0 = (s
                .next_call
                .map(|n| n.to_string())
                .unwrap_or_else(|| "none".into()))
            .to_string(),
            last = last.to_string(),
            a1 = (s.attempts).to_string()
        )
    );
    let _ = writeln!(
        out,
        "{}",
        crate::t!(
            "cli-value-contract",
            a0 = (money(s.value_cents)).to_string(),
            a1 = (contract_status(card.contract, clock.today())).to_string(),
            a2 = (card
                .contract
                .map(|(v, a, b)| format!(" {} {a} to {b}", money(v)))
                .unwrap_or_default())
            .to_string()
        )
    );
    let details: Vec<String> = [
        ("card-industry", &c.industry),
        ("card-region", &c.region),
        ("card-source", &c.source),
        ("show-address", &c.address),
    ]
    .iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{} {v}", crate::t!(k)))
    .collect();
    if !details.is_empty() {
        let _ = writeln!(out, "{}", details.join("  ·  "));
    }
    if !c.tags.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            crate::t!("cli-tags", a0 = (c.tags.join(", ")).to_string())
        );
    }
    for (name, value) in &card.extra_fields {
        let label = config
            .field(name)
            .map_or(name.as_str(), |f| f.label.as_str());
        let _ = writeln!(out, "{label}: {value}");
    }
    if let Some(b) = c.birthday {
        let _ = writeln!(out, "{}", crate::t!("cli-birthday", b = b.to_string()));
    }
    if let Some((text, at)) = &card.complaint {
        let _ = writeln!(
            out,
            "{}",
            crate::t!(
                "cli-complaint-open-since",
                a0 = (clock.to_local(*at).format("%Y-%m-%d %H:%M")).to_string(),
                text = text.to_string()
            )
        );
    }
    let _ = writeln!(
        out,
        "{}",
        crate::t!(
            "show-tiers",
            tier = card.tiers.abc.to_string(),
            revenue =
                crate::domain::format_money(card.tiers.revenue_12m_cents, &config.currency_symbol),
            rfm = crate::t!(&format!("rfm-{}", card.tiers.rfm))
        )
    );
    for k in card.complaints.iter().filter(|k| k.resolved_at.is_some()) {
        let _ = writeln!(
            out,
            "{}",
            crate::t!(
                "cli-complaint-resolved",
                a0 = (k.category).to_string(),
                a1 = (clock.to_local(k.opened_at).format("%Y-%m-%d")).to_string(),
                a2 = (k.text).to_string(),
                a3 = (if k.resolution.is_empty() {
                    String::new()
                } else {
                    format!(": {}", k.resolution)
                })
                .to_string(),
                a4 = if k.followed_up {
                    crate::t!("cli-complaint-followed-up")
                } else {
                    String::new()
                }
            )
        );
    }
    if !c.notes.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            crate::t!("ics-notes", notes = c.notes.replace('\n', " / "))
        );
    }
    match &card.score {
        Some(score) => {
            let _ = writeln!(
                out,
                "\n{}",
                crate::t!("show-score", total = format!("{:.1}", score.total))
            );
            for part in &score.parts {
                let _ = writeln!(
                    out,
                    "  {:>+6.1}  {}",
                    part.points,
                    crate::planner::reason_text(&part.reason)
                );
            }
        }
        None => {
            let _ = writeln!(
                out,
                "\n{}",
                crate::t!("show-not-planned", status = s.status.as_str())
            );
        }
    }
    let _ = writeln!(out, "\n{}", crate::t!("card-contacts"));
    if c.contacts.is_empty() {
        let _ = writeln!(
            out,
            "  {}",
            crate::t!(
                "cli-none-add-a-phone-with-calldeck",
                a0 = (c.id).to_string()
            )
        );
    }
    // English keeps the stored codes it always showed; other languages read their words.
    let english = crate::i18n::lang() == crate::i18n::Lang::En;
    for k in &c.contacts {
        let line = format!(
            "  {} {} ({}{})  {}  {}",
            if k.primary { "*" } else { " " },
            k.name,
            if english {
                k.role.as_str().to_string()
            } else {
                k.role.label()
            },
            k.style
                .map(|s| if english {
                    format!(", {}", s.as_str())
                } else {
                    format!("{}{}", crate::t!("cli-list-sep"), s.label())
                })
                .unwrap_or_default(),
            k.phone,
            k.email
        );
        let _ = writeln!(out, "{}", line.trim_end());
        if let Some(b) = k.birthday {
            let _ = writeln!(
                out,
                "      {}",
                crate::t!("cli-contact-birthday", day = b.to_string())
            );
        }
        if let Some(style) = k.style {
            let _ = writeln!(out, "      {}", crate::t!("show-tip", tip = style.tip()));
        }
    }
    let _ = writeln!(out, "\n{}", crate::t!("show-calls", n = card.calls.len()));
    for call in &card.calls {
        let stage = if call.stage_before != call.stage_after {
            format!(
                "  {}",
                crate::t!(
                    "show-stage-change",
                    before = call.stage_before,
                    after = call.stage_after
                )
            )
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
            if call.void {
                format!("  {}", crate::t!("show-void"))
            } else {
                String::new()
            }
        );
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}
