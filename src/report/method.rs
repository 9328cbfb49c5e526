//! The sales method's tables, shared by the weekly summary and the funnel: prospects per
//! grade per rep with the change on a week before (意向客户级别状况表), satisfaction from
//! after-sale and follow-up calls, complaints per category and per assignee, losses by
//! reason, and the book per value tier.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::clock::Clock;
use crate::error::Result;
use crate::store::Store;

/// Active customers per grade.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[allow(non_snake_case)]
pub struct GradeCounts {
    pub O: i64,
    pub H: i64,
    pub A: i64,
    pub B: i64,
    pub C: i64,
}

impl GradeCounts {
    fn of(counts: [u64; 5]) -> GradeCounts {
        let [o, h, a, b, c] = counts.map(|n| n as i64);
        GradeCounts {
            O: o,
            H: h,
            A: a,
            B: b,
            C: c,
        }
    }

    pub fn values(&self) -> [i64; 5] {
        [self.O, self.H, self.A, self.B, self.C]
    }

    fn zip(&self, other: &GradeCounts, f: impl Fn(i64, i64) -> i64) -> GradeCounts {
        let (a, b) = (self.values(), other.values());
        GradeCounts {
            O: f(a[0], b[0]),
            H: f(a[1], b[1]),
            A: f(a[2], b[2]),
            B: f(a[3], b[3]),
            C: f(a[4], b[4]),
        }
    }

    pub fn total(&self) -> i64 {
        self.values().iter().sum()
    }
}

/// One rep's (or the team's) row of the grade table.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GradeRow {
    pub rep: String,
    pub now: GradeCounts,
    /// Seven days before.
    pub week_before: GradeCounts,
    /// now − week_before.
    pub change: GradeCounts,
}

/// Satisfaction scores (1–5) recorded on after-sale and follow-up (回访) calls.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Satisfaction {
    pub rep: String,
    pub count: u64,
    /// Mean score; 0 when there is none.
    pub average: f64,
    /// Scores of 1 or 2.
    pub low: u64,
    #[serde(skip)]
    pub sum: u64,
}

/// Complaints of one category or one assignee.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ComplaintGroup {
    pub key: String,
    /// Open at the end of the period ...
    pub open: u64,
    /// ... of which past their due date.
    pub overdue: u64,
    /// Resolved in the period.
    pub resolved: u64,
}

/// One rep's (or the team's) active book per ABC tier and RFM segment.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TierCounts {
    pub rep: String,
    pub abc: BTreeMap<String, u64>,
    pub rfm: BTreeMap<String, u64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MethodTables {
    /// Per rep, then the team.
    pub grades: Vec<GradeRow>,
    pub satisfaction: Vec<Satisfaction>,
    pub complaints_by_category: Vec<ComplaintGroup>,
    pub complaints_by_assignee: Vec<ComplaintGroup>,
    /// Customers marked lost in the period, by the reason given.
    pub losses_by_reason: BTreeMap<String, u64>,
    /// Per rep, then the team (the weekly summary's; the funnel leaves it empty).
    pub tiers: Vec<TierCounts>,
}

/// The tables for the reps `reps` (id, name) over `from <= t < end`.
pub fn tables(
    store: &Store,
    clock: &Clock,
    reps: &[(i64, String)],
    from: DateTime<Utc>,
    end: DateTime<Utc>,
    with_tiers: bool,
) -> Result<MethodTables> {
    let end = end.min(clock.now_utc());
    let index: HashMap<i64, usize> = reps.iter().enumerate().map(|(i, r)| (r.0, i)).collect();

    let ids: Vec<i64> = reps.iter().map(|r| r.0).collect();
    // One rep's tables read that rep's rows only (the rows of others would be dropped).
    let one = match reps {
        [(id, _)] => Some(*id),
        _ => None,
    };
    let now = store.grades_at(&ids, end)?;
    let before = store.grades_at(&ids, end - Duration::days(7))?;
    let mut grades: Vec<GradeRow> = reps
        .iter()
        .map(|(id, name)| {
            let n = GradeCounts::of(now.get(id).copied().unwrap_or_default());
            let b = GradeCounts::of(before.get(id).copied().unwrap_or_default());
            GradeRow {
                rep: name.clone(),
                now: n,
                week_before: b,
                change: n.zip(&b, |x, y| x - y),
            }
        })
        .collect();
    let mut team = GradeRow {
        rep: "team".into(),
        ..GradeRow::default()
    };
    for g in &grades {
        team.now = team.now.zip(&g.now, |x, y| x + y);
        team.week_before = team.week_before.zip(&g.week_before, |x, y| x + y);
    }
    team.change = team.now.zip(&team.week_before, |x, y| x - y);
    grades.push(team);

    let mut satisfaction: Vec<Satisfaction> = reps
        .iter()
        .map(|(_, name)| Satisfaction {
            rep: name.clone(),
            ..Satisfaction::default()
        })
        .collect();
    for (rep, count, sum, low) in store.satisfaction_between(from, end, one)? {
        if let Some(&i) = index.get(&rep) {
            let s = &mut satisfaction[i];
            s.count += count;
            s.sum += sum;
            s.low += low;
        }
    }
    let mut all = Satisfaction {
        rep: "team".into(),
        ..Satisfaction::default()
    };
    for s in &mut satisfaction {
        all.count += s.count;
        all.sum += s.sum;
        all.low += s.low;
        s.average = mean(s.sum, s.count);
    }
    all.average = mean(all.sum, all.count);
    satisfaction.push(all);

    let end_day = clock.to_local(end).date();
    let mut by_category: BTreeMap<String, ComplaintGroup> = BTreeMap::new();
    let mut by_assignee: BTreeMap<String, ComplaintGroup> = BTreeMap::new();
    for c in store.complaint_states(end, one)? {
        if !c.owner_id.is_some_and(|o| index.contains_key(&o)) {
            continue;
        }
        let open = c.resolved_at.is_none_or(|t| t >= end);
        let overdue = open && c.due_on.is_some_and(|d| d < end_day);
        let resolved = c.resolved_at.is_some_and(|t| t >= from && t < end);
        if !open && !resolved {
            continue;
        }
        let assignee = c.assignee.unwrap_or_else(|| "unassigned".into());
        for (map, key) in [(&mut by_category, c.category), (&mut by_assignee, assignee)] {
            let g = map.entry(key.clone()).or_insert_with(|| ComplaintGroup {
                key,
                ..ComplaintGroup::default()
            });
            g.open += u64::from(open);
            g.overdue += u64::from(overdue);
            g.resolved += u64::from(resolved);
        }
    }

    let mut losses_by_reason: BTreeMap<String, u64> = BTreeMap::new();
    for (rep, reason, n) in store.losses_between(from, end, one)? {
        if index.contains_key(&rep) {
            *losses_by_reason.entry(reason).or_default() += n;
        }
    }

    let mut tiers: Vec<TierCounts> = reps
        .iter()
        .map(|(_, name)| TierCounts {
            rep: name.clone(),
            ..TierCounts::default()
        })
        .collect();
    let mut team_tiers = TierCounts {
        rep: "team".into(),
        ..TierCounts::default()
    };
    for (i, (id, _)) in reps.iter().enumerate().filter(|_| with_tiers) {
        for c in store.book_tiers(*id, end_day, clock)?.into_values() {
            if !c.active {
                continue;
            }
            for t in [&mut tiers[i], &mut team_tiers] {
                *t.abc.entry(c.tiers.abc.to_string()).or_default() += 1;
                *t.rfm.entry(c.tiers.rfm.to_string()).or_default() += 1;
            }
        }
    }
    if with_tiers {
        tiers.push(team_tiers);
    } else {
        tiers.clear();
    }

    Ok(MethodTables {
        grades,
        satisfaction,
        complaints_by_category: by_category.into_values().collect(),
        complaints_by_assignee: by_assignee.into_values().collect(),
        losses_by_reason,
        tiers,
    })
}

fn mean(sum: u64, count: u64) -> f64 {
    if count == 0 {
        0.0
    } else {
        sum as f64 / count as f64
    }
}

/// The grade table as Markdown: a row per rep, counts with the change on the week before.
pub fn grades_md(rows: &[GradeRow]) -> String {
    use std::fmt::Write;
    let mut out = format!(
        "| {} | O | H | A | B | C | {} |\n|---|---:|---:|---:|---:|---:|---:|\n",
        crate::t!("mt-rep"),
        crate::t!("mt-all")
    );
    for r in rows {
        let cells: Vec<String> = r
            .now
            .values()
            .iter()
            .zip(r.change.values())
            .map(|(n, c)| with_change(*n, c))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            who(&r.rep),
            cells.join(" | "),
            with_change(r.now.total(), r.change.total())
        );
    }
    out
}

/// "12 (+3)", "12 (−1)", "12" when unchanged.
pub fn with_change(n: i64, change: i64) -> String {
    match change {
        0 => n.to_string(),
        c if c > 0 => format!("{n} (+{c})"),
        c => format!("{n} (−{})", -c),
    }
}

/// The satisfaction, complaints, losses and tiers tables as Markdown sections.
pub fn method_md(t: &MethodTables) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "## {}\n", crate::t!("mt-satisfaction-heading"));
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} |\n|---|---:|---:|---:|",
        crate::t!("mt-rep"),
        crate::t!("mt-scores"),
        crate::t!("mt-average"),
        crate::t!("mt-low")
    );
    for s in &t.satisfaction {
        let _ = writeln!(
            out,
            "| {} | {} | {:.1} | {} |",
            who(&s.rep),
            s.count,
            s.average,
            s.low
        );
    }
    for (title, groups) in [
        ("mt-complaints-by-category", &t.complaints_by_category),
        ("mt-complaints-by-assignee", &t.complaints_by_assignee),
    ] {
        let _ = writeln!(out, "\n## {}\n", crate::t!(title));
        if groups.is_empty() {
            let _ = writeln!(out, "{}", crate::t!("mt-complaints-none"));
            continue;
        }
        let _ = writeln!(
            out,
            "| | {} | {} | {} |\n|---|---:|---:|---:|",
            crate::t!("mt-open"),
            crate::t!("mt-overdue"),
            crate::t!("mt-resolved")
        );
        for g in groups {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                who(&g.key),
                g.open,
                g.overdue,
                g.resolved
            );
        }
    }
    let _ = writeln!(out, "\n## {}\n", crate::t!("mt-losses-heading"));
    if t.losses_by_reason.is_empty() {
        let _ = writeln!(out, "{}", crate::t!("mt-losses-none"));
    } else {
        let parts: Vec<String> = t
            .losses_by_reason
            .iter()
            .map(|(r, n)| format!("{} {n}", reason_words(r)))
            .collect();
        let _ = writeln!(out, "{}", parts.join(" · "));
    }
    let _ = writeln!(out, "\n## {}\n", crate::t!("mt-tiers-heading"));
    let _ = writeln!(
        out,
        "| {} | A | B | C | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|---:|---:|---:|",
        crate::t!("mt-rep"),
        crate::t!("rfm-gold"),
        crate::t!("rfm-developing"),
        crate::t!("rfm-potential"),
        crate::t!("rfm-forgotten")
    );
    for r in &t.tiers {
        let g = |m: &BTreeMap<String, u64>, k: &str| m.get(k).copied().unwrap_or(0);
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            who(&r.rep),
            g(&r.abc, "A"),
            g(&r.abc, "B"),
            g(&r.abc, "C"),
            g(&r.rfm, "gold"),
            g(&r.rfm, "developing"),
            g(&r.rfm, "potential"),
            g(&r.rfm, "forgotten")
        );
    }
    out
}

/// A loss reason as the table shows it: English keeps the stored code, as it always has;
/// other languages read the catalog's words for it.
pub(crate) fn reason_words(code: &str) -> String {
    if crate::i18n::lang() == crate::i18n::Lang::En {
        code.to_string()
    } else {
        crate::i18n::loss_reason(code)
    }
}

/// A row's name as the reader reads it: the team's and the unassigned complaints' rows
/// have words in the catalog (the same words in English); a rep's or category's name shows
/// as stored.
pub(crate) fn who(name: &str) -> String {
    match name {
        "team" => crate::t!("scope-team"),
        "unassigned" => crate::t!("mt-unassigned"),
        _ => name.to_string(),
    }
}
