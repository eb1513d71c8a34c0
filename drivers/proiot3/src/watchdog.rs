//! Watchdog timer (WDT+). `Reset` stops it; [`start`] arms a 1 s reset
//! watchdog clocked from ACLK (it keeps running in LPM3), [`feed`] restarts
//! the count. [`crate::time::sleep_ticks`] feeds it on every wake-up.

use crate::periph;

const WDTPW: u16 = 0x5A00;
const WDTHOLD: u16 = 0x0080;
const WDTCNTCL: u16 = 0x0008;
const WDTSSEL: u16 = 0x0004;

/// Watchdog period after [`start`], in milliseconds (32768 ACLK cycles).
pub const PERIOD_MS: u16 = 1000;

/// Stops the watchdog.
pub fn stop() {
    periph()
        .watchdog_timer
        .wdtctl()
        .write(|w| unsafe { w.bits(WDTPW | WDTHOLD) });
}

/// Starts a reset watchdog of [`PERIOD_MS`] on ACLK (`WDT_ARST_1000`).
pub fn start() {
    periph()
        .watchdog_timer
        .wdtctl()
        .write(|w| unsafe { w.bits(WDTPW | WDTCNTCL | WDTSSEL) });
}

/// WDTCTL's password as it reads (SLAU049 10.3: always 0x69; written 0x5A).
const WDTPW_READ: u16 = 0x6900;

/// Restarts the watchdog count, keeping its configuration (a stopped
/// watchdog stays stopped).
#[inline]
pub fn feed() {
    // What WDTCTL reads with the read password turned into the written
    // one and WDTCNTCL set (it always reads 0, SLAU049 10.3), by one xor
    // on the register itself (one instruction, 10 B less than reading,
    // masking, setting and writing).
    periph()
        .watchdog_timer
        .wdtctl()
        .modify(|r, w| unsafe { w.bits(r.bits() ^ (WDTPW_READ ^ WDTPW | WDTCNTCL)) });
}
