//! A team's search index arrives in pages: the first page is searchable at once, the rest
//! is read between keystrokes (on ticks) and scored against what has been typed so far, so
//! a lead's search never waits for 100,000 customers before showing anything.

use nucleo_matcher::Utf32String;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};

use super::app::{App, SearchState};
use super::update::{run_search, score_all};
use crate::error::Result;
use crate::store::{SEARCH_PAGE, SearchItem, Store};

/// The book searched: the rep's, or everyone's for a lead.
fn owner(app: &App) -> Option<i64> {
    if app.is_lead() {
        None
    } else {
        app.rep.as_ref().map(|r| r.id)
    }
}

/// Starts the search index over with its first page.
pub fn load_first_page(app: &mut App, store: &Store) -> Result<()> {
    let page = store.search_items_page(owner(app), 0, SEARCH_PAGE)?;
    let s = &mut app.search;
    s.items.clear();
    s.haystacks.clear();
    s.narrowing.clear();
    s.more_after = None;
    append(s, page);
    s.loaded = true;
    Ok(())
}

/// Reads one more page, if any is left, and refreshes the results without moving the
/// selection.
pub fn load_next_page(app: &mut App, store: &Store) -> Result<()> {
    let Some(after) = app.search.more_after else {
        return Ok(());
    };
    let page = store.search_items_page(owner(app), after, SEARCH_PAGE)?;
    append(&mut app.search, page);
    let selected = app.search.selected;
    run_search(app);
    app.search.selected = selected.min(app.search.results.len().saturating_sub(1));
    Ok(())
}

/// Adds a page to the items and to every remembered query's matches: each query's matches
/// come from the previous (shorter) query's, so the new items are narrowed the same way.
fn append(s: &mut SearchState, page: Vec<SearchItem>) {
    let first = s.items.len();
    s.more_after = if page.len() < SEARCH_PAGE {
        None
    } else {
        page.last().map(|i| i.id)
    };
    s.haystacks
        .extend(page.iter().map(|i| Utf32String::from(i.haystack.as_str())));
    s.items.extend(page);
    let mut candidates: Vec<usize> = (first..s.items.len()).collect();
    for (query, matches) in s.narrowing.iter_mut() {
        if candidates.is_empty() {
            break;
        }
        let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        let found = score_all(
            &pattern,
            &candidates,
            &s.haystacks,
            &mut s.matcher,
            &mut s.second_matcher,
        );
        candidates = found.iter().map(|(i, _)| *i).collect();
        matches.extend(found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;
    use crate::config::Config;
    use crate::demo::{DemoOptions, build};
    use crate::tui::action::Action;
    use crate::tui::start;
    use crate::tui::update::update;

    fn typed(app: &App) -> Vec<i64> {
        app.search
            .results
            .iter()
            .map(|(i, _)| app.search.items[*i].id)
            .collect()
    }

    #[test]
    fn a_leads_search_read_in_pages_finds_what_a_whole_load_finds() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pages.db");
        let clock = Clock::parse("2026-11-26T09:00:00+08:00").unwrap();
        let config = Config::default();
        let opts = DemoOptions {
            reps: 5,
            customers: 1000,
            days: 0,
            seed: 3,
            calls_per_day: None,
        };
        build(&path, &opts, &config, &clock).unwrap();
        let mut store = Store::open(&path).unwrap();
        let everyone = store.search_items(None).unwrap().len();
        assert!(everyone > SEARCH_PAGE, "the team needs more than one page");

        let mut app = start(&mut store, config.clone(), Some("lead"), &clock).unwrap();
        update(&mut app, Action::Search, &mut store, &clock);
        assert_eq!(app.search.items.len(), SEARCH_PAGE);
        assert!(app.search.more_after.is_some());
        for c in "an".chars() {
            update(&mut app, Action::Input(c), &mut store, &clock);
        }
        assert!(
            !app.search.results.is_empty(),
            "the first page answers at once"
        );
        update(&mut app, Action::Down, &mut store, &clock);
        while app.search.more_after.is_some() {
            update(&mut app, Action::Tick, &mut store, &clock);
        }
        assert_eq!(app.search.items.len(), everyone);
        assert_eq!(app.search.selected, 1, "reading pages keeps the selection");
        // Typed before the rest arrived, or after: the same results.
        update(&mut app, Action::Input('g'), &mut store, &clock);
        let paged = typed(&app);

        let mut fresh = start(&mut store, config, Some("lead"), &clock).unwrap();
        update(&mut fresh, Action::Search, &mut store, &clock);
        while fresh.search.more_after.is_some() {
            update(&mut fresh, Action::Tick, &mut store, &clock);
        }
        for c in "ang".chars() {
            update(&mut fresh, Action::Input(c), &mut store, &clock);
        }
        assert!(!paged.is_empty());
        assert_eq!(paged, typed(&fresh));
    }
}
