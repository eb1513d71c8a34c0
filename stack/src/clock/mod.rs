//! Time for the display clock: calendar conversion and local time from a
//! POSIX TZ string.

pub mod calendar;
pub mod softclock;
pub mod tz;

pub use calendar::{DateTime, Weekday};
pub use tz::{Tz, TzError};

// One copy for the stack and the applications: `time::less_than`.
pub(crate) use crate::time::less_than;
