//! The team-scale file the benchmarks share: 100 reps x 1,000 customers from the demo
//! generator, with a fixed clock.

use std::path::PathBuf;

use calldeck::clock::Clock;
use calldeck::config::Config;
use calldeck::demo::{DemoOptions, build};

pub struct TeamFile {
    pub _dir: tempfile::TempDir,
    pub path: PathBuf,
    pub config: Config,
    pub clock: Clock,
}

/// 100,000 customers with `days` of call history.
pub fn team_file(days: u32) -> TeamFile {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.db");
    let config = Config::default();
    let clock = Clock::parse("2026-11-26T09:00:00+08:00").expect("clock");
    build(
        &path,
        &DemoOptions {
            reps: 100,
            customers: 1000,
            days,
            seed: 1,
            calls_per_day: None,
        },
        &config,
        &clock,
    )
    .expect("demo");
    TeamFile {
        _dir: dir,
        path,
        config,
        clock,
    }
}
