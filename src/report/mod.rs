//! The team lead's reports: the weekly summary and the funnel with its forecast, each
//! computed by one function that returns data, and the renderers that only format it.

pub mod daily;
pub mod forecast;
pub mod funnel;
pub mod method;
pub mod render_csv;
pub mod render_md;
pub mod render_xlsx;
pub mod weekly;

pub use daily::{DailyReport, daily};
pub use funnel::{Funnel, funnel};
pub use weekly::{Figures, Scope, Week, WeeklyReport, weekly};
