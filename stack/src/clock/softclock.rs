//! Software clock disciplined by NTP: step, slew and frequency-locked loop.
//!
//! The clock turns a free-running tick counter (a 32768 Hz timer on the
//! MSP430, any rate on a host) into NTP time ([`NtpTimestamp`], 32.32
//! seconds) with the resolution of one tick. It is corrected three ways:
//!
//! * **Step** ([`SoftClock::step`]): the time is set outright, at the first
//!   synchronization and when an offset exceeds [`STEP_THRESHOLD`].
//! * **Slew** ([`SoftClock::slew`]): a small offset is amortized by running
//!   the clock up to [`MAX_SLEW_PPM`] faster or slower until it is absorbed,
//!   so that the time never jumps (a display never skips a second).
//! * **Frequency** (inside `slew`): the crystal's error is estimated from
//!   successive offsets over the interval between them, after removing the
//!   slew still outstanding (a frequency-locked loop), and corrected for, so
//!   that the clock keeps time between polls.
//!
//! # Cost per reading
//!
//! Ticks are converted with a tick length in 2^-48 s (48 bits): the time
//! (80 bits, 2^-48 s) advances by the slewed ticks times the slewing tick
//! length plus the other ticks times the tick length, two runs of one
//! multiply-accumulate loop over 16-bit words (the MSP430 is a 16-bit CPU,
//! on which 64-bit arithmetic is long inline code), no division. Two
//! 64-bit divisions happen when the clock is disciplined, once per NTP
//! poll: the frequency estimate (by the interval) and the slew's length
//! (by the slew step).
//!
//! # Tick counter
//!
//! The counter is a wrapping `u32`. The clock must be read ([`SoftClock::now`],
//! or [`SoftClock::advance`] where the time is not needed) at least once
//! every 2^31 ticks (18 hours at 32768 Hz, 24 days at 1 kHz); a reading
//! older than the last one (by less than 2^31 ticks) gives the last time
//! again instead of going backwards.
//!
//! # Example
//!
//! ```
//! use microip6::clock::softclock::SoftClock;
//! use microip6::wire::ntp::{NtpDuration, NtpTimestamp};
//!
//! let mut clock = SoftClock::new(32768);
//! assert!(!clock.is_set());
//! // First synchronization: step to 2026-11-20T00:00:00Z at tick 1000.
//! let t0 = NtpTimestamp::from_unix_micros(1_795_132_800, 0);
//! clock.step(1000, t0);
//! // One second (32768 ticks) later.
//! let t = clock.now(1000 + 32768);
//! assert_eq!(t.wrapping_sub(t0).to_micros(), 1_000_000);
//! // NTP says the clock is 2 ms behind: slewed at 500 ppm over 4 s.
//! clock.slew(1000 + 32768, NtpDuration::from_micros(2000));
//! let later = clock.now(1000 + 32768 * 11);
//! assert_eq!(later.wrapping_sub(t0).to_micros(), 11_002_000);
//! ```

use super::less_than;
use crate::wire::ntp::{NtpDuration, NtpTimestamp};

/// Offsets beyond ±128 ms are stepped, smaller ones slewed (RFC 5905 11.3,
/// STEPT). In 2^-32 s.
pub const STEP_THRESHOLD: NtpDuration = NtpDuration(549_755_814);

/// The largest frequency correction and the slew rate: 500 ppm (RFC 5905
/// 11.3, MAXFREQ; the rate ntpd's kernel slews at).
pub const MAX_SLEW_PPM: u32 = 500;

/// 500 ppm in units of 2^-32 (dimensionless): 500e-6 * 2^32.
const MAX_FREQ: i32 = 2_147_484;

/// Intervals shorter than this many seconds are not used for a frequency
/// estimate (their offsets are mostly measurement noise).
const MIN_FLL_INTERVAL_S: u32 = 8;

/// The FLL's averaging interval: a frequency estimate over an interval of
/// `t` seconds moves the correction by `t / (t + FLL_AVERAGE_S)` of it.
pub const FLL_AVERAGE_S: u32 = 256;

/// Slowest and fastest tick rates (Hz). From 64 Hz up, 500 ppm of a tick
/// (in 2^-48 s) fits 32 bits.
const MIN_HZ: u32 = 64;
const MAX_HZ: u32 = 1 << 24;

/// A number as 16-bit words, least significant first: the MSP430 is a
/// 16-bit CPU, on which 64-bit arithmetic is long inline code; one small
/// multiply-accumulate loop ([`mac`]) does the clock's wide arithmetic.
pub(crate) type Words<const N: usize> = [u16; N];

/// `acc += a * b`, modulo `2^(16 * N)` (`N` at least 5): the six 16 x 16
/// bit partial products, each added at its word with its carry rippled to
/// the top (the shortest loop; a few more additions than needed).
#[inline(never)]
pub(crate) const fn mac<const N: usize>(acc: &mut Words<N>, a: u32, b: &Words<3>) {
    // (`while` loops: a `const fn`, for clocks built at compile time.)
    let mut a = a;
    let mut i = 0;
    while i < 2 {
        let low = a as u16 as u32;
        a >>= 16;
        let mut j = 0;
        while j < 3 {
            let mut s = low * b[j] as u32;
            let mut k = i + j;
            // (A zero product adds nothing: no ripple. Often so: the
            // high half of a tick count, the zero words of a constant.)
            if s == 0 {
                k = N;
            }
            while k < N {
                // At most (2^16 - 1)^2 + 2 (2^16 - 1) = 2^32 - 1.
                s += acc[k] as u32;
                acc[k] = s as u16;
                s >>= 16;
                k += 1;
            }
            j += 1;
        }
        i += 1;
    }
}

/// The 32 bits of `words[at..at + 2]`.
pub(crate) const fn word32<const N: usize>(words: &Words<N>, at: usize) -> u32 {
    words[at] as u32 | (words[at + 1] as u32) << 16
}

/// `-x` if `sign` is negative, else `x`, as a signed number (also `|x|`
/// of a signed `x` with `sign = high(x)`). One shared copy: 32-bit
/// negation is long inline code on the MSP430. The sign as a 16-bit word
/// (the high half of a number, or its complement for the opposite) rather
/// than a `bool`: a comparison made into a `bool` is a 15-bit shift there.
/// Public for the applications' magnitudes (the clock app's text).
#[inline(never)]
pub const fn negated_if(sign: i16, x: u32) -> i32 {
    // In 16-bit halves, the borrow by a test: LLVM's 32-bit negation is
    // half as long again on this target.
    let mut low = x as u16;
    let mut high = (x >> 16) as u16;
    if sign < 0 {
        high = !high;
        low = (!low).wrapping_add(1);
        if low == 0 {
            high = high.wrapping_add(1);
        }
    }
    (low as u32 | (high as u32) << 16) as i32
}

/// The high 16 bits of `x`: negative exactly when `x` is.
const fn high(x: i32) -> i16 {
    (x >> 16) as i16
}

/// The smaller of `a` and `b`, compared by 16-bit halves ([`less_than`]):
/// LLVM's 32-bit minimum is a comparison made into a select, about 40
/// bytes on the MSP430.
#[inline(always)]
const fn min32(a: u32, b: u32) -> u32 {
    if less_than(a, b) {
        a
    } else {
        b
    }
}

/// A clock driven by a tick counter and disciplined by NTP offsets.
///
/// 52 bytes of state on the MSP430. See the [module documentation](self).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoftClock {
    /// `2^noise_bits() - 1`: derived from the tick rate in `configure`,
    /// not for every request.
    noise_mask: u32,
    /// Nominal length of a tick, 2^-48 s.
    nominal: Words<3>,
    /// Frequency correction, 2^-32 units (dimensionless); positive makes
    /// the clock run faster.
    freq: i32,
    /// Length of a tick with the frequency correction, 2^-48 s...
    rate: Words<3>,
    /// ...and while a slew runs: 500 ppm longer or shorter.
    slew_rate: Words<3>,
    /// Ticks left to slew, and the direction (negative: the clock is
    /// slowed).
    slew_left: u32,
    slew_sign: i16,
    /// Tick count and time (2^-48 s: 16 bits below the 32.32 timestamp)
    /// at the last reading.
    base_ticks: u32,
    base_time: Words<5>,
    /// Tick count of the last discipline (start of the FLL interval).
    last_sample: u32,
    /// True once stepped.
    set: bool,
    /// True once the FLL made a first estimate.
    freq_known: bool,
}

impl SoftClock {
    /// A clock without a tick rate, every byte zero, so that a `static`
    /// initialised with it takes no flash. It is safe to use but useless:
    /// it reads 0 (the NTP epoch) at every tick count, steps are kept but
    /// do not run, slews are ignored. Set it up in place with
    /// [`SoftClock::configure`].
    pub const UNCONFIGURED: SoftClock = SoftClock {
        noise_mask: 0,
        nominal: [0; 3],
        freq: 0,
        rate: [0; 3],
        slew_rate: [0; 3],
        slew_left: 0,
        slew_sign: 0,
        base_ticks: 0,
        base_time: [0; 5],
        last_sample: 0,
        set: false,
        freq_known: false,
    };

    /// A clock fed by a counter of `hz` ticks per second (clamped to
    /// 64..=16 777 216). It is not set: it reads 0 (the NTP epoch) at tick
    /// 0 and runs from there until the first [`SoftClock::step`].
    /// [`SoftClock::UNCONFIGURED`] set up by [`SoftClock::configure`].
    /// `const`: with a rate known at build time the compiler can build the
    /// clock, and then `configure` takes no flash.
    pub const fn new(hz: u32) -> SoftClock {
        let mut c = SoftClock::UNCONFIGURED;
        c.configure(hz);
        c
    }

    /// Puts the clock, in place, in the state [`SoftClock::new`]`(hz)`
    /// gives (not set, no frequency correction, no slew): building it in
    /// place avoids the copies of `*c = SoftClock::new(hz)` on a small
    /// target.
    pub const fn configure(&mut self, hz: u32) {
        *self = SoftClock::UNCONFIGURED;
        self.configure_unconfigured(hz);
    }

    /// [`SoftClock::configure`] of a clock that is
    /// [`SoftClock::UNCONFIGURED`] (all zero bytes): the same state,
    /// without clearing it again (the SNTP client's start-up in place).
    pub(crate) const fn configure_unconfigured(&mut self, hz: u32) {
        let hz = if hz < MIN_HZ {
            MIN_HZ
        } else if hz > MAX_HZ {
            MAX_HZ
        } else {
            hz
        };
        // The only division by the tick rate: once here. Exact for powers
        // of two; otherwise within half a 2^-48 s unit per tick (1.8 ppb
        // at 1 MHz, 2e-12 at 1 kHz), an error the FLL absorbs.
        let nominal = ((1u64 << 48) + hz as u64 / 2) / hz as u64;
        self.nominal = [
            nominal as u16,
            (nominal >> 16) as u16,
            (nominal >> 32) as u16,
        ];
        // leading_zeros(hz - 1), as a loop: the MSP430 has no such
        // instruction and the library routine is large.
        let mut noise_mask = u32::MAX;
        let mut h = hz - 1;
        while h != 0 {
            h >>= 1;
            noise_mask >>= 1;
        }
        self.noise_mask = noise_mask;
        self.set_freq(0);
    }

    /// The nominal tick rate (0 when UNCONFIGURED): from the nominal tick
    /// length, the only state the clock needs (not kept twice: RAM is
    /// scarce on the MSP430). Exact, as the tick length is rounded to
    /// 2^-48 s and the rate at most 2^24 Hz.
    pub fn hz(&self) -> u32 {
        let n = self.nominal64();
        ((1u64 << 48) + n / 2).checked_div(n).unwrap_or(0) as u32
    }

    /// True once the clock was set by [`SoftClock::step`].
    pub fn is_set(&self) -> bool {
        self.set
    }

    /// Fraction bits of an [`NtpTimestamp`] below the length of one tick:
    /// these bits carry no information (17 at 32768 Hz, 22 at 1 kHz).
    pub fn noise_bits(&self) -> u32 {
        self.noise_mask.count_ones()
    }

    /// The fraction bits below the length of one tick, set
    /// (`2^noise_bits() - 1`).
    pub(crate) fn noise_mask(&self) -> u32 {
        self.noise_mask
    }

    /// The frequency correction in parts per billion, rounded (positive: the clock
    /// is made to run faster than its nominal rate).
    pub fn frequency_ppb(&self) -> i32 {
        ((self.freq as i64 * 1_000_000_000 + (1 << 31)) >> 32) as i32
    }

    /// Sets the frequency correction, in parts per billion (clamped to
    /// ±500 ppm), e.g. from a value saved before a restart. Takes effect
    /// from tick `ticks` on.
    pub fn set_frequency_ppb(&mut self, ticks: u32, ppb: i32) {
        // 2^32 / 10^9 = 4.294967296: an integer part and a 2^-32 fraction.
        let p = ppb.clamp(-500_000, 500_000) as i64;
        let f = p * 4 + ((p * 1_266_874_889) >> 32);
        self.advance(ticks);
        self.set_freq(f as i32);
        self.freq_known = true;
    }

    /// The slew not yet applied, in 2^-32 s (positive: the clock will
    /// still advance by this much more than its rate).
    pub fn pending_slew(&self) -> NtpDuration {
        NtpDuration(self.pending_slew32() as i64)
    }

    /// [`SoftClock::pending_slew`] (at most 2^31 ticks of 500 ppm of a
    /// tick: under 2^30 units). Out of line: the product's words stay off
    /// the frame of the receive path, where `slew_small` is in line (16 B
    /// more of the firmware's deepest stack in line).
    #[inline(never)]
    fn pending_slew32(&self) -> i32 {
        // The product's bits 16 to 47 by the clock's multiply-accumulate
        // (no 64-bit multiply routine in the image, see `slew_step`).
        let step = self.slew_step();
        let mut v = [0; 5];
        mac(
            &mut v,
            self.slew_left,
            &[step as u16, (step >> 16) as u16, 0],
        );
        negated_if(self.slew_sign, word32(&v, 1))
    }

    /// How much a slewed tick differs from a tick: 500 ppm of a nominal
    /// tick, in 2^-48 s (under 2^32 from 64 Hz on).
    #[inline(never)]
    fn slew_step(&self) -> u32 {
        // Under 2^21 * 2^42, its bits 32 to 63, by the clock's
        // multiply-accumulate rather than a 64-bit product: with
        // `pending_slew32` and the SNTP client's `frac_micros` done the
        // same way, the library's 64-bit multiply is not in the image.
        let mut v = [0; 5];
        mac(&mut v, MAX_FREQ as u32, &self.nominal);
        word32(&v, 2)
    }

    /// The nominal tick length as a number.
    fn nominal64(&self) -> u64 {
        let n = self.nominal;
        n[0] as u64 | (n[1] as u64) << 16 | (n[2] as u64) << 32
    }

    /// The time at `ticks`, without recording the reading. Valid while
    /// `ticks` is less than 2^31 ticks after the last [`SoftClock::now`]
    /// (or [`SoftClock::advance`]).
    pub fn peek(&self, ticks: u32) -> NtpTimestamp {
        // A reading of a copy: one code path.
        self.clone().now(ticks)
    }

    /// The time at `ticks`, recorded as the base of later readings.
    pub fn now(&mut self, ticks: u32) -> NtpTimestamp {
        self.advance(ticks);
        let t = &self.base_time;
        NtpTimestamp(word32(t, 1) as u64 | (word32(t, 3) as u64) << 32)
    }

    /// [`SoftClock::now`] without its result: the reading at `ticks` is
    /// recorded as the base of later readings (a caller that only keeps
    /// the clock read often enough, see the [module documentation](self)).
    /// Out of line, for the callers that only move the clock on: no 64-bit
    /// value built and returned there.
    #[inline(never)]
    pub fn advance(&mut self, ticks: u32) {
        let mut dt = ticks.wrapping_sub(self.base_ticks);
        // A stale reading repeats the last time; the counter of a clock
        // never set may start anywhere, and only differences matter then.
        if dt >= 1 << 31 && self.set {
            dt = 0;
        } else {
            self.base_ticks = ticks;
        }
        // The slewed ticks first, then the rest at the plain rate.
        let left = self.slew_left;
        if less_than(dt, left) {
            self.slew_left = left - dt;
            mac(&mut self.base_time, dt, &self.slew_rate);
        } else {
            self.slew_left = 0;
            // (No slew left, the usual case: no product by zero, about
            // 1,000 cycles of multiplies on the target at every reading.)
            if left != 0 {
                mac(&mut self.base_time, left, &self.slew_rate);
            }
            mac(&mut self.base_time, dt - left, &self.rate);
        }
    }

    /// The time of the last reading (or step), 32.32 as 16-bit words, by
    /// reference: the time's words in place (the 2^-48 s word below them
    /// left out), no copy returned through memory.
    #[inline(always)]
    pub(crate) fn time_words(&self) -> &Words<4> {
        match self.base_time.last_chunk() {
            Some(t) => t,
            // (Never: 4 of the 5 words.)
            None => &[0; 4],
        }
    }

    /// Sets the clock to `time` at tick `ticks`: the first synchronization,
    /// or an offset beyond [`STEP_THRESHOLD`]. A slew in progress is
    /// dropped; the frequency correction is kept and the next frequency
    /// estimate measures from here.
    pub fn step(&mut self, ticks: u32, time: NtpTimestamp) {
        let t = time.0;
        *self.step_in_place(ticks) = [
            t as u16,
            (t >> 16) as u16,
            (t >> 32) as u16,
            (t >> 48) as u16,
        ];
    }

    /// [`SoftClock::step`]'s state change (a step at `ticks`), the time
    /// left to the caller: the time's 32.32 words (the 2^-48 s word below
    /// them cleared) handed back to be written (`step`) or to have an
    /// offset added in place (the SNTP client's step: T4 plus the offset,
    /// rather than a timestamp built from the words and split again).
    pub(crate) fn step_in_place(&mut self, ticks: u32) -> &mut Words<4> {
        self.base_ticks = ticks;
        self.slew_left = 0;
        self.last_sample = ticks;
        self.set = true;
        let [below, time @ ..] = &mut self.base_time;
        *below = 0;
        time
    }

    /// Disciplines the clock with `offset` (true time minus clock time,
    /// measured at about `ticks`, within ±[`STEP_THRESHOLD`]).
    ///
    /// 1. Frequency (FLL): the offset left after the previous slew, over
    ///    the interval since the previous discipline, is the crystal's
    ///    frequency error; the correction moves by all of it the first
    ///    time, afterwards by `interval / (interval + FLL_AVERAGE_S)` of
    ///    it (averaging out measurement noise, most over short intervals),
    ///    within ±500 ppm. Intervals under 8 s are not used.
    /// 2. Phase: the whole offset is slewed at 500 ppm (128 ms take 256 s).
    ///
    /// Larger offsets are clamped to the threshold (the caller steps them).
    pub fn slew(&mut self, ticks: u32, offset: NtpDuration) {
        let offset = offset.0.clamp(-STEP_THRESHOLD.0, STEP_THRESHOLD.0) as i32;
        self.advance(ticks);
        self.slew_small(ticks, offset);
    }

    /// [`SoftClock::slew`] of an offset already within ±[`STEP_THRESHOLD`]
    /// (2^-32 s), as the SNTP client has it: no 64-bit clamp. In line in
    /// the client's `accept` (its one caller in an image without `slew`):
    /// a call, a prologue with seven register saves and an epilogue less,
    /// and its frame no longer stacked on the receive path's. The clock
    /// must have been read at `ticks` ([`SoftClock::advance`]): the client
    /// does so as the reply arrives (a second reading at the same count
    /// would change nothing).
    #[inline]
    pub(crate) fn slew_small(&mut self, ticks: u32, offset: i32) {
        // |offset| <= STEPT < 2^30 and so is the pending slew: 32-bit
        // arithmetic from here (cheaper on the 16-bit target).
        let interval = ticks.wrapping_sub(self.last_sample);
        self.last_sample = ticks;
        // The interval in 2^-48 s (seconds in words 3 and 4), plus
        // FLL_AVERAGE_S once the frequency is known. (0 when UNCONFIGURED:
        // no frequency estimate then.)
        let average = if self.freq_known {
            FLL_AVERAGE_S as u16
        } else {
            0
        };
        let mut t = [0, 0, 0, average, 0];
        mac(&mut t, interval, &self.nominal);
        let min = MIN_FLL_INTERVAL_S as u16 + average;
        if self.set && (interval as i32) >= 0 && (t[4] != 0 || t[3] >= min) {
            // Offset grown since the last discipline beyond what was still
            // to be slewed: the clock's own drift over `interval` ticks.
            let residual = offset - self.pending_slew32();
            // freq (2^-32) = residual (2^-32 s) / interval (s), in full the
            // first time. Later, weighted by interval / (interval +
            // FLL_AVERAGE_S): short intervals, where the tick quantization
            // dominates the residual, count little. With the divisor in
            // 2^-16 s (exact to 15 us, 2e-6 of the shortest interval used;
            // its last bit set, which spares a division-by-zero check) the
            // quotient is under |residual| / 8.
            let sign = high(residual);
            let magnitude = negated_if(sign, residual as u32) as u32;
            let divisor = t[2] as u64 | (t[3] as u64) << 16 | (t[4] as u64) << 32 | 1;
            let q = ((magnitude as u64) << 16) / divisor;
            // Clamped to ±500 ppm: the change at most the room left on its
            // side, 500 ppm minus or plus the correction.
            let room = (MAX_FREQ as u32).wrapping_add(negated_if(!sign, self.freq as u32) as u32);
            let change = negated_if(sign, min32(q as u32, room));
            self.freq_known = true;
            self.freq = self.freq.wrapping_add(change);
        }
        // Phase: slew the whole offset, which includes what was left of
        // the previous slew: |offset| (2^-32 s) / the slew step (2^-48 s)
        // ticks, under 2^32 but at the fastest counters (2^24 Hz) and the
        // threshold itself, where it saturates (as when UNCONFIGURED, with
        // a step of 0).
        self.slew_sign = high(offset);
        let a = negated_if(self.slew_sign, offset as u32) as u32;
        let step = self.slew_step();
        // Saturated when the quotient would not fit 32 bits: a * 2^16 /
        // step >= 2^32 exactly when a / 2^16 (under 2^14) >= step, a step
        // of 0 included: tested by 16-bit words before the division,
        // instead of a zero test and a test of the quotient's high words.
        self.slew_left = u32::MAX;
        if (step >> 16) as u16 != 0 || ((a >> 16) as u16) < step as u16 {
            // (Never by 0 here; `checked_div`: no panic path.)
            self.slew_left = ((a as u64) << 16).checked_div(step as u64).unwrap_or(0) as u32;
        }
        self.set_freq(self.freq);
    }

    /// Sets the frequency correction (within ±500 ppm: the callers keep it
    /// there) and the tick lengths that follow from it.
    const fn set_freq(&mut self, freq: i32) {
        self.freq = freq;
        scale(&self.nominal, freq, &mut self.rate);
        let slewed = freq + negated_if(self.slew_sign, MAX_FREQ as u32);
        scale(&self.nominal, slewed, &mut self.slew_rate);
    }
}

/// `out = nominal * (1 + f / 2^32)`, rounded down, for |f| < 2^31: with
/// `f` read as unsigned (`f + 2^32` when negative), `nominal * f / 2^32`
/// plus `nominal` when `f` is not negative. (Written in place: no copy of
/// a returned value.)
const fn scale(nominal: &Words<3>, f: i32, out: &mut Words<3>) {
    let n = nominal;
    let mut v = [0; 5];
    if f >= 0 {
        v[2] = n[0];
        v[3] = n[1];
        v[4] = n[2];
    }
    mac(&mut v, f as u32, n);
    out[0] = v[2];
    out[1] = v[3];
    out[2] = v[4];
}

/// The timestamp of a 32.32 time in 16-bit words (the SNTP client's
/// tests).
#[cfg(test)]
pub(crate) fn to_ntp(t: &Words<4>) -> NtpTimestamp {
    NtpTimestamp(word32(t, 0) as u64 | (word32(t, 2) as u64) << 32)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn micros(a: NtpTimestamp, b: NtpTimestamp) -> i64 {
        a.wrapping_sub(b).to_micros()
    }

    /// Every number in a `Debug` rendering is 0 and every flag false: the
    /// value is all zero bytes (padding aside).
    pub(crate) fn prints_as_zeros(text: &str) -> bool {
        text.split(|c: char| !c.is_ascii_alphanumeric())
            .all(|word| word == "0" || !word.starts_with(|c: char| c.is_ascii_digit()))
            && !text.contains("true")
            && !text.contains("Some")
    }

    /// `step_in_place` with an offset added to the words it gives leaves
    /// the clock as `step` to the time of the last reading plus that
    /// offset (the SNTP client's step): unset, set, during a slew, after a
    /// stale reading, with offsets that carry across every word.
    #[test]
    fn step_in_place_is_step_to_the_reading_plus_the_offset() {
        let offsets: [u64; 4] = [0, 1, 0x0000_0001_8000_0000, 0xffff_fff0_ffff_ffff];
        for hz in [32768, 1000] {
            let unset = SoftClock::new(hz);
            let mut set = unset.clone();
            set.step(1000, NtpTimestamp::new(3_900_000_000, 0xffff_0000));
            let mut slewing = set.clone();
            slewing.slew(2000, NtpDuration::from_micros(-5000));
            for clock in [unset, set, slewing] {
                // A reading, and one 2^31 ticks behind it (stale: the
                // last time again).
                for ticks in [90_000u32, 90_000u32.wrapping_sub(1 << 31)] {
                    let mut read = clock.clone();
                    read.advance(90_000);
                    read.advance(ticks);
                    for off in offsets {
                        let mut stepped = read.clone();
                        let time = to_ntp(read.time_words()).0.wrapping_add(off);
                        stepped.step(ticks, NtpTimestamp(time));
                        let mut in_place = read.clone();
                        let w = in_place.step_in_place(ticks);
                        let v = to_ntp(w).0.wrapping_add(off);
                        *w = [
                            v as u16,
                            (v >> 16) as u16,
                            (v >> 32) as u16,
                            (v >> 48) as u16,
                        ];
                        assert_eq!(in_place, stepped, "{hz} Hz, tick {ticks}, {off:#x}");
                        // The step's time exactly: no remainder of the
                        // clock's below 2^-32 s kept.
                        assert_eq!(stepped.base_time[0], 0);
                        assert_eq!(to_ntp(stepped.time_words()), NtpTimestamp(time));
                        assert_eq!(
                            in_place.now(ticks.wrapping_add(5000)),
                            stepped.now(ticks.wrapping_add(5000))
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn unconfigured_is_zeros_and_configure_gives_new() {
        let zero = SoftClock::UNCONFIGURED;
        assert!(prints_as_zeros(&std::format!("{zero:?}")));
        assert!(!prints_as_zeros(&std::format!(
            "{:?}",
            SoftClock::new(32768)
        )));
        // Safe to use: it does not run, slews are ignored.
        let mut c = zero.clone();
        assert_eq!(c.now(12_345), NtpTimestamp(0));
        c.slew(20_000, NtpDuration::from_micros(5000));
        c.step(30_000, NtpTimestamp::new(7, 0));
        assert_eq!(c.now(40_000), NtpTimestamp::new(7, 0));
        assert_eq!(c.pending_slew(), NtpDuration(0));
        // configure() in place, over a used clock, gives what new() gives.
        for hz in [32768, 1000, 7, 1 << 30] {
            let mut c = SoftClock::new(1000);
            c.step(5, NtpTimestamp::new(100, 0));
            c.slew(20_000, NtpDuration::from_micros(-3000));
            c.configure(hz);
            assert_eq!(c, SoftClock::new(hz));
        }
        assert_eq!(SoftClock::new(7).hz(), 64);
        assert_eq!(SoftClock::UNCONFIGURED.hz(), 0);
        // The rate is kept only as the tick length, and given back exactly
        // (every rate checked once, off line; here a stride and the top,
        // where the tick length is shortest).
        for hz in (64..=1 << 24)
            .step_by(251)
            .chain((1 << 24) - 4096..=1 << 24)
        {
            assert_eq!(SoftClock::new(hz).hz(), hz);
        }
        // Built at compile time: the same.
        const CLOCK: SoftClock = SoftClock::new(32768);
        assert_eq!(CLOCK, SoftClock::new(32768));
        // The largest slew at the fastest counter: 256 s of ticks, 2^32
        // and a bit, saturated (not wrapped to nothing).
        let mut c = SoftClock::new(1 << 24);
        c.step(0, NtpTimestamp::new(7, 0));
        c.slew(0, STEP_THRESHOLD);
        assert_eq!(c.slew_left, u32::MAX);
        assert!((c.pending_slew().0 - STEP_THRESHOLD.0).abs() < 1 << 16);
    }

    #[test]
    fn negated_if_negates_on_a_negative_sign_word() {
        for x in [
            0u32,
            1,
            0xFFFF,
            0x1_0000,
            0x1_0001,
            0x7FFF_FFFF,
            0x8000_0000,
            u32::MAX,
        ] {
            assert_eq!(negated_if(-1, x), (x as i32).wrapping_neg(), "{x:#x}");
            assert_eq!(negated_if(i16::MIN, x), (x as i32).wrapping_neg(), "{x:#x}");
            assert_eq!(negated_if(0, x), x as i32, "{x:#x}");
            assert_eq!(negated_if(i16::MAX, x), x as i32, "{x:#x}");
            // |x| of a signed x.
            assert_eq!(
                negated_if(high(x as i32), x) as u32,
                (x as i32).unsigned_abs()
            );
        }
    }

    #[test]
    fn counts_ticks_at_nominal_rate_exactly() {
        for hz in [32768u32, 1000, 1024] {
            let mut c = SoftClock::new(hz);
            let t0 = NtpTimestamp::new(3_900_000_000, 0);
            c.step(5, t0);
            // One day, read every second: no rounding drift.
            let mut ticks = 5u32;
            for _ in 0..86_400 {
                ticks = ticks.wrapping_add(hz);
                c.now(ticks);
            }
            let d = c.now(ticks).wrapping_sub(t0);
            assert_eq!(d.to_micros(), 86_400_000_000, "hz {hz}");
            // 2000 s in one reading.
            let mut c2 = SoftClock::new(hz);
            c2.step(5, t0);
            let one_go = c2.peek(5 + hz * 2000);
            assert_eq!(micros(one_go, t0), 2_000_000_000, "hz {hz}");
        }
    }

    #[test]
    fn sub_millisecond_resolution_and_wrap() {
        let mut c = SoftClock::new(32768);
        let t0 = NtpTimestamp::new(100, 0);
        c.step(u32::MAX - 10, t0);
        // 11 ticks later the counter wrapped to 0.
        let t = c.now(0);
        assert_eq!(t.wrapping_sub(t0).0, 11 << 17);
        assert_eq!(micros(t, t0), 336); // 11 / 32768 s
                                        // One tick is 30.5 µs.
        assert_eq!(micros(c.peek(1), t), 31);
        assert_eq!(c.noise_bits(), 17);
        assert_eq!(SoftClock::new(1000).noise_bits(), 22);
    }

    #[test]
    fn stale_reading_does_not_go_backwards() {
        let mut c = SoftClock::new(1000);
        c.step(10_000, NtpTimestamp::new(50, 0));
        let a = c.now(11_000);
        let b = c.now(10_500);
        assert_eq!(a, b);
        let later = c.now(12_000);
        assert_eq!(micros(later, a), 1_000_000);
    }

    /// `advance` (public since the clock app keeps the clock read with it)
    /// changes the clock exactly as `now` does: in a slew, past its end,
    /// on a stale reading, on a clock never set (any counter start).
    #[test]
    fn advance_is_now_without_the_result() {
        let mut set = SoftClock::new(1000);
        set.step(10_000, NtpTimestamp::new(50, 0));
        set.slew(10_000, NtpDuration::from_micros(3_000));
        let unset = SoftClock::new(32768);
        for start in [set, unset] {
            let (mut a, mut n) = (start.clone(), start);
            for ticks in [10_500, 12_000, 11_000, 20_000, 2_000_000, u32::MAX, 7] {
                a.advance(ticks);
                let t = n.now(ticks);
                assert_eq!(a, n, "{ticks}");
                assert_eq!(a.peek(ticks), t, "{ticks}");
            }
        }
    }

    #[test]
    fn slew_is_amortized_at_500_ppm_and_never_jumps() {
        let mut c = SoftClock::new(1000);
        let t0 = NtpTimestamp::new(1000, 0);
        c.step(0, t0);
        c.slew(0, NtpDuration::from_micros(-10_000)); // 10 ms ahead
        assert_eq!(c.pending_slew().to_micros(), -10_000);
        // 10 ms at 500 ppm: 20 s. Halfway, 5 ms absorbed.
        assert_eq!(micros(c.now(10_000), t0), 10_000_000 - 5_000);
        let mut prev = c.peek(10_000);
        for ms in 10_001..30_000u32 {
            let t = c.now(ms);
            let step = micros(t, prev);
            assert!((999..=1000).contains(&step), "at {ms}: {step}");
            prev = t;
        }
        assert_eq!(micros(c.now(30_000), t0), 30_000_000 - 10_000);
        assert_eq!(c.pending_slew().0, 0);
    }

    #[test]
    fn fll_learns_a_crystal_error() {
        fll_learns(32768, &[16.0, 16.0, 32.0, 64.0, 128.0, 256.0]);
        // The fastest counter: intervals under 2^31 ticks (128 s).
        fll_learns(1 << 24, &[16.0, 16.0, 32.0, 64.0, 100.0, 120.0, 120.0]);
    }

    fn fll_learns(hz: u32, intervals: &[f64]) {
        // A crystal 50 ppm fast: `hz` nominal ticks take 1 s / 1.00005.
        let true_ticks = |s: f64| (s * hz as f64 * 1.000_05) as u64 as u32;
        let mut c = SoftClock::new(hz);
        let start = NtpTimestamp::new(3_000_000_000, 0);
        c.step(true_ticks(0.0), start);
        let mut t = 0.0;
        for &interval in intervals {
            t += interval;
            let ticks = true_ticks(t);
            let truth = start.wrapping_add(NtpDuration((t * 4_294_967_296.0) as i64));
            let offset = truth.wrapping_sub(c.now(ticks));
            c.slew(ticks, offset);
        }
        let ppb = c.frequency_ppb();
        assert!((ppb + 49_998).abs() < 200, "{ppb}");
        // Left alone for 1024 s after the slew completes (read every
        // 64 s): under 1 ms off.
        for _ in 0..16 {
            t += 64.0;
            c.now(true_ticks(t));
        }
        let truth = start.wrapping_add(NtpDuration((t * 4_294_967_296.0) as i64));
        let err = truth.wrapping_sub(c.now(true_ticks(t))).to_micros();
        assert!(err.abs() < 1000, "{err}");
    }

    #[test]
    fn frequency_is_clamped_and_settable() {
        let mut c = SoftClock::new(32768);
        c.step(0, NtpTimestamp::new(1, 0));
        // 100 ms after 16 s would be 6250 ppm: clamped to 500.
        c.slew(16 * 32768, NtpDuration::from_micros(100_000));
        assert_eq!(c.frequency_ppb(), 500_000);
        c.set_frequency_ppb(16 * 32768, -1_000_000);
        assert_eq!(c.frequency_ppb(), -500_000);
        c.set_frequency_ppb(16 * 32768, 12_345);
        assert!((c.frequency_ppb() - 12_345).abs() <= 1);
        // At +12.345 ppm, 1000 s of ticks read 1000.012345 s (plus the
        // 100 ms slew still running, 200 s at 500 ppm).
        let a = c.now(16 * 32768);
        let pending = c.pending_slew().to_micros();
        let b = c.now((16 + 1000) * 32768);
        assert!((micros(b, a) - pending - 1_000_012_345).abs() <= 2);
    }
}
