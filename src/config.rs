//! Configuration: the commented defaults in `assets/config.default.toml`, built into the
//! binary, overridden key by key by the user's file. A bad user file is an error naming the
//! key and its line; there is no silent fallback to the defaults.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use crate::clock::Calendar;
use crate::domain::Grade;
use crate::error::{Error, Result};

pub const DEFAULT_TOML: &str = include_str!("../assets/config.default.toml");

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub currency_symbol: String,
    pub default_rep: String,
    pub dial: DialConfig,
    pub tui: TuiConfig,
    pub ui: UiConfig,
    pub stages: Stages,
    pub cadence: Cadence,
    pub outcomes: OutcomeRules,
    pub after_sale: AfterSale,
    pub care: Care,
    pub losses: Losses,
    pub complaints: ComplaintRules,
    pub contracts: Contracts,
    pub calendar: CalendarConfig,
    pub planner: PlannerConfig,
    /// Card fields of the user's own, in the order the card shows them.
    pub fields: Vec<CardField>,
}

/// A custom card field: the key it is stored, exported and imported under, and its label.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CardField {
    pub key: String,
    pub label: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DialConfig {
    pub command: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AfterSave {
    /// Back to the list, the cursor on the next undone row.
    List,
    /// Straight to the next undone customer's card.
    NextCard,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TuiConfig {
    pub after_save: AfterSave,
    pub mouse: bool,
}

/// How the program speaks to the rep.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct UiConfig {
    /// "auto" (CALLDECK_LANG, then the locale), "en" or "zh-CN".
    pub language: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AfterSale {
    pub days: Vec<u32>,
    pub grade_after: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Care {
    pub birthdays: bool,
    pub festivals: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Losses {
    pub reasons: Vec<String>,
    pub win_back_months: u32,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ComplaintRules {
    pub categories: Vec<String>,
    pub due_working_days: u32,
    pub follow_up_working_days: u32,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Stages {
    pub names: Vec<String>,
    pub win_probability: Vec<f64>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[allow(non_snake_case)]
pub struct Cadence {
    pub O: u32,
    pub H: u32,
    pub A: u32,
    pub B: u32,
    pub C: u32,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[allow(non_snake_case)]
pub struct GradeFactors {
    pub O: f64,
    pub H: f64,
    pub A: f64,
    pub B: f64,
    pub C: f64,
}

impl GradeFactors {
    pub fn of(&self, grade: Grade) -> f64 {
        match grade {
            Grade::O => self.O,
            Grade::H => self.H,
            Grade::A => self.A,
            Grade::B => self.B,
            Grade::C => self.C,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeRules {
    pub no_answer_working_days: u32,
    pub no_answer_streak: u32,
    pub no_answer_streak_working_days: u32,
    pub busy_retry_hours: u32,
    pub sent_info_working_days: u32,
    pub contract_sent_working_days: u32,
    pub won_followup_working_days: u32,
    pub not_interested_days: u32,
    pub not_interested_lost_window_days: u32,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contracts {
    pub term_months: u32,
    pub expiry_window_days: u32,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarConfig {
    pub weekend: Vec<String>,
    #[serde(default = "default_preset")]
    pub preset: String,
    pub holidays: Vec<String>,
    #[serde(default)]
    pub workdays: Vec<String>,
    pub day_start: String,
    pub day_end: String,
}

fn default_preset() -> String {
    "auto".into()
}

/// The preset a name stands for: "auto" is the Chinese work calendar when the interface
/// speaks Chinese, else the western year-end one.
fn resolved_preset(name: &str) -> &str {
    match name {
        "auto" if crate::i18n::lang() == crate::i18n::Lang::ZhCn => "cn",
        "auto" => "west",
        other => other,
    }
}

/// A built-in calendar preset: its holidays and make-up working days.
#[derive(Debug, Deserialize)]
struct CalendarPreset {
    holidays: Vec<String>,
    workdays: Vec<String>,
}

const PRESETS: &[(&str, &str)] = &[
    ("west", include_str!("../assets/calendars/west.toml")),
    ("cn", include_str!("../assets/calendars/cn.toml")),
    ("none", "holidays = []\nworkdays = []\n"),
];

fn preset(name: &str) -> Option<&'static CalendarPreset> {
    static PARSED: std::sync::OnceLock<Vec<(&'static str, CalendarPreset)>> =
        std::sync::OnceLock::new();
    PARSED
        .get_or_init(|| {
            PRESETS
                .iter()
                .map(|(name, text)| (*name, toml::from_str(text).expect("built-in preset parses")))
                .collect()
        })
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, p)| p)
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PlannerConfig {
    pub quota: u32,
    pub weights: Weights,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    pub due: f64,
    pub overdue_per_day: f64,
    pub overdue_max_days: u32,
    pub stage_3: f64,
    pub stage_4: f64,
    pub stage_5: f64,
    pub stage_7: f64,
    pub intent_per_level: f64,
    pub cadence_due: f64,
    pub cadence_factor: GradeFactors,
    pub contract_expired: f64,
    pub contract_expiring: f64,
    pub coverage_per_day: f64,
    pub never_contacted: f64,
    pub value_per_decade: f64,
    pub birthday: f64,
    /// Customers in the top 80% (A) and next 15% (B) of the book's 12 months' revenue.
    pub tier_a: f64,
    pub tier_b: f64,
    pub win_back: f64,
    pub miss_penalty: f64,
    pub not_due_factor: f64,
}

impl Default for Config {
    fn default() -> Self {
        toml::from_str(DEFAULT_TOML).expect("the built-in config is tested to parse")
    }
}

impl Config {
    /// The custom card field with this key.
    pub fn field(&self, key: &str) -> Option<&CardField> {
        self.fields.iter().find(|f| f.key == key.trim())
    }

    /// The user's config file: `CALLDECK_CONFIG`, else `config.toml` in the platform
    /// config directory.
    pub fn user_path() -> Option<PathBuf> {
        if let Some(p) = std::env::var_os("CALLDECK_CONFIG") {
            return Some(PathBuf::from(p));
        }
        directories::ProjectDirs::from("", "", "calldeck")
            .map(|d| d.config_dir().join("config.toml"))
    }

    /// The defaults merged with the user's file, if there is one. A file named by
    /// `CALLDECK_CONFIG` must exist (a typo must not silently fall back to the defaults);
    /// `CALLDECK_CONFIG=` (empty) asks for the defaults alone.
    pub fn load() -> Result<Config> {
        if let Some(named) = std::env::var_os("CALLDECK_CONFIG") {
            if named.is_empty() {
                return Ok(Config::default());
            }
            let path = PathBuf::from(named);
            if !path.exists() {
                return Err(Error::invalid(crate::t!(
                    "cfg-calldeck-config-names-which-does-not",
                    a0 = (path.display()).to_string()
                )));
            }
        }
        match Self::user_path() {
            Some(path) if path.exists() => {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| Error::io("cannot read config", &path, e))?;
                Self::from_user_toml(&text, &path)
            }
            _ => Ok(Config::default()),
        }
    }

    /// Merges `text` (the user's file at `path`) over the defaults and validates the result.
    pub fn from_user_toml(text: &str, path: &Path) -> Result<Config> {
        let config_err = |key: String, line: usize, message: String| Error::Config {
            path: path.to_path_buf(),
            key,
            line,
            message,
        };
        let user: toml::Table = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of_offset(text, s.start)).unwrap_or(0);
            config_err(
                key_at_line(text, line),
                line,
                first_line(e.message()).to_string(),
            )
        })?;
        let mut merged: toml::Table =
            toml::from_str(DEFAULT_TOML).expect("the built-in config is tested to parse");
        merge(&mut merged, user, "").map_err(|key| {
            let line = line_of_key(text, &key);
            config_err(
                key,
                line,
                "unknown key: remove it or check its spelling (see `calldeck config show`)".into(),
            )
        })?;
        // Type errors are found on the merged text; the key is then traced to the user's line.
        let merged_text = toml::to_string(&merged).expect("a table always serialises");
        let config: Config = toml::from_str(&merged_text).map_err(|e| {
            let merged_line = e
                .span()
                .map(|s| line_of_offset(&merged_text, s.start))
                .unwrap_or(0);
            let key = key_at_line(&merged_text, merged_line);
            config_err(
                key.clone(),
                line_of_key(text, &key),
                first_line(e.message()).to_string(),
            )
        })?;
        config
            .validate()
            .map_err(|(key, message)| config_err(key.clone(), line_of_key(text, &key), message))?;
        Ok(config)
    }

    /// Checks the values serde cannot: lengths, ranges, dates. Returns the key at fault.
    fn validate(&self) -> std::result::Result<(), (String, String)> {
        let bad = |key: &str, msg: &str| Err((key.to_string(), msg.to_string()));
        let language = self.ui.language.trim();
        if language != "auto" && crate::i18n::Lang::parse(language).is_none() {
            return bad("ui.language", &crate::t!("cfg-use-auto-en-or-zh-cn"));
        }
        for (i, f) in self.fields.iter().enumerate() {
            let k = f.key.trim();
            if k.is_empty()
                || !k
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            {
                return bad("fields", &crate::t!("cfg-field-key-one-word"));
            }
            if self.fields[..i].iter().any(|g| g.key == f.key) {
                return bad("fields", &crate::t!("cfg-field-key-twice"));
            }
        }
        if self.stages.names.len() != 8 {
            return bad(
                "stages.names",
                &crate::t!("cfg-needs-exactly-8-names-for-stages"),
            );
        }
        if self.stages.win_probability.len() != 8
            || self
                .stages
                .win_probability
                .iter()
                .any(|p| !(0.0..=1.0).contains(p))
        {
            return bad(
                "stages.win_probability",
                &crate::t!("cfg-needs-exactly-8-numbers-between-0"),
            );
        }
        for grade in Grade::ALL {
            if self.cadence_days(grade) == 0 {
                return bad(
                    &format!("cadence.{grade}"),
                    &crate::t!("cfg-must-be-at-least-1-day"),
                );
            }
        }
        for day in &self.calendar.weekend {
            if parse_weekday(day).is_none() {
                return bad(
                    "calendar.weekend",
                    &format!("'{day}' is not a day name: use mon tue wed thu fri sat sun"),
                );
            }
        }
        let dial = self.dial.command.trim();
        if !dial.is_empty() && !dial.contains("{phone}") {
            return bad(
                "dial.command",
                "needs {phone} where the number goes, e.g. \"linphonecsh dial {phone}\"",
            );
        }
        if self.calendar.weekend.len() >= 7 {
            return bad(
                "calendar.weekend",
                &crate::t!("cfg-leaves-no-working-day-in-the"),
            );
        }
        if self.after_sale.days.is_empty()
            || self.after_sale.days.windows(2).any(|w| w[0] >= w[1])
            || self.after_sale.days[0] == 0
        {
            return bad(
                "after_sale.days",
                &crate::t!("cfg-must-be-days-after-the-win"),
            );
        }
        if self.after_sale.grade_after.parse::<Grade>().is_err() {
            return bad(
                "after_sale.grade_after",
                &crate::t!("cfg-must-be-a-grade-o-h"),
            );
        }
        for f in &self.care.festivals {
            if self.festival(f).is_none() {
                return bad(
                    "care.festivals",
                    &format!("'{f}' is not \"YYYY-MM-DD name\", e.g. \"2026-02-14 春节\""),
                );
            }
        }
        if self.complaints.categories.is_empty() {
            return bad(
                "complaints.categories",
                &crate::t!("cfg-needs-at-least-one-category-e"),
            );
        }
        if self.losses.reasons.is_empty() {
            return bad(
                "losses.reasons",
                &crate::t!("cfg-needs-at-least-one-reason-e"),
            );
        }
        if preset(resolved_preset(&self.calendar.preset)).is_none() {
            let mut names: Vec<&str> = PRESETS.iter().map(|(n, _)| *n).collect();
            names.push("auto");
            return bad(
                "calendar.preset",
                &format!(
                    "'{}' is not a calendar preset: use {}",
                    self.calendar.preset,
                    names.join(", ")
                ),
            );
        }
        for (key, days) in [
            ("calendar.holidays", &self.calendar.holidays),
            ("calendar.workdays", &self.calendar.workdays),
        ] {
            for day in days {
                if NaiveDate::parse_from_str(day, "%Y-%m-%d").is_err() {
                    return bad(key, &format!("'{day}' is not a date: write YYYY-MM-DD"));
                }
            }
        }
        for (key, value) in [
            ("calendar.day_start", &self.calendar.day_start),
            ("calendar.day_end", &self.calendar.day_end),
        ] {
            if NaiveTime::parse_from_str(value, "%H:%M").is_err() {
                return bad(key, &format!("'{value}' is not a time: write HH:MM"));
            }
        }
        if self.planner.quota == 0 {
            return bad("planner.quota", &crate::t!("cfg-must-be-at-least-1-call"));
        }
        if self.contracts.term_months == 0 {
            return bad(
                "contracts.term_months",
                &crate::t!("cfg-must-be-at-least-1-month"),
            );
        }
        Ok(())
    }

    pub fn cadence_days(&self, grade: Grade) -> u32 {
        match grade {
            Grade::O => self.cadence.O,
            Grade::H => self.cadence.H,
            Grade::A => self.cadence.A,
            Grade::B => self.cadence.B,
            Grade::C => self.cadence.C,
        }
    }

    pub fn stage_name(&self, stage: u8) -> &str {
        self.stages
            .names
            .get(stage as usize)
            .map(String::as_str)
            .unwrap_or("?")
    }

    /// The stage's name for screens and reports: the configured one, except that the
    /// built-in English names read in the current language.
    pub fn stage_label(&self, stage: u8) -> std::borrow::Cow<'_, str> {
        let name = self.stage_name(stage);
        let lang = crate::i18n::lang();
        if lang != crate::i18n::Lang::En && stage <= crate::domain::MAX_STAGE {
            let key = format!("stage-{stage}");
            if crate::i18n::tr_in(crate::i18n::Lang::En, &key, &[]) == name {
                return crate::i18n::tr_in(lang, &key, &[]).into();
            }
        }
        name.into()
    }

    pub fn win_probability(&self, stage: u8) -> f64 {
        self.stages
            .win_probability
            .get(stage as usize)
            .copied()
            .unwrap_or(0.0)
    }

    /// The working-day calendar. Validation has checked every name and date.
    pub fn calendar(&self) -> Calendar {
        let dates = |own: &[String], preset: &[String]| {
            own.iter()
                .chain(preset)
                .filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .collect()
        };
        let (preset_holidays, preset_workdays) = preset(resolved_preset(&self.calendar.preset))
            .map(|p| (p.holidays.as_slice(), p.workdays.as_slice()))
            .unwrap_or_default();
        Calendar::new(
            self.calendar
                .weekend
                .iter()
                .filter_map(|d| parse_weekday(d))
                .collect(),
            dates(&self.calendar.holidays, preset_holidays),
        )
        .with_workdays(dates(&self.calendar.workdays, preset_workdays))
    }

    /// A festival entry as its date and name.
    fn festival(&self, entry: &str) -> Option<(NaiveDate, String)> {
        let (date, name) = entry.trim().split_once(' ')?;
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
        let name = name.trim();
        (!name.is_empty()).then(|| (date, name.to_string()))
    }

    /// The festival greeted on `day`, if any.
    pub fn festival_on(&self, day: NaiveDate) -> Option<String> {
        self.care
            .festivals
            .iter()
            .filter_map(|f| self.festival(f))
            .find(|(d, _)| *d == day)
            .map(|(_, name)| name)
    }

    /// The grade a delivered customer moves to.
    pub fn grade_after_sale(&self) -> Grade {
        self.after_sale.grade_after.parse().unwrap_or(Grade::C)
    }

    pub fn day_start(&self) -> NaiveTime {
        NaiveTime::parse_from_str(&self.calendar.day_start, "%H:%M").unwrap_or(NaiveTime::MIN)
    }

    pub fn day_end(&self) -> NaiveTime {
        NaiveTime::parse_from_str(&self.calendar.day_end, "%H:%M").unwrap_or(NaiveTime::MIN)
    }

    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("config always serialises")
    }
}

fn parse_weekday(s: &str) -> Option<Weekday> {
    s.parse::<Weekday>().ok()
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

/// Overlays `user` on `base`; a key the defaults do not have is returned as the error.
fn merge(
    base: &mut toml::Table,
    user: toml::Table,
    prefix: &str,
) -> std::result::Result<(), String> {
    for (key, value) in user {
        let full = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match (base.get_mut(&key), value) {
            (None, _) => return Err(full),
            (Some(toml::Value::Table(b)), toml::Value::Table(u)) => merge(b, u, &full)?,
            (Some(slot), v) => *slot = v,
        }
    }
    Ok(())
}

fn line_of_offset(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// Walks a TOML text line by line, yielding (line number, dotted key) for `key = value` lines.
fn keyed_lines(text: &str) -> Vec<(usize, String)> {
    let mut table = String::new();
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.starts_with('[') && !line.starts_with("[[") {
            table = line
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or("")
                .trim()
                .to_string();
        } else if let Some((k, _)) = line.split_once('=') {
            let k = k.trim().trim_matches('"');
            if !k.is_empty() && !k.starts_with('#') && !k.contains(' ') {
                let full = if table.is_empty() {
                    k.to_string()
                } else {
                    format!("{table}.{k}")
                };
                out.push((i + 1, full));
            }
        }
    }
    out
}

/// The line on which `key` (dotted) is set, or 0 when the text does not set it.
fn line_of_key(text: &str, key: &str) -> usize {
    keyed_lines(text)
        .into_iter()
        .find(|(_, k)| k == key || key.starts_with(&format!("{k}.")))
        .map(|(l, _)| l)
        .unwrap_or(0)
}

/// The key being set at (or last set before) `line`.
fn key_at_line(text: &str, line: usize) -> String {
    keyed_lines(text)
        .into_iter()
        .rev()
        .find(|(l, _)| *l <= line)
        .map(|(_, k)| k)
        .unwrap_or_else(|| "(top level)".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(text: &str) -> Result<Config> {
        Config::from_user_toml(text, Path::new("/tmp/c.toml"))
    }

    #[test]
    fn the_auto_preset_follows_the_interface_language() {
        use crate::i18n::{Lang, set_thread_lang};
        let auto = user("").unwrap();
        let national_day = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
        let christmas = NaiveDate::from_ymd_opt(2026, 12, 25).unwrap();
        set_thread_lang(Some(Lang::ZhCn));
        let cn = auto.calendar();
        set_thread_lang(Some(Lang::En));
        let en = auto.calendar();
        set_thread_lang(None);
        assert!(!cn.is_working_day(national_day) && cn.is_working_day(christmas));
        assert!(en.is_working_day(national_day) && !en.is_working_day(christmas));
    }

    #[test]
    fn the_cn_preset_keeps_holidays_and_make_up_working_days() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let cal = user("[calendar]\npreset = \"cn\"\n").unwrap().calendar();
        // Saturday 14 February 2026 is a make-up working day before the Spring Festival.
        assert!(cal.is_working_day(d("2026-02-14")));
        assert!(!cal.is_working_day(d("2026-02-16")), "Spring Festival");
        assert!(
            cal.is_working_day(d("2026-12-25")),
            "Christmas is a working day there"
        );
        // Friday 13 February + 1 working day is that Saturday; + 2 skips the festival.
        assert_eq!(cal.add_working_days(d("2026-02-13"), 1), d("2026-02-14"));
        assert_eq!(cal.add_working_days(d("2026-02-13"), 2), d("2026-02-24"));
        // Your own make-up day on top of the preset's.
        let own = user("[calendar]\npreset = \"cn\"\nworkdays = [\"2026-03-07\"]\n")
            .unwrap()
            .calendar();
        assert!(own.is_working_day(d("2026-03-07")));
        // The default preset keeps the year-end holidays.
        assert!(!Config::default().calendar().is_working_day(d("2026-12-25")));
        let err = user("[calendar]\npreset = \"mars\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("calendar.preset") && err.contains("cn"),
            "{err}"
        );
        let err = user("[calendar]\nworkdays = [\"someday\"]\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("calendar.workdays"), "{err}");
    }

    #[test]
    fn built_in_defaults_parse_and_validate() {
        let c = Config::default();
        assert!(c.validate().is_ok());
        assert_eq!(c.planner.quota, 60);
        assert_eq!(c.cadence_days(Grade::H), 1);
    }

    #[test]
    fn user_file_overrides_one_key_and_keeps_the_rest() {
        let c = user("[planner]\nquota = 45\n").unwrap();
        assert_eq!(c.planner.quota, 45);
        assert_eq!(
            c.planner.weights.stage_5,
            Config::default().planner.weights.stage_5
        );
        assert_eq!(c.cadence.B, 15);
    }

    #[test]
    fn wrong_type_names_key_and_line() {
        let err = user("currency_symbol = \"$\"\n\n[planner]\nquota = \"sixty\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("planner.quota"), "{err}");
        assert!(err.contains("line 4"), "{err}");
    }

    #[test]
    fn unknown_key_is_an_error() {
        let err = user("[planner]\nqouta = 5\n").unwrap_err().to_string();
        assert!(
            err.contains("planner.qouta") && err.contains("line 2"),
            "{err}"
        );
    }

    #[test]
    fn a_dial_command_without_the_number_and_a_bad_after_save_are_refused() {
        let err = user("[dial]\ncommand = \"linphonecsh dial\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("dial.command") && err.contains("{phone}"),
            "{err}"
        );
        let err = user("[tui]\nafter_save = \"card\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("tui.after_save"), "{err}");
        let ok =
            user("[dial]\ncommand = \"xdg-open tel:{phone}\"\n[tui]\nmouse = false\n").unwrap();
        assert_eq!(ok.dial.command, "xdg-open tel:{phone}");
        assert!(!ok.tui.mouse);
    }

    #[test]
    fn syntax_error_names_line() {
        let err = user("[cadence]\nH = = 2\n").unwrap_err().to_string();
        assert!(err.contains("line 2"), "{err}");
    }

    #[test]
    fn bad_values_are_rejected_by_key() {
        let err = user("[calendar]\nholidays = [\"2026-13-01\"]\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("calendar.holidays") && err.contains("line 2"),
            "{err}"
        );
        let err = user("[stages]\nwin_probability = [0.1]\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("stages.win_probability"), "{err}");
        let err = user("[cadence]\nH = 0\n").unwrap_err().to_string();
        assert!(err.contains("cadence.H"), "{err}");
    }
}
