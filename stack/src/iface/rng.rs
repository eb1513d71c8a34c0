//! A tiny seedable pseudo-random generator (Marsaglia xorshift32).
//!
//! It draws ephemeral ports, the random delays of RFC 4861 section 10
//! (MAX_RTR_SOLICITATION_DELAY, the REACHABLE_TIME factor...) and MLD report
//! delays. It is not cryptographic; the firmware seeds it from hardware
//! jitter so that two devices booting together do not pick the same ports
//! and delays.

/// xorshift32 state; never zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rng(u32);

impl Rng {
    /// A generator from `seed` (zero, the one state xorshift cannot leave,
    /// is replaced by a fixed constant).
    // Not inlined: one copy of the 32-bit test for the three users.
    #[inline(never)]
    pub const fn new(seed: u32) -> Rng {
        Rng(if seed == 0 { 0x2545_f491 } else { seed })
    }

    /// The zero state, only as a placeholder in an all-zero constant
    /// (xorshift stays at zero: replace it with [`Rng::new`] before use).
    pub(crate) const ZERO: Rng = Rng(0);

    /// The next 32 random bits.
    // Not inlined: `below` and every caller share one copy of the
    // 32-bit shifts (long on the 16-bit target).
    #[inline(never)]
    pub fn next_u32(&mut self) -> u32 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        self.0 = x;
        x
    }

    /// A value spread over `0..n` (0 when `n` is 0): the 32 random bits
    /// modulo `n`. (The bias, under `n / 2^32`, is below 0.1 % for the
    /// delays of at most an hour drawn here.)
    // A 32-bit remainder, not a 64-bit multiply-and-shift: the 16-bit
    // target's 64-bit multiply helper has the deeper stack frame, and
    // this is on the deepest path (a DAD start under `advance`).
    pub fn below(&mut self, n: u32) -> u32 {
        let x = self.next_u32();
        if n == 0 {
            0
        } else {
            x % n
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence_and_zero_seed_works() {
        let mut a = Rng::new(42);
        let mut b = Rng::new(42);
        for _ in 0..100 {
            assert_eq!(a.next_u32(), b.next_u32());
        }
        let mut z = Rng::new(0);
        assert_ne!(z.next_u32(), 0);
        assert_ne!(Rng::new(1).next_u32(), Rng::new(2).next_u32());
    }

    #[test]
    fn below_stays_in_range_and_spreads() {
        let mut r = Rng::new(7);
        let mut seen = [0u32; 10];
        for _ in 0..10_000 {
            let v = r.below(10);
            assert!(v < 10);
            seen[v as usize] += 1;
        }
        // Each bucket near 1000; a broken generator would leave some empty.
        assert!(seen.iter().all(|&c| c > 800 && c < 1200), "{seen:?}");
        assert_eq!(r.below(0), 0);
    }
}
