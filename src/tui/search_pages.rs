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
