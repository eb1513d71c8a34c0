//! Timer_A3 and Timer_B7 (SLAU049 chapters 11 and 12), one model for both.
//!
//! Modelled: clock sources ACLK/SMCLK (TACLK/INCLK/TBCLK pins are not wired
//! and never tick), input dividers, stop/up/continuous/up-down modes,
//! TACLR, compare interrupts (CCIFG when the counter *reaches* TACCRx),
//! TAIFG (continuous: 0xFFFF -> 0; up: TACCR0 -> 0; up/down: 1 -> 0),
//! Timer_B counter lengths (CNTL 16/12/10/8 bits), captures of ACLK (the
//! internal inputs CCI2B of Timer_A and CCI6B of Timer_B) and software
//! captures (CCIS toggled between GND and VCC), COV, the interrupt vector
//! registers TAIV/TBIV (any access clears the highest pending enabled flag)
//! and the two interrupt lines per timer. The timer catches up lazily: it
//! counts the ticks of its clock domain since the last synchronisation and
//! applies them in closed form.
//!
//! Not modelled: the output units' pin signals (OUTMOD is stored; OUT
//! follows software writes only), the capture/compare input pins, SCCI,
//! Timer_B compare latches (CLLD: TBCLx always loads immediately) and
//! grouping (TBCLGRP).

use crate::clock::{BasicClock, ClockSource};

/// Which of the two timers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimerKind {
    /// Timer_A3 (TACTL 0x0160, TAIV 0x012E).
    A,
    /// Timer_B7 (TBCTL 0x0180, TBIV 0x011E).
    B,
}

// Control bits (msp430f1611.h).
const CLR: u16 = 0x0004;
const IE: u16 = 0x0002;
const IFG: u16 = 0x0001;
const CCIFG: u16 = 0x0001;
const COV: u16 = 0x0002;
const CCI: u16 = 0x0008;
const CCIE: u16 = 0x0010;
const CAP: u16 = 0x0100;

/// A timer with its capture/compare channels.
#[derive(Debug, Clone)]
pub struct Timer {
    kind: TimerKind,
    channels: usize,
    ctl: u16,
    r: u16,
    down: bool,
    cctl: [u16; 7],
    ccr: [u16; 7],
    last_t: u64,
    last_src: u64,
    rem: u64,
    jitter_ps: u64,
    jitter_seed: u64,
}

#[derive(Clone, Copy)]
enum Mode {
    Stop,
    Up(u16),
    Continuous(u16),
    UpDown(u16),
}

impl Timer {
    /// A timer after PUC.
    pub fn new(kind: TimerKind) -> Self {
        Timer {
            kind,
            channels: if kind == TimerKind::A { 3 } else { 7 },
            ctl: 0,
            r: 0,
            down: false,
            cctl: [0; 7],
            ccr: [0; 7],
            last_t: 0,
            last_src: 0,
            rem: 0,
            jitter_ps: 0,
            jitter_seed: 0,
        }
    }

    /// PUC at time `t` (the jitter setting is a property of the board).
    pub fn reset(&mut self, t: u64) {
        let (j, seed) = (self.jitter_ps, self.jitter_seed);
        *self = Timer::new(self.kind);
        self.last_t = t;
        self.jitter_ps = j;
        self.jitter_seed = seed;
    }

    /// Makes ACLK captures happen up to `ps` picoseconds early or late,
    /// pseudo-randomly from `seed` per edge: the phase noise between the
    /// crystal and the DCO that the board crate's entropy seed samples
    /// (0: exact edges, the default).
    pub fn set_capture_jitter(&mut self, ps: u64, seed: u64) {
        self.jitter_ps = ps;
        self.jitter_seed = seed;
    }

    fn jitter(&self, edge: u64) -> i128 {
        if self.jitter_ps == 0 {
            return 0;
        }
        // splitmix64 of (seed, edge index)
        let mut z = self
            .jitter_seed
            .wrapping_add(edge.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z % (2 * self.jitter_ps + 1)) as i128 - self.jitter_ps as i128
    }

    fn base(&self) -> u16 {
        if self.kind == TimerKind::A {
            0x0160
        } else {
            0x0180
        }
    }

    fn iv_addr(&self) -> u16 {
        if self.kind == TimerKind::A {
            0x012E
        } else {
            0x011E
        }
    }

    /// True if `addr` (even) is one of this timer's registers.
    pub fn contains(&self, addr: u16) -> bool {
        let a = addr & !1;
        a == self.iv_addr() || (a >= self.base() && a < self.base() + 0x20)
    }

    /// The counter (TAR/TBR) as of the last synchronisation.
    pub fn counter(&self) -> u16 {
        self.r
    }

    /// The clock the timer counts.
    pub fn source(&self) -> ClockSource {
        match (self.ctl >> 8) & 3 {
            1 => ClockSource::Aclk,
            2 => ClockSource::Smclk,
            _ => ClockSource::External,
        }
    }

    fn div(&self) -> u64 {
        1 << ((self.ctl >> 6) & 3)
    }

    fn max(&self) -> u16 {
        if self.kind == TimerKind::A {
            return 0xFFFF;
        }
        match (self.ctl >> 11) & 3 {
            0 => 0xFFFF,
            1 => 0x0FFF,
            2 => 0x03FF,
            _ => 0x00FF,
        }
    }

    fn mode(&self) -> Mode {
        let c0 = self.ccr[0] & self.max();
        match (self.ctl >> 4) & 3 {
            0 => Mode::Stop,
            1 if c0 == 0 => Mode::Stop,
            1 => Mode::Up(c0),
            2 => Mode::Continuous(self.max()),
            _ if c0 == 0 => Mode::Stop,
            _ => Mode::UpDown(c0),
        }
    }

    /// Ticks until the counter next arrives at `v` (`None`: never).
    fn until_value(&self, v: u16) -> Option<u64> {
        let r = self.r as u64;
        let v64 = v as u64;
        let wrap = |d: u64, p: u64| if d == 0 { p } else { d };
        match self.mode() {
            Mode::Stop => None,
            Mode::Continuous(max) => {
                if v > max {
                    return None;
                }
                let p = max as u64 + 1;
                Some(wrap((v64 + p - r % p) % p, p))
            }
            Mode::Up(c) => {
                if v > c {
                    return None;
                }
                let c = c as u64;
                if r > c {
                    // Period shortened below the count: rolls to 0 next tick.
                    return Some(1 + v64);
                }
                let p = c + 1;
                Some(wrap((v64 + p - r) % p, p))
            }
            Mode::UpDown(c) => {
                if v > c {
                    return None;
                }
                let c = c as u64;
                let p = 2 * c;
                let ph = self.phase(c);
                let d_up = wrap((v64 + p - ph) % p, p);
                let d_down = wrap(((p - v64) % p + p - ph) % p, p);
                Some(d_up.min(d_down))
            }
        }
    }

    fn phase(&self, c: u64) -> u64 {
        let r = (self.r as u64).min(c);
        if self.down {
            (2 * c - r) % (2 * c)
        } else {
            r
        }
    }

    /// Ticks until TAIFG would be set.
    fn until_ifg(&self) -> Option<u64> {
        match self.mode() {
            Mode::Stop => None,
            Mode::Continuous(_) => self.until_value(0),
            Mode::Up(c) => {
                if self.r > c {
                    Some(1)
                } else {
                    self.until_value(0)
                }
            }
            Mode::UpDown(c) => {
                let c = c as u64;
                let p = 2 * c;
                let ph = self.phase(c);
                Some(if ph == 0 { p } else { p - ph })
            }
        }
    }

    fn is_capture(&self, i: usize) -> bool {
        self.cctl[i] & CAP != 0
    }

    /// Counts `n` ticks of the divided clock.
    fn count(&mut self, n: u64) {
        if n == 0 {
            return;
        }
        let mode = self.mode();
        if matches!(mode, Mode::Stop) {
            return;
        }
        for i in 0..self.channels {
            if !self.is_capture(i) && self.until_value(self.ccr[i]).is_some_and(|d| d <= n) {
                self.cctl[i] |= CCIFG;
            }
        }
        if self.until_ifg().is_some_and(|d| d <= n) {
            self.ctl |= IFG;
        }
        match mode {
            Mode::Stop => {}
            Mode::Continuous(max) => {
                let p = max as u64 + 1;
                self.r = ((self.r as u64 + n) % p) as u16;
            }
            Mode::Up(c) => {
                let mut n = n;
                if self.r > c {
                    self.r = 0;
                    n -= 1;
                }
                let p = c as u64 + 1;
                self.r = ((self.r as u64 + n) % p) as u16;
            }
            Mode::UpDown(c) => {
                let c = c as u64;
                let ph = (self.phase(c) + n) % (2 * c);
                if ph < c {
                    self.r = ph as u16;
                    self.down = false;
                } else {
                    self.r = (2 * c - ph) as u16;
                    self.down = true;
                }
            }
        }
    }

    /// Catches the counter up to time `t` (no captures).
    fn advance_to(&mut self, clk: &BasicClock, t: u64) {
        let src = self.source();
        let now = clk.ticks(src, t);
        let elapsed = now.saturating_sub(self.last_src);
        self.last_src = now;
        self.last_t = self.last_t.max(t);
        if matches!(self.mode(), Mode::Stop) {
            return;
        }
        let total = self.rem + elapsed;
        let div = self.div();
        self.rem = total % div;
        self.count(total / div);
    }

    /// Channel `i` captures ACLK (CCIS selects the internal ACLK input).
    fn captures_aclk(&self, i: usize) -> bool {
        let ccis = (self.cctl[i] >> 12) & 3;
        let cm = self.cctl[i] >> 14;
        self.is_capture(i)
            && cm != 0
            && ccis == 1
            && ((self.kind == TimerKind::A && i == 2) || (self.kind == TimerKind::B && i == 6))
    }

    fn edge_matches(cm: u16, half_tick: u64) -> bool {
        match cm {
            1 => half_tick % 2 == 0, // rising edges at whole ticks
            2 => half_tick % 2 == 1,
            _ => true,
        }
    }

    fn capture(&mut self, i: usize) {
        if self.cctl[i] & CCIFG != 0 {
            self.cctl[i] |= COV;
        }
        self.cctl[i] |= CCIFG;
        self.ccr[i] = self.r;
    }

    /// Brings the timer up to time `t`, with ACLK captures on the way.
    pub fn sync(&mut self, clk: &BasicClock, t: u64) {
        if t <= self.last_t {
            return;
        }
        for i in 0..self.channels {
            if !self.captures_aclk(i) {
                continue;
            }
            let cm = self.cctl[i] >> 14;
            let h0 = clk.aclk.half_ticks_at(self.last_t);
            let h1 = clk.aclk.half_ticks_at(t);
            // Qualifying edges in (h0, h1]: the last one, and whether there
            // was more than one (an overflowed capture).
            let mut last = h1;
            while last > h0 && !Self::edge_matches(cm, last) {
                last -= 1;
            }
            if last <= h0 {
                continue;
            }
            let more = if cm == 3 {
                last - h0 > 1
            } else {
                last - h0 > 2
            };
            let te = clk.aclk.time_of_half_tick(last).unwrap_or(t).min(t);
            let te = (te as i128 + self.jitter(last)).clamp(self.last_t as i128, t as i128) as u64;
            self.advance_to(clk, te);
            if more {
                self.capture(i);
            }
            self.capture(i);
        }
        self.advance_to(clk, t);
    }

    /// Time of the next interrupt-relevant event (an enabled flag that is not
    /// yet set becoming set), if any.
    pub fn next_event(&self, clk: &BasicClock) -> Option<u64> {
        let src = self.source();
        let div = self.div();
        let at = |d: Option<u64>| -> Option<u64> {
            let d = d?;
            let need = (d * div).saturating_sub(self.rem);
            clk.time_of(src, self.last_src + need)
        };
        let mut best: Option<u64> = None;
        let mut take = |t: Option<u64>| {
            if let Some(t) = t {
                best = Some(best.map_or(t, |b: u64| b.min(t)));
            }
        };
        for i in 0..self.channels {
            let c = self.cctl[i];
            if c & CCIE == 0 || c & CCIFG != 0 {
                continue;
            }
            if !self.is_capture(i) {
                take(at(self.until_value(self.ccr[i])));
            } else if self.captures_aclk(i) {
                let cm = c >> 14;
                let mut h = clk.aclk.half_ticks_at(self.last_t) + 1;
                if !Self::edge_matches(cm, h) {
                    h += 1;
                }
                take(clk.aclk.time_of_half_tick(h));
            }
        }
        if self.ctl & IE != 0 && self.ctl & IFG == 0 {
            take(at(self.until_ifg()));
        }
        best
    }

    /// Interrupt requests: (CCR0 line, CCR1.. / TAIFG line).
    pub fn irq(&self) -> (bool, bool) {
        let c0 = self.cctl[0] & (CCIE | CCIFG) == (CCIE | CCIFG);
        (c0, self.iv_source().is_some())
    }

    /// The highest-priority enabled pending source of the IV register:
    /// `Some(channel)` or `Some(channels)` for TAIFG.
    fn iv_source(&self) -> Option<usize> {
        (1..self.channels)
            .find(|&i| self.cctl[i] & (CCIE | CCIFG) == (CCIE | CCIFG))
            .or_else(|| (self.ctl & (IE | IFG) == (IE | IFG)).then_some(self.channels))
    }

    /// The CPU accepted the CCR0 interrupt: CCR0 CCIFG resets (SLAU049
    /// 11.2.6.1, single-source flag).
    pub fn acknowledge_ccr0(&mut self) {
        self.cctl[0] &= !CCIFG;
    }

    /// Register read at time `t` (the timer must be synced to `t`).
    pub fn read(&mut self, addr: u16, clk: &BasicClock, t: u64) -> u16 {
        let a = addr & !1;
        if a == self.iv_addr() {
            return self.access_iv();
        }
        let off = a - self.base();
        match off {
            0 => self.ctl & !CLR,
            0x10 => self.r,
            0x02..=0x0E => {
                let i = (off as usize - 2) / 2;
                if i >= self.channels {
                    return 0;
                }
                let mut v = self.cctl[i] & !CCI;
                if self.cci(i, clk, t) {
                    v |= CCI;
                }
                v
            }
            0x12..=0x1E => {
                let i = (off as usize - 0x12) / 2;
                if i >= self.channels {
                    0
                } else {
                    self.ccr[i]
                }
            }
            _ => 0,
        }
    }

    /// SLAU049 11.3.5: "any access, read or write, of the TAIV register
    /// automatically resets the highest pending interrupt flag".
    fn access_iv(&mut self) -> u16 {
        match self.iv_source() {
            None => 0,
            Some(i) if i == self.channels => {
                self.ctl &= !IFG;
                if self.kind == TimerKind::A {
                    10
                } else {
                    14
                }
            }
            Some(i) => {
                self.cctl[i] &= !CCIFG;
                2 * i as u16
            }
        }
    }

    /// The level of the selected capture input.
    fn cci(&self, i: usize, clk: &BasicClock, t: u64) -> bool {
        match (self.cctl[i] >> 12) & 3 {
            2 => false,
            3 => true,
            1 if (self.kind == TimerKind::A && i == 2) || (self.kind == TimerKind::B && i == 6) => {
                clk.aclk.half_ticks_at(t) % 2 == 0
            }
            _ => false,
        }
    }

    /// Register write at time `t` (the timer must be synced to `t`).
    pub fn write(&mut self, addr: u16, value: u16, clk: &BasicClock, t: u64) {
        let a = addr & !1;
        if a == self.iv_addr() {
            self.access_iv();
            return;
        }
        let off = a - self.base();
        match off {
            0 => {
                let old_src = self.source();
                self.ctl = value & !CLR;
                if value & CLR != 0 {
                    // SLAU049 11.2.1: TACLR resets TAR, the divider and the
                    // count direction.
                    self.r = 0;
                    self.rem = 0;
                    self.down = false;
                }
                if self.source() != old_src {
                    self.last_src = clk.ticks(self.source(), t);
                }
            }
            0x10 => self.r = value & self.max(),
            0x02..=0x0E => {
                let i = (off as usize - 2) / 2;
                if i >= self.channels {
                    return;
                }
                let before = self.cci(i, clk, t);
                self.cctl[i] = value & !CCI;
                let after = self.cci(i, clk, t);
                let cm = value >> 14;
                // Software capture: CCIS switched between GND and VCC.
                let ccis = (value >> 12) & 3;
                if value & CAP != 0 && ccis >= 2 && before != after {
                    let rising = after;
                    if (rising && cm & 1 != 0) || (!rising && cm & 2 != 0) {
                        self.capture(i);
                    }
                }
            }
            0x12..=0x1E => {
                let i = (off as usize - 0x12) / 2;
                if i < self.channels {
                    self.ccr[i] = value;
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{Oscillators, PS_PER_S};

    const TASSEL_ACLK: u16 = 0x0100;
    const TASSEL_SMCLK: u16 = 0x0200;
    const MC_UP: u16 = 0x0010;
    const MC_CONT: u16 = 0x0020;
    const MC_UPDOWN: u16 = 0x0030;

    fn clk() -> BasicClock {
        BasicClock::new(Oscillators::default())
    }

    /// Time of ACLK tick `n` (32768 Hz).
    fn aclk_t(n: u64) -> u64 {
        (n as u128 * PS_PER_S as u128).div_ceil(32768) as u64
    }

    #[test]
    fn continuous_overflow_and_compare() {
        let c = clk();
        let mut t = Timer::new(TimerKind::A);
        t.write(0x0172 + 2, 100, &c, 0); // TACCR1
        t.write(0x0164, CCIE, &c, 0);
        t.write(0x0160, TASSEL_ACLK | MC_CONT | CLR | IE, &c, 0);
        assert_eq!(t.next_event(&c), Some(aclk_t(100)));
        t.sync(&c, aclk_t(99));
        assert_eq!(t.read(0x0170, &c, 0), 99);
        assert_eq!(t.read(0x012E, &c, 0), 0);
        t.sync(&c, aclk_t(100));
        assert_eq!(t.irq(), (false, true));
        assert_eq!(t.read(0x012E, &c, 0), 2); // TAIV: CCR1, clears it
        assert_eq!(t.read(0x012E, &c, 0), 0);
        // Overflow after 65536 ticks from 0.
        assert_eq!(t.next_event(&c), Some(aclk_t(65536)));
        t.sync(&c, aclk_t(65536) + 5);
        assert_eq!(t.read(0x0170, &c, 0), 0);
        // Both CCR1 (at 100 again? no: 65636) not yet; TAIFG set.
        assert_eq!(t.read(0x0160, &c, 0) & IFG, IFG);
        assert_eq!(t.read(0x012E, &c, 0), 10);
        assert_eq!(t.read(0x0160, &c, 0) & IFG, 0);
    }

    #[test]
    fn up_mode_period_and_ccr0_ack() {
        let c = clk();
        let mut t = Timer::new(TimerKind::A);
        t.write(0x0172, 9, &c, 0); // period 10
        t.write(0x0162, CCIE, &c, 0);
        t.write(0x0160, TASSEL_ACLK | MC_UP | CLR, &c, 0);
        assert_eq!(t.next_event(&c), Some(aclk_t(9)));
        t.sync(&c, aclk_t(9));
        assert_eq!(t.irq(), (true, false));
        t.acknowledge_ccr0();
        assert_eq!(t.next_event(&c), Some(aclk_t(19)));
        t.sync(&c, aclk_t(25));
        assert_eq!(t.counter(), 5);
        // TAIFG (counted 9 -> 0) is set but not enabled: no TIMERA1 request.
        assert_eq!(t.irq(), (true, false));
        assert_eq!(t.read(0x0160, &c, 0) & IFG, IFG);
    }

    #[test]
    fn up_down_mode() {
        let c = clk();
        let mut t = Timer::new(TimerKind::A);
        t.write(0x0172, 4, &c, 0);
        t.write(0x0160, TASSEL_ACLK | MC_UPDOWN | CLR | IE, &c, 0);
        // 0 1 2 3 4 3 2 1 0: TAIFG after 8 ticks.
        assert_eq!(t.next_event(&c), Some(aclk_t(8)));
        t.sync(&c, aclk_t(6));
        assert_eq!(t.counter(), 2);
        assert_eq!(t.read(0x0162, &c, 0) & CCIFG, CCIFG); // reached 4
        assert_eq!(t.read(0x0160, &c, 0) & IFG, 0);
        t.sync(&c, aclk_t(8));
        assert_eq!(t.counter(), 0);
        assert_eq!(t.irq(), (false, true));
        t.sync(&c, aclk_t(9));
        assert_eq!(t.counter(), 1);
    }

    #[test]
    fn divider_and_smclk() {
        let c = clk(); // SMCLK 800 kHz
        let mut t = Timer::new(TimerKind::A);
        t.write(0x0160, TASSEL_SMCLK | MC_CONT | 0x00C0, &c, 0); // /8
        t.sync(&c, 100 * 1_000_000); // 100 us: 80 SMCLK ticks -> 10
        assert_eq!(t.counter(), 10);
    }

    #[test]
    fn timer_b_counter_length_and_aclk_capture() {
        let c = clk();
        let mut t = Timer::new(TimerKind::B);
        // TBCCTL6: capture rising edges of ACLK (CCI6B).
        t.write(0x018E, 0x4000 | 0x1000 | CAP, &c, 0);
        t.write(0x0180, TASSEL_SMCLK | MC_CONT | CLR, &c, 0);
        t.sync(&c, aclk_t(1));
        let v = t.read(0x018E, &c, aclk_t(1));
        assert_eq!(v & (CCIFG | COV), CCIFG);
        // 800 kHz / 32768 Hz = 24.4 SMCLK ticks per ACLK period.
        assert_eq!(t.read(0x019E, &c, 0), 24);
        t.sync(&c, aclk_t(3));
        assert_eq!(t.read(0x018E, &c, 0) & (CCIFG | COV), CCIFG | COV);
        assert_eq!(t.read(0x019E, &c, 0), 73);
        // 8-bit counter: wraps at 0x100.
        let mut b = Timer::new(TimerKind::B);
        b.write(0x0180, TASSEL_ACLK | MC_CONT | 0x1800 | IE, &c, 0);
        assert_eq!(b.next_event(&c), Some(aclk_t(256)));
        b.sync(&c, aclk_t(300));
        assert_eq!(b.counter(), 44);
        assert_eq!(b.read(0x011E, &c, 0), 14);
    }

    #[test]
    fn capture_jitter_varies_counts_deterministically() {
        let c = clk();
        let deltas = |seed: u64, jitter: u64| -> Vec<u16> {
            let mut t = Timer::new(TimerKind::B);
            t.set_capture_jitter(jitter, seed);
            t.write(0x018E, 0x4000 | 0x1000 | CAP, &c, 0);
            t.write(0x0180, TASSEL_SMCLK | MC_CONT | CLR, &c, 0);
            let mut prev = 0u16;
            (1..=200)
                .map(|n| {
                    t.sync(&c, aclk_t(n) + 2_000_000);
                    let v = t.read(0x019E, &c, 0);
                    let d = v.wrapping_sub(prev);
                    prev = v;
                    d
                })
                .skip(1)
                .collect()
        };
        // 800 kHz / 32768 Hz = 24.41 counts per period: exact edges give
        // only 24 and 25 in a fixed pattern; jitter of +-2 us adds spread.
        let exact = deltas(1, 0);
        assert!(exact.iter().all(|&d| d == 24 || d == 25));
        assert_eq!(exact, deltas(2, 0));
        let a = deltas(1, 2_000_000);
        assert_eq!(a, deltas(1, 2_000_000), "same seed, same noise");
        assert_ne!(a, deltas(2, 2_000_000));
        assert_ne!(a, exact);
        assert!(a.iter().any(|&d| d <= 23 || d >= 26));
        let total: u32 = a.iter().map(|&d| d as u32).sum();
        let exact_total: u32 = exact.iter().map(|&d| d as u32).sum();
        assert!(total.abs_diff(exact_total) <= 4, "noise does not drift");
    }

    #[test]
    fn software_capture() {
        let c = clk();
        let mut t = Timer::new(TimerKind::A);
        t.write(0x0160, TASSEL_ACLK | MC_CONT | CLR, &c, 0);
        t.write(0x0164, 0xC000 | 0x2000 | CAP, &c, 0); // both edges, GND
        t.sync(&c, aclk_t(7));
        t.write(0x0164, 0xC000 | 0x3000 | CAP, &c, aclk_t(7)); // VCC
        assert_eq!(t.read(0x0174, &c, 0), 7);
        assert_eq!(t.read(0x0164, &c, 0) & (CCIFG | CCI), CCIFG | CCI);
    }
}
