//! The TUI at team scale (100,000 customers): the first frame after start, and one search
//! keystroke (match + redraw) for a team lead searching everyone.

use calldeck::store::Store;
use calldeck::tui::action::Action;
use calldeck::tui::update::update;
use calldeck::tui::{start, view};
mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn tui(c: &mut Criterion) {
    let team = common::team_file(5);
    let (path, config, clock) = (&team.path, &team.config, &team.clock);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut group = c.benchmark_group("tui");
    group.sample_size(20);
    group.bench_function("first_frame_100k_customers", |b| {
        b.iter(|| {
            let mut store = Store::open(path).expect("open");
            let app = start(&mut store, config.clone(), Some("Alice"), clock).expect("start");
            terminal.draw(|f| view::draw(f, &app)).expect("draw");
        })
    });
    let mut store = Store::open(path).expect("open");
    let mut app = start(&mut store, config.clone(), Some("lead"), clock).expect("start");
    update(&mut app, Action::Search, &mut store, clock);
    update(&mut app, Action::Input('h'), &mut store, clock);
    update(&mut app, Action::Input('a'), &mut store, clock);
    let mut add = true;
    group.bench_function("search_keystroke_100k_customers", |b| {
        b.iter(|| {
            let action = if add {
                Action::Input('r')
            } else {
                Action::Backspace
            };
            add = !add;
            update(&mut app, action, &mut store, clock);
            terminal.draw(|f| view::draw(f, &app)).expect("draw");
        })
    });
    // The worst case: the first character of a new search scans every customer.
    update(&mut app, Action::Backspace, &mut store, clock);
    update(&mut app, Action::Backspace, &mut store, clock);
    update(&mut app, Action::Backspace, &mut store, clock);
    group.bench_function("search_first_keystroke_100k_customers", |b| {
        b.iter(|| {
            update(&mut app, Action::Input('w'), &mut store, clock);
            terminal.draw(|f| view::draw(f, &app)).expect("draw");
            update(&mut app, Action::Backspace, &mut store, clock);
        })
    });
    group.finish();
}

criterion_group!(benches, tui);
criterion_main!(benches);
