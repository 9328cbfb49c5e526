//! The message catalog: every word the program shows, in English and Simplified Chinese.
//!
//! Messages live in Fluent files under `assets/locales/<lang>/`, compiled in. Plurals and
//! arguments belong to Fluent. Unicode isolation marks are off, so English output is the
//! same bytes it always was and terminals show no stray control characters.
//!
//! Machine-readable output (JSON keys, outcome codes, CSV field names, exit codes) never
//! goes through here.

mod format;

use std::cell::Cell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub use format::{
    day_month, money, money_short, month_day, month_label, month_year, quarter, quarter_label,
    weekday_date, weekday_day_month,
};

/// A language the catalog is complete in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    ZhCn,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// The tag used in config, `CALLDECK_LANG` and the catalog's folder name.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// A language tag or a POSIX locale ("zh_CN.UTF-8", "en_GB", "zh-Hans"); None for
    /// anything else, including "C" and "POSIX".
    pub fn parse(s: &str) -> Option<Lang> {
        let base = s.split(['.', '@']).next().unwrap_or("").trim();
        let lower = base.to_ascii_lowercase().replace('_', "-");
        if lower == "zh" || lower.starts_with("zh-") {
            Some(Lang::ZhCn)
        } else if lower == "en" || lower.starts_with("en-") {
            Some(Lang::En)
        } else {
            None
        }
    }

    fn index(self) -> u8 {
        match self {
            Lang::En => 0,
            Lang::ZhCn => 1,
        }
    }

    fn from_index(i: u8) -> Lang {
        if i == 1 { Lang::ZhCn } else { Lang::En }
    }

    /// The catalog's files for this language, compiled in. A new language is a new folder
    /// with the same file names, and a line here.
    fn sources(self) -> &'static [&'static str] {
        match self {
            Lang::En => &[
                include_str!("../../assets/locales/en/domain.ftl"),
                include_str!("../../assets/locales/en/tui.ftl"),
                include_str!("../../assets/locales/en/cli.ftl"),
                include_str!("../../assets/locales/en/report.ftl"),
            ],
            Lang::ZhCn => &[
                include_str!("../../assets/locales/zh-CN/domain.ftl"),
                include_str!("../../assets/locales/zh-CN/tui.ftl"),
                include_str!("../../assets/locales/zh-CN/cli.ftl"),
                include_str!("../../assets/locales/zh-CN/report.ftl"),
            ],
        }
    }
}

/// The catalog files by name, for the test that both languages have the same keys.
pub fn catalog_files(lang: Lang) -> Vec<(&'static str, &'static str)> {
    ["domain.ftl", "tui.ftl", "cli.ftl", "report.ftl"]
        .into_iter()
        .zip(lang.sources().iter().copied())
        .collect()
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

thread_local! {
    static OVERRIDE: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// The language of this process (or of this thread, when a test chose one).
pub fn lang() -> Lang {
    OVERRIDE
        .with(Cell::get)
        .unwrap_or_else(|| Lang::from_index(CURRENT.load(Ordering::Relaxed)))
}

/// Sets the language for the whole process; the program does this once at start.
pub fn set_lang(lang: Lang) {
    CURRENT.store(lang.index(), Ordering::Relaxed);
}

/// Sets the language for this thread only, so tests in other languages can run side by
/// side; `None` goes back to the process's language.
pub fn set_thread_lang(lang: Option<Lang>) {
    OVERRIDE.with(|o| o.set(lang));
}

/// The language to use: `CALLDECK_LANG`, then the config's `ui.language` unless it is
/// "auto", then the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), else English.
pub fn choose(configured: &str, env: impl Fn(&str) -> Option<String>) -> Lang {
    let explicit = env("CALLDECK_LANG")
        .filter(|v| !v.trim().is_empty() && v.trim() != "auto")
        .or_else(|| {
            let c = configured.trim();
            (!c.is_empty() && c != "auto").then(|| c.to_string())
        });
    if let Some(tag) = explicit {
        return Lang::parse(&tag).unwrap_or(Lang::En);
    }
    // The first locale variable that is set decides, as in POSIX.
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(env)
        .find(|v| !v.is_empty())
        .and_then(|v| Lang::parse(&v))
        .unwrap_or(Lang::En)
}

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang) -> &'static Bundle {
    static BUNDLES: [OnceLock<Bundle>; 2] = [OnceLock::new(), OnceLock::new()];
    BUNDLES[lang.index() as usize].get_or_init(|| build(lang))
}

fn build(lang: Lang) -> Bundle {
    let id = lang
        .tag()
        .parse()
        .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    for src in lang.sources() {
        // A catalog that does not parse is caught by the catalog tests; what parsed is kept.
        let res = match FluentResource::try_new((*src).to_string()) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        bundle.add_resource_overriding(res);
    }
    bundle
}

/// An argument to a message: text, or a number (which plurals select on).
pub enum Arg {
    Str(String),
    Num(f64),
}

macro_rules! arg_from_num {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(v: $t) -> Arg { Arg::Num(v as f64) }
        }
        impl From<&$t> for Arg {
            fn from(v: &$t) -> Arg { Arg::Num(*v as f64) }
        }
    )*};
}
arg_from_num!(u8, u16, u32, u64, usize, i32, i64);

impl From<&str> for Arg {
    fn from(v: &str) -> Arg {
        Arg::Str(v.to_string())
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Arg {
        Arg::Str(v)
    }
}
impl From<&String> for Arg {
    fn from(v: &String) -> Arg {
        Arg::Str(v.clone())
    }
}
impl From<char> for Arg {
    fn from(v: char) -> Arg {
        Arg::Str(v.to_string())
    }
}

/// The message `key` in the current language, with its arguments. A key missing from the
/// catalog shows as itself (the catalog tests keep that from happening).
pub fn tr(key: &str, args: &[(&str, Arg)]) -> String {
    tr_in(lang(), key, args)
}

/// The message `key` in `lang`.
pub fn tr_in(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    let bundle = bundle(lang);
    let (id, attr) = match key.split_once('.') {
        Some((id, attr)) => (id, Some(attr)),
        None => (key, None),
    };
    let Some(msg) = bundle.get_message(id) else {
        return key.to_string();
    };
    let pattern = match attr {
        Some(a) => msg.get_attribute(a).map(|a| a.value()),
        None => msg.value(),
    };
    let Some(pattern) = pattern else {
        return key.to_string();
    };
    let mut fargs = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        match value {
            // A whole number given as text still selects plurals ("1 customer").
            Arg::Str(s) => match s.parse::<i64>() {
                Ok(n) if n.to_string() == *s && n.unsigned_abs() < (1 << 53) => {
                    fargs.set(*name, FluentValue::from(n as f64))
                }
                _ => fargs.set(*name, FluentValue::from(s.as_str())),
            },
            Arg::Num(n) => fargs.set(*name, FluentValue::from(*n)),
        }
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fargs), &mut errors)
        .into_owned()
}

/// A loss reason from the config as the rep reads it: the built-in codes ("no_budget")
/// have words in the catalog; one of the user's own shows with spaces for underscores.
pub fn loss_reason(code: &str) -> String {
    let key = format!("loss-{code}");
    let text = tr(&key, &[]);
    if text == key {
        code.replace('_', " ")
    } else {
        text
    }
}

/// `t!("key")`, `t!("key", name = value, ...)`: a message from the catalog.
#[macro_export]
macro_rules! t {
    ($key:expr) => {
        $crate::i18n::tr($key, &[])
    };
    ($key:expr, $($name:ident = $val:expr),+ $(,)?) => {
        $crate::i18n::tr($key, &[$((stringify!($name), $crate::i18n::Arg::from($val))),+])
    };
}

#[cfg(test)]
mod tests;
