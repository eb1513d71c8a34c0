//! Entropy from clock jitter: Timer_B counts SMCLK (the DCO, an RC
//! oscillator with noticeable jitter) between edges of ACLK (the crystal);
//! the low bits of each count vary run to run. Samples are mixed in two
//! 32-bit lanes, folded into a 32-bit seed (what the stack takes). Not a cryptographic source: good enough for NTP transmit
//! nonces, ports and DHCP-like transaction ids.

use crate::clock::{capture_start, capture_stop, next_edge};

/// Mixes `samples` ACLK-period measurements into a seed. Takes about
/// `samples` / 32768 s; 256 samples is 8 ms. Returns a fixed mix of the
/// samples taken so far if ACLK stops.
pub fn seed(samples: u16) -> u32 {
    capture_start();
    mix(samples)
}

/// [`seed`] with Timer_B already capturing ACLK edges (left so by
/// [`crate::clock::init_capturing`]); stops the capture.
pub(crate) fn mix(samples: u16) -> u32 {
    let mut a: u32 = 0x9E37_79B9;
    let mut b: u32 = 0x85EB_CA6B;
    let mut prev = next_edge().unwrap_or(0);
    for _ in 0..samples {
        let Some(now) = next_edge() else { break };
        let delta = now.wrapping_sub(prev);
        prev = now;
        // Multiply-xorshift mixing of both lanes (32-bit multiply is the
        // hardware multiplier); rotation and shift by 16 bits are word
        // moves on the MSP430 (by 5 and 15 they cost about 70 bytes).
        a = (a ^ u32::from(delta)).wrapping_mul(0x0100_0193);
        b = (b.rotate_left(16) ^ a).wrapping_mul(0x2C1B_3C6D);
        a ^= b >> 16;
    }
    capture_stop();
    // Folded by xor: no 64-bit value to build and fold again.
    a ^ b
}
