//! Data crossing calldeck's edge: imports (CSV, Excel, vCard; customers and deal
//! pipelines), exports (CSV, JSON, Excel) and the calendar (iCalendar).

pub mod csv_safe;
pub mod export;
pub mod ics;
pub mod import;
