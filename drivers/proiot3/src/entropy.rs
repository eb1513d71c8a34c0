//! Entropy from clock jitter: Timer_B counts SMCLK (the DCO, an RC
//! oscillator with noticeable jitter) between edges of ACLK (the crystal);
//! the low bits of each count vary run to run. Samples are mixed into a
//! 32-bit seed (what the stack takes). Not a cryptographic source: good
//! enough for NTP transmit nonces, ports and DHCP-like transaction ids.

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
    let mut prev = next_edge().unwrap_or(0);
    for _ in 0..samples {
        let Some(now) = next_edge() else { break };
        let delta = now.wrapping_sub(prev);
        prev = now;
        // Multiply-xorshift mixing (32-bit multiply is the hardware
        // multiplier; a shift by 16 bits is a word move on the MSP430, by
        // other amounts it costs a loop): each sample's low bits reach
        // every bit of the state, the high half folded back down.
        a = (a ^ u32::from(delta)).wrapping_mul(0x2C1B_3C6D);
        a ^= a >> 16;
    }
    capture_stop();
    a
}
