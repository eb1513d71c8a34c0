//! The stack's clock: wrapping 32-bit milliseconds.
//!
//! Every time argument (`now_ms`) and every deadline the stack hands out is
//! a `u32` count of milliseconds from the caller's monotonic clock, taken
//! modulo 2^32 (it wraps after 49.7 days). Deadlines are compared by the
//! sign of their wrapping difference, so they work across the wrap as long
//! as no wait is longer than 2^31 ms (24.8 days) and the caller calls at
//! least that often. On a 16-bit CPU this halves the code of every time
//! comparison against a `u64` clock.

/// `true` when the deadline `at` has been reached at `now_ms`.
#[inline]
pub fn due(now_ms: u32, at: u32) -> bool {
    now_ms.wrapping_sub(at) as i32 >= 0
}

/// Milliseconds from `now_ms` until the deadline `at`: 0 when it has been
/// reached.
#[inline]
pub fn until(now_ms: u32, at: u32) -> u32 {
    let d = at.wrapping_sub(now_ms);
    // Past (negative difference): the sign bit alone, one word's test on
    // a 16-bit CPU.
    if d >> 31 != 0 {
        0
    } else {
        d
    }
}

/// The time `ms` after `now` (wrapping): a deadline, or a sum of two
/// durations. Out of line on the 16-bit target: one copy of the 32-bit
/// addition (LLVM's MSP430 backend emulates the add-with-carry) for every
/// timer of the stack and its applications.
#[cfg_attr(target_pointer_width = "16", inline(never))]
pub fn after(now: u32, ms: u32) -> u32 {
    now.wrapping_add(ms)
}

/// `a < b` for plain (not wrapping) 32-bit values, compared by 16-bit
/// halves, each compare a branch: LLVM's 32-bit comparison made into a
/// `bool` or a select is about twice as long on the MSP430 (a 16-bit CPU).
/// Shared by the stack and its applications (the clock app's text and
/// deadlines).
#[inline(always)]
pub const fn less_than(a: u32, b: u32) -> bool {
    let (ah, bh) = ((a >> 16) as u16, (b >> 16) as u16);
    // (High halves equal, after `ah < bh` failed, written as `ah <= bh`:
    // the MSP430 backend makes that a compare and a jump, where `==`
    // took an exclusive or and a test.)
    ah < bh || (ah <= bh && (a as u16) < (b as u16))
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

    #[test]
    fn deadlines_compare_across_the_wrap() {
        assert!(due(5, 5));
        assert!(due(6, 5));
        assert!(!due(4, 5));
        // Just before and after 2^32.
        assert!(!due(u32::MAX - 1, 3));
        assert!(due(3, u32::MAX - 1));
        assert_eq!(until(u32::MAX - 1, 3), 5);
        assert_eq!(until(3, u32::MAX - 1), 0);
        assert_eq!(until(10, 10), 0);
        assert_eq!(until(10, 11), 1);
        // The longest wait that still reads as in the future.
        assert_eq!(until(0, i32::MAX as u32), i32::MAX as u32);
        assert_eq!(until(0, 1 << 31), 0);
    }
}
