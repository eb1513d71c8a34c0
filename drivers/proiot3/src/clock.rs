//! Basic Clock Module set-up. ACLK is the 32768 Hz watch crystal on LFXT1.
//! MCLK and SMCLK come from the DCO, calibrated in software against ACLK (a
//! frequency-locked loop like Contiki's `msp430_sync_dco`) to [`MCLK_HZ`];
//! with the `xt2-8mhz` feature they come from an 8 MHz crystal on XT2
//! instead (the board notes do not say whether XT2 is fitted, so the DCO is
//! the default; MSPSim's proiot3 model and the reference Contiki firmware
//! run from the DCO).

use crate::periph;

/// ACLK frequency (LFXT1 watch crystal, divider 1).
pub const ACLK_HZ: u32 = 32_768;
/// MCLK frequency: the DCO calibrated to 120 ACLK periods (3.93 MHz).
#[cfg(not(feature = "xt2-8mhz"))]
pub const MCLK_HZ: u32 = 120 * ACLK_HZ;
/// MCLK frequency: the XT2 crystal.
#[cfg(feature = "xt2-8mhz")]
pub const MCLK_HZ: u32 = 8_000_000;
/// SMCLK frequency (same source as MCLK, divider 1): clocks the UART and SPI.
pub const SMCLK_HZ: u32 = MCLK_HZ;

/// ACLK periods per calibration measurement.
const MEASURE_PERIODS: u16 = 8;
/// SMCLK counts expected over [`MEASURE_PERIODS`] ACLK periods.
const TARGET_COUNT: u16 = (120 * MEASURE_PERIODS as u32) as u16;
/// Polls per wait for an ACLK edge before giving up (ACLK not running).
const EDGE_TIMEOUT: u16 = 4000;

// Register bits (msp430f1611.h).
const XT2OFF: u8 = 0x80;
const RSEL_MASK: u8 = 0x07;
const OFIFG: u8 = 0x02;
const TBSSEL_SMCLK: u16 = 0x0200;
const MC_CONTINUOUS: u16 = 0x0020;
const TBCLR: u16 = 0x0004;
const CM_RISING: u16 = 0x4000;
const CCIS_1: u16 = 0x1000; // CCI6B = ACLK
const CAP: u16 = 0x0100;
const CCIFG: u16 = 0x0001;

/// Sets ACLK = LFXT1/1 and MCLK = SMCLK = DCO/1 (XT2 off), waits (bounded)
/// for the crystal, and calibrates the DCO. Returns `false` when ACLK does
/// not run or the DCO could not be brought within 0.3 % of [`MCLK_HZ`] (the
/// DCO is then left at its last setting: timing is off, but nothing hangs).
///
/// With `xt2-8mhz`: MCLK = SMCLK = XT2/1 once the oscillator fault flag
/// stays clear; `false` (and the DCO kept) if it never does.
///
/// Leaves Timer_B capturing ACLK edges (as [`capture_start`] sets it):
/// [`crate::Board::init`] mixes the entropy seed from it
/// ([`crate::entropy::mix`], which stops it).
///
/// Called once, after a reset (by `Board::init`): BCSCTL2 is assumed to
/// hold its reset value.
pub(crate) fn init_capturing() -> bool {
    let p = periph();
    let bc = &p.basic_clock;
    // RSEL 7: the highest range; calibration moves it if needed.
    let xt2 = if cfg!(feature = "xt2-8mhz") {
        0
    } else {
        XT2OFF
    };
    bc.bcsctl1().write(|w| unsafe { w.bits(xt2 | 7) });
    // BCSCTL2 = 0 (MCLK = SMCLK = DCO/1) is its PUC value (SLAU049 table
    // 4-2; `init` runs once after reset): nothing to write.
    // Oscillator fault flag: clear until it stays clear (LFXT1 started).
    let sfr = &p.special_function;
    let mut n = 0u16;
    while n < 200 {
        sfr.ifg1()
            .modify(|r, w| unsafe { w.bits(r.bits() & !OFIFG) });
        crate::time::delay_cycles(1000);
        if sfr.ifg1().read().bits() & OFIFG == 0 {
            break;
        }
        n += 1;
    }
    if cfg!(feature = "xt2-8mhz") {
        let ok = n < 200;
        if ok {
            // SELM_2 (XT2CLK) | SELS (XT2CLK), dividers 1.
            bc.bcsctl2().write(|w| unsafe { w.bits(0x80 | 0x08) });
        }
        capture_start();
        return ok;
    }
    calibrate()
}

/// Starts Timer_B on SMCLK capturing ACLK rising edges on CCR6.
pub(crate) fn capture_start() {
    let tb = periph().timer_b7;
    tb.tbctl()
        .write(|w| unsafe { w.bits(TBSSEL_SMCLK | MC_CONTINUOUS | TBCLR) });
    tb.tbcctl6()
        .write(|w| unsafe { w.bits(CM_RISING | CCIS_1 | CAP) });
}

/// Stops Timer_B.
pub(crate) fn capture_stop() {
    let tb = periph().timer_b7;
    tb.tbcctl6().write(|w| unsafe { w.bits(0) });
    tb.tbctl().write(|w| unsafe { w.bits(0) });
}

/// Timer_B value at the next ACLK rising edge, or `None` on timeout.
pub(crate) fn next_edge() -> Option<u16> {
    let tb = periph().timer_b7;
    let mut n = 0u16;
    while tb.tbcctl6().read().bits() & CCIFG == 0 {
        n += 1;
        if n == EDGE_TIMEOUT {
            return None;
        }
    }
    tb.tbcctl6()
        .modify(|r, w| unsafe { w.bits(r.bits() & !CCIFG) });
    Some(tb.tbccr6().read().bits())
}

/// SMCLK cycles over `periods` ACLK periods.
pub(crate) fn measure(periods: u16) -> Option<u16> {
    let start = next_edge()?;
    let mut end = start;
    for _ in 0..periods {
        end = next_edge()?;
    }
    Some(end.wrapping_sub(start))
}

fn calibrate() -> bool {
    let bc = periph().basic_clock;
    capture_start();
    let mut ok = false;
    let mut rounds = 0u8;
    while rounds < 200 {
        rounds += 1;
        let Some(count) = measure(MEASURE_PERIODS) else {
            break;
        };
        let dco = bc.dcoctl().read().bits();
        let rsel = bc.bcsctl1().read().bits() & RSEL_MASK;
        // |count - target| > 32 by one wrapping subtraction and compare
        // (`abs_diff` is two of each).
        let step: u8 = if count.wrapping_sub(TARGET_COUNT - 32) > 64 {
            8
        } else {
            1
        };
        // (Against `TARGET_COUNT - 3`: no addition, and no wrap.)
        if count < TARGET_COUNT - 3 {
            // Too slow: DCOCTL (DCO:MOD) up; at the top, next resistor range.
            if dco > 0xFF - step {
                if rsel == 7 {
                    break;
                }
                bc.bcsctl1().modify(|r, w| unsafe { w.bits(r.bits() + 1) });
                bc.dcoctl().write(|w| unsafe { w.bits(0x60) });
            } else {
                bc.dcoctl().write(|w| unsafe { w.bits(dco + step) });
            }
        } else if count > TARGET_COUNT + 3 {
            if dco < step {
                if rsel == 0 {
                    break;
                }
                bc.bcsctl1().modify(|r, w| unsafe { w.bits(r.bits() - 1) });
                bc.dcoctl().write(|w| unsafe { w.bits(0x60) });
            } else {
                bc.dcoctl().write(|w| unsafe { w.bits(dco - step) });
            }
        } else {
            ok = true;
            break;
        }
    }
    // Capture left running (see `init_capturing`).
    ok
}
