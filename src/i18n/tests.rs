use super::*;
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use std::collections::{BTreeMap, BTreeSet};

/// Every message and attribute of a catalog, with the arguments it uses.
fn keys(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    fn walk_inline(e: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
        match e {
            InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_string());
            }
            InlineExpression::Placeable { expression } => walk_expr(expression, out),
            _ => {}
        }
    }
    fn walk_expr(e: &Expression<&str>, out: &mut BTreeSet<String>) {
        match e {
            Expression::Select { selector, variants } => {
                walk_inline(selector, out);
                for v in variants {
                    walk_pattern(&v.value, out);
                }
            }
            Expression::Inline(i) => walk_inline(i, out),
        }
    }
    fn walk_pattern(p: &Pattern<&str>, out: &mut BTreeSet<String>) {
        for el in &p.elements {
            if let PatternElement::Placeable { expression } = el {
                walk_expr(expression, out);
            }
        }
    }
    let mut all = BTreeMap::new();
    for (file, src) in catalog_files(lang) {
        let res = fluent_syntax::parser::parse(src)
            .unwrap_or_else(|(_, errs)| panic!("{} {file} does not parse: {errs:?}", lang.tag()));
        for entry in res.body {
            if let Entry::Message(m) = entry {
                let mut args = BTreeSet::new();
                if let Some(v) = &m.value {
                    walk_pattern(v, &mut args);
                }
                let prev = all.insert(m.id.name.to_string(), args);
                assert!(prev.is_none(), "{} has {} twice", lang.tag(), m.id.name);
                for a in &m.attributes {
                    let mut args = BTreeSet::new();
                    walk_pattern(&a.value, &mut args);
                    all.insert(format!("{}.{}", m.id.name, a.id.name), args);
                }
            }
        }
    }
    all
}

#[test]
fn every_key_is_in_every_language_with_the_same_arguments() {
    let en = keys(Lang::En);
    assert!(en.len() > 100, "the English catalog has {} keys", en.len());
    for lang in Lang::ALL {
        let other = keys(lang);
        for (k, args) in &en {
            let Some(theirs) = other.get(k) else {
                panic!("{} lacks {k}", lang.tag());
            };
            assert_eq!(args, theirs, "{k}: arguments differ in {}", lang.tag());
        }
        for k in other.keys() {
            assert!(
                en.contains_key(k),
                "{} has {k}, English does not",
                lang.tag()
            );
        }
    }
}

#[test]
fn every_key_the_code_asks_for_exists() {
    // Keys written as literals in t!("...") anywhere under src/.
    let en = keys(Lang::En);
    let mut missing = Vec::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs")
                && !path.ends_with("i18n/mod.rs")
                && !path.ends_with("i18n/tests.rs")
            {
                let text = std::fs::read_to_string(&path).unwrap();
                for (at, _) in text.match_indices("t!(\"") {
                    let before = text[..at].chars().next_back();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    let key = text[at + 4..].split('"').next().unwrap();
                    if !en.contains_key(key) {
                        missing.push(format!("{}: {key}", path.display()));
                    }
                }
            }
        }
    }
    assert!(missing.is_empty(), "keys not in the catalog: {missing:?}");
}

#[test]
fn no_isolation_marks_and_plurals_follow_the_language() {
    let s = tr_in(Lang::En, "outcome-no_answer", &[]);
    assert_eq!(s, "no answer");
    let zh = tr_in(Lang::ZhCn, "outcome-no_answer", &[]);
    assert_eq!(zh, "未接通");
    assert!(!zh.contains('\u{2068}') && !zh.contains('\u{2069}'));
}

#[test]
fn the_language_is_chosen_in_order() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |k: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    };
    assert_eq!(choose("auto", env(&[])), Lang::En);
    assert_eq!(choose("auto", env(&[("LANG", "zh_CN.UTF-8")])), Lang::ZhCn);
    assert_eq!(
        choose("auto", env(&[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")])),
        Lang::En,
        "LC_ALL decides first"
    );
    assert_eq!(
        choose("auto", env(&[("LC_MESSAGES", "zh_CN"), ("LANG", "en_US")])),
        Lang::ZhCn
    );
    assert_eq!(choose("zh-CN", env(&[("LANG", "en_US")])), Lang::ZhCn);
    assert_eq!(
        choose("zh-CN", env(&[("CALLDECK_LANG", "en")])),
        Lang::En,
        "the environment overrides the config"
    );
    assert_eq!(choose("en", env(&[("LANG", "zh_CN.UTF-8")])), Lang::En);
}

#[test]
fn dates_and_money_follow_the_language() {
    let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    set_thread_lang(Some(Lang::ZhCn));
    assert_eq!(weekday_day_month(d), "11月24日 周二");
    assert_eq!(money(8_300_000, "¥"), "¥83,000");
    assert_eq!(money(8_300_050, "¥"), "¥83,000.50");
    assert_eq!(money_short(8_300_000, "¥"), "¥8.3万");
    assert_eq!(money_short(10_000_000, "¥"), "¥10万");
    assert_eq!(money_short(25_000_000_000, "¥"), "¥2.5亿");
    set_thread_lang(Some(Lang::En));
    assert_eq!(weekday_day_month(d), "Tue 24 Nov");
    assert_eq!(money(8_300_000, "¥"), "¥83,000.00");
    assert_eq!(money_short(8_300_000, "¥"), "¥83k");
    set_thread_lang(None);
}
