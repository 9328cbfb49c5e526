//! calldeck: a keyboard-driven terminal workbench for sales follow-up.

pub mod card;
pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod domain;
pub mod error;
pub mod store;
pub mod transfer;

pub use error::{Error, Result};
