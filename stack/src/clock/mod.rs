//! Time for the display clock: calendar conversion and local time from a
//! POSIX TZ string.

pub mod calendar;
pub mod softclock;
pub mod tz;

pub use calendar::{DateTime, Weekday};
pub use tz::{Tz, TzError};

/// `a < b`, compared by 16-bit halves, each compare a branch: LLVM's
/// 32-bit comparison made into a `bool` or a select is about twice as long
/// on the MSP430 (a 16-bit CPU).
#[inline(always)]
pub(crate) const fn less_than(a: u32, b: u32) -> bool {
    let (ah, bh) = ((a >> 16) as u16, (b >> 16) as u16);
    ah < bh || (ah == bh && (a as u16) < (b as u16))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn less_than_by_halves_is_less_than() {
        let values = [
            0u32,
            1,
            0xFFFF,
            0x1_0000,
            0x1_0001,
            0x1_FFFF,
            0x2_0000,
            0x7FFF_FFFF,
            0x8000_0000,
            u32::MAX,
        ];
        for a in values {
            for b in values {
                assert_eq!(less_than(a, b), a < b, "{a:#x} {b:#x}");
            }
        }
    }
}
