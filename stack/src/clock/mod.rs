//! Time for the display clock: calendar conversion and local time from a
//! POSIX TZ string.

pub mod calendar;
pub mod softclock;
pub mod tz;

pub use calendar::{DateTime, Weekday};
pub use tz::{Tz, TzError};
