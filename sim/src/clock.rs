//! Simulated time and the Basic Clock Module (SLAU049 chapter 4).
//!
//! Simulated time is kept in picoseconds (`u64`: 213 days). Every clock
//! (ACLK, SMCLK, MCLK) is a [`ClockDomain`]: a tick count that is a
//! piecewise-linear function of time, rebased whenever its frequency changes
//! (DCO retuned, divider changed, clock gated by a low-power mode). Peripherals
//! count ticks of a domain between two instants, so they can catch up over
//! any interval in closed form (lazy synchronisation).

/// Picoseconds per second.
pub const PS_PER_S: u64 = 1_000_000_000_000;
/// Millihertz-picoseconds per tick: ticks = ps * mHz / this.
const MHZ_PS: u128 = 1_000_000_000_000_000;

/// A clock: tick count as a function of time. Frequencies are in millihertz
/// so crystal drift of a fraction of a ppm is representable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockDomain {
    base_ps: u64,
    base_ticks: u64,
    freq_mhz: u64,
}

impl ClockDomain {
    /// A clock at `freq_mhz` millihertz (0: stopped) starting at tick 0, time 0.
    pub fn new(freq_mhz: u64) -> Self {
        ClockDomain {
            base_ps: 0,
            base_ticks: 0,
            freq_mhz,
        }
    }

    /// Frequency in millihertz (0 while stopped).
    pub fn freq_mhz(&self) -> u64 {
        self.freq_mhz
    }

    /// Ticks completed at time `t` (ps).
    #[inline]
    pub fn ticks_at(&self, t: u64) -> u64 {
        if self.freq_mhz == 0 || t <= self.base_ps {
            return self.base_ticks;
        }
        let dt = (t - self.base_ps) as u128;
        self.base_ticks + (dt * self.freq_mhz as u128 / MHZ_PS) as u64
    }

    /// Half-ticks completed at `t` (twice the frequency): rising edges at
    /// even counts, falling edges at odd ones.
    pub fn half_ticks_at(&self, t: u64) -> u64 {
        if self.freq_mhz == 0 || t <= self.base_ps {
            return 2 * self.base_ticks;
        }
        let dt = (t - self.base_ps) as u128;
        2 * self.base_ticks + (dt * 2 * self.freq_mhz as u128 / MHZ_PS) as u64
    }

    /// Earliest time at which [`ClockDomain::ticks_at`] reaches `n`, or
    /// `None` if the clock is stopped short of it.
    pub fn time_of_tick(&self, n: u64) -> Option<u64> {
        if n <= self.base_ticks {
            return Some(self.base_ps);
        }
        if self.freq_mhz == 0 {
            return None;
        }
        let dn = (n - self.base_ticks) as u128;
        let f = self.freq_mhz as u128;
        let dt = (dn * MHZ_PS).div_ceil(f);
        let t = self.base_ps.checked_add(u64::try_from(dt).ok()?)?;
        Some(t)
    }

    /// Earliest time at which [`ClockDomain::half_ticks_at`] reaches `n`.
    pub fn time_of_half_tick(&self, n: u64) -> Option<u64> {
        if n <= 2 * self.base_ticks {
            return Some(self.base_ps);
        }
        if self.freq_mhz == 0 {
            return None;
        }
        let dn = (n - 2 * self.base_ticks) as u128;
        let f = 2 * self.freq_mhz as u128;
        let dt = (dn * MHZ_PS).div_ceil(f);
        self.base_ps.checked_add(u64::try_from(dt).ok()?)
    }

    /// Changes the frequency from time `t` on; the tick count stays
    /// continuous (a partial tick in progress is dropped).
    pub fn set_freq(&mut self, t: u64, freq_mhz: u64) {
        if freq_mhz == self.freq_mhz {
            return;
        }
        let ticks = self.ticks_at(t);
        self.base_ticks = ticks;
        self.base_ps = t.max(self.base_ps);
        self.freq_mhz = freq_mhz;
    }

    /// Rebases so that tick `ticks` happens at time `t` (used by the CPU
    /// clock, whose ticks are the CPU's cycle counter).
    pub fn rebase(&mut self, t: u64, ticks: u64, freq_mhz: u64) {
        self.base_ps = t;
        self.base_ticks = ticks;
        self.freq_mhz = freq_mhz;
    }
}

/// Which clock a peripheral counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockSource {
    /// Auxiliary clock (LFXT1 / DIVA).
    Aclk,
    /// Sub-main clock (DCO or XT2 / DIVS).
    Smclk,
    /// An external pin clock (TACLK, UCLKI, INCLK): not wired on the board,
    /// so it never ticks.
    External,
}

/// Board-level oscillator parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Oscillators {
    /// LFXT1 crystal frequency in Hz (32768 on the board).
    pub lfxt1_hz: f64,
    /// Drift of the LFXT1 crystal in ppm (positive: fast).
    pub lfxt1_drift_ppm: f64,
    /// XT2 crystal frequency in Hz, if one is populated.
    pub xt2_hz: Option<f64>,
    /// Factor applied to the modelled DCO frequency (1.0: the nominal
    /// table below; a real part varies by about +-30 %).
    pub dco_scale: f64,
}

impl Default for Oscillators {
    fn default() -> Self {
        Oscillators {
            lfxt1_hz: 32768.0,
            lfxt1_drift_ppm: 0.0,
            xt2_hz: None,
            dco_scale: 1.0,
        }
    }
}

// With these figures RSEL 0 spans 77-170 kHz and RSEL 7, DCO 7 gives
// 5.65 MHz, in line with the commonly quoted F1xx values (about 85-174 kHz
// and "5 MHz" for those settings); a real part differs by tens of percent,
// which `Oscillators::dco_scale` covers.

/// DCO frequency of RSEL = 4, DCO = 3, MOD = 0 (the PUC setting), Hz:
/// SLAU049 4.1 "DCOCLK ... approximately 800 kHz" after reset.
pub const DCO_43_HZ: f64 = 800_000.0;
/// Ratio between adjacent RSEL ranges (F1611 datasheet S_RSEL, typ. 1.65).
pub const S_RSEL: f64 = 1.65;
/// Ratio between adjacent DCO taps (F1611 datasheet S_DCO, typ. 1.12).
pub const S_DCO: f64 = 1.12;

/// The modelled DCO frequency in Hz for DCOCTL and the RSEL bits
/// (SLAU049 4.2.4): f(RSEL, DCO) = 800 kHz * 1.65^(RSEL-4) * 1.12^(DCO-3),
/// and MOD mixes f(DCO) and f(DCO+1) over 32 periods:
/// f = 32 / ((32 - MOD) / f(DCO) + MOD / f(DCO+1)). MOD has no effect at DCO = 7.
/// The range is about 0.08 MHz (0,0) to 5.6 MHz (7,7), monotonic in
/// DCOCTL within an RSEL range; adjacent ranges overlap, as in the
/// datasheet table.
pub fn dco_hz(dcoctl: u8, rsel: u8, scale: f64) -> f64 {
    let dco = (dcoctl >> 5) as i32;
    let modulation = (dcoctl & 0x1F) as f64;
    let f = |d: i32| DCO_43_HZ * S_RSEL.powi(rsel as i32 - 4) * S_DCO.powi(d - 3) * scale;
    if dco == 7 {
        return f(7);
    }
    32.0 / ((32.0 - modulation) / f(dco) + modulation / f(dco + 1))
}

// Register addresses (msp430f1611.h).
/// DCOCTL.
pub const DCOCTL: u16 = 0x0056;
/// BCSCTL1.
pub const BCSCTL1: u16 = 0x0057;
/// BCSCTL2.
pub const BCSCTL2: u16 = 0x0058;

const XT2OFF: u8 = 0x80;

/// The Basic Clock Module registers and the three clock domains they
/// produce.
#[derive(Debug, Clone)]
pub struct BasicClock {
    /// DCOCTL (reset 0x60).
    pub dcoctl: u8,
    /// BCSCTL1 (reset 0x84: XT2 off, RSEL 4).
    pub bcsctl1: u8,
    /// BCSCTL2 (reset 0).
    pub bcsctl2: u8,
    osc: Oscillators,
    /// ACLK domain.
    pub aclk: ClockDomain,
    /// SMCLK domain.
    pub smclk: ClockDomain,
    smclk_gated: bool,
    aclk_gated: bool,
}

impl BasicClock {
    /// The module after power-on with the given oscillators.
    pub fn new(osc: Oscillators) -> Self {
        let mut c = BasicClock {
            dcoctl: 0x60,
            bcsctl1: 0x84,
            bcsctl2: 0,
            osc,
            aclk: ClockDomain::new(0),
            smclk: ClockDomain::new(0),
            smclk_gated: false,
            aclk_gated: false,
        };
        c.update(0);
        c
    }

    /// PUC: registers to their reset values from time `t`.
    pub fn reset(&mut self, t: u64) {
        self.dcoctl = 0x60;
        self.bcsctl1 = 0x84;
        self.bcsctl2 = 0;
        self.smclk_gated = false;
        self.aclk_gated = false;
        self.update(t);
    }

    /// The oscillator parameters.
    pub fn oscillators(&self) -> Oscillators {
        self.osc
    }

    /// DCO frequency now, Hz.
    pub fn dco_hz(&self) -> f64 {
        dco_hz(self.dcoctl, self.bcsctl1 & 7, self.osc.dco_scale)
    }

    /// LFXT1 frequency including drift, Hz.
    pub fn lfxt1_hz(&self) -> f64 {
        self.osc.lfxt1_hz * (1.0 + self.osc.lfxt1_drift_ppm * 1e-6)
    }

    /// XT2 frequency if it is populated and switched on.
    fn xt2(&self) -> Option<f64> {
        if self.bcsctl1 & XT2OFF != 0 {
            None
        } else {
            self.osc.xt2_hz
        }
    }

    /// True while an oscillator the configuration needs has faulted: XT2
    /// switched on (XT2OFF = 0) with no XT2 crystal (SLAU049 4.2.6). LFXT1
    /// is always running on this board.
    pub fn oscillator_fault(&self) -> bool {
        self.bcsctl1 & XT2OFF == 0 && self.osc.xt2_hz.is_none()
    }

    /// MCLK frequency in Hz: SELM 0/1 DCO, 2 XT2 (DCO on an XT2 fault),
    /// 3 LFXT1; divided by DIVM.
    pub fn mclk_hz(&self) -> f64 {
        let src = match self.bcsctl2 >> 6 {
            0 | 1 => self.dco_hz(),
            2 => self.xt2().unwrap_or_else(|| self.dco_hz()),
            _ => self.lfxt1_hz(),
        };
        src / f64::from(1u32 << ((self.bcsctl2 >> 4) & 3))
    }

    /// SMCLK frequency in Hz (ignoring gating): SELS 0 DCO, 1 XT2 (stopped
    /// when XT2 is off or absent); divided by DIVS.
    pub fn smclk_hz(&self) -> f64 {
        let src = if self.bcsctl2 & 0x08 == 0 {
            self.dco_hz()
        } else {
            self.xt2().unwrap_or(0.0)
        };
        src / f64::from(1u32 << ((self.bcsctl2 >> 1) & 3))
    }

    /// ACLK frequency in Hz (ignoring gating): LFXT1 / DIVA.
    pub fn aclk_hz(&self) -> f64 {
        self.lfxt1_hz() / f64::from(1u32 << ((self.bcsctl1 >> 4) & 3))
    }

    fn to_mhz(hz: f64) -> u64 {
        (hz * 1000.0).round() as u64
    }

    /// MCLK frequency in millihertz.
    pub fn mclk_mhz(&self) -> u64 {
        Self::to_mhz(self.mclk_hz()).max(1)
    }

    /// Brings the ACLK and SMCLK domains in line with the registers and the
    /// gating from time `t` on.
    pub fn update(&mut self, t: u64) {
        let a = if self.aclk_gated {
            0
        } else {
            Self::to_mhz(self.aclk_hz())
        };
        let s = if self.smclk_gated {
            0
        } else {
            Self::to_mhz(self.smclk_hz())
        };
        self.aclk.set_freq(t, a);
        self.smclk.set_freq(t, s);
    }

    /// Low-power-mode gating from time `t`: SCG1 stops SMCLK and OSCOFF
    /// stops LFXT1 (ACLK) while the CPU is off (SLAU049 section 2.3,
    /// "operating modes"). Call with `sr = 0` when the CPU wakes.
    pub fn set_low_power(&mut self, t: u64, sr: u16) {
        let off = sr & crate::cpu::sr::CPUOFF != 0;
        self.smclk_gated = off && sr & crate::cpu::sr::SCG1 != 0;
        self.aclk_gated = off && sr & crate::cpu::sr::OSCOFF != 0;
        self.update(t);
    }

    /// The domain of a peripheral clock source.
    pub fn domain(&self, src: ClockSource) -> Option<&ClockDomain> {
        match src {
            ClockSource::Aclk => Some(&self.aclk),
            ClockSource::Smclk => Some(&self.smclk),
            ClockSource::External => None,
        }
    }

    /// Ticks of `src` completed at `t` (0 for an external clock).
    pub fn ticks(&self, src: ClockSource, t: u64) -> u64 {
        self.domain(src).map_or(0, |d| d.ticks_at(t))
    }

    /// Time at which `src` reaches tick `n`, if it ever does.
    pub fn time_of(&self, src: ClockSource, n: u64) -> Option<u64> {
        self.domain(src).and_then(|d| d.time_of_tick(n))
    }

    /// Register read.
    pub fn read(&self, addr: u16) -> u8 {
        match addr {
            DCOCTL => self.dcoctl,
            BCSCTL1 => self.bcsctl1,
            _ => self.bcsctl2,
        }
    }

    /// Register write at time `t`.
    pub fn write(&mut self, addr: u16, value: u8, t: u64) {
        match addr {
            DCOCTL => self.dcoctl = value,
            BCSCTL1 => self.bcsctl1 = value,
            _ => self.bcsctl2 = value,
        }
        self.update(t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_ticks_and_inverse() {
        let d = ClockDomain::new(32_768_000);
        assert_eq!(d.ticks_at(PS_PER_S), 32768);
        assert_eq!(d.ticks_at(PS_PER_S - 1), 32767);
        let t = d.time_of_tick(32768).unwrap();
        assert_eq!(t, PS_PER_S);
        let t1 = d.time_of_tick(1).unwrap();
        assert_eq!(d.ticks_at(t1), 1);
        assert_eq!(d.ticks_at(t1 - 1), 0);
        assert_eq!(d.half_ticks_at(t1), 2);
        assert!(d.time_of_half_tick(1).unwrap() < t1);
    }

    #[test]
    fn rebase_keeps_count_and_stop() {
        let mut d = ClockDomain::new(1_000_000_000); // 1 MHz
        d.set_freq(10_000_000, 2_000_000_000); // at 10 us: 10 ticks
        assert_eq!(d.ticks_at(10_000_000), 10);
        assert_eq!(d.ticks_at(11_000_000), 12);
        d.set_freq(11_000_000, 0);
        assert_eq!(d.ticks_at(99_000_000), 12);
        assert_eq!(d.time_of_tick(13), None);
        assert_eq!(d.time_of_tick(12), Some(11_000_000));
    }

    #[test]
    fn drift_is_representable() {
        let c = BasicClock::new(Oscillators {
            lfxt1_drift_ppm: 20.0,
            ..Oscillators::default()
        });
        // 1000 s at +20 ppm: 32768 * 1000 * 1.00002 = 32_768_655.36 ticks.
        assert_eq!(c.aclk.ticks_at(1000 * PS_PER_S), 32_768_655);
    }

    #[test]
    fn dco_model_puc_and_monotonic() {
        let c = BasicClock::new(Oscillators::default());
        assert!((c.dco_hz() - 800_000.0).abs() < 1.0);
        assert!((c.mclk_hz() - 800_000.0).abs() < 1.0);
        assert_eq!(c.aclk_hz(), 32768.0);
        // Monotonic in DCOCTL within each RSEL (MOD is ignored at DCO=7);
        // each RSEL step is a factor S_RSEL, so adjacent ranges overlap.
        for rsel in 0..8u8 {
            let mut last = 0.0;
            for ctl in 0..=0xFFu8 {
                let f = dco_hz(ctl, rsel, 1.0);
                if ctl >> 5 == 7 {
                    assert_eq!(f, dco_hz(0xE0, rsel, 1.0));
                }
                assert!(f >= last, "rsel {rsel} ctl {ctl:#x}");
                last = f;
                if rsel < 7 {
                    let up = dco_hz(ctl, rsel + 1, 1.0);
                    assert!((up / f - S_RSEL).abs() < 1e-9);
                }
            }
        }
        // The proiot3 target, 3.93 MHz, lies in RSEL 7.
        assert!(dco_hz(0x60, 7, 1.0) < 3_932_160.0 && dco_hz(0xE0, 7, 1.0) > 3_932_160.0);
    }

    #[test]
    fn dividers_and_sources() {
        let mut c = BasicClock::new(Oscillators {
            xt2_hz: Some(8e6),
            ..Oscillators::default()
        });
        c.write(BCSCTL1, 0x84 | 0x30, 0); // ACLK /8
        assert_eq!(c.aclk_hz(), 4096.0);
        c.write(BCSCTL2, 0x08 | 0x02, 0); // SMCLK = XT2 / 2, XT2 still off
        assert_eq!(c.smclk_hz(), 0.0);
        assert!(!c.oscillator_fault());
        c.write(BCSCTL1, 0x04, 0); // XT2 on
        assert_eq!(c.smclk_hz(), 4e6);
        c.write(BCSCTL2, 0x80, 0); // MCLK = XT2
        assert_eq!(c.mclk_hz(), 8e6);
        let mut d = BasicClock::new(Oscillators::default());
        d.write(BCSCTL1, 0x04, 0); // XT2 on, none populated
        assert!(d.oscillator_fault());
        d.write(BCSCTL2, 0x80, 0);
        assert!((d.mclk_hz() - 800_000.0).abs() < 1.0); // falls back to DCO
    }
}
