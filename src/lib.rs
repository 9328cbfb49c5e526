//! calldeck: a keyboard-driven terminal workbench for sales follow-up.

// `expect("why")` where a value truly cannot be missing; never a bare unwrap.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod card;
pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod domain;
pub mod error;
pub mod files;
pub mod i18n;
pub mod planner;
pub mod report;
pub mod store;
pub mod text;
pub mod transfer;
pub mod tui;

pub use error::{Error, Result};
