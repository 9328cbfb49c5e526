//! Data leaving calldeck: exports (CSV, JSON, Excel) and the calendar (iCalendar).

pub mod csv_safe;
pub mod export;
pub mod ics;
