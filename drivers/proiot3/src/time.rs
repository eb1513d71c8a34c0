//! Monotonic time from Timer_A counting ACLK (32768 Hz) in continuous mode:
//! TAR is the low 16 bits, the `TIMERA1` overflow handler counts the high
//! bits. Counts survive LPM3 (ACLK keeps running). CCR1 is a one-shot alarm
//! that wakes the CPU from [`sleep_ticks`].

use crate::periph;
use crate::rt::{critical, PROIOT3_TA_OVERFLOWS};

/// Tick frequency of [`ticks`].
pub const TICK_HZ: u32 = 32_768;

// TACTL / TACCTLx bits (msp430f1611.h).
const TASSEL_ACLK: u16 = 0x0100;
const MC_CONTINUOUS: u16 = 0x0020;
const TACLR: u16 = 0x0004;
const TAIE: u16 = 0x0002;
const TAIFG: u16 = 0x0001;
const CCIE: u16 = 0x0010;
/// SR bits for LPM3 with interrupts enabled: SCG1 | SCG0 | CPUOFF | GIE.
const LPM3_GIE: u16 = 0x00D8;

/// Starts Timer_A on ACLK, continuous, with the overflow interrupt.
pub fn start() {
    let ta = periph().timer_a3;
    ta.tactl()
        .write(|w| unsafe { w.bits(TASSEL_ACLK | MC_CONTINUOUS | TACLR | TAIE) });
}

/// TAR read twice until two reads agree: the timer runs from ACLK,
/// asynchronous to MCLK (SLAU049 section 11.2.1.1). Out of line: small,
/// and `cargo xtask boot-test` sets a breakpoint on it.
#[inline(never)]
fn tar() -> u16 {
    let ta = periph().timer_a3;
    loop {
        let a = ta.tar().read().bits();
        if ta.tar().read().bits() == a {
            return a;
        }
    }
}

/// The overflow count (2 s units) and TAR, read consistently. `FULL`:
/// the count's 32 bits; else only its low 16 (all [`ticks`] keeps: the
/// volatile read of the high word is not emitted).
fn now<const FULL: bool>() -> (u32, u16) {
    critical(|| {
        let ta = periph().timer_a3;
        let lo = tar();
        // SAFETY: interrupts are off; the handler is the only other writer.
        // The low word is at the counter's address (little-endian).
        let mut hi = unsafe {
            let count = &raw const PROIOT3_TA_OVERFLOWS;
            if FULL {
                core::ptr::read_volatile(count)
            } else {
                u32::from(core::ptr::read_volatile(count.cast::<u16>()))
            }
        };
        // An overflow that happened while interrupts were off is pending in
        // TAIFG: count it if TAR has already wrapped.
        if ta.tactl().read().bits() & TAIFG != 0 && lo < 0x8000 {
            hi = hi.wrapping_add(1);
        }
        (hi, lo)
    })
}

/// 32768 Hz ticks since [`start`]; wraps after 36.4 hours (use wrapping
/// differences).
pub fn ticks() -> u32 {
    let (hi, lo) = now::<false>();
    (hi << 16) | u32::from(lo)
}

/// Milliseconds since [`start`]; wraps after 49.7 days.
pub fn millis() -> u32 {
    let (hi, lo) = now::<true>();
    // 1000/32768 = 125/4096
    hi.wrapping_mul(2000)
        .wrapping_add((u32::from(lo) * 125) >> 12)
}

/// Whole seconds since [`start`] (wraps after 136 years).
pub fn seconds() -> u32 {
    let (hi, lo) = now::<true>();
    hi.wrapping_mul(2).wrapping_add(u32::from(lo >> 15))
}

/// Longest single alarm: half the watchdog period, so the watchdog is fed
/// in time even when it runs.
const MAX_ALARM: u16 = 16_384;

/// Sleeps in LPM3 for `ticks` 32768 Hz ticks (up to 2 s), feeding the
/// watchdog at least every 0.5 s, and returns with interrupts enabled. Other
/// interrupts (overflow, buttons) wake the CPU briefly; it goes back to sleep
/// until the alarm.
pub fn sleep_ticks(ticks: u16) {
    let mut left = ticks;
    while left > 0 {
        let part = left.min(MAX_ALARM);
        left -= part;
        alarm_sleep(part);
    }
}

fn alarm_sleep(ticks: u16) {
    // One tick could pass before the alarm is armed; two cannot.
    let ticks = ticks.max(2);
    let ta = periph().timer_a3;
    // Interrupts off from arming to the first check (the loop below turns
    // them on when it sleeps or returns): no save and restore of GIE.
    // SAFETY: masks interrupts; `nop` covers `dint`'s latency.
    unsafe { core::arch::asm!("dint", "nop") };
    ta.taccr1()
        .write(|w| unsafe { w.bits(tar().wrapping_add(ticks)) });
    ta.tacctl1().write(|w| unsafe { w.bits(CCIE) });
    loop {
        crate::watchdog::feed();
        // Check and sleep atomically: `bis` sets GIE and the LPM bits in one
        // instruction, so the alarm cannot slip in between.
        if ta.tacctl1().read().bits() & CCIE == 0 {
            crate::rt::interrupts_enable();
            break;
        }
        // SAFETY: the TIMERA1 handler clears the LPM bits on exit; GIE is
        // set again by the handler's `reti`, so mask before the next check.
        // (The bits as an immediate: no register held for them across
        // the loop.)
        unsafe { core::arch::asm!("bis #{0}, r2", "nop", "dint", "nop", const LPM3_GIE) };
    }
}

/// Sleeps `ms` milliseconds in LPM3 (see [`sleep_ticks`]): whole seconds
/// exactly, the rest short by at most 1 tick (31 us).
///
/// Left to LLVM's inlining: the firmware's one call, its constant retry
/// wait, becomes two one-second sleeps in place (12 B less than the
/// out-of-line copy and its call).
pub fn sleep_ms(ms: u32) {
    // Whole seconds, then the rest: a constant argument folds both (the
    // firmware's retry wait is two one-second sleeps and nothing else).
    // The seconds as 16-bit halves: a 32-bit loop counter costs about 30
    // bytes on the MSP430.
    let seconds = ms / 1000;
    for _ in 0..(seconds >> 16) as u16 {
        for _ in 0..=u16::MAX {
            sleep_ticks(TICK_HZ as u16);
        }
    }
    for _ in 0..seconds as u16 {
        sleep_ticks(TICK_HZ as u16);
    }
    let rest = (ms % 1000) as u16;
    if rest != 0 {
        // ms * 32.768 ticks = 32 ms + 0.768 ms, and 0.768 ~ 49.125 / 64:
        // 16-bit arithmetic (999 ms -> 32734 ticks, exact 32735).
        sleep_ticks((rest << 5) + ((rest * 49 + (rest >> 3)) >> 6));
    }
}

/// Busy-waits about `n` * 3 MCLK cycles.
#[inline(always)]
pub fn delay_cycles(n: u16) {
    if n == 0 {
        return;
    }
    // SAFETY: a register-only countdown loop (dec: 1 cycle, jnz: 2).
    unsafe {
        core::arch::asm!("1: dec {0}", "jnz 1b", inout(reg) n => _, options(nomem, nostack));
    }
}

/// Delay loops (3 cycles each) per 4 microseconds at MCLK, rounded up.
const LOOPS_PER_4US: u16 = (crate::clock::MCLK_HZ * 4).div_ceil(3_000_000) as u16;

/// Microseconds per whole delay loop of [`Delay::delay_us`]: a power of
/// two whose loop count, and that of any shorter rest, stays within 16 bits
/// (so the arithmetic is 16-bit: no 32-bit multiply or shifts).
const CHUNK_US: u16 = 4096;
const _: () = assert!(CHUNK_US as u32 * LOOPS_PER_4US as u32 <= 0xFFFF);

/// Busy-waiting `embedded_hal::delay::DelayNs` at [`crate::clock::MCLK_HZ`]
/// (for drivers that need short blocking delays; use [`sleep_ms`] to wait
/// long in low power).
pub struct Delay;

impl embedded_hal::delay::DelayNs for Delay {
    fn delay_ns(&mut self, ns: u32) {
        self.delay_us(crate::ns_to_us(ns));
    }

    /// The single copy of the delay code: one delay loop per [`CHUNK_US`], then one for the rest; 16-bit
    /// arithmetic only.
    #[inline(never)]
    fn delay_us(&mut self, us: u32) {
        // As 16-bit halves, one chunk off the pair per round (the high
        // half lends 65536 when the low one is short): us / CHUNK_US
        // rounds, us % CHUNK_US left in `low`; one loop and one copy of
        // the chunk's delay.
        let (mut high, mut low) = ((us >> 16) as u16, us as u16);
        loop {
            if low < CHUNK_US {
                if high == 0 {
                    break;
                }
                high -= 1;
            }
            low = low.wrapping_sub(CHUNK_US);
            delay_cycles(CHUNK_US / 4 * LOOPS_PER_4US);
        }
        // Below CHUNK_US, the product fits (asserted above). The DCO's
        // count by shifts; another even count halves first (a smaller
        // product, the same count); an odd one as it is.
        let loops = if LOOPS_PER_4US == 6 {
            // The DCO's 3.93 MHz: ceil(low * 6 / 4) = 2 * low - low / 2
            // (floored), by shifts and a subtraction (the multiply by 3
            // was a helper call).
            2 * low - (low >> 1)
        } else if LOOPS_PER_4US.is_multiple_of(2) {
            (low * (LOOPS_PER_4US / 2)).div_ceil(2)
        } else {
            (low * LOOPS_PER_4US).div_ceil(4)
        };
        delay_cycles(loops);
    }

    fn delay_ms(&mut self, ms: u32) {
        for _ in 0..ms {
            self.delay_us(1000);
        }
    }
}
