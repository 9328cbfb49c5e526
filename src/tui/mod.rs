//! The full-screen view: state, actions, one keymap, a pure update, views that only draw,
//! and an event loop that owns the terminal.

pub mod action;
pub mod app;
mod calling;
mod complaint;
pub mod dial;
pub mod field;
mod forms;
pub mod keymap;
pub(crate) mod scripts;
mod search_pages;
mod signals;
mod snooze;
mod team;
pub mod theme;
pub mod update;
pub mod view;

use std::path::Path;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyEventKind};

use self::app::{App, Screen};
use self::keymap::{Key, action_for};
use crate::clock::Clock;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::store::Store;

/// How often the screen refreshes on its own (appointments coming due, the clock).
const TICK: Duration = Duration::from_millis(500);

/// Builds the app for `rep` (or the picker), as the event loop and the tests start it.
pub fn start(store: &mut Store, config: Config, rep: Option<&str>, clock: &Clock) -> Result<App> {
    let mut reps = store.reps()?;
    // A brand-new file: whoever opens it first is its rep (a solo salesperson never has to
    // learn about reps). The name is --rep, else the login name.
    if reps.is_empty() {
        let login = std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_else(|_| "me".into());
        let name = rep
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .unwrap_or(&login);
        reps.push(store.add_rep(name, crate::store::RepRole::Rep, None, clock)?);
    }
    let mut app = App::new(config, reps.clone(), clock.local_now());
    let chosen = match rep.map(str::trim).filter(|r| !r.is_empty()) {
        Some(name) => Some(store.resolve_rep(Some(name))?),
        None if reps.len() == 1 => reps.first().cloned(),
        None => None,
    };
    match chosen {
        Some(rep) => update::start_as(&mut app, rep, store, clock)?,
        None => app.screen = Screen::Picker,
    }
    Ok(app)
}

/// Turns a key event into the app's action, through the keymap.
pub fn handle_key(app: &mut App, key: event::KeyEvent, store: &mut Store, clock: &Clock) {
    if key.kind == KeyEventKind::Release {
        return;
    }
    if let Some(k) = Key::from_event(key)
        && let Some(action) = action_for(&app.keymap, app.mode(), k)
    {
        update::update(app, action, store, clock);
    }
}

/// Two clicks on one line within this time open the row's card.
const DOUBLE_CLICK: Duration = Duration::from_millis(400);

/// The last left click, to tell a double-click.
#[derive(Debug, Default)]
pub struct Clicks {
    last: Option<(std::time::Instant, u16)>,
}

/// A mouse event: a click selects the row under it, a second click on it opens its card,
/// the wheel moves the cursor (or scrolls the card and help). Nothing in a form or question.
pub fn handle_mouse(
    app: &mut App,
    mouse: event::MouseEvent,
    at: std::time::Instant,
    clicks: &mut Clicks,
    store: &mut Store,
    clock: &Clock,
) {
    use event::{MouseButton, MouseEventKind};
    if !app.config.tui.mouse
        || !matches!(
            app.mode(),
            keymap::Mode::List | keymap::Mode::Card | keymap::Mode::Viewer | keymap::Mode::Search
        )
    {
        return;
    }
    let act = |app: &mut App, a, store: &mut Store| update::update(app, a, store, clock);
    match mouse.kind {
        MouseEventKind::ScrollDown => act(app, action::Action::Down, store),
        MouseEventKind::ScrollUp => act(app, action::Action::Up, store),
        MouseEventKind::Down(MouseButton::Left) if app.mode() == keymap::Mode::List => {
            let y = mouse.row;
            let double = clicks
                .last
                .is_some_and(|(t, ly)| ly == y && at.duration_since(t) <= DOUBLE_CLICK);
            act(app, action::Action::ClickLine(y), store);
            if double {
                clicks.last = None;
                act(app, action::Action::Open, store);
            } else {
                clicks.last = Some((at, y));
            }
        }
        _ => {}
    }
}

/// The most text one paste puts into a field; the rest is dropped, not typed later.
const PASTE_LIMIT: usize = 10_000;

/// A paste (bracketed by the terminal) as one event: typed into the field being edited, with
/// line breaks and tabs as spaces, in one go and with one redraw. Outside a text field a
/// paste does nothing, so pasted letters never run as commands.
pub fn handle_paste(app: &mut App, text: &str, store: &mut Store, clock: &Clock) {
    if !matches!(
        app.mode(),
        keymap::Mode::Text
            | keymap::Mode::Search
            | keymap::Mode::CustomerForm
            | keymap::Mode::SnoozeForm
    ) {
        return;
    }
    let text = text.trim_end_matches(['\r', '\n']);
    for c in text.chars().take(PASTE_LIMIT) {
        let c = if c.is_whitespace() { ' ' } else { c };
        if !c.is_control() {
            update::update(app, action::Action::Input(c), store, clock);
        }
    }
}

/// Runs the TUI until the rep quits. The terminal is restored on every exit: panics
/// (ratatui's init installs the hook), errors, and SIGTERM, SIGHUP and SIGINT.
pub fn run(store: &mut Store, config: Config, rep: Option<&str>, remember: &Path) -> Result<()> {
    let clock = Clock::from_env()?;
    let remembered = rep
        .map(String::from)
        .or_else(|| store.remembered_rep().ok().flatten())
        .or_else(|| remembered_rep(remember));
    let mut app = match start(store, config.clone(), remembered.as_deref(), &clock) {
        Ok(app) => app,
        // A remembered rep that no longer exists: ask again.
        Err(_) if rep.is_none() => start(store, config, None, &clock)?,
        Err(e) => return Err(e),
    };
    let stop = signals::Stop::register()?;
    let mut terminal = ratatui::init();
    let _ = ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::event::EnableBracketedPaste
    );
    let mouse = app.config.tui.mouse;
    if mouse {
        let _ = ratatui::crossterm::execute!(
            std::io::stdout(),
            ratatui::crossterm::event::EnableMouseCapture
        );
    }
    let mut clicks = Clicks::default();
    let result = (|| -> Result<()> {
        while !app.quit {
            if let Some(name) = stop.received() {
                return Err(Error::invalid(crate::t!("err-stopped-by", name = name)));
            }
            terminal
                .draw(|frame| view::draw(frame, &app))
                .map_err(|e| Error::io("cannot draw on", "the terminal", e))?;
            let clock = Clock::from_env()?;
            // While a search is still reading its pages, the next one is read as soon as
            // no key is waiting.
            let wait = if app.screen == Screen::Search && app.search.more_after.is_some() {
                Duration::ZERO
            } else {
                TICK
            };
            if !event::poll(wait).map_err(|e| Error::io("cannot read", "the terminal", e))? {
                update::update(&mut app, action::Action::Tick, store, &clock);
                continue;
            }
            // Everything waiting is handled before the next draw, so a burst of input
            // (a paste without bracketing, a held key) never queues behind redraws.
            let wake = std::time::Instant::now();
            loop {
                match event::read().map_err(|e| Error::io("cannot read", "the terminal", e))? {
                    Event::Key(key) => handle_key(&mut app, key, store, &clock),
                    Event::Paste(text) => handle_paste(&mut app, &text, store, &clock),
                    Event::Mouse(m) => handle_mouse(
                        &mut app,
                        m,
                        std::time::Instant::now(),
                        &mut clicks,
                        store,
                        &clock,
                    ),
                    _ => {}
                }
                if let Some(number) = app.clipboard.take() {
                    use std::io::Write;
                    let mut out = std::io::stdout();
                    // A terminal without OSC 52 ignores the sequence; nothing to undo.
                    let _ = out
                        .write_all(dial::osc52(&number).as_bytes())
                        .and_then(|()| out.flush());
                }
                if app.quit
                    || wake.elapsed() > Duration::from_millis(100)
                    || !event::poll(Duration::ZERO)
                        .map_err(|e| Error::io("cannot read", "the terminal", e))?
                {
                    break;
                }
            }
        }
        Ok(())
    })();
    let _ = ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::event::DisableBracketedPaste
    );
    if mouse {
        let _ = ratatui::crossterm::execute!(
            std::io::stdout(),
            ratatui::crossterm::event::DisableMouseCapture
        );
    }
    ratatui::restore();
    result
}

/// The rep an older calldeck remembered beside the database, read when the file itself
/// holds none yet.
fn remembered_rep(path: &Path) -> Option<String> {
    std::fs::read_to_string(path)
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}
