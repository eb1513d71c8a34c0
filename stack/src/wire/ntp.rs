//! NTP packets (RFC 5905 section 7.3; SNTP, RFC 4330) and NTP time formats
//! (RFC 5905 section 6).
//!
//! The view covers the 48-byte header. Extension fields and a MAC may
//! follow (RFC 7822); the view allows them and ignores them.
//!
//! Time arithmetic uses only shifts, additions and multiplications (no
//! 64-bit division: the target is a 16-bit MCU). Timestamp differences are
//! taken modulo 2^64 and read as signed (RFC 5905 section 8), which keeps
//! them right across the era change of 2036-02-07T06:28:16Z as long as the
//! true difference is under 68 years.

use super::{Error, Result};

/// Length of the NTP header (without extension fields or MAC).
pub const HEADER_LEN: usize = 48;

/// The UDP port of NTP.
pub const PORT: u16 = 123;

/// Seconds from the NTP prime epoch (1900-01-01T00:00:00Z, era 0) to the
/// Unix epoch (1970-01-01T00:00:00Z).
pub const UNIX_EPOCH_OFFSET: u32 = 2_208_988_800;

/// Kiss code "DENY": access denied, stop querying this server (RFC 5905 7.4).
pub const KISS_DENY: [u8; 4] = *b"DENY";
/// Kiss code "RSTR": access restricted, stop querying this server.
pub const KISS_RSTR: [u8; 4] = *b"RSTR";
/// Kiss code "RATE": rate exceeded, increase the poll interval.
pub const KISS_RATE: [u8; 4] = *b"RATE";

mod field {
    pub const LI_VN_MODE: usize = 0;
    pub const STRATUM: usize = 1;
    pub const POLL: usize = 2;
    pub const PRECISION: usize = 3;
    pub const ROOT_DELAY: usize = 4;
    pub const ROOT_DISPERSION: usize = 8;
    pub const REFERENCE_ID: usize = 12;
    pub const REFERENCE_TS: usize = 16;
    pub const ORIGIN_TS: usize = 24;
    pub const RECEIVE_TS: usize = 32;
    pub const TRANSMIT_TS: usize = 40;
}

/// An NTP timestamp: 32.32 fixed-point seconds since the start of an NTP
/// era (era 0 began 1900-01-01T00:00:00Z) (RFC 5905 section 6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct NtpTimestamp(pub u64);

/// A signed 32.32 fixed-point number of seconds: the difference of two
/// [`NtpTimestamp`]s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct NtpDuration(pub i64);

/// An NTP short: 16.16 fixed-point unsigned seconds (root delay, root
/// dispersion; RFC 5905 section 6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct NtpShort(pub u32);

// ceil(2^62 / 10^9) and ceil(2^52 / 10^6): sub-second units to a 32-bit
// binary fraction by multiplication (see `frac_from`).
const NANOS_TO_FRAC: u64 = 4_611_686_019;
const MICROS_TO_FRAC: u64 = 4_503_599_628;

/// `ceil(units * 2^32 / per_sec)` without division: `k / 2^shift`
/// approximates `2^32 / per_sec` from above closely enough that the
/// product, rounded down, is the floor or the ceiling of the exact value;
/// one exact comparison then picks the ceiling. The ceiling is what makes
/// `frac_to` give `units` back.
fn frac_from(units: u32, k: u64, shift: u32, per_sec: u32) -> u32 {
    let f = ((units as u64 * k) >> shift) as u32;
    if (f as u64 * per_sec as u64) < (units as u64) << 32 {
        f + 1
    } else {
        f
    }
}

/// `frac * per_sec / 2^32`, rounded down.
fn frac_to(frac: u32, per_sec: u32) -> u32 {
    ((frac as u64 * per_sec as u64) >> 32) as u32
}

impl NtpTimestamp {
    /// Builds a timestamp from era seconds and a binary fraction of a second.
    pub const fn new(seconds: u32, fraction: u32) -> NtpTimestamp {
        NtpTimestamp((seconds as u64) << 32 | fraction as u64)
    }

    /// Whole seconds within the era.
    pub const fn seconds(self) -> u32 {
        (self.0 >> 32) as u32
    }

    /// Fraction of a second, in units of 2^-32 s.
    pub const fn fraction(self) -> u32 {
        self.0 as u32
    }

    /// True for the zero timestamp, which means "unknown" (RFC 5905 7.3).
    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// The timestamp of a Unix time (seconds since 1970, nanoseconds
    /// 0..1e9). The era is dropped (the result is modulo 2^32 seconds).
    /// Nanoseconds over 999 999 999 are clamped.
    pub fn from_unix_nanos(unix_secs: i64, nanos: u32) -> NtpTimestamp {
        let secs = (unix_secs as u32).wrapping_add(UNIX_EPOCH_OFFSET);
        NtpTimestamp::new(
            secs,
            frac_from(nanos.min(999_999_999), NANOS_TO_FRAC, 30, 1_000_000_000),
        )
    }

    /// As [`NtpTimestamp::from_unix_nanos`], with microseconds (0..1e6).
    pub fn from_unix_micros(unix_secs: i64, micros: u32) -> NtpTimestamp {
        let secs = (unix_secs as u32).wrapping_add(UNIX_EPOCH_OFFSET);
        NtpTimestamp::new(
            secs,
            frac_from(micros.min(999_999), MICROS_TO_FRAC, 20, 1_000_000),
        )
    }

    /// Unix seconds of this timestamp read in NTP era `era` (0: 1900 to
    /// 2036-02-07T06:28:15Z, 1: from 2036-02-07T06:28:16Z). Eras beyond
    /// about ±2^30 wrap around the i64 range instead of overflowing.
    pub fn unix_secs_in_era(self, era: i32) -> i64 {
        ((era as i64) << 32)
            .wrapping_add(self.seconds() as i64)
            .wrapping_sub(UNIX_EPOCH_OFFSET as i64)
    }

    /// Unix seconds of this timestamp in the era that puts it nearest to
    /// `pivot_unix_secs` (within -2^31..2^31 seconds of it): the era hint
    /// is a time known to be within 68 years, e.g. the firmware build time.
    pub fn unix_secs_near(self, pivot_unix_secs: i64) -> i64 {
        let pivot_ntp = (pivot_unix_secs as u32).wrapping_add(UNIX_EPOCH_OFFSET);
        pivot_unix_secs.wrapping_add(self.seconds().wrapping_sub(pivot_ntp) as i32 as i64)
    }

    /// The fraction as nanoseconds (rounded down, 0..=999 999 999).
    pub fn subsec_nanos(self) -> u32 {
        frac_to(self.fraction(), 1_000_000_000)
    }

    /// The fraction as microseconds (rounded down, 0..=999 999).
    pub fn subsec_micros(self) -> u32 {
        frac_to(self.fraction(), 1_000_000)
    }

    /// `self - earlier` modulo 2^64, as a signed 32.32 value: right across
    /// an era change while the true difference is under 2^31 s (RFC 5905
    /// section 8).
    pub const fn wrapping_sub(self, earlier: NtpTimestamp) -> NtpDuration {
        NtpDuration(self.0.wrapping_sub(earlier.0) as i64)
    }

    /// `self + d` modulo 2^64 (stays in the era arithmetic of timestamps).
    pub const fn wrapping_add(self, d: NtpDuration) -> NtpTimestamp {
        NtpTimestamp(self.0.wrapping_add(d.0 as u64))
    }
}

impl NtpDuration {
    /// Whole seconds, rounded towards negative infinity.
    pub const fn seconds_floor(self) -> i32 {
        (self.0 >> 32) as i32
    }

    /// The value in `per_sec` units per second, rounded to nearest (ties
    /// up), with multiplications and shifts only.
    fn to_units(self, per_sec: u32) -> i64 {
        let whole = (self.0 >> 32) * per_sec as i64;
        let frac = ((self.0 as u32 as u64 * per_sec as u64 + (1 << 31)) >> 32) as i64;
        whole + frac
    }

    /// The value in microseconds, rounded to nearest.
    pub fn to_micros(self) -> i64 {
        self.to_units(1_000_000)
    }

    /// The value in milliseconds, rounded to nearest.
    pub fn to_millis(self) -> i64 {
        self.to_units(1_000)
    }

    /// A duration of `micros` microseconds (within 2^-32 s, so that
    /// [`NtpDuration::to_micros`] gives `micros` back). Meant for
    /// local timer intervals such as the time between sending a request
    /// and receiving its reply.
    pub fn from_micros(micros: i32) -> NtpDuration {
        // 2^32 / 10^6 = 4294.967296: an integer part times m, plus the
        // fraction 0.967296 * 2^32 = 4154504685.55 (rounded up) times m,
        // rounded down: off the exact value by less than 1.
        let m = micros.unsigned_abs() as u64;
        let v = (m * 4294 + ((m * 4_154_504_686) >> 32)) as i64;
        NtpDuration(if micros < 0 { -v } else { v })
    }
}

impl NtpShort {
    /// Builds a value from whole seconds and a 2^-16 fraction.
    pub const fn new(seconds: u16, fraction: u16) -> NtpShort {
        NtpShort((seconds as u32) << 16 | fraction as u32)
    }

    /// Whole seconds.
    pub const fn seconds(self) -> u16 {
        (self.0 >> 16) as u16
    }

    /// Fraction of a second, in units of 2^-16 s.
    pub const fn fraction(self) -> u16 {
        self.0 as u16
    }

    /// The value in microseconds, rounded down.
    pub fn to_micros(self) -> u64 {
        (self.0 as u64 * 1_000_000) >> 16
    }

    /// The value in milliseconds, rounded down.
    pub fn to_millis(self) -> u32 {
        ((self.0 as u64 * 1_000) >> 16) as u32
    }

    /// The value of `micros` microseconds, rounded up to the next 2^-16 s.
    pub fn from_micros(micros: u32) -> NtpShort {
        // 2^16 / 10^6 as ceil(2^48 / 10^6) / 2^32: the floor or the ceiling
        // of the exact value; an exact comparison picks the ceiling.
        let f = (micros as u64 * 281_474_977) >> 32;
        NtpShort(if f * 1_000_000 < (micros as u64) << 16 {
            f as u32 + 1
        } else {
            f as u32
        })
    }
}

/// Leap indicator (RFC 5905 figure 9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeapIndicator {
    /// 0: no warning.
    NoWarning,
    /// 1: the last minute of the day has 61 seconds.
    LastMinute61,
    /// 2: the last minute of the day has 59 seconds.
    LastMinute59,
    /// 3: unknown (clock unsynchronized).
    Unsynchronized,
}

impl LeapIndicator {
    /// The indicator of a 2-bit value (higher bits ignored).
    pub const fn from_bits(v: u8) -> LeapIndicator {
        match v & 3 {
            0 => LeapIndicator::NoWarning,
            1 => LeapIndicator::LastMinute61,
            2 => LeapIndicator::LastMinute59,
            _ => LeapIndicator::Unsynchronized,
        }
    }

    /// The 2-bit value.
    pub const fn bits(self) -> u8 {
        self as u8
    }
}

/// Association mode (RFC 5905 figure 10).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// 0: reserved.
    Reserved,
    /// 1: symmetric active.
    SymmetricActive,
    /// 2: symmetric passive.
    SymmetricPassive,
    /// 3: client.
    Client,
    /// 4: server.
    Server,
    /// 5: broadcast.
    Broadcast,
    /// 6: NTP control message.
    Control,
    /// 7: reserved for private use.
    Private,
}

impl Mode {
    /// The mode of a 3-bit value (higher bits ignored).
    pub const fn from_bits(v: u8) -> Mode {
        match v & 7 {
            0 => Mode::Reserved,
            1 => Mode::SymmetricActive,
            2 => Mode::SymmetricPassive,
            3 => Mode::Client,
            4 => Mode::Server,
            5 => Mode::Broadcast,
            6 => Mode::Control,
            _ => Mode::Private,
        }
    }

    /// The 3-bit value.
    pub const fn bits(self) -> u8 {
        self as u8
    }
}

/// A view of an NTP packet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NtpPacket<T: AsRef<[u8]>> {
    buffer: T,
}

impl<T: AsRef<[u8]>> NtpPacket<T> {
    /// Wraps a buffer without checking it.
    pub const fn new_unchecked(buffer: T) -> NtpPacket<T> {
        NtpPacket { buffer }
    }

    /// Wraps a buffer of at least [`HEADER_LEN`] bytes.
    pub fn new_checked(buffer: T) -> Result<NtpPacket<T>> {
        let p = Self::new_unchecked(buffer);
        p.check_len()?;
        Ok(p)
    }

    /// [`Error::Truncated`] when shorter than the 48-byte header; longer
    /// buffers (extension fields, MAC) are accepted.
    pub fn check_len(&self) -> Result<()> {
        if self.buffer.as_ref().len() < HEADER_LEN {
            Err(Error::Truncated)
        } else {
            Ok(())
        }
    }

    /// Gives the buffer back.
    pub fn into_inner(self) -> T {
        self.buffer
    }

    fn u32_at(&self, at: usize) -> u32 {
        let b = self.buffer.as_ref();
        u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
    }

    fn ts_at(&self, at: usize) -> NtpTimestamp {
        NtpTimestamp::new(self.u32_at(at), self.u32_at(at + 4))
    }

    /// Leap indicator.
    pub fn leap_indicator(&self) -> LeapIndicator {
        LeapIndicator::from_bits(self.buffer.as_ref()[field::LI_VN_MODE] >> 6)
    }

    /// Version number (3 bits).
    pub fn version(&self) -> u8 {
        (self.buffer.as_ref()[field::LI_VN_MODE] >> 3) & 7
    }

    /// Association mode.
    pub fn mode(&self) -> Mode {
        Mode::from_bits(self.buffer.as_ref()[field::LI_VN_MODE])
    }

    /// Stratum: 0 unspecified or kiss-o'-death, 1 primary, 2..15 secondary,
    /// 16 unsynchronized.
    pub fn stratum(&self) -> u8 {
        self.buffer.as_ref()[field::STRATUM]
    }

    /// Poll interval, log2 seconds.
    pub fn poll(&self) -> i8 {
        self.buffer.as_ref()[field::POLL] as i8
    }

    /// Precision of the system clock, log2 seconds.
    pub fn precision(&self) -> i8 {
        self.buffer.as_ref()[field::PRECISION] as i8
    }

    /// Root delay.
    pub fn root_delay(&self) -> NtpShort {
        NtpShort(self.u32_at(field::ROOT_DELAY))
    }

    /// Root dispersion.
    pub fn root_dispersion(&self) -> NtpShort {
        NtpShort(self.u32_at(field::ROOT_DISPERSION))
    }

    /// Reference ID: a kiss code, a reference clock name, an IPv4 address
    /// or the first four bytes of the MD5 of an IPv6 address.
    pub fn ref_id(&self) -> [u8; 4] {
        self.u32_at(field::REFERENCE_ID).to_be_bytes()
    }

    /// The kiss code of a kiss-o'-death packet: the reference ID when the
    /// stratum is 0 (RFC 5905 section 7.4), else `None`.
    pub fn kiss_code(&self) -> Option<[u8; 4]> {
        if self.stratum() == 0 {
            Some(self.ref_id())
        } else {
            None
        }
    }

    /// Reference timestamp: when the server clock was last set.
    pub fn ref_timestamp(&self) -> NtpTimestamp {
        self.ts_at(field::REFERENCE_TS)
    }

    /// Origin timestamp (T1: the client's transmit time, echoed).
    pub fn orig_timestamp(&self) -> NtpTimestamp {
        self.ts_at(field::ORIGIN_TS)
    }

    /// Receive timestamp (T2: when the server received the request).
    pub fn recv_timestamp(&self) -> NtpTimestamp {
        self.ts_at(field::RECEIVE_TS)
    }

    /// Transmit timestamp (T3: when the server sent the reply).
    pub fn xmit_timestamp(&self) -> NtpTimestamp {
        self.ts_at(field::TRANSMIT_TS)
    }

    /// Bytes after the header (extension fields, MAC), not interpreted.
    pub fn trailer(&self) -> &[u8] {
        let b = self.buffer.as_ref();
        &b[HEADER_LEN.min(b.len())..]
    }
}

impl<T: AsRef<[u8]> + AsMut<[u8]>> NtpPacket<T> {
    fn set_u32_at(&mut self, at: usize, v: u32) {
        self.buffer.as_mut()[at..at + 4].copy_from_slice(&v.to_be_bytes());
    }

    fn set_ts_at(&mut self, at: usize, v: NtpTimestamp) {
        self.buffer.as_mut()[at..at + 8].copy_from_slice(&v.0.to_be_bytes());
    }

    /// Sets leap indicator, version and mode (the first byte).
    pub fn set_li_vn_mode(&mut self, li: LeapIndicator, version: u8, mode: Mode) {
        self.buffer.as_mut()[field::LI_VN_MODE] = li.bits() << 6 | (version & 7) << 3 | mode.bits();
    }

    /// Sets the stratum.
    pub fn set_stratum(&mut self, v: u8) {
        self.buffer.as_mut()[field::STRATUM] = v
    }

    /// Sets the poll exponent.
    pub fn set_poll(&mut self, v: i8) {
        self.buffer.as_mut()[field::POLL] = v as u8
    }

    /// Sets the precision exponent.
    pub fn set_precision(&mut self, v: i8) {
        self.buffer.as_mut()[field::PRECISION] = v as u8
    }

    /// Sets the root delay.
    pub fn set_root_delay(&mut self, v: NtpShort) {
        self.set_u32_at(field::ROOT_DELAY, v.0)
    }

    /// Sets the root dispersion.
    pub fn set_root_dispersion(&mut self, v: NtpShort) {
        self.set_u32_at(field::ROOT_DISPERSION, v.0)
    }

    /// Sets the reference ID.
    pub fn set_ref_id(&mut self, v: [u8; 4]) {
        self.set_u32_at(field::REFERENCE_ID, u32::from_be_bytes(v))
    }

    /// Sets the reference timestamp.
    pub fn set_ref_timestamp(&mut self, v: NtpTimestamp) {
        self.set_ts_at(field::REFERENCE_TS, v)
    }

    /// Sets the origin timestamp.
    pub fn set_orig_timestamp(&mut self, v: NtpTimestamp) {
        self.set_ts_at(field::ORIGIN_TS, v)
    }

    /// Sets the receive timestamp.
    pub fn set_recv_timestamp(&mut self, v: NtpTimestamp) {
        self.set_ts_at(field::RECEIVE_TS, v)
    }

    /// Sets the transmit timestamp.
    pub fn set_xmit_timestamp(&mut self, v: NtpTimestamp) {
        self.set_ts_at(field::TRANSMIT_TS, v)
    }
}

/// Why a server reply is not usable (RFC 4330 section 5, RFC 5905 7.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyError {
    /// Mode is neither server (4) nor broadcast (5).
    NotServer,
    /// The origin timestamp does not echo our request's transmit timestamp.
    OriginMismatch,
    /// Kiss-o'-death: stratum 0 with this kiss code.
    Kiss([u8; 4]),
    /// Leap indicator 3 or stratum over 15: the server is not synchronized.
    Unsynchronized,
    /// The transmit timestamp is zero.
    ZeroTransmit,
}

/// The fields of an NTP header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NtpRepr {
    /// Leap indicator.
    pub leap: LeapIndicator,
    /// Version, 1..=4.
    pub version: u8,
    /// Association mode.
    pub mode: Mode,
    /// Stratum.
    pub stratum: u8,
    /// Poll exponent.
    pub poll: i8,
    /// Precision exponent.
    pub precision: i8,
    /// Root delay.
    pub root_delay: NtpShort,
    /// Root dispersion.
    pub root_dispersion: NtpShort,
    /// Reference ID (kiss code when stratum is 0).
    pub ref_id: [u8; 4],
    /// Reference timestamp.
    pub ref_timestamp: NtpTimestamp,
    /// Origin timestamp (T1).
    pub orig_timestamp: NtpTimestamp,
    /// Receive timestamp (T2).
    pub recv_timestamp: NtpTimestamp,
    /// Transmit timestamp (T3).
    pub xmit_timestamp: NtpTimestamp,
}

impl NtpRepr {
    /// A client request (mode 3, version 4) whose only set field is the
    /// transmit timestamp, as RFC 4330 section 5 recommends; the server
    /// echoes it as the reply's origin timestamp.
    pub const fn client_request(xmit: NtpTimestamp) -> NtpRepr {
        NtpRepr {
            leap: LeapIndicator::NoWarning,
            version: 4,
            mode: Mode::Client,
            stratum: 0,
            poll: 0,
            precision: 0,
            root_delay: NtpShort(0),
            root_dispersion: NtpShort(0),
            ref_id: [0; 4],
            ref_timestamp: NtpTimestamp(0),
            orig_timestamp: NtpTimestamp(0),
            recv_timestamp: NtpTimestamp(0),
            xmit_timestamp: xmit,
        }
    }

    /// Parses a checked view. Versions other than 1..=4 give
    /// [`Error::BadVersion`] (RFC 4330 section 5: accept 1 to 4).
    pub fn parse<T: AsRef<[u8]>>(packet: &NtpPacket<T>) -> Result<NtpRepr> {
        packet.check_len()?;
        let version = packet.version();
        if !(1..=4).contains(&version) {
            return Err(Error::BadVersion);
        }
        Ok(NtpRepr {
            leap: packet.leap_indicator(),
            version,
            mode: packet.mode(),
            stratum: packet.stratum(),
            poll: packet.poll(),
            precision: packet.precision(),
            root_delay: packet.root_delay(),
            root_dispersion: packet.root_dispersion(),
            ref_id: packet.ref_id(),
            ref_timestamp: packet.ref_timestamp(),
            orig_timestamp: packet.orig_timestamp(),
            recv_timestamp: packet.recv_timestamp(),
            xmit_timestamp: packet.xmit_timestamp(),
        })
    }

    /// Bytes [`NtpRepr::emit`] writes.
    pub const fn buffer_len(&self) -> usize {
        HEADER_LEN
    }

    /// Writes the 48-byte header ([`Error::Truncated`] if the buffer is
    /// shorter).
    pub fn emit<T: AsRef<[u8]> + AsMut<[u8]>>(&self, packet: &mut NtpPacket<T>) -> Result<()> {
        packet.check_len()?;
        packet.set_li_vn_mode(self.leap, self.version, self.mode);
        packet.set_stratum(self.stratum);
        packet.set_poll(self.poll);
        packet.set_precision(self.precision);
        packet.set_root_delay(self.root_delay);
        packet.set_root_dispersion(self.root_dispersion);
        packet.set_ref_id(self.ref_id);
        packet.set_ref_timestamp(self.ref_timestamp);
        packet.set_orig_timestamp(self.orig_timestamp);
        packet.set_recv_timestamp(self.recv_timestamp);
        packet.set_xmit_timestamp(self.xmit_timestamp);
        Ok(())
    }

    /// The kiss code when this is a kiss-o'-death (stratum 0).
    pub fn kiss_code(&self) -> Option<[u8; 4]> {
        if self.stratum == 0 {
            Some(self.ref_id)
        } else {
            None
        }
    }

    /// Sanity checks of a reply to a request sent with transmit timestamp
    /// `request_xmit` (RFC 4330 section 5; RFC 5905 section 7.4 for kiss
    /// codes). The mode check comes first, then the origin match (so that
    /// forged kiss-o'-death packets are ignored), then the kiss code.
    pub fn check_reply(&self, request_xmit: NtpTimestamp) -> core::result::Result<(), ReplyError> {
        if self.mode != Mode::Server && self.mode != Mode::Broadcast {
            return Err(ReplyError::NotServer);
        }
        if self.orig_timestamp != request_xmit {
            return Err(ReplyError::OriginMismatch);
        }
        if let Some(code) = self.kiss_code() {
            return Err(ReplyError::Kiss(code));
        }
        if self.leap == LeapIndicator::Unsynchronized || self.stratum > 15 {
            return Err(ReplyError::Unsynchronized);
        }
        if self.xmit_timestamp.is_zero() {
            return Err(ReplyError::ZeroTransmit);
        }
        Ok(())
    }

    /// Clock offset θ = ((T2 - T1) + (T3 - T4)) / 2 of a reply received at
    /// `t4` (RFC 5905 section 8). Each half is halved first so that the sum
    /// cannot overflow.
    pub fn offset(&self, t4: NtpTimestamp) -> NtpDuration {
        let a = self.recv_timestamp.wrapping_sub(self.orig_timestamp).0;
        let b = self.xmit_timestamp.wrapping_sub(t4).0;
        NtpDuration((a >> 1) + (b >> 1) + (a & b & 1))
    }

    /// Round-trip delay δ = (T4 - T1) - (T3 - T2) (RFC 5905 section 8).
    pub fn delay(&self, t4: NtpTimestamp) -> NtpDuration {
        let total = t4.wrapping_sub(self.orig_timestamp).0;
        let server = self.xmit_timestamp.wrapping_sub(self.recv_timestamp).0;
        NtpDuration(total.wrapping_sub(server))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2036-02-07T06:28:15Z and 06:28:16Z in Unix seconds: the last second of
    // NTP era 0 and the first of era 1.
    const LAST_ERA0: i64 = 2_085_978_495;
    const FIRST_ERA1: i64 = 2_085_978_496;

    #[test]
    fn era_change_2036() {
        let a = NtpTimestamp::from_unix_nanos(LAST_ERA0, 0);
        let b = NtpTimestamp::from_unix_nanos(FIRST_ERA1, 0);
        assert_eq!(a, NtpTimestamp::new(0xffff_ffff, 0));
        assert_eq!(b, NtpTimestamp::new(0, 0));
        assert_eq!(b.wrapping_sub(a), NtpDuration(1 << 32));
        assert_eq!(a.wrapping_sub(b), NtpDuration(-(1 << 32)));
        assert_eq!(b.wrapping_sub(a).to_millis(), 1000);
        assert_eq!(a.unix_secs_in_era(0), LAST_ERA0);
        assert_eq!(b.unix_secs_in_era(1), FIRST_ERA1);
        assert_eq!(b.unix_secs_in_era(0), -(UNIX_EPOCH_OFFSET as i64));
        // A pivot of 2026 resolves both to the right side of the change.
        let pivot = 1_790_000_000;
        assert_eq!(a.unix_secs_near(pivot), LAST_ERA0);
        assert_eq!(b.unix_secs_near(pivot), FIRST_ERA1);
        // Half seconds either side: 0xffffffff.80000000 and 0x00000000.80000000.
        let a = NtpTimestamp(0xffff_ffff_8000_0000);
        let b = NtpTimestamp(0x0000_0000_8000_0000);
        assert_eq!(b.wrapping_sub(a).to_micros(), 1_000_000);
        assert_eq!(a.wrapping_sub(b).to_micros(), -1_000_000);
        assert_eq!(a.subsec_nanos(), 500_000_000);
        assert_eq!(
            a.wrapping_add(NtpDuration(1 << 31)),
            NtpTimestamp::new(0, 0)
        );
        // Half-way through era 0 (1968-01-20T03:14:08Z) the stamps cross
        // 2^63: still a plain one-second difference.
        let before = NtpTimestamp::new(0x7fff_ffff, 0);
        let after = NtpTimestamp::new(0x8000_0000, 0);
        assert_eq!(after.wrapping_sub(before), NtpDuration(1 << 32));
        assert_eq!(before.wrapping_sub(after), NtpDuration(-(1 << 32)));
        // 68 years minus a second across the change is still right.
        let far = NtpTimestamp::new(0x7fff_fffe, 0);
        assert_eq!(
            far.wrapping_sub(NtpTimestamp::new(0xffff_ffff, 0))
                .seconds_floor(),
            0x7fff_ffff
        );
    }

    #[test]
    fn unix_conversions() {
        // 2026-11-20T00:00:00Z = 1_795_132_800; NTP seconds 4_004_121_600.
        let t = NtpTimestamp::from_unix_micros(1_795_132_800, 250_000);
        assert_eq!(t.seconds(), 4_004_121_600);
        assert_eq!(t.fraction(), 0x4000_0000);
        assert_eq!(t.subsec_micros(), 250_000);
        assert_eq!(t.unix_secs_near(1_700_000_000), 1_795_132_800);
        // Unix epoch itself.
        let e = NtpTimestamp::from_unix_nanos(0, 0);
        assert_eq!(e.seconds(), UNIX_EPOCH_OFFSET);
        assert_eq!(e.unix_secs_in_era(0), 0);
        // Round trips of every sub-second value at a stride, plus the ends.
        let mut n = 0u32;
        while n < 1_000_000_000 {
            let t = NtpTimestamp::from_unix_nanos(1, n);
            assert_eq!(t.subsec_nanos(), n, "nanos {n}");
            n += 999_983;
        }
        for n in [0, 1, 2, 499_999_999, 500_000_000, 999_999_998, 999_999_999] {
            assert_eq!(NtpTimestamp::from_unix_nanos(1, n).subsec_nanos(), n);
        }
        for u in 0..1_000_000 {
            assert_eq!(
                NtpTimestamp::from_unix_micros(1, u).subsec_micros(),
                u,
                "micros {u}"
            );
        }
        // Fractions agree with the exact value 2^32 * n / 1e9 (ceil).
        for n in [1u32, 123_456_789, 999_999_999] {
            let exact = ((n as u128) << 32).div_ceil(1_000_000_000) as u32;
            assert_eq!(NtpTimestamp::from_unix_nanos(0, n).fraction(), exact);
        }
    }

    #[test]
    fn durations() {
        assert_eq!(NtpDuration(0).to_micros(), 0);
        assert_eq!(NtpDuration(-1).to_micros(), 0); // -2^-32 s rounds to 0
        assert_eq!(NtpDuration(-(1 << 31)).to_millis(), -500);
        assert_eq!(NtpDuration(-(3 << 30)).to_millis(), -750);
        assert_eq!(NtpDuration(5 << 32 | 0x8000_0000).to_millis(), 5500);
        assert_eq!(NtpDuration(i64::MIN).to_millis(), -(1i64 << 31) * 1000);
        for us in [
            0i32,
            1,
            -1,
            999_999,
            1_000_000,
            -1_000_001,
            i32::MAX,
            i32::MIN,
            -987_654_321,
        ] {
            assert_eq!(NtpDuration::from_micros(us).to_micros(), us as i64, "{us}");
        }
        let mut us = -2_000_000_000i32;
        while us < 2_000_000_000 {
            assert_eq!(NtpDuration::from_micros(us).to_micros(), us as i64, "{us}");
            us += 999_983;
        }
        assert_eq!(NtpDuration::from_micros(1_500_000), NtpDuration(3 << 31));
    }

    #[test]
    fn ntp_short() {
        let s = NtpShort::new(1, 0x8000);
        assert_eq!(s.to_micros(), 1_500_000);
        assert_eq!(s.to_millis(), 1500);
        assert_eq!(NtpShort::from_micros(1_500_000), s);
        assert_eq!(NtpShort::from_micros(15), NtpShort(1)); // rounds up
        assert_eq!(NtpShort::from_micros(u32::MAX), NtpShort(281_474_977));
        for us in [0u32, 16, 1000, 999_999, u32::MAX] {
            let v = NtpShort::from_micros(us);
            let us = us as u64;
            // Rounded up by less than one 2^-16 s step.
            assert!(
                v.to_micros() + 16 > us && (v.0 as u64 * 1_000_000).div_ceil(65536) >= us,
                "{us}"
            );
        }
    }

    // A hand-assembled server reply: LI 0, VN 4, mode 4, stratum 2, poll 3,
    // precision -24, root delay 0x0000_0b9c, root dispersion 0x0000_0d63,
    // ref ID 192.0.2.1, timestamps in November 2025. (Replies from scapy
    // and chronyd are in tests/vectors_udp_ntp_dns.rs.)
    const REPLY: [u8; 48] = [
        0x24, 0x02, 0x03, 0xe8, 0x00, 0x00, 0x0b, 0x9c, 0x00, 0x00, 0x0d, 0x63, 0xc0, 0x00, 0x02,
        0x01, 0xeb, 0xbc, 0x51, 0x52, 0x1f, 0x6a, 0x3c, 0x41, 0xeb, 0xbc, 0x52, 0x7a, 0x3c, 0x9a,
        0xa5, 0x00, 0xeb, 0xbc, 0x52, 0x7a, 0x41, 0x27, 0x53, 0x8d, 0xeb, 0xbc, 0x52, 0x7a, 0x41,
        0x30, 0x2f, 0x6e,
    ];

    #[test]
    fn parse_reply() {
        let p = NtpPacket::new_checked(&REPLY[..]).unwrap();
        assert_eq!(p.leap_indicator(), LeapIndicator::NoWarning);
        assert_eq!(p.version(), 4);
        assert_eq!(p.mode(), Mode::Server);
        assert_eq!(p.stratum(), 2);
        assert_eq!(p.poll(), 3);
        assert_eq!(p.precision(), -24);
        assert_eq!(p.root_delay(), NtpShort(0x0b9c));
        assert_eq!(p.root_dispersion().to_micros(), 0x0d63 * 1_000_000 / 65536);
        assert_eq!(p.ref_id(), [192, 0, 2, 1]);
        assert_eq!(p.kiss_code(), None);
        assert_eq!(p.ref_timestamp(), NtpTimestamp(0xebbc_5152_1f6a_3c41));
        assert_eq!(p.orig_timestamp(), NtpTimestamp(0xebbc_527a_3c9a_a500));
        assert_eq!(p.recv_timestamp(), NtpTimestamp(0xebbc_527a_4127_538d));
        assert_eq!(p.xmit_timestamp(), NtpTimestamp(0xebbc_527a_4130_2f6e));
        assert_eq!(p.trailer(), b"");
        let r = NtpRepr::parse(&p).unwrap();
        assert_eq!(r.check_reply(NtpTimestamp(0xebbc_527a_3c9a_a500)), Ok(()));
        assert_eq!(
            r.check_reply(NtpTimestamp(0xebbc_527a_3c9a_a501)),
            Err(ReplyError::OriginMismatch)
        );
        // Emit gives back the same bytes.
        let mut out = [0u8; 48];
        r.emit(&mut NtpPacket::new_unchecked(&mut out[..])).unwrap();
        assert_eq!(out, REPLY);
        // T4 one millisecond after T3: delay and offset from the four stamps.
        let t4 = r
            .xmit_timestamp
            .wrapping_add(NtpDuration::from_micros(1000));
        let d = r.delay(t4).to_micros();
        let total = t4.wrapping_sub(r.orig_timestamp).to_micros();
        let server = r.xmit_timestamp.wrapping_sub(r.recv_timestamp).to_micros();
        assert!((d - (total - server)).abs() <= 1);
        let o = r.offset(t4).0;
        let a = r.recv_timestamp.wrapping_sub(r.orig_timestamp).0;
        let b = r.xmit_timestamp.wrapping_sub(t4).0;
        assert_eq!(o as i128, (a as i128 + b as i128) >> 1);
    }

    #[test]
    fn offset_does_not_overflow() {
        let mut r = NtpRepr::client_request(NtpTimestamp(0));
        r.orig_timestamp = NtpTimestamp(0);
        r.recv_timestamp = NtpTimestamp(0x7fff_ffff_ffff_ffff);
        r.xmit_timestamp = NtpTimestamp(0x7fff_ffff_ffff_ffff);
        assert_eq!(r.offset(NtpTimestamp(0)), NtpDuration(i64::MAX));
        r.recv_timestamp = NtpTimestamp(0x8000_0000_0000_0000);
        r.xmit_timestamp = NtpTimestamp(0x8000_0000_0000_0000);
        assert_eq!(r.offset(NtpTimestamp(0)), NtpDuration(i64::MIN));
    }

    #[test]
    fn client_request_round_trip() {
        let t1 = NtpTimestamp::from_unix_micros(FIRST_ERA1 + 10, 123_456);
        let req = NtpRepr::client_request(t1);
        let mut buf = [0xffu8; 60];
        let mut p = NtpPacket::new_unchecked(&mut buf[..]);
        req.emit(&mut p).unwrap();
        assert_eq!(buf[0], 0x23); // LI 0, VN 4, mode 3
        assert_eq!(&buf[1..40], &[0u8; 39][..]);
        assert_eq!(&buf[40..44], &10u32.to_be_bytes());
        let p = NtpPacket::new_checked(&buf[..]).unwrap();
        assert_eq!(p.trailer().len(), 12);
        assert_eq!(NtpRepr::parse(&p), Ok(req));
        assert_eq!(
            NtpRepr::parse(&p).unwrap().check_reply(t1),
            Err(ReplyError::NotServer)
        );
        let mut small = [0u8; 47];
        assert_eq!(
            req.emit(&mut NtpPacket::new_unchecked(&mut small[..])),
            Err(Error::Truncated)
        );
    }

    #[test]
    fn kiss_and_bad_headers() {
        let mut b = REPLY;
        b[1] = 0;
        b[12..16].copy_from_slice(b"RATE");
        let p = NtpPacket::new_checked(&b[..]).unwrap();
        assert_eq!(p.kiss_code(), Some(KISS_RATE));
        let r = NtpRepr::parse(&p).unwrap();
        assert_eq!(
            r.check_reply(r.orig_timestamp),
            Err(ReplyError::Kiss(KISS_RATE))
        );
        b[1] = 16;
        let r = NtpRepr::parse(&NtpPacket::new_checked(&b[..]).unwrap()).unwrap();
        assert_eq!(
            r.check_reply(r.orig_timestamp),
            Err(ReplyError::Unsynchronized)
        );
        b[1] = 2;
        b[0] = 0xe4; // LI 3
        let r = NtpRepr::parse(&NtpPacket::new_checked(&b[..]).unwrap()).unwrap();
        assert_eq!(
            r.check_reply(r.orig_timestamp),
            Err(ReplyError::Unsynchronized)
        );
        b[0] = 0x24;
        b[40..48].fill(0);
        let r = NtpRepr::parse(&NtpPacket::new_checked(&b[..]).unwrap()).unwrap();
        assert_eq!(
            r.check_reply(r.orig_timestamp),
            Err(ReplyError::ZeroTransmit)
        );
        for vn in [0u8, 5, 7] {
            b[0] = vn << 3 | 4;
            let p = NtpPacket::new_checked(&b[..]).unwrap();
            assert_eq!(NtpRepr::parse(&p), Err(Error::BadVersion));
        }
        for n in 0..48 {
            assert_eq!(
                NtpPacket::new_checked(&REPLY[..n]).unwrap_err(),
                Error::Truncated
            );
        }
    }
}
