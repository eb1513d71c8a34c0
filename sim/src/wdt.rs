//! Watchdog timer (SLAU049 chapter 10).
//!
//! WDTCTL at 0x0120: writes need the password 0x5A in the high byte (any
//! other value is a key violation: PUC with IFG1.WDTIFG set); reads return
//! 0x69 in the high byte. WDTCNT counts the selected clock (WDTSSEL: SMCLK
//! or ACLK) unless WDTHOLD; WDTCNTCL clears it (and reads 0). When the count
//! reaches the interval (WDTIS: 32768, 8192, 512, 64) the watchdog mode
//! resets the chip (PUC, WDTIFG set) and the interval timer mode
//! (WDTTMSEL) sets IFG1.WDTIFG and keeps counting; the WDT interrupt resets
//! WDTIFG when accepted. After PUC the watchdog runs in watchdog mode from
//! SMCLK with the 32768 interval.
//!
//! Not modelled: the NMI function of the RST/NMI pin (WDTNMI, WDTNMIES are
//! stored only).

use crate::clock::{BasicClock, ClockSource};

/// WDTCTL address.
pub const WDTCTL: u16 = 0x0120;
const WDTHOLD: u16 = 0x0080;
const WDTTMSEL: u16 = 0x0010;
const WDTCNTCL: u16 = 0x0008;
const WDTSSEL: u16 = 0x0004;

/// What a watchdog expiry or register write does to the chip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WdtEffect {
    /// Nothing beyond the register.
    None,
    /// Interval expired in interval mode: set IFG1.WDTIFG.
    Interval,
    /// PUC: watchdog expiry in watchdog mode or a key violation.
    Reset,
}

/// The watchdog.
#[derive(Debug, Clone)]
pub struct Watchdog {
    ctl: u8,
    count: u64,
    last_src: u64,
    last_t: u64,
}

impl Watchdog {
    /// After PUC: watchdog mode, SMCLK, interval 32768, count 0.
    pub fn new() -> Self {
        Watchdog {
            ctl: 0,
            count: 0,
            last_src: 0,
            last_t: 0,
        }
    }

    /// PUC at time `t`.
    pub fn reset(&mut self, clk: &BasicClock, t: u64) {
        *self = Watchdog::new();
        self.last_t = t;
        self.last_src = clk.ticks(self.source(), t);
    }

    fn source(&self) -> ClockSource {
        if self.ctl as u16 & WDTSSEL != 0 {
            ClockSource::Aclk
        } else {
            ClockSource::Smclk
        }
    }

    /// The interval in clock ticks.
    pub fn interval(&self) -> u64 {
        match self.ctl & 3 {
            0 => 32768,
            1 => 8192,
            2 => 512,
            _ => 64,
        }
    }

    /// True in interval timer mode.
    pub fn interval_mode(&self) -> bool {
        self.ctl as u16 & WDTTMSEL != 0
    }

    /// True while held (stopped).
    pub fn held(&self) -> bool {
        self.ctl as u16 & WDTHOLD != 0
    }

    /// Counts up to time `t`; returns what an expiry in that span does
    /// (interval mode may expire several times: one flag).
    pub fn sync(&mut self, clk: &BasicClock, t: u64) -> WdtEffect {
        if t < self.last_t {
            return WdtEffect::None;
        }
        self.last_t = t;
        let now = clk.ticks(self.source(), t);
        let n = now.saturating_sub(self.last_src);
        self.last_src = now;
        if self.held() || n == 0 {
            return WdtEffect::None;
        }
        let iv = self.interval();
        let before = self.count;
        self.count += n;
        if self.count / iv > before / iv {
            if self.interval_mode() {
                self.count %= 0x10000;
                WdtEffect::Interval
            } else {
                WdtEffect::Reset
            }
        } else {
            WdtEffect::None
        }
    }

    /// Time of the next expiry, if the watchdog runs and its clock ticks.
    pub fn next_event(&self, clk: &BasicClock) -> Option<u64> {
        if self.held() {
            return None;
        }
        let iv = self.interval();
        let need = iv - self.count % iv;
        clk.time_of(self.source(), self.last_src + need)
    }

    /// WDTCTL read: 0x69 in the high byte.
    pub fn read(&self) -> u16 {
        0x6900 | self.ctl as u16
    }

    /// WDTCTL write (synced to `t` first); a wrong password is a key
    /// violation. A byte write cannot carry the password: it violates too.
    pub fn write(&mut self, value: u16, byte: bool, clk: &BasicClock, t: u64) -> WdtEffect {
        if byte || value >> 8 != 0x5A {
            return WdtEffect::Reset;
        }
        let old_src = self.source();
        self.ctl = (value as u8) & !(WDTCNTCL as u8);
        if value & WDTCNTCL != 0 {
            self.count = 0;
        }
        if self.source() != old_src {
            self.last_src = clk.ticks(self.source(), t);
        }
        WdtEffect::None
    }
}

impl Default for Watchdog {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{Oscillators, PS_PER_S};

    fn aclk_t(n: u64) -> u64 {
        (n as u128 * PS_PER_S as u128).div_ceil(32768) as u64
    }

    #[test]
    fn puc_watchdog_resets_after_32768_smclk() {
        let c = BasicClock::new(Oscillators::default());
        let mut w = Watchdog::new();
        let t = w.next_event(&c).unwrap();
        // 32768 / 800 kHz = 40.96 ms
        assert_eq!(t, 40_960_000_000);
        assert_eq!(w.sync(&c, t - 1), WdtEffect::None);
        assert_eq!(w.sync(&c, t), WdtEffect::Reset);
        assert_eq!(w.read(), 0x6900);
    }

    #[test]
    fn password_and_hold() {
        let c = BasicClock::new(Oscillators::default());
        let mut w = Watchdog::new();
        assert_eq!(w.write(0x0080, false, &c, 0), WdtEffect::Reset);
        assert_eq!(w.write(0x5A80, true, &c, 0), WdtEffect::Reset);
        assert_eq!(w.write(0x5A80, false, &c, 0), WdtEffect::None);
        assert_eq!(w.read(), 0x6980);
        assert_eq!(w.next_event(&c), None);
        assert_eq!(w.sync(&c, 10 * PS_PER_S), WdtEffect::None);
    }

    #[test]
    fn interval_mode_on_aclk_repeats() {
        let c = BasicClock::new(Oscillators::default());
        let mut w = Watchdog::new();
        // WDT_ADLY_16 = WDTPW | WDTTMSEL | WDTCNTCL | WDTSSEL | WDTIS1: 512 ACLK.
        w.write(0x5A00 | 0x1E, false, &c, 0);
        assert_eq!(w.read() & WDTCNTCL, 0);
        assert_eq!(w.next_event(&c), Some(aclk_t(512)));
        assert_eq!(w.sync(&c, aclk_t(511)), WdtEffect::None);
        assert_eq!(w.sync(&c, aclk_t(512)), WdtEffect::Interval);
        assert_eq!(w.next_event(&c), Some(aclk_t(1024)));
        // Feeding restarts the count.
        w.sync(&c, aclk_t(1000));
        w.write(0x5A00 | 0x1E, false, &c, aclk_t(1000));
        assert_eq!(w.next_event(&c), Some(aclk_t(1512)));
    }
}
